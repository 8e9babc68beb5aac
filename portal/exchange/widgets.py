"""Cells to values and back, as a Vietnamese secretariat types them in a spreadsheet.

Every widget's `clean` refuses what it cannot read with a Vietnamese sentence naming the
cell's text (the row number is added by the resource), and every `render` gives what a
reader expects to see: a date as a real date cell (dd/mm/yyyy in CSV), a choice by its
label, a related record by its name. Text never leaves as something a spreadsheet would run:
`escape_formula` prefixes an apostrophe, and `unescape_formula` takes it off on the way back.
"""

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from import_export import widgets

from portal.lib.text import clean_plain_text, fold

# A cell starting with one of these is a formula (or the start of one) to Excel, LibreOffice
# and Google Sheets; OWASP's "CSV injection" list.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_PATTERN = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
ISO_DATE_PATTERN = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
TIME_PATTERN = re.compile(r"(\d{1,2})[:hg](\d{2})")
YEARS = range(1900, 2101)
SEPARATOR = re.compile(r"\s*[;\n]\s*")
# The characters `clean_plain_text` changes in text already NFC: control characters (Unicode's
# Cc: C0, DEL, C1) and line separators; on several lines, "\n" and tab are kept as they are.
ONE_LINE_PLAIN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MULTILINE_PLAIN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


class Formula(str):
    """The text of a formula cell of an uploaded workbook; no widget accepts it."""


def escape_formula(value: str) -> str:
    """`value` as a spreadsheet shows it and never runs it: "=1+1" → "'=1+1"."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unescape_formula(value: str) -> str:
    """The text `escape_formula` was given: "'=1+1" → "=1+1"; other text is unchanged."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def refuse_formula(value: Any) -> None:
    if isinstance(value, Formula):
        raise ValueError(
            _("The cell holds a formula (%(formula)s): paste its value instead.") % {"formula": value[:60]}
        )


