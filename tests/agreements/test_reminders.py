"""Reminders are never lost (issue 14, point 2): one with nobody to send it to is recorded as
undeliverable, shown on the dashboard and in /healthz, and sent by the next run once someone can
receive it; one the mail server fails to take is tried again and never recorded as sent."""

import datetime as dt
import smtplib

import pytest
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.health import unsent_count, unsent_message
from agreements.models import Agreement, AgreementParty, Notice, NoticeStatus
from agreements.services import agreement_transition, agreements_daily
from agreements.tasks import retry_countdown, run_daily
from tests.admin_forms import admin_url
from tests.committees.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 1)
FAILING = "tests.agreements.test_reminders.FailingBackend"
FAILING_TWICE = "tests.agreements.test_reminders.FailingTwiceBackend"
NOBODY = "Không có người nhận: không cán bộ đang hoạt động nào được xem văn bản phối hợp có địa chỉ e-mail."


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    calls = 0

    def send_messages(self, email_messages):
        type(self).calls += 1
        raise smtplib.SMTPConnectError(421, "Service not available")


class FailingTwiceBackend(LocmemBackend):
    """A mail server down for the first two sends, then up (messages land in mail.outbox)."""

    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= 2:
            raise ConnectionRefusedError(111, "Connection refused")
        return super().send_messages(messages)


@pytest.fixture
def retries_run_eagerly(monkeypatch):
    """Eager retries run at once, without their countdown; Celery hands each on with the app's
    `task_eager_propagates`, which would raise the first Retry instead."""
    from portal.celery import app

    monkeypatch.setitem(app.conf, "task_eager_propagates", False)


@pytest.fixture(autouse=True)
def _fresh_backends():
    FailingBackend.calls = 0
    FailingTwiceBackend.calls = 0


def expiring(title="Chương trình phối hợp năm 2025", ends_on=dt.date(2025, 6, 20)) -> Agreement:
    agreement = Agreement.objects.create(
        kind="programme", title=title, slug=f"a-{Agreement.objects.count()}", effective_to=ends_on
    )
    for order in range(2):
        AgreementParty.objects.create(agreement=agreement, organization=OrganizationFactory(), order=order)
    return agreement_transition(agreement=agreement, to="in_force", by=None)


def secretary(email="thuky@example.vn") -> User:
    user = User.objects.create_user(f"thuky{User.objects.count()}", email=email, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_agreement"))
    return user


def test_a_reminder_with_nobody_to_send_it_to_is_undeliverable_not_sent():
    secretary(email="")  # may see agreements, has no address
    agreement = expiring()
    key = f"expiry:{agreement.pk}:2025-06-20"

    report = agreements_daily(today=TODAY)

    assert (report.notices_sent, report.notices_undeliverable, report.notices_failed) == ([], [key], [])
    notice = Notice.objects.get()
    assert (notice.key, notice.status, notice.sent_at, notice.recipients, notice.attempts) == (
        key,
        NoticeStatus.UNDELIVERABLE,
        None,
        "",
        1,
    )
    assert notice.problem == NOBODY
    assert mail.outbox == []


def test_an_undeliverable_reminder_is_sent_by_the_next_run_once_someone_can_receive_it():
    agreement = expiring()
    agreements_daily(today=TODAY)
    again = agreements_daily(today=TODAY)  # still nobody: tried again, still not sent
    assert again.notices_undeliverable == [f"expiry:{agreement.pk}:2025-06-20"]
    secretary()

    report = agreements_daily(today=TODAY + dt.timedelta(days=1))
    last = agreements_daily(today=TODAY + dt.timedelta(days=2))

    assert report.notices_sent == [f"expiry:{agreement.pk}:2025-06-20"]
    assert last.notices_sent == last.notices_undeliverable == []
    notice = Notice.objects.get()
    assert (notice.status, notice.recipients, notice.attempts, notice.problem) == (
        NoticeStatus.SENT,
        "thuky@example.vn",
        3,
        "",
    )
    assert notice.sent_at is not None
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (
            ["thuky@example.vn"],
            "Văn bản phối hợp hết hiệu lực ngày 20/06/2025: Chương trình phối hợp năm 2025",
        )
    ]


def test_a_send_the_mail_server_refuses_is_recorded_as_failed_never_as_sent(settings):
    settings.EMAIL_BACKEND = FAILING
    secretary()
    agreement = expiring()
    key = f"expiry:{agreement.pk}:2025-06-20"

    report = agreements_daily(today=TODAY)

    assert (report.notices_sent, report.notices_undeliverable, report.notices_failed) == ([], [], [key])
    notice = Notice.objects.get()
    assert (notice.status, notice.sent_at, notice.attempts) == (NoticeStatus.FAILED, None, 1)
    assert notice.problem == "Máy chủ thư báo lỗi: SMTPConnectError: (421, 'Service not available')"
    assert FailingBackend.calls == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = agreements_daily(today=TODAY + dt.timedelta(days=1))

    assert later.notices_sent == [key]
    assert Notice.objects.get().status == NoticeStatus.SENT
    assert len(mail.outbox) == 1


