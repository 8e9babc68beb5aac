"""Events, one a row, with their connection sites flattened into one column (see the package)."""

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from import_export.fields import Field

from committees.models import LegalDocument, Organization
from events.models import (
    Event,
    EventFormat,
    EventKind,
    EventLevel,
    EventPurpose,
    EventSite,
    EventStatus,
    PartOfDay,
)
from events.services import event_check_sites, event_save
from portal.exchange.resources import EXPORT_CHUNK, SpreadsheetResource, stored_value
from portal.exchange.widgets import (
    SEPARATOR,
    BooleanWidget,
    ChoiceWidget,
    DateWidget,
    LookupWidget,
    ManyLookupWidget,
    TextWidget,
    TimeWidget,
    cell_text,
    escape_formula,
)
from portal.lib.text import fold
from portal.services import Row, Rows
from portal.slugs import unique_slug

SITE_SEPARATOR = re.compile(r"\s+—\s+|^—\s*|\s*—$")
BRACKETED_END = re.compile(r"\s*\(([^()]*)\)\s*$")


def organization_name(organization: Organization) -> str:
    return organization.name


def document_label(document: LegalDocument) -> str:
    """A document by its number, or by its title when it has none."""
    return document.number or document.title


class SiteSpec:
    """A site as a cell names it: an organisation, a place, or both; and whether it is the main one."""

    __slots__ = ("is_main", "organization", "place")

    def __init__(self, organization: Organization | None, place: str, is_main: bool) -> None:
        self.organization = organization
        self.place = place
        self.is_main = is_main

    def key(self) -> tuple[int | None, str]:
        return (self.organization.pk if self.organization else None, fold(self.place))


def site_key(site: EventSite) -> tuple[int | None, str]:
    return (site.organization_id, fold(site.place))


def site_text(organization: str | None, place: str, is_main: bool, marker: str) -> str:
    """A site as its cell writes it: "organisation — place (main site)", "— place" for a place alone."""
    text = f"{organization} — {place}" if organization and place else organization or "— " + place
    return f"{text} ({marker})" if is_main else text


def _labels(choices) -> dict[str, str]:
    """The labels of a TextChoices, escaped as `ChoiceWidget.render` gives them ("" stays "")."""
    return {"": "", **{value: escape_formula(str(label)) for value, label in choices.choices}}


EXPORT_VALUES = (
    "pk",
    "title",
    "kind",
    "purpose",
    "level",
    "format",
    "start_date",
    "start_time",
    "part_of_day",
    "end_date",
    "end_time",
    "day_unknown",
    "host__name",
    "summary",
    "status",
)


class SitesWidget(LookupWidget):
    """The connection sites of an event in one cell, "organisation — place (main site)", separated by ";".

    A subclass of `LookupWidget` (of organisations) so that its names are read once per file.
    """

    def __init__(self) -> None:
        super().__init__(Organization, keys=("name", "short_name"), label=organization_name)

    @staticmethod
    def main_marker() -> str:
        return _("main site")

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        sites = value.all() if hasattr(value, "all") else value
        marker = self.main_marker()
        return escape_formula(
            "; ".join(
                site_text(
                    site.organization.name if site.organization_id else None, site.place, site.is_main, marker
                )
                for site in sites
            )
        )

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        marker = fold(self.main_marker())
        specs: list[SiteSpec] = []
        errors: list[str] = []
        for part in SEPARATOR.split(text.strip()):
            part = " ".join(part.split())
            if not part:
                continue
            is_main = False
            bracketed = BRACKETED_END.search(part)
            if bracketed and fold(bracketed.group(1)) == marker:
                is_main = True
                part = part[: bracketed.start()].strip()
            pieces = SITE_SEPARATOR.split(part, maxsplit=1)
            if len(pieces) == 2:
                name, place = pieces[0].strip(), pieces[1].strip()
                organization = None
                if name:
                    try:
                        organization = self.find(name)
                    except ValueError as error:
                        errors.append(str(error))
                        continue
            else:
                # One name alone: an organisation when one bears it, else a place.
                found = self.index().get(fold(part), [])
                organization = found[0] if len({obj.pk for obj in found}) == 1 else None
                place = "" if organization else part
            if organization is None and not place:
                errors.append(_("Choose the organisation or write the place of the site."))
                continue
            max_length = EventSite._meta.get_field("place").max_length
            if max_length is not None and len(place) > max_length:
                errors.append(
                    _("At most %(limit)d characters (this cell has %(count)d).")
                    % {"limit": max_length, "count": len(place)}
                )
                continue
            specs.append(SiteSpec(organization, place, is_main))
        if errors:
            raise ValueError(" ".join(errors))
        keys = [spec.key() for spec in specs]
        if len(set(keys)) != len(keys):
            raise ValueError(_("A site is listed twice."))
        return specs


def column(text: str):
    """A column header of the events' spreadsheets (Vietnamese through gettext)."""
    return pgettext_lazy("events spreadsheet column", text)


