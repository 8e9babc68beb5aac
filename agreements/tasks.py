from celery import shared_task
from django.utils import timezone

from agreements.services import agreements_daily


@shared_task(
    name="agreements.run_daily",
    ignore_result=False,  # its report is kept for monitoring
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=3,
)
def run_daily() -> dict:
    """The daily agreements job (see agreements.services.agreements_daily), for today in Hà Nội time."""
    report = agreements_daily(today=timezone.localdate())
    return {
        "tasks_overdue": len(report.tasks_overdue),
        "agreements_expired": len(report.agreements_expired),
        "notices_sent": report.notices_sent,
    }
