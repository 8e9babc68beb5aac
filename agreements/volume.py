"""The agreements' part of the volume (portal/volume.py): at scale 1, 500 regulations,
programmes and plans with two to six parties, their status history, directions, 5,000 tasks
owned by parties, and the reviews their rules call for.

Statuses follow the lifecycle (`TRANSITIONS`): each agreement's history is a path through it,
ending at the status it is given; only drafts may have fewer than two parties' signatures,
and yearly programmes renew the previous year's (`supersedes`), which is then "revised".
"""

from __future__ import annotations

import datetime as dt

from agreements.models import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    Direction,
    Milestone,
    MilestoneKind,
    PartyRole,
    StatusChange,
    Task,
    TaskStatus,
)
from agreements.models.agreements import TRANSITIONS
from committees.models import OrganizationKind
from portal.lib.periods import add_months
from portal.volume import SLUG_PREFIX, Volume

KIND_TITLES = {
    AgreementKind.REGULATION: "Quy chế phối hợp",
    AgreementKind.PROGRAMME: "Chương trình phối hợp",
    AgreementKind.PLAN: "Kế hoạch phối hợp",
}
# Where each final status is reached from a draft, through the lifecycle.
HISTORIES = {
    AgreementStatus.DRAFT: [],
    AgreementStatus.IN_FORCE: [AgreementStatus.IN_FORCE],
    AgreementStatus.UNDER_REVIEW: [AgreementStatus.IN_FORCE, AgreementStatus.UNDER_REVIEW],
    AgreementStatus.EXPIRED: [AgreementStatus.IN_FORCE, AgreementStatus.EXPIRED],
    AgreementStatus.TERMINATED: [AgreementStatus.IN_FORCE, AgreementStatus.TERMINATED],
}


def generate(volume: Volume) -> None:
    rng = volume.rng
    organizations = volume.records["organizations"]
    academies = [
        org
        for org in organizations
        if org.kind in {OrganizationKind.NATIONAL_ACADEMY, OrganizationKind.REGIONAL_ACADEMY}
    ]
    others = [
        org
        for org in organizations
        if org.kind in {OrganizationKind.PROVINCIAL_SCHOOL, OrganizationKind.PROPAGANDA_BOARD}
    ]
    events = volume.records.get("events", [])
    count = volume.count(500, minimum=2)

    agreements, renewals = [], []
    previous = None
    for index in range(count):
        signed = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 8))
        kind = rng.choice(
            [AgreementKind.REGULATION, AgreementKind.PROGRAMME, AgreementKind.PROGRAMME, AgreementKind.PLAN]
        )
        status = rng.choice([AgreementStatus.IN_FORCE, AgreementStatus.IN_FORCE, *HISTORIES])
        renews = (
            previous
            if kind == AgreementKind.PROGRAMME and previous is not None and status != AgreementStatus.DRAFT
            else None
        )
        agreement = Agreement(
            kind=kind,
            title=f"{KIND_TITLES[kind]} số {index + 1} thực hiện Nghị quyết số 35-NQ/TW",
            slug=f"{SLUG_PREFIX}thoa-thuan-{index}",
            number=f"{index + 1}-QC/BCĐ35",
            status=status,
            signed_on=None if status == AgreementStatus.DRAFT else signed,
            effective_from=None if status == AgreementStatus.DRAFT else signed,
            effective_to=signed + dt.timedelta(days=365 * rng.randint(1, 5))
            if kind != AgreementKind.REGULATION
            else None,
            signing_event=rng.choice(events) if events and rng.random() < 0.3 else None,
            interim_review_months=rng.choice([None, 6, 12, 18]),
            final_review_months=rng.choice([None, 24, 36]),
            summary="Các bên thống nhất phối hợp tuyên truyền, nghiên cứu khoa học và bồi dưỡng cán bộ.",
        )
        agreements.append(agreement)
        renewals.append(renews)
        # A renewed programme is "revised" once its successor comes into force.
        if renews is not None:
            renews.status = AgreementStatus.REVISED
        if kind == AgreementKind.PROGRAMME and status != AgreementStatus.DRAFT:
            previous = agreement
    agreements = volume.bulk(Agreement, agreements)
    # Renewals point at what they renew once both have keys (the cycle check reads keys).
    for agreement, renews in zip(agreements, renewals, strict=True):
        agreement.supersedes = renews
        if renews is not None:
            agreement.clean()
    Agreement.objects.bulk_update([a for a in agreements if a.supersedes_id], ["supersedes"], batch_size=1000)

    parties, history, directions, milestones = [], [], [], []
    for agreement in agreements:
        lead = rng.choice(academies)
        members = rng.sample([org for org in others if org.pk != lead.pk], rng.randint(1, 5))
        parties.append(AgreementParty(agreement=agreement, organization=lead, role=PartyRole.LEAD, order=0))
        parties.extend(
            AgreementParty(agreement=agreement, organization=org, role=PartyRole.MEMBER, order=order)
            for order, org in enumerate(members, start=1)
        )
        steps = list(HISTORIES.get(agreement.status, [AgreementStatus.IN_FORCE, AgreementStatus.REVISED]))
        from_status = AgreementStatus.DRAFT
        for step in steps:
            if step not in TRANSITIONS[from_status]:
                raise ValueError(f"{from_status} cannot become {step}")
            history.append(StatusChange(agreement=agreement, from_status=from_status, to_status=step))
            from_status = step
        directions.extend(
            Direction(agreement=agreement, title=title, order=order)
            for order, title in enumerate(
                ["Tuyên truyền, giáo dục", "Nghiên cứu khoa học", "Đào tạo, bồi dưỡng"], start=1
            )
        )
        start = agreement.signed_on or agreement.effective_from
        for kind, months in [
            (MilestoneKind.INTERIM_REVIEW, agreement.interim_review_months),
            (MilestoneKind.FINAL_REVIEW, agreement.final_review_months),
        ]:
            if months is not None:
                milestones.append(
                    Milestone(
                        agreement=agreement, kind=kind, due_on=add_months(start, months) if start else None
                    )
                )
    parties = volume.bulk(AgreementParty, parties)
    volume.bulk(StatusChange, history)
    directions = volume.bulk(Direction, directions)
    volume.bulk(Milestone, milestones)

    parties_of: dict[int, list[AgreementParty]] = {}
    for party in parties:
        parties_of.setdefault(party.agreement_id, []).append(party)
    directions_of: dict[int, list[Direction]] = {}
    for direction in directions:
        directions_of.setdefault(direction.agreement_id, []).append(direction)
    tasks = []
    for agreement in agreements:
        for order in range(1, 11):
            due = (agreement.signed_on or dt.date(2025, 1, 1)) + dt.timedelta(days=90 * order)
            tasks.append(
                Task(
                    agreement=agreement,
                    direction=rng.choice(directions_of[agreement.pk]),
                    title=f"Nhiệm vụ {order}: phối hợp tổ chức hội thảo, tọa đàm và biên soạn tài liệu",
                    owner=rng.choice(parties_of[agreement.pk]),
                    due_on=due,
                    status=rng.choice(TaskStatus.values),
                    order=order,
                )
            )
    volume.bulk(Task, tasks[: volume.count(5000)])
    volume.records["agreements"] = agreements
