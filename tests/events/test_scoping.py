"""Events and organisations: a KV II secretariat changes KV II's events only.

An event hosted by KV IV where KV II had a connection site is shared: KV II's staff read it
(its page read-only, no status buttons, a POST refused); an event of KV IV alone is not theirs
to see. The services refuse the same writes (an import or a job acting for the user obeys the
same rule), and every write enters the audit history with the user, or the job's name.
"""

import datetime as dt

import pytest
from django.urls import reverse

from events.models import Event, EventFormat, EventKind, EventSite, EventStatus, Speech
from events.resources import EventResource, SpeechResource
from events.services import (
    event_copy,
    event_fill_title_lines,
    event_publish,
    event_restore,
    event_save,
    event_unpublish,
)
from events.tasks import make_missing_renditions
from portal.exchange.formats import read_xlsx
from portal.roles import SECRETARIAT
from portal.scoping import ScopeError
from portal.services import Rows
from tests import admin_forms
from tests.committees.factories import OrganizationFactory, PersonFactory
from tests.events.factories import EVENT_INLINES, EventFactory, EventPhotoFactory, EventSiteFactory
from tests.events.test_resources import HEADERS, SPEECH_HEADERS, raw_workbook, row
from tests.staff import in_role, member_of

pytestmark = pytest.mark.django_db

OUT_OF_SCOPE = "thuộc tổ chức khác"


@pytest.fixture
def orgs():
    academy = OrganizationFactory(name="Học viện Chính trị quốc gia Hồ Chí Minh")
    return {
        "hv": academy,
        "kv2": OrganizationFactory(name="Học viện Chính trị khu vực II", parent=academy),
        "kv4": OrganizationFactory(name="Học viện Chính trị khu vực IV", parent=academy),
    }


@pytest.fixture
def secretary(django_user_model, orgs):
    user = django_user_model.objects.create_user(
        username="thu-ky-kv2", password="x", is_staff=True, first_name="Lan", last_name="Nguyễn"
    )
    return member_of(in_role(user, SECRETARIAT), orgs["kv2"])


@pytest.fixture
def events(orgs):
    own = EventFactory(title="Hội thảo của khu vực II", host=orgs["kv2"], status=EventStatus.DRAFT)
    shared = EventFactory(title="Hội nghị của khu vực IV", host=orgs["kv4"], format=EventFormat.HYBRID)
    EventSiteFactory(event=shared, organization=orgs["kv2"])
    other = EventFactory(title="Tọa đàm riêng của khu vực IV", host=orgs["kv4"])
    return {"own": own, "shared": shared, "other": other}


def url(view: str, *args) -> str:
    return admin_forms.admin_url(Event, view, *args)


def status_url(event: Event, name: str) -> str:
    return reverse("admin:events_event_status", args=[event.pk, name])


def stored(event: Event) -> tuple:
    return Event.objects.filter(pk=event.pk).values_list("title", "status", "host_id").get()


# --- The services ---------------------------------------------------------------------------------


def test_the_services_refuse_to_change_another_organisations_event(events, secretary):
    for name in ("shared", "other"):
        event = events[name]
        before = stored(event)
        event.title = "Đổi tên"
        with pytest.raises(ScopeError, match=OUT_OF_SCOPE):
            event_save(event=event, by=secretary)
        with pytest.raises(ScopeError):
            event_unpublish(event=event, by=secretary)
        with pytest.raises(ScopeError):
            event_fill_title_lines(event=event, by=secretary)
        assert stored(event) == before


def test_an_event_cannot_be_moved_to_or_made_for_another_organisation(events, orgs, secretary):
    own = events["own"]
    own.host = orgs["kv4"]
    with pytest.raises(ScopeError):
        event_save(event=own, by=secretary)
    assert stored(own)[2] == orgs["kv2"].pk

    new = Event(title="Sự kiện cho khu vực IV", kind=EventKind.CONFERENCE, start_date=dt.date(2025, 1, 2))
    new.host = orgs["hv"]  # the academy above theirs: seen, not theirs
    with pytest.raises(ScopeError):
        event_save(event=new, by=secretary)
    assert not Event.objects.filter(title="Sự kiện cho khu vực IV").exists()


def test_copying_makes_a_draft_of_their_own_events_only(events, secretary):
    with pytest.raises(ScopeError):
        event_copy(event=events["shared"], by=secretary)
    assert Event.objects.count() == 3

    copy = event_copy(event=events["own"], by=secretary)
    assert (copy.host, copy.status) == (events["own"].host, EventStatus.DRAFT)


def test_their_own_event_is_saved_and_published_with_them_in_the_history(events, secretary):
    own = events["own"]
    own.title = "Hội thảo khoa học khu vực II"
    event_save(event=own, by=secretary)
    event_publish(event=own, by=secretary)

    latest, saved = own.history.order_by("-history_id")[:2]
    assert (saved.title, saved.history_user, saved.history_type) == (own.title, secretary, "~")
    assert (latest.status, latest.history_user) == (EventStatus.PUBLISHED, secretary)


