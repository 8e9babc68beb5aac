"""Panels that a higher app adds to a lower app's page, through one explicit door.

The apps form layers (STYLE.md: committees ← events ← agreements ← news ← reports) and a
lower app never imports a higher one nor loads its template tags. Its page leaves a place
for what the higher apps link to its record — `{% panels "committees.organization" organization %}`
— and each higher app registers its panels for that place in its `AppConfig.ready()`:

    panels.register("committees.organization", "events", template="events/_organization_events.html",
                    context=organization_events_panel, order=20)

A panel's `context(record)` returns the template's context; it should read in a fixed number
of queries (one, as a rule), so that the page keeps a fixed query count. With no panel
registered for a place, the page renders without it.

Panels are parts of the public pages: they list only published records, the same for every
visitor, staff or not, so the staff scope (portal/scoping.py) does not narrow them; what staff
count in the admin (the leaders' dashboard, summaries, lists) is read through it.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# The places lower apps' pages leave for panels.
ORGANIZATION = "committees.organization"
PERSON = "committees.person"
DECISION = "committees.decision"
LEGAL_DOCUMENT = "committees.legal_document"
EVENT = "events.event"
AGREEMENT = "agreements.agreement"


@dataclass(frozen=True)
class Panel:
    """A block of a page about a record, rendered from `template` with `context(record)`."""

    name: str
    template: str
    context: Callable[[Any], Mapping[str, Any]]
    order: int = 50


# place → panel name → panel; filled by the apps' ready(), read by the `panels` template tag.
REGISTRY: dict[str, dict[str, Panel]] = {}


def register(
    place: str, name: str, *, template: str, context: Callable[[Any], Mapping[str, Any]], order: int = 50
) -> None:
    """Add (or replace, when `name` is already registered there) a panel to `place`."""
    REGISTRY.setdefault(place, {})[name] = Panel(name=name, template=template, context=context, order=order)


def panels_for(place: str) -> list[Panel]:
    """The panels registered for `place`, in their order."""
    return sorted(REGISTRY.get(place, {}).values(), key=lambda panel: (panel.order, panel.name))
