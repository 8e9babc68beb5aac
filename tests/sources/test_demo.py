"""The demo cites the published source article for every record it loads (`load_demo`)."""

import pytest

from agreements.models import Agreement, Task
from committees.demo import DECISIONS
from committees.models import (
    Decision,
    LegalDocument,
    Organization,
    Person,
    Position,
    SteeringCommittee,
    Team,
)
from events.models import Event, Speech
from portal.news.models import Article
from portal.sources.models import Citation, Source
from portal.sources.selectors import citations_for
from reports.models import Report, ReportItem

pytestmark = pytest.mark.django_db

CITED = [
    Organization,
    Person,
    Position,
    SteeringCommittee,
    Team,
    Decision,
    LegalDocument,
    Event,
    Speech,
    Agreement,
    Task,
    Report,
    ReportItem,
]


def keys(record) -> list[str]:
    """The seed articles cited for `record`, by their number ("000" … "004")."""
    numbers = {source.title: number for number, source in SEEDS.items()}
    return sorted(numbers[citation.source.title] for citation in citations_for(record))


SEEDS: dict = {}


@pytest.fixture(autouse=True)
def _seeds(demo_data):
    from portal.sources.seeds import SEEDS as seeds

    SEEDS.update(seeds)


@pytest.mark.parametrize("model", CITED, ids=lambda model: model.__name__)
def test_every_demo_record_cites_a_source(model):
    uncited = model.objects.filter(citations__isnull=True)

    assert model.objects.exists()
    assert [str(record) for record in uncited] == []


def test_the_sources_are_the_five_published_articles_of_the_portal():
    sources = Source.objects.order_by("title")

    assert [source.record for source in sources] == list(Article.objects.order_by("title"))
    assert all(source.href == source.record.get_absolute_url() for source in sources)
    assert Source.objects.count() == 5
    assert Citation.objects.filter(source__record_id__isnull=True).count() == 0


def test_article_001s_three_decisions_cite_001_and_004s_decision_cites_004():
    assert [keys(Decision.objects.get(slug=dec.slug)) for dec in DECISIONS] == [
        ["001"],
        ["001"],
        ["001"],
        ["004"],
    ]


def test_speeches_and_tasks_cite_the_article_of_their_event_or_agreement():
    for speech in Speech.objects.select_related("event"):
        assert keys(speech) == keys(speech.event)
    for task in Task.objects.select_related("agreement"):
        assert keys(task) == keys(task.agreement)


def test_spot_checks_of_the_registry():
    assert keys(Organization.objects.get(slug="quan-khu-4")) == ["003"]
    assert keys(Person.objects.get(slug="hoang-phuc-lam")) == ["000", "004"]
    assert keys(Position.objects.get(person__slug="phan-cong-khanh", role="director")) == ["000"]
    assert keys(LegalDocument.objects.get(number="05-CT/TW")) == ["003", "004"]
    assert keys(Report.objects.get(organization__slug="dang-uy-hoc-vien-chinh-tri-khu-vuc-i")) == ["002"]


def test_the_event_page_of_001_lists_its_source_article(client):
    event = Event.objects.get(slug="hoi-nghi-cong-bo-quyet-dinh-ban-chi-dao-35-kv-ii-2021")
    article = Source.objects.get(title=SEEDS["001"].title).record

    page = client.get(event.get_absolute_url()).content.decode()

    link = f'<a href="{article.get_absolute_url()}">{SEEDS["001"].title}</a>'
    assert f"{link}, Học viện Chính trị khu vực II, 14/05/2021" in page
