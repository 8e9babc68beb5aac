"""Backup and restore (portal.backup; `manage.py backup` and `manage.py restore`).

Round trips run the real commands in subprocesses against databases and media folders made
for the test: a source with the demo data, an admin, a group with permissions, an admin log
entry and extra media files; it is backed up once per module and restored into fresh empty
databases (SQLite files, or PostgreSQL databases created and dropped here). Refusals run in
the test process against the test database, which is empty, and check that nothing changed.
"""

import errno
import gzip
import hashlib
import io
import json
import os
import re
import secrets
import sqlite3
import stat
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
import django
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.migrations.loader import MigrationLoader
from django.utils.dateparse import parse_datetime

from portal.media import object_headers
from tests.s3 import Bucket

ROOT = Path(__file__).resolve().parents[2]
SUITE_ENGINE = "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"
ARCHIVE_NAME = re.compile(r"^bcd35-backup-\d{4}-\d{2}-\d{2}T\d{6}\.tar$")
DATABASE_MEMBERS = {"postgresql": "database/postgresql.dump", "sqlite": "database/sqlite3.db.gz"}
EXCLUDED_FROM_DATA = {"contenttypes.ContentType", "auth.Permission", "sessions.Session"}

ADMIN_PASSWORD = "mat-khau-sao-luu-2026"  # noqa: S105 - a test account
EXTRA_MEDIA = {
    "committees/Quyết định số 12-QĐ.pdf": b"%PDF-1.4\n% t\xe1\xba\xa3i l\xc3\xaan\n%%EOF\n",
    "nested/deeper/empty.txt": b"",
    "binary.bin": bytes(range(256)) * 64,
}
# A group with permissions (natural keys), the admin in it and one admin log entry.
EXTRAS_SCRIPT = """
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from events.models import Event

group = Group.objects.create(name="Thư ký BCĐ35")
codenames = ["view_event", "change_event", "view_agreement"]
group.permissions.set(Permission.objects.filter(codename__in=codenames))
admin = User.objects.get(username="admin")
admin.groups.add(group)
LogEntry.objects.log_actions(
    user_id=admin.pk,
    queryset=Event.objects.order_by("pk")[:1],
    action_flag=CHANGE,
    change_message="Sửa tóm tắt",
)
"""
STATE_SCRIPT = """
import io, json
from django.apps import apps
from django.core.management import call_command

rows = {
    model._meta.label: model._base_manager.count()
    for model in apps.get_models(include_auto_created=True)
    if model._meta.label != "sessions.Session"
}
out = io.StringIO()
call_command(
    "dumpdata", exclude=["contenttypes", "auth.permission", "sessions"],
    use_natural_foreign_keys=True, use_base_manager=True, stdout=out,
)
print("STATE " + json.dumps({"rows": rows, "data": json.loads(out.getvalue())}))
"""
# New rows after a restore must get ids past the restored ones (sequences reset on PostgreSQL).
WRITE_SCRIPT = """
from committees.models import Organization, Region
from events.models import Event

region = Region.objects.create(name="Vùng thử sau khôi phục", slug="vung-thu-sau-khoi-phuc", order=99)
event = Event.objects.order_by("pk").first()
event.co_organizers.add(*Organization.objects.exclude(pk__in=event.co_organizers.all())[:1])
print("WROTE", region.pk, event.pk, event.co_organizers.count())
"""


