"""The publication state of events: drafts are on no public surface, postponed and cancelled
events stay public with a notice, and the state moves only through the workflow services."""

import datetime as dt
import json
import re

import icalendar
import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events.models import Event, EventKind, EventStatus
from events.services import (
    event_cancel,
    event_copy,
    event_postpone,
    event_publish,
    event_save,
    event_unpublish,
)
from portal.news.indexing import search_rebuild
from tests import admin_forms
from tests.agreements.factories import MilestoneFactory, agreement_in_force
from tests.committees.factories import DecisionFactory, OrganizationFactory, PersonFactory
from tests.events.factories import EventChairFactory, EventFactory, SpeechFactory
from tests.news.factories import published_article
from tests.pages import html_of, text_of
from tests.sitemaps import all_locations
from tests.staff import member_of, sees_everything

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Hội nghị nháp chưa công bố"
PUBLIC_TITLE = "Hội nghị đã công bố"


def admin_url(view: str, *args) -> str:
    return admin_forms.admin_url(Event, view, *args)


def staff_with(django_user_model, *codenames, username="thu-ky"):
    staff = django_user_model.objects.create_user(username=username, password="x", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return django_user_model.objects.get(pk=staff.pk)  # fresh: no cached permissions


def new_event(title: str, **fields) -> Event:
    """An event added by `event_save` as staff would: a draft."""
    fields.setdefault("slug", re.sub(r"[^a-z0-9]+", "-", title.lower().encode("ascii", "ignore").decode()))
    fields.setdefault("kind", EventKind.CONFERENCE)
    fields.setdefault("start_date", timezone.localdate() + dt.timedelta(days=3))
    return event_save(event=Event(title=title, **fields), by=None)


@pytest.fixture
def host():
    return OrganizationFactory(name="Học viện Chính trị khu vực IV", slug="hv-iv")


@pytest.fixture
def person():
    return PersonFactory(full_name="Nguyễn Văn Diễn", slug="nguyen-van-dien")


@pytest.fixture
def decision():
    return DecisionFactory(title="Quyết định khen thưởng", slug="qd-khen-thuong")


@pytest.fixture
def pair(host, person, decision):
    """Two upcoming timed events of the same host, both with the same chair, speaker and
    decision announced: one published, one a draft added through `event_save`."""
    day = timezone.localdate() + dt.timedelta(days=3)
    public = EventFactory(
        title=PUBLIC_TITLE, slug="da-cong-bo", start_date=day, start_time=dt.time(8, 0), host=host
    )
    draft = new_event(DRAFT_TITLE, slug="nhap", start_date=day, start_time=dt.time(14, 0), host=host)
    for event in (public, draft):
        EventChairFactory(event=event, person=person)
        SpeechFactory(event=event, person=person)
        event.decisions.add(decision, through_defaults={"order": 1})
    return {"public": public, "draft": draft}


# --- The workflow ------------------------------------------------------------------------------


def test_a_new_event_is_a_draft_whatever_the_instance_says(host):
    event = new_event("Hội nghị mới", host=host, status=EventStatus.PUBLISHED)

    assert Event.objects.get(pk=event.pk).status == EventStatus.DRAFT
    assert list(Event.objects.public()) == []


def test_a_copy_is_a_draft(host):
    original = EventFactory(host=host, status=EventStatus.PUBLISHED)

    copy = event_copy(event=original, by=None)

    assert (copy.status, Event.objects.get(pk=copy.pk).status) == (EventStatus.DRAFT, EventStatus.DRAFT)


def test_publishing_records_who_and_when_in_the_history(host, django_user_model):
    editor = member_of(staff_with(django_user_model, "publish_event"), host)
    event = new_event("Hội nghị mới", host=host)
    before = timezone.now()

    event_publish(event=event, by=editor)

    event.refresh_from_db()
    assert (event.status, event.status_changed_by) == (EventStatus.PUBLISHED, editor)
    assert before <= event.status_changed_at <= timezone.now()
    assert list(LogEntry.objects.values_list("object_id", "change_message")) == [
        (str(event.pk), "Đã chuyển tình trạng sang “đã công bố”.")
    ]


def test_postponing_and_cancelling_keep_a_notice_that_publishing_again_clears(host):
    event = event_publish(event=new_event("Hội nghị mới", host=host), by=None)

    event_postpone(event=event, by=None, notice="  Dời sang tháng 12.  ")
    assert (event.status, event.status_notice) == (EventStatus.POSTPONED, "Dời sang tháng 12.")
    event_cancel(event=event, by=None)
    assert (event.status, event.status_notice) == (EventStatus.CANCELLED, "Dời sang tháng 12.")
    event_publish(event=event, by=None)
    event.refresh_from_db()
    assert (event.status, event.status_notice) == (EventStatus.PUBLISHED, "")


@pytest.mark.parametrize(
    ("service", "label"),
    [(event_postpone, "đã hoãn"), (event_cancel, "đã hủy"), (event_unpublish, "bản nháp")],
)
def test_a_draft_cannot_be_postponed_cancelled_or_unpublished(host, service, label):
    event = new_event("Hội nghị mới", host=host)

    with pytest.raises(ValidationError) as error:
        service(event=event, by=None)

    assert error.value.messages == [f"Sự kiện không thể chuyển từ “bản nháp” sang “{label}”."]
    assert Event.objects.get(pk=event.pk).status == EventStatus.DRAFT


def test_only_staff_with_the_publish_permission_move_the_state(host, django_user_model):
    clerk = staff_with(django_user_model, "view_event", "change_event")
    event = new_event("Hội nghị mới", host=host)

    with pytest.raises(PermissionDenied):
        event_publish(event=event, by=clerk)

    assert Event.objects.get(pk=event.pk).status == EventStatus.DRAFT


def test_saving_a_form_read_before_a_status_change_keeps_the_new_status(host):
    event = new_event("Hội nghị mới", host=host)
    stale = Event.objects.get(pk=event.pk)
    event_publish(event=event, by=None)

    stale.summary = "Tóm tắt mới."
    event_save(event=stale, by=None)

    stored = Event.objects.get(pk=event.pk)
    assert (stored.status, stored.summary) == (EventStatus.PUBLISHED, "Tóm tắt mới.")


# --- Drafts are on no public surface ---------------------------------------------------------


def test_a_draft_page_is_a_404_even_by_its_address(client, admin_client, pair):
    assert client.get("/su-kien/da-cong-bo/").status_code == 200
    assert client.get("/su-kien/nhap/").status_code == 404
    # Staff too: the public address is the readers'; staff preview drafts from the admin.
    assert admin_client.get("/su-kien/nhap/").status_code == 404


def test_a_published_draft_gets_its_page(client, pair):
    event_publish(event=pair["draft"], by=None)

    assert DRAFT_TITLE in text_of(client.get("/su-kien/nhap/"))


def test_the_list_and_its_filters_leave_drafts_out(client, pair):
    lone_host = OrganizationFactory(name="Ban Tuyên giáo chỉ có bản nháp", slug="btg-nhap")
    new_event("Hội nghị nháp khác", host=lone_host)

    page = html_of(client.get("/su-kien/"))

    assert PUBLIC_TITLE in page
    assert DRAFT_TITLE not in page
    # An organisation whose only events are drafts is not offered as an organiser.
    assert "Ban Tuyên giáo chỉ có bản nháp" not in page


def test_the_home_page_leaves_drafts_out(client, pair):
    page = html_of(client.get("/"))

    assert PUBLIC_TITLE in page
    assert DRAFT_TITLE not in page


def test_the_calendar_leaves_drafts_out(client, pair, django_assert_max_num_queries):
    day = pair["public"].start_date

    with django_assert_max_num_queries(2):
        page = html_of(client.get(f"/su-kien/lich/{day.year}/{day.month}/"))

    assert PUBLIC_TITLE in page
    assert DRAFT_TITLE not in page


def test_the_ical_feeds_leave_drafts_out(client, pair, host):
    lone_host = OrganizationFactory(slug="btg-nhap")
    new_event("Hội nghị nháp khác", host=lone_host, start_time=dt.time(9, 0))

    for url in ("/su-kien/lich.ics", "/su-kien/lich.ics?don_vi=hv-iv"):
        calendar = icalendar.Calendar.from_ical(client.get(url).content)
        assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == [PUBLIC_TITLE]
    # An organisation with drafts only has no feed.
    assert client.get("/su-kien/lich.ics?don_vi=btg-nhap").status_code == 404


def test_the_ical_feed_marks_postponed_events_tentative_and_cancelled_ones_cancelled(client, host):
    day = timezone.localdate() + dt.timedelta(days=5)
    held = EventFactory(title="Diễn ra", host=host, start_date=day)
    postponed = event_postpone(event=EventFactory(title="Hoãn", host=host, start_date=day), by=None)
    cancelled = event_cancel(event=EventFactory(title="Hủy", host=host, start_date=day), by=None)

    calendar = icalendar.Calendar.from_ical(client.get("/su-kien/lich.ics").content)

    statuses = {str(event["UID"]): str(event["STATUS"]) for event in calendar.walk("VEVENT")}
    assert statuses == {
        f"event-{held.pk}@testserver": "CONFIRMED",
        f"event-{postponed.pk}@testserver": "TENTATIVE",
        f"event-{cancelled.pk}@testserver": "CANCELLED",
    }


def test_the_sitemap_leaves_drafts_out(client, pair):
    locations = all_locations(client)

    assert "http://testserver/su-kien/da-cong-bo/" in locations
    assert "http://testserver/su-kien/nhap/" not in locations


def test_the_registry_panels_leave_drafts_out(client, pair, host, person, decision):
    for record in (host, person, decision):
        page = html_of(client.get(record.get_absolute_url()))
        assert PUBLIC_TITLE in page, record
        assert DRAFT_TITLE not in page, record


def test_the_search_leaves_drafts_out(client, pair):
    search_rebuild()

    page = html_of(client.get("/tim-kiem/", {"q": "hoi nghi", "loai": "su-kien"}))

    found = re.sub(r"</?mark>", "", page)
    assert PUBLIC_TITLE in found
    assert DRAFT_TITLE not in found


def test_an_article_names_only_its_public_events(client, pair):
    article = published_article(title="Tin hai hội nghị", many_to_many={"events": list(pair.values())})

    page = html_of(client.get(article.get_absolute_url()))

    assert '<a href="/su-kien/da-cong-bo/">' in page
    assert "/su-kien/nhap/" not in page and DRAFT_TITLE not in page


def test_an_agreement_names_only_its_public_events(client, pair):
    draft, public = pair["draft"], pair["public"]
    agreement = agreement_in_force(signing_event=draft, events=[draft, public])
    MilestoneFactory(agreement=agreement, event=draft)

    page = html_of(client.get(agreement.get_absolute_url()))

    assert '<a href="/su-kien/da-cong-bo/">' in page
    assert "/su-kien/nhap/" not in page and DRAFT_TITLE not in page


# --- Postponed and cancelled events stay public ------------------------------------------------


def test_a_postponed_event_keeps_its_page_with_its_notice_and_json_ld(client, pair):
    event_postpone(event=pair["public"], by=None, notice="Hội nghị dời sang ngày 20/12/2026.")

    response = client.get("/su-kien/da-cong-bo/")

    text = text_of(response)
    notice = text[text.index("Sự kiện này đã được hoãn") :]
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert notice.startswith(
        f"Sự kiện này đã được hoãn lại. Hội nghị dời sang ngày 20/12/2026. Thông báo ngày {today}."
    )
    assert "Tình trạng Đã hoãn" in text
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html_of(response)).group(1)
    )
    assert data["eventStatus"] == "https://schema.org/EventPostponed"


