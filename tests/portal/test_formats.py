import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.template import Context, Template
from django.utils import formats


class _DateForm(forms.Form):
    day = forms.DateField()
    moment = forms.DateTimeField()


def test_typed_dates_are_read_day_first():
    form = _DateForm(data={"day": "05/06/2025", "moment": "05/06/2025 14:30"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2025, 6, 5)
    moment = form.cleaned_data["moment"]
    assert moment == dt.datetime(2025, 6, 5, 14, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_an_impossible_day_first_date_is_refused_in_vietnamese():
    form = _DateForm(data={"day": "13/25/2025", "moment": "01/01/2025 08:00"})
    assert not form.is_valid()
    assert form.errors["day"] == ["Nhập một ngày hợp lệ."]


def test_dates_and_times_display_as_dd_mm_yyyy_and_hh_mm():
    assert formats.date_format(dt.date(2021, 8, 25)) == "25/08/2021"
    assert formats.date_format(dt.date(2021, 8, 25), "SHORT_DATE_FORMAT") == "25/08/2021"
    assert formats.time_format(dt.time(9, 5)) == "09:05"


def test_datetimes_display_in_ho_chi_minh_time():
    published = dt.datetime(2021, 8, 30, 10, 9, tzinfo=dt.UTC)  # 17:09 in Hà Nội
    rendered = Template("{{ at|date:'DATETIME_FORMAT' }}").render(Context({"at": published}))
    assert rendered == "30/08/2021 17:09"
