"""The events admin: the secretariat enters a whole event on one screen.

The event, its sites, attendees, chairs, speeches, decisions announced, awards, figures,
documents and photos are one change form. Every admin and inline is built on
`portal.scoping`. The formsets of `events.forms` check the rules spanning several rows with
the service's own checks, so a refused form saves nothing; `event_save` then writes the
event with its rows and does what follows (title lines, photo renditions, history), and
`event_copy` makes the copies.

The publication state (draft, published, postponed, cancelled) is read-only on the form and
changes with the buttons of the change page or the list's actions, which call the workflow
services (`event_publish`, `event_postpone`, `event_cancel`, `event_unpublish`); both need the
publish_event permission. Staff who may view an event open its preview, drafts included.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from events import selectors
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
    EventStatus,
    KeyFigure,
    Speech,
)
from events.services import (
    PUBLISH_PERMISSION,
    event_cancel,
    event_copy,
    event_postpone,
    event_publish,
    event_restore,
    event_save,
    event_status_moves,
    event_unpublish,
)
from portal.admin import ServiceWritesAdminMixin, year_filter
from portal.scoping import (
    SHORT_TEXTAREAS,
    ScopedModelAdmin,
    ScopedRelatedListFilter,
    ScopedStackedInline,
    ScopedTabularInline,
    SiblingChoicesInlineMixin,
    SiblingRowsAdminMixin,
)
from portal.services import Rows, many_to_many_of
from portal.sources.admin import CitedAdminMixin, CitedRowsInlineMixin

# The years events started in, the latest first.
YearListFilter = year_filter("start_date", _("year"))


SITE_HELP = _("One of this event's sites, those just typed above included.")
DOCUMENT_HELP = _("One of this event's documents (under Documents), those just added included.")


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
    sibling_choice_fields = {"site": (SITE_HELP, SITE_HELP)}
    sibling_row_labels = {"site": ("organization", "place")}

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
        "points",
        "document",
    )
    ordering = ("order", "pk")
    extra = 1
    sibling_choice_fields = {"document": (DOCUMENT_HELP, DOCUMENT_HELP)}
    sibling_row_labels = {"document": ("title",)}

    def get_formset(self, request, obj=None, **kwargs):
        # The model's "role" reads "Chức danh" in Vietnamese, the word for a position: a speaker's
        # part in the event (opening, report, directive…) is a "Vai trò".
        kwargs["labels"] = {"role": pgettext_lazy("speech", "role"), **(kwargs.get("labels") or {})}
        return super().get_formset(request, obj, **kwargs)


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


# --- The publication state -------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusMove:
    """A button of the change page and an action of the list, moving events to `to` by `service`."""

    name: str
    label: Promise
    to: EventStatus
    service: Callable[..., Event]


STATUS_MOVES = (
    StatusMove("publish", _("Publish"), EventStatus.PUBLISHED, event_publish),
    StatusMove("postpone", _("Mark as postponed"), EventStatus.POSTPONED, event_postpone),
    StatusMove("cancel", _("Mark as cancelled"), EventStatus.CANCELLED, event_cancel),
    StatusMove("unpublish", _("Back to draft"), EventStatus.DRAFT, event_unpublish),
)
STATUS_MOVES_BY_NAME = {move.name: move for move in STATUS_MOVES}


def _status_action(move: StatusMove):
    @admin.action(description=move.label, permissions=["publish"])
    def action(model_admin, request, queryset):
        model_admin.move_selected(request, queryset, move)

    action.__name__ = move.name
    return action


# --- The event -----------------------------------------------------------------------------------


@admin.register(Event)
class EventAdmin(CitedAdminMixin, SiblingRowsAdminMixin, ServiceWritesAdminMixin, ScopedModelAdmin):
    form = EventForm
    fieldsets = [
        (None, {"fields": ("title", "slug", "kind", "purpose", "level", "format")}),
        (
            _("Publication"),
            {
                "fields": ("status", "status_notice", "status_changed", "preview_link"),
                "description": _(
                    "A new event is a draft that readers cannot see. The status changes with the "
                    "buttons at the top of the page once the event is saved."
                ),
            },
        ),
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
    readonly_fields = ("status", "status_changed", "preview_link")
    actions = ["copy_as_new_event", *(_status_action(move) for move in STATUS_MOVES)]
    restore_service = staticmethod(event_restore)

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    def may_move(self, request, event: Event) -> bool:
        """Whether the user may move `event`'s status: the publish permission, on an event of
        their organisations (one shared with theirs is read-only to them: no buttons)."""
        return self.has_publish_permission(request) and self._writable(request, event)

    @admin.display(description=_("status changed"))
    def status_changed(self, event: Event) -> str:
        if event.status_changed_at is None:
            return "–"
        when = date_format(timezone.localtime(event.status_changed_at), "SHORT_DATETIME_FORMAT")
        if event.status_changed_by is None:
            return when
        return gettext("%(when)s by %(user)s") % {"when": when, "user": event.status_changed_by}

    @admin.display(description=_("preview"))
    def preview_link(self, event: Event) -> str:
        if event.pk is None:
            return gettext("Save the event to preview it.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            self.preview_url(event),
            gettext("Preview the page as readers will see it"),
        )

    def preview_url(self, event: Event) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_preview",
            args=[event.pk],
            current_app=self.admin_site.name,
        )

    def view_on_site(self, event: Event) -> str:
        # A draft has no public page yet: "View on site" opens its preview.
        return event.get_absolute_url() if event.is_public else self.preview_url(event)

    @admin.display(description=_("date"), ordering="start_date")
    def date(self, event: Event) -> str:
        return event.window_label or date_format(event.start_date, "SHORT_DATE_FORMAT")

    def save_aggregate(self, request, form, formsets, change):
        event_save(
            event=form.instance,
            by=request.user,
            many_to_many=many_to_many_of(form),
            # The sites and documents first: rows typed with them may point at them.
            rows=sorted(
                (Rows.from_formset(formset) for formset in formsets),
                key=lambda rows: rows.model not in (EventSite, EventDocument),
            ),
        )

    @admin.action(description=_("Copy as a new event"), permissions=["add"])
    def copy_as_new_event(self, request, queryset):
        copies = []
        for event in queryset:
            try:
                copies.append(event_copy(event=event, by=request.user))
            except ValidationError as error:
                messages.error(
                    request,
                    gettext("“%(event)s” was not copied: %(reason)s")
                    % {"event": event.title, "reason": " ".join(error.messages)},
                )
        if not copies:
            return
        links = format_html_join(
            ", ", '<a href="{}">{}</a>', ((self.change_url(copy), copy.title) for copy in copies)
        )
        intro = gettext("Copied as drafts dated today:")
        outro = gettext("Set the real date, then check the sites, chairs and speakers.")
        self.message_user(request, format_html("{} {}. {}", intro, links, outro), messages.SUCCESS)

    # --- The publication state --------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/status/<slug:name>/",
                self.admin_site.admin_view(self.status_view),
                name="{}_{}_status".format(*info),
            ),
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None and self.may_move(request, obj):
            offered = event_status_moves(obj.status)
            context["status_moves"] = [move for move in STATUS_MOVES if move.to in offered]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        # Django drops an action the user may not run with a "no action selected" message;
        # a status action posted without the permission is refused outright.
        posted = set(request.POST.getlist("action")) if request.method == "POST" else set()
        if posted & STATUS_MOVES_BY_NAME.keys() and not self.has_publish_permission(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def status_view(self, request, object_id, name):
        """A button of the change page: publish, postpone, cancel or unpublish this event."""
        move = STATUS_MOVES_BY_NAME.get(name)
        if move is None:
            raise Http404
        if not self.has_publish_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        event = self.get_object(request, unquote(object_id))
        if event is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.may_move(request, event):
            raise PermissionDenied
        if self.apply_move(request, event, move):
            self.message_user(
                request,
                gettext("“%(event)s” is now “%(status)s”.") % {"event": event.title, "status": move.to.label},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self.change_url(event))

    def move_selected(self, request, queryset, move: StatusMove) -> None:
        moved = sum(self.apply_move(request, event, move) for event in queryset)
        if moved:
            message = ngettext(
                "%(count)d event is now “%(status)s”.", "%(count)d events are now “%(status)s”.", moved
            )
            self.message_user(request, message % {"count": moved, "status": move.to.label}, messages.SUCCESS)

    def apply_move(self, request, event: Event, move: StatusMove) -> bool:
        """Move one event through its service; on refusal, say why and change nothing."""
        try:
            move.service(event=event, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            reason = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            messages.error(
                request,
                gettext("“%(event)s” was not changed: %(reason)s") % {"event": event.title, "reason": reason},
            )
            return False
        return True

    def preview_view(self, request, object_id):
        """The event's page as readers will see it, drafts included: staff who may view it only
        (staff who may not view events are refused before the event is looked for)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        event = self.get_object(request, unquote(object_id))
        if event is None:
            raise Http404
        if not self.has_view_permission(request, event):
            raise PermissionDenied
        event = selectors.event_preview_queryset().get(pk=event.pk)
        selectors.event_page_complete(event)
        response = render(
            request,
            "events/event_preview.html",
            {"event": event, "change_url": self.change_url(event), "json_ld": ""},
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response
