"""Reads of events that the public pages, the iCalendar feed and the registry pages share,
shaped for their templates so each page reads in a fixed number of queries.

Every read here that a reader's page, list, calendar, feed or panel shows starts from
`Event.objects.public()`: drafts are on none of them (staff preview them from the admin)."""

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils.dates import WEEKDAYS
from django.utils.formats import get_format

from committees.models import Decision, LegalDocument, Organization, Person, Region
from committees.selectors import decision_list_queryset, people_with_positions, person_title_line
from events.models import (
    Attendee,
    Award,
    Event,
    EventChair,
    EventDocument,
    EventPhoto,
    EventSite,
    KeyFigure,
    Speech,
)
from portal.cache import cached

# --- Lists -----------------------------------------------------------------------------


def event_list_queryset() -> QuerySet[Event]:
    """Events with their host, for lists; `prefetch_host_names` then adds the hosts' names."""
    return Event.objects.public().select_related("host")


def upcoming_events(events: QuerySet[Event], *, today: dt.date) -> QuerySet[Event]:
    """Events starting today or later, soonest first (events of unknown time after timed ones)."""
    return events.filter(start_date__gte=today).order_by(
        "start_date", F("start_time").asc(nulls_last=True), "pk"
    )


def past_events(events: QuerySet[Event], *, today: dt.date) -> QuerySet[Event]:
    """Events that started before today, latest first."""
    return events.filter(start_date__lt=today).order_by(
        "-start_date", F("start_time").desc(nulls_last=True), "-pk"
    )


def prefetch_host_names(events: Iterable[Event]) -> None:
    """Load the former names of the events' hosts in one query, so each row can show the host's
    name on the event date (`Organization.name_on`)."""
    prefetch_related_objects(list(events), "host__former_names")


@dataclass(frozen=True)
class FilterChoices:
    """The choices of the events list's filters: only values that match some event."""

    hosts: list[tuple[str, str]]
    regions: list[tuple[str, str]]
    years: list[tuple[str, str]]


def event_filter_choices() -> FilterChoices:
    """Organisations that host or co-organise an event (current names), regions of those
    organisations or of an event's sites, and the years events started in (latest first).

    Each is an EXISTS per candidate row (OR-ing the reverse joins under DISTINCT grew with the
    cube of the events: 4.5 s at 5,000), and the whole is kept in the cache until an event or
    a record of the registry changes."""
    return cached("event_filter_choices", ["events", "committees"], _event_filter_choices)


def _event_filter_choices() -> FilterChoices:
    public = Event.objects.public()
    hosted = public.filter(host=OuterRef("pk"))
    co_organized = Event.co_organizers.through.objects.filter(organization=OuterRef("pk"), event__in=public)
    hosts = (
        Organization.objects.filter(Exists(hosted) | Exists(co_organized))
        .order_by("order", "name")
        .values_list("slug", "name")
    )
    in_region = {"organization__region": OuterRef("pk")}
    regions = (
        Region.objects.filter(
            Exists(public.filter(host__region=OuterRef("pk")))
            | Exists(Event.co_organizers.through.objects.filter(**in_region, event__in=public))
            | Exists(EventSite.objects.filter(**in_region, event__in=public))
        )
        .order_by("order", "name")
        .values_list("slug", "name")
    )
    years = [(str(day.year), str(day.year)) for day in public.dates("start_date", "year", order="DESC")]
    return FilterChoices(hosts=list(hosts), regions=list(regions), years=years)


def events_on(events: QuerySet[Event], *, day: dt.date) -> QuerySet[Event]:
    """Events held on `day`, multi-day events included."""
    return (
        events.filter(start_date__lte=day)
        .alias(last_day=Coalesce("end_date", "start_date"))
        .filter(last_day__gte=day)
    )


def organized_by_q(slug: str) -> Q:
    """Events the organisation `slug` hosts or co-organises, as a condition."""
    co_organized = Event.co_organizers.through.objects.filter(event=OuterRef("pk"), organization__slug=slug)
    return Q(host__slug=slug) | Q(Exists(co_organized))


