"""What a staff member may see and pick in the admin: one rule, applied everywhere.

Every queryset the admin shows a staff member goes through `scope_for_staff`: the rows
of a changelist, the object of a change or delete page, the rows of an inline, the
choices of a foreign-key or many-to-many field and the answers of an autocomplete box.
Today it lets every row through. When secretariats of different organisations share the
portal, the per-organisation rule is written in `scope_for_staff` alone, and every admin
built on the classes below (committees, events, agreements…) follows it.

Related list filters should be `ScopedRelatedListFilter`: it offers only the values
found in the (scoped) changelist rows, where Django's plain related filter lists every
row of the related table.
"""

from typing import TypeVar

from django import forms
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.admin import (
    AdminLinksMixin,
    FittingWidgetsMixin,
    FoldedSearchMixin,
    RecordsChangedAdminMixin,
    SafeAutocompleteMixin,
    SafeChangeListMixin,
    SharedLookupsInlineMixin,
)
from portal.exchange.admin import SpreadsheetAdminMixin

ModelT = TypeVar("ModelT", bound=models.Model)


def scope_for_staff(queryset: QuerySet[ModelT], user: AbstractBaseUser) -> QuerySet[ModelT]:
    """The part of `queryset` that `user`, a staff member, may see and choose in the admin.

    Returns `queryset` unchanged for now: every staff member sees every record, and what
    they may do with it is decided by Django's model permissions. A future rule must
    return a queryset of the same model, filter without changing the order, and be
    idempotent (it can be applied to an already scoped queryset).
    """
    return queryset


class ScopedAdminMixin(FittingWidgetsMixin, SafeAutocompleteMixin):
    """Routes the rows of an admin or inline, and the choices of its related fields, through the scope."""

    def get_queryset(self, request):
        return scope_for_staff(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = self._scoped_choices(db_field, request, kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = self._scoped_choices(db_field, request, kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _scoped_choices(self, db_field, request, using):
        # The related admin's ordering when it has one, as Django does, then the scope:
        # a value outside it is refused by the form even if typed into the request.
        queryset = self.get_field_queryset(using, db_field, request)
        if queryset is None:
            queryset = db_field.remote_field.model._default_manager.using(using)
        return scope_for_staff(queryset, request.user)


class ScopedModelAdmin(
    AdminLinksMixin,
    RecordsChangedAdminMixin,
    SafeChangeListMixin,
    SpreadsheetAdminMixin,
    FoldedSearchMixin,
    ScopedAdminMixin,
    admin.ModelAdmin,
):
    """The base of every ModelAdmin staff use; its list exports to a spreadsheet (portal/exchange/)."""

    def get_search_results(self, request, queryset, search_term):
        # Also the answers of autocomplete boxes that point at this admin's model.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return scope_for_staff(queryset, request.user), may_have_duplicates


class ScopedTabularInline(SharedLookupsInlineMixin, ScopedAdminMixin, admin.TabularInline):
    """The base of every tabular inline."""


class ScopedStackedInline(SharedLookupsInlineMixin, ScopedAdminMixin, admin.StackedInline):
    """The base of every stacked inline."""


class ScopedRelatedListFilter(admin.RelatedOnlyFieldListFilter):
    """A related list filter offering only the values found in the scoped rows.

    Each value is labelled with str() of the related object, which may follow relations
    (a committee is named after its organisation): the related admin's
    `list_select_related` is applied so that the labels cost no query each.
    """

    def field_choices(self, field, request, model_admin):
        related_model = field.remote_field.model
        rows = model_admin.get_queryset(request).distinct().values_list(f"{self.field_path}__pk", flat=True)
        queryset = related_model._default_manager.filter(pk__in=rows)
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            queryset = queryset.order_by(*ordering)
        try:
            select_related = model_admin.admin_site.get_model_admin(related_model).list_select_related
        except NotRegistered:
            select_related = False
        if select_related is True:
            queryset = queryset.select_related()
        elif select_related:
            queryset = queryset.select_related(*select_related)
        return [(obj.pk, str(obj)) for obj in queryset]


# A text field in a row of an inline: a few lines, not the admin's ten.
SHORT_TEXTAREAS = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 2})}}


# The value of a choice naming a row typed in the same form, not saved yet: "new-" and the row's
# index in its formset (static/js/sibling-choices.js adds these choices as the rows are typed).
NEW_ROW_PREFIX = "new-"


class NewRow:
    """A choice naming the row `index` of the sibling formset, to be resolved by the formset."""

    def __init__(self, index: int):
        self.index = index

    def __str__(self):
        return f"{NEW_ROW_PREFIX}{self.index}"


class SiblingChoiceField(forms.ModelChoiceField):
    """A choice among the parent's saved rows, or of a row typed in the same form ("new-2"):
    such a choice is kept in `new_row` and cleans to None until the formset resolves it."""

    new_row: NewRow | None = None

    def to_python(self, value):
        self.new_row = None
        text = str(value or "")
        if text.startswith(NEW_ROW_PREFIX):
            index = text.removeprefix(NEW_ROW_PREFIX)
            if not (index.isascii() and index.isdigit() and len(index) <= 4):
                raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
            self.new_row = NewRow(int(index))
            return None
        return super().to_python(value)


