"""A summary's XLSX workbook, written from its snapshot and its rows only (never the records).

Its words are translated in the context "summary outputs" (shared with the printable page):
the same English words ("Title", "Number") are translated otherwise elsewhere in the portal.

openpyxl's write-only mode keeps one row in memory at a time and the rows are read from the
database in chunks, so a system-wide summary of a hundred thousand rows streams through in
flat memory. In that mode column widths must be set before the first row, so they are measured
beforehand in the database (the longest text of each column: one query for all the sheets).

Text that a spreadsheet would take for a formula (starting with = + - @, a tab or CR) is
stored as a string marked as quoted text: a title typed "=HYPERLINK(…)" stays a title.
"""

import math
from collections.abc import Callable, Iterable
from typing import IO, Any

from django.db.models import Max, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Length
from django.utils import translation
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart._chart import ChartBase
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from reports.charts import month_label
from reports.models import Summary, SummaryRow
from reports.outputs.columns import Column, ListSheet, in_period_words, list_sheets
from reports.outputs.values import to_date

CHUNK_SIZE = 2000
DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = "0.0%"
SCOPE_AND_PERIODS = ("scope", "period", "previous")
COUNT_FORMAT = "#,##0"  # shown with the reader's separator: 3.068 in Vietnamese
WIDEST = 60  # characters: a long title wraps past this rather than widening the sheet
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")


def summary_workbook(summary: Summary, stream: IO[bytes], *, base_url: str = "") -> None:
    """Write `summary` as an XLSX workbook to `stream`, in Vietnamese whatever the request's language.

    `base_url` ("https://host") makes the records' addresses absolute."""
    with translation.override("vi"):
        workbook = Workbook(write_only=True)
        snapshot = summary.snapshot
        _summary_sheet(workbook.create_sheet(pgettext("summary outputs", "Summary")), snapshot)
        _chart_sheet(workbook.create_sheet(pgettext("summary outputs", "Charts")), snapshot)
        sheets = list_sheets()
        widths = _measured_widths(summary, sheets)
        for sheet, title, columns in sheets:
            rows = (
                SummaryRow.objects.filter(summary=summary, sheet=sheet)
                .order_by("position")
                .values_list("position", "data")
                .iterator(chunk_size=CHUNK_SIZE)
            )
            shown = [column for column in columns if column.workbook]
            _list_sheet(workbook.create_sheet(title), shown, widths.get(sheet, {}), rows, base_url)
        workbook.save(stream)


# --- the sheets -------------------------------------------------------------------------


def _summary_sheet(ws: WriteOnlyWorksheet, snapshot: dict[str, Any]) -> None:
    """The title, scope and both periods, then the indicators with the previous period and the change."""
    indicators = snapshot.get("indicators", [])
    header = [
        pgettext("summary outputs", "Group"),
        pgettext("summary outputs", "Indicator"),
        pgettext("summary outputs", "Unit"),
        pgettext("summary outputs", "This period"),
        pgettext("summary outputs", "Previous period"),
        pgettext("summary outputs", "Change"),
        "%",
    ]
    _set_widths(
        ws,
        [
            _fit(
                [header[0], pgettext("summary outputs", "Scope"), pgettext("summary outputs", "Period")],
                (i.get("group_label", "") for i in indicators),
            ),
            _fit(
                [header[1], *(snapshot.get(part, {}).get("label", "") for part in SCOPE_AND_PERIODS)],
                (i.get("label", "") for i in indicators),
            ),
            max(12, _fit([header[2]], (i.get("unit", "") for i in indicators))),
            14,
            14,
            12,
            10,
        ],
    )
    ws.freeze_panes = "A7"
    scope, period, previous = (
        snapshot.get("scope", {}),
        snapshot.get("period", {}),
        snapshot.get("previous", {}),
    )
    ws.append([_text_cell(ws, snapshot.get("title", ""), font=TITLE)])
    ws.append(
        [
            _text_cell(ws, pgettext("summary outputs", "Scope"), font=BOLD),
            _text_cell(ws, scope.get("label", "")),
            pgettext("summary outputs", "Organisations"),
            scope.get("organizations"),
        ]
    )
    for name, value in (
        (pgettext("summary outputs", "Period"), period),
        (pgettext("summary outputs", "Previous period"), previous),
    ):
        ws.append(
            [
                _text_cell(ws, name, font=BOLD),
                _text_cell(ws, value.get("label", "")),
                _date_cell(ws, value.get("start")),
                _date_cell(ws, value.get("end")),
            ]
        )
    ws.append([])
    ws.append([_header_cell(ws, text) for text in header])
    for indicator in indicators:
        percent = indicator.get("change_percent")
        ws.append(
            [
                _text_cell(ws, indicator.get("group_label", "")),
                _text_cell(ws, indicator.get("label", "")),
                _text_cell(ws, indicator.get("unit", "")),
                _number_cell(ws, indicator.get("value"), COUNT_FORMAT),
                _number_cell(ws, indicator.get("previous"), COUNT_FORMAT),
                _number_cell(ws, indicator.get("change"), COUNT_FORMAT),
                _number_cell(ws, None if percent is None else percent / 100, PERCENT_FORMAT),
            ]
        )


