"""What per-organisation scoping costs the admin's lists at volume (issue 16).

    .venv/bin/python bench/scoping.py                  # PostgreSQL, volume at scale 4 (20,000 events)
    .venv/bin/python bench/scoping.py --scale 1 --count 9

The volume (`manage.py generate_volume`) is the one bench/pages.py keeps in a PostgreSQL template
database `bcd35_bench_s<scale>`; each run works on a copy, dropped at the end. In that process,
for each admin list (events, agreements, organisations, people, decisions, positions) and the
organisations' autocomplete, it reads the page `--count` times through Django's test client
(signed in, second factor verified) as
- a system administrator (sees everything, no scope filter): the reference;
- a leader of one regional academy (its units below it): the narrowest scope;
- a leader of the root academy (the whole tree below it): the widest scope that is still a scope;
and prints the median time, the ratio to the system administrator's in the same run, the query
count and the rows the list found. Nothing is asserted. Goal: a scoped list within 1.5x the
unscoped one, with a constant number of queries more (the user's organisations, read once).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages import copy_database, template_database  # noqa: E402
from tests.deploy.stack import postgres_server  # noqa: E402

PAGES = {
    "events": "/admin/events/event/",
    "agreements": "/admin/agreements/agreement/",
    "organisations": "/admin/committees/organization/",
    "people": "/admin/committees/person/",
    "decisions": "/admin/committees/decision/",
    "positions": "/admin/committees/position/",
    "organisations' autocomplete": (
        "/admin/autocomplete/?app_label=events&model_name=event&field_name=host&term=H"
    ),
}


def measure(client, url: str, count: int) -> tuple[float, int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, secure=True)  # caches warmed, as for the others
    times = []
    for _ in range(count):
        start = time.perf_counter()
        response = client.get(url, secure=True)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True)
    if response.context and "cl" in response.context:
        rows = response.context["cl"].result_count
    else:
        rows = len(json.loads(response.content)["results"])
    return statistics.median(times) * 1000, len(queries), f"{rows:,}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=4.0)
    parser.add_argument("--count", type=int, default=15)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    server = postgres_server()
    template = template_database(server, args.scale, fresh=args.fresh)
    url, drop = copy_database(server, template)
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="portal.settings", DEBUG="0")
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    try:
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.db.models import Count
        from django.test import Client
        from django.test.utils import setup_test_environment

        from committees.models import Organization, StaffMembership
        from portal.roles import LEADER
        from tests.staff import in_role
        from tests.two_factor import enrol, verified_client

        setup_test_environment()  # the responses carry their context (the changelist's count)
        call_command("migrate", verbosity=0)  # the template may predate the history tables
        users = get_user_model()
        root = Organization.objects.filter(parent=None).annotate(n=Count("children")).order_by("-n").first()
        regional = (
            Organization.objects.filter(parent=root)
            .annotate(n=Count("children"))
            .order_by("-n", "pk")
            .first()
        )
        clients = {}
        for name, organization in (
            ("system administrator", None),
            ("regional leader", regional),
            ("root leader", root),
        ):
            if organization is None:
                user = users.objects.create_superuser(f"bench-{len(clients)}", "b@example.com", "x" * 20)
            else:
                user = users.objects.create_user(
                    f"bench-{len(clients)}", "b@example.com", "x" * 20, is_staff=True
                )
                in_role(user, LEADER)
                StaffMembership.objects.create(user=user, organization=organization)
            device, _codes = enrol(user)
            clients[name] = verified_client(user, device, Client(HTTP_HOST="testserver"))
        print(f"Scale {args.scale:g}: regional = {regional}, root = {root}\n")
        print("| list | who | median ms | × system administrator | queries | rows |")
        print("| --- | --- | ---: | ---: | ---: | ---: |")
        for page, address in PAGES.items():
            reference = None
            for who, client in clients.items():
                ms, queries, rows = measure(client, address, args.count)
                reference = reference or ms
                print(f"| {page} | {who} | {ms:.1f} | {ms / reference:.2f} | {queries} | {rows} |")
    finally:
        from django.db import connections

        connections.close_all()
        drop()


if __name__ == "__main__":
    main()
