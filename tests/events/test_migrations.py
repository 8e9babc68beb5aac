"""events 0005: the events recorded before the publication state stay public."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("events", "0004_event_day_unknown")]
AFTER = [("events", "0005_event_publication_state")]


@pytest.fixture
def latest_schema_after():
    """Migrate every app forward again after the test: going back to events 0004 unapplied the
    migrations depending on later events ones (agreements' history tables among them), which
    the tests run next in this process need."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_planned_and_held_events_become_published_and_the_others_keep_their_status():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    host = old.get_model("committees", "Organization").objects.create(
        name="Học viện Chính trị khu vực IV", slug="hv-iv", kind="regional_academy"
    )
    Event = old.get_model("events", "Event")
    for status in ("planned", "held", "postponed", "cancelled"):
        Event.objects.create(
            title=status,
            slug=status,
            kind="conference",
            status=status,
            start_date=dt.date(2021, 8, 25),
            host=host,
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    new = executor.loader.project_state(AFTER).apps.get_model("events", "Event")
    assert dict(new.objects.values_list("slug", "status")) == {
        "planned": "published",
        "held": "published",
        "postponed": "postponed",
        "cancelled": "cancelled",
    }
