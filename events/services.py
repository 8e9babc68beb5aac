"""Writes and workflows of events. The admin, the demo loader and tasks call these."""

import io
import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePosixPath
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from committees.selectors import people_with_positions, person_title_line
from events.models import Attendee, Event, EventChair, EventFormat, EventPhoto, EventSite, EventStatus, Speech
from portal.cache import changes
from portal.history import acting_as, audited, history_bulk_create, record_change, restore_fields
from portal.jobs import enqueue_on_commit
from portal.scoping import require_writable
from portal.services import Rows, change_message, fields_changed, rows_of
from portal.slugs import unique_slug

logger = logging.getLogger(__name__)

RENDITIONS = {"thumbnail": 480, "medium": 1280}  # longest side in pixels


def event_check_sites(*, event_format: str, sites: Sequence[EventSite]) -> None:
    """An online or hybrid event is held at connection sites: at least one must be recorded;
    at most one of the sites is the main one."""
    if event_format in {EventFormat.ONLINE, EventFormat.HYBRID} and not sites:
        raise ValidationError(_("An online event needs at least one connection site."), code="no_site")
    if sum(site.is_main for site in sites) > 1:
        raise ValidationError(_("An event has only one main site."), code="main_site")


def event_check_speeches(*, speeches: Sequence[Speech]) -> None:
    """No two speeches of an event have the same order."""
    orders = Counter(speech.order for speech in speeches if speech.order is not None)
    if any(count > 1 for count in orders.values()):
        raise ValidationError(_("Two speeches of this event have the same order."), code="duplicate_order")


@audited
@transaction.atomic
@changes("events")
def event_save(
    *,
    event: Event,
    by: User | None,
    many_to_many: Mapping[str, Iterable[Any]] | None = None,
    rows: Sequence[Rows] = (),
    changed: Sequence[str] | None = None,
) -> Event:
    """Create or update `event` with its many-to-many values and inline rows (sites, attendees,
    chairs, speeches, outcomes, documents, photos), as one change.

    The rules spanning rows are checked on the rows there will be: sites of an online event
    (`event_check_sites`), speech orders (`event_check_speeches`). Speeches renumbered among
    themselves are saved without meeting each other's former number. Then the empty title
    lines are filled, the renditions of new photos queued, and the admin history recorded.

    `by` may change only the events of their organisations (`require_writable`): the event as
    stored before, and as saved (its host still theirs). `changed` names the fields changed
    when the caller knows them (a restore); otherwise they are read from the stored event.
    """
    added = event.pk is None
    if not added:
        require_writable(event, by)
    _keep_status(event, added=added)
    sites = rows_of(rows, EventSite, "event")
    speeches = rows_of(rows, Speech, "event")
    event_check_sites(
        event_format=event.format, sites=sites.after([] if added else event.sites.order_by("pk"))
    )
    if speeches.save or speeches.delete:
        event_check_speeches(speeches=speeches.after([] if added else event.speeches.order_by("pk")))
    fields = fields_changed(event) if changed is None else changed
    message = change_message(model=Event, added=added, fields=fields, rows=rows)
    event.save()
    for name, values in (many_to_many or {}).items():
        getattr(event, name).set(values)
    if not added:
        _speeches_step_aside(event=event, speeches=speeches)
    photos: list[EventPhoto] = []
    for item in rows:
        saved = item.write(parent=event)
        if item.model is EventPhoto:
            photos = saved
    event_fill_title_lines(event=event)
    for photo in photos:
        event_photo_saved(photo=photo)
    require_writable(event, by)
    record_change(event, by=by, message=message, added=added)
    return event


@audited
def event_restore(*, event: Event, version: Any, by: User | None) -> Event:
    """Put back the event's own fields as its earlier `version` (a row of `event.history`)
    held them, through `event_save`; its status, rows (sites, speeches…) and many-to-many
    values stay as they are. The history records the restore with the version's date."""
    if version.id != event.pk:
        raise ValidationError(_("This version belongs to another event."), code="foreign_version")
    require_writable(event, by)
    changed = restore_fields(event, version)
    when = date_format(timezone.localtime(version.history_date), "SHORT_DATETIME_FORMAT")
    with acting_as(by, reason=_("Restored the event’s version of %(date)s.") % {"date": when}):
        return event_save(event=event, by=by, changed=changed)


def _keep_status(event: Event, *, added: bool) -> None:
    # The status and who moved it are the workflow's alone: a new event starts as a draft
    # whatever the instance says, and a saved one keeps the stored status, so a form opened
    # before someone published (or cancelled) the event does not put the old status back.
    if added:
        event.status, event.status_changed_at, event.status_changed_by = EventStatus.DRAFT, None, None
        return
    stored = (
        Event.objects.filter(pk=event.pk).values("status", "status_changed_at", "status_changed_by").get()
    )
    event.status = stored["status"]
    event.status_changed_at = stored["status_changed_at"]
    event.status_changed_by_id = stored["status_changed_by"]


