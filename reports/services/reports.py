"""Writes and workflows of review reports: the admin, the demo loader and the tests call these.

A report moves draft → submitted → approved; a submitted report can be sent back to draft
with a note. A service given a user (`by`) checks that user's permission and organisations (a report is its
organisation's, or its steering committee's organisation's: portal/scoping.py), and its writes are
recorded in the report's history as that user's (`@audited`); the demo loader acts as nobody
(`by=None`): it copies reports already published, and is trusted.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.history import audited, history_bulk_create, record_change
from portal.lib.periods import OutOfCalendar, Period
from portal.lib.text import clean_plain_text
from portal.scoping import require_writable
from portal.services import Rows, change_message, fields_changed
from reports.models import PeriodKind, Report, ReportAttachment, ReportItem, ReportStatus, SectionKind

# The years a review report may cover: the portal records the work under Resolution 35 (2018)
# and what came before it; a year typed past these is a typing error.
FIRST_YEAR, LAST_YEAR = 1945, 2100


def _day(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _require(by: User | None, permission: str) -> None:
    if by is not None and not by.has_perm(f"reports.{permission}"):
        raise PermissionDenied(_("You do not have permission to do this to a report."))


# --- Checks (the admin's forms call them too) ----------------------------------------------------


def report_period(
    *,
    kind: str,
    year: int | None = None,
    half: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Period:
    """The period a report covers, from a year, a year and half (1 or 2), or explicit dates.

    Explicit dates that make a whole year or half are named as such. A bad period raises
    ValidationError on the field to correct: `year`, `half`, `period_start` or `period_end`.
    """
    if kind in (PeriodKind.YEAR, PeriodKind.HALF):
        if year is None:
            raise ValidationError({"year": _("Give the year the report covers.")}, code="no_year")
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValidationError(
                {
                    "year": _("Give a year between %(first)s and %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR}
                },
                code="year_range",
            )
        if kind == PeriodKind.YEAR:
            return Period.of_year(year)
        if half not in (1, 2):
            raise ValidationError(
                {"half": _("Choose the first or the second half of the year.")}, code="no_half"
            )
        return Period.of_half(year, half)
    if kind != PeriodKind.CUSTOM:
        raise ValidationError({"period_kind": _("Choose how the period is given.")}, code="period_kind")
    if start is None:
        raise ValidationError({"period_start": _("Give the first day of the period.")}, code="no_start")
    if end is None:
        raise ValidationError({"period_end": _("Give the last day of the period.")}, code="no_end")
    for name, day in (("period_start", start), ("period_end", end)):
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValidationError(
                {
                    name: _("Give a date between %(first)s and %(last)s.")
                    % {"first": f"01/01/{FIRST_YEAR}", "last": f"31/12/{LAST_YEAR}"}
                },
                code="date_range",
            )
    if start > end:
        raise ValidationError(
            {
                "period_end": _("The period ends on %(end)s, before it starts on %(start)s.")
                % {"start": _day(start), "end": _day(end)}
            },
            code="period_order",
        )
    try:
        return Period.between(start, end)
    except OutOfCalendar:  # pragma: no cover - the years are checked above
        raise ValidationError({"period_end": _("The period is outside the calendar.")}) from None


def report_set_period(*, report: Report, period: Period) -> None:
    """Store `period` on the report: its kind, both ends, and the year and half it names."""
    report.period_kind = period.kind
    report.period_start, report.period_end = period.start, period.end
    report.year = period.year
    report.half = period.half


def _input_field(report: Report) -> str:
    return "period_start" if report.period_kind == PeriodKind.CUSTOM else "year"


def report_check(*, report: Report) -> None:
    """The rules of the report itself: a period that exists (`report_period`, from the kind and
    the year and half or the dates the report holds), and no other report of the same
    organisation, committee, author unit and kind whose period overlaps it."""
    period = report_period(
        kind=report.period_kind,
        year=report.year,
        half=report.half,
        start=report.period_start,
        end=report.period_end,
    )
    report_set_period(report=report, period=period)
    clash = (
        Report.objects.filter(
            organization_id=report.organization_id,
            committee_id=report.committee_id,
            author_unit__iexact=report.author_unit,
            kind=report.kind,
            period_start__lte=period.end,
            period_end__gte=period.start,
        )
        .exclude(pk=report.pk)
        .order_by("period_start", "pk")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                _input_field(report): _(
                    "“%(title)s” (%(start)s – %(end)s) already reports on this period for the same "
                    "unit: change that report instead."
                )
                % {
                    "title": clash.title,
                    "start": _day(clash.period_start),
                    "end": _day(clash.period_end),
                }
            },
            code="overlap",
        )


def report_clean_item(*, item: ReportItem) -> None:
    """Clean the item's heading and text (plain text); an item with no text is refused."""
    item.heading = clean_plain_text(item.heading, multiline=False)
    item.text = clean_plain_text(item.text)
    if not item.text:
        section = SectionKind(item.section).label if item.section in SectionKind.values else ""
        raise ValidationError(
            {
                "text": _("An item of “%(section)s” has no text: write it, or remove the item.")
                % {"section": section}
            },
            code="empty_item",
        )
    item.full_clean(exclude=["report"])


