"""Writes and workflows of agreements: the lifecycle, review schedules and the daily job.

The admin, its actions, the demo loader and the Celery task all go through these.
"""

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agreements.models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    Milestone,
    MilestoneKind,
    Notice,
    NoticeStatus,
    StatusChange,
    Task,
    TaskStatus,
    TaskStatusChange,
)
from agreements.models.agreements import ACTIVE_STATUSES, TRANSITIONS
from agreements.models.reviews import UNSENT_STATUSES
from agreements.selectors import (
    UNSENT_NOTICES_CACHE_KEY,
    agreements_ended,
    agreements_expiring,
    notices_unsent,
    reviews_due,
    tasks_overdue,
)
from committees.models import Organization
from portal.cache import changes
from portal.history import acting_as, audited, history_bulk_create, record_change, restore_fields
from portal.lib.periods import OutOfCalendar, add_months
from portal.scoping import require_writable
from portal.services import Rows, change_message, fields_changed, rows_of

REMINDER_WINDOW_DAYS = 30

logger = logging.getLogger(__name__)


def agreement_check_parties(*, organizations: Iterable[Organization | int]) -> None:
    """An agreement has two or more parties, each listed once."""
    keys = [getattr(organization, "pk", organization) for organization in organizations]
    if len(set(keys)) != len(keys):
        raise ValidationError(_("An organisation is listed twice among the parties."), code="duplicate_party")
    if len(keys) < 2:
        raise ValidationError(_("An agreement needs at least two parties."), code="too_few_parties")


def agreement_check_party_removal(*, parties: Iterable[AgreementParty]) -> None:
    """A party that owns tasks stays until its tasks have another owner."""
    for party in parties:
        if party.tasks.exists():
            raise ValidationError(
                _(
                    "“%(organization)s” owns tasks of this agreement: give those tasks another "
                    "owner and save, then remove it from the parties."
                )
                % {"organization": party.organization},
                code="party_owns_tasks",
            )


def agreement_check_supersedes(*, agreement: Agreement, previous: Agreement) -> None:
    """`agreement` may record that it revises or renews `previous`.

    The earlier agreement is in force or under review (it becomes "revised"), is not
    `agreement` itself (also a database constraint), is not superseded by another agreement
    already, and the chain of revisions does not loop back to `agreement`.
    """

    def refuse(message: str, code: str) -> None:
        raise ValidationError({"supersedes": ValidationError(message, code=code)})

    if agreement.pk is not None and previous.pk == agreement.pk:
        refuse(_("An agreement cannot supersede itself."), "supersedes_itself")
    successor = Agreement.objects.filter(supersedes=previous).exclude(pk=agreement.pk).first()
    if successor is not None:
        refuse(
            _("“%(agreement)s” is already superseded by “%(successor)s”.")
            % {"agreement": previous, "successor": successor},
            "already_superseded",
        )
    if previous.status not in ACTIVE_STATUSES:
        refuse(
            _(
                "“%(agreement)s” is “%(status)s”: only an agreement in force or under review "
                "can be superseded."
            )
            % {"agreement": previous, "status": previous.get_status_display()},
            "cannot_supersede",
        )
    seen, earlier = {previous.pk}, previous.supersedes
    while earlier is not None:
        if earlier.pk == agreement.pk or earlier.pk in seen:
            refuse(_("This would make a cycle of revisions."), "cycle")
        seen.add(earlier.pk)
        earlier = earlier.supersedes


