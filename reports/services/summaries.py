"""Assembling summaries, and the jobs that assemble them in the background.

A summary is written in one transaction: a worker killed halfway leaves nothing, and the same
records give the same hash, so assembling again returns the summary already made. While that
transaction is open its progress lives in the cache (another process cannot see uncommitted
rows); the job's row keeps the start and the outcome.

A staff user who is not a system administrator may assemble, and see the figures of, only an
organisation of theirs (or one under it): a region or the whole system counts other
organisations' records, so those scopes are the system administrators' (`summary_scope_check`).
"""

import datetime as dt
import hashlib
import json
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from committees.models import Organization, Region, SteeringCommittee
from portal.history import acting_as
from portal.jobs import enqueue, enqueue_on_commit
from portal.lib.periods import OutOfCalendar, Period, PeriodKind
from portal.scoping import ScopeError, require_writable, staff_scope
from reports.models import ScopeKind, Summary, SummaryJob, SummaryJobStatus, SummaryRow
from reports.scopes import Scope
from reports.selectors import batched
from reports.summaries import SummaryBuilder

Progress = Callable[[str, int], None]
logger = logging.getLogger(__name__)

# How long the cache keeps a job's progress: longer than any job runs.
PROGRESS_SECONDS = 24 * 60 * 60
# A job's progress is written to the cache at most this often unless its stage or percent changes.
HEARTBEAT_SECONDS = 5


class _Duplicate(Exception):
    """The summary just assembled exists already: its transaction is rolled back."""

    def __init__(self, input_hash: str) -> None:
        super().__init__(input_hash)
        self.input_hash = input_hash


def canonical_json(value: Any) -> bytes:
    """The one JSON text of a value that its hash is taken from: sorted keys, no spaces."""
    return json.dumps(
        value, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).encode()


def summary_check(*, scope: Scope, period: Period) -> None:
    """ValidationError unless the period is in order and the scope's organisation or region exists."""
    if period.start > period.end:
        raise ValidationError(
            gettext("The period starts on %(start)s, after its end %(end)s.")
            % {"start": f"{period.start:%d/%m/%Y}", "end": f"{period.end:%d/%m/%Y}"},
            code="period_order",
        )
    try:
        period.previous()
    except OutOfCalendar:
        raise ValidationError(
            gettext("The calendar has no period before this one to compare it with."), code="no_previous"
        ) from None
    organizations = Organization.objects.filter(pk=scope.organization_id or 0)
    if scope.kind == ScopeKind.ORGANIZATION and not organizations.exists():
        raise ValidationError(
            {"organization": gettext("This organisation does not exist (any more).")}, code="unknown"
        )
    if scope.kind == ScopeKind.REGION and not Region.objects.filter(pk=scope.region_id or 0).exists():
        raise ValidationError({"region": gettext("This region does not exist (any more).")}, code="unknown")


def summary_scope_check(*, scope: Scope, by: User | None) -> None:
    """ScopeError unless `by` may assemble or see the figures of `scope`.

    An organisation in their scope (theirs or one under it); a region or the whole system only
    for a system administrator, since they count every organisation's records. `by` None (the
    calendar's jobs) passes."""
    if by is None:
        return
    reach = staff_scope(by)
    if reach.everything:
        return
    if scope.kind == ScopeKind.ORGANIZATION:
        if scope.organization_id in reach.own:
            return
        message = gettext("You may only summarise your own organisations and those under them.")
    else:
        message = gettext("Only system administrators may summarise a region or the whole system.")
    raise ScopeError(message, code="out_of_scope")


