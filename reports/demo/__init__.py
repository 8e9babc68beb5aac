"""Demo data of the reports app: the review reports of articles 002 and 004 (tables in `data`).

Runs after committees.demo and events.demo (INSTALLED_APPS order) and uses their organisations,
people and events. Every write goes through the services, as nobody (`by=None`): `report_save`
with the items, then `report_submit` and `report_approve` up to the status the source shows.
Idempotent: a report is found by its organisation, kind, author unit and first day; an item by
its section and order; each is validated by full_clean() and handed to the service only when
a field differs (`portal.demo.staged`), and the status moves only forward, so a second load
changes nothing. A report and each item cite the source articles of their rows (`src`; an item
without its own, its report's).
"""

from committees.models import Organization, Person
from events.models import Event
from portal.demo import staged
from portal.lib.periods import Period
from portal.services import Row, Rows
from portal.sources.seeds import cite
from reports.demo.data import REPORTS, Rep
from reports.models import Report, ReportItem, ReportStatus
from reports.scopes import Scope
from reports.services import report_approve, report_save, report_submit, summary_assemble

__all__ = ["REPORTS", "load"]

FORWARD = (ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.APPROVED)


# The summary the demo shows: Học viện Chính trị khu vực II's first half of 2021, the half its
# six-month review conference (article 004) looked back on. Its figures can be counted by hand
# from the records of articles 001 and 004.
SUMMARY_ORGANIZATION = "hoc-vien-chinh-tri-khu-vuc-ii"
SUMMARY_PERIOD = Period.of_half(2021, 1)


def load() -> None:
    """Create or update the reports of the sources and the demo's summary; a second run changes nothing
    (the same records give the same summary, which `summary_assemble` returns instead of a new one)."""
    for spec in REPORTS:
        _load_report(spec)
    academy = Organization.objects.get(slug=SUMMARY_ORGANIZATION)
    summary_assemble(scope=Scope.of_organization(academy), period=SUMMARY_PERIOD, by=None)


def _load_report(spec: Rep) -> Report:
    period = Period.between(spec.start, spec.end)
    values = {
        "title": spec.title,
        "period_kind": period.kind,
        "period_end": period.end,
        "year": period.year,
        "half": period.half,
    }
    if spec.event:
        values["event"] = Event.objects.get(slug=spec.event)
    if spec.presenter:
        values["presenter"] = Person.objects.get(slug=spec.presenter)
    lookup = {
        "organization": Organization.objects.get(slug=spec.organization),
        "kind": spec.kind,
        "author_unit": spec.author_unit,
        "period_start": period.start,
    }
    report, changed = staged(Report, lookup, values)
    items = Rows(ReportItem, "report")
    cited = []
    for section, section_items in spec.sections.items():
        for order, item in enumerate(section_items, start=1):
            row, pending = staged(
                ReportItem,
                {"report": report, "section": section, "order": order},
                {"heading": item.heading, "text": item.text},
            )
            if pending:
                items.save.append(Row(row))
            cited.append((row, item.src or spec.src))
    if changed or items.save:
        report_save(report=report, items=items, by=None)
    cite(report, *spec.src)
    for row, src in cited:
        cite(row, *src)
    reached = FORWARD.index(ReportStatus(report.status))
    if reached < 1 <= FORWARD.index(ReportStatus(spec.status)):
        report_submit(report=report, by=None)
    if reached < 2 == FORWARD.index(ReportStatus(spec.status)):
        report_approve(report=report, by=None)
    return report
