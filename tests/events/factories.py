"""Factories of the events app, for every test of events (admin, public pages, demo).

Each factory builds a valid row with the least it needs; related rows are made by the
registry's factories (tests/committees/factories.py). A child of an event (site, chair,
speech…) makes its own event unless given one: pass `event=` to gather rows on one event.
Files are small valid ones (a 1-page PDF, a 64×48 JPEG) written to MEDIA_ROOT, so tests
that make documents or photos should point MEDIA_ROOT at a temporary folder.
"""

import datetime as dt

import factory

from events.models import (
    Attendee,
    Award,
    Event,
    EventChair,
    EventDocument,
    EventFormat,
    EventKind,
    EventPhoto,
    EventSite,
    EventStatus,
    KeyFigure,
    Speech,
    SpeechRole,
)
from tests.committees.factories import OrganizationFactory, PersonFactory
from tests.files import pdf_bytes

# The inlines of the event's admin screen, by their formset prefixes.
EVENT_INLINES = (
    "sites",
    "attendees",
    "chairs",
    "speeches",
    "decision_announcements",
    "awards",
    "key_figures",
    "documents",
    "photos",
)


class EventFactory(factory.django.DjangoModelFactory):
    """A conference held in person on 05/06/2025; `co_organizers`, `legal_documents` and
    `decisions` take lists: EventFactory(decisions=[decision])."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Hội nghị Ban Chỉ đạo 35 số {n}")
    slug = factory.Sequence(lambda n: f"hoi-nghi-{n}")
    kind = EventKind.CONFERENCE
    format = EventFormat.IN_PERSON
    status = EventStatus.PUBLISHED
    start_date = dt.date(2025, 6, 5)
    host = factory.SubFactory(OrganizationFactory)

    @factory.post_generation
    def co_organizers(self, create, extracted, **kwargs):
        if create and extracted:
            self.co_organizers.set(extracted)

    @factory.post_generation
    def legal_documents(self, create, extracted, **kwargs):
        if create and extracted:
            self.legal_documents.set(extracted)

    @factory.post_generation
    def decisions(self, create, extracted, **kwargs):
        if create and extracted:
            self.decisions.set(extracted)


class EventSiteFactory(factory.django.DjangoModelFactory):
    """A connection site at an organisation; EventSiteFactory(organization=None, place="…") for a place."""

    class Meta:
        model = EventSite

    event = factory.SubFactory(EventFactory, format=EventFormat.ONLINE)
    organization = factory.SubFactory(OrganizationFactory)
    order = factory.Sequence(lambda n: n)


class EventChairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventChair

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    order = factory.Sequence(lambda n: n)


class SpeechFactory(factory.django.DjangoModelFactory):
    """A contribution; `order` is unique across all speeches made, so several fit on one event."""

    class Meta:
        model = Speech

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    role = SpeechRole.CONTRIBUTION
    order = factory.Sequence(lambda n: n + 1)


class AttendeeFactory(factory.django.DjangoModelFactory):
    """An attendee of an event; given a `site`, it attends that site's event."""

    class Meta:
        model = Attendee

    site = None
    event = factory.Maybe(
        "site",
        yes_declaration=factory.SelfAttribute("site.event"),
        no_declaration=factory.SubFactory(EventFactory),
    )
    person = factory.SubFactory(PersonFactory)
    order = factory.Sequence(lambda n: n)


class AwardFactory(factory.django.DjangoModelFactory):
    """A commendation of a collective written as text; pass `recipient_person` or
    `recipient_organization` (and `recipient_collective=""`) for the other kinds."""

    class Meta:
        model = Award

    event = factory.SubFactory(EventFactory)
    recipient_collective = factory.Sequence(lambda n: f"Tập thể có thành tích xuất sắc {n}")
    order = factory.Sequence(lambda n: n)


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure

    event = factory.SubFactory(EventFactory)
    value = 3
    label = "phương hướng"
    order = factory.Sequence(lambda n: n)


class EventDocumentFactory(factory.django.DjangoModelFactory):
    """A PDF document of the event, stored under MEDIA_ROOT."""

    class Meta:
        model = EventDocument

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Báo cáo sơ kết {n}")
    file = factory.django.FileField(filename="bao-cao.pdf", data=pdf_bytes())
    order = factory.Sequence(lambda n: n)


class EventPhotoFactory(factory.django.DjangoModelFactory):
    """A 64×48 JPEG photo, stored under MEDIA_ROOT, without renditions (the task makes them)."""

    class Meta:
        model = EventPhoto

    event = factory.SubFactory(EventFactory)
    image = factory.django.ImageField(filename="anh.jpg", format="JPEG", width=64, height=48, color="blue")
    caption = factory.Sequence(lambda n: f"Quang cảnh hội nghị {n}")
    credit = "Ảnh: Đức Anh"
    order = factory.Sequence(lambda n: n)
