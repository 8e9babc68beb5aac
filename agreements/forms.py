"""Forms of the agreements admin: one screen per agreement, refused as a whole when any part is wrong.

The rules spanning several rows (two parties or more, each once; one final review) are
checked in the inline formsets' clean(), and the supersession in the agreement form's,
so that the admin shows the whole change form again with the message and saves nothing.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementStatus, MilestoneKind
from agreements.models.agreements import TRANSITIONS
from agreements.services import REVIEW_RULE_FIELDS, agreement_check_parties, agreement_review_due
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
            self._check_supersedes(previous)
        start = cleaned_data.get("signed_on") or cleaned_data.get("effective_from")
        for field_name in REVIEW_RULE_FIELDS.values():
            try:
                agreement_review_due(start=start, months=cleaned_data.get(field_name), field_name=field_name)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data

    def _check_supersedes(self, previous: Agreement) -> None:
        # Checked here, before anything is saved: agreement_supersede, called after the save,
        # marks the earlier agreement "revised" through the lifecycle.
        successor = Agreement.objects.filter(supersedes=previous).exclude(pk=self.instance.pk).first()
        if successor is not None:
            self.add_error(
                "supersedes",
                ValidationError(
                    _("“%(agreement)s” is already superseded by “%(successor)s”."),
                    code="already_superseded",
                    params={"agreement": previous, "successor": successor},
                ),
            )
        elif (
            previous.status != AgreementStatus.REVISED
            and AgreementStatus.REVISED not in TRANSITIONS[previous.status]
        ):
            self.add_error(
                "supersedes",
                ValidationError(
                    _(
                        "“%(agreement)s” is “%(status)s”: only an agreement in force or under review "
                        "can be superseded."
                    ),
                    code="cannot_supersede",
                    params={"agreement": previous, "status": previous.get_status_display()},
                ),
            )


class AgreementInlineFormSet(RowsInlineFormSet):
    """An inline of the agreement whose clean() reads the rows that will be kept."""


class PartyFormSet(AgreementInlineFormSet):
    def clean(self):
        # Checked before Django's own uniqueness check, whose message names the columns.
        kept = self.kept_forms()
        if not any(form.errors for form in kept):
            agreement_check_parties(organizations=[form.cleaned_data["organization"] for form in kept])
        for form in self.initial_forms:
            if self._should_delete_form(form) and form.instance.tasks.exists():
                raise ValidationError(
                    _(
                        "“%(organization)s” owns tasks of this agreement: give those tasks another "
                        "owner and save, then remove it from the parties."
                    ),
                    code="party_owns_tasks",
                    params={"organization": form.instance.organization},
                )
        super().clean()


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