class EventResource(SpreadsheetResource):
    """Events, one a row; written through `event_save`, a new one as a draft."""

    title = Field(attribute="title", column_name=column("Title"), widget=TextWidget(max_length=500))
    kind = Field(attribute="kind", column_name=column("Kind"), widget=ChoiceWidget(EventKind.choices))
    purpose = Field(
        attribute="purpose", column_name=column("Purpose"), widget=ChoiceWidget(EventPurpose.choices)
    )
    level = Field(attribute="level", column_name=column("Level"), widget=ChoiceWidget(EventLevel.choices))
    format = Field(attribute="format", column_name=column("Format"), widget=ChoiceWidget(EventFormat.choices))
    start_date = Field(attribute="start_date", column_name=column("Start date"), widget=DateWidget())
    start_time = Field(attribute="start_time", column_name=column("Start time"), widget=TimeWidget())
    part_of_day = Field(
        attribute="part_of_day", column_name=column("Part of the day"), widget=ChoiceWidget(PartOfDay.choices)
    )
    end_date = Field(attribute="end_date", column_name=column("End date"), widget=DateWidget())
    end_time = Field(attribute="end_time", column_name=column("End time"), widget=TimeWidget())
    day_unknown = Field(attribute="day_unknown", column_name=column("Day not known"), widget=BooleanWidget())
    host = Field(
        attribute="host",
        column_name=column("Host organisation"),
        widget=LookupWidget(Organization, keys=("name", "short_name"), label=organization_name),
    )
    co_organizers = Field(
        attribute="co_organizers",
        column_name=column("Co-organisers"),
        widget=ManyLookupWidget(Organization, keys=("name", "short_name"), label=organization_name),
    )
    legal_documents = Field(
        attribute="legal_documents",
        column_name=column("Documents implemented"),
        widget=ManyLookupWidget(LegalDocument, keys=("number", "title"), label=document_label),
    )
    sites = Field(attribute="sites", column_name=column("Connection sites"), widget=SitesWidget())
    summary = Field(attribute="summary", column_name=column("Summary"), widget=TextWidget(one_line=False))
    status = Field(
        attribute="status",
        column_name=column("Status"),
        widget=ChoiceWidget(EventStatus.choices),
        readonly=True,
    )

    natural_key = ("title", "start_date", "host")

    class Meta(SpreadsheetResource.Meta):
        model = Event
        fields = (
            "title",
            "kind",
            "purpose",
            "level",
            "format",
            "start_date",
            "start_time",
            "part_of_day",
            "end_date",
            "end_time",
            "day_unknown",
            "host",
            "co_organizers",
            "legal_documents",
            "sites",
            "summary",
            "status",
        )
        import_order = fields
        export_order = fields

    # --- reading --------------------------------------------------------------------------

    def get_queryset(self) -> QuerySet:
        return self.export_queryset(Event.objects.all())

    def export_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("host").prefetch_related(
            "co_organizers",
            "legal_documents",
            Prefetch("sites", queryset=EventSite.objects.select_related("organization")),
        )

    def export_rows(self, queryset: QuerySet) -> Iterator[list[Any]]:
        """The cells `export_field` gives (the test compares the two), read faster for the big
        exports: the events as tuples of values, and for each chunk of them their
        co-organisers, documents and sites in one query each, without model instances."""
        if not queryset.query.order_by and not queryset.ordered:
            queryset = queryset.order_by("pk")
        values = queryset.values_list(*EXPORT_VALUES)
        chunk: list[tuple] = []
        for event in values.iterator(chunk_size=EXPORT_CHUNK):
            chunk.append(event)
            if len(chunk) == EXPORT_CHUNK:
                yield from self._chunk_rows(chunk)
                chunk = []
        if chunk:
            yield from self._chunk_rows(chunk)

    def _chunk_rows(self, chunk: list[tuple]) -> Iterator[list[Any]]:
        ids = [event[0] for event in chunk]
        co_organizers: dict[int, list[str]] = {}
        for event_id, name in Organization.objects.filter(co_organized_events__in=ids).values_list(
            "co_organized_events", "name"
        ):
            co_organizers.setdefault(event_id, []).append(name)
        documents: dict[int, list[str]] = {}
        for event_id, number, title in LegalDocument.objects.filter(events__in=ids).values_list(
            "events", "number", "title"
        ):
            documents.setdefault(event_id, []).append(number or title)
        sites: dict[int, list[str]] = {}
        marker = SitesWidget.main_marker()
        for event_id, name, place, is_main in EventSite.objects.filter(event__in=ids).values_list(
            "event", "organization__name", "place", "is_main"
        ):
            sites.setdefault(event_id, []).append(site_text(name, place, is_main, marker))
        kinds, purposes, levels = _labels(EventKind), _labels(EventPurpose), _labels(EventLevel)
        formats, parts, statuses = _labels(EventFormat), _labels(PartOfDay), _labels(EventStatus)
        yes, no = BooleanWidget().render(True), BooleanWidget().render(False)
        for (
            pk,
            title,
            kind,
            purpose,
            level,
            event_format,
            start_date,
            start_time,
            part_of_day,
            end_date,
            end_time,
            day_unknown,
            host,
            summary,
            status,
        ) in chunk:
            yield [
                escape_formula(title),
                kinds.get(kind, kind),
                purposes.get(purpose, purpose),
                levels.get(level, level),
                formats.get(event_format, event_format),
                start_date,
                start_time,
                parts.get(part_of_day, part_of_day),
                end_date,
                end_time,
                yes if day_unknown else no,
                escape_formula(host),
                escape_formula("; ".join(co_organizers.get(pk, ()))),
                escape_formula("; ".join(documents.get(pk, ()))),
                escape_formula("; ".join(sites.get(pk, ()))),
                escape_formula(summary),
                statuses.get(status, status),
            ]

    def template_rows(self) -> list[list[Any]]:
        """One example row: a hybrid conference with its main site and a place."""
        return [
            [
                "Hội nghị sơ kết 5 năm thực hiện Nghị quyết 35-NQ/TW",
                str(EventKind.CONFERENCE.label),
                str(EventPurpose.INTERIM_REVIEW.label),
                str(EventLevel.INSTITUTION.label),
                str(EventFormat.HYBRID.label),
                dt.date(2023, 10, 20),
                dt.time(8, 0),
                "",
                None,
                dt.time(11, 30),
                str(BooleanWidget().render(False)),
                "Học viện Chính trị khu vực I",
                "Trường Chính trị tỉnh Nghệ An",
                "35-NQ/TW",
                site_text("Học viện Chính trị khu vực I", "Hội trường A", True, SitesWidget.main_marker())
                + "; "
                + site_text("Trường Chính trị tỉnh Nghệ An", "", False, ""),
                "Hội nghị đánh giá kết quả 5 năm thực hiện Nghị quyết.",
                "",
            ]
        ]

    # --- the sites column ------------------------------------------------------------------

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if isinstance(field.widget, SitesWidget):
            if field.column_name in row:
                try:
                    instance._exchange_sites = field.clean(row, **kwargs)
                except ValueError:
                    instance._exchange_sites_unread = True  # its error is the column's
                    raise
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def _values(self, instance: Event) -> dict[str, Any]:
        sites_field = self.fields["sites"]
        values = {
            field.attribute: stored_value(field, instance)
            for field in self.get_import_fields()
            if field.attribute and not field.readonly and field is not sites_field
        }
        specs = getattr(instance, "_exchange_sites", None)
        if specs is not None:
            values["sites"] = [(spec.key(), spec.is_main) for spec in specs]
        elif instance.pk:
            values["sites"] = [(site_key(site), site.is_main) for site in instance.sites.all()]
        else:
            values["sites"] = []
        return values

    def validate_row(self, instance: Event) -> None:
        if getattr(instance, "_exchange_sites_unread", False):
            return
        specs = getattr(instance, "_exchange_sites", None)
        if specs is None:
            specs = list(instance.sites.all()) if instance.pk else []
        sites = [
            EventSite(organization=spec.organization, place=spec.place, is_main=spec.is_main)
            for spec in specs
        ]
        try:
            event_check_sites(event_format=instance.format, sites=sites)
        except ValidationError as error:
            raise ValidationError({"sites": error.messages}) from None

    # --- writing --------------------------------------------------------------------------

    def write(self, instance: Event, *, new: bool, row: dict[str, Any], by: User | None) -> None:
        if new:
            instance.slug = unique_slug(Event, instance.title)
        rows = []
        specs = getattr(instance, "_exchange_sites", None)
        if specs is not None:
            rows.append(site_rows(instance, specs))
        event_save(event=instance, by=by, many_to_many=self.many_to_many(instance), rows=rows)


