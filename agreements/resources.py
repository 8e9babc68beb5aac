"""The spreadsheets of agreements: one row an agreement with its parties in one column, and
the tasks on a sheet of their own.

An agreement row holds its kind, title, number, dates, the period covered, the review
rules, the summary, the agreement it supersedes (by number, or title when it has none) and
the parties flattened into one cell: "Học viện Chính trị khu vực I (chủ trì); Trường Chính
trị tỉnh Nghệ An (phối hợp)" — a party without a role in brackets is a member. The
signatories are not in the sheet: they are entered on the agreement's admin screen, and a
re-import keeps them (parties are matched with those stored by organisation). A record is
identified by its number, or by its title when it has no number.

The status is exported as its label and never imported: a new agreement is a draft, and
its lifecycle is `agreement_transition`'s. Every write goes through
`agreements.services.agreement_save`, with the parties as its `Rows`; the rules on parties
(two or more, each once, a party owning tasks is not removed) and on the agreement
superseded are checked before any row is written, so a dry run shows them.

Tasks are exported only (`TaskResource`): a task belongs to an agreement and names one of
its parties and directions, which a sheet of tasks alone could not say unambiguously; they
are entered on the agreement's screen, and their status moves by `task_set_status` only.
"""

import datetime as dt
import re
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from import_export.fields import Field

from agreements.models import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    PartyRole,
    Task,
    TaskOrigin,
    TaskStatus,
)
from agreements.services import (
    agreement_check_parties,
    agreement_check_party_removal,
    agreement_check_supersedes,
    agreement_save,
)
from committees.models import Organization
from portal.exchange.resources import SpreadsheetResource, stored_value
from portal.exchange.widgets import (
    SEPARATOR,
    ChoiceWidget,
    DateWidget,
    IntegerWidget,
    LookupWidget,
    TextWidget,
    cell_text,
    escape_formula,
)
from portal.lib.text import fold
from portal.services import Row, Rows
from portal.slugs import unique_slug

BRACKETED_END = re.compile(r"\s*\(([^()]*)\)\s*$")


def column(text: str):
    """A column header of the agreements' spreadsheets (Vietnamese through gettext)."""
    return pgettext_lazy("agreements spreadsheet column", text)


def organization_name(organization: Organization) -> str:
    return organization.name


def agreement_label(agreement: Agreement) -> str:
    """An agreement by its number, or by its title when it has none."""
    return agreement.number or agreement.title


class PartySpec:
    """A party as a cell names it: an organisation and its role."""

    __slots__ = ("organization", "role")

    def __init__(self, organization: Organization, role: str) -> None:
        self.organization = organization
        self.role = role


class PartiesWidget(LookupWidget):
    """The parties of an agreement in one cell, "organisation (role)", separated by ";".

    A subclass of `LookupWidget` (of organisations) so that its names are read once per file.
    """

    def __init__(self) -> None:
        super().__init__(Organization, keys=("name", "short_name"), label=organization_name)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        parties = value.all() if hasattr(value, "all") else value
        roles = dict(PartyRole.choices)
        return escape_formula(
            "; ".join(party_text(party.organization.name, party.role, roles) for party in parties)
        )

    def clean(self, value, row=None, **kwargs):
        roles = {fold(str(label)): stored for stored, label in PartyRole.choices}
        roles.update({fold(stored): stored for stored in PartyRole.values})
        specs: list[PartySpec] = []
        errors: list[str] = []
        for part in SEPARATOR.split(cell_text(value).strip()):
            part = " ".join(part.split())
            if not part:
                continue
            role = PartyRole.MEMBER
            bracketed = BRACKETED_END.search(part)
            if bracketed and fold(bracketed.group(1)) in roles:
                role = roles[fold(bracketed.group(1))]
                part = part[: bracketed.start()].strip()
            elif bracketed and not self.index().get(fold(part)):
                errors.append(
                    _("“%(value)s” is not one of: %(choices)s.")
                    % {
                        "value": bracketed.group(1),
                        "choices": "; ".join(str(label) for label in PartyRole.labels),
                    }
                )
                continue
            try:
                specs.append(PartySpec(self.find(part), role))
            except ValueError as error:
                errors.append(str(error))
        if errors:
            raise ValueError(" ".join(errors))
        return specs


