"""The "Nguồn" (sources) of the public pages: every cited record lists its sources, in a fixed
number of queries whatever the number of rows and sources."""

import json
import re

import pytest

from committees.models import Role
from committees.services import person_create
from portal.news.services import article_as_source
from portal.sources.services import citation_add
from tests.agreements.factories import TaskFactory, agreement_in_force
from tests.committees.factories import (
    DecisionFactory,
    LegalDocumentFactory,
    OrganizationFactory,
    PositionFactory,
)
from tests.events.factories import EventFactory, SpeechFactory
from tests.news.factories import published_article
from tests.pages import html_of, text_of
from tests.sources.factories import web_source

pytestmark = pytest.mark.django_db
ROW_COUNTS = pytest.mark.parametrize("rows", [1, 5])
# The pages' own queries for the records these tests make, without their sources.
EVENT_PAGE = 17
AGREEMENT_PAGE = 13
PERSON_PAGE = 5


def sources_section(response) -> str:
    """The text of the page's "Nguồn" section."""
    page = html_of(response)
    section = re.search(r'<section class="sources".*?</section>', page, re.S)
    assert section is not None
    return " ".join(re.sub(r"<[^>]+>", " ", section.group(0)).split())


def article_source(title="Hội nghị Sơ kết Quy chế phối hợp"):
    kv4 = OrganizationFactory(name="Học viện Chính trị khu vực IV")
    article = published_article(title=title, source_organization=kv4)
    return article, article_as_source(article=article, by=None)


def test_a_record_without_sources_shows_no_sources_section(client):
    response = client.get(OrganizationFactory().get_absolute_url())

    assert 'class="sources"' not in html_of(response)


def test_the_organisation_page_lists_its_sources_linked_with_publisher_and_date(client):
    organization = OrganizationFactory()
    article, from_article = article_source()
    citation_add(subject=organization, source=from_article, by=None)
    citation_add(subject=organization, source=web_source(title="Trang ngoài"), by=None)

    response = client.get(organization.get_absolute_url())

    today = from_article.published_on.strftime("%d/%m/%Y")
    assert sources_section(response) == (
        f"Nguồn Hội nghị Sơ kết Quy chế phối hợp , Học viện Chính trị khu vực IV, {today} "
        "Trang ngoài , Học viện Chính trị khu vực IV, 25/08/2021"
    )
    page = html_of(response)
    assert f'<a href="{article.get_absolute_url()}">Hội nghị Sơ kết Quy chế phối hợp</a>' in page
    assert (
        '<a href="https://hcma4.example/tin-tuc/hoi-nghi-so-ket" rel="external noopener">Trang ngoài</a>'
        in page
    )


def test_a_source_with_neither_page_nor_address_is_named_without_a_link(client):
    organization = OrganizationFactory()
    from portal.sources.models import Source, SourceKind
    from portal.sources.services import source_save

    paper = source_save(source=Source(kind=SourceKind.DOCUMENT, title="Báo cáo sơ kết (bản in)"), by=None)
    citation_add(subject=organization, source=paper, by=None)

    response = client.get(organization.get_absolute_url())

    assert sources_section(response) == "Nguồn Báo cáo sơ kết (bản in)"
    assert "<a" not in re.search(r'<section class="sources".*?</section>', html_of(response), re.S).group(0)


