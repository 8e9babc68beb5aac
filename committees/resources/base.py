"""What the registry's spreadsheets share: widgets of related records and the resource base.

Column headers are English message ids in the context "spreadsheet column", shown in
Vietnamese ("Full name" → "Họ và tên"); `RegistryResource` translates them once per resource.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from committees.models import (
    Person,
    SteeringCommittee,
    Team,
)
from portal.exchange.resources import SpreadsheetResource
from portal.exchange.widgets import (
    IntegerWidget,
    LookupWidget,
    TextWidget,
)
from portal.lib.text import fold
from portal.lib.titles import ACADEMIC_TITLES, DEGREES, HONORIFICS

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


def committee_widget() -> RecordWidget:
    return RecordWidget(
        SteeringCommittee, keys=(), queryset=lambda: SteeringCommittee.objects.select_related("organization")
    )


def team_widget() -> RecordWidget:
    return RecordWidget(
        Team, keys=(), queryset=lambda: Team.objects.select_related("committee__organization")
    )


# --- the common part ------------------------------------------------------------------------------


class RegistryResource(SpreadsheetResource):
    """A registry resource: rows written one by one through `save_service`, keys normalised by
    `normalize_key` (a record without a number is known by its title)."""

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