@audited
@transaction.atomic
@changes("agreements")
def agreement_save(
    *,
    agreement: Agreement,
    by: User | None,
    many_to_many: Mapping[str, Iterable[Any]] | None = None,
    rows: Sequence[Rows] = (),
    changed: Sequence[str] | None = None,
) -> Agreement:
    """Create or update `agreement` with its many-to-many values and inline rows (parties,
    directions, tasks, reviews), as one change.

    The parties given are checked as they will be (`agreement_check_parties`; a party owning
    tasks is not removed), a newly recorded predecessor by `agreement_check_supersedes`; it
    becomes "revised" once this agreement is in force. Then the reviews are scheduled from the
    rules and the admin history recorded. Task statuses change only through `task_set_status`.

    `by` may change only the agreements their organisations lead (`require_writable`): the
    agreement as stored before, and as saved with its parties. `changed` names the fields
    changed when the caller knows them (a restore); otherwise they are read from the stored one.
    """
    added = agreement.pk is None
    if not added:
        require_writable(agreement, by)
    stored_supersedes = (
        None
        if added
        else Agreement.objects.filter(pk=agreement.pk).values_list("supersedes", flat=True).first()
    )
    if any(item.model is AgreementParty for item in rows):
        parties = rows_of(rows, AgreementParty, "agreement")
        kept = parties.after([] if added else agreement.parties.order_by("pk"))
        agreement_check_parties(organizations=[party.organization_id for party in kept])
        agreement_check_party_removal(parties=parties.delete)
    previous_id = agreement.supersedes_id
    supersedes_changed = previous_id is not None and previous_id != stored_supersedes
    if previous_id is not None and supersedes_changed:
        previous = Agreement.objects.get(pk=previous_id)  # its status as stored now
        agreement_check_supersedes(agreement=agreement, previous=previous)
    fields = fields_changed(agreement) if changed is None else changed
    message = change_message(model=Agreement, added=added, fields=fields, rows=rows)
    agreement.save()
    for name, values in (many_to_many or {}).items():
        getattr(agreement, name).set(values)
    for item in rows:
        item.write(parent=agreement)
    if supersedes_changed and agreement.is_active:
        _mark_superseded(agreement=agreement, by=by, at=None)
    agreement_schedule_reviews(agreement=agreement)
    require_writable(agreement, by)
    record_change(agreement, by=by, message=message, added=added)
    return agreement


@audited
def agreement_restore(*, agreement: Agreement, version: Any, by: User | None) -> Agreement:
    """Put back the agreement's own fields as its earlier `version` (a row of
    `agreement.history`) held them, through `agreement_save`; its status, parties, tasks and
    many-to-many values stay as they are. The history records the restore with the version's date."""
    if version.id != agreement.pk:
        raise ValidationError(_("This version belongs to another agreement."), code="foreign_version")
    require_writable(agreement, by)
    changed = restore_fields(agreement, version)
    when = date_format(timezone.localtime(version.history_date), "SHORT_DATETIME_FORMAT")
    with acting_as(by, reason=_("Restored the agreement’s version of %(date)s.") % {"date": when}):
        return agreement_save(agreement=agreement, by=by, changed=changed)


@audited
@transaction.atomic
@changes("agreements")
def agreement_transition(
    *,
    agreement: Agreement,
    to: str,
    by: User | None,
    note: str = "",
    at: dt.datetime | None = None,
    undated: bool = False,
) -> Agreement:
    """Move `agreement` to status `to` if the lifecycle allows it, recording who and when.

    draft → in force | terminated; in force → under review | revised | expired | terminated;
    under review → in force | revised | expired | terminated; revised, expired and
    terminated are final. Coming into force needs two parties; "revised" needs the newer
    agreement that supersedes this one. The change is dated `at` (default: now), or left
    undated when the records say it happened but not when (`undated=True`).
    """
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    require_writable(agreement, by)
    current = agreement.status
    if to not in TRANSITIONS[current]:
        raise ValidationError(
            _("An agreement cannot go from “%(from)s” to “%(to)s”.")
            % {"from": AgreementStatus(current).label, "to": AgreementStatus(to).label},
            code="illegal_transition",
        )
    if to == AgreementStatus.IN_FORCE:
        agreement_check_parties(organizations=agreement.parties.values_list("organization_id", flat=True))
    if to == AgreementStatus.REVISED and not hasattr(agreement, "superseded_by"):
        raise ValidationError(
            _("Record the newer agreement that supersedes this one first."), code="no_successor"
        )
    agreement.status = to
    agreement.save(update_fields=["status", "updated_at"])
    require_writable(agreement, by)
    if to == AgreementStatus.IN_FORCE and current == AgreementStatus.DRAFT:
        _mark_superseded(agreement=agreement, by=by, at=at)
    StatusChange.objects.create(
        agreement=agreement,
        from_status=current,
        to_status=to,
        at=None if undated else (at or timezone.now()),
        by=by,
        note=note,
    )
    record_change(
        agreement, by=by, message=_("Status changed to “%(status)s”.") % {"status": AgreementStatus(to).label}
    )
    return agreement


