"""Organisations: their former names, what became of them, and a link to the positions held in them.

Closing and renaming an organisation also write its history, so they are done on pages of
their own that call `organization_close` and `organization_rename`, reached from buttons
at the top of the change page; the name and "what became of it" are read-only there.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from committees.admin.base import status_filter
from committees.admin.positions import PositionsPanelMixin
from committees.forms import OrganizationCloseForm, OrganizationForm, OrganizationRenameForm
from committees.models import Organization, OrganizationChange, OrganizationName
from committees.services import organization_close, organization_rename
from portal.admin import ReadOnlyInlineMixin
from portal.forms import ServiceForm
from portal.scoping import ScopedModelAdmin, ScopedRelatedListFilter, ScopedTabularInline


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
class OrganizationAdmin(PositionsPanelMixin, ScopedModelAdmin):
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
    autocomplete_fields = ("parent", "province")
    ordering = ("order", "name")

    def get_readonly_fields(self, request, obj=None):
        # An existing organisation is renamed with rename_view, which keeps the former name.
        readonly = tuple(super().get_readonly_fields(request, obj))
        return (*readonly, "name") if obj is not None else readonly

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
        organization = self._organization_to_change(request, object_id)
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
                )
            except ValidationError as error:
                organization.refresh_from_db(fields=["closed_on"])  # the service may have set it
                form.add_service_error(error)
            else:
                details = {"kind": data["kind"].label, "date": date_format(data["on"], "SHORT_DATE_FORMAT")}
                if successors:
                    details["successors"] = ", ".join(str(successor) for successor in successors)
                    message = gettext(
                        "Recorded the change of %(date)s (%(kind)s); successors: %(successors)s."
                    )
                else:
                    message = gettext("Recorded the change of %(date)s (%(kind)s).")
                return self._service_done(request, organization, message % details)
        return self._render_service_form(
            request,
            organization,
            form,
            title=_("Record a merger, split or dissolution"),
            template="admin/committees/organization/close.html",
        )

    def rename_view(self, request, object_id):
        """Give the organisation a new name from a date; the former one is kept for the days before."""
        organization = self._organization_to_change(request, object_id)
        if organization is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        form = OrganizationRenameForm(
            request.POST if request.method == "POST" else None,
            initial={"new_short_name": organization.short_name},
        )
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            former_name = organization.name
            try:
                organization = organization_rename(
                    organization=organization,
                    new_name=data["new_name"],
                    on=data["on"],
                    new_short_name=data["new_short_name"],
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                message = gettext("Renamed from “%(former)s” to “%(name)s” from %(date)s.") % {
                    "former": former_name,
                    "name": organization.name,
                    "date": date_format(data["on"], "SHORT_DATE_FORMAT"),
                }
                return self._service_done(request, organization, message)
        return self._render_service_form(
            request,
            organization,
            form,
            title=_("Rename"),
            template="admin/committees/organization/rename.html",
        )

    def _organization_to_change(self, request, object_id) -> Organization | None:
        """The organisation, in the staff member's scope; PermissionDenied unless they may change it."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        organization = self.get_object(request, unquote(object_id))
        if organization is not None and not self.has_change_permission(request, organization):
            raise PermissionDenied
        return organization

    def _service_done(self, request, organization: Organization, message: str) -> HttpResponseRedirect:
        self.log_change(request, organization, message)
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(self.change_url(organization))

    def _render_service_form(
        self, request, organization: Organization, form: ServiceForm, *, title, template: str
    ) -> TemplateResponse:
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": str(organization),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "original": organization,
            "change_url": self.change_url(organization),
            "has_view_permission": self.has_view_permission(request, organization),
            "adminform": helpers.AdminForm(
                form, [(None, {"fields": list(form.fields)})], {}, model_admin=self
            ),
            "errors": helpers.AdminErrorList(form, []),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, template, context)
