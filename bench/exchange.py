"""How fast the spreadsheets are at volume (issue 15): a big export and a big import, each next
to a plain reference measured in the same run and process.

    .venv/bin/python bench/exchange.py                          # PostgreSQL, 100,000 events
    .venv/bin/python bench/exchange.py --backend sqlite         # SQLite, 20,000 events
    .venv/bin/python bench/exchange.py --events 30000 --people 5000 --only export
    .venv/bin/python bench/exchange.py --only export --small 2000 --profile   # where the time goes

The data is made once into its own database and kept: on PostgreSQL `<--database>_e<events>`
on DATABASE_URL's server (else the local one), on SQLite a file of that name in the temporary
folder; `--fresh` makes it again. It is the registry at scale 0.4 (`committees.volume`: 120
organisations, 55 of which host events, 2,000 people, 40 legal documents) and `--events`
published events written in bulk: hosts among those 55, co-organisers for two events in five,
one or two legal documents each, 0–4 connection sites, one summary in fifty starting with "-"
(a list, as secretariats type them: exported escaped).

Export (`--only export`): the events' export as the admin's big-export task writes it —
`resource.export_rows(queryset)` into `portal.exchange.formats.write_xlsx` to a temporary file —
for the resource registered for events (`EventResource`) and for `BaseEvents`
below (the same kind of columns on the base alone: what the core costs without the domain's
code), next to the reference: the same columns read by one `values_list` query (the many-valued
ones aggregated in SQL), written raw to an openpyxl write-only workbook. Each is run at
`--small` rows (which also warms up what it uses), timed `--rounds` times at all rows (the
median; the contenders take turns), timed once reading its rows without writing them, then
run once more at all rows; the two untimed runs measure the peak Python memory (tracemalloc),
the peak resident growth over the size before the run (VmHWM, reset before; memory freed by an
earlier run is reused, so it reads lower on the second) and the queries.

Import (`--only import`): `--people` rows of new people with titles ("PGS, TS") and biographies,
written as the registered `PersonResource` exports them, read back from the XLSX bytes, then
imported through it with the importing user: a dry run, the apply, and the same file again
(every row unchanged); then the same file through the library's plain
`ModelResource(use_bulk=True)` (name and biography; its instance loader reads each row's record
by name). Every import runs inside a transaction rolled back at the end: the database is kept
as it was. Queries are counted by an execute wrapper (DEBUG off in-process).

Nothing is asserted: the figures are printed as Markdown tables for the README. Goals: export
at most 2x the reference with memory flat in the number of rows; apply of 20,000 people in at
most 10 s with foreign keys from lookups built once per file.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import os
import pstats
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.deploy.stack import postgres_server  # noqa: E402

SEED = 35
SLUG_PREFIX = "xb-"
REGISTRY_SCALE = 0.4
DEFAULT_EVENTS = {"postgresql": 100_000, "sqlite": 20_000}
BATCH = 5000


# --- the database ---------------------------------------------------------------------------


def database_url(args: argparse.Namespace) -> str:
    """The URL of the bench's database, created (empty) and migrated when missing or `--fresh`."""
    name = f"{args.database}_e{args.events}"
    if args.backend == "sqlite":
        path = Path(tempfile.gettempdir()) / f"{name}.sqlite3"
        if args.fresh:
            path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        import psycopg

        server = postgres_server()
        admin = urlsplit(server)._replace(path="/postgres").geturl()
        url = urlsplit(server)._replace(path=f"/{name}").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists and args.fresh:
                conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                exists = None
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    env.pop("REDIS_URL", None)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return url


