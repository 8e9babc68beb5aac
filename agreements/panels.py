"""What the pages of the apps below agreements show of them, registered as panels in
AgreementsConfig.ready().

Events and the registry (committees) sit below agreements and never import them; the event,
organisation and legal document pages render the panels registered for them
(portal/panels.py). Each panel reads in exactly one query, so those pages keep a fixed
query count.
"""

from typing import Any

from agreements import selectors
from committees.models import LegalDocument, Organization
from events.models import Event
from portal import panels

ORGANIZATION_AGREEMENTS_SHOWN = 10


def event_agreements(event: Event) -> dict[str, Any]:
    """The agreements signed or reviewed at the event, or held under."""
    return {"event": event, "agreements": selectors.event_agreements(event)}


def organization_agreements(organization: Organization) -> dict[str, Any]:
    """The agreements the organisation is a party to."""
    agreements = selectors.organization_agreements(organization, limit=ORGANIZATION_AGREEMENTS_SHOWN + 1)
    return {
        "organization": organization,
        "agreements": agreements[:ORGANIZATION_AGREEMENTS_SHOWN],
        "has_more": len(agreements) > ORGANIZATION_AGREEMENTS_SHOWN,
    }


def legal_document_agreements(document: LegalDocument) -> dict[str, Any]:
    """The agreements implementing the document."""
    return {"document": document, "agreements": selectors.legal_document_agreements(document)}


def register() -> None:
    panels.register(
        panels.ORGANIZATION,
        "agreements",
        template="agreements/_organization_agreements.html",
        context=organization_agreements,
        order=30,
    )
    panels.register(
        panels.LEGAL_DOCUMENT,
        "agreements",
        template="agreements/_legal_document_agreements.html",
        context=legal_document_agreements,
        order=30,
    )
    panels.register(
        panels.EVENT,
        "agreements",
        template="agreements/_event_agreements.html",
        context=event_agreements,
        order=30,
    )
