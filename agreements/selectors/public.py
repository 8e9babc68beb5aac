"""The public pages' reads: the list (/phoi-hop/) and an agreement's page (/phoi-hop/<slug>/).

Drafts are never public: every read starts from `public_agreements()`. Each page reads
through these in a fixed number of queries, whatever the number of parties, tasks or reviews.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from agreements.models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    Direction,
    Milestone,
    PartyRole,
    StatusChange,
    Task,
    TaskStatus,
)
from agreements.models.agreements import running_on
from committees.models import Decision, LegalDocument, Organization, Region
from committees.selectors import position_queryset
from events.models import Event
from portal.cache import cached

# How many earlier and later versions an agreement's page walks through (see `agreement_chain`).
CHAIN_LIMIT = 20


def public_agreements() -> QuerySet[Agreement]:
    """Agreements the public may see: all but drafts.

    A draft abandoned (the lifecycle allows draft → terminated) is still a draft to readers:
    a terminated agreement is public only if it came into force at some point.
    """
    came_into_force = StatusChange.objects.filter(
        agreement=OuterRef("pk"), to_status=AgreementStatus.IN_FORCE
    )
    return Agreement.objects.exclude(status=AgreementStatus.DRAFT).exclude(
        Q(status=AgreementStatus.TERMINATED) & ~Exists(came_into_force)
    )


def _parties_lead_first() -> QuerySet[AgreementParty]:
    """Parties with their organisation, the lead party first, then in their own order."""
    return (
        AgreementParty.objects.select_related("organization")
        .annotate(lead_rank=Case(When(role=PartyRole.LEAD, then=Value(0)), default=Value(1)))
        .order_by("lead_rank", "order", "pk")
    )


def agreement_list_queryset() -> QuerySet[Agreement]:
    """Public agreements, those in force or under review today first, then latest signed first
    (undated last), each with `party_list` (lead first) and the parties' former names, so each
    party is named as on the signing date."""
    return (
        public_agreements()
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=_parties_lead_first().prefetch_related("organization__former_names"),
                to_attr="party_list",
            )
        )
        .annotate(active_rank=Case(When(running_on(timezone.localdate()), then=Value(0)), default=Value(1)))
        .order_by("active_rank", F("signed_on").desc(nulls_last=True), "-pk")
    )


def agreements_in_force_and_past(agreements: Iterable[Agreement]) -> tuple[list[Agreement], list[Agreement]]:
    """Split agreements, keeping their order, into those in force or under review today and the
    rest (revised, expired, terminated, or past their end: `Agreement.is_in_force`)."""
    in_force: list[Agreement] = []
    past: list[Agreement] = []
    for agreement in agreements:
        (in_force if agreement.is_in_force else past).append(agreement)
    return in_force, past


def agreement_filter_regions() -> list[tuple[str, str]]:
    """The regions of the list's filter: those of some party to a public agreement.

    Kept in the cache until an agreement or a record of the registry changes."""
    return cached("agreement_filter_regions", ["agreements", "committees"], _agreement_filter_regions)


def _agreement_filter_regions() -> list[tuple[str, str]]:
    parties = AgreementParty.objects.filter(
        organization__region=OuterRef("pk"), agreement__in=public_agreements()
    )
    return list(Region.objects.filter(Exists(parties)).order_by("order", "name").values_list("slug", "name"))


def agreement_filter_parties() -> list[tuple[str, str]]:
    """The organisations of the list's party filter: parties to some public agreement (cached
    like the regions)."""
    return cached("agreement_filter_parties", ["agreements", "committees"], _agreement_filter_parties)


def _agreement_filter_parties() -> list[tuple[str, str]]:
    parties = AgreementParty.objects.filter(organization=OuterRef("pk"), agreement__in=public_agreements())
    return list(
        Organization.objects.filter(Exists(parties)).order_by("order", "name").values_list("slug", "name")
    )


def agreements_in_region(agreements: QuerySet[Agreement], *, slug: str) -> QuerySet[Agreement]:
    """Agreements with a party in the region `slug` (each once)."""
    parties = AgreementParty.objects.filter(agreement=OuterRef("pk"), organization__region__slug=slug)
    return agreements.filter(Exists(parties))


def agreements_with_party(agreements: QuerySet[Agreement], *, slug: str) -> QuerySet[Agreement]:
    """Agreements the organisation `slug` is a party to."""
    parties = AgreementParty.objects.filter(agreement=OuterRef("pk"), organization__slug=slug)
    return agreements.filter(Exists(parties))


def agreement_page_queryset() -> QuerySet[Agreement]:
    """Public agreements with everything their page shows, each part in one query;
    `agreement_page_complete` then arranges the tasks and walks the chain of revisions.

    Status changes are read without their user: the public page shows dates only.
    """
    return public_agreements().prefetch_related(
        # Events through Event.objects.public(): a draft event is named nowhere public
        # (a signing event or a review's event in draft reads as None).
        Prefetch("signing_event", queryset=Event.objects.public()),
        Prefetch(
            "parties",
            queryset=_parties_lead_first()
            .select_related("signatory")
            .prefetch_related(
                "organization__former_names",
                Prefetch("signatory__positions", queryset=position_queryset().order_by("order", "pk")),
            ),
            to_attr="party_list",
        ),
        Prefetch(
            "legal_documents",
            queryset=LegalDocument.objects.order_by(F("issued_on").asc(nulls_last=True), "pk"),
            to_attr="legal_document_list",
        ),
        Prefetch("directions", queryset=Direction.objects.order_by("order", "pk"), to_attr="direction_list"),
        Prefetch(
            "tasks",
            queryset=Task.objects.order_by("order", "pk").prefetch_related(
                Prefetch(
                    "evidence_events",
                    queryset=Event.objects.public().order_by("start_date", "pk"),
                    to_attr="evidence_event_list",
                ),
                Prefetch(
                    "evidence_decisions",
                    queryset=Decision.objects.order_by(F("issued_on").asc(nulls_last=True), "pk"),
                    to_attr="evidence_decision_list",
                ),
            ),
            to_attr="task_list",
        ),
        Prefetch(
            "milestones",
            queryset=Milestone.objects.select_related("revision_decision")
            .prefetch_related(Prefetch("event", queryset=Event.objects.public()))
            .order_by(Coalesce("due_on", "held_on").asc(nulls_last=True), "pk"),
            to_attr="milestone_list",
        ),
        Prefetch(
            "status_changes",
            queryset=StatusChange.objects.only("agreement", "from_status", "to_status", "at").order_by(
                "at", "pk"
            ),
            to_attr="status_change_list",
        ),
        Prefetch(
            "events",
            queryset=Event.objects.public().order_by("start_date", "pk"),
            to_attr="related_event_list",
        ),
    )


@dataclass(frozen=True)
class TaskProgress:
    """How far an agreement's tasks have come: "2/9 tasks completed", and a count per status."""

    total: int
    done: int
    counts: list[tuple[TaskStatus, int]]  # each status that has tasks, in the declared order