def cell_text(value: Any) -> str:
    """The text of a cell: numbers typed as numbers ("2021") read as text without ".0"."""
    refuse_formula(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unescape_formula(str(value))


def _closest(value: str, names: Iterable[str], *, count: int = 3) -> list[str]:
    by_key = {fold(name): name for name in names}
    return [by_key[key] for key in difflib.get_close_matches(fold(value), list(by_key), n=count, cutoff=0.5)]


class TextWidget(widgets.CharWidget):
    """Plain text: NFC, no control characters (a NUL is refused), on one line unless `one_line=False`."""

    def __init__(self, *, one_line: bool = True, max_length: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.one_line = one_line
        self.max_length = max_length

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if "\x00" in text:
            raise ValueError(_("The cell holds a NUL character; type the text again."))
        plain = ONE_LINE_PLAIN if self.one_line else MULTILINE_PLAIN
        if plain.search(text) is None and unicodedata.is_normalized("NFC", text):
            # What clean_plain_text would give, without its look at every character.
            text = text.strip()
        else:
            text = clean_plain_text(text, multiline=not self.one_line)
        if self.one_line:
            text = " ".join(text.split())
        if self.max_length is not None and len(text) > self.max_length:
            raise ValueError(
                _("At most %(limit)d characters (this cell has %(count)d).")
                % {"limit": self.max_length, "count": len(text)}
            )
        return text

    def render(self, value, obj=None, **kwargs):
        return escape_formula("" if value is None else str(value))


class DateWidget(widgets.Widget):
    """A date cell, or text "dd/mm/yyyy" (also with "." or "-"), or "yyyy-mm-dd"."""

    def clean(self, value, row=None, **kwargs):
        refuse_formula(value)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, dt.datetime):
            return self._in_years(value.date(), str(value))
        if isinstance(value, dt.date):
            return self._in_years(value, str(value))
        text = cell_text(value).strip()
        match = DATE_PATTERN.fullmatch(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
        elif ISO_DATE_PATTERN.fullmatch(text):
            year, month, day = (int(part) for part in ISO_DATE_PATTERN.fullmatch(text).groups())  # type: ignore[union-attr]
        else:
            raise ValueError(self._message(text))
        try:
            date = dt.date(year, month, day)
        except ValueError:
            raise ValueError(self._message(text)) from None
        return self._in_years(date, text)

    @staticmethod
    def _message(text: str) -> str:
        return _("“%(value)s” is not a date: write day/month/year, for example 25/08/2021.") % {
            "value": text[:40]
        }

    @staticmethod
    def _in_years(date: dt.date, text: str) -> dt.date:
        if date.year not in YEARS:
            raise ValueError(
                _("“%(value)s”: the year must be between %(first)d and %(last)d.")
                % {"value": text[:40], "first": YEARS[0], "last": YEARS[-1]}
            )
        return date

    def render(self, value, obj=None, **kwargs):
        # Always the date itself: a workbook shows a date cell (dd/mm/yyyy), CSV writes the text.
        return value


class TimeWidget(widgets.Widget):
    """A time cell or text "HH:MM" (also "8h30")."""

    def clean(self, value, row=None, **kwargs):
        refuse_formula(value)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, dt.datetime):
            return value.time().replace(second=0, microsecond=0)
        if isinstance(value, dt.time):
            return value.replace(second=0, microsecond=0)
        text = cell_text(value).strip()
        match = TIME_PATTERN.fullmatch(text)
        try:
            if not match:
                raise ValueError
            return dt.time(int(match.group(1)), int(match.group(2)))
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a time: write hours:minutes, for example 08:30.") % {"value": text[:40]}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value


class IntegerWidget(widgets.Widget):
    """A whole number, typed as a number or as text."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value).strip()
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": text[:40]}) from None

    def render(self, value, obj=None, **kwargs):
        return value


class ChoiceWidget(widgets.Widget):
    """One of a field's choices, typed as its label (accents and case ignored) or its stored value."""

    def __init__(self, choices: Iterable[tuple[Any, Any]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.choices = list(choices)
        # The rendered labels by language: translated once per export, not once per cell.
        self._rendered: dict[str | None, dict[Any, str]] = {}

    def clean(self, value, row=None, **kwargs):
        text = " ".join(cell_text(value).split())
        if not text:
            return ""
        wanted = fold(text)
        for stored, label in self.choices:
            if wanted in (fold(str(label)), fold(str(stored))):
                return stored
        raise ValueError(
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": text[:60], "choices": "; ".join(str(label) for _stored, label in self.choices)}
        )

    def render(self, value, obj=None, **kwargs):
        language = get_language()
        labels = self._rendered.get(language)
        if labels is None:
            labels = self._rendered[language] = {}
            for stored, label in reversed(self.choices):
                labels[stored] = escape_formula(str(label))
        try:
            return labels[value]
        except (KeyError, TypeError):
            return "" if value in (None, "") else escape_formula(str(value))


class BooleanWidget(widgets.Widget):
    """ "Có" or "Không" (also x, 1, yes/no, đúng/sai); empty is "Không"."""

    YES = frozenset({"co", "x", "1", "yes", "true", "dung"})
    NO = frozenset({"", "khong", "0", "no", "false", "sai"})

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = fold(cell_text(value))
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(_("“%(value)s”: write “Có” or “Không”.") % {"value": cell_text(value)[:40]})

    def render(self, value, obj=None, **kwargs):
        return _("Yes") if value else _("No")


class LookupWidget(widgets.ForeignKeyWidget):
    """A related record by a name a person types (name or short name), never by its id.

    The names are read once per file, on the first cell: a file of 20,000 rows makes one
    query for its organisations, not one a row. An unknown name is refused with the closest
    names; a name two records share is refused as ambiguous.
    """

    def __init__(
        self,
        model: type[Model],
        *,
        keys: Iterable[str] = ("name",),
        label: Callable[[Any], str] = str,
        queryset: Callable[[], QuerySet] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(model, **kwargs)
        self.keys = tuple(keys)
        self.label = label
        self._queryset = queryset
        self._index: dict[str, list[Any]] | None = None
        self._names: list[str] = []

    def reset(self) -> None:
        """Forget the names read (a new file is read from the database again)."""
        self._index = None

    def get_queryset(self, value, row, *args, **kwargs):
        return self._queryset() if self._queryset else self.model._default_manager.all()

    def index(self) -> dict[str, list[Any]]:
        if self._index is None:
            index: dict[str, list[Any]] = {}
            names = []
            for obj in self.get_queryset(None, None):
                keys = {fold(str(self.label(obj)))}
                for key in self.keys:
                    text = getattr(obj, key, "")
                    if text:
                        keys.add(fold(str(text)))
                        names.append(str(text))
                for key in keys:
                    index.setdefault(key, []).append(obj)
            self._index = index
            self._names = names
        return self._index

    def clean(self, value, row=None, **kwargs):
        text = " ".join(cell_text(value).split())
        if not text:
            return None
        return self.find(text)

    def find(self, text: str) -> Any:
        found = self.index().get(fold(text), [])
        distinct = {obj.pk: obj for obj in found}
        if len(distinct) == 1:
            return next(iter(distinct.values()))
        if len(distinct) > 1:
            raise ValueError(
                _("“%(value)s” names several records (%(names)s): write the full name.")
                % {
                    "value": text[:80],
                    "names": "; ".join(sorted(str(self.label(obj)) for obj in distinct.values())),
                }
            )
        closest = _closest(text, self._names)
        if closest:
            raise ValueError(
                _("“%(value)s” was not found. Did you mean: %(names)s?")
                % {"value": text[:80], "names": "; ".join(closest)}
            )
        raise ValueError(
            _("“%(value)s” was not found in the %(model)s.")
            % {"value": text[:80], "model": self.model._meta.verbose_name_plural}
        )

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else escape_formula(str(self.label(value)))


class ManyLookupWidget(LookupWidget):
    """Several related records in one cell, separated by ";" or line breaks."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        found = []
        errors = []
        for part in SEPARATOR.split(text.strip()):
            if not part:
                continue
            try:
                obj = self.find(" ".join(part.split()))
            except ValueError as error:
                errors.append(str(error))
                continue
            if obj not in found:
                found.append(obj)
        if errors:
            raise ValueError(" ".join(errors))
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        # A queryset is read as it is (its prefetched records, else one query); a manager's `all()`.
        objects = value if isinstance(value, QuerySet) else value.all() if hasattr(value, "all") else value
        return escape_formula("; ".join(str(self.label(item)) for item in objects))