def make_volume(events: int) -> None:
    """The registry at REGISTRY_SCALE and `events` events, in one transaction (all or nothing)."""
    from django.db import connection, transaction

    from committees import volume as committees_volume
    from committees.models import LegalDocument, Organization, OrganizationKind
    from events.models import Event, EventFormat, EventKind, EventSite, EventStatus, PartOfDay
    from portal.volume import Volume

    if Event.objects.filter(slug__startswith=SLUG_PREFIX).count() == events:
        return
    started = time.perf_counter()
    print(f"Generating the registry and {events:,} events…", flush=True)
    rng = random.Random(SEED)  # noqa: S311 - reproducible test data
    with transaction.atomic():
        if not Organization.objects.exists():
            committees_volume.generate(Volume(scale=REGISTRY_SCALE, rng=rng))
        hosts = list(
            Organization.objects.exclude(kind__in=[OrganizationKind.PARTY_COMMITTEE, OrganizationKind.UNIT])
        )
        documents = list(LegalDocument.objects.all())
        co_organizers = Event.co_organizers.through
        legal_documents = Event.legal_documents.through
        kinds = list(EventKind)
        first_day = dt.date(2018, 1, 1).toordinal()
        for start in range(0, events, BATCH):
            batch = []
            for index in range(start, min(events, start + BATCH)):
                host = rng.choice(hosts)
                kind = rng.choice(kinds)
                day = dt.date.fromordinal(first_day + rng.randint(0, 3650))
                summary = "Các đại biểu đánh giá kết quả và đề ra phương hướng, nhiệm vụ thời gian tới."
                if rng.random() < 0.02:
                    summary = "- Đánh giá kết quả;\n- Đề ra nhiệm vụ thời gian tới."
                hour = rng.choice([None, 7, 8, 8, 13, 14])
                batch.append(
                    Event(
                        title=f"{kind.label} số {index} – {host.name}",
                        slug=f"{SLUG_PREFIX}su-kien-{index}",
                        kind=kind,
                        purpose=rng.choice(["", "interim_review", "final_review", "thematic"]),
                        level=rng.choice(["", "province", "institution"]),
                        format=rng.choice([EventFormat.IN_PERSON, EventFormat.ONLINE, EventFormat.HYBRID]),
                        status=EventStatus.PUBLISHED,
                        start_date=day,
                        start_time=None if hour is None else dt.time(hour, 30),
                        part_of_day="" if hour else rng.choice(["", *PartOfDay.values]),
                        end_date=day + dt.timedelta(days=1) if rng.random() < 0.1 else None,
                        host=host,
                        summary=summary,
                    )
                )
            batch = Event.objects.bulk_create(batch, batch_size=2000)
            co_organizers.objects.bulk_create(
                [
                    co_organizers(event_id=event.pk, organization_id=org.pk)
                    for event in batch
                    if rng.random() < 0.4
                    for org in rng.sample(hosts, rng.choice([1, 1, 2]))
                    if org.pk != event.host_id
                ],
                batch_size=2000,
            )
            legal_documents.objects.bulk_create(
                [
                    legal_documents(event_id=event.pk, legaldocument_id=document.pk)
                    for event in batch
                    for document in rng.sample(documents, rng.choice([1, 1, 2]))
                ],
                batch_size=2000,
            )
            EventSite.objects.bulk_create(
                [
                    EventSite(event=event, organization=org, is_main=order == 0, order=order)
                    for event in batch
                    for order, org in enumerate(
                        rng.sample(
                            hosts, rng.choice([1, 2, 3, 4]) if event.format != EventFormat.IN_PERSON else 0
                        )
                    )
                ],
                batch_size=2000,
            )
            print(f"  {start + len(batch):,} events", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"Generated in {time.perf_counter() - started:.0f} s.", flush=True)


# --- measuring ------------------------------------------------------------------------------


def rss_kib(field: str = "VmRSS") -> int:
    match = re.search(rf"{field}:\s+(\d+)", Path("/proc/self/status").read_text())
    return int(match.group(1)) if match else 0