def report_clean_attachment(*, attachment: ReportAttachment) -> None:
    attachment.title = clean_plain_text(attachment.title, multiline=False)
    if not attachment.title:
        raise ValidationError({"title": _("Give the attachment a title.")}, code="empty_title")
    attachment.full_clean(exclude=["report"])


def _clean_report(report: Report) -> None:
    report.title = clean_plain_text(report.title, multiline=False)
    report.author_unit = clean_plain_text(report.author_unit, multiline=False)
    if not report.title:
        raise ValidationError({"title": _("Give the report a title.")}, code="empty_title")


def _renumbered(items: Sequence[ReportItem]) -> None:
    # Each section's items keep the order given, numbered 1, 2, 3… (gaps and ties typed in a
    # form would otherwise order them by accident of their keys).
    sections: dict[int, list[ReportItem]] = {}
    for item in items:
        sections.setdefault(item.section, []).append(item)
    for section_items in sections.values():
        ordered = sorted(section_items, key=lambda item: (item.order, item.pk is None, item.pk or 0))
        for number, item in enumerate(ordered, start=1):
            item.order = number


# --- Writes ----------------------------------------------------------------------------------------


@audited
@transaction.atomic
def report_save(
    *,
    report: Report,
    items: Rows[ReportItem],
    attachments: Rows[ReportAttachment] | None = None,
    by: User | None,
) -> Report:
    """Create or update `report` with its section items and attachments, as one change.

    The period is resolved from the kind and the year and half or the dates the report holds
    (`report_check`); titles and texts are cleaned to plain text. Only a draft can be changed
    by staff (a submitted report is sent back first); the demo loader (`by=None`) may bring a
    published report up to date. A draft may have no items yet: submitting needs one. Items are
    renumbered 1, 2, 3… within each section in the order given. Nothing is written when a
    check fails, nor when the report is (or would become) another organisation's than `by`'s.
    """
    added = report.pk is None
    _require(by, "add_report" if added else "change_report")
    if added:
        report.status = ReportStatus.DRAFT
        report.submitted_at = report.approved_at = None
        report.submitted_by = report.approved_by = None
    else:
        stored = Report.objects.select_for_update().get(pk=report.pk)
        require_writable(stored, by)
        if stored.status != ReportStatus.DRAFT and by is not None:
            raise ValidationError(
                _("A report that is “%(status)s” cannot be changed; it must be sent back to draft first.")
                % {"status": stored.get_status_display()},
                code="not_draft",
            )
        # The workflow's fields are written by the workflow alone.
        for name in ("status", "submitted_at", "submitted_by_id", "approved_at", "approved_by_id"):
            setattr(report, name, getattr(stored, name))
    _clean_report(report)
    report_check(report=report)
    for row in items.save:
        report_clean_item(item=row.instance)
    after = items.after([] if added else report.items.all())
    _renumbered(after)
    attachments = attachments or Rows(ReportAttachment, "report")
    for attached in attachments.save:
        report_clean_attachment(attachment=attached.instance)
    rows: list[Rows] = [items, attachments]
    message = change_message(model=Report, added=added, fields=fields_changed(report), rows=rows)
    report.full_clean()
    report.save()
    items.write(parent=report)
    # Stored items renumbered without being changed in the form are saved with their new order.
    changed = {row.instance.pk for row in items.save}
    renumbered = [
        item
        for item in after
        if item.pk is not None
        and item.pk not in changed
        and ReportItem.objects.filter(pk=item.pk).exclude(order=item.order).update(order=item.order)
    ]
    history_bulk_create(renumbered, update=True)
    attachments.write(parent=report)
    require_writable(report, by)
    record_change(report, by=by, message=message, added=added)
    return report


