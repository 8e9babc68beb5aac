"""How fast the search answers at volume, measured in-process on PostgreSQL.

    .venv/bin/python bench/search.py                     # 100,000 articles (scale 5)
    .venv/bin/python bench/search.py --scale 1 --rounds 50

The volume (`manage.py generate_volume`: 20,000 articles a unit of scale, with the events,
organisations, people and documents that go with them) is made once into the database
`<name>_s<scale>` on DATABASE_URL's server (`--database`, default bcd35_news_search_bench),
marked with a comment and kept; `--fresh` makes it again.

Each query of QUERIES is answered `--rounds` times, after one unmeasured warm-up round, two
ways: the search itself (`portal.news.search.search`: the matches counted by group, the latest
ranked, a page of hits and the best of the other groups, highlighted), and the whole page from
the view (RequestFactory, no page cache: the form and the template besides). Next to
it, in the same run and process, two references: a `SELECT 1` round trip and an article read
by its primary key. The goal (issue 12): search p95 <= 50 ms at 100,000 articles. Nothing is
asserted; the figures are printed as a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.deploy.stack import postgres_server  # noqa: E402

SEED = 35
# What readers type: without and with diacritics, one word and several, common and rare,
# with a filter, a later page and another group.
QUERIES = [
    "hoi nghi so ket",
    "Hội nghị sơ kết",
    "dang uy",
    "Đảng ủy",
    "nghi quyet 35",
    "bao ve nen tang tu tuong cua dang",
    "tap huan",
    "khong gian mang",
    "hoc vien chinh tri khu vuc iv",
    "can tho",
    "thu dich",
    "nguyen",
    "hội nghị&trang=5",
    "dang uy&tu_ngay=01/01/2024&den_ngay=31/12/2024",
    "hoi nghi&loai=su-kien",
    "quyet dinh&loai=van-ban",
    "xyz khong co",
]


def database(server: str, name: str, scale: float, *, fresh: bool) -> str:
    """The URL of a database holding the volume at `scale`, made if missing or `fresh`."""
    import psycopg

    full = f"{name}_s" + f"{scale:g}".replace(".", "_")
    marker = f"bcd35 search bench volume: scale {scale:g}, seed {SEED}"
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
        ["generate_volume", "--scale", f"{scale:g}"],
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


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def row(name: str, samples: list[float]) -> str:
    p50, p95 = statistics.median(samples), percentile(samples, 0.95)
    return f"| {name} | {p50:.1f} | {p95:.1f} | {max(samples):.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=5.0, help="5: 100,000 articles")
    parser.add_argument("--rounds", type=int, default=30, help="timed answers per query")
    parser.add_argument("--database", default="bcd35_news_search_bench")
    parser.add_argument("--fresh", action="store_true", help="generate the volume again")
    args = parser.parse_args()
    url = database(postgres_server(), args.database, args.scale, fresh=args.fresh)

    os.environ["DATABASE_URL"] = url
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import RequestFactory
    from django.utils import translation

    from portal.lib.search import query_words
    from portal.news import search as searching
    from portal.news.models import Article, SearchEntry
    from portal.news.views import search

    translation.activate("vi")
    factory = RequestFactory()
    articles = Article.objects.count()
    print(f"{articles:,} articles, {SearchEntry.objects.count():,} search entries.", flush=True)

    def answer(query: str):
        words, _, rest = query.partition("&")
        request = factory.get(f"/tim-kiem/?q={words}" + (f"&{rest}" if rest else ""))
        response = search(request)
        assert response.status_code == 200, query
        return response

    def selected(query: str):
        """The search itself, as the view calls it (no form, no template)."""
        words, _, rest = query.partition("&")
        params = dict(part.split("=", 1) for part in rest.split("&") if part)
        day = {
            key: dt.date(*(int(part) for part in reversed(params[key].split("/"))))
            for key in ("tu_ngay", "den_ngay")
            if key in params
        }
        criteria = searching.Criteria(
            words=query_words(words), first_day=day.get("tu_ngay"), last_day=day.get("den_ngay")
        )
        return searching.search(
            criteria, group_key=params.get("loai", ""), page_number=params.get("trang"), per_page=20
        )

    def select_one():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    first_pk = Article.objects.order_by("pk").values_list("pk", flat=True).first()

    def by_primary_key():
        Article.objects.get(pk=first_pk)

    lines = [
        "| what | p50 ms | p95 ms | max ms | page p50 ms | page p95 ms | page max ms |",
        "|---|---|---|---|---|---|---|",
    ]
    lines.append(row("reference: `SELECT 1`", timed(select_one, args.rounds * 10)))
    lines.append(row("reference: an article by primary key", timed(by_primary_key, args.rounds * 10)))
    searches, pages = [], []
    for query in QUERIES:
        found = timed(lambda query=query: selected(query), args.rounds)
        page = timed(lambda query=query: answer(query), args.rounds)
        searches += found
        pages += page
        lines.append(row(f"`{query}`", found)[:-1] + row("", page)[3:])
        print(
            f"  {query}: search p95 {percentile(found, 0.95):.1f} ms, "
            f"page p95 {percentile(page, 0.95):.1f} ms",
            flush=True,
        )
    lines.append(row(f"**every search ({len(searches)})**", searches))
    lines.append(row(f"**every page ({len(pages)})**", pages))
    print()
    print(f"Search at {articles:,} articles on PostgreSQL, in-process, {args.rounds} rounds a query:")
    print()
    print("\n".join(lines))


if __name__ == "__main__":
    main()
