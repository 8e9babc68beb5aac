"""How fast the portal answers at volume, measured as production runs it.

    make bench                                   # scale 1, every page, 5 s per measurement
    .venv/bin/python bench/pages.py --seconds 10 --only events,agreements
    .venv/bin/python bench/pages.py --scales 0.1,1,10     # single requests at three volumes

The data is a generated volume (`manage.py generate_volume`) in a PostgreSQL template database
`bcd35_bench_s<scale>`, made once and kept (`--fresh` makes it again); each run works on a copy
of it. The stack is the one tests/deploy/ runs: nginx with the repo's templates in front of two
gunicorns with production settings, the cache in Redis (`BENCH_REDIS_URL`, a database of its
own: it is emptied first).

For every public page wrk, at `--connections` connections, measures
- the page as anonymous readers get it: from nginx's micro-cache, or from the page cache in Redis;
- the page from the cache in Redis only (straight to one gunicorn, as after nginx's 10 s);
- the page rendered (a request with a session cookie bypasses both caches);
- a static file of the same bytes, served by the same nginx in the same run: the reference.
Each measurement prints requests per second, p50 and p99, and the ratio of its requests per
second to the static file's. Admin change forms are read by a signed-in, verified superuser, one
request at a time: the median and slowest of `--admin-count` reads, and the query count
(read in-process on the same database).

The goals (issue 10): a cached page at least half the static file's requests per second; a
rendered page p99 <= 150 ms at 16 connections; /su-kien/ at scale 10 within 2x its time at scale
1; every admin change form <= 1 s. The figures are printed as a Markdown table, which the README
quotes. Nothing is asserted: timings depend on the machine, the ratios much less.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.deploy.stack import Stack, nginx_binary, postgres_server  # noqa: E402

SEED = 35
DEFAULT_REDIS = "redis://127.0.0.1:6379/6"
SESSION_COOKIE = "sessionid"
GZIP = "Accept-Encoding: gzip"
GOAL_CACHED_RATIO = 0.5
GOAL_RENDERED_P99_MS = 150
GOAL_ADMIN_MS = 1000

ADMIN_SCRIPT = """
import json, time
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests.two_factor import enrol, verified_client
from tests.volume.pages import admin_pages

user = get_user_model().objects.create_superuser("bench-{token}", "bench@example.com", "{token}")
device, _codes = enrol(user)
client = verified_client(user, device, Client(HTTP_HOST="127.0.0.1"))
pages = {{}}
for name, url in admin_pages(size=1).items():
    url = url if isinstance(url, str) else url[0]
    client.get(url, secure=True)  # the first read of a form fills the process's caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True)
    assert response.status_code == 200, (name, url, response.status_code)
    pages[name] = {{"url": url, "queries": len(queries), "bytes": len(response.content)}}
print(json.dumps({{"session": client.cookies["sessionid"].value, "pages": pages}}))
"""
PUBLIC_SCRIPT = """
import json
from tests.volume.pages import public_pages
pages = public_pages(size=1)
print(json.dumps({name: url if isinstance(url, str) else url[0] for name, url in pages.items()}))
"""


# --- Tools ------------------------------------------------------------------------------------


def ensure_tools() -> None:
    """wrk and nginx from Debian's packages, as .ci/run installs nginx."""
    missing = [
        package
        for package, found in (("wrk", shutil.which("wrk")), ("nginx-light", nginx_binary()))
        if not found
    ]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"The benchmark needs {', '.join(missing)}: apt-get install {' '.join(missing)}")
    print(f"Installing {', '.join(missing)} from Debian's packages…", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)  # noqa: S607
    subprocess.run(  # noqa: S603
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, "openssl"],  # noqa: S607
        check=True,
        env={**os.environ, "RUNLEVEL": "1"},  # the package must not start a system nginx
    )


# --- Databases --------------------------------------------------------------------------------


def _admin_connection(server: str):
    import psycopg

    return psycopg.connect(urlsplit(server)._replace(path="/postgres").geturl(), autocommit=True)


def template_name(scale: float) -> str:
    return "bcd35_bench_s" + f"{scale:g}".replace(".", "_")


def template_database(server: str, scale: float, *, fresh: bool) -> str:
    """The name of a database holding the volume at `scale`, made (about 35 s per unit of scale)
    if it is missing, incomplete or `fresh` is asked."""
    name = template_name(scale)
    marker = f"bcd35 bench volume: scale {scale:g}, seed {SEED}"
    with _admin_connection(server) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if row and row[0] == marker and not fresh:
            return name
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    print(f"Generating the volume at scale {scale:g} into {name}…", flush=True)
    env = {**os.environ, "DATABASE_URL": _database_url(server, name), "DEBUG": "1"}
    env.pop("REDIS_URL", None)
    for command in (
        ["migrate", "--noinput", "--verbosity", "0"],
        ["generate_volume", "--scale", f"{scale:g}"],
    ):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603
    with _admin_connection(server) as conn:
        conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{marker}'")
    return name


