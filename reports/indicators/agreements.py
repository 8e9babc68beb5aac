"""Indicators of coordination agreements and their tasks: signed, in force, reviewed; tasks
done and overdue.

Status changes are read as the agreements app records them (StatusChange, TaskStatusChange):
a change recorded undated (no source dates it) is taken to have happened before every dated
one, as their ordering does.
"""

import datetime as dt

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from agreements.models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    Milestone,
    StatusChange,
    Task,
    TaskStatus,
    TaskStatusChange,
)
from agreements.models.agreements import not_ended_before
from portal.lib.periods import Period
from reports.indicators.catalogue import (
    Family,
    OrganizationIds,
    count_where,
    indicator,
    moment_after,
    moment_by,
    moment_in,
    sorted_ids,
)
from reports.indicators.events import held_in

GROUP = "agreements"
ENDED = (AgreementStatus.REVISED, AgreementStatus.EXPIRED, AgreementStatus.TERMINATED)


def parties_in(organization_ids: frozenset[int]) -> QuerySet:
    """The ids of the agreements an organisation of `organization_ids` is a party to."""
    return AgreementParty.objects.filter(organization_id__in=sorted_ids(organization_ids)).values(
        "agreement_id"
    )


def agreements_of(organization_ids: OrganizationIds, period: Period) -> QuerySet[Agreement]:
    """Agreements an organisation in scope is a party to (whatever its role); each once, however
    many parties are in scope. A draft is not an agreement yet: it counts in none of these."""
    agreements = Agreement.objects.exclude(status=AgreementStatus.DRAFT)
    if organization_ids is not None:
        agreements = agreements.filter(pk__in=parties_in(organization_ids))
    return agreements


def in_force_on(day: dt.date, agreement: str = "pk") -> Q:
    """The agreement (its key at `agreement`: "pk", or "agreement" from a task) was in force at
    the end of `day`, as its dates and status history say:

    - it had come into force: in force from (else signed on) `day` or before; with neither date,
      unless its history dates its coming into force after `day`;
    - it had not ended: in force until `day` or later, else its period covered running until
      `day` or later (or neither date set), and no change to revised, expired or terminated
      dated `day` or before, or undated.
    """
    prefix = "" if agreement == "pk" else f"{agreement}__"
    key = OuterRef(agreement)
    started_later = StatusChange.objects.filter(
        moment_after("at", day),
        agreement=key,
        from_status=AgreementStatus.DRAFT,
        to_status=AgreementStatus.IN_FORCE,
    )
    ended = StatusChange.objects.filter(
        Q(at__isnull=True) | moment_by("at", day), agreement=key, to_status__in=ENDED
    )
    effective_from, signed_on = f"{prefix}effective_from", f"{prefix}signed_on"
    started = (
        Q(**{f"{effective_from}__lte": day})
        | Q(**{f"{effective_from}__isnull": True, f"{signed_on}__lte": day})
        | Q(~Exists(started_later), **{f"{effective_from}__isnull": True, f"{signed_on}__isnull": True})
    )
    # Its end is in force until, else the last day of the period covered (Agreement.ends_on): a
    # programme of 2025 is no longer in force at the end of 2026's first quarter.
    not_ended = not_ended_before(day, prefix)
    return started & not_ended & ~Q(Exists(ended))


def done_on(day: dt.date) -> Q:
    """The task was done at the end of `day`: the status it left at its first change dated after
    `day` was "done", or, with no change dated after, it is done now."""
    left_after = TaskStatusChange.objects.filter(moment_after("at", day), task=OuterRef("pk")).order_by(
        "at", "pk"
    )
    status_then = Coalesce(Subquery(left_after.values("from_status")[:1]), F("status"))
    return Q(Exact(status_then, Value(TaskStatus.DONE)))


def reviewed_in(period: Period) -> Q:
    """A review (interim or final) of the agreement was held in the period: on its day held, or,
    when that is not recorded, at its review event dated in the period (the events' rule)."""
    held = Milestone.objects.filter(
        Q(held_on__range=(period.start, period.end))
        | Q(held_in(period, "event__"), held_on__isnull=True, event__isnull=False),
        agreement=OuterRef("pk"),
    )
    return Q(Exists(held))


def tasks_of(organization_ids: OrganizationIds, period: Period) -> QuerySet[Task]:
    """Tasks of agreements (not drafts) that an organisation in scope owns; a task with no owner
    belongs to every party of its agreement."""
    tasks = Task.objects.exclude(agreement__status=AgreementStatus.DRAFT)
    if organization_ids is not None:
        tasks = tasks.filter(
            Q(owner__organization_id__in=sorted_ids(organization_ids))
            | Q(owner__isnull=True, agreement_id__in=parties_in(organization_ids))
        )
    return tasks


AGREEMENT_ROWS = Family("agreements", agreements_of)
TASK_ROWS = Family("agreement tasks", tasks_of)


indicator(
    "agreements.signed",
    _("Agreements signed"),
    _("agreements"),
    GROUP,
    family=AGREEMENT_ROWS,
    value=lambda period: count_where(Q(signed_on__range=(period.start, period.end))),
    rule="Those signed on a day of the period.",
)
indicator(
    "agreements.in_force",
    _("Agreements in force"),
    _("agreements"),
    GROUP,
    family=AGREEMENT_ROWS,
    value=lambda period: count_where(in_force_on(period.end)),
    rule=(
        "Those in force at the end of the period's last day: in force from (else signed on) that day"
        " or before, or with neither date unless their history dates the coming into force after it;"
        " and not ended: in force until that day or later, else their period covered running until"
        " that day or later (or neither date set), with no change to"
        " revised, expired or terminated dated that day or before, or undated."
    ),
)
indicator(
    "agreements.reviewed",
    _("Agreements reviewed"),
    _("agreements"),
    GROUP,
    family=AGREEMENT_ROWS,
    value=lambda period: count_where(reviewed_in(period)),
    rule=(
        "Those with a review (interim or final) held in the period: on its day held, or, when that"
        " is not recorded, at its review event dated in the period (the events' rule); each once."
    ),
)
indicator(
    "agreements.tasks.done",
    _("Agreement tasks done"),
    _("tasks"),
    GROUP,
    family=TASK_ROWS,
    value=lambda period: count_where(
        Q(
            Exists(
                TaskStatusChange.objects.filter(
                    moment_in("at", period), task=OuterRef("pk"), to_status=TaskStatus.DONE
                )
            )
        )
    ),
    rule="Those that became done in the period (a change to done dated on a day of it), each once.",
)
indicator(
    "agreements.tasks.overdue",
    _("Agreement tasks overdue"),
    _("tasks"),
    GROUP,
    family=TASK_ROWS,
    value=lambda period: count_where(
        Q(in_force_on(period.end, "agreement"), due_on__lte=period.end) & ~done_on(period.end)
    ),
    rule=(
        "Those due on or before the period's end and not done at its end, of an agreement still in"
        " force then (a commitment of an agreement that ended is no longer owed)."
    ),
)