@dataclass
class Site:
    """A portal outside the test process: its database and media folder (or media bucket, tests/s3.py),
    driven by manage.py."""

    database_url: str
    media_root: Path
    bucket: Bucket | None = None

    def manage(self, *args: str, check: bool = True, env: dict[str, str] | None = None):
        environment = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(self.media_root),
            "DEBUG": "1",
            **(self.bucket.environment() if self.bucket else {}),
            **(env or {}),
        }
        # Without REDIS_URL tasks run eagerly and nothing is left queued in Redis.
        environment.pop("REDIS_URL", None)
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if check and result.returncode != 0:
            pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def state(self) -> dict:
        """Rows of every model and the whole portable copy, M2M lists in a stable order."""
        output = self.manage("shell", "--no-imports", "-c", STATE_SCRIPT).stdout
        state = json.loads(output.split("STATE ", 1)[1])
        state["data"] = sorted((_stable(obj) for obj in state["data"]), key=lambda o: (o["model"], o["pk"]))
        return state

    def media(self) -> dict[str, bytes]:
        if self.bucket:
            return self.bucket.contents()
        if not self.media_root.exists():
            return {}
        return {
            path.relative_to(self.media_root).as_posix(): path.read_bytes()
            for path in sorted(self.media_root.rglob("*"))
            if not path.is_dir()
        }


# Django's JSON keeps a time to the millisecond: a time with 1–999 µs is written "…:16.000Z" from
# the source and, loaded back with no microseconds, "…:16Z" from the copy. The same instant.
WHOLE_SECOND = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.000(Z|[+-]\d\d:\d\d)$")


