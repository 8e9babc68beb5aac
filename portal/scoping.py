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

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.db.models import QuerySet

from portal.admin import (
    AdminLinksMixin,
    FittingWidgetsMixin,
    FoldedSearchMixin,
    RecordsChangedAdminMixin,
    SafeAutocompleteMixin,
    SafeChangeListMixin,
    SharedLookupsInlineMixin,
)

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
    FoldedSearchMixin,
    ScopedAdminMixin,
    admin.ModelAdmin,
):
    """The base of every ModelAdmin staff use."""

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


class SiblingChoicesInlineMixin:
    """An inline whose foreign keys named in `sibling_choice_fields` offer only rows of the
    same parent (an event's own sites, an agreement's own parties), within the staff scope.

    `parent_field` names the parent on those rows. Each entry maps a field to (help on a new
    parent, help on a saved one) and optionally the message for a row of another parent,
    shown where Django would say "not one of the available choices".
    """

    parent_field: str = ""
    sibling_choice_fields: dict[str, tuple] = {}

    def get_formset(self, request, obj=None, **kwargs):
        # Inline instances are made for each request: the parent is known to the field callback.
        self.parent_object = obj if obj is not None and obj.pk is not None else None
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.sibling_choice_fields:
            choices = self._scoped_choices(db_field, request, kwargs.get("using"))
            parent = getattr(self, "parent_object", None)
            choices = choices.filter(**{self.parent_field: parent}) if parent else choices.none()
            kwargs["queryset"] = self.sibling_choices(db_field.name, choices)
            new_help, saved_help, *elsewhere = self.sibling_choice_fields[db_field.name]
            kwargs["help_text"] = saved_help if parent else new_help
            if elsewhere:
                kwargs["error_messages"] = {"invalid_choice": elsewhere[0]}
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def sibling_choices(self, name: str, queryset):
        """The choices of field `name`, to shape (select_related…) for their labels."""
        return queryset
