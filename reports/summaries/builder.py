"""What a summary holds: its snapshot (the figures, series, highlights and report sections) and its
rows (every listed record, sheet by sheet), built from the records of a scope for a period.

The contract is /work/notes/snapshot.md (version 1). Labels are stored in Vietnamese, dates
as ISO strings; nothing in it depends on when it was assembled, so the same records give the
same snapshot and the same rows, in the same order.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from agreements.models import AgreementKind, AgreementStatus, TaskStatus
from committees.models import DecisionKind, Organization
from events.models import EventFormat, EventKind, EventLevel, EventStatus
from portal.lib.periods import Period
from reports import indicators, selectors
from reports.models import ReportKind, ReportStatus, ScopeKind, SectionKind, SummarySheet
from reports.scopes import Scope
from reports.summaries.labels import (
    change_percent,
    choice_labels,
    group_label,
    iso,
    period_label,
    summary_title,
    url_of,
)

SNAPSHOT_VERSION = 1
HIGHLIGHTS = 5

Progress = Callable[[str, int], None]

# Which events a leader would name first: the higher the level, the more speeches, the earlier.
LEVEL_RANK = {level: rank for rank, level in enumerate(EventLevel.values)}


@dataclass(frozen=True)
class Row:
    """One listed record: its sheet, its place in the sheet and what the sheet shows of it."""

    sheet: str
    position: int
    data: dict[str, Any]


@dataclass
class SummaryBuilder:
    """Builds one summary: `rows()` streams the listed records sheet by sheet, reading them in
    chunks of `chunk_size`; once they are exhausted, `snapshot()` gives the JSON that goes with
    them (their counts and highlights included). `progress(stage, percent)` hears how far it got."""

    scope: Scope
    period: Period
    progress: Progress | None = None
    chunk_size: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    highlights: dict[str, list[dict]] = field(default_factory=dict)
    organization_ids: frozenset[int] | None = None
    _head: dict[str, Any] = field(default_factory=dict)
    _totals: dict[str, int] = field(default_factory=dict)
    _done: bool = False

    def __post_init__(self) -> None:
        self.chunk_size = self.chunk_size or settings.REPORTS_SUMMARY_CHUNK_SIZE

    def _report(self, stage: str, percent: float) -> None:
        if self.progress is not None:
            self.progress(stage, int(percent))

    def rows(self) -> Iterator[Row]:
        with translation.override("vi"):
            self._report(gettext("Counting the indicators"), 0)
            self._head = self._figures()
            self._report(gettext("Counting per month"), 20)
            self._head.update(self._series())
            yield from self._events(30, 50)
            yield from self._decisions(50, 58)
            yield from self._agreements(58, 75)
            yield from self._articles(75, 95)
            self._report(gettext("Gathering the reports"), 95)
            self._head["reports"] = self._reports()
        self._done = True

    def snapshot(self) -> dict[str, Any]:
        if not self._done:
            raise RuntimeError("the rows must be read before the snapshot")
        head = self._head
        return {
            "version": SNAPSHOT_VERSION,
            "title": head["title"],
            "scope": head["scope"],
            "period": head["period"],
            "previous": head["previous"],
            "indicators": head["indicators"],
            "months": head["months"],
            "events_by_month": head["events_by_month"],
            "articles_by_month": head["articles_by_month"],
            "agreements_status": head["agreements_status"],
            "tasks_status": head["tasks_status"],
            "counts": {sheet: self.counts.get(sheet, 0) for sheet in SummarySheet.values},
            "highlights": {
                sheet: self.highlights.get(sheet, [])
                for sheet in ("events", "decisions", "agreements", "articles")
            },
            "reports": head["reports"],
        }

    # --- figures and series ---------------------------------------------------------

    def _figures(self) -> dict[str, Any]:
        scope, period = self.scope, self.period
        self.organization_ids = scope.organization_ids()
        previous = period.previous()
        current, before = indicators.compute(scope, period), indicators.compute(scope, previous)
        label = scope.label()
        if self.organization_ids is None:
            organizations = Organization.objects.count()
        else:
            organizations = len(self.organization_ids)
        rows = []
        for code, value in current.items():
            item = indicators.CATALOGUE[code]
            rows.append(
                {
                    "code": code,
                    "label": str(item.label),
                    "unit": str(item.unit),
                    "group": item.group,
                    "group_label": group_label(item.group),
                    "value": value,
                    "previous": before[code],
                    "change": value - before[code],
                    "change_percent": change_percent(value, before[code]),
                }
            )
        return {
            "title": summary_title(label, period),
            "scope": {
                "kind": scope.kind,
                "key": scope.key,
                "label": label,
                "organization_id": scope.organization_id,
                "region_id": scope.region_id,
                "include_children": scope.include_children if scope.kind == ScopeKind.ORGANIZATION else True,
                "organizations": organizations,
            },
            "period": self._period(period),
            "previous": self._period(previous),
            "indicators": rows,
        }

    @staticmethod
    def _period(period: Period) -> dict[str, Any]:
        return {
            "kind": period.kind,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "label": period_label(period),
        }

    def _series(self) -> dict[str, Any]:
        ids, period = self.organization_ids, self.period
        kinds, agreement_statuses, task_statuses = (
            choice_labels(EventKind),
            choice_labels(AgreementStatus),
            choice_labels(TaskStatus),
        )
        by_kind = selectors.events_per_month(ids, period)
        agreements = selectors.agreements_by_status(ids, period)
        tasks = selectors.tasks_by_status(ids, period)
        articles = selectors.articles_per_month(ids, period)
        self._totals = {
            "events": sum(sum(counts) for counts in by_kind.values()),
            "decisions": selectors.decisions_in_scope(ids, period).count(),
            "agreements": sum(agreements.values()) + sum(tasks.values()),
            "articles": sum(articles["published"]),
        }
        return {
            "months": selectors.month_keys(period),
            "events_by_month": [
                {"kind": kind, "label": kinds[kind], "counts": counts} for kind, counts in by_kind.items()
            ],
            "articles_by_month": articles,
            "agreements_status": [
                {"status": status, "label": agreement_statuses[status], "count": count}
                for status, count in agreements.items()
            ],
            "tasks_status": [
                {"status": status, "label": task_statuses[status], "count": count}
                for status, count in tasks.items()
            ],
        }

    # --- the sheets -----------------------------------------------------------------

    def _progress_between(self, stage: str, start: float, end: float, total: int) -> Callable[[int], None]:
        def report(done: int) -> None:
            self._report(stage, start + (end - start) * (done / total if total else 1))

        return report

    def _events(self, start: float, end: float) -> Iterator[Row]:
        kinds, levels = choice_labels(EventKind), choice_labels(EventLevel)
        formats, statuses = choice_labels(EventFormat), choice_labels(EventStatus)
        url = url_of("events:event_detail")
        report = self._progress_between(gettext("Listing the events"), start, end, self._totals["events"])
        report(0)
        ranked: list[tuple[tuple, dict]] = []
        position = 0
        rows = selectors.event_rows(self.organization_ids, self.period).iterator(chunk_size=self.chunk_size)
        for chunk in selectors.batched(rows, self.chunk_size):
            for event in chunk:
                data = {
                    "id": event["pk"],
                    "title": event["title"],
                    "start_date": iso(event["start_date"]),
                    "end_date": iso(event["end_date"]),
                    "day_unknown": event["day_unknown"],
                    "kind": event["kind"],
                    "kind_label": kinds.get(event["kind"], ""),
                    "level": event["level"],
                    "level_label": levels.get(event["level"], ""),
                    "format": event["format"],
                    "format_label": formats.get(event["format"], ""),
                    "status": event["status"],
                    "status_label": statuses.get(event["status"], ""),
                    "host": event["host_name"],
                    "speeches": event["speech_count"],
                    "url": url(event["slug"]),
                }
                key = (LEVEL_RANK.get(event["level"], len(LEVEL_RANK)), -event["speech_count"], position)
                ranked.append((key, data))
                if len(ranked) > 10 * HIGHLIGHTS:
                    ranked = sorted(ranked, key=lambda item: item[0])[:HIGHLIGHTS]
                yield Row(SummarySheet.EVENTS, position, data)
                position += 1
            report(position)
        self.counts["events"] = position
        self.highlights["events"] = [
            data for _key, data in sorted(ranked, key=lambda item: item[0])[:HIGHLIGHTS]
        ]

    def _decisions(self, start: float, end: float) -> Iterator[Row]:
        kinds, url = choice_labels(DecisionKind), url_of("committees:decision_detail")
        report = self._progress_between(
            gettext("Listing the decisions"), start, end, self._totals["decisions"]
        )
        report(0)
        position = 0
        first: list[dict[str, Any]] = []
        rows = selectors.decision_rows(self.organization_ids, self.period).iterator(
            chunk_size=self.chunk_size
        )
        for chunk in selectors.batched(rows, self.chunk_size):
            for decision in chunk:
                committee = decision["issuer_committee__name"]
                issuer = (
                    f"{committee} {decision['issuer_committee__organization__name']}"
                    if committee
                    else decision["issuer_organization__name"]
                )
                data = {
                    "id": decision["pk"],
                    "number": decision["number"],
                    "title": decision["title"],
                    "issued_on": iso(decision["issued_on"]),
                    # The day it counts on: issued, else first announced (the catalogue's rule).
                    "known_on": iso(decision["known_on"]),
                    "kind": decision["kind"],
                    "kind_label": kinds.get(decision["kind"], ""),
                    "issuer": issuer or "",
                    "url": url(decision["slug"]),
                }
                if len(first) < HIGHLIGHTS:
                    first.append(data)
                yield Row(SummarySheet.DECISIONS, position, data)
                position += 1
            report(position)
        self.counts["decisions"] = position
        self.highlights["decisions"] = first

    def _agreements(self, start: float, end: float) -> Iterator[Row]:
        """Agreements, then the tasks of those agreements, in the agreements' order."""
        kinds, statuses, task_statuses = (
            choice_labels(AgreementKind),
            choice_labels(AgreementStatus),
            choice_labels(TaskStatus),
        )
        period, agreement_url = self.period, url_of("agreements:agreement_detail")
        report = self._progress_between(
            gettext("Listing the agreements and their tasks"), start, end, self._totals["agreements"]
        )
        report(0)
        position = 0
        first: list[dict[str, Any]] = []
        rows = selectors.agreement_rows(self.organization_ids, period).iterator(chunk_size=self.chunk_size)
        for chunk in selectors.batched(rows, self.chunk_size):
            parties = selectors.agreement_party_names([agreement["pk"] for agreement in chunk])
            for agreement in chunk:
                in_period = [
                    happened
                    for happened in ("signed", "in_force", "reviewed")
                    if agreement[f"{happened}_in_period"]
                ]
                data = {
                    "id": agreement["pk"],
                    "title": agreement["title"],
                    "number": agreement["number"],
                    "kind": agreement["kind"],
                    "kind_label": kinds.get(agreement["kind"], ""),
                    "status": agreement["status_today"],
                    "status_label": statuses.get(agreement["status_today"], ""),
                    "signed_on": iso(agreement["signed_on"]),
                    "covers_from": iso(agreement["covers_from"]),
                    "covers_to": iso(agreement["covers_to"]),
                    "parties": "; ".join(parties[agreement["pk"]]),
                    "in_period": in_period,
                    "url": agreement_url(agreement["slug"]),
                }
                if len(first) < HIGHLIGHTS and ("signed" in in_period or "reviewed" in in_period):
                    first.append(data)
                yield Row(SummarySheet.AGREEMENTS, position, data)
                position += 1
            report(position)
        self.counts["agreements"] = position
        self.highlights["agreements"] = first
        done = position
        position = 0
        tasks = selectors.task_rows(self.organization_ids, period).iterator(chunk_size=self.chunk_size)
        for chunk in selectors.batched(tasks, self.chunk_size):
            for task in chunk:
                overdue = task["status"] == TaskStatus.OVERDUE or (
                    task["status"] != TaskStatus.DONE
                    and task["due_on"] is not None
                    and task["due_on"] <= period.end
                )
                yield Row(
                    SummarySheet.TASKS,
                    position,
                    {
                        "id": task["pk"],
                        "agreement": task["agreement__title"],
                        "title": task["title"],
                        "owner": task["owner__organization__name"] or "",
                        "due_on": iso(task["due_on"]),
                        "status": task["status"],
                        "status_label": task_statuses.get(task["status"], ""),
                        "overdue": overdue,
                    },
                )
                position += 1
            report(done + position)
        self.counts["tasks"] = position

    def _articles(self, start: float, end: float) -> Iterator[Row]:
        url = url_of("news:article_detail")
        report = self._progress_between(gettext("Listing the articles"), start, end, self._totals["articles"])
        report(0)
        position = 0
        first: list[dict[str, Any]] = []
        rows = selectors.article_rows(self.organization_ids, self.period).iterator(chunk_size=self.chunk_size)
        for chunk in selectors.batched(rows, self.chunk_size):
            for article in chunk:
                data = {
                    "id": article["pk"],
                    "title": article["title"],
                    "published_at": timezone.localtime(article["published_at"]).isoformat(),
                    "views": article["view_count"],
                    "category": article["category_name"] or "",
                    "url": url(article["slug"]),
                }
                if len(first) < HIGHLIGHTS:
                    first.append(data)
                yield Row(SummarySheet.ARTICLES, position, data)
                position += 1
            report(position)
        self.counts["articles"] = position
        self.highlights["articles"] = first

    def _reports(self) -> list[dict[str, Any]]:
        kinds, statuses, sections = (
            choice_labels(ReportKind),
            choice_labels(ReportStatus),
            choice_labels(SectionKind),
        )
        found = []
        for report in selectors.reports_in_scope(self.organization_ids, self.period):
            by_section: dict[int, list[dict[str, str]]] = {}
            for item in report.items.all():
                by_section.setdefault(item.section, []).append({"heading": item.heading, "text": item.text})
            found.append(
                {
                    "id": report.pk,
                    "title": report.title,
                    "kind": report.kind,
                    "kind_label": kinds.get(report.kind, ""),
                    "unit": report.unit,
                    "organization": report.organization.name,
                    "status": report.status,
                    "status_label": statuses.get(report.status, ""),
                    "period_label": period_label(report.period),
                    "sections": [
                        {"section": section, "label": sections[section], "items": by_section[section]}
                        for section in SectionKind.values
                        if section in by_section
                    ],
                }
            )
        return found


def build_snapshot(scope: Scope, period: Period, progress: Progress | None = None) -> dict[str, Any]:
    """The snapshot of `scope` for `period`, its rows read and dropped (summary_assemble keeps them)."""
    builder = SummaryBuilder(scope, period, progress)
    for _row in builder.rows():
        pass
    return builder.snapshot()
