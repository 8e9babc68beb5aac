"""Calendar arithmetic for review periods and reports (no Django needed).

Python's dates end on 31/12/9999: arithmetic that would leave the calendar raises
`OutOfCalendar` (a ValueError), which callers turn into a clear message or an absent link.
"""

import calendar
import datetime as dt
from dataclasses import dataclass


class OutOfCalendar(ValueError):
    """The date computed falls before 01/01/0001 or after 31/12/9999."""


def add_days(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days` days; OutOfCalendar past either end of the calendar."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        raise OutOfCalendar(f"{day.isoformat()} {days:+d} days is outside the calendar") from None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end: 31/08 + 6 months = 28/02 (29/02).

    OutOfCalendar past either end of the calendar."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OutOfCalendar(f"{day.isoformat()} {months:+d} months is outside the calendar")
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


class PeriodKind:
    """How a reporting period is named: a calendar year, a half of one, or explicit dates."""

    YEAR = "year"
    HALF = "half"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Period:
    """A reporting period, both ends included. H1 is 01/01–30/06, H2 01/07–31/12.

    Build one with `Period.of_year`, `Period.of_half` or `Period.between`; each raises
    ValueError (OutOfCalendar for years past the calendar) for a period that cannot exist.
    """

    kind: str
    start: dt.date
    end: dt.date
    year: int | None = None
    half: int | None = None

    @classmethod
    def of_year(cls, year: int) -> "Period":
        if not dt.MINYEAR <= year <= dt.MAXYEAR:
            raise OutOfCalendar(f"year {year} is outside the calendar")
        return cls(PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31), year=year)

    @classmethod
    def of_half(cls, year: int, half: int) -> "Period":
        if half not in (1, 2):
            raise ValueError(f"a year has halves 1 and 2, not {half}")
        if not dt.MINYEAR <= year <= dt.MAXYEAR:
            raise OutOfCalendar(f"year {year} is outside the calendar")
        if half == 1:
            return cls(PeriodKind.HALF, dt.date(year, 1, 1), dt.date(year, 6, 30), year=year, half=1)
        return cls(PeriodKind.HALF, dt.date(year, 7, 1), dt.date(year, 12, 31), year=year, half=2)

    @classmethod
    def between(cls, start: dt.date, end: dt.date) -> "Period":
        """Explicit dates; a whole calendar year or half is named as such."""
        if start > end:
            raise ValueError(f"the period starts on {start.isoformat()}, after its end {end.isoformat()}")
        if start.year == end.year and (start.month, start.day) == (1, 1):
            if (end.month, end.day) == (12, 31):
                return cls.of_year(start.year)
            if (end.month, end.day) == (6, 30):
                return cls.of_half(start.year, 1)
        if start.year == end.year and (start.month, start.day, end.month, end.day) == (7, 1, 12, 31):
            return cls.of_half(start.year, 2)
        return cls(PeriodKind.CUSTOM, start, end)

    @classmethod
    def last_ended(cls, today: dt.date, kind: str) -> "Period":
        """The year or half-year that ended most recently before `today`."""
        if kind == PeriodKind.YEAR:
            return cls.of_year(today.year - 1)
        if kind == PeriodKind.HALF:
            return cls.of_half(today.year, 1) if today.month > 6 else cls.of_half(today.year - 1, 2)
        raise ValueError(f"no period of kind {kind!r} ends on its own")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The comparable period before: the year, the half, or as many days just before."""
        if self.kind == PeriodKind.YEAR:
            return Period.of_year(self.start.year - 1)
        if self.kind == PeriodKind.HALF:
            return (
                Period.of_half(self.start.year, 1)
                if self.half == 2
                else Period.of_half(self.start.year - 1, 2)
            )
        end = add_days(self.start, -1)
        last_of_month = calendar.monthrange(self.end.year, self.end.month)[1]
        if self.start.day == 1 and self.end.day == last_of_month:  # whole months: as many months before
            return Period.between(add_months(self.start, -len(self.months())), end)
        return Period(PeriodKind.CUSTOM, add_days(end, 1 - self.days), end)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, other: "Period") -> bool:
        return self.start <= other.end and other.start <= self.end

    def months(self) -> list[tuple[int, int]]:
        """The (year, month) pairs the period touches, in order."""
        months, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months
