"""The events as an iCalendar (RFC 5545) feed that readers subscribe to in their calendar apps."""

import datetime as dt
from collections.abc import Callable, Iterable

import icalendar
from django.conf import settings
from django.utils.translation import gettext as _

from events.models import Event, EventStatus
from events.selectors import main_site
from portal.lib.periods import OutOfCalendar, add_days

# RFC 5545 has no "postponed": a postponed event is TENTATIVE (it will happen, its date is not
# settled) and keeps its UID, so a subscriber's calendar shows it in doubt rather than dropping
# it; a cancelled one is CANCELLED, which calendar apps strike through or remove. Drafts are
# never in the feed (`selectors.feed_events` reads public events only).
ICAL_STATUS = {
    EventStatus.PUBLISHED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}
PRODUCT_ID = "-//Ban Chi dao 35//Cong thong tin su kien//VI"


def event_calendar(
    events: Iterable[Event], *, absolute_url: Callable[[str], str], uid_domain: str
) -> icalendar.Calendar:
    """A VCALENDAR of `events` (from `selectors.feed_events`), with the VTIMEZONE of Asia/Ho_Chi_Minh.

    An event with a clock time starts (and ends, when the end time is known) at local times
    with TZID=Asia/Ho_Chi_Minh; one without is an all-day event of DATE values whose DTEND is
    the day after its last day (RFC 5545: DTEND is exclusive). A multi-day event with a start
    time but no end time runs to the end of its last day. UIDs are "event-<pk>@<uid_domain>",
    so a calendar app recognises the same event in every download; DTSTAMP is the record's
    last change.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = _("Events of the Steering Committee 35")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(_vevent(event, absolute_url=absolute_url, uid_domain=uid_domain))
    calendar.add_missing_timezones()
    return calendar


def _vevent(event: Event, *, absolute_url: Callable[[str], str], uid_domain: str) -> icalendar.Event:
    day = event.start_date
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}@{uid_domain}")
    vevent.add("dtstamp", event.updated_at.astimezone(dt.UTC))
    if event.starts_at:
        vevent.add("dtstart", event.starts_at)
        if event.ends_at:
            vevent.add("dtend", event.ends_at)
        elif event.last_date > day and (day_after := _day_after(event.last_date)):
            midnight = dt.datetime.combine(day_after, dt.time(0))
            vevent.add("dtend", midnight.replace(tzinfo=event.starts_at.tzinfo))
    else:
        vevent.add("dtstart", day)
        # Without DTEND an all-day event lasts its one day (RFC 5545, 3.6.1): the last day of
        # the calendar has no day after it.
        if day_after := _day_after(event.last_date):
            vevent.add("dtend", day_after)
    vevent.add("summary", event.title)
    heading = _("%(kind)s – %(host)s") % {
        "kind": event.get_kind_display(),
        "host": event.host.name_on(day),
    }
    vevent.add("description", "\n\n".join(filter(None, [heading, event.summary])))
    vevent.add("url", absolute_url(event.get_absolute_url()))
    if site := main_site(event):
        vevent.add("location", site.name_on_event_date)
    vevent.add("status", ICAL_STATUS[EventStatus(event.status)])
    return vevent


def _day_after(day: dt.date) -> dt.date | None:
    try:
        return add_days(day, 1)
    except OutOfCalendar:
        return None
