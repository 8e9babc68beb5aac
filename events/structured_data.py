"""The events' structured data for search engines: schema.org `Event` as JSON-LD, embedded in
an event's page (the iCalendar feed beside it, events/feeds.py, is the other machine-readable
form of the same events)."""

from collections.abc import Callable

from events.models import Event, EventFormat, EventStatus
from events.selectors import main_site

# Drafts have no public page, hence no structured data.
SCHEMA_STATUS = {
    EventStatus.PUBLISHED: "https://schema.org/EventScheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}
SCHEMA_ATTENDANCE = {
    EventFormat.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    EventFormat.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    EventFormat.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def event_start_iso(event: Event) -> str | None:
    """ "2021-08-25T08:00:00+07:00" when the time is known, "2021-08-25" otherwise. With the day
    unknown, the whole year or month it lies in ("2024", "2024-11": ISO 8601 of reduced
    precision), or None: a window of other dates has no true start date to give."""
    if event.day_unknown:
        return event.window_iso or None
    return event.starts_at.isoformat() if event.starts_at else event.start_date.isoformat()


def event_end_iso(event: Event) -> str | None:
    if event.day_unknown:  # the window's end is not the event's
        return None
    if event.ends_at:
        return event.ends_at.isoformat()
    return event.end_date.isoformat() if event.end_date else None


def event_json_ld(event: Event, *, absolute_url: Callable[[str], str]) -> dict:
    """schema.org `Event` of an event completed by `event_page_complete`.

    An online event's location is a VirtualLocation at the event's page (no stream address is
    recorded); an in-person one is a Place named after the main site (the host when there is
    none); a hybrid event has both. An event whose day is not known claims no day: its start
    is the year or month it lies in, or none (`event_start_iso`), and it has no end.
    """
    day = event.start_date
    url = absolute_url(event.get_absolute_url())
    site = main_site(event)
    place_organization = site.organization if site else event.host
    place: dict = {"@type": "Place", "name": site.name_on_event_date if site else event.host.name_on(day)}
    address = {"@type": "PostalAddress", "addressCountry": "VN"}
    if place_organization is not None and place_organization.province_id:
        address["addressRegion"] = place_organization.province.name
    place["address"] = address
    virtual = {"@type": "VirtualLocation", "url": url}
    # A format the sources do not state is left out; the place stays (schema.org requires one).
    event_format = EventFormat(event.format) if event.format else None
    location = {
        EventFormat.IN_PERSON: place,
        EventFormat.ONLINE: virtual,
        EventFormat.HYBRID: [place, virtual],
        None: place,
    }[event_format]

    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
    }
    if start := event_start_iso(event):
        data["startDate"] = start
    if end := event_end_iso(event):
        data["endDate"] = end
    data["eventStatus"] = SCHEMA_STATUS[EventStatus(event.status)]
    if event_format is not None:
        data["eventAttendanceMode"] = SCHEMA_ATTENDANCE[event_format]
    data |= {
        "location": location,
        "organizer": {
            "@type": "Organization",
            "name": event.host.name_on(day),
            "url": absolute_url(event.host.get_absolute_url()),
        },
        "description": event.summary or event.title,
    }
    if event.photo_list:
        data["image"] = [absolute_url(photo.display_url) for photo in event.photo_list]
    return data
