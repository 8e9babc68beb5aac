"""Calendar arithmetic for review periods and reports (no Django needed).

Python's dates end on 31/12/9999: arithmetic that would leave the calendar raises
`OutOfCalendar` (a ValueError), which callers turn into a clear message or an absent link.
"""

import calendar
import datetime as dt


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