def test_a_cancelled_event_keeps_its_page_and_its_place_in_the_lists(client, pair):
    event_cancel(event=pair["public"], by=None)

    response = client.get("/su-kien/da-cong-bo/")

    assert "Sự kiện này đã bị hủy." in text_of(response)
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html_of(response)).group(1)
    )
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert PUBLIC_TITLE in html_of(client.get("/su-kien/"))


def test_a_published_event_says_whether_it_was_held_or_is_planned(client, host):
    EventFactory(slug="da-dien-ra", host=host, start_date=dt.date(2021, 8, 25))
    EventFactory(slug="sap-dien-ra", host=host, start_date=timezone.localdate() + dt.timedelta(days=1))

    assert "Tình trạng Đã diễn ra" in text_of(client.get("/su-kien/da-dien-ra/"))
    assert "Tình trạng Dự kiến" in text_of(client.get("/su-kien/sap-dien-ra/"))


# --- The admin ------------------------------------------------------------------------------------


def test_the_change_page_offers_the_moves_of_the_status(admin_client, pair):
    page = html_of(admin_client.get(admin_url("change", pair["draft"].pk)))

    buttons = re.findall(r'<button type="submit" class="lifecycle" name="transition" value="(\w+)">', page)
    assert buttons == ["publish"]
    page = html_of(admin_client.get(admin_url("change", pair["public"].pk)))
    buttons = re.findall(r'<button type="submit" class="lifecycle" name="transition" value="(\w+)">', page)
    assert buttons == ["postpone", "cancel", "unpublish"]


