"""The spreadsheets of events: one row an event, its connection sites in one column.

An event row carries what the secretariat types in its own lists: title, kind, purpose,
level, format, dates and times (and whether the day is known), host, co-organisers and the
documents implemented (by number, or title when the document has none), the summary, and
the sites flattened into one cell: "Học viện Chính trị khu vực I — Hội trường A (điểm cầu
chính); Trường Chính trị tỉnh Nghệ An". A site is "organisation — place", or only one of
the two; a part naming no known organisation (exactly, accents and case aside) is a place.
The main site is marked by its label in brackets. Sites are compared with those stored by
organisation and place: a re-import keeps them (and their attendees); a site missing from
the cell is removed.

Speeches are a second sheet (`SpeechResource`), importable: a speech has a speaker, a role,
an order, a title line, a title and a summary, which would not read in one cell. Its event
is named by title and start date (two columns), its speaker by full name; a speech is
identified by its event and order, and written through `event_save` as one of the event's
rows. The points of a speech and the document presented stay on the event's admin screen.
The status of an event is exported as its label and never imported: a new event is a draft
(`event_save`), and publishing it is the publication workflow's.

Every write goes through `events.services.event_save`, with the sites as its `Rows`.
"""

from events.resources.events import EventResource
from events.resources.speeches import SpeechResource

__all__ = ["EventResource", "SpeechResource"]
