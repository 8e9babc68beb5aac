"""The admin's forms of summaries: which scope and period to assemble ("Tổng hợp mới") or to show
on the leaders' dashboard.

Each form turns what was typed into a `Scope` and a `Period` (`form.scope`, `form.period`) or
says, on the field at fault, why it cannot: no organisation chosen, an organisation that does
not exist, a year the calendar cannot hold, a start after the end, a period with no period
before it to compare with. Never an exception.

Both offer a staff user only the scopes they may see (`summary_scope_check`): a system
administrator any; anyone else only their own organisations and those under them.
"""

import datetime as dt

from django import forms
from django.contrib.admin.sites import AdminSite
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from committees.models import Organization, Region
from portal.admin import SafeAutocompleteSelect
from portal.lib.periods import OutOfCalendar, Period, PeriodKind
from portal.scoping import scope_for_staff, staff_scope
from reports.models import ScopeKind, Summary
from reports.scopes import Scope
from reports.services import summary_scope_check

HALVES = [("1", _("first six months")), ("2", _("last six months"))]
YEAR_ERRORS = {
    "invalid": _("Enter the year as a number, e.g. 2021."),
    "min_value": _("Enter a year between 1 and 9999."),
    "max_value": _("Enter a year between 1 and 9999."),
}


class ScopeForm(forms.Form):
    """Whose records: the whole system, a region, or one organisation (with or without its children)."""

    scope_kind = forms.ChoiceField(
        label=_("Scope"),
        choices=[(kind, kind.label) for kind in (ScopeKind.SYSTEM, ScopeKind.REGION, ScopeKind.ORGANIZATION)],
        initial=ScopeKind.SYSTEM,
        widget=forms.RadioSelect,
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        error_messages={"invalid_choice": _("This region does not exist. Choose one from the list.")},
    )
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.all(),
        required=False,
        error_messages={"invalid_choice": _("This organisation does not exist. Choose one from the list.")},
    )
    include_children = forms.BooleanField(
        label=_("including its child organisations"), required=False, initial=True
    )

    def __init__(self, *args, admin_site: AdminSite, user, **kwargs):
        # An unbound form opens on the user's own scope, as the dashboard does.
        kwargs["initial"] = {**_default_scope(user), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["organization"]
        field.widget = SafeAutocompleteSelect(Summary._meta.get_field("organization"), admin_site)
        # The organisations of the user's own scope (not those above theirs, seen read-only):
        # after the widget, which is given the field's choices.
        field.queryset = scope_for_staff(Organization.objects.all(), user, write=True)
        if not staff_scope(user).everything:
            # A region or the whole system counts other organisations' records.
            self.fields["scope_kind"].choices = [(ScopeKind.ORGANIZATION, ScopeKind.ORGANIZATION.label)]
        self.scope: Scope | None = None

    def clean(self):
        data = super().clean()
        kind = data.get("scope_kind")
        if kind == ScopeKind.REGION:
            if data.get("region") is not None:
                self.scope = Scope.of_region(data["region"])
            elif "region" not in self.errors:
                self.add_error("region", gettext("Choose the region."))
        elif kind == ScopeKind.ORGANIZATION:
            if data.get("organization") is not None:
                self.scope = Scope.of_organization(
                    data["organization"], include_children=bool(data.get("include_children"))
                )
            elif "organization" not in self.errors:
                self.add_error("organization", gettext("Choose the organisation."))
        elif kind == ScopeKind.SYSTEM:
            self.scope = Scope.system()
        if self.scope is not None:
            try:
                summary_scope_check(scope=self.scope, by=self.user)
            except forms.ValidationError as error:
                self.scope = None
                self.add_error("scope_kind", error)
        return data


def _comparable(period: Period) -> Period:
    """`period`, checked to have a period before it inside the calendar (a summary compares with it)."""
    try:
        period.previous()
    except OutOfCalendar:
        raise forms.ValidationError(
            gettext(
                "The period before %(period)s, to compare with, is outside the calendar: choose a later one."
            )
            % {"period": period_label(period)}
        ) from None
    return period


class SummaryStartForm(ScopeForm):
    """ "Tổng hợp mới": a scope and a period of any kind (a year, a half, or explicit dates)."""

    period_kind = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (PeriodKind.YEAR, _("a year")),
            (PeriodKind.HALF, _("six months")),
            (PeriodKind.CUSTOM, _("from one date to another")),
        ],
        initial=PeriodKind.HALF,
        widget=forms.RadioSelect,
    )
    year = forms.IntegerField(label=_("Year"), required=False, error_messages=YEAR_ERRORS)
    half = forms.ChoiceField(
        label=_("Half of the year"),
        choices=HALVES,
        required=False,
        initial="1",
        error_messages={"invalid_choice": _("Choose the first or the last six months.")},
    )
    start = forms.DateField(
        label=_("From"), required=False, error_messages={"invalid": _("Enter the date as dd/mm/yyyy.")}
    )
    end = forms.DateField(
        label=_("Until"), required=False, error_messages={"invalid": _("Enter the date as dd/mm/yyyy.")}
    )

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        last = Period.last_ended(today, PeriodKind.HALF)
        self.fields["year"].initial = last.year
        self.fields["half"].initial = str(last.half)
        for name in ("start", "end"):
            self.fields[name].widget.attrs["placeholder"] = "dd/mm/yyyy"
        self.period: Period | None = None

    def clean(self):
        data = super().clean()
        kind = data.get("period_kind")
        if kind in (PeriodKind.YEAR, PeriodKind.HALF):
            year = data.get("year")
            if year is None:
                if "year" not in self.errors:
                    self.add_error("year", gettext("Enter the year."))
                return data
            if not dt.MINYEAR <= year <= dt.MAXYEAR:
                self.add_error("year", YEAR_ERRORS["max_value"])
                return data
            if kind == PeriodKind.YEAR:
                period = Period.of_year(year)
            elif data.get("half") in ("1", "2"):
                period = Period.of_half(year, int(data["half"]))
            else:
                if "half" not in self.errors:
                    self.add_error("half", gettext("Choose the first or the last six months."))
                return data
            field = "year"
        elif kind == PeriodKind.CUSTOM:
            start, end = data.get("start"), data.get("end")
            for name, value in (("start", start), ("end", end)):
                if value is None and name not in self.errors:
                    self.add_error(name, gettext("Enter the date as dd/mm/yyyy."))
            if start is None or end is None:
                return data
            if start > end:
                self.add_error(
                    "end",
                    gettext("The period ends on %(end)s, before it starts (%(start)s).")
                    % {
                        "end": date_format(end, "SHORT_DATE_FORMAT"),
                        "start": date_format(start, "SHORT_DATE_FORMAT"),
                    },
                )
                return data
            period, field = Period.between(start, end), "start"
        else:
            return data
        try:
            self.period = _comparable(period)
        except forms.ValidationError as error:
            self.add_error(field, error)
        return data


