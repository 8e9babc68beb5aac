"""The inlines of the agreement's screen (parties, directions, tasks, reviews and the status
history) and of a task's page (its status history)."""

from django.utils.translation import gettext_lazy as _

from agreements.forms import AgreementInlineFormSet, MilestoneFormSet, PartyFormSet, TaskForm
from agreements.models import AgreementParty, Direction, Milestone, StatusChange, Task, TaskStatusChange
from portal.admin import ReadOnlyInlineMixin
from portal.scoping import (
    SHORT_TEXTAREAS,
    ScopedStackedInline,
    ScopedTabularInline,
    SiblingChoicesInlineMixin,
)
from portal.sources.admin import CitedRowsInlineMixin

DIRECTION_HELP = _("One of this agreement's directions, those just added included.")
OWNER_HELP = _("One of this agreement's parties, those just added included.")


class AgreementInlineMixin(SiblingChoicesInlineMixin):
    """An inline of the agreement: a formset checking its rows together, and choices among the
    agreement's own saved rows for the fields named in `sibling_choice_fields`."""

    formset = AgreementInlineFormSet
    extra = 0
    parent_field = "agreement"


class PartyInline(AgreementInlineMixin, ScopedTabularInline):
    model = AgreementParty
    formset = PartyFormSet
    fields = ("organization", "role", "signatory", "order")
    autocomplete_fields = ("organization", "signatory")

    def get_extra(self, request, obj=None, **kwargs):
        return 2 if obj is None else 0  # an agreement has two parties or more

    def get_queryset(self, request):
        # Each row is labelled with str(party): the organisation's name on the signing day.
        return (
            super()
            .get_queryset(request)
            .select_related("agreement", "organization", "signatory")
            .prefetch_related("organization__former_names")
        )


class DirectionInline(AgreementInlineMixin, ScopedTabularInline):
    model = Direction
    fields = ("title", "order")


class TaskInline(CitedRowsInlineMixin, AgreementInlineMixin, ScopedStackedInline):
    model = Task
    form = TaskForm
    fields = (
        "title",
        ("direction", "owner"),
        ("due_on", "order", "origin"),
        ("status", "new_status"),
        "evidence_events",
        "evidence_decisions",
        "evidence_note",
    )
    readonly_fields = ("status",)
    autocomplete_fields = ("evidence_events", "evidence_decisions")
    formfield_overrides = SHORT_TEXTAREAS
    sibling_choice_fields = {
        "direction": (DIRECTION_HELP, DIRECTION_HELP, _("Choose a direction of this agreement.")),
        "owner": (OWNER_HELP, OWNER_HELP, _("The owner must be a party to this agreement.")),
    }
    sibling_row_labels = {"direction": ("title",), "owner": ("organization",)}

    def sibling_choices(self, name: str, queryset):
        if name == "owner":
            # Parties are labelled with their organisation's name on the signing day.
            return queryset.select_related("agreement", "organization").prefetch_related(
                "organization__former_names"
            )
        return queryset

    def get_queryset(self, request):
        # The evidence prefetched: each row's many-to-many values without a query per row.
        return (
            super()
            .get_queryset(request)
            .select_related("direction", "owner")
            .prefetch_related("evidence_events", "evidence_decisions")
        )


class MilestoneInline(AgreementInlineMixin, ScopedStackedInline):
    """The interim and final reviews: scheduled by the agreement's rules, completed by staff."""

    model = Milestone
    formset = MilestoneFormSet
    fields = (
        ("kind", "due_on", "held_on"),
        "event",
        "outcome",
        ("directions_stated", "tasks_stated"),
        "report",
        "revision_decision",
    )
    autocomplete_fields = ("event", "revision_decision")
    formfield_overrides = SHORT_TEXTAREAS

    def get_queryset(self, request):
        # Each row is headed with str(review), which names the agreement.
        return super().get_queryset(request).select_related("agreement", "event", "revision_decision")


class StatusChangeInline(ReadOnlyInlineMixin, ScopedTabularInline):
    """The status history, read-only: statuses change through the lifecycle's buttons and actions."""

    model = StatusChange
    fields = ("from_status", "to_status", "at", "by", "note")
    readonly_fields = fields
    verbose_name_plural = _("status history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


class TaskStatusChangeInline(StatusChangeInline):
    """A task's status history, read-only: statuses change through `task_set_status`."""

    model = TaskStatusChange
