"""The reads a summary and the leaders' dashboard share: which records of a scope fall in a
period, their lists in sheet order, and the series drawn as charts (each one GROUP BY query).

`organization_ids` is what `Scope.organization_ids()` returns: the organisations whose records
count, or None for the whole system. Which records count is the indicator catalogue's rule,
read from it (reports/indicators/), so that a sheet lists exactly what its figure counts.
"""

from collections.abc import Iterator
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from agreements.models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    StatusChange,
    Task,
    TaskStatus,
)
from agreements.models.agreements import ACTIVE_STATUSES, running_on
from committees.models import Decision
from events.models import Event, EventKind, Speech
from portal.lib.periods import Period
from portal.news.models import Article, Category
from reports.indicators.agreements import agreements_of, reviewed_in
from reports.indicators.articles import published_articles
from reports.indicators.catalogue import day_starts
from reports.indicators.committees import issued_decisions
from reports.indicators.events import counted_events
from reports.models import Report, ReportStatus

OrganizationIds = frozenset[int] | None

# Agreement statuses after which an agreement is no longer in force.
ENDED_STATUSES = (AgreementStatus.REVISED, AgreementStatus.EXPIRED, AgreementStatus.TERMINATED)


def month_keys(period: Period) -> list[str]:
    """The months a period touches as "YYYY-MM", the x axis of every monthly series."""
    return [f"{year:04d}-{month:02d}" for year, month in period.months()]


def _ids(organization_ids: OrganizationIds) -> list[int]:
    return sorted(organization_ids or ())


# --- Events ---------------------------------------------------------------------------


def events_in_scope(organization_ids: OrganizationIds, period: Period) -> QuerySet[Event]:
    """The events the catalogue counts (reports.indicators.events.counted_events): published
    ones (drafts, cancelled and postponed ones are not counted as held), hosted or co-organised
    in scope, dated in the period (a window, when the day is not known, wholly inside it); each once."""
    return counted_events(organization_ids, period)


