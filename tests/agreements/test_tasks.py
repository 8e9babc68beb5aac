import datetime as dt

import pytest
from django.core import mail

from agreements.models import Agreement, AgreementParty, Notice, StatusChange, Task, TaskStatus
from agreements.services import agreement_transition
from agreements.tasks import run_daily
from tests.committees.factories import OrganizationFactory


def agreement_due_today(today: dt.date) -> Agreement:
    agreement = Agreement.objects.create(
        kind="programme",
        title="Chương trình phối hợp năm 2025",
        slug="chuong-trinh-phoi-hop-nam-2025",
        effective_to=today + dt.timedelta(days=10),
    )
    for order in range(2):
        AgreementParty.objects.create(agreement=agreement, organization=OrganizationFactory(), order=order)
    agreement_transition(agreement=agreement, to="in_force", by=None)
    Task.objects.create(agreement=agreement, title="Hội thảo khoa học", due_on=today - dt.timedelta(days=1))
    return agreement


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_running_the_daily_job_twice_through_a_real_worker_sends_nothing_twice(redis_worker, admin_user):
    from django.utils import timezone

    agreement = agreement_due_today(timezone.localdate())

    first = run_daily.delay().get(timeout=30)
    second = run_daily.delay().get(timeout=30)

    assert first == {
        "tasks_overdue": 1,
        "agreements_expired": 0,
        "notices_sent": [f"expiry:{agreement.pk}:{agreement.effective_to.isoformat()}"],
        "notices_undeliverable": [],
        "notices_failed": [],
    }
    assert second == {
        "tasks_overdue": 0,
        "agreements_expired": 0,
        "notices_sent": [],
        "notices_undeliverable": [],
        "notices_failed": [],
    }
    assert Task.objects.get().status == TaskStatus.OVERDUE
    assert Notice.objects.count() == 1
    assert StatusChange.objects.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [admin_user.email]
