"""The two spreadsheet formats the portal reads and writes: Excel workbooks (.xlsx) and CSV.

Reading: the first sheet of a workbook, formula cells kept as `Formula` (which no widget
accepts, so a formula is a per-row error rather than a silently lost value), trailing empty
rows dropped, so a data row's number plus one is its row in the sheet. A file that is not a
spreadsheet, or has no header, is a `SpreadsheetError` with a Vietnamese message.

Writing: openpyxl's write-only mode (rows go to disk as they come, memory stays flat however
many there are), a bold frozen header, dates as real date cells shown dd/mm/yyyy, and every
string that a spreadsheet would run as a formula escaped. CSV is UTF-8 with a byte-order mark,
which Excel needs to read Vietnamese letters.
"""

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

import tablib
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from portal.exchange.widgets import Formula, escape_formula

DATE_FORMAT = "DD/MM/YYYY"
TIME_FORMAT = "HH:MM"
PROGRESS_EVERY = 1000
MAX_COLUMNS = 200

Progress = Callable[[int], None]


class SpreadsheetError(ValueError):
    """The uploaded file cannot be read as a spreadsheet; the message says why, in Vietnamese."""


def _not_a_spreadsheet() -> SpreadsheetError:
    return SpreadsheetError(
        _("The file is not a spreadsheet: upload an Excel workbook (.xlsx) or a CSV file.")
    )


def _dataset(rows: Iterable[Sequence[Any]]) -> tablib.Dataset:
    """A dataset of a header row and data rows, trailing empty rows dropped."""
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None or not any(_filled(value) for value in header):
        raise SpreadsheetError(_("The file is empty: its first row must hold the column headers."))
    headers = [" ".join(str(value).split()) if value is not None else "" for value in header]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise SpreadsheetError(_("The file has more than %(count)d columns.") % {"count": MAX_COLUMNS})
    width = len(headers)
    data = []
    for row in iterator:
        values = list(row[:width]) + [None] * (width - len(row))
        data.append(values)
    while data and not any(_filled(value) for value in data[-1]):
        data.pop()
    if not data:
        raise SpreadsheetError(_("The file has column headers but no rows of data."))
    dataset = tablib.Dataset(headers=headers)
    for values in data:
        dataset.append(values)
    return dataset


def _filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def read_xlsx(content: bytes) -> tablib.Dataset:
    if not content:
        raise SpreadsheetError(_("The file is empty."))
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise _not_a_spreadsheet() from None
    try:
        sheet = book.worksheets[0]
        rows = (
            [Formula(cell.value) if cell.data_type == "f" else cell.value for cell in row]
            for row in sheet.iter_rows()
        )
        return _dataset(rows)
    finally:
        book.close()


def read_csv(content: bytes | str) -> tablib.Dataset:
    if not content:
        raise SpreadsheetError(_("The file is empty."))
    if isinstance(content, bytes):
        if content.startswith(b"PK\x03\x04"):
            # A workbook sent as CSV: read it as what it is.
            return read_xlsx(content)
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1258", errors="replace")
    else:
        text = content.removeprefix("\ufeff")
    if "\x00" in text:
        raise _not_a_spreadsheet()
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        rows = [
            [Formula(value) if value.startswith("=") else value for value in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error:
        raise _not_a_spreadsheet() from None
    return _dataset(rows)


def _cell_value(value: Any) -> Any:
    if isinstance(value, str):
        return escape_formula(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def write_xlsx(
    stream: IO[bytes],
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str = "",
    progress: Progress | None = None,
) -> int:
    """Write a workbook of `headers` and `rows` to `stream`; returns the number of rows."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(
        title=(ILLEGAL_CHARACTERS_RE.sub("", title).translate(str.maketrans("", "", "[]:*?/\\")) or "Sheet")[
            :31
        ]
    )
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=_cell_value(str(header)))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for row in rows:
        sheet.append([_write_cell(sheet, value) for value in row])
        count += 1
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
    book.save(stream)
    return count


def _write_cell(sheet: Any, value: Any) -> Any:
    # Text, numbers and empty cells first: most cells are one of them.
    kind = type(value)
    if kind is str:
        return escape_formula(ILLEGAL_CHARACTERS_RE.sub("", value))
    if value is None or kind is int or kind is float or kind is bool:
        return value
    if isinstance(value, dt.datetime):
        # A workbook's times have no zone: they are written as read in Hà Nội.
        cell = WriteOnlyCell(sheet, value=_local(value))
        cell.number_format = f"{DATE_FORMAT} {TIME_FORMAT}"
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, dt.time):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = TIME_FORMAT
        return cell
    return _cell_value(value)


def _local(value: dt.datetime) -> dt.datetime:
    """An aware time as the wall clock of the portal's zone shows it, without its zone."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return _local(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return escape_formula(str(value))


def write_csv(
    stream: IO[str],
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    progress: Progress | None = None,
) -> int:
    """Write a UTF-8 CSV (with a byte-order mark) of `headers` and `rows` to the text `stream`."""
    stream.write("\ufeff")
    writer = csv.writer(stream)
    writer.writerow([_csv_text(header) for header in headers])
    count = 0
    for row in rows:
        writer.writerow([_csv_text(value) for value in row])
        count += 1
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
    return count


class XLSX(base_formats.XLSX):
    """Excel workbooks, read and written as described at the top of this module."""

    def create_dataset(self, in_stream, **kwargs):
        return read_xlsx(in_stream if isinstance(in_stream, bytes) else in_stream.encode())

    def export_data(self, dataset, **kwargs):
        stream = io.BytesIO()
        write_xlsx(stream, dataset.headers or [], dataset, title=dataset.title or "")
        return stream.getvalue()


class CSV(base_formats.CSV):
    """CSV, read from bytes in any of the encodings Vietnamese spreadsheets are saved in."""

    def get_read_mode(self):
        return "rb"

    def is_binary(self):
        return True

    def create_dataset(self, in_stream, **kwargs):
        return read_csv(in_stream)

    def export_data(self, dataset, **kwargs):
        stream = io.StringIO()
        write_csv(stream, dataset.headers or [], dataset)
        return stream.getvalue().encode("utf-8")


FORMATS = [XLSX, CSV]