def _same_instant(value):
    """`value` with every time written to the millisecond of a whole second written without it."""
    if isinstance(value, str):
        return WHOLE_SECOND.sub(r"\1\2", value)
    if isinstance(value, dict):
        return {key: _same_instant(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_same_instant(item) for item in value]
    return value


def assert_same_state(restored: dict, original: dict) -> None:
    """Same rows in every model and the same objects, field by field; a failure shows only the
    objects that differ."""
    assert restored["rows"] == original["rows"]
    restored_objects = {(obj["model"], obj["pk"]): _same_instant(obj["fields"]) for obj in restored["data"]}
    original_objects = {(obj["model"], obj["pk"]): _same_instant(obj["fields"]) for obj in original["data"]}
    differing = {
        key: (restored_objects.get(key), original_objects.get(key))
        for key in restored_objects.keys() | original_objects.keys()
        if restored_objects.get(key) != original_objects.get(key)
    }
    assert differing == {}
    assert len(restored["data"]) == len(original["data"])


def assert_new_rows_follow_the_restored_ones(target: Site, original: dict) -> None:
    """A region and an M2M link added after the restore take the next ids (no duplicate key)."""
    regions = [int(obj["pk"]) for obj in original["data"] if obj["model"] == "committees.region"]
    events = [obj for obj in original["data"] if obj["model"] == "events.event"]
    first_event = min(events, key=lambda obj: int(obj["pk"]))
    output = target.manage("shell", "--no-imports", "-c", WRITE_SCRIPT).stdout
    assert output.split() == [
        "WROTE",
        str(max(regions) + 1),
        first_event["pk"],
        str(len(first_event["fields"]["co_organizers"]) + 1),
    ]


def _stable(obj: dict) -> dict:
    model = apps.get_model(obj["model"])
    fields = dict(obj["fields"])
    for field in model._meta.many_to_many:
        if field.name in fields:
            fields[field.name] = sorted(fields[field.name], key=json.dumps)
    return {**obj, "pk": str(obj.get("pk")), "fields": fields}


class PostgresServer:
    """Creates fresh PostgreSQL databases named after the suite's own, and drops them at the end."""

    def __init__(self):
        suite_url = os.environ.get("DATABASE_URL", "")
        if suite_url.startswith(("postgres://", "postgresql://")):
            self.base = suite_url
            self.prefix = dj_database_url.parse(suite_url)["NAME"]
        else:
            self.base = "postgres://postgres@127.0.0.1:5432/postgres"
            self.prefix = "bcd35_backup"
        self.created: list[str] = []

    def url(self, name: str) -> str:
        return urlparse(self.base)._replace(path=f"/{name}", query="").geturl()

    def admin(self):
        import psycopg

        return psycopg.connect(self.url("postgres"), autocommit=True, connect_timeout=3)

    def create(self) -> str:
        name = f"{self.prefix}_{secrets.token_hex(4)}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
            # A scratch database: commits need not wait for the disk (migrate runs twice as fast).
            conn.execute(f'ALTER DATABASE "{name}" SET synchronous_commit TO off')
        self.created.append(name)
        return self.url(name)

    def tables(self, url: str) -> list[str]:
        import psycopg

        with psycopg.connect(url) as conn:
            rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
        return sorted(row[0] for row in rows)

    def major_version(self) -> int:
        with self.admin() as conn:
            return conn.info.server_version // 10000

    def drop_all(self) -> None:
        with self.admin() as conn:
            for name in self.created:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres():
    """PostgreSQL at DATABASE_URL's server or 127.0.0.1:5432; skipped when unreachable, except on CI."""
    import psycopg

    server = PostgresServer()
    try:
        server.admin().close()
    except psycopg.OperationalError as exc:
        if os.environ.get("CI"):
            pytest.fail(
                f"No PostgreSQL at {server.url('postgres')}: on CI the backup tests must run ({exc})."
            )
        pytest.skip(f"No PostgreSQL reachable at {server.url('postgres')}; start it to run this test.")
    yield server
    server.drop_all()


def new_site(engine: str, folder: Path, postgres_server: PostgresServer | None = None) -> Site:
    folder.mkdir(parents=True, exist_ok=True)
    if engine == "postgresql":
        return Site(postgres_server.create(), folder / "media")
    return Site(f"sqlite:///{folder / 'db.sqlite3'}", folder / "media")


@dataclass
class Source:
    site: Site
    archive: Path
    output: str
    state: dict


def build_source(site: Site, backups: Path) -> Source:
    """Demo data through the project's own loader, an admin, a group, a log entry, extra media."""
    site.manage("migrate", "--noinput")
    site.manage("load_demo")
    site.manage("ensure_admin", env={"DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD})
    site.manage("shell", "--no-imports", "-c", EXTRAS_SCRIPT)
    for relative, content in EXTRA_MEDIA.items():
        path = site.media_root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    output = site.manage("backup", "--output", str(backups)).stdout
    (archive,) = backups.iterdir()
    return Source(site=site, archive=archive, output=output, state=site.state())


@pytest.fixture(scope="module")
def source(request, tmp_path_factory):
    """The suite's engine: a source site and its archive, built once for the module."""
    folder = tmp_path_factory.mktemp("source")
    server = request.getfixturevalue("postgres") if SUITE_ENGINE == "postgresql" else None
    return build_source(new_site(SUITE_ENGINE, folder / "site", server), folder / "backups")


@pytest.fixture(scope="module")
def sqlite_source(request, tmp_path_factory):
    """An embedded demo (SQLite) and its archive: the suite's source on the SQLite leg."""
    if SUITE_ENGINE == "sqlite":
        return request.getfixturevalue("source")
    folder = tmp_path_factory.mktemp("sqlite-source")
    return build_source(new_site("sqlite", folder / "site"), folder / "backups")


def archive_members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as tar:
        return {member.name: tar.extractfile(member).read() for member in tar.getmembers()}


def entry(data: bytes) -> dict:
    return {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def rewrite(source: Path, target: Path, *, members=None, manifest=None, extra=()) -> Path:
    """A copy of an archive with some members replaced (None drops one), the manifest changed by
    `manifest(dict)`, and extra tar members (TarInfo, bytes) added before the manifest."""
    contents = archive_members(source)
    document = json.loads(contents.pop("manifest.json"))
    for name, data in (members or {}).items():
        if data is None:
            contents.pop(name)
        else:
            contents[name] = data
    if manifest:
        manifest(document)
    with tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for info, data in extra:
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
        raw = json.dumps(document).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(raw)
        tar.addfile(info, io.BytesIO(raw))
    return target


# --- the archive ----------------------------------------------------------------------------


def test_backup_writes_one_dated_private_archive_and_says_where(source):
    folder = source.archive.parent
    assert [path.name for path in folder.iterdir()] == [source.archive.name]
    assert ARCHIVE_NAME.match(source.archive.name)
    assert stat.S_IMODE(source.archive.stat().st_mode) == 0o600
    first, summary = source.output.strip().splitlines()
    assert first.endswith(str(source.archive))
    assert f"{sum(source.state['rows'][label] for label in manifest_of(source)['rows'])} " in summary


def manifest_of(source: Source) -> dict:
    return json.loads(archive_members(source.archive)["manifest.json"])


def test_archive_holds_the_native_dump_the_portable_copy_every_media_file_and_the_manifest(source):
    members = archive_members(source.archive)
    media = source.site.media()
    assert set(EXTRA_MEDIA.items()) <= set(media.items())
    assert set(members) == {
        "manifest.json",
        DATABASE_MEMBERS[SUITE_ENGINE],
        "data/portal.json.gz",
        *(f"media/{path}" for path in media),
    }
    for path, content in media.items():
        assert members[f"media/{path}"] == content
    if SUITE_ENGINE == "postgresql":
        assert members["database/postgresql.dump"][:5] == b"PGDMP"  # pg_dump's custom format
    else:
        assert gzip.decompress(members["database/sqlite3.db.gz"])[:16] == b"SQLite format 3\x00"


def test_manifest_gives_versions_migrations_row_counts_and_every_media_file(source):
    manifest = manifest_of(source)
    members = archive_members(source.archive)
    assert manifest["format"] == "bcd35-backup"
    assert manifest["format_version"] == 1
    created_at = parse_datetime(manifest["created_at"])
    assert created_at.utcoffset().total_seconds() == 7 * 3600  # Asia/Ho_Chi_Minh
    assert manifest["django_version"] == django.get_version()
    assert manifest["database"]["engine"] == SUITE_ENGINE
    assert manifest["database"]["file"] == {
        "path": DATABASE_MEMBERS[SUITE_ENGINE],
        **entry(members[DATABASE_MEMBERS[SUITE_ENGINE]]),
    }
    assert manifest["data"] == {
        "path": "data/portal.json.gz",
        **entry(members["data/portal.json.gz"]),
        "excludes": ["contenttypes", "auth.permission", "sessions"],
    }
    leaves: dict[str, list[str]] = {}
    for app_label, name in MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes():
        leaves.setdefault(app_label, []).append(name)
    assert manifest["migrations"] == leaves
    assert {label: item["rows"] for label, item in manifest["rows"].items()} == {
        label: count for label, count in source.state["rows"].items() if label not in EXCLUDED_FROM_DATA
    }
    assert manifest["rows"]["events.EventPhoto"]["table"] == "events_eventphoto"
    assert manifest["media"] == [
        {"path": path, **entry(content)} for path, content in sorted(source.site.media().items())
    ]


def test_portable_copy_names_permissions_and_content_types_by_natural_key(source):
    data = json.loads(gzip.decompress(archive_members(source.archive)["data/portal.json.gz"]))
    models = {obj["model"] for obj in data}
    assert not models & {"contenttypes.contenttype", "auth.permission", "sessions.session"}
    (group,) = [
        obj for obj in data if obj["model"] == "auth.group" and obj["fields"]["name"] == "Thư ký BCĐ35"
    ]
    assert sorted(group["fields"]["permissions"]) == [
        ["change_event", "events", "event"],
        ["view_agreement", "agreements", "agreement"],
        ["view_event", "events", "event"],
    ]
    (log_entry,) = [obj for obj in data if obj["model"] == "admin.logentry"]
    assert log_entry["fields"]["content_type"] == ["events", "event"]


# --- round trips ----------------------------------------------------------------------------


@pytest.fixture
def target_server(request):
    return request.getfixturevalue("postgres") if SUITE_ENGINE == "postgresql" else None


def test_restore_into_a_database_without_tables_is_native_and_equal_to_the_source(
    source, tmp_path, target_server
):
    target = new_site(SUITE_ENGINE, tmp_path, target_server)
    result = target.manage("restore", str(source.archive))
    assert ("pg_restore" if SUITE_ENGINE == "postgresql" else "sqlite3.Connection.backup") in result.stdout
    assert_same_state(target.state(), source.state)
    assert target.media() == source.site.media()


def test_restore_into_a_migrated_empty_database_loads_the_portable_copy(source, tmp_path, target_server):
    target = new_site(SUITE_ENGINE, tmp_path, target_server)
    target.manage("migrate", "--noinput")
    result = target.manage("restore", str(source.archive))
    assert "loaddata" in result.stdout
    assert_same_state(target.state(), source.state)
    assert target.media() == source.site.media()
    assert_new_rows_follow_the_restored_ones(target, source.state)


@pytest.mark.s3
def test_an_archive_restores_into_an_empty_bucket_and_a_backup_reads_the_bucket_back(
    source, tmp_path, target_server, s3_bucket
):
    target = new_site(SUITE_ENGINE, tmp_path / "target", target_server)
    target.bucket = s3_bucket

    target.manage("restore", str(source.archive))

    assert_same_state(target.state(), source.state)
    media = source.site.media()
    assert s3_bucket.contents() == media
    assert {key: s3_bucket.head(key)["ContentType"] for key in media} == {
        key: object_headers(key)["Content-Type"] for key in media
    }
    assert not target.media_root.exists()
    target.manage("backup", "--output", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").iterdir()
    members = archive_members(archive).items()
    assert {name.removeprefix("media/"): data for name, data in members if name.startswith("media/")} == media


def test_sqlite_demo_restores_into_a_new_postgresql_database(sqlite_source, tmp_path, postgres):
    target = new_site("postgresql", tmp_path, postgres)
    result = target.manage("restore", str(sqlite_source.archive))
    assert "loaddata" in result.stdout
    assert_same_state(target.state(), sqlite_source.state)
    assert target.media() == sqlite_source.site.media()
    assert_new_rows_follow_the_restored_ones(target, sqlite_source.state)


def test_a_value_postgresql_refuses_fails_the_restore_clearly_and_leaves_nothing(
    sqlite_source, tmp_path, postgres
):
    data = json.loads(gzip.decompress(archive_members(sqlite_source.archive)["data/portal.json.gz"]))
    region = next(obj for obj in data if obj["model"] == "committees.region")
    region["fields"]["order"] = 40000  # SQLite stores it; PostgreSQL's smallint stops at 32767
    portable = gzip.compress(json.dumps(data).encode())

    def same_manifest_new_data(document):
        document["data"].update(entry(portable))

    archive = rewrite(
        sqlite_source.archive,
        tmp_path / "bcd35-backup-big-order.tar",
        members={"data/portal.json.gz": portable},
        manifest=same_manifest_new_data,
    )
    target = new_site("postgresql", tmp_path / "target", postgres)
    result = target.manage("restore", str(archive), check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("CommandError: Không nạp được bản sao dữ liệu JSON vào cơ sở dữ liệu này")
    assert "smallint out of range" in result.stderr
    assert postgres.tables(target.database_url) == []
    assert target.media() == {}


def test_rows_that_differ_from_the_manifest_undo_the_restore(source, tmp_path, target_server):
    def one_region_more(document):
        document["rows"]["committees.Region"]["rows"] += 1

    archive = rewrite(source.archive, tmp_path / "bcd35-backup-counts.tar", manifest=one_region_more)
    target = new_site(SUITE_ENGINE, tmp_path / "target", target_server)
    result = target.manage("restore", str(archive), check=False)
    regions = source.state["rows"]["committees.Region"]
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "CommandError: Số dòng đã khôi phục khác với manifest "
        f"(committees.Region: {regions} ≠ {regions + 1}). "
        "Việc khôi phục đã được hoàn tác: không còn dữ liệu cổng hay tệp media nào."
    )
    if SUITE_ENGINE == "postgresql":
        assert target_server.tables(target.database_url) == []
    else:
        restored = sqlite3.connect(tmp_path / "target" / "db.sqlite3")
        schema = restored.execute("SELECT type, name FROM sqlite_master").fetchall()
        restored.close()
        assert schema == []
    assert target.media() == {}


# --- refusals, nothing changed ------------------------------------------------------------


def restore_in_process(archive: Path) -> str:
    with pytest.raises(CommandError) as refusal:
        call_command("restore", str(archive), stdout=io.StringIO())
    return str(refusal.value)


def portal_rows() -> dict[str, int]:
    from portal.backup.database import content_rows

    return content_rows()


def media_now() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*"))


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_portal_data(source):
    call_command("ensure_admin", stdout=io.StringIO())
    message = restore_in_process(source.archive)
    assert message == (
        "Cơ sở dữ liệu đã có dữ liệu của cổng (auth.User: 1). Chỉ khôi phục vào một cơ sở dữ liệu "
        "trống: cơ sở dữ liệu mới, hoặc cơ sở dữ liệu mới chỉ chạy migrate. Không có gì bị thay đổi."
    )
    assert portal_rows() == {"auth.User": 1}
    assert media_now() == []


@pytest.mark.django_db
def test_restore_refuses_a_media_folder_that_holds_files(source):
    kept = Path(settings.MEDIA_ROOT) / "events" / "photos" / "anh-cu.jpg"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"old photo")
    message = restore_in_process(source.archive)
    assert message == (
        f"MEDIA_ROOT ({Path(settings.MEDIA_ROOT).resolve()}) đã có 1 tệp, ví dụ events/photos/anh-cu.jpg. "
        "Chỉ khôi phục vào một thư mục media trống. Không có gì bị thay đổi."
    )
    assert media_now() == ["events", "events/photos", "events/photos/anh-cu.jpg"]
    assert kept.read_bytes() == b"old photo"
    assert portal_rows() == {}


@pytest.mark.django_db
@pytest.mark.s3
def test_restore_refuses_a_media_bucket_that_holds_files(source, media_in_s3):
    media_in_s3.put("events/photos/anh-cu.jpg", b"old photo")

    message = restore_in_process(source.archive)

    assert message == (
        f"Bucket media s3://{media_in_s3.name} đã có 1 tệp, ví dụ events/photos/anh-cu.jpg. "
        "Chỉ khôi phục vào một bucket trống. Không có gì bị thay đổi."
    )
    assert media_in_s3.contents() == {"events/photos/anh-cu.jpg": b"old photo"}
    assert portal_rows() == {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        ("garbage", "không phải bản sao lưu của cổng này, hoặc đã hỏng"),
        # Cut at a member's end it lacks its manifest, cut inside one it is damaged: either way.
        ("truncated", "không phải bản sao lưu của cổng này, hoặc "),
        ("no manifest", "không phải bản sao lưu của cổng này, hoặc chưa trọn vẹn: không có manifest.json"),
        (
            "foreign manifest",
            "không phải bản sao lưu của cổng này: manifest.json của nó không do cổng này tạo ra",
        ),
        ("missing member", "chưa trọn vẹn: data/portal.json.gz có trong manifest nhưng bị thiếu"),
        ("damaged database", f"{DATABASE_MEMBERS[SUITE_ENGINE]} trong"),
    ],
)
def test_restore_refuses_an_archive_that_is_not_ours_or_is_damaged(source, tmp_path, damage, expected):
    archive = tmp_path / "bcd35-backup-damaged.tar"
    if damage == "garbage":
        archive.write_bytes(secrets.token_bytes(20_000))
    elif damage == "truncated":
        archive.write_bytes(source.archive.read_bytes()[: source.archive.stat().st_size // 2])
    elif damage == "no manifest":
        with tarfile.open(archive, "w") as tar:
            tar.add(source.site.media_root / "binary.bin", arcname="media/binary.bin")
    elif damage == "foreign manifest":
        rewrite(source.archive, archive, manifest=lambda document: document.update(format="other-backup"))
    elif damage == "missing member":
        rewrite(source.archive, archive, members={"data/portal.json.gz": None})
    else:
        name = DATABASE_MEMBERS[SUITE_ENGINE]
        flipped = bytearray(archive_members(source.archive)[name])
        flipped[len(flipped) // 2] ^= 0xFF
        rewrite(source.archive, archive, members={name: bytes(flipped)})
    message = restore_in_process(archive)
    assert str(archive) in message
    assert expected in message
    assert portal_rows() == {}
    assert media_now() == []


@pytest.mark.django_db
def test_restore_refuses_tampered_media_by_its_sha256(source, tmp_path):
    archive = rewrite(
        source.archive, tmp_path / "bcd35-backup-tampered.tar", members={"media/binary.bin": b"\x00" * 16384}
    )
    message = restore_in_process(archive)
    assert message == (
        f"media/binary.bin trong {archive} đã hỏng: kích thước hoặc sha256 khác với manifest. "
        "Không có gì bị thay đổi."
    )
    assert portal_rows() == {}
    assert media_now() == []


def _member(name: str, kind: bytes = tarfile.REGTYPE, linkname: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    info.size = 5 if kind == tarfile.REGTYPE else 0
    return info


@pytest.mark.django_db
@pytest.mark.parametrize(
    "member",
    [
        _member("media/../../escaped.txt"),
        _member("media/events/../../../escaped.txt"),
        _member("/tmp/bcd35-backup-escaped.txt"),  # noqa: S108 - the absolute path is the attack
        _member("media/link", tarfile.SYMTYPE, "/etc/passwd"),
        _member("media/hardlink", tarfile.LNKTYPE, "manifest.json"),
        _member("media/device", tarfile.CHRTYPE),
    ],
    ids=["dot-dot", "dot-dot-deeper", "absolute", "symlink", "hardlink", "device"],
)
def test_restore_refuses_members_that_escape_the_media_folder_or_are_not_files(source, tmp_path, member):
    archive = rewrite(
        source.archive,
        tmp_path / "bcd35-backup-escape.tar",
        extra=[(member, b"evil!" if member.isreg() else None)],
    )
    message = restore_in_process(archive)
    assert message == (
        f"{archive} bị từ chối: thành phần {member.name} của nó không phải tệp thường có tên tương đối "
        "đơn giản (liên kết, thiết bị, đường dẫn tuyệt đối hoặc đường dẫn có '..'). Không có gì bị thay đổi."
    )
    assert not (tmp_path / "escaped.txt").exists()
    assert not Path("/tmp/bcd35-backup-escaped.txt").exists()  # noqa: S108
    assert portal_rows() == {}
    assert media_now() == []


@pytest.mark.django_db
def test_restore_refuses_an_archive_of_a_newer_format(source, tmp_path):
    archive = rewrite(
        source.archive,
        tmp_path / "bcd35-backup-v2.tar",
        manifest=lambda document: document.update(format_version=2),
    )
    message = restore_in_process(archive)
    assert message == (
        f"{archive} được tạo bởi một phiên bản mới hơn của cổng (định dạng bản sao lưu 2; phiên bản này "
        "chỉ đọc được tới định dạng 1). Hãy khôi phục bằng phiên bản mới hơn. Không có gì bị thay đổi."
    )
    assert portal_rows() == {}
    assert media_now() == []


@pytest.mark.django_db
def test_restore_refuses_an_archive_with_a_migration_this_code_does_not_have(source, tmp_path):
    def future_migration(document):
        document["migrations"]["committees"] = ["0099_from_the_future"]

    archive = rewrite(source.archive, tmp_path / "bcd35-backup-future.tar", manifest=future_migration)
    message = restore_in_process(archive)
    assert message.startswith("Bản sao lưu được tạo với migration committees.0099_from_the_future")
    assert portal_rows() == {}
    assert media_now() == []


# --- backup failures ------------------------------------------------------------------------


def test_backup_without_pg_dump_fails_clearly_and_writes_nothing(tmp_path):
    site = Site("postgres://postgres@127.0.0.1:1/bcd35_backup_absent", tmp_path / "media")
    empty_path = tmp_path / "bin"
    empty_path.mkdir()
    result = site.manage(
        "backup", "--output", str(tmp_path / "out"), check=False, env={"PATH": str(empty_path)}
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "CommandError: Không tìm thấy pg_dump. Hãy cài các chương trình máy khách PostgreSQL cùng phiên bản "
        "với máy chủ hoặc mới hơn (Debian: postgresql-client) rồi thử lại."
    )
    assert not (tmp_path / "out").exists()


def test_backup_refuses_a_pg_dump_older_than_the_server(tmp_path, postgres):
    fake = tmp_path / "bin" / "pg_dump"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    fake.chmod(0o755)
    site = Site(postgres.create(), tmp_path / "media")
    result = site.manage(
        "backup",
        "--output",
        str(tmp_path / "out"),
        check=False,
        env={"PATH": f"{fake.parent}:{os.environ['PATH']}"},
    )
    assert result.returncode == 1
    major = postgres.major_version()
    assert f"pg_dump 9.6 không sao lưu được máy chủ PostgreSQL {major}" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.django_db(transaction=True)
def test_backup_on_a_full_disk_fails_clearly_and_leaves_no_partial_archive(tmp_path, monkeypatch):
    from portal.backup.archive import ArchiveWriter

    def disk_full(self, name, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(ArchiveWriter, "add_bytes", disk_full)
    out = tmp_path / "out"
    with pytest.raises(CommandError) as failure:
        call_command("backup", output=out, stdout=io.StringIO())
    assert str(failure.value) == (
        f"Không ghi được bản sao lưu vào {out}: {os.strerror(errno.ENOSPC)}. Không để lại tệp nào dở dang."
    )
    assert list(out.iterdir()) == []


def test_backup_refuses_an_output_folder_inside_media_root(settings):
    inside = Path(settings.MEDIA_ROOT).resolve() / "backups"
    with pytest.raises(CommandError) as refusal:
        call_command("backup", output=inside, stdout=io.StringIO())
    assert str(refusal.value) == (
        f"Thư mục đích {inside} nằm trong MEDIA_ROOT, nơi có thể được phục vụ công khai; "
        "hãy chọn thư mục khác."
    )
    assert not inside.exists()


def test_restore_refuses_a_pg_restore_older_than_the_dump(source, tmp_path, target_server):
    if SUITE_ENGINE != "postgresql":
        pytest.skip("The archive of the SQLite leg has no pg_dump; the PostgreSQL leg runs this test.")
    fake = tmp_path / "bin" / "pg_restore"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'pg_restore (PostgreSQL) 9.6.24'\n")
    fake.chmod(0o755)
    target = new_site("postgresql", tmp_path / "target", target_server)
    result = target.manage(
        "restore", str(source.archive), check=False, env={"PATH": f"{fake.parent}:{os.environ['PATH']}"}
    )
    assert result.returncode == 1
    assert "pg_restore 9.6 không đọc được bản dump do pg_dump" in result.stderr
    assert target_server.tables(target.database_url) == []
    assert target.media() == {}


def test_restore_into_an_unreachable_database_fails_clearly(source, tmp_path):
    site = Site("postgres://postgres:mat-khau-bi-mat@127.0.0.1:1/bcd35_backup_absent", tmp_path / "media")
    result = site.manage("restore", str(source.archive), check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("CommandError: Không đọc được cơ sở dữ liệu: connection failed:")
    assert result.stderr.strip().endswith("Không có gì bị thay đổi.")
    assert "mat-khau-bi-mat" not in result.stderr
    assert not (tmp_path / "media").exists()