def reset_peak_rss() -> bool:
    """Reset VmHWM to the current resident size (Linux 4.0+); False where it cannot be."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


class Queries:
    """Counts the statements sent to the database while installed (an execute wrapper)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self) -> Queries:
        from django.db import connection

        self._installed = connection.execute_wrapper(self)
        self._installed.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._installed.__exit__(*exc)


def timed(action: Callable[[], Any], rounds: int) -> tuple[list[float], Any]:
    """`action()` `rounds` times: the seconds of each, and the last result."""
    samples, result = [], None
    for _round in range(rounds):
        gc.collect()
        started = time.perf_counter()
        result = action()
        samples.append(time.perf_counter() - started)
    return samples, result


def memory(action: Callable[[], Any]) -> tuple[float, float, int]:
    """Peak Python memory (tracemalloc, MiB), peak resident growth (MiB) and queries of `action()`."""
    gc.collect()
    resident = rss_kib()
    can_reset = reset_peak_rss()
    tracemalloc.start()
    with Queries() as queries:
        action()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    grown = (rss_kib("VmHWM") - resident) / 1024 if can_reset else float("nan")
    return peak / 2**20, grown, queries.count


# --- export ---------------------------------------------------------------------------------


def base_events_resource() -> type:
    """Event columns on the base alone (widgets and SpreadsheetResource, no domain code)."""
    from django.db.models import Prefetch
    from import_export.fields import Field

    from committees.models import LegalDocument, Organization
    from events.models import Event, EventFormat, EventKind, EventLevel, EventPurpose, EventSite, EventStatus
    from events.models import PartOfDay as Part
    from portal.exchange.resources import SpreadsheetResource
    from portal.exchange.widgets import ChoiceWidget, DateWidget, LookupWidget, ManyLookupWidget, TextWidget
    from portal.exchange.widgets import TimeWidget as Time

    def organizations() -> ManyLookupWidget:
        return ManyLookupWidget(Organization, keys=("name", "short_name"))

    class BaseEvents(SpreadsheetResource):
        title = Field(attribute="title", column_name="Tên sự kiện", widget=TextWidget(max_length=500))
        kind = Field(attribute="kind", column_name="Loại", widget=ChoiceWidget(EventKind.choices))
        purpose = Field(
            attribute="purpose", column_name="Mục đích", widget=ChoiceWidget(EventPurpose.choices)
        )
        level = Field(attribute="level", column_name="Cấp", widget=ChoiceWidget(EventLevel.choices))
        format = Field(attribute="format", column_name="Hình thức", widget=ChoiceWidget(EventFormat.choices))
        start_date = Field(attribute="start_date", column_name="Ngày bắt đầu", widget=DateWidget())
        start_time = Field(attribute="start_time", column_name="Giờ bắt đầu", widget=Time())
        part_of_day = Field(attribute="part_of_day", column_name="Buổi", widget=ChoiceWidget(Part.choices))
        end_date = Field(attribute="end_date", column_name="Ngày kết thúc", widget=DateWidget())
        end_time = Field(attribute="end_time", column_name="Giờ kết thúc", widget=Time())
        host = Field(
            attribute="host", column_name="Đơn vị chủ trì", widget=LookupWidget(Organization, keys=("name",))
        )
        co_organizers = Field(
            attribute="co_organizers", column_name="Đơn vị phối hợp", widget=organizations()
        )
        summary = Field(attribute="summary", column_name="Tóm tắt", widget=TextWidget(one_line=False))
        legal_documents = Field(
            attribute="legal_documents",
            column_name="Văn bản triển khai",
            widget=ManyLookupWidget(LegalDocument, keys=("number",), label=lambda doc: doc.number),
        )
        sites = Field(column_name="Điểm cầu", readonly=True)
        status = Field(
            attribute="status",
            column_name="Trạng thái",
            widget=ChoiceWidget(EventStatus.choices),
            readonly=True,
        )

        natural_key = ("title", "start_date", "host")

        class Meta:
            model = Event
            fields = (
                "title", "kind", "purpose", "level", "format", "start_date", "start_time", "part_of_day",
                "end_date", "end_time", "host", "co_organizers", "summary", "legal_documents", "sites",
                "status",
            )  # fmt: skip

        def export_queryset(self, queryset):
            return queryset.select_related("host").prefetch_related(
                "co_organizers",
                "legal_documents",
                Prefetch(
                    "sites", queryset=EventSite.objects.select_related("organization").order_by("order")
                ),
            )

        def dehydrate_sites(self, event):
            return "; ".join(
                site.organization.name + (" (điểm cầu chính)" if site.is_main else "")
                for site in event.sites.all()
            )

    return BaseEvents


