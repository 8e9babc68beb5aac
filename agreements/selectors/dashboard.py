"""The staff dashboard's reads, shared with the admin's list filters and the daily job.

Each set the dashboard counts is defined once here, and the admin's list filters apply
the same function: a figure and the list it links to always hold the same rows.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from agreements.models import UNSENT_STATUSES, Agreement, AgreementParty, Milestone, Notice, Task, TaskStatus
from agreements.models.agreements import ACTIVE_STATUSES, ended_before, running_on

REVIEW_HORIZON_DAYS = 90
EXPIRY_HORIZON_DAYS = 30
# The number of unsent reminders, kept by the daily job for /healthz (agreements/health.py).
UNSENT_NOTICES_CACHE_KEY = "agreements:unsent-notices"
# How many of the unsent reminders the dashboard lists (the oldest first).
UNSENT_NOTICES_LISTED = 20


def agreements_with_party_count(queryset: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """`queryset` annotated with `party_count`.

    Counted in a subquery rather than with Count("parties"): a filter on the parties
    (by organisation, by region) would otherwise count only the parties it matched.
    """
    parties = (
        AgreementParty.objects.filter(agreement=OuterRef("pk"))
        .order_by()
        .values("agreement")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(party_count=Coalesce(Subquery(parties, output_field=IntegerField()), 0))


def agreements_active(
    queryset: QuerySet[Agreement] | None = None, *, today: dt.date | None = None
) -> QuerySet[Agreement]:
    """Agreements in force or under review on `today` (default: today in Hà Nội): an active
    status and an end (in force until, else the period covered) not passed (`running_on`)."""
    queryset = Agreement.objects.all() if queryset is None else queryset
    return queryset.filter(running_on(today or timezone.localdate()))


def agreements_ended(queryset: QuerySet[Agreement] | None = None, *, today: dt.date) -> QuerySet[Agreement]:
    """Agreements whose status is still active but whose end is before `today`: what the daily
    job expires."""
    queryset = Agreement.objects.all() if queryset is None else queryset
    return queryset.filter(ended_before(today), status__in=ACTIVE_STATUSES)


def agreements_expiring(
    queryset: QuerySet[Agreement] | None = None, *, today: dt.date, within_days: int = EXPIRY_HORIZON_DAYS
) -> QuerySet[Agreement]:
    """Agreements in force whose last day in force (`Agreement.ends_on`) is between `today` and
    `within_days` later, inclusive."""
    horizon = today + dt.timedelta(days=within_days)
    return (
        agreements_active(queryset, today=today)
        .annotate(ends=Coalesce("effective_to", "covers_to"))
        .filter(ends__gte=today, ends__lte=horizon)
    )


def reviews_due(
    queryset: QuerySet[Milestone] | None = None, *, today: dt.date, within_days: int = REVIEW_HORIZON_DAYS
) -> QuerySet[Milestone]:
    """Reviews of active agreements due between `today` and `within_days` later, not yet held.

    A review counts as held once it has a date held or an event (Milestone.is_held).
    """
    queryset = Milestone.objects.all() if queryset is None else queryset
    horizon = today + dt.timedelta(days=within_days)
    return queryset.filter(
        running_on(today, "agreement__"),
        due_on__gte=today,
        due_on__lte=horizon,
        held_on__isnull=True,
        event__isnull=True,
    )


def tasks_overdue(queryset: QuerySet[Task] | None = None, *, today: dt.date) -> QuerySet[Task]:
    """Tasks of active agreements marked overdue, or past their due date and not done.

    The second half finds what the daily job has not marked yet (it runs at 06:00).
    """
    queryset = Task.objects.all() if queryset is None else queryset
    late = Q(due_on__lt=today) & ~Q(status=TaskStatus.DONE)
    return queryset.filter(Q(status=TaskStatus.OVERDUE) | late, running_on(today, "agreement__"))


def notices_unsent(queryset: QuerySet[Notice] | None = None) -> QuerySet[Notice]:
    """Reminders the daily job has not sent yet: nobody to send them to, the mail server failed,
    or being sent right now. The next run sends them (agreements.services.agreements_daily)."""
    queryset = Notice.objects.all() if queryset is None else queryset
    return queryset.filter(status__in=UNSENT_STATUSES)


@dataclass(frozen=True)
class RegionCount:
    """Active agreements with a party in a region; `region_id` None for parties with no region."""

    region_id: int | None
    name: str
    count: int


@dataclass(frozen=True)
class DashboardFigures:
    today: dt.date
    active: int
    active_by_region: list[RegionCount]
    reviews_due: int
    tasks_overdue: int
    expiring: int
    reminders_unsent: int
    # The oldest UNSENT_NOTICES_LISTED of them, with their agreement.
    reminders_unsent_listed: list[Notice]


def dashboard_figures(*, today: dt.date) -> DashboardFigures:
    """The staff dashboard's figures on `today`, in seven queries.

    An agreement with parties in two regions counts in both, so the regions' counts may add
    up to more than the number of active agreements.
    """
    by_region = (
        AgreementParty.objects.filter(running_on(today, "agreement__"))
        .values("organization__region", "organization__region__name", "organization__region__order")
        .annotate(count=Count("agreement", distinct=True))
        .order_by(
            F("organization__region__order").asc(nulls_last=True),
            F("organization__region__name").asc(nulls_last=True),
        )
    )
    return DashboardFigures(
        today=today,
        active=agreements_active(today=today).count(),
        active_by_region=[
            RegionCount(
                region_id=row["organization__region"],
                name=row["organization__region__name"] or "",
                count=row["count"],
            )
            for row in by_region
        ],
        reviews_due=reviews_due(today=today).count(),
        tasks_overdue=tasks_overdue(today=today).count(),
        expiring=agreements_expiring(today=today).count(),
        reminders_unsent=notices_unsent().count(),
        reminders_unsent_listed=list(
            notices_unsent()
            .select_related("agreement")
            .order_by(F("last_attempt_at").asc(nulls_last=True), "pk")[:UNSENT_NOTICES_LISTED]
        ),
    )
