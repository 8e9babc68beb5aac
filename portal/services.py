"""What services of every app share: the inline rows a service writes with its parent record.

A change form posts a record with rows of several kinds (an event's sites, an agreement's
parties). The admin describes each kind as `Rows` — rows to save, rows to delete — and hands
them to the app's service, which checks the rules spanning the rows and writes them itself.
A loader or a test builds the same `Rows` by hand.
"""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.forms import BaseInlineFormSet, BaseModelForm
from django.utils import translation

M = TypeVar("M", bound=Model)


@dataclass
class Row(Generic[M]):
    """A row to create (no pk) or update, with the values of its many-to-many fields to set."""

    instance: M
    many_to_many: dict[str, Iterable[Any]] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)  # names of the fields changed, for the history


@dataclass
class Rows(Generic[M]):
    """The changes to the rows of `model` held by a parent through `fk_name`."""

    model: type[M]
    fk_name: str
    save: list[Row[M]] = field(default_factory=list)
    delete: list[M] = field(default_factory=list)

    @classmethod
    def of(cls, model: type[M], fk_name: str, *instances: M) -> "Rows[M]":
        """Rows to save, without many-to-many values, as a loader or a test writes them."""
        return cls(model, fk_name, save=[Row(instance) for instance in instances])

    @classmethod
    def from_formset(cls, formset: BaseInlineFormSet) -> "Rows":
        """The rows of a valid inline formset: those new or changed, with their many-to-many
        values, and the saved rows marked for deletion."""
        many = [f.name for f in formset.model._meta.many_to_many]
        deleted = formset.deleted_forms if formset.can_delete else []
        kept = [form for form in formset.forms if form.is_valid() and form not in deleted]
        return cls(
            formset.model,
            formset.fk.name,
            save=[
                Row(
                    form.instance,
                    {name: form.cleaned_data[name] for name in many if name in form.cleaned_data},
                    list(form.changed_data),
                )
                for form in kept
                if form.has_changed()
            ],
            delete=[form.instance for form in deleted if form.instance.pk is not None],
        )

    def after(self, stored: Iterable[M]) -> list[M]:
        """The rows there will be once written, given the rows `stored` now: stored rows kept
        (in their new version when changed), then the new ones."""
        gone = {obj.pk for obj in self.delete}
        changed = {row.instance.pk: row.instance for row in self.save if row.instance.pk is not None}
        kept = [changed.get(obj.pk, obj) for obj in stored if obj.pk not in gone]
        return kept + [row.instance for row in self.save if row.instance.pk is None]

    def write(self, *, parent: Model) -> list[M]:
        """Delete, then save the rows under `parent`; returns the rows saved."""
        for obj in self.delete:
            obj.delete()
        saved = []
        for row in self.save:
            setattr(row.instance, self.fk_name, parent)
            row.instance.save()
            for name, values in row.many_to_many.items():
                getattr(row.instance, name).set(values)
            saved.append(row.instance)
        return saved


def rows_of(rows: Sequence[Rows], model: type[M], fk_name: str) -> Rows[M]:
    """The changes to `model` among `rows`; none when not given."""
    for item in rows:
        if item.model is model:
            return item
    return Rows(model, fk_name)


def many_to_many_of(form: BaseModelForm) -> dict[str, Iterable[Any]]:
    """The cleaned values of the record's many-to-many fields on a valid model form."""
    names = {f.name for f in form.instance._meta.many_to_many}
    return {name: value for name, value in form.cleaned_data.items() if name in names}


def fields_changed(instance: Model) -> list[str]:
    """The names of the fields of `instance` that differ from its stored version (none if new)."""
    if instance.pk is None:
        return []
    stored = type(instance)._default_manager.filter(pk=instance.pk).first()
    if stored is None:
        return []
    return [
        f.name
        for f in instance._meta.concrete_fields
        if f.editable and not f.primary_key and getattr(stored, f.attname) != getattr(instance, f.attname)
    ]


def change_message(
    *, model: type[Model], added: bool, fields: Iterable[str] = (), rows: Iterable[Rows] = ()
) -> str:
    """The admin history message of a save, in Django's structured format (shown translated):
    the fields changed and the rows added, changed and deleted. Built before the rows are written."""
    if added:
        return json.dumps([{"added": {}}])
    message: list[dict] = []
    with translation.override(None):
        if fields:
            message.append({"changed": {"fields": _labels(model, fields)}})
        for item in rows:
            name = str(item.model._meta.verbose_name)
            for row in item.save:
                entry = {"name": name, "object": str(row.instance)}
                if row.instance.pk is None:
                    message.append({"added": entry})
                else:
                    message.append({"changed": entry | {"fields": _labels(item.model, row.changed)}})
            message.extend({"deleted": {"name": name, "object": str(obj)}} for obj in item.delete)
    return json.dumps(message)


def _labels(model: type[Model], names: Iterable[str]) -> list[str]:
    """The fields' names as the admin shows them (a form-only field keeps its name)."""
    labels = []
    for name in names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            labels.append(name)
            continue
        labels.append(str(getattr(field, "verbose_name", name)))
    return labels