def task_progress(tasks: Iterable[Task]) -> TaskProgress:
    """The progress of `tasks`, counted from rows already read (no query)."""
    by_status = Counter(task.status for task in tasks)
    return TaskProgress(
        total=sum(by_status.values()),
        done=by_status[TaskStatus.DONE],
        counts=[(status, by_status[status]) for status in TaskStatus if by_status[status]],
    )


def agreement_page_complete(agreement: Agreement) -> None:
    """Finish an agreement of `agreement_page_queryset` for its page, reading no more rows
    than `agreement_chain` needs.

    - Each task gets `owner_party`: its owner among the agreement's parties already read.
    - Each direction gets `task_list`, its tasks in order; tasks under no direction go to
      `agreement.undirected_tasks`.
    - `agreement.progress` counts the tasks by status (`task_progress`).
    - `agreement.earlier_versions` and `agreement.later_versions`: the chain of revisions.
    """
    parties = {party.pk: party for party in agreement.party_list}  # type: ignore[attr-defined]
    by_direction: dict[int | None, list[Task]] = {}
    for task in agreement.task_list:  # type: ignore[attr-defined]
        task.owner_party = parties.get(task.owner_id)
        by_direction.setdefault(task.direction_id, []).append(task)
    for direction in agreement.direction_list:  # type: ignore[attr-defined]
        direction.task_list = by_direction.pop(direction.pk, [])
    agreement.undirected_tasks = [task for tasks in by_direction.values() for task in tasks]  # type: ignore[attr-defined]
    agreement.progress = task_progress(agreement.task_list)  # type: ignore[attr-defined]
    agreement.earlier_versions, agreement.later_versions = agreement_chain(agreement)  # type: ignore[attr-defined]


def agreement_chain(agreement: Agreement) -> tuple[list[Agreement], list[Agreement]]:
    """The public versions before and after `agreement`, each list oldest first.

    Walks `supersedes` back and `superseded_by` forward, one query per step for the next link
    both ways. Every link is read through `public_agreements`, so the walk stops at a draft.
    It also stops at a link already seen (a corrupted, looping chain) and after CHAIN_LIMIT
    links in all: a page reads at most CHAIN_LIMIT + 1 queries for it however long the chain
    (one for an agreement never revised).
    """
    earlier: list[Agreement] = []
    later: list[Agreement] = []
    seen = {agreement.pk}
    back_id: int | None = agreement.supersedes_id  # the next link back, when there is one
    forward_from: int | None = agreement.pk  # the link whose successor is sought
    while back_id is not None or forward_from is not None:
        wanted = Q()
        if back_id is not None:
            wanted |= Q(pk=back_id)
        if forward_from is not None:
            wanted |= Q(supersedes_id=forward_from)
        rows = list(public_agreements().filter(wanted))
        back = next((row for row in rows if back_id is not None and row.pk == back_id), None)
        forward = next(
            (row for row in rows if forward_from is not None and row.supersedes_id == forward_from), None
        )
        back_id = forward_from = None
        if back is not None and back.pk not in seen and len(seen) <= CHAIN_LIMIT:
            seen.add(back.pk)
            earlier.insert(0, back)
            back_id = back.supersedes_id
        if forward is not None and forward.pk not in seen and len(seen) <= CHAIN_LIMIT:
            seen.add(forward.pk)
            later.append(forward)
            forward_from = forward.pk
        if len(seen) > CHAIN_LIMIT:
            break
    return earlier, later
