import datetime as dt

import pytest

from portal.lib.periods import OutOfCalendar, Period, PeriodKind, add_days, add_months


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


def test_a_year_runs_from_the_first_of_january_to_the_last_of_december():
    year = Period.of_year(2024)
    assert (year.kind, year.start, year.end, year.year, year.half) == (
        PeriodKind.YEAR,
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
        2024,
        None,
    )
    assert year.days == 366


def test_the_halves_split_on_the_first_of_july():
    first, second = Period.of_half(2025, 1), Period.of_half(2025, 2)
    assert (first.kind, first.start, first.end, first.half) == (
        PeriodKind.HALF,
        dt.date(2025, 1, 1),
        dt.date(2025, 6, 30),
        1,
    )
    assert (second.start, second.end, second.half) == (dt.date(2025, 7, 1), dt.date(2025, 12, 31), 2)
    assert first.contains(dt.date(2025, 6, 30)) and not first.contains(dt.date(2025, 7, 1))
    assert second.contains(dt.date(2025, 7, 1)) and not second.contains(dt.date(2025, 6, 30))
    assert not first.overlaps(second)
    assert first.overlaps(Period.between(dt.date(2025, 6, 30), dt.date(2025, 7, 1)))


@pytest.mark.parametrize("half", [0, 3, -1])
def test_a_year_has_two_halves(half):
    with pytest.raises(ValueError, match=f"not {half}") as raised:
        Period.of_half(2025, half)
    assert not isinstance(raised.value, OutOfCalendar)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31), Period.of_year(2025)),
        (dt.date(2025, 1, 1), dt.date(2025, 6, 30), Period.of_half(2025, 1)),
        (dt.date(2025, 7, 1), dt.date(2025, 12, 31), Period.of_half(2025, 2)),
        (dt.date(9999, 7, 1), dt.date(9999, 12, 31), Period.of_half(9999, 2)),
        (dt.date(1, 1, 1), dt.date(1, 12, 31), Period.of_year(1)),
    ],
)
def test_explicit_dates_of_a_whole_year_or_half_name_it(start, end, expected):
    assert Period.between(start, end) == expected


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2024, 1, 1), dt.date(2025, 12, 31)),  # two years
        (dt.date(2025, 1, 2), dt.date(2025, 12, 31)),
        (dt.date(2025, 1, 1), dt.date(2025, 6, 29)),
        (dt.date(2025, 7, 1), dt.date(2026, 6, 30)),  # a year, not a calendar one
        (dt.date(2025, 6, 30), dt.date(2025, 6, 30)),
    ],
)
def test_other_explicit_dates_stay_explicit(start, end):
    period = Period.between(start, end)
    assert (period.kind, period.start, period.end, period.year, period.half) == (
        PeriodKind.CUSTOM,
        start,
        end,
        None,
        None,
    )


