"""`make run`: the development server and the Celery worker with beat, started and stopped together.

    python -m portal.run [--host 127.0.0.1] [--port 8000] [--jobs-dir var]

The periodic jobs (CELERY_BEAT_SCHEDULE) and the work the pages queue (renditions, summaries,
reminders) then run as in production. Without REDIS_URL nothing is needed beyond Python: the
worker and the web process share `--jobs-dir` (EMBEDDED_JOBS_DIR, default ./var), which holds
kombu's filesystem broker, the file-based cache and beat's schedule (portal/settings.py). With
REDIS_URL the worker uses Redis.

Both run in process groups of their own; Ctrl-C (or SIGTERM) stops both — the worker warmly,
finishing the task in hand — and so does either one ending, so no worker outlives its server.
The worker does not reload on code changes as runserver does: restart `make run` after changing
a task.
"""

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from portal.folder_broker import PARTIAL_SUFFIX

BASE_DIR = Path(__file__).resolve().parent.parent
# How long the worker may take to finish its task and stop before it is killed.
STOP_SECONDS = 20


def jobs_environment(environ: dict[str, str], jobs_dir: Path) -> dict[str, str]:
    """The environment of both processes: EMBEDDED_JOBS_DIR set to `jobs_dir` unless REDIS_URL
    (or EMBEDDED_JOBS_DIR itself) is already set."""
    env = dict(environ)
    if not env.get("REDIS_URL") and not env.get("EMBEDDED_JOBS_DIR"):
        env["EMBEDDED_JOBS_DIR"] = str(jobs_dir.resolve())
    return env


def prepare_jobs_dir(jobs_dir: Path) -> None:
    """Make the broker's folders, and empty the cache of an earlier session: records may have
    changed since (migrations, the demo loader) without that cache being told. A message a
    process was writing when it was killed stays half-written under its partial name: removed."""
    for folder in ("broker/queue", "broker/control"):
        (jobs_dir / folder).mkdir(parents=True, exist_ok=True)
    shutil.rmtree(jobs_dir / "cache", ignore_errors=True)
    for partial in (jobs_dir / "broker" / "queue").glob(f"*{PARTIAL_SUFFIX}"):
        partial.unlink(missing_ok=True)


def worker_command(python: str = sys.executable) -> list[str]:
    """A worker with beat embedded. One process at a time: the demo's SQLite takes one writer."""
    return [
        python,
        "-m",
        "celery",
        "--app",
        "portal",
        "worker",
        "--beat",
        "--concurrency",
        "1",
        "--loglevel",
        "INFO",
        "--without-mingle",
        "--without-gossip",
    ]


def server_command(host: str, port: int, python: str = sys.executable) -> list[str]:
    return [python, str(BASE_DIR / "manage.py"), "runserver", f"{host}:{port}"]


def stop(process: subprocess.Popen, seconds: float = STOP_SECONDS) -> None:
    """SIGTERM to the process (the worker's warm shutdown, which stops its pool and beat), then
    to what is left of its group (runserver's reloaded child), then SIGKILL to the group if
    anything is still there after `seconds`."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(seconds)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break  # the whole group is gone
        deadline = time.monotonic() + (seconds if sig == signal.SIGTERM else 0)
        while time.monotonic() < deadline and _group_alive(process.pid):
            time.sleep(0.1)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(1)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def supervise(commands: Sequence[Sequence[str]], env: dict[str, str], *, poll: float = 0.5) -> int:
    """Start `commands`, each in a process group of its own; when one ends, or on SIGINT/SIGTERM,
    stop them all, the last started first. The exit code: the first to end's, or 0 when asked to stop."""
    stopping: list[int] = []

    def ask_to_stop(signum, frame):
        stopping.append(signum)

    previous = {sig: signal.signal(sig, ask_to_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    processes: list[subprocess.Popen] = []
    code = 0
    try:
        for command in commands:
            processes.append(subprocess.Popen(command, env=env, cwd=BASE_DIR, start_new_session=True))  # noqa: S603
        while not stopping:
            ended = [process for process in processes if process.poll() is not None]
            if ended:
                code = ended[0].returncode or 0
                command = " ".join(str(part) for part in ended[0].args)
                print(f"Ended with code {code}: {command}; stopping the others.", file=sys.stderr)
                break
            time.sleep(poll)
    finally:
        for process in reversed(processes):
            stop(process)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--jobs-dir",
        type=Path,
        default=BASE_DIR / "var",
        help="broker, cache and beat schedule without Redis",
    )
    args = parser.parse_args(argv)
    env = jobs_environment(dict(os.environ), args.jobs_dir)
    if env.get("EMBEDDED_JOBS_DIR"):
        prepare_jobs_dir(Path(env["EMBEDDED_JOBS_DIR"]))
        where = f"the folder {env['EMBEDDED_JOBS_DIR']}"
    else:
        where = "Redis"
    print(
        f"Web server on http://{args.host}:{args.port}/ and a Celery worker with beat on {where}; "
        "Ctrl-C stops both."
    )
    return supervise([worker_command(), server_command(args.host, args.port)], env)


if __name__ == "__main__":
    sys.exit(main())
