import datetime as dt

import pytest

from portal.lib.periods import OutOfCalendar, add_days, add_months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2020, 2, 25), 18, dt.date(2021, 8, 25)),
        (dt.date(2024, 11, 19), 12, dt.date(2025, 11, 19)),
        (dt.date(2021, 8, 31), 6, dt.date(2022, 2, 28)),
        (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),
        (dt.date(2021, 12, 15), 1, dt.date(2022, 1, 15)),
        (dt.date(2021, 5, 13), 0, dt.date(2021, 5, 13)),
    ],
)
def test_add_months_keeps_the_day_or_clamps_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("day", "months"),
    [
        (dt.date(9999, 12, 20), 1),
        (dt.date(9998, 8, 1), 18),
        (dt.date(1, 1, 31), -1),
        (dt.date(2024, 11, 19), 40000 * 12),
    ],
)
def test_add_months_past_the_calendar_is_refused(day, months):
    with pytest.raises(OutOfCalendar):
        add_months(day, months)


def test_add_days_refuses_to_leave_the_calendar_and_keeps_the_last_day_reachable():
    assert add_days(dt.date(9999, 12, 30), 1) == dt.date(9999, 12, 31)
    with pytest.raises(OutOfCalendar):
        add_days(dt.date(9999, 12, 31), 1)
    with pytest.raises(OutOfCalendar):
        add_days(dt.date(1, 1, 1), -1)
