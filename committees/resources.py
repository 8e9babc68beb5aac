"""The registry's spreadsheets: organisations, people, positions, decisions and legal documents.

Every related record is written by a name a secretariat knows, never by an id: an
organisation by its name, a steering committee or team by its full name, a legal document by
its number, a person by their name, or by their code ("Mã", the slug of their page) when two
people share the name. Rows are written by the services of `committees.services`; people in
bulk (`people_import`), as a file of them may hold tens of thousands.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from import_export.fields import Field

from committees.models import (
    Decision,
    DecisionKind,
    LegalDocument,
    LegalDocumentType,
    Organization,
    OrganizationKind,
    Person,
    Position,
    Province,
    Region,
    Role,
    SteeringCommittee,
    Team,
)
from committees.services import (
    decision_save,
    legal_document_save,
    organization_save,
    people_import,
    person_import_clean,
    position_save,
)
from portal.exchange.resources import SpreadsheetResource
from portal.exchange.widgets import (
    BooleanWidget,
    ChoiceWidget,
    DateWidget,
    IntegerWidget,
    LookupWidget,
    ManyLookupWidget,
    TextWidget,
)
from portal.lib.text import fold
from portal.lib.titles import ACADEMIC_TITLES, DEGREES, HONORIFICS, parse_name, title_prefix


def column(name: str):
    """A column header: an English message id shown in Vietnamese ("Full name" → "Họ và tên")."""
    return pgettext_lazy("spreadsheet column", name)


# --- widgets of the registry's records --------------------------------------------------------


class OrderWidget(IntegerWidget):
    """A position in a list; an empty cell is 0, the model's default."""

    def clean(self, value, row=None, **kwargs):
        number = super().clean(value, row, **kwargs)
        return 0 if number is None else number


class RecordWidget(LookupWidget):
    """A related record by its label or keys; records written earlier in the same file are
    found too (`add`), so a file may list a parent above its children."""

    def index(self) -> dict[str, list[Any]]:
        if self._index is None:
            self._index, self._names = {}, []
            for obj in self.get_queryset(None, None):
                self._add(obj)
        return self._index

    def add(self, obj: Model) -> None:
        """Know `obj`, written by an earlier row of the file being read."""
        if self._index is not None:
            self._add(obj)

    def _add(self, obj: Model) -> None:
        label = str(self.label(obj))
        texts = {label} | {str(getattr(obj, key, "") or "") for key in self.keys}
        for text in texts - {""}:
            self._index.setdefault(fold(text), []).append(obj)  # type: ignore[union-attr]
        self._names.append(label)


