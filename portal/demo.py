"""What every app's demo loader uses: rows found by a natural key and brought up to date."""

from typing import Any, TypeVar

from django.db import models

ModelT = TypeVar("ModelT", bound=models.Model)


def upsert(model: type[ModelT], lookup: dict[str, Any], values: dict[str, Any]) -> ModelT:
    """The row `lookup` finds, created or brought up to `values`, validated by full_clean().

    A row already up to date is not saved again, so a second load changes nothing.
    """
    obj, needs_saving = staged(model, lookup, values)
    if needs_saving:
        obj.save()
    return obj


def staged(model: type[ModelT], lookup: dict[str, Any], values: dict[str, Any]) -> tuple[ModelT, bool]:
    """The row `lookup` finds (a new one if none), brought up to `values` and validated by
    full_clean() but not saved, and whether it needs saving: a service saves it with its parent.

    A lookup naming a parent not saved yet finds nothing, and the parent is left to the service.
    """
    unsaved = {name for name, value in lookup.items() if isinstance(value, models.Model) and value.pk is None}
    stored = None if unsaved else model._default_manager.filter(**lookup).first()  # type: ignore[attr-defined]
    if stored is not None and all(getattr(stored, field) == value for field, value in values.items()):
        return stored, False
    obj = stored or model(**lookup)
    for field, value in values.items():
        setattr(obj, field, value)
    obj.full_clean(exclude=unsaved, validate_unique=not unsaved, validate_constraints=not unsaved)
    return obj, True
