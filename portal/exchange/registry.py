"""Which resource reads and writes the spreadsheets of a model: each app registers its own.

An app's `AppConfig.ready()` calls `register(Model, Resource, importable=…)`; the admin
offers export of every list (a generated resource where none is registered) and import only
where a registered resource is importable.
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


def entry_for(model: type[Model]) -> Entry | None:
    return _registry.get(model)


def registered() -> dict[type[Model], Entry]:
    return dict(_registry)
