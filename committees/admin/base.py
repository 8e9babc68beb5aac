"""Pieces shared by the registry's admins."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from portal.forms import ServiceForm


class StatusListFilter(admin.SimpleListFilter):
    """Records that still exist or were closed, merged or dissolved: by a date left empty until then."""

    title = _("status")
    parameter_name = "status"
    end_field = ""

    def lookups(self, request, model_admin):
        return [("current", _("still exists")), ("ended", _("no longer exists"))]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.filter(**{f"{self.end_field}__isnull": True})
        if self.value() == "ended":
            return queryset.filter(**{f"{self.end_field}__isnull": False})
        return queryset


def status_filter(end_field: str) -> type[StatusListFilter]:
    return type(f"StatusListFilter_{end_field}", (StatusListFilter,), {"end_field": end_field})


class ServicePagesMixin:
    """Pages of a ModelAdmin that call a service (rename, close, merge), laid out like its change form.

    The service writes the record's history itself, with the staff member as the acting user.
    """

    def _object_to_change(self, request, object_id):
        """The record, in the staff member's scope; PermissionDenied unless they may change it."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _service_done(self, request, obj, message: str) -> HttpResponseRedirect:
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(self.change_url(obj))

    def _render_service_form(
        self, request, obj, form: ServiceForm, *, title, template: str
    ) -> TemplateResponse:
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": str(obj),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "original": obj,
            "change_url": self.change_url(obj),
            "has_view_permission": self.has_view_permission(request, obj),
            "adminform": helpers.AdminForm(
                form, [(None, {"fields": list(form.fields)})], {}, model_admin=self
            ),
            "errors": helpers.AdminErrorList(form, []),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, template, context)