def events_organized_by(events: QuerySet[Event], *, slug: str) -> QuerySet[Event]:
    """Events the organisation `slug` hosts or co-organises (each once)."""
    return events.filter(organized_by_q(slug))


def events_in_region(events: QuerySet[Event], *, slug: str) -> QuerySet[Event]:
    """Events whose host, a co-organiser or a site's organisation is in the region `slug` (each once)."""
    co_organized = Event.co_organizers.through.objects.filter(
        event=OuterRef("pk"), organization__region__slug=slug
    )
    sites = EventSite.objects.filter(event=OuterRef("pk"), organization__region__slug=slug)
    return events.filter(Q(host__region__slug=slug) | Exists(co_organized) | Exists(sites))


# --- Month calendar --------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarEntry:
    """An event on one day of the calendar; `continued` when it began on an earlier day."""

    event: Event
    continued: bool


# How many events a day of the month calendar lists; the others are counted, with a link to
# the list of that day's events.
DAY_EVENTS_SHOWN = 3


@dataclass(frozen=True)
class CalendarDay:
    date: dt.date
    in_month: bool
    is_today: bool
    entries: list[CalendarEntry] = field(default_factory=list)
    more: int = 0


@dataclass(frozen=True)
class CalendarMonth:
    first_day: dt.date
    weeks: list[list[CalendarDay]]
    weekday_names: list[str]
    previous: dt.date
    next: dt.date

    @property
    def days_with_events(self) -> list[CalendarDay]:
        return [day for week in self.weeks for day in week if day.entries]


def _more_on(day: dt.date, starting: dict[dt.date, int], by_day: dict[dt.date, list[CalendarEntry]]) -> int:
    shown = sum(1 for entry in by_day.get(day, []) if not entry.continued)
    return starting.get(day, 0) - shown


def first_weekday() -> int:
    """Python's first weekday (0 = Monday) from the locale's FIRST_DAY_OF_WEEK (0 = Sunday)."""
    return (int(get_format("FIRST_DAY_OF_WEEK")) - 1) % 7


def events_between(first: dt.date, last: dt.date) -> QuerySet[Event]:
    """Public events on any day from `first` to `last`, multi-day events included, in start order."""
    return (
        Event.objects.public()
        .filter(start_date__lte=last)
        .alias(last_day=Coalesce("end_date", "start_date"))
        .filter(last_day__gte=first)
        .order_by("start_date", F("start_time").asc(nulls_last=True), "pk")
    )


def calendar_month(*, year: int, month: int, today: dt.date) -> CalendarMonth:
    """The month as whole weeks starting on the locale's first weekday (Monday in Vietnamese),
    each day of the month with the events held on it; a multi-day event is on each of its days.
    Days of the neighbouring months that fill the first and last weeks carry no events. An
    event whose day is not known is on no day (its dates bound a window, not days it lasted)."""
    weekday = first_weekday()
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    by_day: dict[dt.date, list[CalendarEntry]] = {}
    first_ones = (
        events_between(first, last)
        .filter(day_unknown=False)
        .annotate(
            day_rank=Window(
                RowNumber(),
                partition_by=[F("start_date")],
                order_by=[F("start_time").asc(nulls_last=True), F("pk").asc()],
            )
        )
    )
    starting = dict(
        Event.objects.public()
        .filter(start_date__range=(first, last), day_unknown=False)
        .order_by()
        .values("start_date")
        .annotate(total=Count("pk"))
        .values_list("start_date", "total")
    )
    for event in first_ones.filter(day_rank__lte=DAY_EVENTS_SHOWN):
        day = max(event.start_date, first)
        while day <= min(event.last_date, last):
            by_day.setdefault(day, []).append(CalendarEntry(event=event, continued=day > event.start_date))
            day += dt.timedelta(days=1)
    weeks = [
        [
            CalendarDay(
                date=day,
                in_month=day.month == month,
                is_today=day == today,
                entries=by_day.get(day, []) if day.month == month else [],
                more=_more_on(day, starting, by_day) if day.month == month else 0,
            )
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=weekday).monthdatescalendar(year, month)
    ]
    return CalendarMonth(
        first_day=first,
        weeks=weeks,
        weekday_names=[WEEKDAYS[(weekday + offset) % 7] for offset in range(7)],
        previous=(first - dt.timedelta(days=1)).replace(day=1),
        next=last + dt.timedelta(days=1),
    )