def party_text(organization: str, role: str, roles: dict[str, Any]) -> str:
    return f"{organization} ({roles.get(role, role)})"


class AgreementResource(SpreadsheetResource):
    """Agreements, one a row; written through `agreement_save`, a new one as a draft."""

    kind = Field(attribute="kind", column_name=column("Kind"), widget=ChoiceWidget(AgreementKind.choices))
    title = Field(attribute="title", column_name=column("Title"), widget=TextWidget(max_length=500))
    number = Field(attribute="number", column_name=column("Number"), widget=TextWidget(max_length=60))
    status = Field(
        attribute="status",
        column_name=column("Status"),
        widget=ChoiceWidget(AgreementStatus.choices),
        readonly=True,
    )
    signed_on = Field(attribute="signed_on", column_name=column("Signed on"), widget=DateWidget())
    effective_from = Field(
        attribute="effective_from", column_name=column("In force from"), widget=DateWidget()
    )
    effective_to = Field(attribute="effective_to", column_name=column("In force until"), widget=DateWidget())
    covers_from = Field(
        attribute="covers_from", column_name=column("Period covered from"), widget=DateWidget()
    )
    covers_to = Field(attribute="covers_to", column_name=column("Period covered until"), widget=DateWidget())
    parties = Field(attribute="parties", column_name=column("Parties"), widget=PartiesWidget())
    supersedes = Field(
        attribute="supersedes",
        column_name=column("Supersedes"),
        widget=LookupWidget(Agreement, keys=("number", "title"), label=agreement_label),
    )
    interim_review_months = Field(
        attribute="interim_review_months",
        column_name=column("Interim review after (months)"),
        widget=IntegerWidget(),
    )
    final_review_months = Field(
        attribute="final_review_months",
        column_name=column("Final review after (months)"),
        widget=IntegerWidget(),
    )
    summary = Field(attribute="summary", column_name=column("Summary"), widget=TextWidget(one_line=False))

    # The number identifies an agreement; the title, one without a number (see `normalize_key`).
    natural_key = ("number", "title")

    class Meta(SpreadsheetResource.Meta):
        model = Agreement
        fields = (
            "kind",
            "title",
            "number",
            "status",
            "signed_on",
            "effective_from",
            "effective_to",
            "covers_from",
            "covers_to",
            "parties",
            "supersedes",
            "interim_review_months",
            "final_review_months",
            "summary",
        )
        import_order = fields
        export_order = fields

    # --- reading --------------------------------------------------------------------------

    def get_queryset(self) -> QuerySet:
        return self.export_queryset(Agreement.objects.all())

    def export_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("supersedes").prefetch_related(
            Prefetch("parties", queryset=AgreementParty.objects.select_related("organization"))
        )

    def template_rows(self) -> list[list[Any]]:
        """One example row: a regulation of two parties, reviewed after two years."""
        roles = dict(PartyRole.choices)
        return [
            [
                str(AgreementKind.REGULATION.label),
                "Quy chế phối hợp trong công tác bảo vệ nền tảng tư tưởng của Đảng",
                "01/QC-HVCTKVI-TCTNA",
                "",
                dt.date(2024, 3, 1),
                dt.date(2024, 3, 1),
                None,
                None,
                None,
                party_text("Học viện Chính trị khu vực I", PartyRole.LEAD, roles)
                + "; "
                + party_text("Trường Chính trị tỉnh Nghệ An", PartyRole.MEMBER, roles),
                "",
                24,
                60,
                "Hai bên phối hợp nghiên cứu, tuyên truyền và đấu tranh phản bác quan điểm sai trái.",
            ]
        ]

    # --- the natural key: the number, else the title -------------------------------------------

    def normalize_key(self, key: tuple) -> tuple:
        number, title = key
        return ("number", number) if number else ("title", title)

    def key_columns(self, key: tuple) -> list[str]:
        return [force_str(self.fields[key[0]].column_name)]

    # --- the parties column ----------------------------------------------------------------

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if isinstance(field.widget, PartiesWidget):
            if field.column_name in row:
                try:
                    instance._exchange_parties = field.clean(row, **kwargs)
                except ValueError:
                    instance._exchange_parties_unread = True  # its error is the column's
                    raise
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def _values(self, instance: Agreement) -> dict[str, Any]:
        parties_field = self.fields["parties"]
        values = {
            field.attribute: stored_value(field, instance)
            for field in self.get_import_fields()
            if field.attribute and not field.readonly and field is not parties_field
        }
        specs = getattr(instance, "_exchange_parties", None)
        if specs is not None:
            values["parties"] = [(spec.organization.pk, spec.role) for spec in specs]
        elif instance.pk:
            values["parties"] = [(party.organization_id, party.role) for party in instance.parties.all()]
        else:
            values["parties"] = []
        return values

    def validate_row(self, instance: Agreement) -> None:
        errors: dict[str, list[str]] = {}
        specs = getattr(instance, "_exchange_parties", None)
        if specs is not None:
            try:
                agreement_check_parties(organizations=[spec.organization for spec in specs])
                if instance.pk:
                    wanted = {spec.organization.pk for spec in specs}
                    agreement_check_party_removal(
                        parties=[
                            party for party in instance.parties.all() if party.organization_id not in wanted
                        ]
                    )
            except ValidationError as error:
                errors["parties"] = error.messages
        elif not instance.pk and not getattr(instance, "_exchange_parties_unread", False):
            errors["parties"] = [_("An agreement needs at least two parties.")]
        previous = instance.supersedes
        if previous is not None and (instance.pk is None or previous.pk != self._stored_supersedes(instance)):
            try:
                agreement_check_supersedes(agreement=instance, previous=previous)
            except ValidationError as error:
                errors.update(error.update_error_dict({}))
        if errors:
            raise ValidationError(errors)

    def _stored_supersedes(self, instance: Agreement) -> int | None:
        before = getattr(instance, "_exchange_before", None) or {}
        return before.get("supersedes")

    # --- writing --------------------------------------------------------------------------

    def write(self, instance: Agreement, *, new: bool, row: dict[str, Any], by: User | None) -> None:
        if new:
            instance.slug = unique_slug(Agreement, instance.title)
        rows = []
        specs = getattr(instance, "_exchange_parties", None)
        if specs is not None:
            rows.append(party_rows(instance, specs))
        agreement_save(agreement=instance, by=by, rows=rows)


