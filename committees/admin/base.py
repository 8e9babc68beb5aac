"""Pieces shared by the registry's admins."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


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
