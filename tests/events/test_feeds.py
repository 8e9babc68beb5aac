"""/su-kien/lich.ics: the upcoming events and those of the last 90 days as iCalendar (RFC 5545)."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.cache import cache
from django.utils import timezone

from committees.services import organization_rename
from events.models import EventFormat, EventKind, EventStatus
from tests.committees.factories import OrganizationFactory
from tests.events.factories import EventFactory, EventSiteFactory

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def today():
    return timezone.localdate()


def parsed(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def by_uid(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def academy():
    return OrganizationFactory(name="Học viện Chính trị khu vực IV", slug="hoc-vien-chinh-tri-khu-vuc-iv")


def test_feed_is_a_calendar_with_the_ho_chi_minh_time_zone(client, academy, today):
    EventFactory(host=academy, start_date=today, start_time=dt.time(8, 0))

    calendar = parsed(client.get("/su-kien/lich.ics"))

    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Ban Chi dao 35//Cong thong tin su kien//VI"
    assert str(calendar["X-WR-CALNAME"]) == "Sự kiện của Ban Chỉ đạo 35"
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]


def test_a_timed_event_starts_and_ends_at_ho_chi_minh_times(client, academy, today):
    organization_rename(
        by=None, organization=academy, new_name="Học viện Chính trị khu vực IV (mới)", on=today
    )
    day = today + dt.timedelta(days=7)
    event = EventFactory(
        title="Hội nghị sơ kết 18 tháng",
        slug="so-ket-18-thang",
        kind=EventKind.CONFERENCE,
        format=EventFormat.HYBRID,
        status=EventStatus.PUBLISHED,
        start_date=day,
        start_time=dt.time(8, 0),
        end_time=dt.time(11, 30),
        host=academy,
        summary="Đánh giá 18 tháng thực hiện Quy chế phối hợp.",
    )
    EventSiteFactory(event=event, organization=None, place="các tỉnh khu vực Tây Nam Bộ", order=0)
    EventSiteFactory(event=event, organization=academy, is_main=True, order=1)
    event.refresh_from_db()

    response = client.get("/su-kien/lich.ics")
    component = by_uid(parsed(response))[f"event-{event.pk}@testserver"]

    assert component.decoded("DTSTART") == dt.datetime.combine(day, dt.time(8, 0), tzinfo=HCM)
    assert component.decoded("DTEND") == dt.datetime.combine(day, dt.time(11, 30), tzinfo=HCM)
    assert component["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert component["DTEND"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert f"DTSTART;TZID=Asia/Ho_Chi_Minh:{day:%Y%m%d}T080000" in response.content.decode()
    assert component.decoded("DTSTAMP") == event.updated_at.replace(microsecond=0)
    assert str(component["SUMMARY"]) == "Hội nghị sơ kết 18 tháng"
    assert str(component["DESCRIPTION"]) == (
        "Hội nghị – Học viện Chính trị khu vực IV (mới)\n\nĐánh giá 18 tháng thực hiện Quy chế phối hợp."
    )
    assert str(component["URL"]) == "http://testserver/su-kien/so-ket-18-thang/"
    assert str(component["LOCATION"]) == "Học viện Chính trị khu vực IV (mới)"
    assert str(component["STATUS"]) == "CONFIRMED"


def test_a_past_event_keeps_the_names_of_its_date(client, academy, today):
    organization_rename(
        by=None, organization=academy, new_name="Học viện Chính trị khu vực IV (mới)", on=today
    )
    event = EventFactory(title="Giao ban", start_date=today - dt.timedelta(days=3), host=academy)
    EventSiteFactory(event=event, organization=academy, is_main=True)

    component = by_uid(parsed(client.get("/su-kien/lich.ics")))[f"event-{event.pk}@testserver"]

    assert str(component["LOCATION"]) == "Học viện Chính trị khu vực IV"
    assert str(component["DESCRIPTION"]) == "Hội nghị – Học viện Chính trị khu vực IV"


def test_an_event_without_clock_time_is_all_day_with_an_exclusive_end(client, academy, today):
    first = today + dt.timedelta(days=20)
    event = EventFactory(
        title="Lớp tập huấn",
        kind=EventKind.TRAINING,
        status=EventStatus.POSTPONED,
        start_date=first,
        end_date=first + dt.timedelta(days=2),
        host=academy,
    )

    component = by_uid(parsed(client.get("/su-kien/lich.ics")))[f"event-{event.pk}@testserver"]

    assert component.decoded("DTSTART") == first
    assert component.decoded("DTEND") == first + dt.timedelta(days=3)
    assert type(component.decoded("DTSTART")) is dt.date
    assert component["DTSTART"].params["VALUE"] == "DATE"
    assert str(component["STATUS"]) == "TENTATIVE"
    assert str(component["DESCRIPTION"]) == "Tập huấn – Học viện Chính trị khu vực IV"
    assert "LOCATION" not in component


def test_a_timed_event_over_several_days_without_end_time_runs_to_the_end_of_its_last_day(
    client, academy, today
):
    first = today - dt.timedelta(days=100)
    last = today - dt.timedelta(days=85)
    event = EventFactory(start_date=first, end_date=last, start_time=dt.time(8, 0), host=academy)

    component = by_uid(parsed(client.get("/su-kien/lich.ics")))[f"event-{event.pk}@testserver"]

    assert component.decoded("DTSTART") == dt.datetime.combine(first, dt.time(8, 0), tzinfo=HCM)
    assert component.decoded("DTEND") == dt.datetime.combine(
        last + dt.timedelta(days=1), dt.time(0), tzinfo=HCM
    )


def test_a_cancelled_event_with_only_a_start_time_has_no_end(client, academy, today):
    event = EventFactory(
        start_date=today - dt.timedelta(days=30),
        start_time=dt.time(14, 0),
        status=EventStatus.CANCELLED,
        host=academy,
    )

    component = by_uid(parsed(client.get("/su-kien/lich.ics")))[f"event-{event.pk}@testserver"]

    assert str(component["STATUS"]) == "CANCELLED"
    assert "DTEND" not in component


def test_feed_holds_upcoming_events_and_those_of_the_last_90_days(client, academy, today):
    kept = [
        EventFactory(host=academy, start_date=today + dt.timedelta(days=365)),
        EventFactory(host=academy, start_date=today),
        EventFactory(host=academy, start_date=today - dt.timedelta(days=90)),
        EventFactory(
            host=academy, start_date=today - dt.timedelta(days=120), end_date=today - dt.timedelta(days=90)
        ),
    ]
    EventFactory(host=academy, start_date=today - dt.timedelta(days=91))
    EventFactory(
        host=academy, start_date=today - dt.timedelta(days=120), end_date=today - dt.timedelta(days=91)
    )

    calendar = parsed(client.get("/su-kien/lich.ics"))

    assert [str(event["UID"]) for event in calendar.walk("VEVENT")] == [
        f"event-{event.pk}@testserver" for event in sorted(kept, key=lambda event: event.start_date)
    ]


def test_a_full_feed_keeps_the_soonest_upcoming_events_then_the_latest_past_ones(
    client, academy, today, monkeypatch
):
    monkeypatch.setattr("events.views.FEED_MAX_EVENTS", 3)
    days = (-30, -20, -10, 5, 1)
    events = {day: EventFactory(host=academy, start_date=today + dt.timedelta(days=day)) for day in days}

    def uids():
        calendar = parsed(client.get("/su-kien/lich.ics"))
        return [str(event["UID"]) for event in calendar.walk("VEVENT")]

    assert uids() == [f"event-{events[day].pk}@testserver" for day in (-10, 1, 5)]

    later = [EventFactory(host=academy, start_date=today + dt.timedelta(days=day)) for day in (2, 9)]
    cache.clear()

    assert uids() == [f"event-{event.pk}@testserver" for event in (events[1], later[0], events[5])]


def test_uid_names_the_site_without_its_port(client, academy, today):
    event = EventFactory(host=academy, start_date=today)

    calendar = parsed(client.get("/su-kien/lich.ics", headers={"host": "localhost:8000"}))

    assert [str(component["UID"]) for component in calendar.walk("VEVENT")] == [f"event-{event.pk}@localhost"]


@pytest.mark.parametrize("rows", [1, 5])
def test_feed_query_count_does_not_grow_with_events(client, django_assert_num_queries, rows, today):
    for index in range(rows):
        host = OrganizationFactory()
        organization_rename(by=None, organization=host, new_name=f"Tên mới {index}", on=dt.date(2020, 1, 1))
        event = EventFactory(host=host, start_date=today + dt.timedelta(days=index))
        EventSiteFactory(event=event, is_main=True)
        EventSiteFactory(event=event, organization=None, place="các tỉnh")

    # The window's events with their hosts; the hosts' former names; sites; the sites'
    # organisations' names.
    with django_assert_num_queries(4):
        response = client.get("/su-kien/lich.ics")

    assert len(parsed(response).walk("VEVENT")) == rows


def test_an_event_whose_day_is_not_known_is_left_out_of_the_feed(client, academy, today):
    known = EventFactory(host=academy, start_date=today)
    EventFactory(
        host=academy,
        start_date=dt.date(today.year, 1, 1),
        end_date=dt.date(today.year, 12, 31),
        day_unknown=True,
    )

    feed = by_uid(parsed(client.get("/su-kien/lich.ics")))
    by_host = by_uid(parsed(client.get(f"/su-kien/lich.ics?don_vi={academy.slug}")))

    assert list(feed) == [f"event-{known.pk}@testserver"]
    assert list(by_host) == list(feed)
