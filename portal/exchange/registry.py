"""Which resource reads and writes the spreadsheets of a model: each app registers its own.

An app's `AppConfig.ready()` calls `register(Model, Resource, importable=…)`; the admin
(portal/exchange/admin.py) offers export of every list (a generated resource where none is
registered) and import only where a registered resource is importable. The permissions follow
(portal/exchange/permissions.py).
"""

from dataclasses import dataclass

from django.db.models import Model

_registry: dict[type[Model], "Entry"] = {}


@dataclass(frozen=True)
class Entry:
    resource: type
    importable: bool


def register(model: type[Model], resource: type, *, importable: bool = False) -> None:
    """Make `resource` the spreadsheet of `model`; `importable` offers its import in the admin."""
    _registry[model] = Entry(resource, importable)


def unregister(model: type[Model]) -> None:
    """Forget `model`'s resource (tests that register one of their own)."""
    _registry.pop(model, None)


def entry_for(model: type[Model]) -> Entry | None:
    return _registry.get(model)


def registered() -> dict[type[Model], Entry]:
    return dict(_registry)


def is_importable(model: type[Model]) -> bool:
    entry = _registry.get(model)
    return entry is not None and entry.importable
