"""Speeches, one a row, on an event named by its title and start date (see the package)."""

from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from import_export.fields import Field

from committees.models import Person
from events.models import Event, Speech, SpeechRole
from events.resources.events import column
from events.services import event_save
from portal.exchange.resources import SpreadsheetResource
from portal.exchange.widgets import (
    ChoiceWidget,
    DateWidget,
    IntegerWidget,
    LookupWidget,
    TextWidget,
    cell_text,
)
from portal.lib.text import fold
from portal.services import Row, Rows


class EventByTitleAndDateWidget(LookupWidget):
    """An event by its title and, from the cell of `date_column`, its start date: two events
    may share a title (a yearly conference), never with the same day. Read once per file."""

    def __init__(self, date_column) -> None:
        super().__init__(
            Event,
            keys=("title",),
            label=event_title,
            queryset=lambda: Event.objects.only("pk", "title", "start_date"),
        )
        self.date_column = date_column
        self.dates = DateWidget()

    def clean(self, value, row=None, **kwargs):
        title = " ".join(cell_text(value).split())
        if not title:
            return None
        day = self.dates.clean((row or {}).get(force_str(self.date_column)))
        if day is None:
            raise ValueError(
                _("Give the start date of the event in the column “%(column)s”.")
                % {"column": force_str(self.date_column)}
            )
        found = {obj.pk: obj for obj in self.index().get(fold(title), []) if obj.start_date == day}
        if len(found) == 1:
            return next(iter(found.values()))
        if len(found) > 1:
            raise ValueError(
                _("Several events “%(title)s” start on %(date)s: rename one of them first.")
                % {"title": title[:80], "date": f"{day:%d/%m/%Y}"}
            )
        same_day = sorted(
            {obj.title for objs in self.index().values() for obj in objs if obj.start_date == day}
        )
        if same_day:
            raise ValueError(
                _("No event “%(title)s” starts on %(date)s. Events of that day: %(titles)s.")
                % {"title": title[:80], "date": f"{day:%d/%m/%Y}", "titles": "; ".join(same_day[:3])}
            )
        raise ValueError(
            _("No event “%(title)s” starts on %(date)s.") % {"title": title[:80], "date": f"{day:%d/%m/%Y}"}
        )


def event_title(event: Event) -> str:
    return event.title


def person_name(person: Person) -> str:
    return person.full_name


class SpeechResource(SpreadsheetResource):
    """Speeches, one a row, each on an event named by its title and start date; written
    through `event_save` with the speech as one of the event's rows.

    A speech is identified by its event and order. An empty title line keeps the one stored,
    or is filled from the speaker's positions on the event's day (as on the admin screen).
    """

    event = Field(
        attribute="event",
        column_name=column("Event"),
        widget=EventByTitleAndDateWidget(column("Event start date")),
    )
    event_date = Field(column_name=column("Event start date"), widget=DateWidget())
    order = Field(attribute="order", column_name=column("Order"), widget=IntegerWidget())
    person = Field(
        attribute="person",
        column_name=column("Speaker"),
        widget=LookupWidget(Person, keys=("full_name",), label=person_name),
    )
    role = Field(attribute="role", column_name=column("Role"), widget=ChoiceWidget(SpeechRole.choices))
    title_line = Field(
        attribute="title_line", column_name=column("Title line"), widget=TextWidget(max_length=500)
    )
    on_behalf_of = Field(
        attribute="on_behalf_of", column_name=column("On behalf of"), widget=TextWidget(max_length=255)
    )
    speech_title = Field(
        attribute="title", column_name=column("Title of the speech"), widget=TextWidget(max_length=500)
    )
    summary = Field(attribute="summary", column_name=column("Summary"), widget=TextWidget(one_line=False))

    natural_key = ("event", "order")

    class Meta(SpreadsheetResource.Meta):
        model = Speech
        fields = (
            "event",
            "event_date",
            "order",
            "person",
            "role",
            "title_line",
            "on_behalf_of",
            "speech_title",
            "summary",
        )
        import_order = fields
        export_order = fields

    def export_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("event", "person").order_by("event__start_date", "event_id", "order")

    def dehydrate_event_date(self, speech: Speech):
        return speech.event.start_date

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == "title_line" and instance.title_line and not field.clean(row, **kwargs):
            return  # empty: the line stored stays
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def write(self, instance: Speech, *, new: bool, row: dict[str, Any], by: User | None) -> None:
        before = getattr(instance, "_exchange_before", None) or {}
        changed = [
            name for name, value in self._values(instance).items() if not new and value != before.get(name)
        ]
        # The event as stored now (the file's lookup holds only titles and dates).
        event = Event.objects.get(pk=instance.event_id)
        instance.event = event
        event_save(event=event, by=by, rows=[Rows(Speech, "event", save=[Row(instance, changed=changed)])])