def _locked(report: Report, by: User | None) -> Report:
    stored = Report.objects.select_for_update().get(pk=report.pk)
    require_writable(stored, by)
    report.status = stored.status
    report.submitted_by_id, report.submitted_at = stored.submitted_by_id, stored.submitted_at
    return report


def _must_be(report: Report, status: str, action: str) -> None:
    if report.status != status:
        raise ValidationError(
            _("“%(action)s” does not apply to a report that is “%(status)s”.")
            % {"action": action, "status": report.get_status_display()},
            code="transition",
        )


def _move(report: Report, *, to: str, by: User | None, message: str, **fields: Any) -> Report:
    report.status = to
    for name, value in fields.items():
        setattr(report, name, value)
    report.save(update_fields=["status", "updated_at", *fields])
    require_writable(report, by)
    record_change(report, by=by, message=message)
    return report


@audited
@transaction.atomic
def report_submit(*, report: Report, by: User | None, now: dt.datetime | None = None) -> Report:
    """Send a draft for approval; who submitted it and when are kept. Needs change_report."""
    _require(by, "change_report")
    _must_be(_locked(report, by), ReportStatus.DRAFT, _("Submit"))
    if not report.items.exists():
        raise ValidationError(_("A report needs at least one item in one of its sections."), code="no_items")
    return _move(
        report,
        to=ReportStatus.SUBMITTED,
        by=by,
        message=_("Submitted for approval."),
        submitted_by=by,
        submitted_at=now or timezone.now(),
    )


@audited
@transaction.atomic
def report_approve(*, report: Report, by: User | None, now: dt.datetime | None = None) -> Report:
    """Approve a submitted report; who approved it and when are kept. Needs approve_report.

    A second pair of eyes: whoever submitted it may not approve it, unless
    settings.REPORTS_ALLOW_SELF_APPROVAL (a one-person office).
    """
    _require(by, "approve_report")
    _must_be(_locked(report, by), ReportStatus.SUBMITTED, _("Approve"))
    if by is not None and report.submitted_by_id == by.pk and not settings.REPORTS_ALLOW_SELF_APPROVAL:
        raise ValidationError(
            _("The person who submitted a report cannot also approve it."), code="self_approval"
        )
    return _move(
        report,
        to=ReportStatus.APPROVED,
        by=by,
        message=_("Approved."),
        approved_by=by,
        approved_at=now or timezone.now(),
    )


@audited
@transaction.atomic
def report_return(*, report: Report, by: User | None, note: str) -> Report:
    """Send a submitted report back to draft for changes, saying why (kept in its history).

    Needs approve_report: it is the approver's answer. Who submitted it is cleared with it,
    so that the next submission is recorded afresh.
    """
    _require(by, "approve_report")
    _must_be(_locked(report, by), ReportStatus.SUBMITTED, _("Send back"))
    note = clean_plain_text(note)
    if not note:
        raise ValidationError({"note": _("Say what must be changed.")}, code="no_note")
    return _move(
        report,
        to=ReportStatus.DRAFT,
        by=by,
        message=_("Sent back to draft: %(note)s") % {"note": note},
        submitted_by=None,
        submitted_at=None,
    )


def report_sections(items: Iterable[ReportItem]) -> dict[int, list[ReportItem]]:
    """The items grouped by section, in the order of the sections and of the items."""
    grouped: dict[int, list[ReportItem]] = {}
    for item in sorted(items, key=lambda item: (item.section, item.order, item.pk or 0)):
        grouped.setdefault(item.section, []).append(item)
    return grouped
