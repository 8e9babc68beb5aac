from celery import shared_task

from portal.exchange.services import export_job_run, export_jobs_sweep


@shared_task(name="exchange.run_export", acks_late=True)
def run_export(job_id: int) -> int | None:
    """Write the export job's file; the job's id once done, None when it was not to be run.

    A failure is recorded on the job (its page shows it) by the service; the sweep sends again
    only jobs that never started."""
    job = export_job_run(job_id=job_id)
    return job.pk if job is not None else None


@shared_task(name="exchange.sweep_exports")
def sweep_exports() -> dict[str, int]:
    """Delete the export files past their keeping time; send again the jobs that never reached a worker."""
    return export_jobs_sweep()
