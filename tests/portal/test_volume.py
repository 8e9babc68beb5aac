"""The volume generator: proportional, deterministic, and valid by the same rules as the services."""

import hashlib
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q

from agreements.models import Agreement, AgreementStatus, Task
from committees.models import Organization, Person, Position
from committees.selectors import people_with_positions, person_title_line
from events.models import Event, EventSite, Speech
from portal.volume import volume_generate

pytestmark = pytest.mark.django_db

SCALE = 0.02


@pytest.fixture
def volume():
    return volume_generate(scale=SCALE, seed=35)


def test_counts_follow_the_scale(volume):
    made = volume.made
    assert made["events.Event"] == round(5000 * SCALE)
    assert made["events.Speech"] == 6 * made["events.Event"]
    assert made["committees.Person"] == round(5000 * SCALE)
    assert made["committees.Position"] == round(20000 * SCALE)
    assert made["committees.Decision"] == round(2000 * SCALE)
    assert made["agreements.Agreement"] == round(500 * SCALE)
    assert made["agreements.Task"] == round(5000 * SCALE)
    assert 2.5 * made["events.Event"] <= made["events.EventSite"] <= 3.5 * made["events.Event"]
    assert Event.objects.count() == made["events.Event"]


def digest() -> str:
    rows = [
        *Event.objects.order_by("slug").values_list("slug", "title", "start_date", "format"),
        *Person.objects.order_by("slug").values_list("slug", "full_name", "degree"),
        *Speech.objects.order_by("event__slug", "order").values_list("event__slug", "order", "title_line"),
        *Agreement.objects.order_by("slug").values_list("slug", "status", "signed_on"),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_the_same_seed_gives_the_same_records_and_another_seed_others():
    digests = []
    for seed in (35, 35, 36):
        with transaction.atomic():
            volume_generate(scale=SCALE, seed=seed)
            digests.append(digest())
            transaction.set_rollback(True)
    assert digests[0] == digests[1] != digests[2]


def test_a_database_holding_a_volume_is_refused(volume):
    with pytest.raises(CommandError, match="already holds a generated volume"):
        call_command("generate_volume", scale=SCALE)


def test_records_pass_the_rules_the_services_apply(volume):
    # Every row passes its model's own checks (a sample of each).
    for model in (Organization, Person, Position, Event, EventSite, Speech, Agreement, Task):
        for obj in model.objects.order_by("?")[:20]:
            obj.full_clean()
    # An online or hybrid event has a site; no event has two main sites.
    online = Event.objects.filter(format__in=["online", "hybrid"]).annotate(sites_count=Count("sites"))
    assert not online.filter(sites_count=0).exists()
    mains = Counter(EventSite.objects.filter(is_main=True).values_list("event_id", flat=True))
    assert max(mains.values()) == 1
    # Speeches are numbered 1, 2, … within each event.
    orders: dict[int, list[int]] = {}
    for event_id, order in Speech.objects.values_list("event_id", "order"):
        orders.setdefault(event_id, []).append(order)
    assert all(sorted(numbers) == list(range(1, len(numbers) + 1)) for numbers in orders.values())
    # A task's owner is a party to its agreement; an agreement in force has two parties or more.
    assert not Task.objects.exclude(owner__agreement=F("agreement")).exists()
    active = Agreement.objects.filter(status__in=[AgreementStatus.IN_FORCE, AgreementStatus.UNDER_REVIEW])
    assert not active.annotate(parties_count=Count("parties")).filter(parties_count__lt=2).exists()
    # A renewal's predecessor is revised.
    renewed = Agreement.objects.filter(superseded_by__isnull=False)
    assert renewed.exists()
    assert set(renewed.values_list("status", flat=True)) == {AgreementStatus.REVISED}


def test_title_lines_are_the_positions_held_on_the_event_date(volume):
    speeches = Speech.objects.select_related("event").order_by("pk")[:40]
    people = {p.pk: p for p in people_with_positions().filter(pk__in=[s.person_id for s in speeches])}
    for speech in speeches:
        assert speech.title_line == person_title_line(people[speech.person_id], on=speech.event.start_date)
    assert Speech.objects.filter(~Q(title_line="")).count() == Speech.objects.count()


def test_the_national_academy_holds_the_most_positions(volume):
    busiest = Organization.objects.annotate(held=Count("positions")).order_by("-held").first()
    assert busiest.kind == "national_academy"


@pytest.mark.django_db(transaction=True)
def test_the_command_brings_the_planners_statistics_up_to_date_on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("VACUUM ANALYZE is PostgreSQL's; the PostgreSQL leg runs this test.")
    out = io.StringIO()

    call_command("generate_volume", scale=SCALE, stdout=out)

    assert out.getvalue().endswith("Vacuumed and analysed.\n")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NULL AND relname = ANY(%s)",
            [["events_event", "committees_position", "events_speech"]],
        )
        assert cursor.fetchall() == []


def test_articles_follow_the_scale_published_in_the_past_with_their_search_entries(volume):
    from django.utils import timezone

    from portal.news.models import Article, SearchEntry, SearchKind

    made = volume.made
    assert made["news.Article"] == round(20000 * SCALE)
    assert not Article.objects.exclude(status="published").exists()
    assert not Article.objects.filter(published_at__gt=timezone.now()).exists()
    assert Article.objects.filter(categories=None).count() == 0
    assert SearchEntry.objects.filter(kind=SearchKind.ARTICLE).count() == made["news.Article"]
    assert SearchEntry.objects.filter(kind=SearchKind.EVENT).count() == made["events.Event"]
    assert SearchEntry.objects.filter(kind=SearchKind.PERSON).count() == made["committees.Person"]
    assert made["news.SearchEntry"] == SearchEntry.objects.count()
    for article in Article.objects.order_by("?")[:20]:
        article.full_clean()