def test_renumbered_speeches_step_aside_in_the_history_too(events, secretary):
    own = events["own"]
    first, second = PersonFactory(), PersonFactory()
    event_save(
        event=own,
        by=secretary,
        rows=[Rows.of(Speech, "event", Speech(person=first, order=1), Speech(person=second, order=2))],
    )
    one, two = own.speeches.order_by("order")
    one.order, two.order = 2, 1
    event_save(event=own, by=secretary, rows=[Rows.of(Speech, "event", one, two)])

    # Every order the speech held is in its history, the step aside included, all by the user.
    orders = [version.order for version in Speech.history.filter(id=one.pk).order_by("history_id")]
    assert orders[0] == 1 and orders[-2:] == [3, 2]
    assert {version.history_user for version in Speech.history.all()} == {secretary}


def test_restore_puts_back_an_earlier_version_through_the_save_service(events, orgs, secretary):
    own = events["own"]
    own.title, own.summary = "Tên thứ hai", "Tóm tắt mới"
    event_save(event=own, by=secretary)
    first = own.history.order_by("history_id").first()

    event_restore(event=own, version=first, by=secretary)

    own.refresh_from_db()
    assert (own.title, own.summary) == ("Hội thảo của khu vực II", "")
    restored = own.history.order_by("-history_id").first()
    assert restored.history_user == secretary
    assert restored.history_change_reason.startswith("Khôi phục phiên bản sự kiện lúc")

    shared = events["shared"]
    with pytest.raises(ScopeError):
        event_restore(event=shared, version=shared.history.first(), by=secretary)
    with pytest.raises(Exception, match="sự kiện khác"):
        event_restore(event=own, version=shared.history.first(), by=secretary)


# --- The admin --------------------------------------------------------------------------------------


def test_a_shared_event_opens_read_only_without_status_buttons(client, events, secretary):
    client.force_login(secretary)
    shared = events["shared"]

    response = client.get(url("change", shared.pk))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="_save"' not in page and 'name="title"' not in page
    assert status_url(shared, "unpublish") not in page
    assert not response.context["has_change_permission"]
    # Its inlines are read-only too: no row can be added or changed.
    assert all(not inline.has_add_permission for inline in response.context["inline_admin_formsets"])
    assert 'name="sites-0-organization"' not in page


def test_their_own_event_opens_with_its_status_buttons(client, events, secretary):
    client.force_login(secretary)
    own = events["own"]
    page = client.get(url("change", own.pk)).content.decode()
    assert 'name="_save"' in page and status_url(own, "publish") in page


def test_posting_a_shared_or_other_event_changes_nothing(client, events, secretary):
    client.force_login(secretary)
    data = {"title": "Đổi tên", "host": str(events["own"].host_id)}
    for name, expected in (("shared", 403), ("other", 302)):
        event = events[name]
        before = stored(event)
        assert client.post(url("change", event.pk), data).status_code == expected
        assert client.post(status_url(event, "unpublish")).status_code == expected
        assert client.post(url("delete", event.pk), {"post": "yes"}).status_code == expected
        assert stored(event) == before


def test_the_list_actions_refuse_shared_events_with_a_message(client, events, secretary):
    client.force_login(secretary)
    shared = events["shared"]
    response = client.post(
        url("changelist"),
        {"action": "unpublish", "_selected_action": [str(shared.pk)]},
        follow=True,
    )
    assert any(OUT_OF_SCOPE in str(message) for message in response.context["messages"])
    assert stored(shared)[1] == EventStatus.PUBLISHED

    response = client.post(
        url("changelist"),
        {"action": "copy_as_new_event", "_selected_action": [str(shared.pk)]},
        follow=True,
    )
    assert response.status_code == 200
    assert any("không được sao chép" in str(message) for message in response.context["messages"])
    assert Event.objects.count() == 3


def test_the_list_shows_their_own_and_shared_events_only(client, events, secretary):
    client.force_login(secretary)
    response = client.get(url("changelist"))
    assert {event.title for event in response.context["cl"].result_list} == {
        "Hội thảo của khu vực II",
        "Hội nghị của khu vực IV",
    }


def event_form(host) -> dict:
    return {
        "title": "Hội thảo khoa học mới",
        "slug": "",
        "kind": EventKind.CONFERENCE,
        "format": EventFormat.IN_PERSON,
        "start_date": "05/06/2025",
        "part_of_day": "morning",
        "host": str(host.pk),
        **admin_forms.management_forms(EVENT_INLINES),
    }


def test_the_host_of_a_new_event_is_one_of_their_own_organisations(client, orgs, secretary):
    client.force_login(secretary)
    form = client.get(url("add")).context["adminform"].form
    assert set(form.fields["host"].queryset) == {orgs["kv2"]}

    for host in (orgs["kv4"], orgs["hv"]):
        response = client.post(url("add"), event_form(host))
        assert response.status_code == 200 and "host" in response.context["adminform"].form.errors
    assert not Event.objects.exists()

    assert client.post(url("add"), event_form(orgs["kv2"])).status_code == 302
    event = Event.objects.get()
    assert event.host == orgs["kv2"]
    [added] = event.history.all()
    assert (added.history_type, added.history_user) == ("+", secretary)


