"""events/structured_data.py: the dates of an event's JSON-LD (its whole document is pinned
through the page in test_views.py)."""

import datetime as dt

from events.models import Event
from events.structured_data import event_end_iso, event_start_iso


def test_start_and_end_are_local_times_with_their_offset_when_the_clock_times_are_known():
    event = Event(
        start_date=dt.date(2021, 8, 25),
        start_time=dt.time(8, 0),
        end_date=dt.date(2021, 8, 26),
        end_time=dt.time(11, 30),
    )

    assert (event_start_iso(event), event_end_iso(event)) == (
        "2021-08-25T08:00:00+07:00",
        "2021-08-26T11:30:00+07:00",
    )


def test_start_and_end_are_iso_days_when_no_clock_time_is_recorded():
    event = Event(start_date=dt.date(2025, 6, 5), end_date=dt.date(2025, 6, 6))

    assert (event_start_iso(event), event_end_iso(event)) == ("2025-06-05", "2025-06-06")


def test_a_one_day_event_without_an_end_time_has_no_end():
    event = Event(start_date=dt.date(2025, 6, 5), start_time=dt.time(14, 0))

    assert (event_start_iso(event), event_end_iso(event)) == ("2025-06-05T14:00:00+07:00", None)


def test_an_end_time_without_an_end_day_ends_on_the_first_day():
    event = Event(start_date=dt.date(2025, 6, 5), start_time=dt.time(8, 0), end_time=dt.time(11, 0))

    assert event_end_iso(event) == "2025-06-05T11:00:00+07:00"


def test_an_event_whose_day_is_not_known_claims_only_the_year_or_month_it_lies_in():
    year = Event(start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 12, 31), day_unknown=True)
    month = Event(start_date=dt.date(2024, 11, 1), end_date=dt.date(2024, 11, 30), day_unknown=True)
    window = Event(start_date=dt.date(2023, 1, 1), end_date=dt.date(2024, 11, 19), day_unknown=True)

    assert (event_start_iso(year), event_end_iso(year)) == ("2024", None)
    assert (event_start_iso(month), event_end_iso(month)) == ("2024-11", None)
    assert (event_start_iso(window), event_end_iso(window)) == (None, None)