def reference_rows(queryset) -> tuple[list[str], Iterator[list[Any]]]:
    """The same columns by one query: labels mapped in Python, many-valued columns joined in SQL."""
    from django.db import connection
    from django.db.models import Aggregate, OuterRef, Subquery, TextField, Value
    from django.db.models.functions import Concat

    from events.models import Event, EventFormat, EventKind, EventLevel, EventPurpose, EventSite, EventStatus
    from events.models import PartOfDay as Part

    class Joined(Aggregate):
        function = "STRING_AGG" if connection.vendor == "postgresql" else "GROUP_CONCAT"
        template = "%(function)s(%(expressions)s, '; ')"
        output_field = TextField()

    def joined(model, column: str, **filters) -> Subquery:
        rows = model.objects.filter(event=OuterRef("pk"), **filters).values("event")
        return Subquery(rows.annotate(joined=Joined(column)).values("joined"), output_field=TextField())

    co_organizers = Event.co_organizers.through
    legal_documents = Event.legal_documents.through
    columns = queryset.annotate(
        co=joined(co_organizers, "organization__name"),
        docs=joined(legal_documents, "legaldocument__number"),
        site_names=joined(
            EventSite,
            Concat("organization__name", Value(" (điểm cầu chính)"), output_field=TextField()),
            is_main=True,
        ),
        other_sites=joined(EventSite, "organization__name", is_main=False),
    ).values_list(
        "title", "kind", "purpose", "level", "format", "start_date", "start_time", "part_of_day", "end_date",
        "end_time", "host__name", "co", "summary", "docs", "site_names", "other_sites", "status",
    )  # fmt: skip
    labels = {
        index: {value: str(label) for value, label in choices.choices}
        for index, choices in [
            (1, EventKind),
            (2, EventPurpose),
            (3, EventLevel),
            (4, EventFormat),
            (7, Part),
        ]
    }
    statuses = {value: str(label) for value, label in EventStatus.choices}
    headers = [
        "Tên sự kiện", "Loại", "Mục đích", "Cấp", "Hình thức", "Ngày bắt đầu", "Giờ bắt đầu", "Buổi",
        "Ngày kết thúc", "Giờ kết thúc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Tóm tắt", "Văn bản triển khai",
        "Điểm cầu", "Trạng thái",
    ]  # fmt: skip

    def rows() -> Iterator[list[Any]]:
        for values in columns.iterator(chunk_size=2000):
            row = list(values)
            for index, mapping in labels.items():
                row[index] = mapping.get(row[index], row[index])
            sites = "; ".join(part for part in (row[14], row[15]) if part)
            yield [*row[:14], sites, statuses.get(row[16], row[16])]

    return headers, rows()


