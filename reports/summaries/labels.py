"""Labels of a summary, in Vietnamese once translated: periods, titles, choices, addresses."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Choices
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext

from portal.lib.periods import Period, PeriodKind
from reports import indicators


def period_label(period: Period) -> str:
    """ "6 tháng đầu năm 2021", "năm 2021" or "từ 01/03/2021 đến 31/05/2021"."""
    if period.kind == PeriodKind.YEAR:
        return gettext("year %(year)s") % {"year": period.start.year}
    if period.kind == PeriodKind.HALF:
        if period.half == 1:
            return gettext("first half of %(year)s") % {"year": period.start.year}
        return gettext("second half of %(year)s") % {"year": period.start.year}
    return gettext("from %(start)s to %(end)s") % {
        "start": f"{period.start:%d/%m/%Y}",
        "end": f"{period.end:%d/%m/%Y}",
    }


def summary_title(scope_label: str, period: Period) -> str:
    """ "Tổng hợp 6 tháng đầu năm 2021 — Học viện Chính trị khu vực II"."""
    return gettext("Summary of %(period)s — %(scope)s") % {
        "period": period_label(period),
        "scope": scope_label,
    }


def url_of(name: str) -> Callable[[str], str]:
    """The address of a record's page by its slug, reversed once rather than once per row
    (slugs are ASCII letters, digits and hyphens: nothing to quote)."""
    prefix, suffix = reverse(name, args=["0slug0"]).split("0slug0")
    return lambda slug: f"{prefix}{slug}{suffix}"


def group_label(group: str) -> str:
    return capfirst(str(indicators.GROUP_LABELS.get(group, group)))


def choice_labels(choices: type[Choices]) -> dict[Any, str]:
    return {value: capfirst(str(label)) for value, label in choices.choices}


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def change_percent(value: int, previous: int) -> float | None:
    return round(100 * (value - previous) / previous, 1) if previous else None
