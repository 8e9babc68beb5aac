"""Demo data of the events app: the four events of the source articles (tables in `data`).

Runs after committees.demo (INSTALLED_APPS order) and uses its organisations, people, decisions
and legal documents. Idempotent: an event is found by its slug, a site by its organisation or
place, an attendee or chair by person, a speech, award, key figure or photo by its order; a row
is saved, through full_clean(), only when a field the sources give differs. Fields the sources
do not give (clock times, level, documents…) are never written, so what an editor fills is kept;
co-organisers, documents and decisions are added, never replaced. Title lines the positions
give are filled once by `event_fill_title_lines`. Photos are generated placeholders carrying the
article's caption, made once; their renditions are made here, synchronously, when missing.
"""

import io
import textwrap

from django.core.files.uploadedfile import SimpleUploadedFile

from committees.models import Decision, LegalDocument, Organization, Person
from events.demo.data import EVENTS, KV2_DECISIONS, KV2_HALF_YEAR, KV4_REVIEW, NGHE_AN_SIGNING, Ev, Photo
from events.models import (
    Attendee,
    Award,
    Event,
    EventChair,
    EventPhoto,
    EventSite,
    EventStatus,
    KeyFigure,
    Speech,
)
from events.services import event_fill_title_lines, event_photo_make_renditions
from portal.demo import upsert
from portal.lib.text import strip_diacritics

__all__ = ["EVENTS", "KV2_DECISIONS", "KV2_HALF_YEAR", "KV4_REVIEW", "NGHE_AN_SIGNING", "load"]

PHOTO_SIZE = (1200, 800)
PHOTO_COLOURS = ((20, 60, 110), (120, 30, 35), (25, 90, 60), (70, 50, 110))  # one per event


def load() -> None:
    """Create or update the four events; a second run changes nothing."""
    for number, spec in enumerate(EVENTS):
        event = _load_event(spec)
        event_fill_title_lines(event=event)
        for order, photo in enumerate(spec.photos, start=1):
            _load_photo(event, order, photo, PHOTO_COLOURS[number % len(PHOTO_COLOURS)])


def _load_event(spec: Ev) -> Event:
    orgs = Organization.objects.in_bulk(
        [spec.host, *spec.co_organizers, *(s.organization for s in spec.sites if s.organization)],
        field_name="slug",
    )
    people = Person.objects.in_bulk(
        {row.person for row in (*spec.attendees, *spec.chairs, *spec.speeches)}, field_name="slug"
    )
    decisions = Decision.objects.in_bulk(
        {*spec.decisions, *(award.decision for award in spec.awards)}, field_name="slug"
    )
    event = upsert(
        Event,
        {"slug": spec.slug},
        {
            "title": spec.title,
            "kind": spec.kind,
            "purpose": spec.purpose,
            "format": spec.format,
            "status": EventStatus.HELD,
            "start_date": spec.start_date,
            "part_of_day": spec.part_of_day,
            "host": orgs[spec.host],
            "summary": spec.summary,
        },
    )
    _add_missing(event.co_organizers, [orgs[slug] for slug in spec.co_organizers])
    _add_missing(event.legal_documents, LegalDocument.objects.filter(number__in=spec.legal_documents))
    _add_missing(event.decisions, [decisions[slug] for slug in spec.decisions])

    sites = []
    for order, site in enumerate(spec.sites, start=1):
        organization = orgs.get(site.organization)
        lookup = {"event": event, "organization": organization, "place": site.place}
        values = {"is_main": site.is_main, "attendee_groups": site.groups, "order": order}
        sites.append(upsert(EventSite, lookup, values))
    for order, row in enumerate(spec.attendees, start=1):
        values = {"site": sites[row.site], "note": row.note, "order": order, **_line(row.line)}
        upsert(Attendee, {"event": event, "person": people[row.person]}, values)
    for order, row in enumerate(spec.chairs, start=1):
        upsert(
            EventChair, {"event": event, "person": people[row.person]}, {"order": order, **_line(row.line)}
        )
    for order, row in enumerate(spec.speeches, start=1):
        values = {
            "person": people[row.person],
            "role": row.role,
            "title": row.title,
            "on_behalf_of": row.on_behalf_of,
            "summary": row.summary,
            **_line(row.line),
        }
        upsert(Speech, {"event": event, "order": order}, values)
    for order, award in enumerate(spec.awards, start=1):
        values = {
            "recipient_collective": award.collective,
            "reason": award.reason,
            "decision": decisions[award.decision],
        }
        upsert(Award, {"event": event, "order": order}, values)
    for order, (value, label) in enumerate(spec.figures, start=1):
        upsert(KeyFigure, {"event": event, "order": order}, {"value": value, "label": label})
    return event


def _add_missing(related, wanted) -> None:
    """Add what is not linked yet; links an editor added stay, and nothing is written when all are."""
    linked = set(related.values_list("pk", flat=True))
    missing = [obj for obj in wanted if obj.pk not in linked]
    if missing:
        related.add(*missing)


def _line(printed: str) -> dict:
    """The printed title line when the article's differs from the positions; else nothing, so
    `event_fill_title_lines` fills it once and an editor's change is kept."""
    return {"title_line": printed} if printed else {}


def _load_photo(event: Event, order: int, spec: Photo, colour: tuple[int, int, int]) -> None:
    """The photo at `order`, generated only when missing: a second run, or a real photo an editor
    put in its place, keeps the stored image and its file name."""
    lookup = {"event": event, "order": order}
    values = {"caption": spec.caption, "credit": spec.credit}
    if EventPhoto.objects.filter(**lookup).exists():
        photo = upsert(EventPhoto, lookup, values)
    else:
        photo = EventPhoto(**lookup, **values)
        photo.image = SimpleUploadedFile("anh.jpg", placeholder_jpeg(spec.caption, colour), "image/jpeg")
        photo.full_clean()
        photo.save()
    if not (photo.thumbnail and photo.medium):
        event_photo_make_renditions(photo=photo)


def placeholder_jpeg(caption: str, colour: tuple[int, int, int]) -> bytes:
    """A 1200×800 JPEG of one colour with the caption written on it, standing in for the photo."""
    from PIL import Image, ImageDraw, ImageFont

    try:  # DejaVu Sans has the Vietnamese letters; Pillow's bundled font has not, so they are dropped.
        font, write = ImageFont.truetype("DejaVuSans.ttf", 40), str
    except OSError:
        font, write = ImageFont.load_default(size=40), strip_diacritics
    image = Image.new("RGB", PHOTO_SIZE, colour)
    draw = ImageDraw.Draw(image)
    lines = "\n".join(textwrap.wrap(write(caption), width=44))
    draw.multiline_text((80, 120), lines, font=font, fill="white", spacing=14)
    draw.text((80, PHOTO_SIZE[1] - 100), write("Ảnh minh họa"), font=font, fill=(220, 220, 220))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