def _speeches_step_aside(*, event: Event, speeches: Rows[Speech]) -> None:
    # Speeches renumbered among themselves (1 <-> 2) are saved one by one, and each would meet
    # the other's former number in the database's unique constraint: the rows whose number
    # changes, and those deleted, first step aside to numbers above all in use.
    stored = dict(event.speeches.values_list("pk", "order"))
    moving = [obj.pk for obj in speeches.delete] + [
        row.instance.pk
        for row in speeches.save
        if row.instance.pk is not None and stored.get(row.instance.pk) != row.instance.order
    ]
    if not moving:
        return
    top = max([*stored.values(), *(row.instance.order or 0 for row in speeches.save)])
    for step, pk in enumerate(moving, start=1):
        Speech.objects.filter(pk=pk).update(order=top + step)
    # The update bypasses save(): its rows enter the history as they now are.
    history_bulk_create(list(Speech.objects.filter(pk__in=moving).order_by("pk")), update=True)


@audited
@transaction.atomic
@changes("events")
def event_fill_title_lines(*, event: Event, by: User | None = None) -> int:
    """Fill every empty title line of the event's chairs, speakers and attendees from the
    positions they held on the event's date. Lines already printed are never rewritten.

    Returns how many lines were filled. `by` (None: the caller's, e.g. `event_save`) may
    change only the events of their organisations.
    """
    require_writable(event, by)
    rows: list[EventChair | Speech | Attendee] = [
        *event.chairs.filter(title_line=""),
        *event.speeches.filter(title_line=""),
        *event.attendees.filter(title_line=""),
    ]
    if not rows:
        return 0
    speakers = people_with_positions().filter(pk__in={row.person_id for row in rows})
    people = {person.pk: person for person in speakers}
    for row in rows:
        row.title_line = person_title_line(people[row.person_id], on=event.start_date)
        row.save(update_fields=["title_line"])
    return len(rows)


@audited
@transaction.atomic
@changes("events")
def event_copy(*, event: Event, by: User | None) -> Event:
    """A new draft event with the structure of `event` — kind, host, sites, chairs and the
    order of speakers — but no dates, outcomes, documents or photos. It starts today as a
    placeholder the secretariat then sets and publishes (`event_publish`); title lines are left
    empty to be filled for the new date. The copy has the same host: `by` may copy only an
    event their organisations may hold (`require_writable` on the copy).
    """
    title = _("Copy of %(title)s") % {"title": event.title}
    copy = Event.objects.create(
        title=title[: Event._meta.get_field("title").max_length],
        slug=unique_slug(Event, title, max_length=120),
        kind=event.kind,
        purpose=event.purpose,
        level=event.level,
        format=event.format,
        status=EventStatus.DRAFT,
        start_date=timezone.localdate(),
        host=event.host,
        summary="",
    )
    require_writable(copy, by)
    copy.co_organizers.set(event.co_organizers.all())
    copy.legal_documents.set(event.legal_documents.all())
    sites = {}
    for site in event.sites.all():
        old_pk = site.pk
        site.pk = None
        site.event = copy
        site.save()
        sites[old_pk] = site
    for chair in event.chairs.all():
        chair.pk, chair.event, chair.title_line = None, copy, ""
        chair.save()
    for speech in event.speeches.all():
        speech.pk, speech.event, speech.title_line = None, copy, ""
        speech.summary, speech.points, speech.document = "", "", None
        speech.save()
    for attendee in event.attendees.all():
        attendee.pk, attendee.event, attendee.title_line = None, copy, ""
        attendee.site = sites.get(attendee.site_id) if attendee.site_id else None
        attendee.save()
    record_change(copy, by=by, message=_("Copied from “%(title)s”.") % {"title": event.title}, added=True)
    return copy


# --- Publication -------------------------------------------------------------------------------

# The statuses each status is reached from. Publishing a postponed or cancelled event puts it
# back on; any public event can be taken back to a draft (off every public page).
STATUS_SOURCES: dict[str, frozenset[str]] = {
    EventStatus.PUBLISHED: frozenset({EventStatus.DRAFT, EventStatus.POSTPONED, EventStatus.CANCELLED}),
    EventStatus.POSTPONED: frozenset({EventStatus.PUBLISHED}),
    EventStatus.CANCELLED: frozenset({EventStatus.PUBLISHED, EventStatus.POSTPONED}),
    EventStatus.DRAFT: frozenset({EventStatus.PUBLISHED, EventStatus.POSTPONED, EventStatus.CANCELLED}),
}
PUBLISH_PERMISSION = "events.publish_event"


def event_status_moves(status: str) -> list[EventStatus]:
    """The statuses an event in `status` can be moved to, in the order of `EventStatus`."""
    return [to for to in EventStatus if status in STATUS_SOURCES[to]]


