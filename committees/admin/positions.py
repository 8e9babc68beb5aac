"""Positions: a list of their own, an inline of the person, and a link from the bodies they are held in.

A person holds a few positions, so they are an inline of the person. A body holds many (the
national academy some 2,000, its steering committee as many, a team a thousand): their change
forms show how many, with links to the positions list filtered on that body and to add one
there, instead of an inline that would load them all (`PositionsPanelMixin`).
"""

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from committees.models import Position
from committees.models.people import position_period
from committees.services import position_save
from portal.history import logged_by_admin
from portal.scoping import ScopedModelAdmin, ScopedRelatedListFilter, ScopedTabularInline, scope_for_staff
from portal.sources.admin import CitedAdminMixin

# Each row names the person and the body; str(position) also reads the body's name on the
# start date. The same relations as committees.selectors.position_queryset.
POSITION_RELATIONS = (
    "person",
    "organization__parent",
    "committee__organization",
    "team__committee__organization",
)
FORMER_NAMES = (
    "organization__former_names",
    "organization__parent__former_names",
    "committee__organization__former_names",
    "team__committee__organization__former_names",
)


def with_names(positions):
    """`positions` with what str(position) reads: the person, and the body's names."""
    return positions.select_related(*POSITION_RELATIONS).prefetch_related(*FORMER_NAMES)


# What a position's form asks, after whose position it is.
POSITION_FIELDS = (
    "role",
    "title",
    "organization",
    "committee",
    "team",
    "start_date",
    "end_date",
    "reported_on",
    "order",
    "in_title_line",
)


class HeldListFilter(admin.SimpleListFilter):
    """Positions held today by their dates, reported on a date only (neither date), or ended."""

    title = _("period held")
    parameter_name = "held"

    def lookups(self, request, model_admin):
        return [
            ("today", _("held today")),
            ("reported", _("reported on a date, not dated")),
            ("ended", _("no longer held")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "today":
            return queryset.current_on(today)
        if self.value() == "reported":
            return queryset.filter(start_date__isnull=True, end_date__isnull=True)
        if self.value() == "ended":
            return queryset.filter(end_date__lt=today)
        return queryset


@admin.register(Position)
class PositionAdmin(CitedAdminMixin, ScopedModelAdmin):
    """Every position, filtered by the body it is held in (the links of PositionsPanelMixin)."""

    fields = ("person", *POSITION_FIELDS)
    autocomplete_fields = ("person", "organization", "committee", "team")
    list_display = ("person_name", "role_label", "body", "period")
    list_display_links = ("person_name", "role_label")
    list_filter = (
        HeldListFilter,
        "role",
        ("organization", ScopedRelatedListFilter),
        ("committee", ScopedRelatedListFilter),
        ("team", ScopedRelatedListFilter),
    )
    # The person's name only: a search across two tables (OR) could not use the trigram index on
    # people's names (committees migration 0004).
    search_fields = ("person__full_name",)
    ordering = ("order", "person__full_name", "pk")

    def save_model(self, request, obj, form, change):
        # Written by the service as the user (scope checks, save, audit trail, pages rebuilt);
        # the admin's own message of the fields changed is the log entry.
        with logged_by_admin():
            position_save(position=obj, by=request.user)

    def get_queryset(self, request):
        # str(position), the label of each row's checkbox and of the change page, reads the body's names.
        return with_names(super().get_queryset(request))

    @admin.display(description=_("person"), ordering="person__full_name")
    def person_name(self, position: Position) -> str:
        return position.person.display_name

    @admin.display(description=_("role"), ordering="role")
    def role_label(self, position: Position) -> str:
        return position.role_label

    @admin.display(description=_("held in"))
    def body(self, position: Position) -> str:
        return str(position.body or "")

    @admin.display(description=_("period held"), ordering=Coalesce("start_date", "reported_on"))
    def period(self, position: Position) -> str:
        """ "01/01/2021 – now", or "theo tin ngày 30/08/2021" for a position with neither date."""
        return position_period(position)


class PositionInline(ScopedTabularInline):
    model = Position
    extra = 1
    ordering = ("order", "pk")

    def get_queryset(self, request):
        # Each row is labelled with str(position): the person and the body's name on the start date.
        return with_names(super().get_queryset(request))


class PersonPositionInline(PositionInline):
    """The positions of one person, in any body: several may be held at once.

    Stacked, three lines a position (what, where, when): nine columns do not fit a laptop."""

    template = "admin/edit_inline/stacked.html"
    fields = (
        ("role", "title"),
        ("organization", "committee", "team"),
        ("start_date", "end_date", "order", "in_title_line"),
    )
    autocomplete_fields = ("organization", "committee", "team")


class PositionsPanelMixin:
    """A change form showing how many positions are held in the record, linked to the positions
    list filtered on it and to the add form with the record chosen, in place of an inline.

    `positions_field` names the Position field pointing at the record.
    """

    positions_field = ""
    positions_heading = _("Positions in this organisation")
    positions_add_label = _("Add a position")

    def positions_text(self, count: int) -> str:
        return ngettext("%(count)s position — see the list", "%(count)s positions — see the list", count) % {
            "count": number_format(count, force_grouping=True)
        }

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["positions_panel"] = self.positions_panel(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def positions_panel(self, request, obj) -> dict | None:
        """The panel's heading, text and links; None for staff who may not view positions."""
        position_admin = self.admin_site.get_model_admin(Position)
        if not position_admin.has_view_permission(request):
            return None
        filters = urlencode({f"{self.positions_field}__id__exact": obj.pk})
        count = scope_for_staff(Position.objects.filter(**{self.positions_field: obj}), request.user).count()
        panel = {
            "heading": self.positions_heading,
            "text": self.positions_text(count),
            "add_label": self.positions_add_label,
            "list_url": f"{self._positions_url('changelist')}?{filters}",
            "add_url": None,
        }
        if position_admin.has_add_permission(request):
            query = urlencode({self.positions_field: quote(obj.pk), "_changelist_filters": filters})
            panel["add_url"] = f"{self._positions_url('add')}?{query}"
        return panel

    def _positions_url(self, view: str) -> str:
        return reverse(f"admin:committees_position_{view}", current_app=self.admin_site.name)


class MembersPanelMixin(PositionsPanelMixin):
    """PositionsPanelMixin for a steering committee or a team, whose positions are its members."""

    positions_heading = _("Members")
    positions_add_label = _("Add a member")

    def positions_text(self, count: int) -> str:
        return ngettext("%(count)s member — see the list", "%(count)s members — see the list", count) % {
            "count": number_format(count, force_grouping=True)
        }
