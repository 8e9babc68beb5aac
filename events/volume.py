"""The events' part of the volume (portal/volume.py): at scale 1, 5,000 events from 2018 to 2027
with 15,000 sites, 30,000 speeches, chairs, attendees, decisions announced, awards, figures,
documents and photos.

Title lines are filled from the positions held on the event date, as `event_fill_title_lines`
fills them. Documents and photos share a few stored files: what pages read of them is the row.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from committees.models import OrganizationKind, Person
from committees.selectors import people_with_positions, person_title_line
from events.models import (
    Attendee,
    Award,
    DecisionAnnouncement,
    Event,
    EventChair,
    EventDocument,
    EventFormat,
    EventKind,
    EventLevel,
    EventPhoto,
    EventPurpose,
    EventSite,
    EventStatus,
    KeyFigure,
    PartOfDay,
    Speech,
    SpeechRole,
)
from portal.volume import SLUG_PREFIX, Volume

TITLES = {
    EventKind.CONFERENCE: "Hội nghị sơ kết việc thực hiện Nghị quyết số 35-NQ/TW",
    EventKind.WORKSHOP: "Hội thảo khoa học về bảo vệ nền tảng tư tưởng của Đảng",
    EventKind.ROUNDTABLE: "Tọa đàm đấu tranh phản bác các quan điểm sai trái, thù địch",
    EventKind.TRAINING: "Tập huấn nghiệp vụ công tác đấu tranh trên không gian mạng",
    EventKind.BRIEFING: "Giao ban Ban Chỉ đạo 35",
    EventKind.SIGNING: "Ký kết Quy chế phối hợp thực hiện Nghị quyết số 35-NQ/TW",
}
SUMMARY = "Các đại biểu đánh giá kết quả và đề ra phương hướng, nhiệm vụ thời gian tới."
FIRST_DAY = dt.date(2018, 1, 1)
LAST_DAY = dt.date(2027, 12, 31)


def generate(volume: Volume) -> None:
    rng = volume.rng
    organizations = volume.records["organizations"]
    hosts = [
        org
        for org in organizations
        if org.kind not in {OrganizationKind.PARTY_COMMITTEE, OrganizationKind.UNIT}
    ]
    people_ids = [person.pk for person in volume.records["people"]]
    people = {person.pk: person for person in people_with_positions(Person.objects.filter(pk__in=people_ids))}
    lines: dict[tuple[int, dt.date], str] = {}

    def title_line(person_id: int, day: dt.date) -> str:
        if (person_id, day) not in lines:
            lines[person_id, day] = person_title_line(people[person_id], on=day)
        return lines[person_id, day]

    events = []
    for index in range(volume.count(5000)):
        kind = rng.choice(list(TITLES))
        host = organizations[0] if rng.random() < 0.2 else rng.choice(hosts)
        start = dt.date.fromordinal(rng.randint(FIRST_DAY.toordinal(), LAST_DAY.toordinal()))
        title = f"{TITLES[kind]} – {host.name}"
        events.append(
            Event(
                title=title,
                slug=f"{SLUG_PREFIX}su-kien-{index}",
                kind=kind,
                purpose=rng.choice(["", *EventPurpose.values]),
                level=rng.choice(["", *EventLevel.values]),
                format=rng.choice(
                    [EventFormat.IN_PERSON, EventFormat.IN_PERSON, EventFormat.ONLINE, EventFormat.HYBRID]
                ),
                status=EventStatus.PUBLISHED,
                start_date=start,
                end_date=start + dt.timedelta(days=1) if rng.random() < 0.1 else None,
                part_of_day=rng.choice(PartOfDay.values),
                host=host,
                summary=f"{title}. {SUMMARY}",
            )
        )
    events = volume.bulk(Event, events)

    co_organized = Event.co_organizers.through
    volume.link(
        co_organized,
        [
            co_organized(event=event, organization=rng.choice(hosts))
            for event in events
            if rng.random() < 0.5 and event.host_id
        ],
    )
    documents_through = Event.legal_documents.through
    legal_documents = volume.records["legal_documents"]
    volume.link(
        documents_through,
        [documents_through(event=event, legaldocument=rng.choice(legal_documents)) for event in events],
    )

    sites, chairs, speeches, attendees = [], [], [], []
    for event in events:
        # Three sites an event on average; an online or hybrid event always has one, the main first.
        count = rng.choice([1, 2, 3, 4, 5]) if event.is_online else rng.choice([0, 2, 3, 4, 6])
        for order in range(count):
            sites.append(
                EventSite(
                    event=event,
                    organization=rng.choice(hosts),
                    is_main=order == 0,
                    attendee_groups="lãnh đạo, cán bộ, giảng viên",
                    order=order,
                )
            )
    sites = volume.bulk(EventSite, sites)
    sites_of: dict[int, list[EventSite]] = {}
    for site in sites:
        sites_of.setdefault(site.event_id, []).append(site)

    for event in events:
        speakers = rng.sample(people_ids, 9)
        chairs.append(
            EventChair(
                event=event, person_id=speakers[0], title_line=title_line(speakers[0], event.start_date)
            )
        )
        roles = [
            SpeechRole.OPENING,
            *[rng.choice([SpeechRole.REPORT, SpeechRole.CONTRIBUTION]) for _ in range(4)],
            SpeechRole.CLOSING,
        ]
        for order, (role, person_id) in enumerate(zip(roles, speakers, strict=False), start=1):
            speeches.append(
                Speech(
                    event=event,
                    person_id=person_id,
                    role=role,
                    order=order,
                    title_line=title_line(person_id, event.start_date),
                    title="Báo cáo kết quả thực hiện" if role == SpeechRole.REPORT else "",
                )
            )
        for order, person_id in enumerate(speakers[6:], start=1):
            attendees.append(
                Attendee(
                    event=event,
                    site=rng.choice(sites_of[event.pk]) if event.pk in sites_of else None,
                    person_id=person_id,
                    title_line=title_line(person_id, event.start_date),
                    order=order,
                )
            )
    volume.bulk(EventChair, chairs)
    volume.bulk(Speech, speeches)
    volume.bulk(Attendee, attendees)

    decisions = volume.records["decisions"]
    announced = rng.sample(events, min(len(events), len(decisions)))
    volume.bulk(
        DecisionAnnouncement,
        [
            DecisionAnnouncement(event=event, decision=decision)
            for event, decision in zip(announced, decisions, strict=False)
        ],
    )
    volume.bulk(
        Award,
        [
            Award(event=event, recipient_person_id=rng.choice(people_ids), reason="Có thành tích xuất sắc")
            for event in rng.sample(events, volume.count(1000))
        ],
    )
    volume.bulk(
        KeyFigure,
        [
            KeyFigure(event=event, value=rng.randint(1, 20), label=label, order=order)
            for event in events
            for order, label in enumerate(["phương hướng", "nhiệm vụ"])
            if rng.random() < 0.5
        ],
    )
    _files(volume, events)
    volume.records["events"] = events


def _files(volume: Volume, events: list[Event]) -> None:
    """A document for one event in two, a photo for each: rows sharing a few stored files."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    pdf = io.BytesIO()
    writer.write(pdf)
    document = _stored("events/documents/vl-bao-cao.pdf", pdf.getvalue())
    photos = {}
    for field, size in [("image", (1600, 900)), ("thumbnail", (480, 270)), ("medium", (1280, 720))]:
        picture = io.BytesIO()
        Image.new("RGB", size, (150, 30, 30)).save(picture, "JPEG", quality=70)
        folder = "events/photos" if field == "image" else "events/renditions"
        photos[field] = _stored(f"{folder}/vl-toan-canh-{field}.jpg", picture.getvalue())
    volume.bulk(
        EventDocument,
        [
            EventDocument(event=event, title="Báo cáo sơ kết", file=document)
            for event in events
            if volume.rng.random() < 0.5
        ],
    )
    volume.bulk(
        EventPhoto,
        [
            EventPhoto(
                event=event,
                image=photos["image"],
                width=1600,
                height=900,
                thumbnail=photos["thumbnail"],
                medium=photos["medium"],
                caption=f"Toàn cảnh {event.title}"[:500],
                credit="Ảnh: Ban Tuyên giáo",
            )
            for event in events
        ],
    )


def _stored(name: str, content: bytes) -> str:
    return default_storage.save(name, ContentFile(content))
