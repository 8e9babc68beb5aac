"""Steering committees and their teams, each with a link to its members (committees.admin.positions)."""

from django.contrib import admin

from committees.admin.base import status_filter
from committees.admin.positions import MembersPanelMixin
from committees.forms import SteeringCommitteeForm
from committees.models import SteeringCommittee, Team
from portal.scoping import ScopedModelAdmin, ScopedRelatedListFilter, ScopedTabularInline
from portal.sources.admin import CitedAdminMixin


class TeamInline(ScopedTabularInline):
    model = Team
    fields = ("kind", "name", "founded_on", "dissolved_on", "founding_decision", "order")
    autocomplete_fields = ("founding_decision",)
    extra = 0
    show_change_link = True  # the team's own page links to its members


@admin.register(SteeringCommittee)
class SteeringCommitteeAdmin(CitedAdminMixin, MembersPanelMixin, ScopedModelAdmin):
    form = SteeringCommitteeForm
    inlines = [TeamInline]
    positions_field = "committee"
    list_display = ("__str__", "founded_on", "dissolved_on", "founding_decision")
    list_filter = ("organization__kind", status_filter("dissolved_on"))
    list_select_related = ("organization", "founding_decision")
    search_fields = ("name", "organization__name", "organization__short_name")
    autocomplete_fields = ("organization", "founding_decision")
    ordering = ("organization__order", "organization__name")


@admin.register(Team)
class TeamAdmin(CitedAdminMixin, MembersPanelMixin, ScopedModelAdmin):
    fields = (
        "committee",
        "kind",
        "name",
        "founded_on",
        "dissolved_on",
        "founding_decision",
        "description",
        "order",
    )
    positions_field = "team"
    list_display = ("name", "committee", "kind", "founded_on", "dissolved_on")
    list_filter = ("kind", ("committee", ScopedRelatedListFilter), status_filter("dissolved_on"))
    list_select_related = ("committee__organization",)
    search_fields = ("name", "committee__name", "committee__organization__name")
    autocomplete_fields = ("committee", "founding_decision")
    ordering = ("committee__organization__order", "committee__organization__name", "order", "name")
