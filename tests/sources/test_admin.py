"""Citing sources in the admin: the Sources inline of every record's form, the citations list
and form for rows edited within their parent, the sources list, and "Use as a source"."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from committees.models import Organization
from events.models import Event
from portal.news.models import Article
from portal.sources.models import Citation, Source, SourceKind
from portal.sources.selectors import citations_for
from portal.sources.services import citation_add
from tests.admin_forms import admin_url, change_form_data, form_errors
from tests.committees.factories import OrganizationFactory
from tests.events.factories import EventFactory, SpeechFactory
from tests.news.factories import draft_article, published_article
from tests.sources.factories import web_source
from tests.staff import member_of

pytestmark = pytest.mark.django_db
PREFIX = "sources-citation-subject_type-subject_id"


def staff_who_may(client, django_user_model, *codenames):
    staff = django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client.force_login(staff)
    return staff


def with_citation(data: dict, source: Source, note: str = "") -> dict:
    """`data` of a change form with one more row in its Sources inline."""
    row = int(data[f"{PREFIX}-TOTAL_FORMS"])
    return data | {
        f"{PREFIX}-TOTAL_FORMS": str(row + 1),
        f"{PREFIX}-{row}-source": str(source.pk),
        f"{PREFIX}-{row}-note": note,
        f"{PREFIX}-{row}-order": "0",
    }


def test_an_organisation_cites_a_source_on_its_change_form(admin_client, admin_user):
    organization = OrganizationFactory()
    source = web_source()
    data = change_form_data(admin_client.get(admin_url(Organization, "change", organization.pk)))

    response = admin_client.post(
        admin_url(Organization, "change", organization.pk), with_citation(data, source, "tên và cấp")
    )

    assert response.status_code == 302
    assert [(c.source, c.note, c.created_by) for c in citations_for(organization)] == [
        (source, "tên và cấp", admin_user)
    ]


def test_an_event_written_by_its_service_cites_a_source_and_removes_one(admin_client):
    event = EventFactory(title="Hội nghị sơ kết")
    old = citation_add(subject=event, source=web_source(title="Tin cũ"), by=None)
    new = web_source(title="Tin mới")
    data = change_form_data(admin_client.get(admin_url(Event, "change", event.pk)))
    data[f"{PREFIX}-0-DELETE"] = "on"

    response = admin_client.post(admin_url(Event, "change", event.pk), with_citation(data, new))

    assert response.status_code == 302
    assert [c.source.title for c in citations_for(event)] == ["Tin mới"]
    assert not Citation.objects.filter(pk=old.pk).exists()


def test_a_source_cited_twice_for_a_record_is_refused_with_a_message(admin_client):
    organization = OrganizationFactory()
    source = web_source()
    data = change_form_data(admin_client.get(admin_url(Organization, "change", organization.pk)))

    response = admin_client.post(
        admin_url(Organization, "change", organization.pk), with_citation(with_citation(data, source), source)
    )

    assert response.status_code == 200
    assert (
        "Mỗi nguồn chỉ được trích dẫn một lần cho một bản ghi: hãy xóa dòng lặp lại."
        in response.content.decode()
    )
    assert citations_for(organization) == []


def test_staff_without_the_citations_permissions_see_no_sources_and_cannot_post_them(
    client, django_user_model
):
    staff = staff_who_may(client, django_user_model, "view_organization", "change_organization")
    organization = OrganizationFactory()
    member_of(staff, organization)
    page = client.get(admin_url(Organization, "change", organization.pk))
    assert PREFIX not in page.content.decode()
    data = change_form_data(page) | {
        f"{PREFIX}-TOTAL_FORMS": "1",
        f"{PREFIX}-INITIAL_FORMS": "0",
        f"{PREFIX}-0-source": str(web_source().pk),
    }

    response = client.post(admin_url(Organization, "change", organization.pk), data)

    assert response.status_code == 302
    assert Citation.objects.count() == 0


def test_staff_who_may_view_citations_only_see_them_read_only(client, django_user_model):
    staff = staff_who_may(
        client, django_user_model, "view_organization", "change_organization", "view_citation"
    )
    organization = OrganizationFactory()
    member_of(staff, organization)
    citation_add(subject=organization, source=web_source(title="Tin về tổ chức"), by=None)

    page = client.get(admin_url(Organization, "change", organization.pk)).content.decode()

    assert "Tin về tổ chức" in page
    assert f'name="{PREFIX}-0-source"' not in page


def test_a_speech_row_links_to_its_citations_and_to_adding_one(admin_client):
    speech = SpeechFactory()
    citation_add(subject=speech, source=web_source(), by=None)
    speech_type = ContentType.objects.get_for_model(speech)

    page = admin_client.get(admin_url(Event, "change", speech.event.pk)).content.decode()

    subject = f"{speech_type.pk}&amp;subject_id={speech.pk}"
    listed = f"{admin_url(Citation, 'changelist')}?subject_type__id__exact={subject}"
    adding = f"{admin_url(Citation, 'add')}?subject_type={subject}"
    assert f'<a href="{listed}">1 nguồn</a>' in page
    assert f'<a href="{adding}">Thêm nguồn</a>' in page


def test_a_citation_is_added_for_a_speech_from_its_link(admin_client, admin_user):
    speech = SpeechFactory()
    source = web_source()
    speech_type = ContentType.objects.get_for_model(speech)
    form = admin_client.get(
        f"{admin_url(Citation, 'add')}?subject_type={speech_type.pk}&subject_id={speech.pk}"
    )
    assert form.context["adminform"].form.initial == {
        "subject_type": str(speech_type.pk),
        "subject_id": str(speech.pk),
    }

    response = admin_client.post(
        admin_url(Citation, "add"),
        {
            "subject_type": speech_type.pk,
            "subject_id": speech.pk,
            "source": source.pk,
            "note": "",
            "order": 0,
        },
    )

    assert response.status_code == 302
    assert [(c.source, c.created_by) for c in citations_for(speech)] == [(source, admin_user)]


def test_a_citation_for_a_record_that_does_not_exist_is_refused_with_a_message(admin_client):
    speech_type = ContentType.objects.get_for_model(SpeechFactory())

    response = admin_client.post(
        admin_url(Citation, "add"),
        {"subject_type": speech_type.pk, "subject_id": 987654, "source": web_source().pk, "order": 0},
    )

    assert response.status_code == 200
    assert form_errors(response) == {"subject_id": ["Không có phát biểu nào mang số này."]}


def test_only_kinds_of_record_that_cite_sources_can_be_chosen(admin_client):
    form = admin_client.get(admin_url(Citation, "add")).context["adminform"].form
    kinds = {content_type.model for content_type in form.fields["subject_type"].queryset}

    assert kinds == {
        "organization",
        "person",
        "position",
        "steeringcommittee",
        "team",
        "decision",
        "legaldocument",
        "event",
        "speech",
        "agreement",
        "task",
        "report",
        "reportitem",
    }


def test_a_web_source_without_its_address_is_refused_with_a_message(admin_client):
    response = admin_client.post(
        admin_url(Source, "add"), {"kind": SourceKind.WEB, "title": "Trang không địa chỉ", "url": ""}
    )

    assert form_errors(response) == {"url": ["Trang web cần có địa chỉ."]}


def test_sources_are_found_by_the_autocomplete_of_the_inline(admin_client):
    web_source(title="Hội nghị sơ kết Quy chế phối hợp")
    web_source(title="Ký kết chương trình phối hợp")

    response = admin_client.get(
        "/admin/autocomplete/",
        {"term": "ký kết", "app_label": "sources", "model_name": "citation", "field_name": "source"},
    )

    assert [row["text"] for row in response.json()["results"]] == ["Ký kết chương trình phối hợp"]


def test_use_as_source_makes_the_source_of_each_published_article_and_refuses_drafts(admin_client):
    published, draft = published_article(title="Tin đã đăng"), draft_article(title="Bản nháp")

    response = admin_client.post(
        admin_url(Article, "changelist"),
        {"action": "use_as_source", "_selected_action": [published.pk, draft.pk]},
        follow=True,
    )

    assert [(s.title, s.record) for s in Source.objects.all()] == [("Tin đã đăng", published)]
    messages = [str(m) for m in response.context["messages"]]
    assert messages[-1] == "Chỉ bài viết đã xuất bản mới có thể làm nguồn; không dùng: Bản nháp"


def test_use_as_source_is_offered_only_to_who_may_add_sources(client, django_user_model):
    staff_who_may(client, django_user_model, "view_article", "change_article")
    published_article()

    page = client.get(admin_url(Article, "changelist"))

    assert page.status_code == 200
    assert "use_as_source" not in page.content.decode()


def test_the_citations_list_filtered_by_a_rows_link_shows_that_rows_citations_only(admin_client):
    speech, other = SpeechFactory(), SpeechFactory()
    citation_add(subject=speech, source=web_source(title="Tin về phát biểu"), by=None)
    citation_add(subject=other, source=web_source(title="Tin khác"), by=None)
    speech_type = ContentType.objects.get_for_model(speech)

    response = admin_client.get(
        admin_url(Citation, "changelist"),
        {"subject_type__id__exact": speech_type.pk, "subject_id": speech.pk},
    )

    assert [citation.source.title for citation in response.context["cl"].result_list] == ["Tin về phát biểu"]


def test_a_citation_form_opened_with_a_broken_record_in_its_address_loads(admin_client):
    response = admin_client.get(admin_url(Citation, "add"), {"subject_type": "abc", "subject_id": "9" * 30})

    assert response.status_code == 200
