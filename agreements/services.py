"""Writes and workflows of agreements: the lifecycle, review schedules and the daily job.

The admin, its actions, the demo loader and the Celery task all go through these.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agreements.models import (
    Agreement,
    AgreementStatus,
    Milestone,
    MilestoneKind,
    Notice,
    StatusChange,
    Task,
    TaskStatus,
)
from agreements.models.agreements import ACTIVE_STATUSES, TRANSITIONS
from committees.models import Organization
from portal.cache import changes
from portal.lib.periods import OutOfCalendar, add_months

REMINDER_WINDOW_DAYS = 30


def agreement_check_parties(*, organizations: Iterable[Organization | int]) -> None:
    """An agreement has two or more parties, each listed once."""
    keys = [getattr(organization, "pk", organization) for organization in organizations]
    if len(set(keys)) != len(keys):
        raise ValidationError(_("An organisation is listed twice among the parties."), code="duplicate_party")
    if len(keys) < 2:
        raise ValidationError(_("An agreement needs at least two parties."), code="too_few_parties")


@transaction.atomic
@changes("agreements")
def agreement_transition(
    *,
    agreement: Agreement,
    to: str,
    by=None,
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
    return agreement


@transaction.atomic
@changes("agreements")
def agreement_supersede(*, agreement: Agreement, previous: Agreement, by=None, at=None) -> Agreement:
    """Record that `agreement` revises or renews `previous`, which becomes "revised" (at `at`,
    e.g. the day the newer one was signed; now when not given) as soon as `agreement` is in
    force: at once, or when the draft is brought into force. Until then readers keep seeing
    the one in force."""
    agreement.supersedes = previous
    agreement.full_clean()
    agreement.save(update_fields=["supersedes", "updated_at"])
    if agreement.is_active:
        _mark_superseded(agreement=agreement, by=by, at=at)
    return agreement


def _mark_superseded(*, agreement: Agreement, by, at) -> None:
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


@transaction.atomic
@changes("agreements")
def agreement_schedule_reviews(*, agreement: Agreement) -> list[Milestone]:
    """Create or move the reviews the agreement's rules call for: the interim review
    `interim_review_months` and the final review `final_review_months` after signing (or
    coming into force). Reviews already held are never moved. Returns the reviews scheduled."""
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


@dataclass
class DailyReport:
    tasks_overdue: list[int] = field(default_factory=list)
    agreements_expired: list[int] = field(default_factory=list)
    notices_sent: list[str] = field(default_factory=list)


@changes("agreements")
def agreements_daily(*, today: dt.date) -> DailyReport:
    """The daily job: mark overdue tasks and expired agreements, then e-mail the secretariat
    about reviews and expiries due within 30 days. Idempotent: a second run the same day
    changes nothing and sends nothing (each reminder is recorded as a Notice, sent once)."""
    report = DailyReport()
    with transaction.atomic():
        overdue = Task.objects.filter(
            due_on__lt=today,
            status__in=[TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS],
            agreement__status__in=ACTIVE_STATUSES,
        )
        report.tasks_overdue = list(overdue.values_list("pk", flat=True))
        Task.objects.filter(pk__in=report.tasks_overdue).update(status=TaskStatus.OVERDUE)
        for agreement in Agreement.objects.filter(effective_to__lt=today, status__in=ACTIVE_STATUSES):
            agreement_transition(
                agreement=agreement, to=AgreementStatus.EXPIRED, note=_("Expired (daily job).")
            )
            report.agreements_expired.append(agreement.pk)
    horizon = today + dt.timedelta(days=REMINDER_WINDOW_DAYS)
    reviews = Milestone.objects.filter(
        due_on__gte=today,
        due_on__lte=horizon,
        held_on__isnull=True,
        event__isnull=True,
        agreement__status__in=ACTIVE_STATUSES,
    ).select_related("agreement")
    for milestone in reviews:
        key = f"review:{milestone.pk}:{milestone.due_on.isoformat()}"
        if _notify(key, milestone.agreement, _review_message(milestone)):
            report.notices_sent.append(key)
    expiring = Agreement.objects.filter(
        effective_to__gte=today, effective_to__lte=horizon, status__in=ACTIVE_STATUSES
    )
    for agreement in expiring:
        key = f"expiry:{agreement.pk}:{agreement.effective_to.isoformat()}"
        if _notify(key, agreement, _expiry_message(agreement)):
            report.notices_sent.append(key)
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


def _notify(key: str, agreement: Agreement, message: tuple[str, str]) -> bool:
    """Send one reminder unless it was sent before; True when sent now."""
    recipients = secretariat_emails()
    try:
        with transaction.atomic():
            Notice.objects.create(
                key=key, agreement=agreement, sent_at=timezone.now(), recipients=", ".join(recipients)
            )
            subject, body = message
            if recipients:
                send_mail(subject, body, None, recipients)
    except IntegrityError:
        return False  # sent by an earlier run
    return True


def _review_message(milestone: Milestone) -> tuple[str, str]:
    with translation.override("vi"):
        params = {
            "review": milestone.get_kind_display(),
            "agreement": milestone.agreement.title,
            "date": date_format(milestone.due_on, "SHORT_DATE_FORMAT"),
        }
        return (
            _("Review due on %(date)s: %(agreement)s") % params,
            _("The %(review)s of “%(agreement)s” is due on %(date)s.") % params,
        )


def _expiry_message(agreement: Agreement) -> tuple[str, str]:
    with translation.override("vi"):
        params = {
            "agreement": agreement.title,
            "date": date_format(agreement.effective_to, "SHORT_DATE_FORMAT"),
        }
        return (
            _("Agreement expiring on %(date)s: %(agreement)s") % params,
            _("“%(agreement)s” stays in force until %(date)s. Prepare its review or renewal.") % params,
        )