# --- Event page ------------------------------------------------------------------------


def event_page_queryset() -> QuerySet[Event]:
    """Public events with everything their page shows, each part in one query;
    `event_page_complete` then adds the organisations' names of the event date and the missing
    title lines. `event_preview_queryset` is the same for staff, drafts included."""
    return _with_page_parts(Event.objects.public())


def event_preview_queryset() -> QuerySet[Event]:
    """Every event, drafts included, with what its page shows: staff's preview only."""
    return _with_page_parts(Event.objects.all())


def _with_page_parts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.select_related("host__province").prefetch_related(
        Prefetch(
            "co_organizers",
            queryset=Organization.objects.order_by("order", "name"),
            to_attr="co_organizer_list",
        ),
        Prefetch(
            "sites",
            queryset=EventSite.objects.select_related("organization__province"),
            to_attr="site_list",
        ),
        Prefetch("attendees", queryset=Attendee.objects.select_related("person"), to_attr="attendee_list"),
        Prefetch("chairs", queryset=EventChair.objects.select_related("person"), to_attr="chair_list"),
        Prefetch(
            "speeches", queryset=Speech.objects.select_related("person", "document"), to_attr="speech_list"
        ),
        Prefetch(
            "decisions",
            queryset=decision_list_queryset().order_by(F("issued_on").asc(nulls_last=True), "pk"),
            to_attr="decision_list",
        ),
        Prefetch(
            "awards",
            queryset=Award.objects.select_related("recipient_person", "recipient_organization", "decision"),
            to_attr="award_list",
        ),
        Prefetch("key_figures", queryset=KeyFigure.objects.all(), to_attr="key_figure_list"),
        Prefetch("documents", queryset=EventDocument.objects.all(), to_attr="document_list"),
        Prefetch("photos", queryset=EventPhoto.objects.all(), to_attr="photo_list"),
        Prefetch(
            "legal_documents",
            queryset=LegalDocument.objects.order_by(F("issued_on").asc(nulls_last=True), "pk"),
            to_attr="legal_document_list",
        ),
    )


def event_page_complete(event: Event) -> None:
    """Finish an event of `event_page_queryset` for its page.

    - Every organisation shown (host, co-organisers, sites, awarded) gets its former names in
      one query, so it is named as it was on the event date.
    - Each site gets `attendee_list` (its named attendees); attendees without a site go to
      `event.unsited_attendees`.
    - Each chair, speech and attendee gets `shown_title_line`: the line printed for the event,
      never recomputed. Only an empty one falls back to the person's positions on the event
      date, read in one go (a few queries, only when some line is empty).
    """
    organizations = [
        event.host,
        *event.co_organizer_list,  # type: ignore[attr-defined]
        *(site.organization for site in event.site_list if site.organization_id),  # type: ignore[attr-defined]
        *(award.recipient_organization for award in event.award_list if award.recipient_organization_id),  # type: ignore[attr-defined]
    ]
    prefetch_related_objects(organizations, "former_names")

    by_site: dict[int | None, list[Attendee]] = {}
    for attendee in event.attendee_list:  # type: ignore[attr-defined]
        by_site.setdefault(attendee.site_id, []).append(attendee)
    for site in event.site_list:  # type: ignore[attr-defined]
        site.attendee_list = by_site.pop(site.pk, [])
    event.unsited_attendees = [attendee for attendees in by_site.values() for attendee in attendees]  # type: ignore[attr-defined]

    rows = [*event.chair_list, *event.speech_list, *event.attendee_list]  # type: ignore[attr-defined]
    missing = {row.person_id for row in rows if not row.title_line}
    people: dict[int, Person] = {}
    if missing:
        people = {person.pk: person for person in people_with_positions().filter(pk__in=missing)}
    for row in rows:
        row.shown_title_line = row.title_line or person_title_line(people[row.person_id], on=event.start_date)