def test_the_publish_button_publishes(admin_client, pair):
    draft = pair["draft"]

    response = admin_client.post(f"/admin/events/event/{draft.pk}/status/publish/")

    assert response.status_code == 302
    assert Event.objects.get(pk=draft.pk).status == EventStatus.PUBLISHED
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"“{DRAFT_TITLE}” nay ở tình trạng “đã công bố”."
    ]


def test_staff_without_the_publish_permission_get_no_buttons_and_are_refused(client, django_user_model, pair):
    # Permissions, not organisations, are at stake: the user reaches every organisation.
    client.force_login(sees_everything(staff_with(django_user_model, "view_event", "change_event")))
    draft = pair["draft"]

    page = html_of(client.get(admin_url("change", draft.pk)))
    assert 'class="lifecycle"' not in page
    assert client.post(f"/admin/events/event/{draft.pk}/status/publish/").status_code == 403
    response = client.post(admin_url("changelist"), {"action": "publish", "_selected_action": [draft.pk]})
    assert response.status_code == 403
    assert Event.objects.get(pk=draft.pk).status == EventStatus.DRAFT


def test_the_list_action_publishes_the_drafts_and_says_why_it_cannot_postpone_a_draft(admin_client, pair):
    draft, public = pair["draft"], pair["public"]

    response = admin_client.post(
        admin_url("changelist"), {"action": "postpone", "_selected_action": [draft.pk, public.pk]}
    )

    assert response.status_code == 302
    assert dict(Event.objects.values_list("slug", "status")) == {
        "nhap": EventStatus.DRAFT,
        "da-cong-bo": EventStatus.POSTPONED,
    }
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"“{DRAFT_TITLE}” không được thay đổi: Sự kiện không thể chuyển từ “bản nháp” sang “đã hoãn”.",
        "1 sự kiện nay ở tình trạng “đã hoãn”.",
    ]