def _chart_sheet(ws: WriteOnlyWorksheet, snapshot: dict[str, Any]) -> None:
    """The monthly figures as two blocks of data, and the native charts drawn from them: events per
    month stacked by kind, articles published (bars) with their views (line, right axis)."""
    months = [month_label(m) for m in snapshot.get("months", [])]
    kinds = snapshot.get("events_by_month", [])
    articles = snapshot.get("articles_by_month", {})
    # Column B and C head both blocks: a kind's name above, "Published" and "Views" below.
    below = [pgettext("summary outputs", "Published"), pgettext("summary outputs", "Views")]
    heads = [[k.get("label", "")] for k in kinds] + [[] for _ in range(len(below) - len(kinds))]
    for index, text in enumerate(below):
        heads[index].append(text)
    _set_widths(ws, [12] + [max(12, _fit(texts, [])) for texts in heads])
    ws.append([_text_cell(ws, pgettext("summary outputs", "Events per month by kind"), font=BOLD)])
    ws.append(
        [_header_cell(ws, pgettext("summary outputs", "Month"))]
        + [_header_cell(ws, k.get("label", "")) for k in kinds]
    )
    for i, month in enumerate(months):
        ws.append([month] + [k["counts"][i] for k in kinds])
    events_end = 2 + len(months)
    ws.append([])
    ws.append([_text_cell(ws, pgettext("summary outputs", "Articles per month"), font=BOLD)])
    top = events_end + 3
    ws.append(
        [
            _header_cell(ws, pgettext("summary outputs", "Month")),
            _header_cell(ws, pgettext("summary outputs", "Published")),
            _header_cell(ws, pgettext("summary outputs", "Views")),
        ]
    )
    published, views = articles.get("published", []), articles.get("views", [])
    for i, month in enumerate(months):
        ws.append([month, published[i] if i < len(published) else 0, views[i] if i < len(views) else 0])
    if not months:
        return
    anchor = get_column_letter(len(kinds) + 3)
    if kinds:
        events = BarChart()
        events.type, events.grouping, events.overlap = "col", "stacked", 100
        events.title = pgettext("summary outputs", "Events per month by kind")
        events.y_axis.title = pgettext("summary outputs", "Events")
        events.add_data(
            Reference(ws, min_col=2, max_col=1 + len(kinds), min_row=2, max_row=events_end),
            titles_from_data=True,
        )
        events.set_categories(Reference(ws, min_col=1, min_row=3, max_row=events_end))
        events.width, events.height = 18, 9
        highest = max((sum(k["counts"][i] for k in kinds) for i in range(len(months))), default=0)
        _laid_out(events, count_axis_top=highest)
        ws.add_chart(events, f"{anchor}2")
    bars = BarChart()
    bars.title = pgettext("summary outputs", "Articles per month")
    bars.y_axis.title = pgettext("summary outputs", "Published")
    bars.add_data(Reference(ws, min_col=2, min_row=top, max_row=top + len(months)), titles_from_data=True)
    bars.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=top + len(months)))
    line = LineChart()
    line.add_data(Reference(ws, min_col=3, min_row=top, max_row=top + len(months)), titles_from_data=True)
    line.y_axis.axId, line.y_axis.title, line.y_axis.crosses = (
        200,
        pgettext("summary outputs", "Views"),
        "max",
    )
    line.series[0].smooth = False  # the figures of months, not a curve between them
    _laid_out(line)
    bars += line
    bars.width, bars.height = 18, 9
    _laid_out(bars, count_axis_top=max(published, default=0))
    ws.add_chart(bars, f"{anchor}22")


