"""The catalogue of indicators: each figure a summary reports, defined once, computed from records.

An indicator counts the records of a set of organisations (None: the whole system) in a
period, with one aggregate query. `compute` evaluates the catalogue for a scope and period.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventKind, EventLevel, EventStatus
from portal.lib.periods import Period
from reports.scopes import Scope

OrganizationIds = frozenset[int] | None
Counter = Callable[[OrganizationIds, Period], int]


@dataclass(frozen=True)
class Indicator:
    code: str
    label: Promise
    unit: Promise
    group: str
    count: Counter


CATALOGUE: dict[str, Indicator] = {}


def indicator(code: str, label: Promise, unit: Promise, group: str) -> Callable[[Counter], Counter]:
    """Registers the decorated counter in the catalogue under `code` (each code once)."""

    def register(count: Counter) -> Counter:
        if code in CATALOGUE:
            raise ValueError(f"indicator {code} is defined twice")
        CATALOGUE[code] = Indicator(code, label, unit, group, count)
        return count

    return register


def compute(scope: Scope, period: Period, codes: Iterable[str] | None = None) -> dict[str, int]:
    """Each indicator's value for `scope` in `period`, in catalogue order."""
    organization_ids = scope.organization_ids()
    chosen = CATALOGUE if codes is None else {code: CATALOGUE[code] for code in codes}
    return {code: item.count(organization_ids, period) for code, item in chosen.items()}


# --- Events --------------------------------------------------------------------------

EVENTS = _("events")


def events_in(organization_ids: OrganizationIds, period: Period) -> QuerySet[Event]:
    """Events held (or planned) in the period that an organisation in scope hosted or co-organised."""
    events = Event.objects.filter(start_date__range=(period.start, period.end)).exclude(
        status__in=(EventStatus.CANCELLED, EventStatus.POSTPONED)
    )
    if organization_ids is not None:
        ids = sorted(organization_ids)
        events = events.filter(Q(host_id__in=ids) | Q(co_organizers__in=ids)).distinct()
    return events


@indicator("events.total", _("Events held"), EVENTS, "events")
def events_total(organization_ids: OrganizationIds, period: Period) -> int:
    return events_in(organization_ids, period).count()


@indicator("events.workshop.ministry", _("Ministry-level scientific workshops"), EVENTS, "events")
def workshops_ministry(organization_ids: OrganizationIds, period: Period) -> int:
    return (
        events_in(organization_ids, period).filter(kind=EventKind.WORKSHOP, level=EventLevel.MINISTRY).count()
    )
