"""Public pages of events: the list, the month calendar, an event's page and the iCalendar feed."""

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from events import feeds, selectors, structured_data
from events.filters import EventFilterSet
from events.models import Event
from portal.cache import public_page
from portal.lib.jsonld import json_for_script
from portal.sources.selectors import citations_of
from portal.sources.structured_data import sources_json_ld

EVENTS_PER_PAGE = 20
# The first page of the list shows the next few events; the month calendar shows them all.
UPCOMING_SHOWN = 5
# The iCalendar feed: from three months back to a year ahead, at most this many events
# (the upcoming ones first).
FEED_DAYS_BACK = 90
FEED_DAYS_AHEAD = 366
FEED_MAX_EVENTS = 200
# The calendar's months: wide enough for any record, bounded so its "next month" links end.
CALENDAR_YEARS = range(1900, 2101)
# What the events' pages show: events, the registry's names and title lines, agreements, news.
TOPICS = ("events", "committees", "agreements", "news")


@public_page(*TOPICS)
def event_list(request):
    today = timezone.localdate()
    filterset = EventFilterSet(
        request.GET, queryset=selectors.event_list_queryset(), choices=selectors.event_filter_choices()
    )
    # An invalid filter shows its error and no events rather than a guess (as the documents do).
    events = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    day = filterset.form.cleaned_data.get("ngay") if filterset.is_valid() else None
    if day is not None:
        events = selectors.events_on(events, day=day)
    page = Paginator(selectors.past_events(events, today=today), EVENTS_PER_PAGE).get_page(
        request.GET.get("trang")
    )
    # The next few events head the first page only; later pages continue the past ones.
    upcoming, upcoming_total = [], 0
    if page.number == 1:
        coming = selectors.upcoming_events(events, today=today)
        upcoming = list(coming[: UPCOMING_SHOWN + 1])
        upcoming_total = coming.count() if len(upcoming) > UPCOMING_SHOWN else len(upcoming)
        upcoming = upcoming[:UPCOMING_SHOWN]
    past = list(page.object_list)
    selectors.prefetch_host_names([*upcoming, *past])
    return render(
        request,
        "events/event_list.html",
        {
            "form": filterset.form,
            "day": day,
            "upcoming": upcoming,
            "upcoming_more": upcoming_total - len(upcoming),
            "past": past,
            "page": page,
            "today": today,
            "is_filtered": any(request.GET.get(name) for name in filterset.filters),
        },
    )


def calendar_current(request):
    today = timezone.localdate()
    return redirect("events:calendar", year=today.year, month=today.month)


@public_page(*TOPICS)
def calendar_month(request, year: int, month: int):
    if year not in CALENDAR_YEARS or not 1 <= month <= 12:
        raise Http404("No such month.")
    today = timezone.localdate()
    month_page = selectors.calendar_month(year=year, month=month, today=today)
    return render(
        request,
        "events/event_calendar.html",
        {
            "month": month_page,
            "has_previous": month_page.previous.year in CALENDAR_YEARS,
            "has_next": month_page.next.year in CALENDAR_YEARS,
            "today": today,
        },
    )


@public_page(*TOPICS)
def event_detail(request, slug):
    event = get_object_or_404(selectors.event_page_queryset(), slug=slug)
    selectors.event_page_complete(event)
    json_ld = structured_data.event_json_ld(event, absolute_url=request.build_absolute_uri)
    cited = citations_of(event, event.speech_list)
    if sources := cited.sources():  # the news and pages about the event that state what it records
        json_ld["subjectOf"] = sources_json_ld(sources, absolute_url=request.build_absolute_uri)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "cited": cited,
            # JSON with "<", ">" and "&" escaped cannot leave its <script> element.
            "json_ld": mark_safe(json_for_script(json_ld)),  # noqa: S308
        },
    )


@public_page(*TOPICS)
def event_ical(request):
    """The events of a window around today, all of them or those of one organiser (`?don_vi=`)."""
    today = timezone.localdate()
    organization = request.GET.get("don_vi") or None
    if (
        organization is not None
        and not selectors.events_organized_by(Event.objects.public(), slug=organization).exists()
    ):
        raise Http404("No events of this organisation.")
    events = selectors.feed_events(
        since=today - dt.timedelta(days=FEED_DAYS_BACK),
        until=today + dt.timedelta(days=FEED_DAYS_AHEAD),
        organization=organization,
    )
    domain, _port = split_domain_port(request.get_host())
    calendar = feeds.event_calendar(
        selectors.feed_window(events, today=today, limit=FEED_MAX_EVENTS),
        absolute_url=request.build_absolute_uri,
        uid_domain=domain,
    )
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
