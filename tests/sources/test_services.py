"""Writing sources and citations (portal.sources.services), and the news articles as sources."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from committees.models import Organization
from portal.news.services import article_as_source, article_unpublish
from portal.services import Row, Rows
from portal.sources.models import Citation, Source, SourceKind
from portal.sources.selectors import citations_for
from portal.sources.services import citation_add, citation_remove, citations_write, source_save
from tests.committees.factories import OrganizationFactory, PersonFactory
from tests.news.factories import draft_article, published_article
from tests.sources.factories import web_source

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_citing_a_source_again_updates_its_note_and_keeps_one_citation():
    organization = OrganizationFactory()
    first, second = web_source(), web_source(title="Trang thứ hai")

    citation_add(subject=organization, source=first, note="tên", by=None)
    citation_add(subject=organization, source=second, by=None)
    citation_add(subject=organization, source=first, note="tên và cấp", by=None)

    assert [(c.source.title, c.note, c.order) for c in citations_for(organization)] == [
        ("Hội nghị sơ kết Quy chế phối hợp", "tên và cấp", 0),
        ("Trang thứ hai", "", 1),
    ]


def test_deleting_a_record_deletes_its_citations_and_keeps_the_source():
    organization, other = OrganizationFactory(), OrganizationFactory()
    source = web_source()
    citation_add(subject=organization, source=source, by=None)
    citation_add(subject=other, source=source, by=None)

    Organization.objects.filter(pk=organization.pk).delete()

    assert list(Citation.objects.values_list("subject_id", flat=True)) == [other.pk]
    assert Source.objects.filter(pk=source.pk).exists()


def test_citations_of_a_record_are_not_those_of_another_kind_with_the_same_number():
    organization = OrganizationFactory()
    person = PersonFactory(id=organization.pk)
    citation_add(subject=organization, source=web_source(), by=None)

    assert citations_for(person) == []
    assert len(citations_for(organization)) == 1


def test_a_web_page_needs_its_address():
    with pytest.raises(ValidationError) as error:
        source_save(source=Source(kind=SourceKind.WEB, title="Trang không địa chỉ"), by=None)

    assert error.value.message_dict == {"url": ["Trang web cần có địa chỉ."]}


def test_a_source_is_cited_once_for_a_record_through_the_admin_rows_too():
    organization = OrganizationFactory()
    source = web_source()
    citation_add(subject=organization, source=source, by=None)
    again = Citation(source=source)

    with pytest.raises(ValidationError):
        citations_write(subject=organization, rows=Rows(Citation, "subject", save=[Row(again)]), by=None)


def test_citations_write_saves_and_deletes_the_rows_of_the_record(admin_user):
    organization = OrganizationFactory()
    kept = citation_add(subject=organization, source=web_source(), by=None)
    gone = citation_add(subject=organization, source=web_source(title="Trang cũ"), by=None)
    new = Citation(source=web_source(title="Trang mới"), note="số liệu", order=5)

    citations_write(
        subject=organization, rows=Rows(Citation, "subject", save=[Row(new)], delete=[gone]), by=admin_user
    )

    assert [(c.pk, c.source.title, c.created_by) for c in citations_for(organization)] == [
        (kept.pk, "Hội nghị sơ kết Quy chế phối hợp", None),
        (new.pk, "Trang mới", admin_user),
    ]


def test_citation_remove_stops_citing():
    organization = OrganizationFactory()
    citation = citation_add(subject=organization, source=web_source(), by=None)

    citation_remove(citation=citation, by=None)

    assert citations_for(organization) == []


def test_a_published_article_is_a_source_with_its_title_day_and_source_organisation():
    kv4 = OrganizationFactory(name="Học viện Chính trị khu vực IV")
    article = published_article(
        title="Hội nghị Sơ kết Quy chế phối hợp",
        source_organization=kv4,
        now=dt.datetime(2021, 8, 30, 17, 9, tzinfo=HANOI),
    )

    source = article_as_source(article=article, by=None)

    assert (source.kind, source.title, source.published_on, source.publisher, source.record) == (
        SourceKind.ARTICLE,
        "Hội nghị Sơ kết Quy chế phối hợp",
        dt.date(2021, 8, 30),
        "Học viện Chính trị khu vực IV",
        article,
    )
    assert source.href == article.get_absolute_url()
    assert article_as_source(article=article, by=None) == source
    assert Source.objects.count() == 1


def test_an_article_typed_in_as_a_source_becomes_the_published_articles_and_keeps_its_citations():
    organization = OrganizationFactory()
    typed = source_save(
        source=Source(kind=SourceKind.ARTICLE, title="Hội nghị sơ kết", published_on=dt.date(2021, 8, 25)),
        by=None,
    )
    citation_add(subject=organization, source=typed, by=None)
    article = published_article(title="Hội nghị sơ kết")

    source = article_as_source(article=article, by=None)

    assert source.pk == typed.pk
    assert (source.record, source.published_on) == (article, dt.date(2021, 8, 25))
    assert [c.source.href for c in citations_for(organization)] == [article.get_absolute_url()]


def test_a_draft_article_is_no_source():
    with pytest.raises(ValidationError) as error:
        article_as_source(article=draft_article(), by=None)

    assert error.value.messages == ["Chỉ bài viết đã xuất bản mới có thể làm nguồn."]
    assert Source.objects.count() == 0


def test_an_unpublished_article_is_linked_by_its_address_only():
    article = published_article()
    source = article_as_source(article=article, by=None)

    article_unpublish(article=article, by=None)

    source = Source.objects.get(pk=source.pk)
    assert source.href == ""
    source.url = "https://hcma4.example/bai-goc"
    assert source.href == "https://hcma4.example/bai-goc"