def dump_reference(queryset, path: Path, *, write: bool = True) -> int:
    """The plain dump: raw values appended to an openpyxl write-only workbook."""
    from openpyxl import Workbook

    headers, rows = reference_rows(queryset)
    if not write:
        return sum(1 for _row in rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sự kiện")
    sheet.append(headers)
    count = 0
    for row in rows:
        sheet.append(row)
        count += 1
    book.save(path)
    return count


def dump_resource(resource_class: type, queryset, path: Path, *, write: bool = True) -> int:
    """The portal's export: `export_rows` into `write_xlsx`; without `write`, the rows alone."""
    from portal.exchange.formats import write_xlsx

    resource = resource_class()
    if not write:
        return sum(1 for _row in resource.export_rows(queryset))
    with path.open("wb") as stream:
        return write_xlsx(stream, resource.export_headers(), resource.export_rows(queryset), title="Sự kiện")


def bench_export(args: argparse.Namespace) -> list[str]:
    from events.models import Event
    from portal.exchange import registry

    everything = Event.objects.filter(slug__startswith=SLUG_PREFIX)
    total = everything.count()
    small_last = everything.order_by("pk").values_list("pk", flat=True)[min(args.small, total) - 1]
    small_rows = everything.filter(pk__lte=small_last)
    entry = registry.entry_for(Event)
    base = base_events_resource()
    contenders: list[tuple[str, Callable[..., int]]] = [
        ("reference: `values_list` + write-only openpyxl", dump_reference),
        ("the base alone (`BaseEvents`)", lambda qs, path, **kw: dump_resource(base, qs, path, **kw)),
    ]
    if entry is not None:
        contenders.append(
            (
                f"`{entry.resource.__name__}`",
                lambda qs, path, **kw: dump_resource(entry.resource, qs, path, **kw),
            )
        )
    else:
        print("No resource is registered for events yet: the base alone is measured.", flush=True)
    folder = Path(tempfile.mkdtemp(prefix="bcd35-exchange-bench-"))
    path = folder / "export.xlsx"
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        contenders[-1][1](small_rows, path)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    # The smaller export first: it warms up (translations, imports) what the timed ones use.
    small = {name: memory(lambda action=action: action(small_rows, path)) for name, action in contenders}
    # Then the timed rounds, the contenders taking turns (a machine getting busier in the
    # middle of the run weighs on all of them alike), and a last run of each for its memory.
    samples: dict[str, list[float]] = {name: [] for name, _action in contenders}
    sizes: dict[str, int] = {}
    for _round in range(args.rounds):
        for name, action in contenders:
            seconds, count = timed(lambda action=action: action(everything, path), 1)
            samples[name] += seconds
            sizes[name] = path.stat().st_size
            print(f"{name}: {seconds[0]:.1f} s for {count:,} rows", flush=True)
    # The rows alone, without the workbook: what reading the records costs.
    reading = {name: timed(lambda action=action: action(everything, path, write=False), 1)[0][0]
               for name, action in contenders}  # fmt: skip
    results = []
    for name, action in contenders:
        last = memory(lambda action=action: action(everything, path))
        results.append(
            (name, statistics.median(samples[name]), reading[name], count, sizes[name], *small[name], *last)
        )
    path.unlink(missing_ok=True)
    folder.rmdir()
    reference = results[0][1]
    lines = [
        f"| export of events to XLSX | rows | s | × reference | the rows alone, s | file MB | "
        f"tracemalloc peak MiB, {args.small:,} → {total:,} rows | RSS growth MiB | queries |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for (
        name,
        seconds,
        alone,
        count,
        size,
        small_peak,
        small_rss,
        small_queries,
        peak,
        rss,
        queries,
    ) in results:
        lines.append(
            f"| {name} | {count:,} | {seconds:.1f} | **{seconds / reference:.2f}** | {alone:.1f} | "
            f"{size / 1e6:.1f} | "
            f"{small_peak:.1f} → {peak:.1f} | {small_rss:.0f} → {rss:.0f} | {small_queries} → {queries} |"
        )
    return lines


# --- import ---------------------------------------------------------------------------------

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Lâm",
    "Mai",
    "Trịnh",
    "Tạ",
    "Quách",
]
MIDDLE = [
    "Văn",
    "Thị",
    "Đình",
    "Quốc",
    "Thanh",
    "Minh",
    "Hữu",
    "Công",
    "Tấn",
    "Xuân",
    "Đức",
    "Ngọc",
    "Kim",
    "Bảo",
    "Phương",
    "Hoài",
    "Gia",
    "Thu",
    "Nhật",
    "Trọng",
]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Cường",
    "Dũng",
    "Duy",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hòa",
    "Hùng",
    "Hương",
    "Khánh",
    "Khoa",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Ngân",
    "Nhung",
    "Phong",
    "Phúc",
    "Phương",
    "Quang",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Thủy",
    "Trang",
    "Trung",
    "Tuấn",
    "Tú",
    "Vân",
    "Việt",
    "Yến",
    "Lâm",
    "Quyên",
    "Thành",
    "Tùng",
    "Uyên",
    "Vinh",
    "Xuân",
    "Đạt",
]
BIO = (
    "Sinh năm {year} tại {place}. Nguyên giảng viên Khoa Xây dựng Đảng; tham gia biên soạn nhiều giáo trình "
    "về công tác bảo vệ nền tảng tư tưởng của Đảng."
)


