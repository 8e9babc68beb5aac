"""Summary jobs: started, run by a worker, followed by the progress bar, retried, swept, scheduled."""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.utils import timezone

from events.models import Event
from portal.celery import app
from portal.lib.periods import Period
from reports.models import Summary, SummaryJob, SummaryJobStatus, SummaryRow
from reports.scopes import Scope
from reports.services import summaries as services
from reports.services import (
    summary_assemble,
    summary_job_progress,
    summary_job_retry,
    summary_job_start,
    summary_jobs_resume_stalled,
    summary_jobs_start_for_periods_ended,
)
from reports.tasks import assemble_period_summaries, assemble_summary, backoff
from tests.committees.factories import OrganizationFactory, RegionFactory, SteeringCommitteeFactory
from tests.events.factories import EventFactory
from tests.portal.test_celery import fire_times

H1_2021 = Period.of_half(2021, 1)


@pytest.fixture
def academy(db):
    academy = OrganizationFactory(name="Học viện Chính trị khu vực II")
    EventFactory(title="Hội nghị sơ kết", host=academy, start_date=dt.date(2021, 5, 13))
    return academy


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Start jobs as a request would: the task is sent when the transaction commits (eagerly here)."""

    def start(**kwargs) -> SummaryJob:
        with django_capture_on_commit_callbacks(execute=True):
            job = summary_job_start(**kwargs)
        job.refresh_from_db()
        return job

    return start


def test_a_started_job_assembles_its_summary_and_shows_it_done(academy, run_on_commit, admin_user):
    job = run_on_commit(scope=Scope.of_organization(academy), period=H1_2021, by=admin_user)

    summary = Summary.objects.get()
    assert (job.status, job.percent, job.attempts, job.summary, job.error) == ("done", 100, 1, summary, "")
    assert job.requested_by == admin_user
    assert summary.assembled_by == admin_user
    assert job.finished_at is not None
    assert job.finished_at == job.heartbeat_at
    assert summary_job_progress(job) == {
        "status": "done",
        "stage": "Đã tổng hợp xong",
        "percent": 100,
        "summary_id": summary.pk,
        "error": "",
    }


def test_progress_is_published_stage_by_stage_while_the_transaction_is_open(
    academy, run_on_commit, monkeypatch
):
    seen = []
    publish = services._publish

    def spy(job_id, state):
        seen.append((state["status"], state["stage"], state["percent"], Summary.objects.count()))
        publish(job_id, state)

    monkeypatch.setattr(services, "_publish", spy)

    run_on_commit(scope=Scope.of_organization(academy), period=H1_2021, by=None)

    stages = [stage for _status, stage, _percent, _count in seen]
    assert stages[0] == "Bắt đầu tổng hợp"
    assert stages[-1] == "Đã tổng hợp xong"
    for stage in (
        "Đang tính các chỉ tiêu",
        "Đang lập danh sách sự kiện",
        "Đang lập danh sách tin bài",
        "Đang lưu bản tổng hợp",
    ):
        assert stage in stages
    percents = [percent for _status, _stage, percent, _count in seen]
    assert percents == sorted(percents)
    assert (percents[0], percents[-2], percents[-1]) == (0, 99, 100)
    assert {status for status, *_rest in seen[:-1]} == {"running"}


def test_the_progress_bar_reads_a_running_jobs_progress_from_the_cache(academy):
    job = SummaryJob.objects.create(
        **Scope.of_organization(academy).as_fields(),
        period_kind="half",
        period_start=H1_2021.start,
        period_end=H1_2021.end,
        status=SummaryJobStatus.RUNNING,
    )
    services._publish(
        job.pk,
        {
            "status": "running",
            "stage": "Đang lập danh sách sự kiện",
            "percent": 42,
            "summary_id": None,
            "error": "",
        },
    )

    assert summary_job_progress(job) == {
        "status": "running",
        "stage": "Đang lập danh sách sự kiện",
        "percent": 42,
        "summary_id": None,
        "error": "",
    }
    cache.clear()
    assert summary_job_progress(job)["percent"] == 0


def test_a_cache_that_is_down_delays_the_progress_bar_not_the_job(academy, run_on_commit, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(cache, "set", down)
    monkeypatch.setattr(cache, "get", down)

    job = run_on_commit(scope=Scope.of_organization(academy), period=H1_2021, by=None)

    assert (job.status, job.summary) == ("done", Summary.objects.get())
    assert summary_job_progress(job)["status"] == "done"


def test_starting_validates_the_period_and_the_scope_and_saves_nothing_otherwise(db):
    region = RegionFactory()
    cases = [
        (
            Scope.of_organization(987_654),
            H1_2021,
            {"organization": ["Đơn vị này không tồn tại (hoặc đã bị xóa)."]},
        ),
        (
            Scope.of_region(region.pk + 1),
            H1_2021,
            {"region": ["Khu vực này không tồn tại (hoặc đã bị xóa)."]},
        ),
    ]
    for scope, period, errors in cases:
        with pytest.raises(ValidationError) as error:
            summary_job_start(scope=scope, period=period, by=None)
        assert error.value.message_dict == errors
    with pytest.raises(ValidationError) as error:
        summary_job_start(
            scope=Scope.system(), period=Period("custom", dt.date(2021, 7, 1), dt.date(2021, 6, 30)), by=None
        )
    assert error.value.messages == ["Kỳ bắt đầu ngày 01/07/2021, sau ngày kết thúc 30/06/2021."]
    assert SummaryJob.objects.count() == 0


def test_a_job_still_waiting_for_the_same_scope_and_period_is_not_doubled(academy):
    first = summary_job_start(scope=Scope.of_organization(academy), period=H1_2021, by=None)
    again = summary_job_start(scope=Scope.of_organization(academy), period=H1_2021, by=None)
    other = summary_job_start(scope=Scope.of_organization(academy), period=Period.of_year(2021), by=None)

    assert again.pk == first.pk
    assert other.pk != first.pk
    assert (first.status, first.stage) == ("queued", "Đang chờ xử lý")


def test_a_job_delivered_twice_assembles_once(academy):
    job = summary_job_start(scope=Scope.system(), period=H1_2021, by=None)

    first = assemble_summary.delay(job.pk).get()
    second = assemble_summary.delay(job.pk).get()

    assert first == Summary.objects.get().pk
    assert second is None
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 1)


def test_a_database_failure_is_recorded_and_retried_with_backoff(academy, monkeypatch):
    assemble, calls, states = services.summary_assemble, [], []

    def flaky(**kwargs):
        calls.append(1)
        job = SummaryJob.objects.get()
        states.append((job.status, job.attempts, job.error, job.stage))
        if len(calls) < 3:
            raise OperationalError("the database went away")
        return assemble(**kwargs)

    monkeypatch.setattr(services, "summary_assemble", flaky)
    retry_eagerly(monkeypatch)
    job = summary_job_start(scope=Scope.of_organization(academy), period=H1_2021, by=None)

    assert assemble_summary.delay(job.pk).get() == Summary.objects.get().pk

    # Each attempt saw the one before it recorded on the job.
    assert states == [
        ("running", 1, "", "Bắt đầu tổng hợp"),
        ("running", 2, "", "Bắt đầu tổng hợp"),
        ("running", 3, "", "Bắt đầu tổng hợp"),
    ]
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == ("done", 3, "")
    assert [backoff(retries) for retries in range(5)] == [10, 20, 40, 80, 160]


def test_a_failure_waiting_for_its_retry_shows_its_error(academy, monkeypatch):
    monkeypatch.setattr(services, "summary_assemble", _raise(OperationalError("the database went away")))
    monkeypatch.setattr(assemble_summary, "retry", _no_retry)
    job = summary_job_start(scope=Scope.of_organization(academy), period=H1_2021, by=None)

    with pytest.raises(_Retried):
        assemble_summary.delay(job.pk).get()

    job.refresh_from_db()
    assert job.status == "queued"
    assert job.error == "OperationalError: the database went away"
    assert job.stage == "Tổng hợp không thành công; sẽ thử lại sau 10 giây"
    # The sweep leaves it to its retry until then.
    assert job.heartbeat_at > timezone.now() + dt.timedelta(seconds=5)
    assert summary_job_progress(job)["error"] == "OperationalError: the database went away"


def test_the_last_retry_marks_the_job_failed_with_the_error_shown(academy, monkeypatch):
    monkeypatch.setattr(services, "summary_assemble", _raise(OperationalError("the database went away")))
    retry_eagerly(monkeypatch)
    job = summary_job_start(scope=Scope.of_organization(academy), period=H1_2021, by=None)

    with pytest.raises(OperationalError):
        assemble_summary.delay(job.pk).get()

    job.refresh_from_db()
    assert (job.status, job.attempts) == ("failed", 6)
    assert job.error == "OperationalError: the database went away"
    assert job.stage == "Tổng hợp không thành công"
    assert summary_job_progress(job) == {
        "status": "failed",
        "stage": "Tổng hợp không thành công",
        "percent": 0,
        "summary_id": None,
        "error": "OperationalError: the database went away",
    }
    assert Summary.objects.count() == 0


def test_an_error_that_would_fail_again_is_not_retried(academy, monkeypatch):
    monkeypatch.setattr(services, "summary_assemble", _raise(ValueError("no such month")))
    job = summary_job_start(scope=Scope.of_organization(academy), period=H1_2021, by=None)

    with pytest.raises(ValueError, match="no such month"):
        assemble_summary.delay(job.pk).get()

    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == ("failed", 1, "ValueError: no such month")


def test_a_failed_job_can_be_tried_again(
    academy, monkeypatch, run_on_commit, django_capture_on_commit_callbacks
):
    assemble = services.summary_assemble
    monkeypatch.setattr(services, "summary_assemble", _raise(ValueError("no such month")))
    run_on_commit(scope=Scope.of_organization(academy), period=H1_2021, by=None)
    job = SummaryJob.objects.get()
    assert (job.status, job.error) == ("failed", "ValueError: no such month")
    monkeypatch.setattr(services, "summary_assemble", assemble)

    with django_capture_on_commit_callbacks(execute=True):
        summary_job_retry(job=job, by=None)

    job.refresh_from_db()
    assert (job.status, job.attempts, job.error, job.summary) == ("done", 2, "", Summary.objects.get())


def test_the_sweep_resumes_jobs_without_progress_for_too_long_and_no_other(academy, settings):
    settings.REPORTS_SUMMARY_STALE_SECONDS = 300
    long_ago = timezone.now() - dt.timedelta(minutes=6)
    scope = Scope.of_organization(academy)
    stalled = _job(scope, H1_2021, status=SummaryJobStatus.RUNNING, heartbeat_at=long_ago, attempts=1)
    never_sent = _job(scope, Period.of_year(2021), status=SummaryJobStatus.QUEUED)
    SummaryJob.objects.filter(pk=never_sent.pk).update(requested_at=long_ago)
    busy = _job(Scope.system(), H1_2021, status=SummaryJobStatus.RUNNING, heartbeat_at=long_ago)
    services._publish(
        busy.pk, {"status": "running", "stage": "…", "percent": 50, "summary_id": None, "error": ""}
    )
    fresh = _job(Scope.system(), Period.of_year(2021), status=SummaryJobStatus.QUEUED)

    resumed = summary_jobs_resume_stalled()

    assert resumed == [never_sent.pk, stalled.pk]  # longest waiting first
    statuses = dict(SummaryJob.objects.values_list("pk", "status"))
    assert statuses == {stalled.pk: "done", never_sent.pk: "done", busy.pk: "running", fresh.pk: "queued"}
    assert SummaryJob.objects.get(pk=stalled.pk).attempts == 2


def test_a_resumed_job_is_not_resumed_again_before_it_stalls_again(academy, settings, monkeypatch):
    from reports import tasks

    settings.REPORTS_SUMMARY_STALE_SECONDS = 300
    sent = []
    monkeypatch.setattr(services, "enqueue", lambda task, *args: sent.append((task.name, *args)))
    job = _job(Scope.system(), H1_2021, status=SummaryJobStatus.RUNNING, attempts=1)
    SummaryJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=6))

    assert summary_jobs_resume_stalled() == [job.pk]
    assert summary_jobs_resume_stalled() == []

    assert sent == [(tasks.assemble_summary.name, job.pk)]
    job.refresh_from_db()
    assert (job.status, job.stage) == ("queued", "Đang chờ xử lý")
    assert summary_job_progress(job)["status"] == "queued"


def test_a_job_running_elsewhere_is_not_taken_over(academy):
    job = _job(
        Scope.system(), H1_2021, status=SummaryJobStatus.RUNNING, heartbeat_at=timezone.now(), attempts=1
    )

    assert assemble_summary.delay(job.pk).get() is None

    job.refresh_from_db()
    assert (job.status, job.attempts) == ("running", 1)
    assert Summary.objects.count() == 0


def test_on_1_july_the_first_half_is_assembled_for_the_system_and_each_committee(db):
    with_committee = SteeringCommitteeFactory(founded_on=dt.date(2019, 1, 1)).organization
    SteeringCommitteeFactory(founded_on=dt.date(2021, 8, 1))  # founded after the half-year
    SteeringCommitteeFactory(dissolved_on=dt.date(2020, 12, 31))
    OrganizationFactory()  # no committee

    jobs = summary_jobs_start_for_periods_ended(today=dt.date(2021, 7, 1))

    assert [(job.scope_kind, job.organization_id, job.period_start, job.period_end) for job in jobs] == [
        ("system", None, dt.date(2021, 1, 1), dt.date(2021, 6, 30)),
        ("organization", with_committee.pk, dt.date(2021, 1, 1), dt.date(2021, 6, 30)),
    ]
    assert {job.period_kind for job in jobs} == {"half"}


def test_on_1_january_the_second_half_and_the_year_are_assembled(db):
    organization = SteeringCommitteeFactory().organization

    jobs = summary_jobs_start_for_periods_ended(today=dt.date(2022, 1, 1))

    assert [(job.organization_id, job.period_kind, job.period_start, job.period_end) for job in jobs] == [
        (None, "half", dt.date(2021, 7, 1), dt.date(2021, 12, 31)),
        (organization.pk, "half", dt.date(2021, 7, 1), dt.date(2021, 12, 31)),
        (None, "year", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        (organization.pk, "year", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
    ]


def test_the_period_task_runs_the_jobs_of_today_in_hanoi(db, monkeypatch, django_capture_on_commit_callbacks):
    SteeringCommitteeFactory()
    # 17:30 UTC on 30 June is already 1 July in Hà Nội.
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2021, 6, 30, 17, 30, tzinfo=dt.UTC))

    with django_capture_on_commit_callbacks(execute=True):
        job_ids = assemble_period_summaries.delay().get()

    assert len(job_ids) == 2
    assert set(SummaryJob.objects.values_list("period_start", "period_end", "status")) == {
        (dt.date(2021, 1, 1), dt.date(2021, 6, 30), "done")
    }
    assert Summary.objects.count() == 2


@pytest.mark.parametrize(
    ("day", "times"),
    [
        (dt.date(2027, 1, 1), ["01:00"]),
        (dt.date(2027, 7, 1), ["01:00"]),
        (dt.date(2027, 1, 2), []),
        (dt.date(2027, 2, 1), []),
        (dt.date(2027, 6, 30), []),
        (dt.date(2027, 12, 31), []),
    ],
)
def test_the_period_summaries_are_scheduled_on_1_january_and_1_july_only(day, times):
    [entry] = [
        entry for entry in app.conf.beat_schedule.values() if entry["task"] == assemble_period_summaries.name
    ]

    assert fire_times(entry["schedule"], day) == times


def test_the_sweep_is_scheduled_every_five_minutes():
    [entry] = [
        entry
        for entry in app.conf.beat_schedule.values()
        if entry["task"] == "reports.resume_stalled_summaries"
    ]

    assert fire_times(entry["schedule"], dt.date(2027, 3, 2))[:3] == ["00:00", "00:05", "00:10"]
    assert len(fire_times(entry["schedule"], dt.date(2027, 3, 2))) == 24 * 12


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_job_runs_through_a_real_worker_on_redis(redis_worker):
    academy = OrganizationFactory(name="Học viện Chính trị khu vực II")
    EventFactory(title="Hội nghị sơ kết", host=academy, start_date=dt.date(2021, 5, 13))

    job = summary_job_start(scope=Scope.of_organization(academy), period=H1_2021, by=None)

    job = _wait_for(job, {"done", "failed"}, seconds=30)
    summary = Summary.objects.get()
    assert (job.status, job.summary_id, job.attempts) == ("done", summary.pk, 1)
    assert summary.snapshot["counts"]["events"] == 1
    assert summary.rows.get().data["title"] == "Hội nghị sơ kết"


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_assembling_leaves_nothing_and_the_sweep_completes_the_job(worker_processes):
    """A real worker process assembles a summary row by row (chunks of one); it is killed with
    SIGKILL mid-way. Nothing of the summary is left; the sweep queues the job again and a new
    worker completes it: one summary, every row, the job done at its second attempt."""
    academy = OrganizationFactory(name="Học viện Chính trị khu vực II")
    # Enough rows to catch the worker in the middle: made in bulk (no service makes 1,500 events at once).
    Event.objects.bulk_create(
        Event(
            title=f"Hội nghị {number:03d}",
            slug=f"hoi-nghi-{number}",
            kind="conference",
            start_date=dt.date(2021, 1 + number % 6, 1 + number % 28),
            host=academy,
        )
        for number in range(1500)
    )
    first = worker_processes.start()
    job = summary_job_start(scope=Scope.of_organization(academy), period=H1_2021, by=None)

    progress = _wait_for_progress(job, percent=35, seconds=60)
    assert (progress["status"], progress["stage"]) == ("running", "Đang lập danh sách sự kiện")
    assert Summary.objects.count() == 0  # its transaction is open: nothing is visible yet
    worker_processes.kill(first)

    job.refresh_from_db()
    assert (job.status, job.attempts) == ("running", 1)
    assert (Summary.objects.count(), SummaryRow.objects.count()) == (0, 0)
    time.sleep(settings.REPORTS_SUMMARY_STALE_SECONDS + 0.5)
    assert summary_jobs_resume_stalled() == [job.pk]
    worker_processes.start()

    job = _wait_for(job, {"done", "failed"}, seconds=120)
    summary = Summary.objects.get()
    assert (job.status, job.attempts, job.summary_id, job.error) == ("done", 2, summary.pk, "")
    assert summary.rows.count() == 1500
    assert list(summary.rows.order_by("position").values_list("position", flat=True)) == list(range(1500))
    assert summary.snapshot["counts"]["events"] == 1500
    # What the second worker made is what assembling here makes: the same summary, not another.
    assert summary_assemble(scope=Scope.of_organization(academy), period=H1_2021, by=None).pk == summary.pk


# --- helpers ---------------------------------------------------------------------------


def retry_eagerly(monkeypatch):
    """Eager tasks retry in place only when their errors are not propagated at once (as the
    suite's setting has them): then a retry runs the task again before `delay` returns."""
    monkeypatch.setitem(app.conf, "task_eager_propagates", False)


class _Retried(Exception):
    pass


def _no_retry(*args, **kwargs):
    return _Retried()


def _raise(error: Exception):
    def fail(**kwargs):
        raise error

    return fail


def _job(scope: Scope, period: Period, **fields) -> SummaryJob:
    return SummaryJob.objects.create(
        **scope.as_fields(),
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        **fields,
    )


def _wait_for_progress(job: SummaryJob, *, percent: int, seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        progress = summary_job_progress(job)
        if progress["status"] == "running" and progress["percent"] >= percent:
            return progress
        time.sleep(0.02)
    pytest.fail(f"the job did not reach {percent}% in {seconds} s: {summary_job_progress(job)}")


@dataclass
class WorkerProcesses:
    """Celery workers as separate processes (`celery -A portal worker`) on the test database
    and the test broker, each killed at the end if still alive."""

    environ: dict[str, str]
    logs: Path
    running: list[subprocess.Popen] = field(default_factory=list)

    def start(self) -> subprocess.Popen:
        log = (self.logs / f"worker-{len(self.running)}.log").open("wb")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            env=self.environ,
            cwd=settings.BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.running.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.running:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


@pytest.fixture
def worker_processes(transactional_db, settings, tmp_path):
    """Worker processes sharing this test's database (PostgreSQL: committed data) and broker;
    this process reads their progress from the same Redis cache. A job is stalled after 1 s."""
    from django.db import connection

    from tests.conftest import _forget_connections, _reachable, broker_url

    if connection.vendor != "postgresql":
        pytest.skip("A worker process can share the test database only on PostgreSQL (DATABASE_URL).")
    url = broker_url()
    if not _reachable(url):
        if os.environ.get("CI"):
            pytest.fail(f"No Redis broker at {url}: on CI the real-worker tests must run.")
        pytest.skip(f"No Redis broker reachable at {url}.")
    database = connection.settings_dict
    environ = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{quote(database['USER'] or '')}:{quote(database['PASSWORD'] or '')}"
            f"@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{quote(database['NAME'])}"
        ),
        "REDIS_URL": url,
        "REPORTS_SUMMARY_CHUNK_SIZE": "1",
        "REPORTS_SUMMARY_STALE_SECONDS": "1",
    }
    settings.REPORTS_SUMMARY_STALE_SECONDS = 1
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "bcd35",
        }
    }
    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
    _forget_connections()
    _purge(url)
    workers = WorkerProcesses(environ, tmp_path)
    try:
        yield workers
    finally:
        workers.stop_all()
        _purge(url)  # the killed worker's unacknowledged message would come back in an hour
        app.conf.update(saved)
        _forget_connections()
        for number, _process in enumerate(workers.running):
            print((tmp_path / f"worker-{number}.log").read_text()[-3000:])


def _purge(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    client.delete("celery", "unacked", "unacked_index", "unacked_mutex")


def _wait_for(job: SummaryJob, statuses: set[str], *, seconds: float) -> SummaryJob:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in statuses:
            return job
        time.sleep(0.1)
    pytest.fail(f"the job is still {job.status} ({job.stage}, {job.percent}%) after {seconds} s")