def party_rows(agreement: Agreement, specs: list[PartySpec]) -> Rows[AgreementParty]:
    """The changes that make the agreement's parties those of `specs`, in their order: a stored
    party of the same organisation is kept (with its signatory and tasks), the others are
    added or removed."""
    stored = {party.organization_id: party for party in agreement.parties.all()} if agreement.pk else {}
    rows = Rows(AgreementParty, "agreement")
    wanted = set()
    for order, spec in enumerate(specs):
        wanted.add(spec.organization.pk)
        party = stored.get(spec.organization.pk)
        if party is None:
            party = AgreementParty(
                agreement=agreement, organization=spec.organization, role=spec.role, order=order
            )
            rows.save.append(Row(party))
        elif (party.role, party.order) != (spec.role, order):
            changed = [
                name
                for name, old, new in (("role", party.role, spec.role), ("order", party.order, order))
                if old != new
            ]
            party.role, party.order = spec.role, order
            rows.save.append(Row(party, changed=changed))
    rows.delete = [party for key, party in stored.items() if key not in wanted]
    return rows


class TaskResource(SpreadsheetResource):
    """The tasks of agreements, one a row: exported only (see above)."""

    agreement = Field(
        attribute="agreement",
        column_name=column("Agreement"),
        widget=LookupWidget(Agreement, keys=("number", "title"), label=agreement_label),
    )
    order = Field(attribute="order", column_name=column("Order"), widget=IntegerWidget())
    title = Field(attribute="title", column_name=column("Task"), widget=TextWidget())
    owner = Field(attribute="owner__organization__name", column_name=column("Owner"), widget=TextWidget())
    direction = Field(attribute="direction__title", column_name=column("Direction"), widget=TextWidget())
    due_on = Field(attribute="due_on", column_name=column("Due on"), widget=DateWidget())
    status = Field(attribute="status", column_name=column("Status"), widget=ChoiceWidget(TaskStatus.choices))
    origin = Field(attribute="origin", column_name=column("Origin"), widget=ChoiceWidget(TaskOrigin.choices))

    class Meta(SpreadsheetResource.Meta):
        model = Task
        fields = ("agreement", "order", "title", "owner", "direction", "due_on", "status", "origin")
        export_order = fields

    def export_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("agreement", "owner__organization", "direction")