def test_the_daily_task_retries_a_failed_send_and_sends_it_once_the_server_answers(
    settings, retries_run_eagerly
):
    settings.EMAIL_BACKEND = FAILING_TWICE
    secretary()
    ends_on = timezone.localdate() + dt.timedelta(days=19)  # the task runs on today's date
    agreement = expiring(ends_on=ends_on)
    key = f"expiry:{agreement.pk}:{ends_on.isoformat()}"

    result = run_daily.apply().get()  # eager: retries run at once

    assert result["notices_sent"] == [key]
    assert result["notices_failed"] == []
    assert FailingTwiceBackend.calls == 3
    notice = Notice.objects.get()
    assert (notice.status, notice.attempts) == (NoticeStatus.SENT, 3)
    assert len(mail.outbox) == 1


def test_the_daily_task_gives_up_after_five_retries_and_leaves_the_reminder_unsent(
    settings, retries_run_eagerly
):
    settings.EMAIL_BACKEND = FAILING
    secretary()
    ends_on = timezone.localdate() + dt.timedelta(days=19)  # the task runs on today's date
    agreement = expiring(ends_on=ends_on)

    result = run_daily.apply().get()

    assert result["notices_sent"] == []
    assert result["notices_failed"] == [f"expiry:{agreement.pk}:{ends_on.isoformat()}"]
    assert FailingBackend.calls == 6
    notice = Notice.objects.get()
    assert (notice.status, notice.attempts, notice.sent_at) == (NoticeStatus.FAILED, 6, None)
    assert [retry_countdown(retries) for retries in range(6)] == [60, 120, 240, 480, 960, 1920]


def test_an_unsent_reminder_no_longer_due_is_withdrawn_and_no_longer_counted():
    agreement = expiring()
    agreements_daily(today=TODAY)
    agreement.effective_to = dt.date(2026, 6, 30)  # renewed before anyone was told
    agreement.save()

    report = agreements_daily(today=TODAY + dt.timedelta(days=1))

    assert report.notices_withdrawn == [f"expiry:{agreement.pk}:2025-06-20"]
    assert Notice.objects.get().status == NoticeStatus.WITHDRAWN
    assert unsent_count(True) == 0


def test_healthz_is_degraded_with_the_count_of_unsent_reminders_and_reads_no_database(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    expiring(title="Một")
    expiring(title="Hai", ends_on=dt.date(2025, 6, 25))
    agreements_daily(today=TODAY)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "broker": "eager", "reminders_unsent": 2}
    assert len(queries) == 0

    secretary()
    agreements_daily(today=TODAY)

    assert client.get("/healthz").json() == {"status": "ok", "broker": "eager"}


def test_the_admin_counts_from_the_database_when_the_cache_was_emptied():
    expiring()
    agreements_daily(today=TODAY)
    cache.clear()

    assert unsent_count(False) == 0  # /healthz cannot tell until the job or the admin runs
    assert unsent_count(True) == 1
    assert unsent_count(False) == 1
    assert unsent_message(2) == (
        "2 lời nhắc về văn bản phối hợp chưa gửi được (không có người nhận, hoặc máy chủ thư báo lỗi): "
        "tác vụ hằng ngày sẽ gửi ở lần chạy tới."
    )


def test_the_dashboard_lists_the_unsent_reminders_with_why(client):
    agreement = expiring()
    agreements_daily(today=TODAY)
    staff = secretary(email="")
    client.force_login(staff)

    response = client.get(admin_url(Agreement, "dashboard"))

    assert response.status_code == 200
    assert response.context["figures"].reminders_unsent == 1
    content = response.content.decode()
    assert '<a href="#reminders-unsent" id="figure-reminders-unsent">1</a>' in content
    assert '<th scope="col">Văn bản phối hợp</th>' in content
    change = admin_url(Agreement, "change", agreement.pk)
    assert f'<th scope="row"><a href="{change}">Chương trình phối hợp năm 2025</a></th>' in content
    assert "<td>Văn bản hết hiệu lực 20/06/2025</td>" in content
    assert "<td>Không gửi được: không có người nhận</td>" in content
    assert f"<td>{NOBODY}</td>" in content


def test_the_admin_index_warns_of_unsent_reminders_to_who_may_see_agreements(client):
    expiring()
    agreements_daily(today=TODAY)
    staff = secretary(email="")
    client.force_login(staff)

    content = client.get("/admin/").content.decode()

    assert "1 lời nhắc về văn bản phối hợp chưa gửi được" in content
    assert admin_url(Agreement, "dashboard") in content


def test_reminders_recorded_as_sent_to_nobody_before_are_sent_after_the_migration():
    """0004 turns the reminders recorded as sent with no recipient into undeliverable ones."""
    from importlib import import_module

    from django.apps import apps

    agreement = expiring()
    earlier = timezone.now() - dt.timedelta(days=3)
    Notice.objects.create(key="expiry:x:2025-06-20", agreement=agreement, status="pending", sent_at=earlier)
    Notice.objects.create(
        key="review:y:2025-06-25", agreement=agreement, status="pending", sent_at=earlier, recipients="a@b.vn"
    )

    import_module("agreements.migrations.0004_reminders_never_lost").sort_earlier_reminders(apps, None)

    assert list(Notice.objects.order_by("key").values_list("key", "status", "sent_at", "attempts")) == [
        ("expiry:x:2025-06-20", "undeliverable", None, 1),
        ("review:y:2025-06-25", "sent", earlier, 1),
    ]


def test_a_milestone_key_names_what_it_reminds_of():
    notice = Notice(key="review:12:2025-06-20")
    assert (str(notice.about), notice.due_on) == ("hạn sơ kết, tổng kết", dt.date(2025, 6, 20))
    assert Notice(key="odd").due_on is None