class PersonWidget(RecordWidget):
    """A person by full name, or by code (slug) when several people bear the name; exported by
    name unless a namesake makes the code necessary."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            Person,
            keys=("slug",),
            label=lambda person: person.full_name,
            queryset=lambda: Person.objects.only("pk", "slug", "full_name"),
            **kwargs,
        )

    def find(self, text: str) -> Any:
        found = {obj.pk: obj for obj in self.index().get(fold(text), [])}
        if len(found) > 1:
            raise ValueError(
                _("Several people are called “%(name)s”: write the code of the one meant (%(codes)s).")
                % {"name": text[:80], "codes": "; ".join(sorted(person.slug for person in found.values()))}
            )
        return super().find(text)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        namesakes = {person.pk for person in self.index().get(fold(value.full_name), [])}
        return value.full_name if len(namesakes) <= 1 else value.slug


class TitlesWidget(TextWidget):
    """ "NGƯT, PGS, TS": the honorific, academic title and degree, in any order and case."""

    KNOWN = {fold(token): token for token in (*HONORIFICS, *ACADEMIC_TITLES, *DEGREES)}

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        found: dict[str, str] = {"honorific": "", "academic_title": "", "degree": ""}
        for part in text.replace(".", " ").replace(",", " ").split():
            token = self.KNOWN.get(fold(part))
            if token is None:
                raise ValueError(
                    _("“%(value)s” is not a title: write them like “NGƯT, PGS, TS” (known: %(known)s).")
                    % {"value": part[:20], "known": ", ".join(self.KNOWN.values())}
                )
            kind = (
                "honorific"
                if token in HONORIFICS
                else "academic_title"
                if token in ACADEMIC_TITLES
                else "degree"
            )
            if found[kind] and found[kind] != token:
                raise ValueError(
                    _("“%(first)s” and “%(second)s” cannot both be held: keep one.")
                    % {"first": found[kind], "second": token}
                )
            found[kind] = token
        return found


def _committee_widget() -> RecordWidget:
    return RecordWidget(
        SteeringCommittee, keys=(), queryset=lambda: SteeringCommittee.objects.select_related("organization")
    )


def _team_widget() -> RecordWidget:
    return RecordWidget(
        Team, keys=(), queryset=lambda: Team.objects.select_related("committee__organization")
    )


# --- the common part ------------------------------------------------------------------------------


class RegistryResource(SpreadsheetResource):
    """A registry resource: rows written one by one through `save_service`, keys normalised by
    `normalize_key` (a record without a number is known by its title)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # The headers in the language of this import or export, translated once: a lazy header
        # is translated again at every cell of every row (half a million times for 20,000 rows).
        for field in self.fields.values():
            field.column_name = force_str(field.column_name)

    def normalize_key(self, key: tuple) -> tuple:
        return key

    def key_of_instance(self, instance: Model) -> tuple:
        return self.normalize_key(super().key_of_instance(instance))

    def get_instance(self, instance_loader, row):
        # As the base, with the key normalised before it is looked up and checked for repeats.
        errors = {}
        key = []
        for field in self.key_fields():
            try:
                key.append(_key_part(field.clean(row)))
            except ValueError as error:
                errors[force_str(field.column_name)] = ValidationError(force_str(error))
        if errors:
            raise ValidationError(errors)
        if all(part in ("", None) for part in key):
            columns = ", ".join(force_str(field.column_name) for field in self.key_fields())
            raise ValidationError(_("The row has no value in %(columns)s.") % {"columns": columns})
        return self.find_existing(self.normalize_key(tuple(key)))

    def find_existing(self, key: tuple) -> Model | None:
        """The stored record of `key`; a second row of the file with the same key is refused."""
        sheet_row = self._row_number + 1
        first = self._seen.setdefault(key, sheet_row)
        if first != sheet_row:
            raise ValidationError(
                _("This row repeats row %(row)d (the same %(columns)s).")
                % {"row": first, "columns": ", ".join(force_str(f.column_name) for f in self.key_fields())}
            )
        return self.existing().get(key)

    def changed_fields(self, instance: Model) -> list[str]:
        """The model fields the row changes (for the history)."""
        before = getattr(instance, "_exchange_before", None) or {}
        after = self._values(instance)
        return [name for name, value in after.items() if before.get(name) != value]

    def write(self, instance, *, new, row, by):
        try:
            self.save_service(instance, changed=[] if new else self.changed_fields(instance), by=by)
        except ValidationError as error:
            raise ValidationError(self._by_column(error.update_error_dict({}))) from None

    def save_service(self, instance: Any, *, changed: list[str], by) -> None:
        raise NotImplementedError

    def example(self, values: dict[str, Any]) -> list[Any]:
        """A template row from a field → value dict, in the order of the columns."""
        return [values.get(field.attribute or "", "") for field in self.get_export_fields()]


def _key_part(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, str):
        return fold(value)
    return value


# --- organisations ----------------------------------------------------------------------------


