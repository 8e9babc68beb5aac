from celery import shared_task
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.services import agreements_daily
from portal.history import acting_as

# A reminder the mail server failed to take is tried again with the whole (idempotent) job,
# after 1, 2, 4, 8 and 16 minutes; if it still fails, it stays unsent — on the dashboard and in
# /healthz — and the next day's run tries it again.
NOTICE_RETRIES = 5
NOTICE_RETRY_FIRST_SECONDS = 60


def retry_countdown(retries: int) -> int:
    """Seconds before the `retries`+1-th retry: doubling from NOTICE_RETRY_FIRST_SECONDS, at most an hour."""
    return int(min(NOTICE_RETRY_FIRST_SECONDS * 2**retries, 60 * 60))


@shared_task(
    bind=True,
    name="agreements.run_daily",
    ignore_result=False,  # its report is kept for monitoring
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=NOTICE_RETRIES,
)
def run_daily(self) -> dict:  # type: ignore[no-untyped-def]
    """The daily agreements job (see agreements.services.agreements_daily), for today in Hà Nội time.

    It acts for nobody: the history records its changes (overdue tasks, expired agreements) with
    the job's name as their reason."""
    with acting_as(None, reason=_("Daily agreements job")):
        report = agreements_daily(today=timezone.localdate())
    if report.notices_failed and self.request.retries < NOTICE_RETRIES:
        # The mail server failed: run again later; what was sent meanwhile is not sent twice.
        raise self.retry(countdown=retry_countdown(self.request.retries))
    return {
        "tasks_overdue": len(report.tasks_overdue),
        "agreements_expired": len(report.agreements_expired),
        "notices_sent": report.notices_sent,
        "notices_undeliverable": report.notices_undeliverable,
        "notices_failed": report.notices_failed,
    }