def summary_assemble(
    *,
    scope: Scope,
    period: Period,
    by: User | None,
    progress: Progress | None = None,
) -> Summary:
    """Assemble the summary of `scope` for `period`, or return the one already made from the same records.

    One transaction: the Summary, then its rows in chunks while the canonical JSON of each row
    (with its sheet and position) and finally of the snapshot is hashed (sha256). When a summary
    of the same scope, period and hash exists, everything written is rolled back and that one
    is returned; the unique constraint `reports_summary_once` is the last guard against two
    workers racing. When the scope and period were summarised before, the hash is first computed
    without writing: unchanged records (a second demo load, a schedule run twice) write nothing.
    ScopeError when `by` may not summarise `scope` (`summary_scope_check`).
    """
    summary_check(scope=scope, period=period)
    summary_scope_check(scope=scope, by=by)
    same = Q(scope_key=scope.key, period_start=period.start, period_end=period.end)
    if Summary.objects.filter(same).exists():
        halves = _halved(progress)
        input_hash = _input_hash(SummaryBuilder(scope, period, halves[0]))
        existing = Summary.objects.filter(same, input_hash=input_hash).first()
        if existing is not None:
            return existing
        progress = halves[1]
    builder = SummaryBuilder(scope, period, progress)
    digest = hashlib.sha256()
    try:
        with transaction.atomic():
            summary = Summary.objects.create(
                **scope.as_fields(),
                scope_key=scope.key,
                period_kind=period.kind,
                period_start=period.start,
                period_end=period.end,
                input_hash=f"assembling-{uuid.uuid4().hex}",  # unique until the hash is known
                snapshot={},
                title="",
                assembled_at=timezone.now(),
                assembled_by=by,
            )
            for chunk in batched(builder.rows(), builder.chunk_size):
                encoded = [(row.sheet, row.position, canonical_json(row.data)) for row in chunk]
                for sheet, position, data in encoded:
                    digest.update(_hashed_row(sheet, position, data))
                _write_rows(summary.pk, encoded)
            snapshot = builder.snapshot()
            digest.update(canonical_json(snapshot))
            input_hash = digest.hexdigest()
            if Summary.objects.filter(same, input_hash=input_hash).exists():
                raise _Duplicate(input_hash)
            if progress is not None:
                progress(gettext("Saving the summary"), 99)
            try:
                with transaction.atomic():
                    Summary.objects.filter(pk=summary.pk).update(
                        input_hash=input_hash, snapshot=snapshot, title=snapshot["title"][:500]
                    )
            except IntegrityError:  # another worker saved the same summary meanwhile
                raise _Duplicate(input_hash) from None
    except _Duplicate as duplicate:
        return Summary.objects.get(same, input_hash=duplicate.input_hash)
    summary.refresh_from_db()
    return summary


def _hashed_row(sheet: str, position: int, data: bytes) -> bytes:
    """What a listed row adds to a summary's hash: the same bytes whether it is written or not."""
    return f"{sheet}\t{position}\t".encode() + data + b"\n"


def _input_hash(builder: SummaryBuilder) -> str:
    """The hash `summary_assemble` would give the summary `builder` makes, computed without writing."""
    digest = hashlib.sha256()
    for row in builder.rows():
        digest.update(_hashed_row(row.sheet, row.position, canonical_json(row.data)))
    digest.update(canonical_json(builder.snapshot()))
    return digest.hexdigest()


def _halved(progress: Progress | None) -> tuple[Progress | None, Progress | None]:
    """Progress reported over two passes: the first half of the bar, then the second."""
    if progress is None:
        return None, None
    report = progress
    return (
        lambda stage, percent: report(stage, percent // 2),
        lambda stage, percent: report(stage, 50 + percent // 2),
    )


def _write_rows(summary_id: int, rows: list[tuple[str, int, bytes]]) -> None:
    """Insert a chunk of rows whose data is already JSON text: on PostgreSQL by COPY (the ORM's
    bulk insert costs several times the rest of the assembly), elsewhere by bulk_create."""
    if connection.vendor != "postgresql":
        SummaryRow.objects.bulk_create(
            SummaryRow(summary_id=summary_id, sheet=sheet, position=position, data=json.loads(data))
            for sheet, position, data in rows
        )
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in ("summary_id", "sheet", "position", "data"))
    statement = f"COPY {quote(SummaryRow._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for sheet, position, data in rows:
            copy.write_row((summary_id, sheet, position, data.decode()))


# --- Jobs -----------------------------------------------------------------------------


def _progress_key(job_id: int) -> str:
    return f"reports:summary-job:{job_id}"


def _publish(job_id: int, state: dict[str, Any]) -> None:
    """Show the job's progress to other processes; a cache that is down delays the bar, never the job."""
    try:
        cache.set(_progress_key(job_id), {**state, "heartbeat": time.time()}, PROGRESS_SECONDS)
    except Exception:  # noqa: BLE001 - any cache backend's error
        logger.warning("Could not publish the progress of summary job %s.", job_id, exc_info=True)


def _state(job: SummaryJob) -> dict[str, Any]:
    return {
        "status": job.status,
        "stage": job.stage,
        "percent": job.percent,
        "summary_id": job.summary_id,
        "error": job.error,
    }


def summary_job_progress(job: SummaryJob) -> dict[str, Any]:
    """What the progress bar shows: {status, stage, percent, summary_id, error}.

    While the job runs, from the cache (its worker writes there as it goes); once it is done
    or has failed, from its row."""
    if job.status in (SummaryJobStatus.QUEUED, SummaryJobStatus.RUNNING):
        cached = _cached(job.pk)
        if cached is not None and cached.get("status") in (SummaryJobStatus.QUEUED, SummaryJobStatus.RUNNING):
            return {key: cached.get(key) for key in ("status", "stage", "percent", "summary_id", "error")}
    return _state(job)


def _cached(job_id: int) -> dict[str, Any] | None:
    try:
        return cache.get(_progress_key(job_id))
    except Exception:  # noqa: BLE001 - any cache backend's error: the row's state is shown
        logger.warning("Could not read the progress of summary job %s.", job_id, exc_info=True)
        return None


def _last_sign_of_life(job: SummaryJob) -> dt.datetime:
    """When the job last showed progress: in its row or, while it runs, in the cache."""
    last = job.heartbeat_at or job.requested_at
    cached = _cached(job.pk)
    if cached and cached.get("heartbeat"):
        last = max(last, dt.datetime.fromtimestamp(cached["heartbeat"], tz=dt.UTC))
    return last


def _stale_before() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.REPORTS_SUMMARY_STALE_SECONDS)


