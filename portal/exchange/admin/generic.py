"""The resource of an admin list without one of its own: export only, built from the model's fields."""

import functools

from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from import_export.fields import Field
from import_export.widgets import Widget

from portal.exchange.resources import SpreadsheetResource
from portal.exchange.widgets import BooleanWidget, ChoiceWidget, DateWidget


class RelatedNameWidget(Widget):
    """A foreign key exported as the related record's name (str()); such a column is never imported."""

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class FileNameWidget(RelatedNameWidget):
    """An uploaded file exported as its stored name ("" when there is none)."""

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class DateTimeTextWidget(RelatedNameWidget):
    """A date and time as "dd/mm/yyyy HH:MM" in Vietnam's time."""

    def render(self, value, obj=None, **kwargs):

        return "" if value is None else timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


def _generic_field(field: models.Field) -> Field:
    header = capfirst(field.verbose_name)
    if field.choices:
        widget = ChoiceWidget(field.flatchoices)
    elif field.is_relation:
        widget = RelatedNameWidget()
    elif isinstance(field, models.FileField):
        widget = FileNameWidget()
    elif isinstance(field, models.DateTimeField):
        widget = DateTimeTextWidget()
    elif isinstance(field, models.DateField):
        widget = DateWidget()
    elif isinstance(field, models.BooleanField):
        widget = BooleanWidget()
    else:
        widget_class = SpreadsheetResource.widget_from_django_field(field)
        widget = widget_class(**SpreadsheetResource.widget_kwargs_for_field(field.name, field))
    return Field(attribute=field.name, column_name=header, widget=widget, readonly=True)


def _related_paths(field: models.Field) -> list[str]:
    """The relations to read with `field`'s record so that its name costs no query: the field, and
    what the related list reads with its rows (its admin's list_select_related, as
    ScopedRelatedListFilter labels its values) or else the related record's parents."""
    related_admin = admin.site._registry.get(field.related_model)
    nested = getattr(related_admin, "list_select_related", False)
    if not isinstance(nested, list | tuple):
        # No list to go by: the related record's own parents (a direction is named with its agreement).
        nested = [parent.name for parent in field.related_model._meta.concrete_fields if parent.many_to_one]
    return [field.name, *(f"{field.name}__{path}" for path in nested)]


@functools.cache
def generic_resource(model: type[models.Model]) -> type[SpreadsheetResource]:
    """An export-only resource of `model`'s own columns: headers its Vietnamese verbose names,
    choices as their labels, foreign keys as the related record's name, dates as dates."""
    columns = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and not isinstance(field, models.JSONField | models.BinaryField)
    ]
    related = [path for field in columns if field.is_relation for path in _related_paths(field)]

    def export_queryset(self, queryset):
        return queryset.select_related(*related) if related else queryset

    attrs = {field.name: _generic_field(field) for field in columns}
    attrs["Meta"] = type("Meta", (), {"model": model, "fields": tuple(attrs), "export_order": tuple(attrs)})
    attrs["natural_key"] = ()
    attrs["export_queryset"] = export_queryset
    attrs["__module__"] = __name__
    return type(f"{model.__name__}ListResource", (SpreadsheetResource,), attrs)