def people_rows(count: int) -> list[Any]:
    """`count` new people (unsaved) with names no stored person has, titles and biographies."""
    from committees.models import AcademicTitle, Degree, Honorific, Person
    from portal.lib.text import fold

    rng = random.Random(SEED)  # noqa: S311 - reproducible test data
    # Names are compared as the import compares them: without accents or case.
    stored = {fold(name) for name in Person.objects.values_list("full_name", flat=True)}
    names = [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN]
    names += [
        f"{f} {m} {n} {g}" for f in FAMILY for m in MIDDLE for n in ("Anh", "Hồng", "Thế") for g in GIVEN
    ]
    fresh = []
    for name in names:
        if fold(name) not in stored:
            stored.add(fold(name))
            fresh.append(name)
    names = fresh
    rng.shuffle(names)
    if len(names) < count:
        raise SystemExit(f"At most {len(names):,} distinct new names.")
    people = []
    for name in names[:count]:
        people.append(
            Person(
                full_name=name,
                academic_title=rng.choice(["", "", *AcademicTitle.values]),
                degree=rng.choice(["", Degree.TS, Degree.TS, Degree.THS, Degree.TSKH]),
                honorific=rng.choice(["", "", "", *Honorific.values]),
                bio=BIO.format(year=rng.randint(1950, 1995), place=rng.choice(["Hà Nội", "Huế", "Cần Thơ"])),
            )
        )
    return people


def library_people_resource(headers: list[str]) -> type:
    """The library's plain bulk resource on the same file: name and biography by their columns."""
    from import_export import resources
    from import_export.fields import Field

    from committees.models import Person

    name_column = next((h for h in headers if "tên" in h.lower()), headers[0])
    bio_column = next((h for h in headers if "tiểu sử" in h.lower()), headers[-1])
    counter = iter(range(10**9))

    class LibraryPeople(resources.ModelResource):
        full_name = Field(attribute="full_name", column_name=name_column)
        bio = Field(attribute="bio", column_name=bio_column)

        class Meta:
            model = Person
            fields = ("full_name", "bio")
            import_id_fields = ("full_name",)
            use_bulk = True
            batch_size = 1000

        def before_save_instance(self, instance, row, **kwargs):
            instance.slug = f"{SLUG_PREFIX}nguoi-{next(counter)}"

    return LibraryPeople


class Rollback(Exception):
    pass


