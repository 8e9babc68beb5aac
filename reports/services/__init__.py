"""Writes and workflows of reports and summaries: the admin, the demo loader, the Celery tasks
and the tests all go through these (each module re-exported here)."""

# --- reports (review reports) ---
from reports.services.reports import (
    report_approve,
    report_check,
    report_clean_attachment,
    report_clean_item,
    report_period,
    report_return,
    report_save,
    report_set_period,
    report_submit,
)
from reports.services.summaries import (
    summary_assemble,
    summary_check,
    summary_job_failed,
    summary_job_progress,
    summary_job_retry,
    summary_job_run,
    summary_job_start,
    summary_jobs_resume_stalled,
    summary_jobs_start_for_periods_ended,
    summary_scope_check,
)

__all__ = [
    # --- reports (review reports) ---
    "report_approve",
    "report_check",
    "report_clean_attachment",
    "report_clean_item",
    "report_period",
    "report_return",
    "report_save",
    "report_set_period",
    "report_submit",
    "summary_assemble",
    "summary_check",
    "summary_job_failed",
    "summary_job_progress",
    "summary_job_retry",
    "summary_job_run",
    "summary_job_start",
    "summary_jobs_resume_stalled",
    "summary_jobs_start_for_periods_ended",
    "summary_scope_check",
]