class OrganizationResource(RegistryResource):
    name = Field("name", column("Name"), widget=TextWidget(max_length=255))
    short_name = Field("short_name", column("Short name"), widget=TextWidget(max_length=120))
    kind = Field("kind", column("Kind"), widget=ChoiceWidget(OrganizationKind.choices))
    parent = Field(
        "parent",
        column("Parent organisation"),
        widget=RecordWidget(Organization, keys=("name", "short_name"), queryset=Organization.objects.all),
    )
    region = Field("region", column("Region"), widget=LookupWidget(Region, keys=("name",)))
    province = Field("province", column("Province"), widget=LookupWidget(Province, keys=("name",)))
    website = Field("website", column("Website"), widget=TextWidget(max_length=200))
    description = Field("description", column("Description"), widget=TextWidget(one_line=False))
    founded_on = Field("founded_on", column("Founded on"), widget=DateWidget())
    closed_on = Field("closed_on", column("Closed on"), widget=DateWidget())
    order = Field("order", column("Order"), widget=OrderWidget())

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
        return queryset.select_related("parent", "region", "province")

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


# --- people ---------------------------------------------------------------------------------------

TITLE_FIELDS = ("honorific", "academic_title", "degree")


class PersonResource(RegistryResource):
    """People, written in bulk by `people_import`.

    A row is the person of its code ("Mã") when the code is given: a stored code updates that
    person, a new one creates a person with it. Without a code the name decides: the one
    stored person of that name is updated, a new name creates a person (code made from the
    name), and a name several stored people bear is refused until the code is filled in. Two
    rows of the file with the same code, or without code and with the same name, are refused.
    """

    slug = Field("slug", column("Code"), widget=TextWidget(max_length=140))
    full_name = Field("full_name", column("Full name"), widget=TextWidget(max_length=160))
    titles = Field(
        "academic_title", column("Academic titles and degrees"), widget=TitlesWidget(max_length=40)
    )
    bio = Field("bio", column("Short biography"), widget=TextWidget(one_line=False, max_length=5000))

    bulk = True
    natural_key = ("slug", "full_name")

    class Meta:
        model = Person
        fields = ("full_name", "titles", "slug", "bio")
        # No savepoint around each row: rows only collect people, written at the end by
        # `people_import` (the library's own bulk lists stay empty, as `save_instance` is the base's).
        use_bulk = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._namesakes: dict[str, list[Person]] = {}

    def import_columns(self) -> list[str]:
        # The code is optional: a file of new people needs only their names.
        code = force_str(self.fields["slug"].column_name)
        return [name for name in super().import_columns() if name != code]

    def code(self, row) -> str:
        """The code of the row's person, "" when the column is missing or empty."""
        field = self.fields["slug"]
        return field.clean(row).casefold() if field.column_name in row else ""

    def dehydrate_titles(self, person: Person) -> str:
        return title_prefix(
            honorific=person.honorific, academic_title=person.academic_title, degree=person.degree
        )

    def existing(self) -> dict[tuple, Model]:
        """Every stored person by code, and by name for the rows without code: one query."""
        if self._existing is None:
            self._existing, self._namesakes = {}, {}
            for person in Person.objects.only("pk", "slug", "full_name", "bio", *TITLE_FIELDS):
                self._existing[("code", person.slug.casefold())] = person
                self._namesakes.setdefault(fold(person.full_name), []).append(person)
        return self._existing

    def get_instance(self, instance_loader, row):
        errors = {}
        code = name = ""
        try:
            code = self.code(row)
        except ValueError as error:
            errors[force_str(self.fields["slug"].column_name)] = [force_str(error)]
        try:
            name = parse_name(self.fields["full_name"].clean(row)).full_name
        except ValueError as error:
            errors[force_str(self.fields["full_name"].column_name)] = [force_str(error)]
        if errors:
            raise ValidationError(errors)
        if not code and not name:
            raise ValidationError(
                {force_str(self.fields["full_name"].column_name): _("A person must have a name.")}
            )
        if code:
            return self.find_existing(("code", code))
        self.find_existing(("name", fold(name)))
        self.existing()
        found = self._namesakes.get(fold(name), [])
        if len(found) > 1:
            raise ValidationError(
                {
                    force_str(self.fields["slug"].column_name): _(
                        "Several people are called “%(name)s” (codes: %(codes)s): write in this column the "
                        "code of the one meant, or a new code for another person of that name."
                    )
                    % {"name": name, "codes": "; ".join(sorted(person.slug for person in found))}
                }
            )
        return found[0] if found else None

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field is self.fields["titles"]:
            if field.column_name in row:
                for name, value in field.clean(row).items():
                    setattr(instance, name, value)
            return
        if field is self.fields["slug"] and not self.code(row):
            return  # no code: keep the stored one, or let people_import make one
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        # Titles typed in the name ("PGS, TS Nguyễn Văn A") count when the titles column has none.
        parsed = parse_name(instance.full_name)
        instance.full_name = parsed.full_name
        for name in TITLE_FIELDS:
            setattr(instance, name, getattr(instance, name) or getattr(parsed, name))

    def _values(self, instance):
        values = super()._values(instance)
        values.update({name: getattr(instance, name) for name in TITLE_FIELDS})
        return values

    def _by_column(self, errors):
        titles = {name: force_str(self.fields["titles"].column_name) for name in TITLE_FIELDS}
        return super()._by_column({titles.get(key, key): value for key, value in errors.items()})

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=False):
        # person_create's rules, without a query: the unique code is checked on the whole file.
        errors = dict(import_validation_errors or {})
        try:
            person_import_clean(instance)
        except ValidationError as error:
            for key, messages in self._by_column(error.update_error_dict({})).items():
                errors.setdefault(key, messages)
        if errors:
            raise ValidationError(errors)

    def write_bulk(self, created, updated, *, by):
        # Every row went through person_import_clean in validate_instance.
        people_import(created=created, updated=updated, by=by, checked=True)

    def template_rows(self):
        return [
            self.example({"full_name": "Lê Văn Lợi", "academic_title": "PGS, TS"}),
            self.example({"full_name": "Huỳnh Thanh Quang", "academic_title": "NGƯT, TS"}),
        ]


