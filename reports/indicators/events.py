"""Indicators of events: how many were held, of which kind, level and format, with how many
speeches and awards."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from events.models import Award, Event, EventFormat, EventKind, EventLevel, EventStatus, Speech
from portal.lib.periods import Period
from reports.indicators.catalogue import Family, OrganizationIds, count_where, indicator, sorted_ids

GROUP = "events"
EVENTS = _("events")


def held_in(period: Period, prefix: str = "") -> Q:
    """The event (at `prefix`, e.g. "event__") is dated in `period`: its first day lies in it, or,
    when its day is not known, the whole window it lies in (see `counted_events`)."""
    start, end, unknown = f"{prefix}start_date", f"{prefix}end_date", f"{prefix}day_unknown"
    window_ends_in = Q(**{f"{end}__lte": period.end}) | Q(
        **{f"{end}__isnull": True, f"{start}__lte": period.end}
    )
    return Q(**{unknown: False, f"{start}__range": (period.start, period.end)}) | Q(
        window_ends_in, **{unknown: True, f"{start}__gte": period.start}
    )


def counted_events(organization_ids: OrganizationIds, period: Period) -> QuerySet[Event]:
    """Published events (neither drafts, nor cancelled or postponed ones: those were not held
    when and as recorded) that an organisation in scope hosts or
    co-organises, held in the period: their first day lies in it (an event over 30/06–01/07
    counts in the first half only). An event whose day is not known (held at some time between
    its start and end dates) counts only when that whole window lies in the period, so no period
    claims an event it may not hold. Each event counts once, however many organisations in
    scope organise it."""
    events = Event.objects.public().filter(held_in(period), status=EventStatus.PUBLISHED)
    if organization_ids is not None:
        ids = sorted_ids(organization_ids)
        co_organised = Event.co_organizers.through.objects.filter(organization_id__in=ids)
        events = events.filter(Q(host_id__in=ids) | Q(pk__in=co_organised.values("event_id")))
    return events


def speeches_of_counted_events(organization_ids: OrganizationIds, period: Period) -> QuerySet[Speech]:
    """Speeches given at the events counted (see the events' rule)."""
    return Speech.objects.filter(event__in=counted_events(organization_ids, period).values("pk"))


def awards_of_counted_events(organization_ids: OrganizationIds, period: Period) -> QuerySet[Award]:
    """Commendations announced at the events counted (see the events' rule): each Award row,
    whether to a person, an organisation or a collective."""
    return Award.objects.filter(event__in=counted_events(organization_ids, period).values("pk"))


EVENT_ROWS = Family("events", counted_events)
SPEECH_ROWS = Family("speeches", speeches_of_counted_events)
AWARD_ROWS = Family("awards", awards_of_counted_events)

KIND_LABELS = {
    EventKind.CONFERENCE: _("Conferences"),
    EventKind.WORKSHOP: _("Scientific workshops"),
    EventKind.ROUNDTABLE: _("Roundtables"),
    EventKind.TRAINING: _("Training courses"),
    EventKind.BRIEFING: _("Briefings"),
    EventKind.CEREMONY: _("Ceremonies"),
    EventKind.SIGNING: _("Signing ceremonies"),
    EventKind.OTHER: _("Other events"),
}
LEVEL_LABELS = {
    EventLevel.STATE: _("State-level events"),
    EventLevel.MINISTRY: _("Ministry-level events"),
    EventLevel.PROVINCE: _("Province-level events"),
    EventLevel.INSTITUTION: _("Institution-level events"),
}

indicator("events.total", _("Events held"), EVENTS, GROUP, family=EVENT_ROWS, rule="Every event counted.")
for kind in EventKind:  # one a kind: a kind added without its label fails here, at import
    indicator(
        f"events.kind.{kind.value}",
        KIND_LABELS[kind],
        EVENTS,
        GROUP,
        family=EVENT_ROWS,
        value=count_where(Q(kind=kind)),
        rule=f"Those of kind {kind.value!r}.",
    )
for level in EventLevel:  # an event recorded without a level counts in none of these
    indicator(
        f"events.level.{level.value}",
        LEVEL_LABELS[level],
        EVENTS,
        GROUP,
        family=EVENT_ROWS,
        value=count_where(Q(level=level)),
        rule=f"Those of level {level.value!r}; an event with no level recorded counts in no level.",
    )
indicator(
    "events.workshop.ministry",
    _("Ministry-level scientific workshops"),
    EVENTS,
    GROUP,
    family=EVENT_ROWS,
    value=count_where(Q(kind=EventKind.WORKSHOP, level=EventLevel.MINISTRY)),
    rule='Scientific workshops of ministry level ("04 hội thảo cấp Bộ", article 003).',
)
indicator(
    "events.workshop.province",
    _("Province-level scientific workshops"),
    EVENTS,
    GROUP,
    family=EVENT_ROWS,
    value=count_where(Q(kind=EventKind.WORKSHOP, level=EventLevel.PROVINCE)),
    rule='Scientific workshops of province level ("05 cấp tỉnh", article 003).',
)
indicator(
    "events.online",
    _("Online events"),
    EVENTS,
    GROUP,
    family=EVENT_ROWS,
    value=count_where(Q(format__in=(EventFormat.ONLINE, EventFormat.HYBRID))),
    rule="Those held online, or in person and online (connection sites).",
)
indicator(
    "events.speeches",
    _("Speeches"),
    _("speeches"),
    GROUP,
    family=SPEECH_ROWS,
    rule="Every speech: opening, report, contribution, directive, closing.",
)
indicator("events.awards", _("Awards"), _("awards"), GROUP, family=AWARD_ROWS, rule="Every award.")
