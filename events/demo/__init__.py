"""Demo data of the events app: the events of the source articles (tables in `data`): the four
they report, the workshops and exhibition article 003 counts without dating them (day unknown),
and the writing contest article 000 thanks its participants for (undated too).

Runs after committees.demo (INSTALLED_APPS order) and uses its organisations, people, decisions
and legal documents. Every write goes through `event_save`, as staff's would. Idempotent: an
event is found by its slug, a site by its organisation or place, an attendee or chair by person,
a speech, award, key figure or photo by its order; a row is validated by full_clean() and handed
to the service only when a field the sources give differs (`portal.demo.staged`), and the
service is called only when something does. Fields the sources do not give (clock times, level,
documents…) are never written, so what an editor fills is kept; co-organisers, documents and
decisions are added, never replaced. Title lines the positions give are filled once by the
service. A new event is published through `event_publish` (the sources report it held); its
status is never set again. The event and each speech cite the source articles of their rows
(`src`; a speech without its own, its event's); its sites, attendees, chairs, awards, figures and
photos are parts of the event shown only on its page, stated by the event's sources. Photos are
generated placeholders carrying the article's caption, made once; their renditions are made here,
synchronously, when missing.
"""

import io
import textwrap

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q

from committees.models import Decision, LegalDocument, Organization, Person
from events.demo.data import (
    CITED,
    EVENTS,
    KV2_DECISIONS,
    KV2_HALF_YEAR,
    KV4_REVIEW,
    NGHE_AN_SIGNING,
    SPEECH_POINTS,
    WRITING_CONTEST,
    Ev,
    Photo,
)
from events.models import (
    Attendee,
    Award,
    Event,
    EventChair,
    EventPhoto,
    EventSite,
    KeyFigure,
    Speech,
)
from events.services import event_photo_make_renditions, event_publish, event_save
from portal.demo import staged
from portal.lib.text import strip_diacritics
from portal.services import Row, Rows
from portal.sources.seeds import cite

__all__ = [
    "EVENTS",
    "KV2_DECISIONS",
    "KV2_HALF_YEAR",
    "KV4_REVIEW",
    "NGHE_AN_SIGNING",
    "WRITING_CONTEST",
    "load",
]

PHOTO_SIZE = (1200, 800)
PHOTO_COLOURS = ((20, 60, 110), (120, 30, 35), (25, 90, 60), (70, 50, 110))  # one per event


def load() -> None:
    """Create or update the events through `event_save`; a second run changes nothing."""
    for number, spec in enumerate(EVENTS):
        event = _load_event(spec, PHOTO_COLOURS[number % len(PHOTO_COLOURS)])
        cite(event, *CITED.get(spec.slug, ()))


def _load_event(spec: Ev, colour: tuple[int, int, int]) -> Event:
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
    values = {
        "title": spec.title,
        "kind": spec.kind,
        "purpose": spec.purpose,
        "format": spec.format,
        "start_date": spec.start_date,
        "part_of_day": spec.part_of_day,
        "host": orgs[spec.host],
        "summary": spec.summary,
    }
    if spec.level:
        values["level"] = spec.level
    if spec.day_unknown:  # held at some time between the two dates
        values |= {"end_date": spec.end_date, "day_unknown": True}
    event, changed = staged(Event, {"slug": spec.slug}, values)
    many_to_many = {
        "co_organizers": [orgs[slug] for slug in spec.co_organizers],
        # Numbers, or slugs for the documents cited without a number.
        "legal_documents": list(
            LegalDocument.objects.filter(
                Q(number__in=spec.legal_documents) | Q(slug__in=spec.legal_documents)
            )
        ),
        "decisions": [decisions[slug] for slug in spec.decisions],
    }
    for name, wanted in list(many_to_many.items()):
        # Links an editor added stay: the values are those linked plus those missing.
        linked = list(getattr(event, name).all()) if event.pk else []
        missing = [obj for obj in wanted if obj not in linked]
        if missing:
            many_to_many[name] = linked + missing
        else:
            del many_to_many[name]

    rows: dict[type, Rows] = {}

    def stage(model, lookup, values):
        obj, pending = staged(model, {"event": event, **lookup}, values)
        if pending:
            rows.setdefault(model, Rows(model, "event")).save.append(Row(obj))
        return obj

    sites = [
        stage(
            EventSite,
            {"organization": orgs.get(site.organization), "place": site.place},
            {"is_main": site.is_main, "attendee_groups": site.groups, "order": order},
        )
        for order, site in enumerate(spec.sites, start=1)
    ]
    for order, row in enumerate(spec.attendees, start=1):
        values = {"site": sites[row.site], "note": row.note, "order": order, **_line(row.line)}
        stage(Attendee, {"person": people[row.person]}, values)
    for order, row in enumerate(spec.chairs, start=1):
        stage(EventChair, {"person": people[row.person]}, {"order": order, **_line(row.line)})
    speeches = []
    for order, row in enumerate(spec.speeches, start=1):
        values = {
            "person": people[row.person],
            "role": row.role,
            "title": row.title,
            "on_behalf_of": row.on_behalf_of,
            "summary": row.summary,
            **_line(row.line),
        }
        points = SPEECH_POINTS.get((spec.slug, order))
        if points:  # written only where the article numbers them, so an editor's points elsewhere stay
            values["points"] = "\n".join(points)
        speeches.append((stage(Speech, {"order": order}, values), row.src or spec.src))
    for order, award in enumerate(spec.awards, start=1):
        values = {
            "recipient_collective": award.collective,
            "reason": award.reason,
            "decision": decisions[award.decision],
        }
        stage(Award, {"order": order}, values)
    for order, (value, label) in enumerate(spec.figures, start=1):
        stage(KeyFigure, {"order": order}, {"value": value, "label": label})
    photos = [
        _stage_photo(stage, event, order, photo, colour) for order, photo in enumerate(spec.photos, start=1)
    ]
    added = event.pk is None
    if changed or many_to_many or rows:
        event_save(event=event, by=None, many_to_many=many_to_many, rows=list(rows.values()))
    if added:
        # The sources report these events as held: published once, when first loaded. A status
        # an editor set later (draft, postponed…) is theirs and is kept on the next run.
        event_publish(event=event, by=None)
    cite(event, *spec.src)
    for speech, src in speeches:
        cite(speech, *src)
    for photo in photos:
        if not (photo.thumbnail and photo.medium):
            event_photo_make_renditions(photo=photo)
    return event


def _line(printed: str) -> dict:
    """The printed title line when the article's differs from the positions; else nothing, so
    `event_fill_title_lines` fills it once and an editor's change is kept."""
    return {"title_line": printed} if printed else {}


def _stage_photo(stage, event: Event, order: int, spec: Photo, colour: tuple[int, int, int]) -> EventPhoto:
    """The photo at `order`, generated only when missing: a second run, or a real photo an editor
    put in its place, keeps the stored image and its file name."""
    values = {"caption": spec.caption, "credit": spec.credit}
    if event.pk is None or not EventPhoto.objects.filter(event=event, order=order).exists():
        image = SimpleUploadedFile("anh.jpg", placeholder_jpeg(spec.caption, colour), "image/jpeg")
        values["image"] = image
    return stage(EventPhoto, {"order": order}, values)


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
