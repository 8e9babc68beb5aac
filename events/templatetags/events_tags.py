"""Template helpers of events, and what the registry's pages show of events.

The registry (committees) sits below events and never imports them; its organisation,
person and decision templates load this library to list the events that refer to them.
That is a dependency of those templates only, in the places they leave for it, and each tag
reads in exactly one query, so their pages keep a fixed query count.
"""

from django import template

from events import selectors
from portal.files import stored_file_size

register = template.Library()

ORGANIZATION_EVENTS_SHOWN = 10
PERSON_EVENTS_SHOWN = 20


@register.inclusion_tag("events/_organization_events.html")
def organization_events(organization):
    """{% organization_events organization %}: the latest events it hosted or co-organised."""
    return {
        "organization": organization,
        "events": list(selectors.organization_events(organization)[:ORGANIZATION_EVENTS_SHOWN]),
    }


@register.inclusion_tag("events/_person_events.html")
def person_events(person):
    """{% person_events person %}: the latest events where the person spoke or chaired."""
    return {"person": person, "events": list(selectors.person_events(person)[:PERSON_EVENTS_SHOWN])}


@register.inclusion_tag("events/_decision_events.html")
def decision_events(decision):
    """{% decision_events decision %}: the events where the decision was announced."""
    return {"decision": decision, "events": list(selectors.decision_events(decision))}


@register.filter
def file_size(file) -> int | None:
    """{{ document.file|file_size|filesizeformat }}: the size in bytes, None when the file is missing."""
    return stored_file_size(file)