def main_site(event: Event) -> EventSite | None:
    """The main site, or the first one when none is marked main (sites are ordered main first)."""
    return event.site_list[0] if event.site_list else None  # type: ignore[attr-defined]


# --- iCalendar feed ----------------------------------------------------------------------


def feed_events(*, since: dt.date, until: dt.date, organization: str | None = None) -> QuerySet[Event]:
    """Events not over before `since` and starting by `until`, in start order, with their host
    and sites for the feed's description and location; only those `organization` (a slug)
    hosts or co-organises, when given.

    Events whose day is not known are left out: a calendar app can only put an event on days,
    and an all-day span over its whole window (two years for some) would fill the subscriber's
    calendar with an event that took one day, somewhere in it. Their pages say the window."""
    timed = Event.objects.public().filter(day_unknown=False)
    events = timed if organization is None else events_organized_by(timed, slug=organization)
    return (
        events.alias(last_day=Coalesce("end_date", "start_date"))
        .filter(last_day__gte=since, start_date__lte=until)
        .select_related("host")
        .prefetch_related(
            "host__former_names",
            Prefetch(
                "sites",
                queryset=EventSite.objects.select_related("organization").prefetch_related(
                    "organization__former_names"
                ),
                to_attr="site_list",
            ),
        )
        .order_by("start_date", F("start_time").asc(nulls_last=True), "pk")
    )


def feed_window(events: QuerySet[Event], *, today: dt.date, limit: int) -> list[Event]:
    """At most `limit` of `events`: the upcoming ones from `today` on, then as many of the latest
    past ones as there is room for, in start order (one query and its prefetches)."""
    past = Case(When(start_date__lt=today, then=Value(1)), default=Value(0))
    chosen = events.alias(past=past).order_by(
        "past",
        # Upcoming events soonest first, then past events latest first.
        Case(When(start_date__gte=today, then=F("start_date"))).asc(),
        F("start_date").desc(),
        F("start_time").asc(nulls_last=True),
        "pk",
    )[:limit]
    return sorted(chosen, key=_start_order)


def _start_order(event: Event) -> tuple:
    return (event.start_date, event.start_time is None, event.start_time, event.pk)


# --- What the registry pages show of events ----------------------------------------------


def organization_events(organization: Organization) -> QuerySet[Event]:
    """Public events the organisation hosted or co-organised, latest first (one query)."""
    co_organized = Event.co_organizers.through.objects.filter(event=OuterRef("pk"), organization=organization)
    return (
        Event.objects.public()
        .filter(Q(host=organization) | Exists(co_organized))
        .order_by("-start_date", F("start_time").desc(nulls_last=True), "-pk")
    )


def person_events(person: Person) -> QuerySet[Event]:
    """Public events where the person spoke or chaired, latest first, with `chaired` and `spoke`
    (one query)."""
    # The person's few events are found from their chairs and speeches, not by testing every event.
    chairs = EventChair.objects.filter(person=person)
    speeches = Speech.objects.filter(person=person)
    theirs = chairs.order_by().values("event_id").union(speeches.order_by().values("event_id"))
    return (
        Event.objects.public()
        .filter(pk__in=theirs)
        .annotate(
            chaired=Exists(chairs.filter(event=OuterRef("pk"))),
            spoke=Exists(speeches.filter(event=OuterRef("pk"))),
        )
        .order_by("-start_date", F("start_time").desc(nulls_last=True), "-pk")
    )


def decision_events(decision: Decision) -> QuerySet[Event]:
    """The public events where the decision was announced, earliest first (one query)."""
    return Event.objects.public().filter(decisions=decision).order_by("start_date", "pk")


def legal_document_events(document: LegalDocument) -> QuerySet[Event]:
    """The public events implementing `document`, latest first (one query)."""
    return (
        Event.objects.public()
        .filter(legal_documents=document)
        .order_by("-start_date", F("start_time").desc(nulls_last=True), "-pk")
    )
