"""Organisations' spreadsheet."""

from django.db.models import Case, Value, When
from django.utils.translation import pgettext_lazy
from import_export.fields import Field

from committees.models import (
    Organization,
    OrganizationKind,
    Province,
    Region,
)
from committees.resources.base import (
    OrderWidget,
    RecordWidget,
    RegistryResource,
)
from committees.services import (
    organization_save,
)
from portal.exchange.widgets import (
    ChoiceWidget,
    DateWidget,
    LookupWidget,
    TextWidget,
)


class OrganizationResource(RegistryResource):
    """Organisations by name; a parent by name or short name, stored or in a row above."""

    name = Field("name", pgettext_lazy("spreadsheet column", "Name"), widget=TextWidget(max_length=255))
    short_name = Field(
        "short_name", pgettext_lazy("spreadsheet column", "Short name"), widget=TextWidget(max_length=120)
    )
    kind = Field(
        "kind", pgettext_lazy("spreadsheet column", "Kind"), widget=ChoiceWidget(OrganizationKind.choices)
    )
    parent = Field(
        "parent",
        pgettext_lazy("spreadsheet column", "Parent organisation"),
        widget=RecordWidget(
            Organization, keys=("name", "short_name"), queryset=lambda: Organization.objects.all()
        ),
    )
    region = Field(
        "region", pgettext_lazy("spreadsheet column", "Region"), widget=LookupWidget(Region, keys=("name",))
    )
    province = Field(
        "province",
        pgettext_lazy("spreadsheet column", "Province"),
        widget=LookupWidget(Province, keys=("name",)),
    )
    website = Field(
        "website", pgettext_lazy("spreadsheet column", "Website"), widget=TextWidget(max_length=200)
    )
    description = Field(
        "description", pgettext_lazy("spreadsheet column", "Description"), widget=TextWidget(one_line=False)
    )
    founded_on = Field("founded_on", pgettext_lazy("spreadsheet column", "Founded on"), widget=DateWidget())
    closed_on = Field("closed_on", pgettext_lazy("spreadsheet column", "Closed on"), widget=DateWidget())
    order = Field("order", pgettext_lazy("spreadsheet column", "Order"), widget=OrderWidget())

    natural_key = ("name",)

    class Meta:
        model = Organization
        fields = (
            "name",
            "short_name",
            "kind",
            "parent",
            "region",
            "province",
            "website",
            "description",
            "founded_on",
            "closed_on",
            "order",
        )

    def export_queryset(self, queryset):
        # Parents above their children, so that the file imports into an empty registry: an
        # organisation's parent is found among the rows above it.
        depth = Case(
            When(parent__isnull=True, then=Value(0)),
            When(parent__parent__isnull=True, then=Value(1)),
            When(parent__parent__parent__isnull=True, then=Value(2)),
            default=Value(3),
        )
        return queryset.select_related("parent", "region", "province").order_by(depth, "order", "name", "pk")

    def save_service(self, instance, *, changed, by):
        organization_save(organization=instance, changed=changed, by=by)
        self.fields["parent"].widget.add(instance)

    def template_rows(self):
        return [
            self.example(
                {
                    "name": "Học viện Chính trị khu vực II",
                    "kind": str(OrganizationKind.REGIONAL_ACADEMY.label),
                    "parent": "Học viện Chính trị quốc gia Hồ Chí Minh",
                    "region": "Nam Bộ",
                    "order": 3,
                }
            )
        ]