def test_an_admin_save_is_in_the_history_with_the_user(client, events, secretary):
    client.force_login(secretary)
    own = events["own"]
    data = admin_forms.change_form_data(client.get(url("change", own.pk)))
    data["title"] = "Hội thảo đã sửa"
    assert client.post(url("change", own.pk), data).status_code == 302
    latest = own.history.order_by("-history_id").first()
    assert (latest.title, latest.history_user, latest.history_type) == ("Hội thảo đã sửa", secretary, "~")


# --- Imports and jobs -------------------------------------------------------------------------------


def test_an_import_row_changing_another_organisations_event_is_refused(events, orgs, secretary):
    shared = events["shared"]
    content = raw_workbook(
        HEADERS[:-1],
        row(
            **{
                "Tiêu đề": shared.title,
                "Ngày bắt đầu": shared.start_date.strftime("%d/%m/%Y"),
                "Đơn vị chủ trì": orgs["kv4"].name,
                "Tóm tắt": "Sửa qua tệp",
            }
        ),
        row(**{"Tiêu đề": "Sự kiện mới của khu vực II", "Đơn vị chủ trì": orgs["kv2"].name}),
    )
    result = EventResource().import_data(read_xlsx(content), user=secretary)

    [invalid] = result.invalid_rows
    assert invalid.number == 1
    assert OUT_OF_SCOPE in " ".join(str(m) for messages in invalid.error_dict.values() for m in messages)
    # All or nothing: the valid row is not imported either.
    assert not Event.objects.filter(title="Sự kiện mới của khu vực II").exists()
    assert Event.objects.get(pk=shared.pk).summary == ""


def test_an_import_row_for_a_speech_of_another_organisations_event_is_refused(events, secretary):
    shared = events["shared"]
    speaker = PersonFactory(full_name="Hoàng Phúc Lâm")
    content = raw_workbook(
        SPEECH_HEADERS,
        [shared.title, shared.start_date.strftime("%d/%m/%Y"), 1, speaker.full_name, "", "", "", "", ""],
    )
    result = SpeechResource().import_data(read_xlsx(content), user=secretary)
    assert len(result.invalid_rows) == 1
    assert not Speech.objects.exists()


def test_a_job_writes_in_the_history_with_its_name(events, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = EventPhotoFactory(event=events["own"])
    assert make_missing_renditions() == 1
    latest = photo.history.order_by("-history_id").first()
    assert latest.history_user is None
    assert latest.history_change_reason == "Tạo ảnh thu nhỏ còn thiếu (tác vụ tự động)"
    assert latest.thumbnail


def test_sites_of_a_shared_event_are_not_theirs_to_change(events, secretary):
    shared = events["shared"]
    site = shared.sites.get()
    site.place = "Hội trường B"
    with pytest.raises(ScopeError):
        event_save(event=shared, by=secretary, rows=[Rows.of(EventSite, "event", site)])
    assert EventSite.objects.get(pk=site.pk).place == ""


def test_saving_their_event_keeps_what_a_system_administrator_named_outside_their_scope(
    client, events, orgs, secretary
):
    """A co-organiser and a connection site of another region, named by a system administrator,
    are shown in their boxes and kept when the secretary saves the event again."""
    own = events["own"]
    own.format = EventFormat.HYBRID
    own.save()
    own.co_organizers.add(orgs["kv4"])
    site = EventSiteFactory(event=own, organization=orgs["kv4"])
    client.force_login(secretary)

    page = client.get(url("change", own.pk))
    # The boxes show the stored choices (an autocomplete box renders only its selected options).
    selected = f'<option value="{orgs["kv4"].pk}" selected>Học viện Chính trị khu vực IV</option>'
    assert page.content.decode().count(selected) == 2
    data = admin_forms.change_form_data(page)
    data["title"] = "Hội thảo đã sửa"
    response = client.post(url("change", own.pk), data)

    assert response.status_code == 302, response.status_code == 200 and (
        admin_forms.form_errors(response),
        admin_forms.inline_errors(response),
    )
    own.refresh_from_db()
    assert own.title == "Hội thảo đã sửa"
    assert list(own.co_organizers.all()) == [orgs["kv4"]]
    assert EventSite.objects.get(pk=site.pk).organization == orgs["kv4"]
    # Only the stored values: the boxes offer nothing else of that region.
    assert answers_for_site(client) == {orgs["kv2"].name, orgs["hv"].name}


def answers_for_site(client) -> set[str]:
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "events", "model_name": "eventsite", "field_name": "organization", "term": ""},
    )
    return {result["text"] for result in response.json()["results"]}
