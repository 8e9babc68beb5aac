"""Dates are written one way wherever Python formats them for people (model names, admin
columns): `date_format(day, "SHORT_DATE_FORMAT")` with portal/formats/vi, day first and
zero-padded like the templates' dates."""

import datetime as dt

from django.contrib import admin

from agreements.models import Agreement, Milestone, Task
from committees.models import Organization, OrganizationChange, OrganizationChangeKind
from events.models import Event

DAY = dt.date(2021, 5, 3)


def test_an_event_is_named_with_its_day_first_start_date():
    assert str(Event(title="Hội nghị công bố các Quyết định", start_date=DAY)) == (
        "Hội nghị công bố các Quyết định (03/05/2021)"
    )


def test_a_change_of_organisation_is_named_with_its_day_first_date():
    change = OrganizationChange(
        predecessor=Organization(name="Trường Chính trị tỉnh A"),
        kind=OrganizationChangeKind.DISSOLVED,
        on=DAY,
    )

    assert str(change) == "Trường Chính trị tỉnh A → giải thể (03/05/2021)"


def test_the_admin_lists_show_their_date_columns_day_first():
    columns = (
        admin.site.get_model_admin(Agreement).signed(Agreement(signed_on=DAY)),
        admin.site.get_model_admin(Task).due(Task(due_on=DAY)),
        admin.site.get_model_admin(Milestone).held(Milestone(held_on=DAY)),
        admin.site.get_model_admin(Event).date(Event(start_date=DAY)),
    )

    assert columns == ("03/05/2021",) * 4


def test_the_admin_lists_leave_an_unknown_date_empty():
    columns = (
        admin.site.get_model_admin(Agreement).signed(Agreement()),
        admin.site.get_model_admin(Task).due(Task()),
        admin.site.get_model_admin(Milestone).held(Milestone()),
    )

    assert columns == (None, None, None)
