"""`make run` (portal/run.py): the development server and a Celery worker with beat, on the embedded
broker (a folder) when REDIS_URL is not set, started and stopped together (issue 14, point 3)."""

import json
import os
import re
import runpy
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from celery import Celery
from django.core.exceptions import ImproperlyConfigured

from portal import run

BASE_DIR = Path(__file__).resolve().parents[2]
SETTINGS_FILE = BASE_DIR / "portal" / "settings.py"
WORKER_FLAGS = ["--concurrency", "1", "--loglevel", "INFO", "--without-mingle", "--without-gossip"]


def load_settings(monkeypatch, **env):
    for name in ("REDIS_URL", "EMBEDDED_JOBS_DIR", "DEBUG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def child_env(tmp_path: Path, **extra) -> dict[str, str]:
    """The environment of a process started by a test: the embedded demo on a database of its own."""
    env = {name: value for name, value in os.environ.items() if name not in {"REDIS_URL", "DATABASE_URL"}}
    return env | {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PYTHONUNBUFFERED": "1"} | extra


def client_app(jobs_dir: Path) -> Celery:
    """A Celery client on the embedded broker in `jobs_dir`, as the web process sends to it."""
    queue = str(jobs_dir / "broker" / "queue")
    return Celery(
        set_as_current=False,  # else the tasks of the tests that follow would be sent through it
        broker="filesystem://",
        broker_transport="portal.folder_broker:Transport",  # as settings.CELERY_BROKER_TRANSPORT
        broker_transport_options={
            "data_folder_in": queue,
            "data_folder_out": queue,
            "control_folder": str(jobs_dir / "broker" / "control"),
        },
    )


def wait_for(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.2)
    pytest.fail(f"Not within {seconds} s: {what}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def processes_with(variable: str) -> list[int]:
    """The processes whose environment holds `variable` exactly (NAME=value), this test's children."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if variable.encode() in environ:
            found.append(int(entry.name))
    return found


def test_without_redis_the_launcher_points_both_processes_at_the_jobs_folder(tmp_path):
    env = run.jobs_environment({"PATH": "/bin"}, tmp_path / "var")

    assert env == {"PATH": "/bin", "EMBEDDED_JOBS_DIR": str(tmp_path / "var")}
    assert run.jobs_environment({"REDIS_URL": "redis://r:6379/0"}, tmp_path) == {
        "REDIS_URL": "redis://r:6379/0"
    }
    assert run.jobs_environment({"EMBEDDED_JOBS_DIR": "/srv/jobs"}, tmp_path) == {
        "EMBEDDED_JOBS_DIR": "/srv/jobs"
    }


def test_the_jobs_folder_gets_its_broker_folders_and_an_empty_cache(tmp_path):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "stale.djcache").write_text("a page of an earlier session")

    run.prepare_jobs_dir(tmp_path)

    assert sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*")) == [
        "broker",
        "broker/control",
        "broker/queue",
    ]


def test_a_message_left_half_written_goes_and_a_waiting_one_stays(tmp_path):
    queue = tmp_path / "broker" / "queue"
    queue.mkdir(parents=True)
    (queue / "00000000000000000001_a.celery.msg").write_text('{"body": "waiting"}')
    (queue / "00000000000000000002_b.celery.msg.partial").write_text('{"bo')

    run.prepare_jobs_dir(tmp_path)

    assert [path.name for path in queue.iterdir()] == ["00000000000000000001_a.celery.msg"]


def test_the_worker_runs_beat_with_it():
    command = run.worker_command("python")
    assert command[:5] == ["python", "-m", "celery", "--app", "portal"]
    assert command[5:7] == ["worker", "--beat"]


def test_the_embedded_jobs_folder_gives_a_filesystem_broker_a_shared_cache_and_no_eager_tasks(
    monkeypatch, tmp_path
):
    conf = load_settings(monkeypatch, EMBEDDED_JOBS_DIR=str(tmp_path))

    assert conf["CELERY_TASK_ALWAYS_EAGER"] is False
    assert conf["CELERY_BROKER_URL"] == "filesystem://"
    assert conf["CELERY_BROKER_TRANSPORT"] == "portal.folder_broker:Transport"
    assert conf["CELERY_RESULT_BACKEND"] is None
    options = conf["CELERY_BROKER_TRANSPORT_OPTIONS"]
    assert options["data_folder_in"] == options["data_folder_out"] == str(tmp_path / "broker" / "queue")
    assert options["control_folder"] == str(tmp_path / "broker" / "control")
    assert conf["CELERY_BEAT_SCHEDULE_FILENAME"] == str(tmp_path / "celerybeat-schedule")
    assert conf["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert conf["CACHES"]["default"]["LOCATION"] == str(tmp_path / "cache")


def test_redis_and_the_embedded_folder_together_are_refused(monkeypatch, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL or EMBEDDED_JOBS_DIR, not both"):
        load_settings(monkeypatch, EMBEDDED_JOBS_DIR=str(tmp_path), REDIS_URL="redis://r:6379/0")


def test_without_either_tasks_run_eagerly_as_the_tests_and_one_off_commands_expect(monkeypatch):
    conf = load_settings(monkeypatch)

    assert conf["CELERY_TASK_ALWAYS_EAGER"] is True
    assert conf["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_a_worker_with_beat_on_the_folder_broker_runs_scheduled_and_sent_tasks(tmp_path):
    jobs = tmp_path / "var"
    run.prepare_jobs_dir(jobs)
    # The real app, with one schedule more: a ping every second (the real ones wait for a minute).
    start = (
        "import sys; from portal.celery import app; "
        "app.conf.beat_schedule = {'ping-every-second': {'task': 'portal.ping', 'schedule': 1.0}}; "
        "app.worker_main(['worker', '--beat', *sys.argv[1:]])"
    )
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        worker = subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", start, *WORKER_FLAGS],
            cwd=BASE_DIR,
            env=child_env(tmp_path, EMBEDDED_JOBS_DIR=str(jobs)),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for(lambda: "Sending due task ping-every-second" in log.read_text(), 30, "beat sends the ping")
        wait_for(
            lambda: re.search(r"portal\.ping\[[-0-9a-f]+\] succeeded in [0-9.e-]+s: 'pong'", log.read_text()),
            30,
            "the worker runs it",
        )
        sent = client_app(jobs).send_task("portal.ping")
        wait_for(
            lambda: f"portal.ping[{sent.id}] succeeded" in log.read_text(),
            30,
            "the worker runs a task sent to the folder",
        )
        assert (jobs / "celerybeat-schedule").exists() or list(jobs.glob("celerybeat-schedule*"))
    finally:
        run.stop(worker, seconds=15)
    assert worker.returncode == 0, log.read_text()[-2000:]


def test_make_run_serves_runs_the_jobs_and_stops_both_on_ctrl_c(tmp_path):
    jobs, port = tmp_path / "var", free_port()
    log = tmp_path / "run.log"
    with log.open("w") as out:
        launcher = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "portal.run", "--port", str(port), "--jobs-dir", str(jobs)],
            cwd=BASE_DIR,
            env=child_env(tmp_path),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    marker = f"EMBEDDED_JOBS_DIR={jobs.resolve()}"
    try:

        def health():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:  # noqa: S310
                    return json.loads(response.read())
            except OSError:
                return None

        assert wait_for(health, 60, "the server answers") == {"status": "ok", "broker": "ok"}
        wait_for(
            lambda: "celery@" in log.read_text() and " ready." in log.read_text(), 60, "the worker is ready"
        )
        assert "beat: Starting..." in log.read_text()
        sent = client_app(jobs).send_task("portal.ping")
        wait_for(lambda: f"[{sent.id}] succeeded" in log.read_text(), 30, "the worker runs a task")
        assert len(processes_with(marker)) >= 3  # the worker (and its pool), runserver and its child

        launcher.send_signal(signal.SIGINT)
        assert launcher.wait(40) == 0
    finally:
        if launcher.poll() is None:
            launcher.kill()
    assert health() is None
    assert processes_with(marker) == []
    assert "Warm shutdown" in log.read_text()


def test_healthz_says_whether_the_folder_broker_can_be_written(client, settings, tmp_path):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_out": str(tmp_path / "queue")}

    missing = client.get("/healthz")
    (tmp_path / "queue").mkdir()
    present = client.get("/healthz")

    assert (missing.status_code, missing.json()) == (200, {"status": "degraded", "broker": "unreachable"})
    assert (present.status_code, present.json()) == (200, {"status": "ok", "broker": "ok"})


def test_when_one_process_ends_the_launcher_stops_the_other_and_exits_with_its_code(tmp_path):
    """E.g. runserver refusing a port already taken: no worker is left running without a server."""
    marker = f"RUN_TEST_MARK={tmp_path}"
    env = dict(os.environ, RUN_TEST_MARK=str(tmp_path))
    started = time.monotonic()

    code = run.supervise([["sleep", "60"], [sys.executable, "-c", "raise SystemExit(3)"]], env, poll=0.1)

    assert code == 3
    assert time.monotonic() - started < 20
    assert processes_with(marker) == []
