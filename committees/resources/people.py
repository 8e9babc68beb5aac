"""People's and positions' spreadsheets."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from import_export.fields import Field

from committees.models import (
    Organization,
    Person,
    Position,
    Role,
)
from committees.resources.base import (
    OrderWidget,
    PersonWidget,
    RecordWidget,
    RegistryResource,
    TitlesWidget,
    committee_widget,
    team_widget,
)
from committees.services import (
    people_import,
    person_import_clean,
    person_out_of_scope_message,
    position_save,
    writable_people,
)
from portal.exchange.widgets import (
    BooleanWidget,
    ChoiceWidget,
    DateWidget,
    TextWidget,
)
from portal.lib.text import fold
from portal.lib.titles import parse_name, title_prefix

TITLE_FIELDS = ("honorific", "academic_title", "degree")


class PersonResource(RegistryResource):
    """People, written in bulk by `people_import`.

    A row is the person of its code ("Mã") when the code is given: a stored code updates that
    person, a new one creates a person with it. Without a code the name decides: the one
    stored person of that name is updated, a new name creates a person (code made from the
    name), and a name several stored people bear is refused until the code is filled in. Two
    rows of the file with the same code, or without code and with the same name, are refused.
    """

    slug = Field("slug", pgettext_lazy("spreadsheet column", "Code"), widget=TextWidget(max_length=140))
    full_name = Field(
        "full_name", pgettext_lazy("spreadsheet column", "Full name"), widget=TextWidget(max_length=160)
    )
    titles = Field(
        "academic_title",
        pgettext_lazy("spreadsheet column", "Academic titles and degrees"),
        widget=TitlesWidget(max_length=40),
    )
    bio = Field(
        "bio",
        pgettext_lazy("spreadsheet column", "Short biography"),
        widget=TextWidget(one_line=False, max_length=5000),
    )

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
        self._writable: tuple[set[int] | None] | None = None

    def check_scope(self, instance):
        # A row changing a person of another organisation is refused here, on its row, before
        # people_import (which refuses them too) writes anything: the people the user may
        # change are read once for the file.
        if self._writable is None:
            self._writable = (writable_people(self.by),)
        writable = self._writable[0]
        if writable is not None and instance.pk not in writable:
            raise ValidationError(person_out_of_scope_message(instance))

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
        if field is self.fields["slug"]:
            # No code: keep the stored one, or let people_import make one.
            if self.code(row):
                instance.slug = self.code(row)
            return
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

    person = Field("person", pgettext_lazy("spreadsheet column", "Person"), widget=PersonWidget())
    role = Field("role", pgettext_lazy("spreadsheet column", "Role"), widget=ChoiceWidget(Role.choices))
    title = Field(
        "title", pgettext_lazy("spreadsheet column", "Title as written"), widget=TextWidget(max_length=160)
    )
    organization = Field(
        "organization",
        pgettext_lazy("spreadsheet column", "Organisation"),
        widget=RecordWidget(Organization, keys=("name",), queryset=lambda: Organization.objects.all()),
    )
    committee = Field(
        "committee", pgettext_lazy("spreadsheet column", "Steering committee"), widget=committee_widget()
    )
    team = Field("team", pgettext_lazy("spreadsheet column", "Team"), widget=team_widget())
    start_date = Field("start_date", pgettext_lazy("spreadsheet column", "From"), widget=DateWidget())
    end_date = Field("end_date", pgettext_lazy("spreadsheet column", "Until"), widget=DateWidget())
    reported_on = Field(
        "reported_on", pgettext_lazy("spreadsheet column", "As reported on"), widget=DateWidget()
    )
    order = Field("order", pgettext_lazy("spreadsheet column", "Order"), widget=OrderWidget())
    in_title_line = Field(
        "in_title_line", pgettext_lazy("spreadsheet column", "Shown in title lines"), widget=BooleanWidget()
    )

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
