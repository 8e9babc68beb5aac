"""Public pages of events: the list, the month calendar, an event's page and the iCalendar feed."""

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from events import feeds, selectors
from events.filters import EventFilterSet
from portal.lib.jsonld import json_for_script

EVENTS_PER_PAGE = 20
FEED_DAYS_BACK = 90
# The calendar's months: wide enough for any record, bounded so its "next month" links end.
CALENDAR_YEARS = range(1900, 2101)


def event_list(request):
    today = timezone.localdate()
    filterset = EventFilterSet(
        request.GET, queryset=selectors.event_list_queryset(), choices=selectors.event_filter_choices()
    )
    # An invalid filter shows its error and no events rather than a guess (as the documents do).
    events = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = Paginator(selectors.past_events(events, today=today), EVENTS_PER_PAGE).get_page(
        request.GET.get("trang")
    )
    # Upcoming events head the first page only; later pages continue the past ones.
    upcoming = list(selectors.upcoming_events(events, today=today)) if page.number == 1 else []
    past = list(page.object_list)
    selectors.prefetch_host_names([*upcoming, *past])
    return render(
        request,
        "events/event_list.html",
        {
            "form": filterset.form,
            "upcoming": upcoming,
            "past": past,
            "page": page,
            "is_filtered": any(request.GET.get(name) for name in filterset.filters),
        },
    )


def calendar_current(request):
    today = timezone.localdate()
    return redirect("events:calendar", year=today.year, month=today.month)


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


def event_detail(request, slug):
    event = get_object_or_404(selectors.event_page_queryset(), slug=slug)
    selectors.event_page_complete(event)
    json_ld = selectors.event_json_ld(event, absolute_url=request.build_absolute_uri)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            # JSON with "<", ">" and "&" escaped cannot leave its <script> element.
            "json_ld": mark_safe(json_for_script(json_ld)),  # noqa: S308
        },
    )


def event_ical(request):
    since = timezone.localdate() - dt.timedelta(days=FEED_DAYS_BACK)
    domain, _port = split_domain_port(request.get_host())
    calendar = feeds.event_calendar(
        selectors.feed_events(since=since), absolute_url=request.build_absolute_uri, uid_domain=domain
    )
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