def event_rows(organization_ids: OrganizationIds, period: Period) -> QuerySet[Event, Any]:
    """The events sheet: by date then title, with the host's name and the number of speeches."""
    speeches = (
        Speech.objects.filter(event=OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        events_in_scope(organization_ids, period)
        .annotate(
            host_name=F("host__name"),
            speech_count=Coalesce(Subquery(speeches, output_field=IntegerField()), Value(0)),
        )
        .order_by("start_date", "title", "pk")
        .values(
            "pk",
            "title",
            "slug",
            "start_date",
            "end_date",
            "day_unknown",
            "kind",
            "level",
            "format",
            "status",
            "host_name",
            "speech_count",
        )
    )


def events_per_month(organization_ids: OrganizationIds, period: Period) -> dict[str, list[int]]:
    """Events per month of their start date, by kind: {kind: [count per month]} for the kinds
    with any event, in the catalogue's order of kinds. An event whose day is unknown is
    counted in the month its window starts."""
    months = month_keys(period)
    counts = (
        events_in_scope(organization_ids, period)
        .annotate(month=TruncMonth("start_date"))
        .order_by()
        .values("kind", "month")
        .annotate(count=Count("pk"))
    )
    found: dict[str, list[int]] = {}
    for row in counts:
        series = found.setdefault(row["kind"], [0] * len(months))
        series[months.index(f"{row['month']:%Y-%m}")] += row["count"]
    return {kind: found[kind] for kind in EventKind.values if kind in found}


# --- Decisions ------------------------------------------------------------------------


def decisions_in_scope(organization_ids: OrganizationIds, period: Period) -> QuerySet[Decision]:
    """The decisions the catalogue counts (reports.indicators.committees.issued_decisions): issued
    in the period by an organisation in scope or its steering committee."""
    return issued_decisions(organization_ids, period)


def decision_rows(organization_ids: OrganizationIds, period: Period) -> QuerySet[Decision, Any]:
    """The decisions sheet: by the day they count on (issued, else first announced), then number
    and title."""
    return (
        decisions_in_scope(organization_ids, period)
        .order_by("known_on", "number", "title", "pk")  # type: ignore[misc] # annotated by issued_decisions
        .values(
            "pk",
            "number",
            "title",
            "slug",
            "issued_on",
            "known_on",
            "kind",
            "issuer_organization__name",
            "issuer_committee__name",
            "issuer_committee__organization__name",
        )
    )


# --- Agreements and their tasks -------------------------------------------------------


def _agreement_conditions(period: Period) -> tuple[Q, Q, Any]:
    """Signed in the period; reviewed in it (the catalogue's rule, `reviewed_in`); in force at
    some time in it: in force (from its date in force, else its signing; undated, since some
    day) on or before its end, and not ended before its start (by its end date, or by a change
    to revised, expired or terminated dated before the period, or undated)."""
    ended_before = StatusChange.objects.filter(
        Q(at__isnull=True) | Q(at__lt=day_starts(period.start)),
        agreement=OuterRef("pk"),
        to_status__in=ENDED_STATUSES,
    )
    began = (
        Q(effective_from__lte=period.end)
        | Q(effective_from__isnull=True, signed_on__lte=period.end)
        | Q(effective_from__isnull=True, signed_on__isnull=True)
    )
    in_force = (
        began & (Q(effective_to__isnull=True) | Q(effective_to__gte=period.start)) & ~Exists(ended_before)
    )
    return Q(signed_on__range=(period.start, period.end)), reviewed_in(period), in_force


def agreements_in_scope(organization_ids: OrganizationIds, period: Period) -> QuerySet[Agreement]:
    """The catalogue's agreements of the scope (`agreements_of`: a party in scope, never a
    draft) that were signed, in force or reviewed in the period (see `_agreement_conditions`)."""
    signed, reviewed, in_force = _agreement_conditions(period)
    return agreements_of(organization_ids, period).filter(signed | reviewed | in_force)


def status_today() -> Case:
    """The agreement's status as its page shows it today: expired once past its end
    (Agreement.shown_status), before the daily job records it."""
    return Case(
        When(running_on(timezone.localdate()) | ~Q(status__in=ACTIVE_STATUSES), then=F("status")),
        default=Value(AgreementStatus.EXPIRED),
        output_field=CharField(),
    )


def agreement_rows(organization_ids: OrganizationIds, period: Period) -> QuerySet[Agreement, Any]:
    """The agreements sheet: latest signed first (undated last), then title; with what happened
    to each in the period (`signed_in_period`, `in_force_in_period`, `reviewed_in_period`) and
    its status of today (`status_today`)."""
    signed, reviewed, in_force = _agreement_conditions(period)
    return (
        agreements_in_scope(organization_ids, period)
        .annotate(
            signed_in_period=ExpressionWrapper(signed, output_field=BooleanField()),
            in_force_in_period=ExpressionWrapper(in_force, output_field=BooleanField()),
            reviewed_in_period=ExpressionWrapper(reviewed, output_field=BooleanField()),
            status_today=status_today(),
        )
        .order_by(F("signed_on").desc(nulls_last=True), "title", "pk")
        .values(
            "pk",
            "title",
            "slug",
            "number",
            "kind",
            "status_today",
            "signed_on",
            "covers_from",
            "covers_to",
            "signed_in_period",
            "in_force_in_period",
            "reviewed_in_period",
        )
    )


def agreement_party_names(agreement_ids: list[int]) -> dict[int, list[str]]:
    """The parties' names of each agreement, in the agreement's order of parties (one query)."""
    names: dict[int, list[str]] = {pk: [] for pk in agreement_ids}
    parties = (
        AgreementParty.objects.filter(agreement_id__in=agreement_ids)
        .order_by("agreement_id", "order", "pk")
        .values_list("agreement_id", "organization__name")
    )
    for agreement_id, name in parties:
        names[agreement_id].append(name)
    return names


def task_rows(organization_ids: OrganizationIds, period: Period) -> QuerySet[Task, Any]:
    """The tasks of the period's agreements: in the agreements sheet's order, then each
    agreement's own order of tasks."""
    return (
        Task.objects.filter(agreement__in=agreements_in_scope(organization_ids, period).values("pk"))
        .order_by(
            F("agreement__signed_on").desc(nulls_last=True), "agreement__title", "agreement_id", "order", "pk"
        )
        .values("pk", "agreement__title", "title", "owner__organization__name", "due_on", "status")
    )


def agreements_by_status(organization_ids: OrganizationIds, period: Period) -> dict[str, int]:
    """How many of the period's agreements stand in each status today (one query); one past its
    end stands expired, as its page shows it, before the daily job records it."""
    counted = (
        agreements_in_scope(organization_ids, period)
        .order_by()
        .annotate(status_today=status_today())
        .values("status_today")
        .annotate(count=Count("pk"))
    )
    found = {row["status_today"]: row["count"] for row in counted}
    return {status: found[status] for status in AgreementStatus.values if status in found}


def tasks_by_status(organization_ids: OrganizationIds, period: Period) -> dict[str, int]:
    """How many tasks of the period's agreements stand in each status today (one query)."""
    agreements = agreements_in_scope(organization_ids, period).values("pk")
    rows = (
        Task.objects.filter(agreement_id__in=agreements)
        .order_by()
        .values("status")
        .annotate(count=Count("pk"))
    )
    found = {row["status"]: row["count"] for row in rows}
    return {status: found[status] for status in TaskStatus.values if status in found}


# --- Articles -------------------------------------------------------------------------


def articles_in_scope(organization_ids: OrganizationIds, period: Period) -> QuerySet[Article]:
    """The articles the catalogue counts (reports.indicators.articles.published_articles):
    published in the period, Hà Nội time, from or about an organisation in scope; each once."""
    return published_articles(organization_ids, period)


def article_rows(organization_ids: OrganizationIds, period: Period) -> QuerySet[Article, Any]:
    """The articles sheet: most read first, then latest; with the first category's name."""
    category = (
        Category.objects.filter(articles=OuterRef("pk")).order_by("order", "name", "pk").values("name")[:1]
    )
    return (
        articles_in_scope(organization_ids, period)
        .annotate(category_name=Subquery(category))
        .order_by("-view_count", "-published_at", "-pk")
        .values("pk", "title", "slug", "published_at", "view_count", "category_name")
    )


def articles_per_month(organization_ids: OrganizationIds, period: Period) -> dict[str, list[int]]:
    """Articles published and their views per month, Hà Nội time: {"published": [...], "views": [...]}."""
    months = month_keys(period)
    published, views = [0] * len(months), [0] * len(months)
    rows = (
        articles_in_scope(organization_ids, period)
        .annotate(month=TruncMonth("published_at", tzinfo=timezone.get_default_timezone()))
        .order_by()
        .values("month")
        .annotate(count=Count("pk"), views=Sum("view_count"))
    )
    for row in rows:
        index = months.index(f"{timezone.localtime(row['month']):%Y-%m}")
        published[index] += row["count"]
        views[index] += row["views"] or 0
    return {"published": published, "views": views}


# --- Reports --------------------------------------------------------------------------


def reports_in_scope(organization_ids: OrganizationIds, period: Period) -> QuerySet[Report]:
    """Submitted or approved reports of organisations in scope whose period overlaps this one,
    with their items, oldest period first."""
    reports = Report.objects.filter(
        status__in=(ReportStatus.SUBMITTED, ReportStatus.APPROVED),
        period_start__lte=period.end,
        period_end__gte=period.start,
    )
    if organization_ids is not None:
        reports = reports.filter(organization_id__in=_ids(organization_ids))
    return (
        reports.select_related("organization")
        .prefetch_related("items")
        .order_by("period_start", "period_end", "organization__name", "author_unit", "pk")
    )


def batched(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    """Lists of up to `size` items of `rows`, in order."""
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
