"""Organisations: their former names, what became of them, and a link to the positions held in them.

Closing and renaming an organisation also write its history, so they are done on pages of
their own that call `organization_close` and `organization_rename`, reached from buttons
at the top of the change page; the names, the closing date and "what became of it" are
read-only there.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Case, Value, When
from django.urls import path
from django.utils.translation import gettext_lazy as _

from committees.admin.base import ServicePagesMixin, status_filter
from committees.admin.positions import PositionsPanelMixin
from committees.forms import OrganizationCloseForm, OrganizationForm, OrganizationRenameForm
from committees.models import Organization, OrganizationChange, OrganizationName
from committees.services import (
    organization_close,
    organization_close_message,
    organization_rename,
    organization_rename_message,
    organization_restore,
    organization_save,
)
from portal.admin import ReadOnlyInlineMixin
from portal.history import logged_by_admin
from portal.scoping import (
    ScopedModelAdmin,
    ScopedRelatedListFilter,
    ScopedTabularInline,
    scope_for_staff,
    staff_scope,
)
from portal.sources.admin import CitedAdminMixin


class OrganizationNameInline(ScopedTabularInline):
    model = OrganizationName
    fields = ("name", "short_name", "valid_from", "valid_to")
    extra = 0


class OrganizationChangeInline(ReadOnlyInlineMixin, ScopedTabularInline):
    """What became of the organisation: the changes where it is the predecessor.

    Read-only, with links to the successors: a change is recorded by `organization_close`
    (OrganizationAdmin.close_view), which also closes the organisation.
    """

    model = OrganizationChange
    fk_name = "predecessor"
    fields = ("kind", "successor", "on", "note")
    readonly_fields = fields
    verbose_name = _("what became of it")
    verbose_name_plural = _("what became of it: renamed, merged, split or dissolved")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("predecessor", "successor")


@admin.register(Organization)
class OrganizationAdmin(CitedAdminMixin, ServicePagesMixin, PositionsPanelMixin, ScopedModelAdmin):
    form = OrganizationForm
    fieldsets = [
        (None, {"fields": ("name", "short_name", "slug", "kind", "parent")}),
        (_("Place"), {"fields": ("region", "province")}),
        (_("History"), {"fields": ("founded_on", "closed_on")}),
        (_("Presentation"), {"fields": ("website", "logo", "description", "order")}),
    ]
    inlines = [OrganizationNameInline, OrganizationChangeInline]
    positions_field = "organization"
    list_display = ("name", "short_name", "kind", "parent", "province", "closed_on")
    list_filter = (
        "kind",
        ("region", ScopedRelatedListFilter),
        ("province", ScopedRelatedListFilter),
        status_filter("closed_on"),
    )
    list_select_related = ("parent", "province")
    # Former names too: staff often know an organisation by the name it had.
    search_fields = ("name", "short_name", "former_names__name")
    # Among equally good answers, an organisation before its units, and these before theirs
    # (portal.admin.FoldedSearchMixin): the academy, then its party committee, then that one's boards.
    search_rank_ordering = (
        Case(
            When(parent__isnull=True, then=Value(0)),
            When(parent__parent__isnull=True, then=Value(1)),
            When(parent__parent__parent__isnull=True, then=Value(2)),
            default=Value(3),
        ),
    )
    autocomplete_fields = ("parent", "province")
    ordering = ("order", "name")
    # The history page's "restore this version" (portal.history).
    restore_service = staticmethod(organization_restore)

    def save_model(self, request, obj, form, change):
        # Written by the service as the user (scope checks, save, audit trail, pages rebuilt);
        # the admin's own message of the fields changed is the log entry.
        with logged_by_admin():
            organization_save(organization=obj, by=request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        parent = form.base_fields.get("parent")
        if parent is not None and not staff_scope(request.user).everything:
            # A staff member places an organisation under one of theirs only (the one above
            # theirs is seen, not chosen), or keeps the parent it has: it stays in their scope.
            choices = scope_for_staff(Organization.objects.all(), request.user, write=True)
            if obj is not None and obj.parent_id is not None:
                choices = choices | Organization.objects.filter(pk=obj.parent_id)
            parent.queryset = choices.order_by(*self.get_ordering(request))
            # A new one goes under one of theirs; their own top organisation keeps having none.
            parent.required = obj is None or obj.parent_id is not None
        return form

    def get_readonly_fields(self, request, obj=None):
        # Closing is close_view's; an existing organisation is renamed with rename_view, which
        # keeps the former names.
        readonly = (*super().get_readonly_fields(request, obj), "closed_on")
        return (*readonly, "name", "short_name") if obj is not None else readonly

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/close/",
                self.admin_site.admin_view(self.close_view),
                name="{}_{}_close".format(*info),
            ),
            path(
                "<path:object_id>/rename/",
                self.admin_site.admin_view(self.rename_view),
                name="{}_{}_rename".format(*info),
            ),
            *super().get_urls(),
        ]

    # --- Pages calling the services ------------------------------------------------------------

    def close_view(self, request, object_id):
        """Record that the organisation merged into, split into or was renamed as others, or was dissolved."""
        organization = self._object_to_change(request, object_id)
        if organization is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        form = OrganizationCloseForm(
            request.POST if request.method == "POST" else None,
            successors=self.get_queryset(request),
            admin_site=self.admin_site,
        )
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            successors = list(data["successors"])
            try:
                organization_close(
                    organization=organization,
                    kind=data["kind"],
                    on=data["on"],
                    successors=successors,
                    note=data["note"],
                    by=request.user,
                )
            except ValidationError as error:
                organization.refresh_from_db(fields=["closed_on"])  # the service may have set it
                form.add_service_error(error)
            else:
                message = organization_close_message(kind=data["kind"], on=data["on"], successors=successors)
                return self._service_done(request, organization, message)
        return self._render_service_form(
            request,
            organization,
            form,
            title=_("Record a merger, split or dissolution"),
            template="admin/committees/organization/close.html",
        )

    def rename_view(self, request, object_id):
        """Give the organisation a new name, or a new short name, from a date; the former ones are kept."""
        organization = self._object_to_change(request, object_id)
        if organization is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        form = OrganizationRenameForm(
            request.POST if request.method == "POST" else None,
            initial={"new_short_name": organization.short_name},
        )
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            former_name, former_short_name = organization.name, organization.short_name
            try:
                renamed = organization_rename(
                    organization=organization,
                    new_name=data["new_name"],
                    on=data["on"],
                    new_short_name=data["new_short_name"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                message = organization_rename_message(
                    organization=renamed,
                    former_name=former_name,
                    former_short_name=former_short_name,
                    on=data["on"],
                )
                return self._service_done(request, renamed, message)
        return self._render_service_form(
            request,
            organization,
            form,
            title=_("Rename"),
            template="admin/committees/organization/rename.html",
        )