def _laid_out(chart: ChartBase, *, count_axis_top: int | None = None) -> None:
    """Axes shown (openpyxl 3.1 leaves `delete` unset, and Excel then hides them), the legend
    under the plot, and whole steps on an axis of counts."""
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if chart.legend is not None:
        chart.legend.position = "b"
    if count_axis_top is not None:
        chart.y_axis.majorUnit = max(1, math.ceil(count_axis_top / 5))


def _list_sheet(
    ws: WriteOnlyWorksheet,
    columns: list[Column],
    widths: dict[str, int],
    rows: Iterable[tuple[int, dict[str, Any]]],
    base_url: str,
) -> None:
    """A numbered list of records under a frozen header row."""
    number = pgettext("summary outputs", "No.")
    _set_widths(
        ws, [6] + [column.width or widths.get(column.key, _fit([column.header], [])) for column in columns]
    )
    ws.freeze_panes = "B2"
    ws.append([_header_cell(ws, number)] + [_header_cell(ws, column.header) for column in columns])
    writers = [_WRITERS[column.kind] for column in columns]
    for position, data in rows:
        ws.append(
            [position + 1]
            + [
                write(ws, data.get(column.key), base_url)
                for column, write in zip(columns, writers, strict=True)
            ]
        )


def _measured_widths(summary: Summary, sheets: list[ListSheet]) -> dict[str, dict[str, int]]:
    """Each text column's width: its longest text or header plus a margin, at most WIDEST (one query)."""
    measures = {}
    for sheet, _title, columns in sheets:
        for column in columns:
            if column.workbook and column.width is None:
                measures[f"{sheet}__{column.key}"] = Max(
                    Length(KT(f"data__{column.key}")), filter=Q(sheet=sheet)
                )
    longest = SummaryRow.objects.filter(summary=summary).aggregate(**measures)
    widths: dict[str, dict[str, int]] = {}
    for sheet, _title, columns in sheets:
        for column in columns:
            if column.workbook and column.width is None:
                length = longest[f"{sheet}__{column.key}"] or 0
                widths.setdefault(sheet, {})[column.key] = min(max(length, len(column.header)) + 2, WIDEST)
    return widths


# --- cells ------------------------------------------------------------------------------


def _set_widths(ws: WriteOnlyWorksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def _fit(headers: Iterable[str], texts: Iterable[str]) -> int:
    return min(max((len(text) for text in [*headers, *texts]), default=8) + 2, WIDEST)


def _text_cell(ws: WriteOnlyWorksheet, value: Any, *, font: Font | None = None) -> Cell | str:
    """A string cell; formula-looking text is kept as quoted text, and characters XML forbids are dropped."""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if not text.startswith(FORMULA_STARTS) and font is None:
        return text
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    if font is not None:
        cell.font = font
    return cell


def _header_cell(ws: WriteOnlyWorksheet, text: str) -> Cell:
    cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", text))
    cell.data_type = "s"
    cell.font, cell.fill = BOLD, HEADER_FILL
    return cell


def _date_cell(ws: WriteOnlyWorksheet, value: str | None) -> Cell | None:
    day = to_date(value)
    if day is None:
        return None
    cell = WriteOnlyCell(ws, value=day)
    cell.number_format = DATE_FORMAT
    return cell


def _number_cell(ws: WriteOnlyWorksheet, value: float | None, number_format: str) -> Cell | None:
    if value is None:
        return None
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = number_format
    return cell


def _write_text(ws: WriteOnlyWorksheet, value: Any, base_url: str) -> Any:
    return None if value is None or value == "" else _text_cell(ws, value)


def _write_date(ws: WriteOnlyWorksheet, value: Any, base_url: str) -> Any:
    return _date_cell(ws, value)


def _write_number(ws: WriteOnlyWorksheet, value: Any, base_url: str) -> Any:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _write_flag(ws: WriteOnlyWorksheet, value: Any, base_url: str) -> Any:
    return pgettext("summary outputs", "Yes") if value else None


def _write_list(ws: WriteOnlyWorksheet, value: Any, base_url: str) -> Any:
    return _text_cell(ws, in_period_words(value)) if value else None


def _write_url(ws: WriteOnlyWorksheet, value: Any, base_url: str) -> Any:
    if not value:
        return None
    return _text_cell(ws, f"{base_url}{value}" if str(value).startswith("/") else value)


_WRITERS: dict[str, Callable[[WriteOnlyWorksheet, Any, str], Any]] = {
    "text": _write_text,
    "date": _write_date,
    "number": _write_number,
    "flag": _write_flag,
    "list": _write_list,
    "url": _write_url,
}
