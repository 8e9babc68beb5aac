"""Filters of the agreements list ("Phối hợp"), read from the query string.

Parameters are Vietnamese like the events list's: `loai` (kind) and `khu_vuc` (a region's
slug: agreements with a party in it). Regions list only those of some party to a public
agreement (`selectors.agreement_filter_regions`); any other value is a form error, shown on
the page, never a server error.
"""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agreements import selectors
from agreements.models import Agreement, AgreementKind


class AgreementFilterSet(django_filters.FilterSet):
    loai = django_filters.ChoiceFilter(
        label=_("Kind"),
        empty_label=_("All kinds"),
        choices=AgreementKind.choices,
        field_name="kind",
        error_messages={"invalid_choice": _("Choose a kind of agreement from the list.")},
    )
    don_vi = django_filters.ChoiceFilter(
        label=_("Party"),
        empty_label=_("All parties"),
        method="filter_party",
        error_messages={"invalid_choice": _("Choose a party from the list.")},
    )
    khu_vuc = django_filters.ChoiceFilter(
        label=_("Region"),
        empty_label=_("All regions"),
        method="filter_region",
        error_messages={"invalid_choice": _("Choose a region from the list.")},
    )

    class Meta:
        model = Agreement
        fields: list[str] = []

    def __init__(
        self,
        data=None,
        queryset=None,
        *,
        regions: list[tuple[str, str]],
        parties: list[tuple[str, str]],
        **kwargs,
    ):
        super().__init__(data, queryset, **kwargs)
        self.filters["khu_vuc"].extra["choices"] = regions
        self.filters["don_vi"].extra["choices"] = parties

    def filter_party(self, queryset: QuerySet[Agreement], name: str, value: str) -> QuerySet[Agreement]:
        return selectors.agreements_with_party(queryset, slug=value)

    def filter_region(self, queryset: QuerySet[Agreement], name: str, value: str) -> QuerySet[Agreement]:
        return selectors.agreements_in_region(queryset, slug=value)
