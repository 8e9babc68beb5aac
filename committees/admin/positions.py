"""Positions, as inlines of the person and of the body they are held in."""

from django.utils.translation import gettext_lazy as _

from committees.models import Position
from committees.scoping import ScopedTabularInline


class PositionInline(ScopedTabularInline):
    model = Position
    extra = 1
    ordering = ("order", "pk")

    def get_queryset(self, request):
        # Each row is labelled with str(position): the person and the body's name on the
        # start date. The same relations as committees.selectors.position_queryset.
        return (
            super()
            .get_queryset(request)
            .select_related(
                "person", "organization", "committee__organization", "team__committee__organization"
            )
            .prefetch_related(
                "organization__former_names",
                "committee__organization__former_names",
                "team__committee__organization__former_names",
            )
        )


class PersonPositionInline(PositionInline):
    """The positions of one person, in any body: several may be held at once."""

    fields = (
        "role",
        "title",
        "organization",
        "committee",
        "team",
        "start_date",
        "end_date",
        "order",
        "in_title_line",
    )
    autocomplete_fields = ("organization", "committee", "team")


class MemberPositionInline(PositionInline):
    """The people holding positions in one body."""

    fields = ("person", "role", "title", "start_date", "end_date", "order", "in_title_line")
    autocomplete_fields = ("person",)
    ordering = ("order", "person__full_name", "pk")


class OrganizationPositionInline(MemberPositionInline):
    fk_name = "organization"
    verbose_name = _("position in this organisation")
    verbose_name_plural = _("positions in this organisation")


class CommitteeMemberInline(MemberPositionInline):
    fk_name = "committee"
    verbose_name = _("committee member")
    verbose_name_plural = _("committee members")


class TeamMemberInline(MemberPositionInline):
    fk_name = "team"
    verbose_name = _("team member")
    verbose_name_plural = _("team members")
