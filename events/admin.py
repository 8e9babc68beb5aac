"""The events admin: the secretariat enters a whole event on one screen.

The event, its sites, attendees, chairs, speeches, decisions announced, awards, figures,
documents and photos are one change form. Every admin and inline is built on
`portal.scoping`. The formsets of `events.forms` check the rules spanning several rows with
the service's own checks, so a refused form saves nothing; `event_save` then writes the
event with its rows and does what follows (title lines, photo renditions, history), and
`event_copy` makes the copies.
"""

from django.contrib import admin, messages
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.forms import EventForm, EventInlineFormSet, EventPhotoForm, EventSiteFormSet, SpeechFormSet
from events.models import (
    Attendee,
    Award,
    DecisionAnnouncement,
    Event,
    EventChair,
    EventDocument,
    EventPhoto,
    EventSite,
    KeyFigure,
    Speech,
)
from events.services import event_copy, event_save
from portal.admin import ServiceWritesAdminMixin, year_filter
from portal.scoping import (
    SHORT_TEXTAREAS,
    ScopedModelAdmin,
    ScopedRelatedListFilter,
    ScopedStackedInline,
    ScopedTabularInline,
    SiblingChoicesInlineMixin,
)
from portal.services import Rows, many_to_many_of
from portal.sources.admin import CitedAdminMixin, CitedRowsInlineMixin

# The years events started in, the latest first.
YearListFilter = year_filter("start_date", _("year"))


# --- Inlines ---------------------------------------------------------------------------------------


class EventInlineMixin(SiblingChoicesInlineMixin):
    """An inline of the event: a formset checking its rows together, and choices among the
    event's own saved rows for the fields named in `sibling_choice_fields`."""

    formset = EventInlineFormSet
    extra = 0
    parent_field = "event"


class EventSiteInline(EventInlineMixin, ScopedTabularInline):
    model = EventSite
    formset = EventSiteFormSet
    fields = ("organization", "place", "is_main", "attendee_groups", "order")
    autocomplete_fields = ("organization",)
    formfield_overrides = SHORT_TEXTAREAS
    extra = 1

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("event", "organization")
            .prefetch_related("organization__former_names")
        )


class PersonRowMixin(EventInlineMixin):
    """Rows naming a person, found by name, with the title line printed for the event."""

    autocomplete_fields = ("person",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class AttendeeInline(PersonRowMixin, ScopedTabularInline):
    model = Attendee
    fields = ("person", "site", "title_line", "note", "order")
    sibling_choice_fields = {
        "site": (
            _("The connection sites can be chosen here once the event has been saved with them."),
            _("One of this event's saved sites; a site added just now can be chosen after saving."),
        ),
    }

    def sibling_choices(self, name, queryset):
        return queryset.select_related("event", "organization").prefetch_related("organization__former_names")


class EventChairInline(PersonRowMixin, ScopedTabularInline):
    model = EventChair
    fields = ("person", "title_line", "order")
    extra = 1


class SpeechInline(CitedRowsInlineMixin, PersonRowMixin, ScopedStackedInline):
    model = Speech
    formset = SpeechFormSet
    fields = (
        ("order", "role", "person"),
        "title_line",
        "on_behalf_of",
        "title",
        "summary",
        "document",
    )
    ordering = ("order", "pk")
    extra = 1
    sibling_choice_fields = {
        "document": (
            _("The documents can be chosen here once the event has been saved with them."),
            _("One of this event's saved documents; a document added just now can be chosen after saving."),
        ),
    }


class DecisionAnnouncementInline(EventInlineMixin, ScopedTabularInline):
    """The decisions announced at the event, found by number or title."""

    model = DecisionAnnouncement
    fields = ("decision", "order")
    autocomplete_fields = ("decision",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("decision")


class AwardInline(EventInlineMixin, ScopedTabularInline):
    model = Award
    fields = (
        "recipient_person",
        "recipient_organization",
        "recipient_collective",
        "reason",
        "decision",
        "order",
    )
    autocomplete_fields = ("recipient_person", "recipient_organization", "decision")
    formfield_overrides = SHORT_TEXTAREAS

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("recipient_person", "recipient_organization", "decision")
        )


class KeyFigureInline(EventInlineMixin, ScopedTabularInline):
    model = KeyFigure
    fields = ("value", "label", "order")


class EventDocumentInline(EventInlineMixin, ScopedTabularInline):
    model = EventDocument
    fields = ("title", "file", "order")


class EventPhotoInline(EventInlineMixin, ScopedTabularInline):
    model = EventPhoto
    form = EventPhotoForm
    fields = ("preview", "image", "caption", "credit", "order")
    readonly_fields = ("preview",)

    @admin.display(description=_("preview"))
    def preview(self, photo: EventPhoto) -> str:
        if not photo.pk or not photo.image:
            return ""
        return format_html(
            '<img class="photo-preview" src="{}" alt="{}">',
            photo.thumbnail_url,
            photo.caption,
        )


# --- The event -----------------------------------------------------------------------------------


@admin.register(Event)
class EventAdmin(CitedAdminMixin, ServiceWritesAdminMixin, ScopedModelAdmin):
    form = EventForm
    fieldsets = [
        (None, {"fields": ("title", "slug", "kind", "purpose", "level", "format", "status")}),
        (
            _("Date and time"),
            {
                "fields": (
                    ("start_date", "part_of_day", "start_time"),
                    ("end_date", "end_time"),
                    "day_unknown",
                ),
                "description": _(
                    "Dates are typed as dd/mm/yyyy. Give the clock time when known, "
                    "otherwise the part of the day."
                ),
            },
        ),
        (_("Organisers"), {"fields": ("host", "co_organizers")}),
        (_("Content"), {"fields": ("summary", "legal_documents")}),
    ]
    inlines = [
        EventSiteInline,
        AttendeeInline,
        EventChairInline,
        SpeechInline,
        DecisionAnnouncementInline,
        AwardInline,
        KeyFigureInline,
        EventDocumentInline,
        EventPhotoInline,
    ]
    list_display = ("title", "date", "kind", "format", "host", "status")
    list_filter = (
        "kind",
        "format",
        "status",
        ("host", ScopedRelatedListFilter),
        YearListFilter,
        ("host__region", ScopedRelatedListFilter),
    )
    list_select_related = ("host",)
    search_fields = ("title", "host__name")
    date_hierarchy = "start_date"
    autocomplete_fields = ("host", "co_organizers", "legal_documents")
    actions = ["copy_as_new_event"]

    @admin.display(description=_("date"), ordering="start_date")
    def date(self, event: Event) -> str:
        return event.window_label or date_format(event.start_date, "SHORT_DATE_FORMAT")

    def save_aggregate(self, request, form, formsets, change):
        event_save(
            event=form.instance,
            by=request.user,
            many_to_many=many_to_many_of(form),
            rows=[Rows.from_formset(formset) for formset in formsets],
        )

    @admin.action(description=_("Copy as a new event"), permissions=["add"])
    def copy_as_new_event(self, request, queryset):
        copies = []
        for event in queryset:
            copies.append(event_copy(event=event, by=request.user))
        links = format_html_join(
            ", ", '<a href="{}">{}</a>', ((self.change_url(copy), copy.title) for copy in copies)
        )
        intro = gettext("Copied as planned events dated today:")
        outro = gettext("Set the real date, then check the sites, chairs and speakers.")
        self.message_user(request, format_html("{} {}. {}", intro, links, outro), messages.SUCCESS)
