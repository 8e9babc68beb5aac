"""The lists of a summary as both outputs show them: each SummaryRow sheet, its title and columns.

The workbook shows every column; the printable page leaves out those an A4 page has no room
for (addresses, the three columns of an event's dates, which it writes as one).
"""

from dataclasses import dataclass
from typing import Any, NamedTuple

from django.utils.translation import pgettext

from reports.models import SummarySheet


@dataclass(frozen=True)
class Column:
    """A column of a list: its header, the row's key, and how its values are written."""

    header: str
    key: str
    kind: str = "text"  # text, date, number, flag (Có / empty), list (joined), url, event_date
    width: int | None = None  # in the workbook, fixed; None: fit to the longest text
    workbook: bool = True
    page: bool = True


class ListSheet(NamedTuple):
    sheet: str
    title: str
    columns: list[Column]


def list_sheets() -> list[ListSheet]:
    """Each list in reading order, built in the active language."""
    return [
        ListSheet(
            SummarySheet.EVENTS,
            pgettext("summary outputs", "Events"),
            [
                Column(pgettext("summary outputs", "Date"), "start_date", "event_date", workbook=False),
                Column(pgettext("summary outputs", "Date"), "start_date", "date", 12, page=False),
                Column(pgettext("summary outputs", "Until"), "end_date", "date", 12, page=False),
                Column(pgettext("summary outputs", "Day unknown"), "day_unknown", "flag", 12, page=False),
                Column(pgettext("summary outputs", "Event"), "title"),
                Column(pgettext("summary outputs", "Kind"), "kind_label"),
                Column(pgettext("summary outputs", "Level"), "level_label"),
                Column(pgettext("summary outputs", "Format"), "format_label"),
                Column(pgettext("summary outputs", "Status"), "status_label", page=False),
                Column(pgettext("summary outputs", "Host"), "host"),
                Column(pgettext("summary outputs", "Speeches"), "speeches", "number", 12),
                Column(pgettext("summary outputs", "Address"), "url", "url", page=False),
            ],
        ),
        ListSheet(
            SummarySheet.DECISIONS,
            pgettext("summary outputs", "Decisions"),
            [
                Column(pgettext("summary outputs", "Number"), "number"),
                Column(pgettext("summary outputs", "Issued on"), "issued_on", "date", 14),
                Column(pgettext("summary outputs", "Summary of contents"), "title"),
                Column(pgettext("summary outputs", "Kind"), "kind_label"),
                Column(pgettext("summary outputs", "Issued by"), "issuer"),
                Column(pgettext("summary outputs", "Address"), "url", "url", page=False),
            ],
        ),
        ListSheet(
            SummarySheet.AGREEMENTS,
            pgettext("summary outputs", "Agreements"),
            [
                Column(pgettext("summary outputs", "Agreement"), "title"),
                Column(pgettext("summary outputs", "Number"), "number"),
                Column(pgettext("summary outputs", "Kind"), "kind_label", page=False),
                Column(pgettext("summary outputs", "Status"), "status_label"),
                Column(pgettext("summary outputs", "Signed on"), "signed_on", "date", 12),
                Column(pgettext("summary outputs", "In force from"), "covers_from", "date", 14, page=False),
                Column(pgettext("summary outputs", "In force until"), "covers_to", "date", 14, page=False),
                Column(pgettext("summary outputs", "Parties"), "parties"),
                Column(pgettext("summary outputs", "In this period"), "in_period", "list", 28),
                Column(pgettext("summary outputs", "Address"), "url", "url", page=False),
            ],
        ),
        ListSheet(
            SummarySheet.TASKS,
            pgettext("summary outputs", "Tasks"),
            [
                Column(pgettext("summary outputs", "Of agreement"), "agreement"),
                Column(pgettext("summary outputs", "Task"), "title"),
                Column(pgettext("summary outputs", "Carried out by"), "owner"),
                Column(pgettext("summary outputs", "Due on"), "due_on", "date", 12),
                Column(pgettext("summary outputs", "Status"), "status_label"),
                Column(pgettext("summary outputs", "Overdue"), "overdue", "flag", 10),
            ],
        ),
        ListSheet(
            SummarySheet.ARTICLES,
            pgettext("summary outputs", "Articles"),
            [
                Column(pgettext("summary outputs", "Published on"), "published_at", "date", 14),
                Column(pgettext("summary outputs", "Title"), "title"),
                Column(pgettext("summary outputs", "Category"), "category"),
                Column(pgettext("summary outputs", "Views"), "views", "number", 12),
                Column(pgettext("summary outputs", "Address"), "url", "url", page=False),
            ],
        ),
    ]


def in_period_words(codes: list[Any] | None) -> str:
    """What happened to an agreement in the period, in words: "ký kết; đánh giá"."""
    words = {
        "signed": pgettext("summary outputs", "signed"),
        "in_force": pgettext("summary outputs", "in force"),
        "reviewed": pgettext("summary outputs", "reviewed"),
        "ended": pgettext("summary outputs", "ended"),
    }
    return "; ".join(words.get(str(code), str(code)) for code in codes or [])