def site_rows(event: Event, specs: list[SiteSpec]) -> Rows[EventSite]:
    """The changes that make the event's sites those of `specs`: a stored site with the same
    organisation and place is kept (with its attendees), the others are added or removed.
    Sites losing the main mark are saved before the one gaining it (one main site an event)."""
    stored = {site_key(site): site for site in event.sites.all()} if event.pk else {}
    rows = Rows(EventSite, "event")
    wanted = set()
    for order, spec in enumerate(specs, start=1):
        key = spec.key()
        wanted.add(key)
        site = stored.get(key)
        if site is None:
            site = EventSite(
                event=event,
                organization=spec.organization,
                place=spec.place,
                is_main=spec.is_main,
                order=order,
            )
            rows.save.append(Row(site))
        elif (site.is_main, site.order, site.place) != (spec.is_main, order, spec.place):
            changed = [
                name
                for name, old, new in (
                    ("is_main", site.is_main, spec.is_main),
                    ("order", site.order, order),
                    ("place", site.place, spec.place),
                )
                if old != new
            ]
            site.is_main, site.order, site.place = spec.is_main, order, spec.place
            rows.save.append(Row(site, changed=changed))
    rows.delete = [site for key, site in stored.items() if key not in wanted]
    rows.save.sort(key=lambda item: item.instance.is_main)
    return rows
