"""Which models have a spreadsheet resource of their own, and which of them can be imported.

Each domain app registers its resources in its `AppConfig.ready()`:

    registry.register(LegalDocument, LegalDocumentResource, importable=True)

The admin (portal/exchange/admin.py) exports a registered model with its resource and offers
the import only for an importable one; any other admin list exports through a resource made
from the model's fields. The permissions follow (portal/exchange/permissions.py).
"""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Registration:
    model: type[models.Model]
    resource: type
    importable: bool


_registrations: dict[type[models.Model], Registration] = {}


def register(model: type[models.Model], resource: type, importable: bool = False) -> None:
    """Export (and, if `importable`, import) `model` with `resource`; a model is registered once."""
    if model in _registrations and _registrations[model].resource is not resource:
        raise ValueError(
            f"{model._meta.label} already has the spreadsheet resource {_registrations[model].resource}."
        )
    _registrations[model] = Registration(model=model, resource=resource, importable=importable)


def unregister(model: type[models.Model]) -> None:
    """Forget `model`'s resource (tests that register one of their own)."""
    _registrations.pop(model, None)


def registration(model: type[models.Model]) -> Registration | None:
    """The resource registered for `model`, if any."""
    return _registrations.get(model)


def is_importable(model: type[models.Model]) -> bool:
    entry = _registrations.get(model)
    return entry is not None and entry.importable
