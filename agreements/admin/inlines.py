"""The inlines of the agreement's screen: parties, directions, tasks, reviews and the status history."""

from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.forms import AgreementInlineFormSet, MilestoneFormSet, PartyFormSet
from agreements.models import AgreementParty, Direction, Milestone, StatusChange, Task
from committees.scoping import ScopedStackedInline, ScopedTabularInline

# A text of a row: a few lines, not the admin's ten.
SHORT_TEXTAREAS = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 2})}}


class AgreementInlineMixin:
    """An inline of the agreement: a formset checking its rows together, and choices among the
    agreement's own saved rows for the fields named in `agreement_choice_fields`."""

    formset = AgreementInlineFormSet
    extra = 0
    # field name → (help on a new agreement, help on a saved one, message for a row of another agreement)
    agreement_choice_fields: dict[str, tuple] = {}

    def get_formset(self, request, obj=None, **kwargs):
        # Inline instances are made for each request: the agreement is known to the field callback.
        self.parent_agreement = obj if obj is not None and obj.pk is not None else None
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.agreement_choice_fields:
            # Within the scope, like every choice, then among the agreement's own rows.
            choices = self._scoped_choices(db_field, request, kwargs.get("using"))
            agreement = getattr(self, "parent_agreement", None)
            choices = choices.filter(agreement=agreement) if agreement else choices.none()
            kwargs["queryset"] = self.agreement_choices(db_field.name, choices)
            new_help, saved_help, elsewhere = self.agreement_choice_fields[db_field.name]
            kwargs["help_text"] = saved_help if agreement else new_help
            # The model's own message, where Django would say "not one of the available choices".
            kwargs["error_messages"] = {"invalid_choice": elsewhere}
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def agreement_choices(self, name: str, queryset):
        return queryset


class PartyInline(AgreementInlineMixin, ScopedTabularInline):
    model = AgreementParty
    formset = PartyFormSet
    fields = ("organization", "role", "signatory", "order")
    autocomplete_fields = ("organization", "signatory")

    def get_extra(self, request, obj=None, **kwargs):
        return 2 if obj is None else 0  # an agreement has two parties or more

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization", "signatory")


class DirectionInline(AgreementInlineMixin, ScopedTabularInline):
    model = Direction
    fields = ("title", "order")


class TaskInline(AgreementInlineMixin, ScopedStackedInline):
    model = Task
    fields = (
        "title",
        ("direction", "owner"),
        ("due_on", "status", "order"),
        "evidence_events",
        "evidence_decisions",
        "evidence_note",
    )
    autocomplete_fields = ("evidence_events", "evidence_decisions")
    formfield_overrides = SHORT_TEXTAREAS
    agreement_choice_fields = {
        "direction": (
            _("The directions can be chosen here once the agreement has been saved with them."),
            _(
                "One of this agreement's saved directions; a direction added just now can be chosen "
                "after saving."
            ),
            _("Choose a direction of this agreement."),
        ),
        "owner": (
            _("The owner can be chosen here once the agreement has been saved with its parties."),
            _("One of this agreement's saved parties; a party added just now can be chosen after saving."),
            _("The owner must be a party to this agreement."),
        ),
    }

    def agreement_choices(self, name: str, queryset):
        if name == "owner":
            # Parties are labelled with their organisation's name on the signing day.
            return queryset.select_related("agreement", "organization").prefetch_related(
                "organization__former_names"
            )
        return queryset

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("direction", "owner")


class MilestoneInline(AgreementInlineMixin, ScopedStackedInline):
    """The interim and final reviews: scheduled by the agreement's rules, completed by staff."""

    model = Milestone
    formset = MilestoneFormSet
    fields = (
        ("kind", "due_on", "held_on"),
        "event",
        "outcome",
        "report",
        "revision_decision",
    )
    autocomplete_fields = ("event", "revision_decision")
    formfield_overrides = SHORT_TEXTAREAS

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event", "revision_decision")


class StatusChangeInline(ScopedTabularInline):
    """The status history, read-only: statuses change through the lifecycle's buttons and actions."""

    model = StatusChange
    fields = ("from_status", "to_status", "at", "by", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("status history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    def has_view_permission(self, request, obj=None):
        # Shown to whoever may see the agreement: the history is written with it.
        return self.admin_site.get_model_admin(self.parent_model).has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