class SiblingSelect(forms.Select):
    """The select of a SiblingChoiceField: names the formset whose new rows it also offers, the
    fields labelling them, and a new row chosen before (a form shown again)."""

    def __init__(self, *, rows: str, label_fields: tuple[str, ...], new_label: str, attrs=None):
        super().__init__(attrs)
        self.rows, self.label_fields, self.new_label = rows, label_fields, new_label

    def get_context(self, name, value, attrs):
        attrs = {
            **(attrs or {}),
            "data-sibling-rows": self.rows,
            "data-sibling-label": " ".join(self.label_fields),
            "data-sibling-new": str(self.new_label),
        }
        if str(value or "").startswith(NEW_ROW_PREFIX):
            attrs["data-sibling-value"] = str(value)
        return super().get_context(name, value, attrs)

    def format_value(self, value):
        if str(value or "").startswith(NEW_ROW_PREFIX):
            return []
        return super().format_value(value)


class SiblingRowsFormSetMixin:
    """Resolves the choices of rows typed in the same form (SiblingChoiceField.new_row) to the
    instances of those rows, which the service saves first; a choice of a row that will not be
    saved (removed, left empty, refused) is an error on the field.

    `sibling_formsets` ({prefix: formset}, all the formsets of the page) is given by the admin
    (SiblingRowsAdminMixin); `sibling_fields` maps a field to the prefix of its rows' formset.
    """

    sibling_formsets: dict = {}
    sibling_fields: dict[str, str] = {}

    def clean(self):
        super().clean()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            for name, prefix in self.sibling_fields.items():
                field = form.fields.get(name)
                new_row = getattr(field, "new_row", None)
                if new_row is None or name not in getattr(form, "cleaned_data", {}):
                    continue
                row = self._new_row(prefix, new_row.index)
                if row is None:
                    form.add_error(name, NEW_ROW_MISSING)
                else:
                    form.cleaned_data[name] = row.instance
                    setattr(form.instance, name, row.instance)

    def _new_row(self, prefix: str, index: int):
        """The form of row `index` of formset `prefix` if it is a new row that will be saved."""
        formset = self.sibling_formsets.get(prefix)
        if formset is None or index >= len(formset.forms):
            return None
        row = formset.forms[index]
        if row.instance.pk is not None or not row.has_changed() or not row.is_valid():
            return None
        if formset.can_delete and formset._should_delete_form(row):
            return None
        return row


NEW_ROW_MISSING = _(
    "The row chosen here is no longer in the form (removed or left empty): choose again among the rows above."
)


class SiblingRowsAdminMixin:
    """A ModelAdmin whose inlines choose among rows of other inlines typed in the same form
    (SiblingChoicesInlineMixin): each formset is given the others."""

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        by_prefix = {formset.prefix: formset for formset in formsets}
        for formset in formsets:
            formset.sibling_formsets = by_prefix
        return formsets, inline_instances


class SiblingChoicesInlineMixin:
    """An inline whose foreign keys named in `sibling_choice_fields` offer the rows of the same
    parent (an event's own sites, an agreement's own parties), within the staff scope: those
    saved, and those typed in the same form before it is saved (static/js/sibling-choices.js
    adds them, labelled with the fields named in `sibling_row_labels`; SiblingRowsFormSetMixin
    resolves them on save, the admin being a SiblingRowsAdminMixin).

    `parent_field` names the parent on those rows. Each entry maps a field to (help on a new
    parent, help on a saved one) and optionally the message for a row of another parent,
    shown where Django would say "not one of the available choices".
    """

    parent_field: str = ""
    sibling_choice_fields: dict[str, tuple] = {}
    sibling_row_labels: dict[str, tuple[str, ...]] = {}

    class Media:
        js = ["admin/js/jquery.init.js", "admin/js/inlines.js", "js/sibling-choices.js"]

    def get_formset(self, request, obj=None, **kwargs):
        # Inline instances are made for each request: the parent is known to the field callback.
        self.parent_object = obj if obj is not None and obj.pk is not None else None
        formset = super().get_formset(request, obj, **kwargs)
        fields = {
            name: self._rows_prefix(self.model._meta.get_field(name)) for name in self.sibling_choice_fields
        }
        return type(formset.__name__, (SiblingRowsFormSetMixin, formset), {"sibling_fields": fields})

    def _rows_prefix(self, db_field) -> str:
        """The prefix of the formset of the rows `db_field` points at (Django's default prefix)."""
        rows_model = db_field.remote_field.model
        return rows_model._meta.get_field(self.parent_field).remote_field.get_accessor_name().replace("+", "")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.sibling_choice_fields:
            choices = self._scoped_choices(db_field, request, kwargs.get("using"))
            parent = getattr(self, "parent_object", None)
            choices = choices.filter(**{self.parent_field: parent}) if parent else choices.none()
            kwargs["queryset"] = self.sibling_choices(db_field.name, choices)
            new_help, saved_help, *elsewhere = self.sibling_choice_fields[db_field.name]
            kwargs["help_text"] = saved_help if parent else new_help
            kwargs["form_class"] = SiblingChoiceField
            kwargs["widget"] = SiblingSelect(
                rows=self._rows_prefix(db_field),
                label_fields=self.sibling_row_labels.get(db_field.name, ()),
                new_label=gettext("%(row)s (added in this form)"),
            )
            if elsewhere:
                kwargs["error_messages"] = {"invalid_choice": elsewhere[0]}
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def sibling_choices(self, name: str, queryset):
        """The choices of field `name`, to shape (select_related…) for their labels."""
        return queryset