class DashboardForm(ScopeForm):
    """The dashboard's choice: a scope and a year or half-year (by default the last half-year ended)."""

    period_kind = forms.ChoiceField(
        label=_("Period"),
        choices=[(PeriodKind.HALF, _("six months")), (PeriodKind.YEAR, _("a year"))],
        initial=PeriodKind.HALF,
    )
    year = forms.IntegerField(label=_("Year"), required=False, error_messages=YEAR_ERRORS)
    half = forms.ChoiceField(label=_("Half of the year"), choices=HALVES, required=False)

    def __init__(self, data, *, today: dt.date, user, **kwargs):
        self.default_period = Period.last_ended(today, PeriodKind.HALF)
        initial = {
            **_default_scope(user),
            "include_children": True,
            "period_kind": PeriodKind.HALF,
            "year": self.default_period.year,
            "half": str(self.default_period.half),
        }
        # The page opens on its defaults: a form given nothing is bound to them, so it validates.
        super().__init__(data if data else initial, user=user, **kwargs)
        self.period: Period | None = None

    def clean(self):
        data = super().clean()
        year = data.get("year") or self.default_period.year
        if not dt.MINYEAR <= year <= dt.MAXYEAR:
            self.add_error("year", YEAR_ERRORS["max_value"])
            return data
        if data.get("period_kind") == PeriodKind.YEAR:
            period = Period.of_year(year)
        else:
            period = Period.of_half(year, int(data.get("half") or self.default_period.half or 1))
        try:
            self.period = _comparable(period)
        except forms.ValidationError as error:
            self.add_error("year", error)
        return data


def _default_scope(user) -> dict:
    """The scope the dashboard and the start form open on: the whole system, or the user's first
    organisation."""
    scope = staff_scope(user)
    if scope.everything:
        return {"scope_kind": ScopeKind.SYSTEM}
    return {"scope_kind": ScopeKind.ORGANIZATION, "organization": next(iter(scope.memberships), None)}


def period_label(period: Period) -> str:
    """ "6 tháng đầu năm 2021", "Năm 2021", "01/02/2021 – 15/03/2021"."""
    if period.kind == PeriodKind.YEAR:
        return gettext("Year %(year)s") % {"year": period.start.year}
    if period.kind == PeriodKind.HALF:
        if period.half == 1:
            return gettext("First six months of %(year)s") % {"year": period.start.year}
        return gettext("Last six months of %(year)s") % {"year": period.start.year}
    return (
        f"{date_format(period.start, 'SHORT_DATE_FORMAT')} – {date_format(period.end, 'SHORT_DATE_FORMAT')}"
    )