# --- positions --------------------------------------------------------------------------------------


class PositionResource(RegistryResource):
    """Positions, a person's by name (or code) in one body: an organisation, a committee or a team.

    A position is known by its person, role, body and start date (or, undated, the date of
    the source that reports it).
    """

    person = Field("person", column("Person"), widget=PersonWidget())
    role = Field("role", column("Role"), widget=ChoiceWidget(Role.choices))
    title = Field("title", column("Title as written"), widget=TextWidget(max_length=160))
    organization = Field(
        "organization",
        column("Organisation"),
        widget=RecordWidget(Organization, keys=("name",), queryset=Organization.objects.all),
    )
    committee = Field("committee", column("Steering committee"), widget=_committee_widget())
    team = Field("team", column("Team"), widget=_team_widget())
    start_date = Field("start_date", column("From"), widget=DateWidget())
    end_date = Field("end_date", column("Until"), widget=DateWidget())
    reported_on = Field("reported_on", column("As reported on"), widget=DateWidget())
    order = Field("order", column("Order"), widget=OrderWidget())
    in_title_line = Field("in_title_line", column("Shown in title lines"), widget=BooleanWidget())

    natural_key = ("person", "role", "organization", "committee", "team", "start_date", "reported_on")

    class Meta:
        model = Position
        fields = (
            "person",
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

    def normalize_key(self, key):
        # A dated position is known by its start; the report's date only tells undated ones apart.
        return key[:-1] + (None,) if key[5] is not None else key

    def get_queryset(self):
        return Position.objects.select_related("person")

    def export_queryset(self, queryset):
        return queryset.select_related(
            "person", "organization", "committee__organization", "team__committee__organization"
        )

    def save_service(self, instance, *, changed, by):
        position_save(position=instance, changed=changed, by=by)

    def template_rows(self):
        return [
            self.example(
                {
                    "person": "Lê Văn Lợi",
                    "role": str(Role.DIRECTOR.label),
                    "organization": "Học viện Chính trị khu vực II",
                    "start_date": dt.date(2021, 8, 1),
                    "order": 1,
                    "in_title_line": _("Yes"),
                }
            )
        ]


# --- decisions and legal documents ------------------------------------------------------------------


def _document_label(document: LegalDocument) -> str:
    return document.number or document.title


class DecisionResource(RegistryResource):
    """Decisions, known by their number and issuer (by their title when they have no number)."""

    number = Field("number", column("Number and symbol"), widget=TextWidget(max_length=60))
    issuer_committee = Field("issuer_committee", column("Issuing committee"), widget=_committee_widget())
    issuer_organization = Field(
        "issuer_organization",
        column("Issuing organisation"),
        widget=RecordWidget(Organization, keys=("name",), queryset=Organization.objects.all),
    )
    kind = Field("kind", column("Kind"), widget=ChoiceWidget(DecisionKind.choices))
    title = Field("title", column("Title"), widget=TextWidget(max_length=500))
    issued_on = Field("issued_on", column("Date issued"), widget=DateWidget())
    signer = Field("signer", column("Signed by"), widget=PersonWidget())
    summary = Field("summary", column("Summary"), widget=TextWidget(one_line=False))
    legal_documents = Field(
        "legal_documents",
        column("Documents cited"),
        widget=ManyLookupWidget(LegalDocument, keys=("number",), label=_document_label),
    )

    natural_key = ("number", "issuer_committee", "issuer_organization", "title")

    class Meta:
        model = Decision
        fields = (
            "number",
            "issuer_committee",
            "issuer_organization",
            "kind",
            "title",
            "issued_on",
            "signer",
            "summary",
            "legal_documents",
        )

    def normalize_key(self, key):
        return key[:3] + (None,) if key[0] else key

    def get_queryset(self):
        return Decision.objects.prefetch_related("legal_documents")

    def export_queryset(self, queryset):
        return queryset.select_related(
            "issuer_committee__organization", "issuer_organization", "signer"
        ).prefetch_related("legal_documents")

    def save_service(self, instance, *, changed, by):
        decision_save(
            decision=instance,
            legal_documents=self.many_to_many(instance).get("legal_documents"),
            changed=changed,
            by=by,
        )

    def template_rows(self):
        return [
            self.example(
                {
                    "number": "12-QĐ/BCĐ35",
                    "issuer_organization": "Học viện Chính trị khu vực II",
                    "kind": str(DecisionKind.FOUND_TEAM.label),
                    "title": "Quyết định thành lập Tổ thư ký Ban Chỉ đạo 35",
                    "issued_on": dt.date(2021, 9, 15),
                    "legal_documents": "35-NQ/TW",
                }
            )
        ]


class LegalDocumentResource(RegistryResource):
    """Party and State documents, known by their number (by their title when they have none)."""

    number = Field("number", column("Number and symbol"), widget=TextWidget(max_length=60))
    doc_type = Field("doc_type", column("Type"), widget=ChoiceWidget(LegalDocumentType.choices))
    issued_on = Field("issued_on", column("Date issued"), widget=DateWidget())
    issuer = Field("issuer", column("Issuing body"), widget=TextWidget(max_length=160))
    term = Field("term", column("Term"), widget=TextWidget(max_length=40))
    title = Field("title", column("Title"), widget=TextWidget(max_length=500))
    abstract = Field("abstract", column("Abstract"), widget=TextWidget(one_line=False))
    source_url = Field("source_url", column("Official source"), widget=TextWidget(max_length=200))

    natural_key = ("number", "title")

    class Meta:
        model = LegalDocument
        fields = ("number", "doc_type", "issued_on", "issuer", "term", "title", "abstract", "source_url")

    def normalize_key(self, key):
        return (key[0], None) if key[0] else key

    def save_service(self, instance, *, changed, by):
        legal_document_save(document=instance, changed=changed, by=by)

    def template_rows(self):
        return [
            self.example(
                {
                    "number": "35-NQ/TW",
                    "doc_type": str(LegalDocumentType.RESOLUTION.label),
                    "issued_on": dt.date(2018, 10, 22),
                    "issuer": "Bộ Chính trị",
                    "term": "khóa XII",
                    "title": "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các "
                    "quan điểm sai trái, thù địch trong tình hình mới",
                }
            )
        ]
