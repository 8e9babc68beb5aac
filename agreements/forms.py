"""Forms of the agreements admin: one screen per agreement, refused as a whole when any part is wrong.

The rules spanning several rows (two parties or more, each once; one final review) and the
supersession are the service's checks, called by the forms' and formsets' clean() so that
the admin shows the whole change form again with the message and saves nothing;
`agreement_save` then writes the agreement with its rows.
"""

from collections import Counter

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, MilestoneKind, Task, TaskOrigin, TaskStatus
from agreements.services import (
    REVIEW_RULE_FIELDS,
    agreement_check_parties,
    agreement_check_party_removal,
    agreement_check_supersedes,
    agreement_review_due,
    task_check_status,
)
from portal.forms import RowsInlineFormSet, SlugFromTextForm


class AgreementForm(SlugFromTextForm):
    """The agreement itself; the slug, left empty, is made from the title. The status is
    not on the form: it changes through the buttons and actions of the admin."""

    class Meta:
        model = Agreement
        fields = (
            "kind",
            "title",
            "slug",
            "number",
            "signed_on",
            "signing_event",
            "effective_from",
            "effective_to",
            "covers_from",
            "covers_to",
            "interim_review_months",
            "final_review_months",
            "legal_documents",
            "events",
            "supersedes",
            "summary",
            "text",
            "file",
        )
        help_texts = {
            "signed_on": _("Typed as dd/mm/yyyy, for example 25/02/2020. Leave empty if unknown."),
            "supersedes": _(
                "The earlier agreement this one revises or renews. When saved, the earlier one "
                "is marked “revised”: it must be in force or under review."
            ),
        }

    def slug_text(self, cleaned_data: dict) -> str:
        return cleaned_data.get("title", "")

    def clean(self):
        cleaned_data = super().clean()
        previous = cleaned_data.get("supersedes")
        if previous is not None and "supersedes" in self.changed_data:
            try:
                agreement_check_supersedes(agreement=self.instance, previous=previous)
            except ValidationError as error:
                self.add_error(None, error)
        start = cleaned_data.get("signed_on") or cleaned_data.get("effective_from")
        for field_name in REVIEW_RULE_FIELDS.values():
            try:
                agreement_review_due(start=start, months=cleaned_data.get(field_name), field_name=field_name)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class AgreementInlineFormSet(RowsInlineFormSet):
    """An inline of the agreement whose clean() reads the rows that will be kept."""


class PartyFormSet(AgreementInlineFormSet):
    def clean(self):
        # Checked before Django's own uniqueness check, whose message names the columns.
        kept = self.kept_forms()
        if not any(form.errors for form in kept):
            agreement_check_parties(organizations=[form.cleaned_data["organization"] for form in kept])
        agreement_check_party_removal(
            parties=[form.instance for form in self.initial_forms if self._should_delete_form(form)]
        )
        super().clean()


class TaskForm(forms.ModelForm):
    """A task of the agreement. Its status is shown, not edited: a new status chosen here is
    given by `task_set_status` when the agreement is saved, which keeps the history; a new
    task simply starts in the status chosen."""

    new_status = forms.TypedChoiceField(
        label=capfirst(_("new status")),
        choices=[("", "—"), *TaskStatus.choices],
        required=False,
        help_text=_("Leave empty to keep the status; every change is kept in the task's history."),
    )

    class Meta:
        model = Task
        fields = (
            "title",
            "direction",
            "owner",
            "due_on",
            "order",
            "origin",
            "evidence_events",
            "evidence_decisions",
            "evidence_note",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A row posted without its origin (an older form, a script) is a task named as such.
        self.fields["origin"].required = False

    def clean_origin(self) -> str:
        return self.cleaned_data.get("origin") or TaskOrigin.STATED

    def clean(self):
        cleaned_data = super().clean()
        to = cleaned_data.get("new_status")
        if to and self.instance.pk is not None and to != self.instance.status:
            due_on = cleaned_data.get("due_on", self.instance.due_on)
            task = Task(
                pk=self.instance.pk, title=self.instance.title, status=self.instance.status, due_on=due_on
            )
            try:
                task_check_status(task=task, to=to)
            except ValidationError as error:
                self.add_error("new_status", error)
        elif to:
            self.instance.status = to
        return cleaned_data

    def status_change(self) -> str | None:
        """The status a saved task is to be given, if any."""
        to = self.cleaned_data.get("new_status")
        if self.instance.pk is not None and to and to != self.instance.status:
            return to
        return None


class MilestoneFormSet(AgreementInlineFormSet):
    """The reviews; a review whose kind has a rule on the agreement has its due date computed."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        review = form.instance
        if review.pk is not None and self.rule_months(review.kind) is not None:
            due_on = form.fields["due_on"]
            due_on.disabled = True
            due_on.help_text = _("Computed from the review rule above; change the rule to move it.")

    def rule_months(self, kind: str) -> int | None:
        if kind == MilestoneKind.INTERIM_REVIEW:
            return self.instance.interim_review_months
        if kind == MilestoneKind.FINAL_REVIEW:
            return self.instance.final_review_months
        return None

    def clean(self):
        finals = Counter(form.cleaned_data.get("kind") for form in self.kept_forms())
        if finals[MilestoneKind.FINAL_REVIEW] > 1:
            raise ValidationError(_("An agreement has only one final review."), code="one_final_review")
        super().clean()
