"""What the pages of the apps below agreements show of them.

Events and the registry (committees) sit below agreements and never import them; the event
and organisation templates load this library to list the agreements that refer to them.
That is a dependency of those templates only, in the blocks they leave for it, and each tag
reads in exactly one query, so their pages keep a fixed query count.
"""

from django import template

from agreements import selectors

register = template.Library()

ORGANIZATION_AGREEMENTS_SHOWN = 10


@register.inclusion_tag("agreements/_event_agreements.html")
def event_agreements(event):
    """{% event_agreements event %}: the agreements signed or reviewed at the event, or held under."""
    return {"event": event, "agreements": selectors.event_agreements(event)}


@register.inclusion_tag("agreements/_organization_agreements.html")
def organization_agreements(organization):
    """{% organization_agreements organization %}: the agreements the organisation is a party to."""
    agreements = selectors.organization_agreements(organization, limit=ORGANIZATION_AGREEMENTS_SHOWN + 1)
    return {
        "organization": organization,
        "agreements": agreements[:ORGANIZATION_AGREEMENTS_SHOWN],
        "has_more": len(agreements) > ORGANIZATION_AGREEMENTS_SHOWN,
    }
