"""Forms of the registry's admin: slugs made on the server, names typed as articles write them."""

from django import forms
from django.contrib.admin.widgets import (
    AdminDateWidget,
    AdminRadioSelect,
    AdminTextInputWidget,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
)
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from committees.models import (
    Decision,
    LegalDocument,
    Organization,
    OrganizationChange,
    OrganizationChangeKind,
    Person,
    Province,
    Region,
    SteeringCommittee,
)
from committees.services import person_name_parse
from portal.forms import HttpsURLField, ServiceForm, SlugFromTextForm

TITLE_FIELDS = ("honorific", "academic_title", "degree")


class NamedSlugForm(SlugFromTextForm):
    """Slug from the `name` field."""

    def slug_text(self, cleaned_data: dict) -> str:
        return cleaned_data.get("name", "")


class RegionForm(NamedSlugForm):
    class Meta:
        model = Region
        fields = ("name", "slug", "order")


class ProvinceForm(NamedSlugForm):
    """A province; its merger (`valid_to`, `merged_into`) is recorded by `province_merge` apart."""

    class Meta:
        model = Province
        fields = ("name", "kind", "code", "slug", "region", "valid_from")


class OrganizationForm(NamedSlugForm):
    """An organisation; its closing (`closed_on`) is recorded by `organization_close`, and once
    it exists its names change only through `organization_rename` (see its admin)."""

    class Meta:
        model = Organization
        fields = (
            "name",
            "short_name",
            "slug",
            "kind",
            "parent",
            "region",
            "province",
            "founded_on",
            "website",
            "logo",
            "description",
            "order",
        )
        field_classes = {"website": HttpsURLField}
        # Also shown under the read-only name of an existing organisation (see its admin).
        help_texts = {
            "name": _(
                "To change the name later, use the “Rename” button at the top of the page: "
                "the former name is kept, with its dates, for older news."
            ),
        }

    def slug_text(self, cleaned_data: dict) -> str:
        # The name is not on the form of an existing organisation: it is renamed apart.
        if "name" not in self.fields:
            return self.instance.name
        return super().slug_text(cleaned_data)


# --- The admin's pages that call a service -----------------------------------------------------


class OrganizationCloseForm(ServiceForm):
    """What became of an organisation, for `organization_close`.

    The successors are chosen in the admin's autocomplete box, among `successors` (the
    organisations the staff member may see); the organisation itself is not left out, so
    that choosing it gets the service's message rather than "not a valid choice".
    """

    KINDS = [
        (kind.value, kind.label)
        for kind in (
            OrganizationChangeKind.MERGED,
            OrganizationChangeKind.SPLIT,
            OrganizationChangeKind.RENAMED,
            OrganizationChangeKind.DISSOLVED,
        )
    ]

    kind = forms.TypedChoiceField(
        label=capfirst(_("what happened")),
        choices=KINDS,
        coerce=OrganizationChangeKind,
        widget=AdminRadioSelect(attrs={"class": "radiolist"}),
        help_text=_(
            "Choose “renamed” only when the new name was entered as another organisation. "
            "To give this organisation a new name and keep its page, use “Rename” instead."
        ),
    )
    on = forms.DateField(
        label=capfirst(_("date")),
        widget=AdminDateWidget,
        help_text=_(
            "The day the change took effect, typed as dd/mm/yyyy, for example 01/07/2025. "
            "It becomes the organisation's closing date."
        ),
    )
    note = forms.CharField(
        label=capfirst(_("note")),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("For example the number and date of the decision."),
    )

    def __init__(self, *args, successors, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successors"] = forms.ModelMultipleChoiceField(
            label=capfirst(_("successors")),
            queryset=successors,
            required=False,
            widget=AutocompleteSelectMultiple(OrganizationChange._meta.get_field("successor"), admin_site),
            help_text=_(
                "What it became: type part of a name to find organisations already entered. "
                "Leave empty when it was dissolved."
            ),
        )
        self.order_fields(["kind", "on", "successors", "note"])


class OrganizationRenameForm(ServiceForm):
    """A new name from a date, for `organization_rename`; the short name is filled with the current one."""

    service_fields = {"name": "new_name", "short_name": "new_short_name"}

    new_name = forms.CharField(
        label=capfirst(_("new name")),
        max_length=255,
        widget=AdminTextInputWidget,
        help_text=_("To change only the short name, type the current name again."),
    )
    new_short_name = forms.CharField(
        label=capfirst(_("new short name")),
        max_length=120,
        widget=AdminTextInputWidget,
        required=False,
        help_text=_("Filled with the current short name: leave it to keep it, empty it if there is none."),
    )
    on = forms.DateField(
        label=capfirst(_("first day of the new name")),
        widget=AdminDateWidget,
        help_text=_(
            "Typed as dd/mm/yyyy, for example 01/07/2025. The current name is kept as a former "
            "name until the day before, so older news still shows it."
        ),
    )


