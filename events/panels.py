"""What the registry's pages show of events, registered as panels in EventsConfig.ready().

The registry (committees) sits below events and never imports them; its organisation,
person, decision and legal document pages render the panels registered for them
(portal/panels.py). Each panel reads in exactly one query, so those pages keep a fixed
query count.
"""

from typing import Any

from committees.models import Decision, LegalDocument, Organization, Person
from events import selectors
from portal import panels

ORGANIZATION_EVENTS_SHOWN = 10
PERSON_EVENTS_SHOWN = 20


def organization_events(organization: Organization) -> dict[str, Any]:
    """The latest events the organisation hosted or co-organised."""
    return {
        "organization": organization,
        "events": list(selectors.organization_events(organization)[:ORGANIZATION_EVENTS_SHOWN]),
    }


def person_events(person: Person) -> dict[str, Any]:
    """The latest events where the person spoke or chaired."""
    return {"person": person, "events": list(selectors.person_events(person)[:PERSON_EVENTS_SHOWN])}


def decision_events(decision: Decision) -> dict[str, Any]:
    """The events where the decision was announced."""
    return {"decision": decision, "events": list(selectors.decision_events(decision))}


def legal_document_events(document: LegalDocument) -> dict[str, Any]:
    """The events implementing the document."""
    return {"document": document, "events": list(selectors.legal_document_events(document))}


def register() -> None:
    panels.register(
        panels.ORGANIZATION,
        "events",
        template="events/_organization_events.html",
        context=organization_events,
        order=20,
    )
    panels.register(
        panels.PERSON, "events", template="events/_person_events.html", context=person_events, order=20
    )
    panels.register(
        panels.LEGAL_DOCUMENT,
        "events",
        template="events/_legal_document_events.html",
        context=legal_document_events,
        order=20,
    )
    panels.register(
        panels.DECISION, "events", template="events/_decision_events.html", context=decision_events, order=20
    )
