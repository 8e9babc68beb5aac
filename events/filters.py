"""Filters of the events list ("Sự kiện"), read from the query string.

Parameters are Vietnamese like the documents list's: `loai` (kind), `don_vi` (an
organisation's slug: events it hosts or co-organises), `khu_vuc` (a region's slug: events
whose host, a co-organiser or a site is in it) and `nam` (the year the event starts).
Choices list only values that match some event (`selectors.event_filter_choices`); any other
value is a form error, shown on the page, never a server error.
"""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from events import selectors
from events.models import Event, EventKind


class EventFilterSet(django_filters.FilterSet):
    loai = django_filters.ChoiceFilter(
        label=_("Kind"),
        empty_label=_("All kinds"),
        choices=EventKind.choices,
        field_name="kind",
        error_messages={"invalid_choice": _("Choose a kind of event from the list.")},
    )
    don_vi = django_filters.ChoiceFilter(
        label=_("Organiser"),
        empty_label=_("All organisers"),
        method="filter_organiser",
        error_messages={"invalid_choice": _("Choose an organiser from the list.")},
    )
    khu_vuc = django_filters.ChoiceFilter(
        label=_("Region"),
        empty_label=_("All regions"),
        method="filter_region",
        error_messages={"invalid_choice": _("Choose a region from the list.")},
    )
    nam = django_filters.ChoiceFilter(
        label=_("Year"),
        empty_label=_("All years"),
        field_name="start_date",
        lookup_expr="year",
        error_messages={"invalid_choice": _("Choose a year from the list.")},
    )

    # Events held on one day (the month calendar links its busy days here); not in the form.
    ngay = django_filters.DateFilter(
        method="filter_day",
        widget=django_filters.widgets.forms.HiddenInput,
        error_messages={"invalid": _("The day in the address is not a valid date.")},
    )

    class Meta:
        model = Event
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, choices: selectors.FilterChoices, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["don_vi"].extra["choices"] = choices.hosts
        self.filters["khu_vuc"].extra["choices"] = choices.regions
        self.filters["nam"].extra["choices"] = choices.years

    def filter_day(self, queryset: QuerySet[Event], name: str, value) -> QuerySet[Event]:
        # Applied by the view (`selectors.events_on`), which also names the day in the heading.
        return queryset

    def filter_organiser(self, queryset: QuerySet[Event], name: str, value: str) -> QuerySet[Event]:
        return selectors.events_organized_by(queryset, slug=value)

    def filter_region(self, queryset: QuerySet[Event], name: str, value: str) -> QuerySet[Event]:
        return selectors.events_in_region(queryset, slug=value)
