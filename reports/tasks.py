from celery import shared_task
from django.db import DatabaseError, InterfaceError, OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from reports.services import (
    summary_job_failed,
    summary_job_run,
    summary_jobs_resume_stalled,
    summary_jobs_start_for_periods_ended,
)

# Failures that pass: the database or the broker away for a moment.
TRANSIENT = (OperationalError, InterfaceError, BrokerError, ConnectionError, TimeoutError)
MAX_RETRIES = 5


def backoff(retries: int) -> int:
    """Seconds before the next attempt: 10, 20, 40, 80, 160."""
    return 10 * 2**retries


@shared_task(bind=True, name="reports.assemble_summary", acks_late=True, max_retries=MAX_RETRIES)
def assemble_summary(self, job_id: int) -> int | None:  # type: ignore[no-untyped-def]
    """Run a summary job; the summary's id, or None when the job was not this worker's to run.

    Database and broker failures are retried with exponential backoff, each recorded on the
    job; any other error, or the last retry's, marks the job failed with its text."""
    try:
        summary = summary_job_run(job_id=job_id)
    except TRANSIENT as error:
        text = f"{type(error).__name__}: {error}"
        if self.request.retries >= self.max_retries:
            summary_job_failed(job_id=job_id, error=text)
            raise
        delay = backoff(self.request.retries)
        summary_job_failed(job_id=job_id, error=text, retry_in=delay)
        raise self.retry(exc=error, countdown=delay) from None
    except DatabaseError as error:  # a query the data makes fail: retrying would fail again
        summary_job_failed(job_id=job_id, error=f"{type(error).__name__}: {error}")
        raise
    except Exception as error:
        summary_job_failed(job_id=job_id, error=f"{type(error).__name__}: {error}")
        raise
    return summary.pk if summary is not None else None


@shared_task(name="reports.resume_stalled_summaries")
def resume_stalled_summaries() -> list[int]:
    """The sweep: queue again the summary jobs whose worker died or that never reached the broker."""
    return summary_jobs_resume_stalled()


@shared_task(name="reports.assemble_period_summaries")
def assemble_period_summaries() -> list[int]:
    """Queue the summaries of the half-year (and on 1 January the year) just ended, Hà Nội time."""
    return [job.pk for job in summary_jobs_start_for_periods_ended(today=timezone.localdate())]
