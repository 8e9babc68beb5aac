"""Regions and provinces."""

from django.contrib import admin

from committees.admin.base import status_filter
from committees.forms import ProvinceForm, RegionForm
from committees.models import Province, Region
from portal.scoping import ScopedModelAdmin, ScopedRelatedListFilter


@admin.register(Region)
class RegionAdmin(ScopedModelAdmin):
    form = RegionForm
    list_display = ("name", "order", "slug")
    search_fields = ("name",)
    ordering = ("order", "name")


@admin.register(Province)
class ProvinceAdmin(ScopedModelAdmin):
    form = ProvinceForm
    list_display = ("name", "kind", "code", "region", "valid_from", "valid_to", "merged_into")
    list_filter = ("kind", ("region", ScopedRelatedListFilter), status_filter("valid_to"))
    list_select_related = ("region", "merged_into")
    search_fields = ("name", "code")
    autocomplete_fields = ("merged_into",)
    ordering = ("name",)
