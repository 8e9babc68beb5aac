"""What the lower apps' pages show of agreements (agreements/panels.py)."""

from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from agreements.models import Agreement, AgreementParty, Milestone, MilestoneKind, PartyRole
from agreements.models.agreements import running_on
from agreements.selectors.public import public_agreements
from committees.models import LegalDocument, Organization
from events.models import Event


def event_agreements(event: Event) -> list[Agreement]:
    """Public agreements the event signed, reviewed or was held under, each once, latest
    signed first (one query). Each has `signed_here` and `review_label` ("sơ kết"…, or "")."""
    reviews = Milestone.objects.filter(agreement=OuterRef("pk"), event=event)
    held_under = Agreement.events.through.objects.filter(agreement=OuterRef("pk"), event=event)
    agreements: list[Agreement] = list(
        public_agreements()
        .annotate(review_kind=Subquery(reviews.order_by("due_on", "pk").values("kind")[:1]))
        .filter(Q(signing_event=event) | Q(review_kind__isnull=False) | Exists(held_under))
        .order_by(F("signed_on").desc(nulls_last=True), "-pk")
    )
    for agreement in agreements:
        agreement.signed_here = agreement.signing_event_id == event.pk  # type: ignore[attr-defined]
        agreement.review_label = MilestoneKind(agreement.review_kind).label if agreement.review_kind else ""  # type: ignore[attr-defined]
    return agreements


def organization_agreements(organization: Organization, *, limit: int) -> list[Agreement]:
    """Public agreements the organisation is a party to, those in force today first, then latest
    signed first, at most `limit` (one query). Each has `party_role_label`: the organisation's
    role in it."""
    role = AgreementParty.objects.filter(agreement=OuterRef("pk"), organization=organization).values("role")
    agreements: list[Agreement] = list(
        public_agreements()
        .annotate(
            party_role=Subquery(role[:1]),
            active_rank=Case(When(running_on(timezone.localdate()), then=Value(0)), default=Value(1)),
        )
        .filter(party_role__isnull=False)
        .order_by("active_rank", F("signed_on").desc(nulls_last=True), "-pk")[:limit]
    )
    for agreement in agreements:
        agreement.party_role_label = PartyRole(agreement.party_role).label  # type: ignore[attr-defined]
    return agreements


def legal_document_agreements(document: LegalDocument) -> list[Agreement]:
    """Public agreements implementing `document`, latest signed first (one query)."""
    return list(
        public_agreements()
        .filter(legal_documents=document)
        .order_by(F("signed_on").desc(nulls_last=True), "-pk")
    )
