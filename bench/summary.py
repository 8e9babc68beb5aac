"""How long a system-wide annual summary takes to assemble, and how much memory, at volume on
PostgreSQL, next to the plain SQL counting it needs.

    .venv/bin/python bench/summary.py                      # scale 1, the year with most records
    .venv/bin/python bench/summary.py --scale 1 --year 2024 --rounds 5

The volume (`manage.py generate_volume`: at scale 1, 300 organisations, 5,000 events, 20,000
articles, 500 agreements and their tasks...) is made once into the database `<name>_s<scale>`
on DATABASE_URL's server (`--database`, default bcd35_indicators_summary_bench), marked with a comment and
kept; `--fresh` makes it again. The generator spreads its records over 2018–2027, so no year
holds all of them: the year measured (`--year`) defaults to the one with most events and
articles, and the run prints how many of each fall in it.

For that year, then for one period holding every generated record (the first year's 1 January
to the last year's 31 December: the volume the issue names), in the same run and process,
after one unmeasured warm-up each, `--rounds` times:
- the plain SQL counting: `reports.indicators.compute` for the system over the period and the
  one before (the catalogue's aggregate queries, run directly, nothing else);
- `reports.services.summary_assemble` for the system and the period (its own previous-period
  comparison, highlights, lists and snapshot included), each round in a transaction rolled
  back afterwards, so that every round assembles (an existing summary would be returned as it
  is); its peak Python memory is read with tracemalloc on one further round;
and the ratio of the two medians. Nothing is asserted; the figures are printed as a Markdown
table for the README.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.deploy.stack import postgres_server  # noqa: E402

SEED = 35


def database(server: str, name: str, scale: float, *, fresh: bool) -> str:
    """The URL of a database holding the volume at `scale`, made if missing or `fresh`."""
    import psycopg

    full = f"{name}_s" + f"{scale:g}".replace(".", "_")
    marker = f"bcd35 summary bench volume: scale {scale:g}, seed {SEED}"
    admin = urlsplit(server)._replace(path="/postgres").geturl()
    url = urlsplit(server)._replace(path=f"/{full}").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [full]
        ).fetchone()
        if row and row[0] == marker and not fresh:
            return url
        conn.execute(f'DROP DATABASE IF EXISTS "{full}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{full}"')
    print(f"Generating the volume at scale {scale:g} into {full}…", flush=True)
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    env.pop("REDIS_URL", None)
    for command in (
        ["migrate", "--noinput", "--verbosity", "0"],
        ["generate_volume", "--scale", f"{scale:g}", "--seed", str(SEED)],
    ):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"COMMENT ON DATABASE \"{full}\" IS '{marker}'")
    return url


def timed(action, rounds: int) -> list[float]:
    """`action()` once to warm up, then `rounds` times: each time in milliseconds."""
    action()
    samples = []
    for _round in range(rounds):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def row(name: str, samples: list[float], extra: str = "") -> str:
    median, low, high = statistics.median(samples), min(samples), max(samples)
    return f"| {name} | {median:.1f} | {low:.1f} | {high:.1f} | {extra} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1: 5,000 events, 20,000 articles")
    parser.add_argument("--year", type=int, default=None, help="default: the year with most records")
    parser.add_argument("--rounds", type=int, default=5, help="timed runs of each")
    parser.add_argument("--database", default="bcd35_indicators_summary_bench")
    parser.add_argument("--fresh", action="store_true", help="generate the volume again")
    args = parser.parse_args()
    url = database(postgres_server(), args.database, args.scale, fresh=args.fresh)

    os.environ["DATABASE_URL"] = url
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.db.models import Count
    from django.db.models.functions import ExtractYear
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from committees.models import Organization
    from events.models import Event
    from portal.lib.periods import Period
    from portal.news.models import Article, ArticleStatus
    from reports.indicators import CATALOGUE, compute
    from reports.scopes import Scope

    translation.activate("vi")
    events_by_year = dict(
        Event.objects.annotate(year=ExtractYear("start_date")).values_list("year").annotate(n=Count("pk"))
    )
    articles_by_year = dict(
        Article.objects.filter(status=ArticleStatus.PUBLISHED)
        .annotate(year=ExtractYear("published_at", tzinfo=None))
        .values_list("year")
        .annotate(n=Count("pk"))
    )
    year = args.year or max(events_by_year, key=lambda y: events_by_year[y] + articles_by_year.get(y, 0))
    period, scope = Period.of_year(year), Scope.system()
    print(
        f"{Organization.objects.count():,} organisations; {Event.objects.count():,} events and "
        f"{Article.objects.count():,} articles in all, events from {min(events_by_year)} to "
        f"{max(events_by_year)}; in {year}: {events_by_year.get(year, 0):,} events, "
        f"{articles_by_year.get(year, 0):,} articles published.",
        flush=True,
    )

    try:
        from reports.services import summary_assemble  # type: ignore[attr-defined]
    except ImportError:
        summary_assemble = None
        print("reports.services.summary_assemble is not there yet: only the counting is measured.")

    def measure(name: str, period: Period) -> list[str]:
        """The counting and the assembly of the system's summary for `period`, as table rows."""

        def counting():
            return compute(scope, period), compute(scope, period.previous())

        with CaptureQueriesContext(connection) as queries:
            values, _previous = counting()
        print(
            f"{name}: " + ", ".join(f"{code} {value}" for code, value in values.items() if value), flush=True
        )
        sql = timed(counting, args.rounds)
        lines = [row(f"{name}: `compute`, the period and the one before", sql, f"{len(queries)} queries")]
        if summary_assemble is None:
            return lines

        def assemble():
            with transaction.atomic():
                summary_assemble(scope=scope, period=period, by=None)
                transaction.set_rollback(True)

        with CaptureQueriesContext(connection) as assembling:
            assemble()
        whole = timed(assemble, args.rounds)
        tracemalloc.start()
        assemble()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        ratio = statistics.median(whole) / statistics.median(sql)
        memory = f"peak Python memory {peak / 2**20:.1f} MiB (tracemalloc)"
        lines.append(row(f"{name}: `summary_assemble`", whole, f"{len(assembling)} queries; {memory}"))
        lines.append(f"| {name}: **ratio assemble / counting** | **{ratio:.1f}×** | | | |")
        return lines

    first, last = min(events_by_year), max(events_by_year)
    lines = [
        "| what | median ms | min ms | max ms | notes |",
        "|---|---|---|---|---|",
        *measure(f"the year {year}", period),
        # Every generated record in one summary: the volume the issue names (5,000 events...).
        *measure(f"{first}–{last}", Period.between(dt.date(first, 1, 1), dt.date(last, 12, 31))),
    ]
    print()
    print(
        f"A system-wide summary at scale {args.scale:g} on PostgreSQL ({len(CATALOGUE)} indicators), "
        f"in-process, {args.rounds} rounds after a warm-up:"
    )
    print()
    print("\n".join(lines))


if __name__ == "__main__":
    main()
