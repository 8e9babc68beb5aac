"""Factories of the agreements app, for every test of agreements (admin, public pages, demo).

Each factory builds a valid row with the least it needs; organisations, people, events and
decisions are made by the registry's and the events' factories. A child of an agreement
(party, direction, task, review) makes its own agreement unless given one: pass
`agreement=` to gather rows on one agreement. A task given a `direction` or an `owner`
belongs to their agreement.

Agreements are built one way, through `agreements.services.agreement_save`. Statuses are
never set by a factory: an agreement is made as a draft, and moved on by
`agreement_transition`, as staff would. `agreement_in_force` does both.
"""

import datetime as dt

import factory

from agreements.models import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    Direction,
    Milestone,
    MilestoneKind,
    PartyRole,
    Task,
    TaskStatus,
)
from agreements.services import agreement_save, agreement_transition
from portal.services import Rows
from tests.committees.factories import OrganizationFactory


class AgreementFactory(factory.django.DjangoModelFactory):
    """A draft coordination regulation signed on 25/02/2020, without parties, saved by
    `agreement_save` as staff would save it (reviews scheduled from its rules).

    `parties`, `legal_documents` and `events` take lists: AgreementFactory(parties=[a, b])
    makes a lead party of `a` and a member party of `b`, in that order.
    """

    class Meta:
        model = Agreement

    kind = AgreementKind.REGULATION
    title = factory.Sequence(lambda n: f"Quy chế phối hợp số {n}")
    slug = factory.Sequence(lambda n: f"quy-che-phoi-hop-{n}")
    number = factory.Sequence(lambda n: f"{n}-QC/HV-BCĐ35")
    signed_on = dt.date(2020, 2, 25)

    @classmethod
    def _create(cls, model_class, *args, parties=(), legal_documents=(), events=(), by=None, **kwargs):
        rows = []
        if parties:
            rows.append(
                Rows.of(
                    AgreementParty,
                    "agreement",
                    *(
                        AgreementParty(
                            organization=organization,
                            role=PartyRole.LEAD if order == 0 else PartyRole.MEMBER,
                            order=order,
                        )
                        for order, organization in enumerate(parties)
                    ),
                )
            )
        many_to_many = {"legal_documents": legal_documents, "events": events}
        return agreement_save(
            agreement=model_class(*args, **kwargs),
            by=by,
            many_to_many={name: values for name, values in many_to_many.items() if values},
            rows=rows,
        )


class AgreementPartyFactory(factory.django.DjangoModelFactory):
    """A member party; `order` is unique across all parties made, so several fit on one agreement."""

    class Meta:
        model = AgreementParty

    agreement = factory.SubFactory(AgreementFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = PartyRole.MEMBER
    order = factory.Sequence(lambda n: n)


class DirectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Direction

    agreement = factory.SubFactory(AgreementFactory)
    title = factory.Sequence(lambda n: f"Phối hợp nghiên cứu, tổng kết thực tiễn {n}")
    order = factory.Sequence(lambda n: n)


class TaskFactory(factory.django.DjangoModelFactory):
    """A task not started, due 31/12/2020; its agreement is that of its `direction` or `owner` when given."""

    class Meta:
        model = Task
        skip_postgeneration_save = True

    direction = None
    owner = None
    agreement = factory.Maybe(
        "direction",
        yes_declaration=factory.SelfAttribute("direction.agreement"),
        no_declaration=factory.Maybe(
            "owner",
            yes_declaration=factory.SelfAttribute("owner.agreement"),
            no_declaration=factory.SubFactory(AgreementFactory),
        ),
    )
    title = factory.Sequence(lambda n: f"Tổ chức hội thảo khoa học {n}")
    due_on = dt.date(2020, 12, 31)
    status = TaskStatus.NOT_STARTED
    order = factory.Sequence(lambda n: n)

    @factory.post_generation
    def evidence_events(self, create, extracted, **kwargs):
        if create and extracted:
            self.evidence_events.set(extracted)

    @factory.post_generation
    def evidence_decisions(self, create, extracted, **kwargs):
        if create and extracted:
            self.evidence_decisions.set(extracted)


class MilestoneFactory(factory.django.DjangoModelFactory):
    """An interim review due 25/08/2021, not held. Reviews that follow an agreement's rule are
    made by `agreement_schedule_reviews`; this factory is for reviews entered by hand."""

    class Meta:
        model = Milestone

    agreement = factory.SubFactory(AgreementFactory)
    kind = MilestoneKind.INTERIM_REVIEW
    due_on = dt.date(2021, 8, 25)


def agreement_in_force(*, parties: int | list = 2, by=None, **fields) -> Agreement:
    """An agreement with `parties` (a number of new organisations, or a list of them) brought
    into force through `agreement_transition`, with its StatusChange row."""
    if isinstance(parties, int):
        parties = OrganizationFactory.create_batch(parties)
    agreement = AgreementFactory(parties=parties, **fields)
    return agreement_transition(agreement=agreement, to=AgreementStatus.IN_FORCE, by=by)
