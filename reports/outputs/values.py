"""Reading the snapshot's values for display: ISO dates to dates, the local day, dd/mm/yyyy."""

import datetime as dt
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def to_date(value: str | None) -> dt.date | None:
    """A snapshot's date ("2021-05-13") or datetime ("2021-05-14T08:00:00+07:00") as the day it is
    in Asia/Ho_Chi_Minh; None for an empty value."""
    if not value:
        return None
    if "T" in value:
        moment = dt.datetime.fromisoformat(value)
        if moment.tzinfo is not None:
            moment = moment.astimezone(LOCAL)
        return moment.date()
    return dt.date.fromisoformat(value)


def day(value: str | None) -> str:
    """The snapshot's date or datetime as dd/mm/yyyy; "" when empty."""
    date = to_date(value)
    return date.strftime("%d/%m/%Y") if date else ""
