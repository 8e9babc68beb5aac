"""The preview of an import: the dry run's rows by spreadsheet row, refused ones with their reasons."""

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import pgettext_lazy
from import_export.results import RowResult

# Rows of the preview shown whole; the refused rows are all listed above it however many there are.
PREVIEW_ROWS = 200

ROW_KINDS = {
    RowResult.IMPORT_TYPE_NEW: pgettext_lazy("import row", "new"),
    RowResult.IMPORT_TYPE_UPDATE: pgettext_lazy("import row", "updated"),
    RowResult.IMPORT_TYPE_SKIP: pgettext_lazy("import row", "unchanged"),
    RowResult.IMPORT_TYPE_INVALID: pgettext_lazy("import row", "cannot be imported"),
    RowResult.IMPORT_TYPE_ERROR: pgettext_lazy("import row", "cannot be imported"),
}


def import_preview(result, resource_class) -> dict | None:
    """The dry run's rows as the preview shows them: each with its spreadsheet row number (the
    header is row 1), what the import would do and the cells read; the refused rows with their
    reasons, each named by its column."""
    if not result.rows:
        return None
    resource = resource_class()
    headers = resource.import_columns()
    columns = {name: str(field.column_name) for name, field in resource.fields.items()}
    invalid = iter(result.invalid_rows)
    failed = iter(result.error_rows)
    rows, refused = [], []
    totals = dict.fromkeys(("new", "update", "skip", "invalid"), 0)
    for index, row in enumerate(result.rows):
        # The library numbers data rows from 1; the spreadsheet's first data row is row 2.
        number, reasons = index + 2, []
        if row.import_type == RowResult.IMPORT_TYPE_INVALID:
            invalid_row = next(invalid, None)
            if invalid_row is not None:
                number = invalid_row.number + 1
                for column, errors in invalid_row.error_dict.items():
                    label = columns.get(column, column)
                    reasons += [
                        str(error) if column == NON_FIELD_ERRORS else f"{label}: {error}" for error in errors
                    ]
        elif row.import_type == RowResult.IMPORT_TYPE_ERROR:
            error_row = next(failed, None)
            if error_row is not None:
                number = error_row.number + 1
            reasons = [str(error.error) for error in row.errors]
        refused_row = row.import_type in (RowResult.IMPORT_TYPE_INVALID, RowResult.IMPORT_TYPE_ERROR)
        kind = "invalid" if refused_row else row.import_type
        totals[kind] = totals.get(kind, 0) + 1
        values = row.row_values or {}
        entry = {
            "number": number,
            "kind": kind,
            "label": ROW_KINDS.get(row.import_type, ""),
            "values": [_cell(values.get(header)) for header in headers],
            "messages": reasons,
        }
        if refused_row:
            refused.append(entry)
        rows.append(entry)
    return {
        "headers": headers,
        "rows": rows[:PREVIEW_ROWS],
        "more": max(0, len(rows) - PREVIEW_ROWS),
        "refused": refused,
        "totals": totals,
    }


def _cell(value) -> str:
    """A cell as the preview shows it: dates as dd/mm/yyyy, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