def _database_url(server: str, name: str) -> str:
    return urlsplit(server)._replace(path=f"/{name}").geturl()


def copy_database(server: str, template: str) -> tuple[str, callable]:
    name = f"bcd35_bench_run_{secrets.token_hex(4)}"
    with _admin_connection(server) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')

    def drop():
        with _admin_connection(server) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return _database_url(server, name), drop


def empty_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


# --- wrk ----------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
PERCENTILE = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)


@dataclass
class Run:
    rps: float
    p50: float  # milliseconds
    p99: float
    errors: int  # answers other than 2xx and 3xx
    timeouts: int  # requests without an answer within wrk's --timeout

    def cells(self, reference: Run | None) -> list[str]:
        ratio = f"{self.rps / reference.rps:.2f}" if reference else "1"
        problems = [f"{self.errors} non-2xx"] * bool(self.errors) + [f"{self.timeouts} timeouts"] * bool(
            self.timeouts
        )
        errors = f" ({', '.join(problems)})" if problems else ""
        return [f"{self.rps:,.0f}{errors}", f"{self.p50:.1f}", f"{self.p99:.1f}", ratio]


def wrk(url: str, *, seconds: int, connections: int, headers: list[str]) -> Run:
    command = [
        "wrk",
        "--latency",
        "--timeout",
        "30s",  # wrk's default, 2 s, would count the slowest answers as errors and hide them from p99
        "-t",
        str(min(2, connections)),
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
    ]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    percentiles = {int(p): float(value) * UNITS[unit] for p, value, unit in PERCENTILE.findall(output)}
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if not rps or 50 not in percentiles:
        raise RuntimeError(f"wrk printed nothing to read:\n{output}")
    return Run(
        rps=float(rps.group(1)),
        p50=percentiles[50],
        p99=percentiles[99],
        errors=int(errors.group(1)) if errors else 0,
        timeouts=sum(map(int, socket_errors.groups())) if socket_errors else 0,
    )


# --- Measurements ----------------------------------------------------------------------------


