"""List filters of the agreements admin, including those the staff dashboard links to.

Each dashboard figure links to a list filtered by one of these, which apply the same
selector as the figure: the list holds exactly the rows counted.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import selectors
from agreements.models import AgreementStatus
from portal.admin import year_filter
from portal.scoping import ScopedRelatedListFilter


class AgreementStatusListFilter(admin.SimpleListFilter):
    """The statuses, and "in force or under review" together: the agreements that are running."""

    title = _("status")
    parameter_name = "status"
    ACTIVE = "active"

    def lookups(self, request, model_admin):
        return [(self.ACTIVE, _("in force or under review")), *AgreementStatus.choices]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.ACTIVE:
            return selectors.agreements_active(queryset)
        if value in AgreementStatus.values:
            return queryset.filter(status=value)
        return queryset


class PartyListFilter(ScopedRelatedListFilter):
    """The organisations that are parties to some of the listed agreements."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = _("party")


# The years agreements were signed in, the latest first.
SignedYearListFilter = year_filter("signed_on", _("year signed"))


class ExpiringListFilter(admin.SimpleListFilter):
    title = _("end of validity")
    parameter_name = "expiring"
    SOON = "soon"

    def lookups(self, request, model_admin):
        return [
            (
                self.SOON,
                _("in force, ending within %(days)d days") % {"days": selectors.EXPIRY_HORIZON_DAYS},
            )
        ]

    def queryset(self, request, queryset):
        if self.value() == self.SOON:
            return selectors.agreements_expiring(queryset, today=timezone.localdate())
        return queryset


class ReviewDueListFilter(admin.SimpleListFilter):
    title = _("due")
    parameter_name = "due"
    SOON = "soon"

    def lookups(self, request, model_admin):
        return [
            (
                self.SOON,
                _("not held, due within %(days)d days") % {"days": selectors.REVIEW_HORIZON_DAYS},
            )
        ]

    def queryset(self, request, queryset):
        if self.value() == self.SOON:
            return selectors.reviews_due(queryset, today=timezone.localdate())
        return queryset


class OverdueListFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"
    YES = "yes"

    def lookups(self, request, model_admin):
        return [(self.YES, _("overdue, of agreements in force or under review"))]

    def queryset(self, request, queryset):
        if self.value() == self.YES:
            return selectors.tasks_overdue(queryset, today=timezone.localdate())
        return queryset