def summary_job_start(*, scope: Scope, period: Period, by: User | None) -> SummaryJob:
    """Queue the assembly of a summary of `scope` for `period` (the task is sent on commit).

    ValidationError for a period out of order or an organisation or region that does not exist,
    ScopeError for a scope `by` may not summarise (`summary_scope_check`). A job for the same
    scope and period still queued or running is returned rather than doubled.
    """
    summary_check(scope=scope, period=period)
    summary_scope_check(scope=scope, by=by)
    fields = {**scope.as_fields(), "period_start": period.start, "period_end": period.end}
    with transaction.atomic():
        waiting = SummaryJob.objects.filter(
            **fields, status__in=(SummaryJobStatus.QUEUED, SummaryJobStatus.RUNNING)
        ).first()
        if waiting is not None:
            return waiting
        job = SummaryJob.objects.create(
            **fields, period_kind=period.kind, requested_by=by, stage=gettext("Waiting for a worker")
        )
        _enqueue_on_commit(job.pk)
    return job


def summary_job_retry(*, job: SummaryJob, by: User | None) -> SummaryJob:
    """Queue a failed job again (the admin's "Try again"): only a job of `by`'s organisations
    (a region's or the system's: a system administrator's); ScopeError otherwise."""
    with transaction.atomic():
        job = SummaryJob.objects.select_for_update().get(pk=job.pk)
        require_writable(job, by)
        if job.status != SummaryJobStatus.FAILED:
            return job
        job.status, job.stage, job.percent, job.finished_at = SummaryJobStatus.QUEUED, "", 0, None
        job.heartbeat_at = timezone.now()
        job.stage = gettext("Waiting for a worker")
        job.save(update_fields=["status", "stage", "percent", "finished_at", "heartbeat_at"])
        _enqueue_on_commit(job.pk)
    return job


def _enqueue_on_commit(job_id: int) -> None:
    from reports.tasks import assemble_summary

    enqueue_on_commit(assemble_summary, job_id)


def summary_job_run(*, job_id: int, retrying: bool = False) -> Summary | None:
    """Run a job: mark it running, assemble its summary, mark it done with the summary.

    A job already done, failed or running elsewhere (progress seen within
    REPORTS_SUMMARY_STALE_SECONDS) is left alone and None returned: a message delivered twice
    does the work once. `retrying`: the task's own retry after a failed attempt, which takes the
    job back even when that failure could not be recorded (it still shows running). Exceptions
    propagate: the task records them (`summary_job_failed`)."""
    with transaction.atomic():
        job = SummaryJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status in (SummaryJobStatus.DONE, SummaryJobStatus.FAILED):
            return None
        if (
            job.status == SummaryJobStatus.RUNNING
            and not retrying
            and _last_sign_of_life(job) > _stale_before()
        ):
            return None
        job.status, job.percent, job.error, job.finished_at = SummaryJobStatus.RUNNING, 0, "", None
        job.attempts += 1
        job.heartbeat_at = timezone.now()
        job.stage = gettext("Starting the assembly")
        job.save(
            update_fields=["status", "percent", "error", "finished_at", "attempts", "heartbeat_at", "stage"]
        )
    _publish(job.pk, _state(job))

    last: dict[str, Any] = {"stage": job.stage, "percent": 0, "at": time.monotonic()}

    def report(stage: str, percent: int) -> None:
        now = time.monotonic()
        if (stage, percent) != (last["stage"], last["percent"]) or now - last["at"] >= HEARTBEAT_SECONDS:
            last.update(stage=stage, percent=percent, at=now)
            _publish(job_id, {**_state(job), "stage": stage, "percent": percent})

    # Written as the user who asked for it (the calendar's jobs: nobody), the job named as the reason.
    reason = gettext("Summary job %(job)s") % {"job": job.pk}
    with acting_as(job.requested_by, reason=reason):
        summary = summary_assemble(
            scope=Scope.of_record(job), period=job.period, by=job.requested_by, progress=report
        )
    now = timezone.now()
    job.status, job.stage, job.percent = SummaryJobStatus.DONE, gettext("Summary assembled"), 100
    job.summary = summary
    job.finished_at = job.heartbeat_at = now
    with transaction.atomic():
        SummaryJob.objects.filter(pk=job.pk).update(
            status=job.status,
            stage=job.stage,
            percent=100,
            summary=summary,
            finished_at=now,
            heartbeat_at=now,
        )
    _publish(job.pk, _state(job))
    return summary