def static_copy(stack: Stack, name: str, body: bytes) -> str:
    """A static file holding the page's own bytes (so it compresses the same): its path."""
    folder = stack.static_root / "bench"
    folder.mkdir(exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    (folder / f"{slug}.html").write_bytes(body)
    return f"/static/bench/{slug}.html"


def public_table(stack: Stack, pages: dict[str, str], args) -> list[list[str]]:
    rows = []
    upstream = f"http://127.0.0.1:{stack.gunicorn_ports[0]}"
    forwarded = [
        f"Host: {urlsplit(stack.https_origin).netloc}",
        "X-Forwarded-Proto: https",
        "X-Forwarded-For: 127.0.0.1",
    ]
    for name, path in pages.items():
        answer = stack.browser().get(path)
        if answer.status != 200:
            raise RuntimeError(f"{name} ({path}) answered {answer.status}")
        static = static_copy(stack, name, answer.body)
        measure = {"seconds": args.seconds, "connections": args.connections}
        reference = wrk(stack.https_origin + static, headers=[GZIP], **measure)
        cached = wrk(stack.https_origin + path, headers=[GZIP], **measure)
        app_cached = wrk(upstream + path, headers=[GZIP, *forwarded], **measure)
        rendered = wrk(
            stack.https_origin + path,
            headers=[GZIP, f"Cookie: {SESSION_COOKIE}=bench-{secrets.token_hex(8)}"],
            **measure,
        )
        size = f"{len(answer.body) / 1024:,.0f} KB"
        rows.append(
            [
                f"`{path}`",
                size,
                *reference.cells(None)[:1],
                *cached.cells(reference),
                *app_cached.cells(reference),
                *rendered.cells(reference),
            ]
        )
        print(
            f"  {name}: rendered p99 {rendered.p99:.0f} ms, cached {cached.rps / reference.rps:.2f}× static",
            flush=True,
        )
    return rows


def admin_table(stack: Stack, args) -> list[list[str]]:
    """Each admin change form read `--admin-count` times, one request at a time, by a signed-in
    superuser through nginx; its query count read in-process."""
    found = json.loads(stack.shell(ADMIN_SCRIPT.format(token=secrets.token_hex(8))).strip().splitlines()[-1])
    browser = stack.browser()
    rows = []
    for name, page in found["pages"].items():
        samples = timed_reads(browser, page["url"], args.admin_count, cookie=found["session"])
        median, slowest = statistics.median(samples), max(samples)
        rows.append(
            [
                name,
                str(page["queries"]),
                f"{page['bytes'] / 1024:,.0f} KB",
                f"{median:,.0f}",
                f"{slowest:,.0f}",
            ]
        )
        print(f"  {name}: {page['queries']} queries, {median:,.0f} ms", flush=True)
    return rows


def markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def started_stack(server: str, scale: float, args, *, redis_url: str = "", instances: int = 2) -> Stack:
    template = template_database(server, scale, fresh=args.fresh)
    database_url, drop = copy_database(server, template)
    try:
        return Stack.start(database_url, on_stop=drop, redis_url=redis_url, instances=instances)
    except BaseException:
        drop()
        raise


def chosen(pages: dict[str, str], only: str) -> dict[str, str]:
    if not only:
        return pages
    words = [word.strip().lower() for word in only.split(",")]
    return {
        name: path
        for name, path in pages.items()
        if any(word in name.lower() or word in path for word in words)
    }


def bench_pages(server: str, args) -> None:
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    empty_redis(redis_url)
    stack = started_stack(server, args.scale, args, redis_url=redis_url)
    try:
        pages = chosen(json.loads(stack.shell(PUBLIC_SCRIPT).strip().splitlines()[-1]), args.only)
        print(
            f"Scale {args.scale:g}, {args.connections} connections, {args.seconds} s per measurement.",
            flush=True,
        )
        public = [] if args.admin_only else public_table(stack, pages, args)
        admin = [] if args.only else admin_table(stack, args)
    finally:
        stack.stop()
    measured = ["req/s", "p50 ms", "p99 ms", "× static"]
    if public:
        print()
        print(
            markdown(
                ["page", "size", "static req/s"]
                + [f"{kind} {what}" for kind in ("cached", "Redis only", "rendered") for what in measured],
                public,
            )
        )
    if admin:
        print()
        print(markdown(["admin change form", "queries", "size", "median ms", "slowest ms"], admin))


def timed_reads(browser, path: str, count: int, *, cookie: str) -> list[float]:
    """`count` reads of `path`, one at a time, with the session cookie `cookie`: each one's
    time in milliseconds. Anything but a 200 stops the benchmark."""
    samples = []
    for _read in range(count):
        started = time.perf_counter()
        answer = browser.get(path, Cookie=f"{SESSION_COOKIE}={cookie}")
        if answer.status != 200:
            raise RuntimeError(f"{path} answered {answer.status}")
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def single_requests(stack: Stack, pages: dict[str, str], count: int) -> dict[str, float]:
    """The median time of `count` rendered requests, one at a time, per page (milliseconds)."""
    browser = stack.browser()
    times = {}
    for name, path in pages.items():
        # The first reads warm the process; a session cookie no session has bypasses the caches.
        samples = timed_reads(browser, path, count + 2, cookie=f"bench-{secrets.token_hex(8)}")[2:]
        times[name] = statistics.median(samples)
    return times


def bench_scales(server: str, args) -> None:
    scales = [float(scale) for scale in args.scales.split(",")]
    results: dict[float, dict[str, float]] = {}
    for scale in scales:
        stack = started_stack(server, scale, args, instances=1)
        try:
            pages = chosen(json.loads(stack.shell(PUBLIC_SCRIPT).strip().splitlines()[-1]), args.only)
            results[scale] = single_requests(stack, pages, args.count)
            print(
                f"  scale {scale:g}: {', '.join(f'{n} {t:.0f} ms' for n, t in results[scale].items())}",
                flush=True,
            )
        finally:
            stack.stop()
    first, last = scales[0], scales[-1]
    rows = [
        [
            name,
            *(f"{results[scale][name]:.1f}" for scale in scales),
            f"{results[last][name] / results[first][name]:.2f}",
        ]
        for name in results[first]
    ]
    print()
    print(markdown(["page", *(f"scale {scale:g} ms" for scale in scales), f"× scale {first:g}"], rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seconds", type=int, default=5, help="per wrk measurement")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", default="", help="pages whose name or path holds one of these words")
    parser.add_argument("--admin-only", action="store_true", help="only the admin change forms")
    parser.add_argument("--scales", default="", help="e.g. 0.1,1,10: single requests at each volume instead")
    parser.add_argument("--count", type=int, default=15, help="requests per page with --scales")
    parser.add_argument("--admin-count", type=int, default=5, help="reads of each admin change form")
    parser.add_argument("--fresh", action="store_true", help="generate the volumes again")
    args = parser.parse_args()
    ensure_tools()
    server = postgres_server()
    if args.scales:
        bench_scales(server, args)
    else:
        bench_pages(server, args)


if __name__ == "__main__":
    main()
