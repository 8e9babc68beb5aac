"""The catalogue's machinery: an indicator, the family of indicators it is computed with, and
`compute`.

An indicator is one aggregate (a COUNT or SUM, with its own FILTER) over the rows of its
family: the events, decisions, agreements... that a set of organisations (None: the whole
system) counts in a period. `compute` evaluates each family's indicators together, in one
aggregate query a family whatever the number of indicators in it, so that the whole
catalogue costs a fixed handful of queries.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Expression, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.functional import Promise

from portal.lib.periods import Period
from reports.scopes import Scope

OrganizationIds = frozenset[int] | None
# The rows a family counts for a set of organisations in a period.
Rows = Callable[[OrganizationIds, Period], QuerySet]
# What an indicator aggregates over them, the same in every period or made for the period.
Value = Expression | Callable[[Period], Expression]


@dataclass(frozen=True)
class Family:
    """Indicators computed from the same rows, in one query. `rows`' docstring states the rule
    that every indicator of the family shares (which rows count, for whom, when)."""

    name: str
    rows: Rows

    @property
    def rule(self) -> str:
        return " ".join((self.rows.__doc__ or "").split())

    def evaluate(
        self, indicators: Iterable["Indicator"], organization_ids: OrganizationIds, period: Period
    ) -> dict[str, int]:
        """The value of each of `indicators` (all of this family), with one aggregate query."""
        members = list(indicators)
        aggregates = {f"v{index}": item.aggregate(period) for index, item in enumerate(members)}
        codes = {f"v{index}": item.code for index, item in enumerate(members)}
        if not aggregates:
            return {}
        values = self.rows(organization_ids, period).order_by().aggregate(**aggregates)
        return {codes[alias]: int(value or 0) for alias, value in values.items()}


@dataclass(frozen=True)
class Indicator:
    """One figure of a summary: `value` aggregated over the rows of `family` (an aggregate, or
    a function making it for the period)."""

    code: str
    label: Promise
    unit: Promise
    group: str
    family: Family
    value: Value = field(compare=False)
    rule: str = ""

    def aggregate(self, period: Period) -> Expression:
        return self.value(period) if callable(self.value) else self.value

    def count(self, organization_ids: OrganizationIds, period: Period) -> int:
        """This indicator alone (a query); `compute` evaluates many at once."""
        return self.family.evaluate([self], organization_ids, period)[self.code]

    @property
    def description(self) -> str:
        """The whole rule: the family's (which rows count), then this indicator's."""
        return f"{self.family.rule} {self.rule}".strip()


CATALOGUE: dict[str, Indicator] = {}


def indicator(
    code: str,
    label: Promise,
    unit: Promise,
    group: str,
    *,
    family: Family,
    value: Value | None = None,
    rule: str = "",
) -> Indicator:
    """Register an indicator under `code` (each code once). `value` defaults to counting the
    family's rows; `rule` says what this indicator adds to the family's rule."""
    if code in CATALOGUE:
        raise ValueError(f"indicator {code} is defined twice")
    item = Indicator(code, label, unit, group, family, value if value is not None else Count("pk"), rule)
    CATALOGUE[code] = item
    return item


def count_where(condition: Q) -> Expression:
    """Count the family's rows that meet `condition` (COUNT ... FILTER (WHERE ...))."""
    return Count("pk", filter=condition)


def total(field_name: str) -> Expression:
    """The sum of `field_name` over the family's rows, 0 when there are none."""
    return Coalesce(Sum(field_name), 0)


def compute(scope: Scope, period: Period, codes: Iterable[str] | None = None) -> dict[str, int]:
    """Each indicator's value for `scope` in `period`, in catalogue order.

    One query resolves the scope's organisations (none for the whole system), then one
    aggregate query per family of the indicators asked for.
    """
    organization_ids = scope.organization_ids()
    chosen = list(CATALOGUE.values()) if codes is None else [CATALOGUE[code] for code in codes]
    by_family: dict[str, list[Indicator]] = {}
    for item in chosen:
        by_family.setdefault(item.family.name, []).append(item)
    values: dict[str, int] = {}
    for members in by_family.values():
        values.update(members[0].family.evaluate(members, organization_ids, period))
    return {item.code: values[item.code] for item in chosen}


# --- Helpers the families share ---------------------------------------------------------


def day_starts(day: dt.date) -> dt.datetime:
    """The aware moment `day` starts in the site's time zone (Asia/Ho_Chi_Minh)."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def moment_in(field_name: str, period: Period) -> Q:
    """`field_name` (a datetime) falls on a day of `period`, as days are in Asia/Ho_Chi_Minh.

    A range on the column (no conversion of each row's value), so an index on it serves."""
    condition = Q(**{f"{field_name}__gte": day_starts(period.start)})
    if period.end < dt.date.max:
        condition &= Q(**{f"{field_name}__lt": day_starts(period.end + dt.timedelta(days=1))})
    return condition


def moment_by(field_name: str, day: dt.date) -> Q:
    """`field_name` (a datetime) falls on or before `day`, in Asia/Ho_Chi_Minh."""
    if day == dt.date.max:
        return Q(**{f"{field_name}__isnull": False})
    return Q(**{f"{field_name}__lt": day_starts(day + dt.timedelta(days=1))})


def moment_after(field_name: str, day: dt.date) -> Q:
    """`field_name` (a datetime) falls after `day`, in Asia/Ho_Chi_Minh; never after 31/12/9999."""
    if day == dt.date.max:
        return Q(pk__in=[])
    return Q(**{f"{field_name}__gte": day_starts(day + dt.timedelta(days=1))})


def sorted_ids(organization_ids: frozenset[int]) -> list[int]:
    """The ids in a stable order: the same scope gives the same SQL (and the same plan cache)."""
    return sorted(organization_ids)