def test_a_period_cannot_start_after_it_ends():
    with pytest.raises(ValueError, match="starts on 2025-07-01, after its end 2025-06-30"):
        Period.between(dt.date(2025, 7, 1), dt.date(2025, 6, 30))


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (Period.of_year(2025), Period.of_year(2024)),
        (Period.of_half(2025, 1), Period.of_half(2024, 2)),
        (Period.of_half(2025, 2), Period.of_half(2025, 1)),
        # As many days just before.
        (
            Period.between(dt.date(2025, 3, 10), dt.date(2025, 3, 20)),
            Period.between(dt.date(2025, 2, 27), dt.date(2025, 3, 9)),
        ),
        (
            Period.between(dt.date(2025, 3, 31), dt.date(2025, 4, 30)),
            Period.between(dt.date(2025, 2, 28), dt.date(2025, 3, 30)),
        ),
        # Whole months: as many months before, whatever their lengths.
        (
            Period.between(dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
            Period.between(dt.date(2025, 2, 1), dt.date(2025, 2, 28)),
        ),
        (
            Period.between(dt.date(2024, 3, 1), dt.date(2024, 5, 31)),
            Period.between(dt.date(2023, 12, 1), dt.date(2024, 2, 29)),
        ),
        (
            Period.between(dt.date(2025, 7, 1), dt.date(2026, 6, 30)),
            Period.between(dt.date(2024, 7, 1), dt.date(2025, 6, 30)),
        ),
        # Two quarters that are not a half: the two before, here a named half.
        (
            Period.between(dt.date(2025, 4, 1), dt.date(2025, 9, 30)),
            Period.between(dt.date(2024, 10, 1), dt.date(2025, 3, 31)),
        ),
        (
            Period.between(dt.date(2025, 7, 1), dt.date(2026, 12, 31)),
            Period.between(dt.date(2024, 1, 1), dt.date(2025, 6, 30)),
        ),
        # The last month of the calendar has a previous one.
        (
            Period.between(dt.date(9999, 12, 1), dt.date(9999, 12, 31)),
            Period.between(dt.date(9999, 11, 1), dt.date(9999, 11, 30)),
        ),
        (Period.of_year(9999), Period.of_year(9998)),
    ],
)
def test_previous_is_the_comparable_period_just_before(period, expected):
    previous = period.previous()
    assert previous == expected
    assert previous.end == period.start - dt.timedelta(days=1)


@pytest.mark.parametrize(
    "period",
    [
        Period.of_year(1),
        Period.of_half(1, 1),
        Period.between(dt.date(1, 1, 1), dt.date(1, 1, 10)),
        Period.between(dt.date(1, 1, 5), dt.date(1, 1, 20)),
        Period.between(dt.date(1, 1, 1), dt.date(1, 3, 31)),
    ],
)
def test_nothing_comes_before_the_first_days_of_the_calendar(period):
    with pytest.raises(OutOfCalendar):
        period.previous()


@pytest.mark.parametrize(("year", "half"), [(0, 1), (10000, 2), (-5, 1)])
def test_years_outside_the_calendar_are_refused(year, half):
    with pytest.raises(OutOfCalendar, match=f"year {year} is outside the calendar"):
        Period.of_year(year)
    with pytest.raises(OutOfCalendar):
        Period.of_half(year, half)


def test_the_calendar_s_last_year_and_half_exist():
    assert Period.of_year(9999).end == dt.date(9999, 12, 31)
    assert Period.of_half(9999, 2).months()[-1] == (9999, 12)


@pytest.mark.parametrize(
    ("today", "kind", "expected"),
    [
        (dt.date(2026, 1, 1), PeriodKind.YEAR, Period.of_year(2025)),
        (dt.date(2026, 1, 1), PeriodKind.HALF, Period.of_half(2025, 2)),
        (dt.date(2026, 7, 1), PeriodKind.HALF, Period.of_half(2026, 1)),
        (dt.date(2026, 7, 1), PeriodKind.YEAR, Period.of_year(2025)),
        (dt.date(2026, 6, 30), PeriodKind.HALF, Period.of_half(2025, 2)),
        (dt.date(2026, 12, 31), PeriodKind.HALF, Period.of_half(2026, 1)),
    ],
)
def test_last_ended_is_the_period_that_ended_before_today(today, kind, expected):
    assert Period.last_ended(today, kind) == expected


def test_last_ended_needs_a_period_that_ends_on_its_own():
    with pytest.raises(ValueError, match="no period of kind 'custom'"):
        Period.last_ended(dt.date(2026, 1, 1), PeriodKind.CUSTOM)
    with pytest.raises(OutOfCalendar):
        Period.last_ended(dt.date(1, 5, 1), PeriodKind.YEAR)


def test_months_lists_every_month_the_period_touches():
    assert Period.between(dt.date(2024, 11, 15), dt.date(2025, 2, 1)).months() == [
        (2024, 11),
        (2024, 12),
        (2025, 1),
        (2025, 2),
    ]
    assert Period.between(dt.date(2025, 6, 30), dt.date(2025, 7, 1)).months() == [(2025, 6), (2025, 7)]
    assert len(Period.of_year(2025).months()) == 12