class ProvinceMergeForm(ServiceForm):
    """The province this one was merged into and the day of the merger, for `province_merge`.

    The province is chosen in the admin's autocomplete box, among `provinces` (those the
    staff member may see); this province is not left out, so that choosing it gets the
    service's message rather than "not a valid choice".
    """

    service_fields = {"merged_into": "into"}

    on = forms.DateField(
        label=capfirst(_("date of the merger")),
        widget=AdminDateWidget,
        help_text=_(
            "The first day of the merged province, typed as dd/mm/yyyy, for example 01/07/2025. "
            "This province stays valid until the day before."
        ),
    )

    def __init__(self, *args, provinces, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"] = forms.ModelChoiceField(
            label=capfirst(_("merged into")),
            queryset=provinces,
            widget=AutocompleteSelect(Province._meta.get_field("merged_into"), admin_site),
            help_text=_("Type part of a name to find the province it was merged into."),
        )
        self.order_fields(["into", "on"])


class SteeringCommitteeForm(SlugFromTextForm):
    """Slug from the committee's name and its organisation's: "ban-chi-dao-35-hoc-vien-…"."""

    class Meta:
        model = SteeringCommittee
        fields = (
            "organization",
            "name",
            "slug",
            "founded_on",
            "dissolved_on",
            "founding_decision",
            "description",
        )

    def slug_text(self, cleaned_data: dict) -> str:
        organization = cleaned_data.get("organization")
        if not cleaned_data.get("name") or organization is None:
            return ""
        return f"{cleaned_data['name']} {organization.name}"


class DecisionForm(SlugFromTextForm):
    """Slug from the number and the title: "12-qd-bcd35-thanh-lap-to-thu-ky"."""

    class Meta:
        model = Decision
        fields = (
            "number",
            "issued_on",
            "kind",
            "title",
            "slug",
            "issuer_committee",
            "issuer_organization",
            "signer",
            "summary",
            "legal_documents",
            "file",
        )

    def slug_text(self, cleaned_data: dict) -> str:
        if not cleaned_data.get("title"):
            return ""
        return f"{cleaned_data.get('number', '')} {cleaned_data['title']}"


class LegalDocumentForm(SlugFromTextForm):
    """Slug from the type and the number: "nghi-quyet-35-nq-tw"."""

    class Meta:
        model = LegalDocument
        fields = (
            "doc_type",
            "number",
            "issued_on",
            "issuer",
            "term",
            "title",
            "slug",
            "abstract",
            "file",
            "source_url",
        )
        field_classes = {"source_url": HttpsURLField}

    def slug_text(self, cleaned_data: dict) -> str:
        if not cleaned_data.get("number"):
            return cleaned_data.get("title", "")
        document = LegalDocument(doc_type=cleaned_data.get("doc_type", ""), number=cleaned_data["number"])
        return f"{document.type_word} {document.number}"


class PersonForm(SlugFromTextForm):
    """A person, with the name typed as articles write it: "PGS,TS Hoàng Phúc Lâm".

    The titles at the start of the name are moved to the title fields left empty; a
    title chosen in its field wins over the one typed in the name.
    """

    class Meta:
        model = Person
        fields = ("full_name", "slug", "honorific", "academic_title", "degree", "photo", "bio")
        help_texts = {
            "full_name": _(
                'You may type the name as articles write it, with its titles: "PGS,TS Hoàng Phúc Lâm". '
                "The titles go to the fields below that are left empty, and the name is kept alone."
            ),
        }

    def clean(self):
        written = self.cleaned_data.get("full_name")
        if written:
            titles = {field: self.cleaned_data[field] for field in TITLE_FIELDS if field in self.cleaned_data}
            try:
                parsed = person_name_parse(written_name=written, **titles)
            except ValidationError as error:
                self.add_error(None, error)
            else:
                self.cleaned_data["full_name"] = parsed.full_name
                self.cleaned_data |= {field: getattr(parsed, field) for field in titles}
        return super().clean()

    def slug_text(self, cleaned_data: dict) -> str:
        return cleaned_data.get("full_name", "")


# --- Public pages ----------------------------------------------------------------------


class PeopleFilterForm(forms.Form):
    """The people index's filter (/nhan-su/): words of the name, and an organisation."""

    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Type at most %(limit_value)d characters.")},
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    to_chuc = forms.ChoiceField(
        label=_("Organisation"),
        required=False,
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )

    def __init__(self, *args, organizations: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].choices = [("", _("All organisations")), *organizations]
