from events.models.events import (
    PUBLIC_STATUSES,
    Event,
    EventFormat,
    EventKind,
    EventLevel,
    EventPurpose,
    EventStatus,
    PartOfDay,
)
from events.models.media import EventDocument, EventPhoto
from events.models.outcomes import Award, DecisionAnnouncement, KeyFigure
from events.models.participation import Attendee, EventChair, EventSite, Speech, SpeechRole

__all__ = [
    "PUBLIC_STATUSES",
    "Attendee",
    "Award",
    "DecisionAnnouncement",
    "Event",
    "EventChair",
    "EventDocument",
    "EventFormat",
    "EventKind",
    "EventLevel",
    "EventPhoto",
    "EventPurpose",
    "EventSite",
    "EventStatus",
    "KeyFigure",
    "PartOfDay",
    "Speech",
    "SpeechRole",
]
