"""Summary jobs through real workers on Redis: a worker thread, and worker processes, one of
them killed with SIGKILL in the middle of an assembly (CI runs these on PostgreSQL)."""

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

from events.models import Event, EventStatus
from portal.celery import app
from portal.lib.periods import Period
from reports.models import Summary, SummaryJob, SummaryRow
from reports.scopes import Scope
from reports.services import (
    summary_assemble,
    summary_job_progress,
    summary_job_start,
    summary_jobs_resume_stalled,
)
from tests.committees.factories import OrganizationFactory
from tests.events.factories import EventFactory

H1_2021 = Period.of_half(2021, 1)


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
            status=EventStatus.PUBLISHED,  # summaries count published events only
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