@audited
@transaction.atomic
@changes("agreements")
def agreement_supersede(
    *, agreement: Agreement, previous: Agreement, by: User | None, at: dt.datetime | None = None
) -> Agreement:
    """Record that `agreement` revises or renews `previous` (`agreement_check_supersedes`),
    which becomes "revised" (at `at`, e.g. the day the newer one was signed; now when not
    given) as soon as `agreement` is in force: at once, or when the draft is brought into
    force. Until then readers keep seeing the one in force."""
    require_writable(agreement, by)
    previous = Agreement.objects.get(pk=previous.pk)  # its status as stored now
    agreement_check_supersedes(agreement=agreement, previous=previous)
    agreement.supersedes = previous
    agreement.save(update_fields=["supersedes", "updated_at"])
    require_writable(agreement, by)
    if agreement.is_active:
        _mark_superseded(agreement=agreement, by=by, at=at)
    record_change(
        agreement, by=by, message=change_message(model=Agreement, added=False, fields=["supersedes"])
    )
    return agreement


def _mark_superseded(*, agreement: Agreement, by: User | None, at: dt.datetime | None) -> None:
    if agreement.supersedes_id is None:
        return
    previous = Agreement.objects.filter(pk=agreement.supersedes_id).first()
    if previous is not None and previous.status in ACTIVE_STATUSES:
        agreement_transition(
            agreement=previous, to=AgreementStatus.REVISED, by=by, note=str(agreement), at=at
        )


REVIEW_RULE_FIELDS = {
    MilestoneKind.INTERIM_REVIEW: "interim_review_months",
    MilestoneKind.FINAL_REVIEW: "final_review_months",
}


def agreement_review_due(*, start: dt.date | None, months: int | None, field_name: str) -> dt.date | None:
    """The day a review falls due `months` after `start`; a ValidationError on `field_name`
    when that day would be past the end of the calendar (31/12/9999)."""
    if start is None or months is None:
        return None
    try:
        return add_months(start, months)
    except OutOfCalendar:
        raise ValidationError(
            {
                field_name: ValidationError(
                    _("With this date and number of months the review would fall after 31/12/9999."),
                    code="review_out_of_calendar",
                )
            }
        ) from None


@audited
@transaction.atomic
@changes("agreements")
def agreement_schedule_reviews(*, agreement: Agreement, by: User | None = None) -> list[Milestone]:
    """Create or move the reviews the agreement's rules call for: the interim review
    `interim_review_months` and the final review `final_review_months` after signing (or
    coming into force). Reviews already held are never moved. Returns the reviews scheduled.
    `by` (None: the caller's, e.g. `agreement_save`) may change only the agreements their
    organisations lead."""
    require_writable(agreement, by)
    start = agreement.starts_counting_on
    scheduled = []
    for kind, field_name in REVIEW_RULE_FIELDS.items():
        months = getattr(agreement, field_name)
        if months is None:
            continue
        due = agreement_review_due(start=start, months=months, field_name=field_name)
        milestone = agreement.milestones.filter(kind=kind).order_by("pk").first()
        if milestone is None:
            milestone = Milestone.objects.create(agreement=agreement, kind=kind, due_on=due)
        elif not milestone.is_held and milestone.due_on != due:
            milestone.due_on = due
            milestone.save(update_fields=["due_on"])
        scheduled.append(milestone)
    return scheduled


def task_check_status(*, task: Task, to: str, today: dt.date | None = None) -> None:
    """`task` may be given status `to`: one of the task statuses; "overdue" only once its due
    date has passed."""
    if to not in TaskStatus.values:
        raise ValidationError(
            _("“%(status)s” is not a status of a task.") % {"status": to}, code="no_such_status"
        )
    today = today or timezone.localdate()
    if to == TaskStatus.OVERDUE and (task.due_on is None or task.due_on >= today):
        raise ValidationError(
            _("“%(task)s” is not overdue: it is due on %(date)s.")
            % {"task": task, "date": date_format(task.due_on, "SHORT_DATE_FORMAT") if task.due_on else "—"},
            code="not_overdue",
        )