def test_the_list_shows_and_filters_by_status(admin_client, pair):
    page = html_of(admin_client.get(admin_url("changelist"), {"status__exact": "draft"}))

    assert re.findall(r'<th class="field-title"><a href="[^"]+">([^<]+)</a>', page) == [DRAFT_TITLE]
    assert '<td class="field-status">bản nháp</td>' in page


def test_staff_who_may_view_an_event_preview_a_draft(
    client, django_user_model, pair, django_assert_max_num_queries
):
    draft = pair["draft"]
    url = f"/admin/events/event/{draft.pk}/preview/"
    client.force_login(member_of(staff_with(django_user_model, "view_event"), draft.host))

    with django_assert_max_num_queries(30):
        response = client.get(url)

    page = html_of(response)
    assert DRAFT_TITLE in page
    assert "Bạn đọc chưa xem được sự kiện này: đây là bản nháp." in text_of(response)
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "application/ld+json" not in page
    assert response["Cache-Control"] == "private, no-store, max-age=0, no-cache, must-revalidate"


def test_the_preview_is_closed_to_readers_and_to_staff_who_may_not_view_events(
    client, django_user_model, pair
):
    url = f"/admin/events/event/{pair['draft'].pk}/preview/"

    assert client.get(url).status_code == 302  # to the login page
    client.force_login(staff_with(django_user_model, "view_organization", username="khac"))
    assert client.get(url).status_code == 403


def test_view_on_site_opens_the_preview_of_a_draft_and_the_page_of_a_public_event(admin_client, pair):
    draft, public = pair["draft"], pair["public"]

    draft_page = html_of(admin_client.get(admin_url("change", draft.pk)))
    public_page = html_of(admin_client.get(admin_url("change", public.pk)))

    assert f'href="/admin/events/event/{draft.pk}/preview/"' in draft_page
    assert 'href="/su-kien/da-cong-bo/"' in public_page
