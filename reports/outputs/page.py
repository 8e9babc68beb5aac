"""What the printable page of a summary shows, read from its snapshot and the first rows of each list.

The page has the workbook's figures: the indicators with the previous period and the change,
the charts (drawn as SVG by reports.charts), the highlights, the sections of the units' reports,
and the first LIST_LIMIT records of each list, with how many more the workbook holds.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext, pgettext

from reports import charts
from reports.models import Summary, SummaryRow
from reports.outputs.columns import Column, in_period_words, list_sheets
from reports.outputs.values import day

LIST_LIMIT = 50


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""
    numeric: bool = False


@dataclass
class PageList:
    """One list of the page: its first rows as cells, and how many more the workbook holds."""

    sheet: str
    title: str
    headers: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    count: int = 0

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)


def summary_page(summary: Summary) -> dict[str, Any]:
    """The printable page's context (one query: the first rows of every list)."""
    snapshot = summary.snapshot
    counts = snapshot.get("counts", {})
    lists = {
        sheet: PageList(sheet, title, [c for c in columns if c.page], count=counts.get(sheet, 0))
        for sheet, title, columns in list_sheets()
    }
    first_rows = (
        SummaryRow.objects.filter(summary=summary, position__lt=LIST_LIMIT)
        .order_by("sheet", "position")
        .values_list("sheet", "data")
    )
    for sheet, data in first_rows:
        if sheet in lists:
            lists[sheet].rows.append([cell(column, data) for column in lists[sheet].headers])
    for page_list in lists.values():  # a snapshot's count is never fewer than the rows shown
        page_list.count = max(page_list.count, len(page_list.rows))
    highlights = snapshot.get("highlights", {})
    return {
        "summary": summary,
        "title": snapshot.get("title", summary.title),
        "scope": snapshot.get("scope", {}),
        "period": _period(snapshot.get("period", {})),
        "previous": _period(snapshot.get("previous", {})),
        "indicator_groups": indicator_groups(snapshot.get("indicators", [])),
        "charts": summary_charts(snapshot),
        "highlights": {
            "events": [dict(row, day=event_day(row)) for row in highlights.get("events", [])],
            "decisions": [
                dict(row, day=day(row.get("issued_on"))) for row in highlights.get("decisions", [])
            ],
            "agreements": [
                dict(row, day=day(row.get("signed_on")), happened=in_period_words(row.get("in_period")))
                for row in highlights.get("agreements", [])
            ],
            "articles": [
                dict(row, day=day(row.get("published_at")), views_text=charts.number(row.get("views") or 0))
                for row in highlights.get("articles", [])
            ],
        },
        "reports": snapshot.get("reports", []),
        "lists": list(lists.values()),
        "list_limit": LIST_LIMIT,
    }


def indicator_groups(indicators: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The indicators under their group, in catalogue order, each with its figures written out."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for indicator in indicators:
        change, percent = indicator.get("change") or 0, indicator.get("change_percent")
        groups.setdefault(indicator.get("group_label", ""), []).append(
            dict(
                indicator,
                value_text=charts.number(indicator.get("value") or 0),
                previous_text=charts.number(indicator.get("previous") or 0),
                change_text=_signed(change),
                percent_text="—" if percent is None else f"{_signed(percent)} %",
                trend="up" if change > 0 else "down" if change < 0 else "same",
            )
        )
    return list(groups.items())


def summary_charts(snapshot: dict[str, Any]) -> dict[str, SafeString]:
    """The four charts of a summary, as the printable page (and the dashboard) draw them."""
    months = [charts.month_label(month) for month in snapshot.get("months", [])]
    kinds = [charts.Series(k["label"], k["counts"]) for k in snapshot.get("events_by_month", [])]
    articles = snapshot.get("articles_by_month", {})
    published = articles.get("published", [0] * len(months))
    views = articles.get("views", [0] * len(months))
    return {
        "events": charts.stacked_bars(
            title=pgettext("summary outputs", "Events per month by kind"),
            labels=months,
            series=charts.at_most(kinds, other=pgettext("summary outputs", "Other kinds")),
        ),
        "articles": charts.bars_and_line(
            title=pgettext("summary outputs", "Articles published and their views per month"),
            labels=months,
            bars=charts.Series(pgettext("summary outputs", "Published"), published),
            line=charts.Series(pgettext("summary outputs", "Views"), views),
        ),
        "agreements": charts.horizontal_bars(
            title=pgettext("summary outputs", "Agreements by status"),
            items=[(s["label"], s["count"]) for s in snapshot.get("agreements_status", [])],
        ),
        "tasks": charts.horizontal_bars(
            title=pgettext("summary outputs", "Agreement tasks by status"),
            items=[(s["label"], s["count"]) for s in snapshot.get("tasks_status", [])],
        ),
    }


def cell(column: Column, data: dict[str, Any]) -> Cell:
    """One value of a row as the page writes it; a title links to the record."""
    value = data.get(column.key)
    if column.kind == "event_date":
        return Cell(event_day(data))
    if column.kind == "date":
        return Cell(day(value))
    if column.kind == "number":
        return Cell(charts.number(value) if isinstance(value, int | float) else "", numeric=True)
    if column.kind == "flag":
        return Cell(pgettext("summary outputs", "Yes") if value else "")
    if column.kind == "list":
        return Cell(in_period_words(value))
    link = str(data.get("url") or "") if column.key == "title" else ""
    return Cell("" if value is None else str(value), url=link)


def event_day(row: dict[str, Any]) -> str:
    """When an event was held: "13/05/2021", "13/05/2021 – 14/05/2021", or a span when the day is unknown."""
    start, end = day(row.get("start_date")), day(row.get("end_date"))
    if row.get("day_unknown"):
        return gettext("between %(start)s and %(end)s (day unknown)") % {"start": start, "end": end or start}
    if end and end != start:
        return f"{start} – {end}"
    return start


def _period(period: dict[str, Any]) -> dict[str, str]:
    label = period.get("label", "")
    return {"label": label, "start": day(period.get("start")), "end": day(period.get("end"))}


def _signed(value: float) -> str:
    text = charts.number(abs(value))
    return f"+{text}" if value > 0 else f"−{text}" if value < 0 else text