@audited
@transaction.atomic
@changes("agreements")
def task_set_status(*, task: Task, to: str, by: User | None, note: str = "") -> Task:
    """Give `task` status `to` (`task_check_status`), keeping who changed it, when and from
    what. A task already in status `to` is left as it is, with no history. `by` may change
    only the tasks of the agreements their organisations lead."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    require_writable(task, by)
    if task.status != to:
        task_check_status(task=task, to=to)
        _record_statuses([task], to=to, by=by, note=note)
    return task


@audited
@transaction.atomic
@changes("agreements")
def tasks_set_status(
    *, tasks: QuerySet[Task], to: str, by: User | None, note: str = "", today: dt.date | None = None
) -> list[Task]:
    """`task_set_status` for every task of `tasks` at once (the daily job), checked on `today`;
    returns the tasks changed."""
    moving = list(tasks.exclude(status=to).select_for_update().order_by("pk"))
    for task in moving:
        require_writable(task, by)
        task_check_status(task=task, to=to, today=today)
    _record_statuses(moving, to=to, by=by, note=note)
    return moving


def _record_statuses(tasks: list[Task], *, to: str, by: User | None, note: str) -> None:
    now = timezone.now()
    TaskStatusChange.objects.bulk_create(
        TaskStatusChange(task=task, from_status=task.status, to_status=to, at=now, by=by, note=note)
        for task in tasks
    )
    Task.objects.filter(pk__in=[task.pk for task in tasks]).update(status=to)
    message = _("Status changed to “%(status)s”.") % {"status": TaskStatus(to).label}
    for task in tasks:
        task.status = to
        record_change(task, by=by, message=message)
    # The update bypasses save(): the tasks enter the history with their new status.
    history_bulk_create(tasks, update=True)


@dataclass
class DailyReport:
    tasks_overdue: list[int] = field(default_factory=list)
    agreements_expired: list[int] = field(default_factory=list)
    notices_sent: list[str] = field(default_factory=list)
    # Reminders not sent, kept for the next run (and shown on the dashboard and in /healthz):
    notices_undeliverable: list[str] = field(default_factory=list)  # nobody to send them to
    notices_failed: list[str] = field(default_factory=list)  # the mail server refused or was down
    notices_withdrawn: list[str] = field(default_factory=list)  # no longer due, never sent


@changes("agreements")
def agreements_daily(*, today: dt.date) -> DailyReport:
    """The daily job: mark overdue tasks and expired agreements, then e-mail the secretariat
    about reviews and expiries due within 30 days.

    Idempotent: a second run the same day changes nothing and sends nothing that was sent
    (each reminder is recorded as a Notice, sent once). A reminder that could not be sent —
    nobody to send it to, or a mail server that failed — is recorded as such, never as sent,
    and the next run sends it; one no longer due by then is withdrawn."""
    report = DailyReport()
    with transaction.atomic():
        open_tasks = [TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS]
        overdue = tasks_overdue(today=today).filter(status__in=open_tasks)
        moved = tasks_set_status(
            tasks=overdue, to=TaskStatus.OVERDUE, by=None, note=_("Overdue (daily job)."), today=today
        )
        report.tasks_overdue = [task.pk for task in moved]
        for agreement in agreements_ended(today=today):
            agreement_transition(
                agreement=agreement, to=AgreementStatus.EXPIRED, by=None, note=_("Expired (daily job).")
            )
            report.agreements_expired.append(agreement.pk)
    due: list[tuple[str, Agreement, tuple[str, str]]] = []
    for milestone in reviews_due(today=today, within_days=REMINDER_WINDOW_DAYS).select_related("agreement"):
        if milestone.due_on is None:
            continue  # reviews_due reads dated reviews only
        key = f"review:{milestone.pk}:{milestone.due_on.isoformat()}"
        due.append((key, milestone.agreement, _review_message(milestone, due_on=milestone.due_on)))
    for agreement in agreements_expiring(today=today, within_days=REMINDER_WINDOW_DAYS):
        ends_on = agreement.ends_on
        if ends_on is None:
            continue  # agreements_expiring reads dated ends only
        key = f"expiry:{agreement.pk}:{ends_on.isoformat()}"
        due.append((key, agreement, _expiry_message(agreement, ends_on=ends_on)))
    recipients = secretariat_emails() if due else []
    outcomes: dict[str, list[str]] = {
        NoticeStatus.SENT: report.notices_sent,
        NoticeStatus.UNDELIVERABLE: report.notices_undeliverable,
        NoticeStatus.FAILED: report.notices_failed,
    }
    for key, agreement, message in due:
        outcome = _notify(key, agreement, message, recipients=recipients)
        if outcome is not None:
            outcomes[outcome].append(key)
    report.notices_withdrawn = notices_withdraw(keep={key for key, _agreement, _message in due})
    notices_remember_unsent()
    return report


def secretariat_emails() -> list[str]:
    """Active staff who may see agreements and have an e-mail address."""
    # Permissions live in ModelBackend; the other backend (django-axes) only guards sign-in.
    users = get_user_model().objects.with_perm(
        "agreements.view_agreement",
        include_superusers=True,
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return sorted(
        set(users.filter(is_active=True, is_staff=True).exclude(email="").values_list("email", flat=True))
    )


def _notify(key: str, agreement: Agreement, message: tuple[str, str], *, recipients: list[str]) -> str | None:
    """Send one reminder unless it was sent before. Returns what became of it now: SENT,
    UNDELIVERABLE (nobody to send it to) or FAILED (the mail could not be sent: kept, with the
    error, for the next attempt); None when it had been sent already."""
    notice, _created = Notice.objects.get_or_create(key=key, defaults={"agreement": agreement})
    with transaction.atomic():
        # Locked while it is sent: two runs at once (a retry and beat) cannot both send it.
        notice = Notice.objects.select_for_update().get(pk=notice.pk)
        if notice.status == NoticeStatus.SENT:
            return None
        now = timezone.now()
        notice.attempts += 1
        notice.last_attempt_at = now
        if not recipients:
            notice.status = NoticeStatus.UNDELIVERABLE
            notice.recipients = ""
            notice.problem = _(
                "Nobody to send it to: no active staff member who may see agreements has an e-mail address."
            )
        else:
            subject, body = message
            try:
                send_mail(subject, body, None, recipients)
            except Exception as error:  # SMTP down or refusing: kept for the next attempt, never sent
                logger.warning("Reminder %s not sent (attempt %s): %r", key, notice.attempts, error)
                notice.status = NoticeStatus.FAILED
                notice.recipients = ", ".join(recipients)
                notice.problem = _("The mail server failed: %(error)s") % {
                    "error": f"{type(error).__name__}: {error}"[:500]
                }
            else:
                notice.status = NoticeStatus.SENT
                notice.sent_at = now
                notice.recipients = ", ".join(recipients)
                notice.problem = ""
        notice.save()
        return notice.status


def notices_withdraw(*, keep: set[str]) -> list[str]:
    """Withdraw the unsent reminders not in `keep` (the reminders due now): their review was held
    or moved, or their agreement ended or was renewed, before anyone could be told. Returns their keys."""
    stale = Notice.objects.filter(status__in=UNSENT_STATUSES).exclude(key__in=keep)
    keys = sorted(stale.values_list("key", flat=True))
    if keys:
        Notice.objects.filter(key__in=keys, status__in=UNSENT_STATUSES).update(status=NoticeStatus.WITHDRAWN)
    return keys


def notices_remember_unsent() -> int:
    """Keep the number of unsent reminders in the cache, for /healthz (which must answer without
    the database: agreements/health.py); returns it."""
    count = notices_unsent().count()
    cache.set(UNSENT_NOTICES_CACHE_KEY, count, None)
    return count


def _review_message(milestone: Milestone, *, due_on: dt.date) -> tuple[str, str]:
    with translation.override("vi"):
        params = {
            "review": milestone.get_kind_display(),
            "agreement": milestone.agreement.title,
            "date": date_format(due_on, "SHORT_DATE_FORMAT"),
        }
        return (
            _("Review due on %(date)s: %(agreement)s") % params,
            _("The %(review)s of “%(agreement)s” is due on %(date)s.") % params,
        )


def _expiry_message(agreement: Agreement, *, ends_on: dt.date) -> tuple[str, str]:
    with translation.override("vi"):
        params = {
            "agreement": agreement.title,
            "date": date_format(ends_on, "SHORT_DATE_FORMAT"),
        }
        return (
            _("Agreement expiring on %(date)s: %(agreement)s") % params,
            _("“%(agreement)s” stays in force until %(date)s. Prepare its review or renewal.") % params,
        )