def test_a_cached_page_shows_a_source_cited_after_it_was_cached(
    client, settings, django_capture_on_commit_callbacks
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    organization = OrganizationFactory()
    client.get(organization.get_absolute_url())
    assert client.get(organization.get_absolute_url())["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        citation_add(subject=organization, source=web_source(), by=None)

    response = client.get(organization.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Hội nghị sơ kết Quy chế phối hợp" in sources_section(response)


def test_the_person_page_lists_the_sources_of_the_person_and_of_their_positions(client):
    person = person_create(by=None, written_name="TS Phan Công Khanh")
    position = PositionFactory(person=person, role=Role.DIRECTOR)
    citation_add(subject=person, source=web_source(title="Tin về người"), by=None)
    citation_add(subject=position, source=web_source(title="Tin về chức vụ"), by=None)

    response = client.get(person.get_absolute_url())

    assert sources_section(response) == (
        "Nguồn Tin về người , Học viện Chính trị khu vực IV, 25/08/2021 "
        "Tin về chức vụ , Học viện Chính trị khu vực IV, 25/08/2021"
    )


def test_decision_and_legal_document_pages_list_their_sources(client):
    decision, document = DecisionFactory(), LegalDocumentFactory()
    citation_add(subject=decision, source=web_source(title="Tin công bố quyết định"), by=None)
    citation_add(subject=document, source=web_source(title="Tin trích nghị quyết"), by=None)

    assert "Tin công bố quyết định" in sources_section(client.get(decision.get_absolute_url()))
    assert "Tin trích nghị quyết" in sources_section(client.get(document.get_absolute_url()))


def test_the_event_page_lists_its_sources_and_a_speech_its_own(client):
    event = EventFactory()
    first, second = SpeechFactory(event=event), SpeechFactory(event=event)
    _article, report = article_source()
    speech_only = web_source(title="Bài phát biểu toàn văn")
    citation_add(subject=event, source=report, by=None)
    citation_add(subject=first, source=report, by=None)
    citation_add(subject=first, source=speech_only, by=None)
    citation_add(subject=second, source=report, by=None)

    response = client.get(event.get_absolute_url())

    section = sources_section(response)
    assert section.startswith("Nguồn Hội nghị Sơ kết Quy chế phối hợp")
    assert section.endswith("Bài phát biểu toàn văn , Học viện Chính trị khu vực IV, 25/08/2021")
    # Under the speeches: only what the event does not cite already, once.
    assert (
        text_of(response).count("Nguồn: Bài phát biểu toàn văn, Học viện Chính trị khu vực IV, 25/08/2021")
        == 1
    )
    assert "Nguồn: Hội nghị Sơ kết" not in text_of(response)


def test_the_agreement_page_lists_its_sources_and_a_task_its_own(client):
    agreement = agreement_in_force()
    task = TaskFactory(agreement=agreement, title="Tổ chức hội thảo")
    citation_add(subject=agreement, source=web_source(title="Tin ký kết"), by=None)
    citation_add(subject=task, source=web_source(title="Tin về nhiệm vụ"), by=None)

    response = client.get(agreement.get_absolute_url())

    assert sources_section(response) == (
        "Nguồn Tin ký kết , Học viện Chính trị khu vực IV, 25/08/2021 "
        "Tin về nhiệm vụ , Học viện Chính trị khu vực IV, 25/08/2021"
    )
    assert "Nguồn: Tin về nhiệm vụ, Học viện Chính trị khu vực IV, 25/08/2021" in text_of(response)


@ROW_COUNTS
def test_the_event_page_reads_its_sources_in_two_queries_whatever_the_rows(
    client, django_assert_num_queries, rows
):
    event = EventFactory()
    for index in range(rows):
        speech = SpeechFactory(event=event)
        article, source = article_source(title=f"Tin số {index}")
        citation_add(subject=event, source=source, by=None)
        citation_add(subject=speech, source=web_source(title=f"Trang số {index}"), by=None)

    # The event page's own queries (test_event_page_query_count_does_not_grow_with_rows), then
    # the citations with their sources, and the articles they are.
    with django_assert_num_queries(EVENT_PAGE + 2):
        response = client.get(event.get_absolute_url())

    assert sources_section(response).count("Tin số") == rows
    assert text_of(response).count("Nguồn: Trang số") == rows


@ROW_COUNTS
def test_the_agreement_page_reads_its_sources_in_two_queries_whatever_the_rows(
    client, django_assert_num_queries, rows
):
    agreement = agreement_in_force()
    for index in range(rows):
        task = TaskFactory(agreement=agreement)
        _article, source = article_source(title=f"Tin số {index}")
        citation_add(subject=task, source=source, by=None)

    with django_assert_num_queries(AGREEMENT_PAGE + 2):
        response = client.get(agreement.get_absolute_url())

    assert text_of(response).count("Nguồn: Tin số") == rows


@ROW_COUNTS
def test_the_person_page_reads_the_sources_of_its_positions_in_one_query(
    client, django_assert_num_queries, rows
):
    person = person_create(by=None, written_name="TS Phan Công Khanh")
    for index in range(rows):
        position = PositionFactory(person=person, role=Role.DIRECTOR)
        citation_add(subject=position, source=web_source(title=f"Trang số {index}"), by=None)

    with django_assert_num_queries(PERSON_PAGE + 1):
        response = client.get(person.get_absolute_url())

    assert sources_section(response).count("Trang số") == rows


def test_the_event_json_ld_names_its_sources_as_the_works_about_it(client):
    event = EventFactory()
    article, from_article = article_source()
    citation_add(subject=event, source=from_article, by=None)
    citation_add(subject=SpeechFactory(event=event), source=web_source(title="Trang ngoài"), by=None)

    page = html_of(client.get(event.get_absolute_url()))

    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["subjectOf"] == [
        {
            "@type": "NewsArticle",
            "name": "Hội nghị Sơ kết Quy chế phối hợp",
            "url": f"http://testserver{article.get_absolute_url()}",
            "datePublished": from_article.published_on.isoformat(),
            "publisher": {"@type": "Organization", "name": "Học viện Chính trị khu vực IV"},
        },
        {
            "@type": "WebPage",
            "name": "Trang ngoài",
            "url": "https://hcma4.example/tin-tuc/hoi-nghi-so-ket",
            "datePublished": "2021-08-25",
            "publisher": {"@type": "Organization", "name": "Học viện Chính trị khu vực IV"},
        },
    ]