def bench_import(args: argparse.Namespace) -> list[str]:
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from committees.models import Person
    from portal.exchange import registry
    from portal.exchange.formats import XLSX, write_xlsx

    entry = registry.entry_for(Person)
    if entry is None:
        print("No resource is registered for people yet: the import is not measured.", flush=True)
        return []
    resource_class = entry.resource

    def vacuum() -> None:
        # The people of earlier imports were rolled back: their dead rows would slow down every
        # read of the table (the library's reads one a row), the more the more imports.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (Person, LogEntry):
                    cursor.execute(f'VACUUM ANALYZE "{model._meta.db_table}"')

    user, _created = get_user_model().objects.get_or_create(
        username="xb-bench", defaults={"is_staff": True, "is_superuser": True}
    )
    people = people_rows(args.people)
    writer = resource_class()
    headers = writer.export_headers()
    fields = writer.get_export_fields()
    stream = io.BytesIO()
    write_xlsx(stream, headers, ([writer.export_field(f, p) for f in fields] for p in people), title="Người")
    content = stream.getvalue()
    print(f"People file: {len(people):,} rows, {len(content) / 1e6:.1f} MB, columns {headers}", flush=True)

    lines = [
        f"| import of {len(people):,} people (XLSX) | s | queries | rows new / update / skip / invalid |",
        "|---|---|---|---|",
    ]

    def run(name: str, resource, *, dry_run: bool) -> None:
        gc.collect()
        with Queries() as queries:
            started = time.perf_counter()
            dataset = XLSX().create_dataset(content)
            read = time.perf_counter() - started
            result = resource.import_data(dataset, dry_run=dry_run, user=user)
            seconds = time.perf_counter() - started
        totals = result.totals
        errors = [str(error.error) for error in result.base_errors][:1] + [
            f"row {row.number + 1}: {row.error_dict}" for row in result.invalid_rows[:2]
        ]
        summary = f"{totals['new']:,} / {totals['update']:,} / {totals['skip']:,} / {totals['invalid']:,}"
        lines.append(
            f"| {name} | {seconds:.1f} (reading the file {read:.1f}) | {queries.count:,} | {summary} |"
        )
        print(lines[-1], *errors, flush=True)

    vacuum()
    try:
        with transaction.atomic():
            run(f"`{resource_class.__name__}`: dry run", resource_class(), dry_run=True)
            run(f"`{resource_class.__name__}`: apply", resource_class(), dry_run=False)
            run(f"`{resource_class.__name__}`: the same file again", resource_class(), dry_run=False)
            raise Rollback
    except Rollback:
        pass
    if args.library:
        vacuum()
        try:
            with transaction.atomic():
                library = library_people_resource(headers)
                run("reference: `ModelResource(use_bulk=True)`: apply", library(), dry_run=False)
                raise Rollback
        except Rollback:
            pass
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--events", type=int, default=None, help="100,000 on PostgreSQL, 20,000 on SQLite")
    parser.add_argument("--small", type=int, default=10_000, help="rows of the smaller export (memory)")
    parser.add_argument("--people", type=int, default=20_000, help="rows of the people file")
    parser.add_argument("--rounds", type=int, default=1, help="timed exports of each kind")
    parser.add_argument(
        "--only", choices=["data", "export", "import"], default=None, help="data: make it only"
    )
    parser.add_argument(
        "--no-library", dest="library", action="store_false", help="skip the library's import"
    )
    parser.add_argument("--profile", action="store_true", help="profile the last export at --small rows")
    parser.add_argument("--database", default="bcd35_exchange_bench")
    parser.add_argument("--fresh", action="store_true", help="make the data again")
    args = parser.parse_args()
    args.events = args.events or DEFAULT_EVENTS[args.backend]
    url = database_url(args)

    os.environ["DATABASE_URL"] = url
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.utils import translation

    # As in production: no per-query debug log.
    settings.DEBUG = False
    translation.activate("vi")
    make_volume(args.events)
    print(f"{connection.vendor}, {args.events:,} events; Python {sys.version.split()[0]}", flush=True)
    tables = []
    if args.only in (None, "export"):
        tables.append(bench_export(args))
    if args.only in (None, "import"):
        tables.append(bench_import(args))
    for table in tables:
        print()
        print("\n".join(table))


if __name__ == "__main__":
    main()