def _move(event: Event, *, to: EventStatus, by: User | None, notice: str | None) -> Event:
    """Move `event` to `to` if the workflow allows it, recording who and when.

    `by` needs the publish_event permission (None: the system, e.g. the demo loader). The
    notice to readers is replaced when `notice` is given and kept otherwise; going back to
    published or draft clears it, since it explains a postponement or a cancellation.
    Returns the event as stored; the caller's instance gets the new state as well.
    """
    if by is not None and not by.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(_("You may not change the publication state of events."))
    stored = Event.objects.select_for_update().get(pk=event.pk)
    require_writable(stored, by)
    if stored.status not in STATUS_SOURCES[to]:
        raise ValidationError(
            _("An event cannot go from “%(from)s” to “%(to)s”.")
            % {"from": EventStatus(stored.status).label, "to": to.label},
            code="illegal_transition",
        )
    stored.status = to
    if to in {EventStatus.PUBLISHED, EventStatus.DRAFT}:
        stored.status_notice = ""
    elif notice is not None:
        stored.status_notice = notice.strip()
    stored.status_changed_at = timezone.now()
    stored.status_changed_by = by
    fields = ["status", "status_notice", "status_changed_at", "status_changed_by", "updated_at"]
    stored.save(update_fields=fields)
    require_writable(stored, by)
    for name in fields:
        setattr(event, name, getattr(stored, name))
    record_change(stored, by=by, message=_("Status changed to “%(status)s”.") % {"status": to.label})
    return stored


@audited
@transaction.atomic
@changes("events")
def event_publish(*, event: Event, by: User | None) -> Event:
    """Show the event to readers: a draft is published, a postponed or cancelled one is back on."""
    return _move(event, to=EventStatus.PUBLISHED, by=by, notice=None)


@audited
@transaction.atomic
@changes("events")
def event_postpone(*, event: Event, by: User | None, notice: str | None = None) -> Event:
    """Mark a published event postponed: it keeps its page, with `notice` (the reason, the new
    date if known) under a "postponed" banner; the iCalendar feed marks it TENTATIVE."""
    return _move(event, to=EventStatus.POSTPONED, by=by, notice=notice)


@audited
@transaction.atomic
@changes("events")
def event_cancel(*, event: Event, by: User | None, notice: str | None = None) -> Event:
    """Mark a published or postponed event cancelled: it keeps its page, with `notice` under a
    "cancelled" banner; the iCalendar feed marks it CANCELLED. Reports no longer count it."""
    return _move(event, to=EventStatus.CANCELLED, by=by, notice=notice)


@audited
@transaction.atomic
@changes("events")
def event_unpublish(*, event: Event, by: User | None) -> Event:
    """Take a public event back to a draft: off every public page, list, feed and report."""
    return _move(event, to=EventStatus.DRAFT, by=by, notice=None)


def event_photo_saved(*, photo: EventPhoto) -> None:
    """Queue the photo's renditions once the transaction that stored it commits; if the
    broker is down, `event_photos_make_missing_renditions` makes them later."""
    from events.tasks import make_photo_renditions

    enqueue_on_commit(make_photo_renditions, photo.pk)


def event_photo_render(*, photo_id: int) -> list[str]:
    """Make the renditions of the photo `photo_id` unless another worker is making them.

    The photo is locked while its renditions are made (PostgreSQL), so the task queued on
    save and the sweep never make them twice. A photo deleted meanwhile is skipped.
    """
    with transaction.atomic():
        photo = EventPhoto.objects.select_for_update(skip_locked=True).filter(pk=photo_id).first()
        if photo is None:
            return []
        return event_photo_make_renditions(photo=photo)


def event_photos_make_missing_renditions(*, limit: int = 500) -> int:
    """Make the renditions that were never made (queued while the broker was down, or failed).

    Returns how many photos got renditions. A photo whose original cannot be read is logged
    and left for staff to replace; the others go on.
    """
    missing = EventPhoto.objects.filter(Q(thumbnail="") | Q(medium="")).order_by("pk")
    made = 0
    for photo_id in missing.values_list("pk", flat=True)[:limit]:
        try:
            made += bool(event_photo_render(photo_id=photo_id))
        except (OSError, ValueError):
            logger.warning("The renditions of photo %s could not be made.", photo_id, exc_info=True)
    return made


@changes("events")
def event_photo_make_renditions(*, photo: EventPhoto) -> list[str]:
    """Make the thumbnail and medium JPEG renditions of `photo` (longest side 480 and 1280 px).

    Idempotent: renditions already made are kept. Returns the names of the fields it filled.
    """
    from PIL import Image, ImageOps

    made = []
    for field, longest in RENDITIONS.items():
        if getattr(photo, field):
            continue
        with photo.image.open("rb") as source, Image.open(source) as original:
            image = ImageOps.exif_transpose(original).convert("RGB")
            image.thumbnail((longest, longest))
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
        stem = PurePosixPath(photo.image.name).stem
        getattr(photo, field).save(f"{stem}-{field}.jpg", ContentFile(buffer.getvalue()), save=False)
        made.append(field)
    if made:
        photo.save(update_fields=made)
    return made