def summary_job_failed(*, job_id: int, error: str, retry_in: int | None = None) -> None:
    """Record a failure on the job, shown as is: queued again when `retry_in` seconds are given,
    failed otherwise."""
    now = timezone.now()
    with transaction.atomic():
        job = SummaryJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status == SummaryJobStatus.DONE:
            return
        job.error = error
        if retry_in is None:
            job.status, job.finished_at, job.heartbeat_at = SummaryJobStatus.FAILED, now, now
            job.stage = gettext("Assembly failed")
        else:
            # Not stalled while it waits for its retry: the sweep leaves it alone until then.
            job.status, job.finished_at = SummaryJobStatus.QUEUED, None
            job.heartbeat_at = now + dt.timedelta(seconds=retry_in)
            job.stage = gettext("Assembly failed; trying again in %(seconds)s s") % {"seconds": retry_in}
        job.save(update_fields=["error", "status", "finished_at", "heartbeat_at", "stage"])
    _publish(job.pk, _state(job))


def summary_jobs_resume_stalled() -> list[int]:
    """Queue again the jobs queued or running that have shown no progress for
    REPORTS_SUMMARY_STALE_SECONDS: their worker died, or their task never reached the broker.

    Each is marked queued, waiting from now: the next sweep leaves it alone for as long again
    (a long queue is not flooded with copies of its messages), and the worker that takes it
    does not mistake it for one still running elsewhere."""
    stale_before = _stale_before()
    waiting = SummaryJob.objects.filter(
        status__in=(SummaryJobStatus.QUEUED, SummaryJobStatus.RUNNING)
    ).order_by("requested_at", "pk")
    stalled = [job.pk for job in waiting if _last_sign_of_life(job) <= stale_before]
    from reports.tasks import assemble_summary

    resumed = []
    for job_id in stalled:
        with transaction.atomic():
            job = SummaryJob.objects.select_for_update().get(pk=job_id)
            if job.status not in (SummaryJobStatus.QUEUED, SummaryJobStatus.RUNNING):
                continue  # finished meanwhile
            job.status, job.stage = SummaryJobStatus.QUEUED, gettext("Waiting for a worker")
            job.heartbeat_at = timezone.now()
            job.save(update_fields=["status", "stage", "heartbeat_at"])
        _publish(job.pk, _state(job))
        enqueue(assemble_summary, job.pk)
        resumed.append(job.pk)
    return resumed


def summary_period_scopes(period: Period) -> list[Scope]:
    """Whose summaries the calendar assembles: the whole system, then each organisation with
    a steering committee in being during the period (with the organisations under it)."""
    committees = SteeringCommittee.objects.filter(
        Q(founded_on__isnull=True) | Q(founded_on__lte=period.end),
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=period.start),
    )
    organizations = (
        Organization.objects.filter(pk__in=committees.values("organization_id"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return [Scope.system(), *(Scope.of_organization(pk) for pk in organizations)]


def summary_jobs_start_for_periods_ended(*, today: dt.date) -> list[SummaryJob]:
    """Queue the summaries of the half-year that ended before `today` and, when that half is
    the second, of the whole year too (the beat runs this on 1 July and 1 January)."""
    half = Period.last_ended(today, PeriodKind.HALF)
    periods = [half] + ([Period.last_ended(today, PeriodKind.YEAR)] if half.half == 2 else [])
    return [
        summary_job_start(scope=scope, period=period, by=None)
        for period in periods
        for scope in summary_period_scopes(period)
    ]
