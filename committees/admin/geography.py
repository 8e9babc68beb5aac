"""Regions and provinces.

A province's merger writes its history, so it is recorded on a page of its own that calls
`province_merge`, reached from a button at the top of the change page; its last day and
the province it was merged into are read-only there.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import path
from django.utils.translation import gettext_lazy as _

from committees.admin.base import ServicePagesMixin, status_filter
from committees.forms import ProvinceForm, ProvinceMergeForm, RegionForm
from committees.models import Province, Region
from committees.services import province_merge, province_merge_message
from portal.scoping import ScopedModelAdmin, ScopedRelatedListFilter


@admin.register(Region)
class RegionAdmin(ScopedModelAdmin):
    form = RegionForm
    list_display = ("name", "order", "slug")
    search_fields = ("name",)
    ordering = ("order", "name")


@admin.register(Province)
class ProvinceAdmin(ServicePagesMixin, ScopedModelAdmin):
    form = ProvinceForm
    readonly_fields = ("valid_to", "merged_into")
    list_display = ("name", "kind", "code", "region", "valid_from", "valid_to", "merged_into")
    list_filter = ("kind", ("region", ScopedRelatedListFilter), status_filter("valid_to"))
    list_select_related = ("region", "merged_into")
    search_fields = ("name", "code")  # also what the merge page's box searches
    ordering = ("name",)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/merge/",
                self.admin_site.admin_view(self.merge_view),
                name="{}_{}_merge".format(*info),
            ),
            *super().get_urls(),
        ]

    def merge_view(self, request, object_id):
        """Record that the province was merged into another from a date."""
        province = self._object_to_change(request, object_id)
        if province is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        form = ProvinceMergeForm(
            request.POST if request.method == "POST" else None,
            provinces=self.get_queryset(request),
            admin_site=self.admin_site,
        )
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            try:
                province_merge(provinces=[province], into=data["into"], on=data["on"], by=request.user)
            except ValidationError as error:
                province.refresh_from_db(fields=["merged_into", "valid_to"])
                form.add_service_error(error)
            else:
                return self._service_done(
                    request, province, province_merge_message(into=data["into"], on=data["on"])
                )
        return self._render_service_form(
            request,
            province,
            form,
            title=_("Merge into another province"),
            template="admin/committees/province/merge.html",
        )
