import datetime as dt

import pytest

from portal.lib.periods import add_months


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
