"""The production stack on this machine: gunicorns behind nginx, with the repo's nginx templates.

`Stack.start()` makes a fresh database (PostgreSQL when reachable), migrates it, collects the
static files, creates the accounts and rows the tests post forms with, makes a self-signed
certificate, renders deploy/nginx/ the way the official nginx image does, and starts
`instances` gunicorns with production settings and nginx in front of them on free ports, all
in the upstream of the site template.

Two shapes, as the README documents them:
- one machine (the default): the gunicorns share the media folder, which nginx serves, and
  tasks run in the web process (no Redis);
- several machines (`redis_url` and `bucket` given): media in a bucket of the S3-compatible test
  server (tests/s3.py) served through deploy/nginx/media-s3/, the cache and the task queue in
  Redis, a Celery worker making the renditions; each process has a MEDIA_ROOT of its own, which
  nothing may write to.
`Stack.stop()` always stops every process and removes everything it made.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tests.deploy.browser import Answer, Browser
from tests.s3 import Bucket

ROOT = Path(__file__).resolve().parents[2]
NGINX_DIR = ROOT / "deploy" / "nginx"
SITE_TEMPLATE = NGINX_DIR / "templates" / "bcd35.conf.template"
MEDIA_DOMAIN_TEMPLATE = NGINX_DIR / "media-domain" / "bcd35-media.conf.template"
MEDIA_S3_TEMPLATE = NGINX_DIR / "media-s3" / "bcd35-media-s3.conf.template"
MEDIA_HOST = "media.localhost"
HOST = "127.0.0.1"
STAFF_USERNAME = "thu-ky"
LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
# ${BCD35_X} and $BCD35_X, as envsubst reads them (NGINX_ENVSUBST_FILTER=^BCD35_ in docker-compose.yml).
TEMPLATE_VARIABLE = re.compile(r"\$\{(BCD35_[A-Z0-9_]+)\}|\$(BCD35_[A-Z0-9_]+)\b")
# gunicorn's access log shows what nginx passed on.
ACCESS_LOG_FORMAT = (
    '%(h)s "%(r)s" %(s)s host="%({host}i)s" xff="%({x-forwarded-for}i)s" proto="%({x-forwarded-proto}i)s"'
)
# What the official nginx image's /etc/nginx/nginx.conf does, with every path of its own here.
MAIN_CONF = """\
worker_processes 1;
error_log {root}/logs/error.log notice;
events {{
    worker_connections 128;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {root}/logs/access.log;
    sendfile on;
    keepalive_timeout 65;
    client_body_temp_path {root}/temp/body;
    proxy_temp_path {root}/temp/proxy;
    fastcgi_temp_path {root}/temp/fastcgi;
    uwsgi_temp_path {root}/temp/uwsgi;
    scgi_temp_path {root}/temp/scgi;
    include conf.d/*.conf;
}}
"""
# The staff member, of the academy, may enter decisions and events (with the event's photos and documents,
# inlines Django shows only to those who may add them), rename organisations, and nothing else.
STAFF_PERMISSIONS = {
    "events": [
        "add_event",
        "change_event",
        "view_event",
        "publish_event",
        "add_eventphoto",
        "change_eventphoto",
        "view_eventphoto",
        "add_eventdocument",
        "change_eventdocument",
        "view_eventdocument",
    ],
    "committees": [
        "add_decision",
        "change_decision",
        "view_decision",
        "change_organization",
        "view_organization",
        # A spreadsheet of people checked on one gunicorn and imported on the other.
        "view_person",
        "add_person",
        "change_person",
        "import_person",
        "export_person",
    ],
    # The leader's summaries: start one, follow it, read the dashboard and the outputs.
    "reports": ["add_summary", "view_summary", "view_summaryjob"],
}
SETUP_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from committees.models import Organization, OrganizationKind, StaffMembership, SteeringCommittee

academy = Organization.objects.create(
    name="Học viện Chính trị quốc gia Hồ Chí Minh", slug="hoc-vien", kind=OrganizationKind.NATIONAL_ACADEMY
)
committee = SteeringCommittee.objects.create(organization=academy, slug="ban-chi-dao-35-hoc-vien")
staff = get_user_model().objects.create_user(username={username!r}, password={password!r}, is_staff=True)
wanted = Q()
for app_label, codenames in {permissions!r}.items():
    wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
staff.user_permissions.add(*Permission.objects.filter(wanted))
# The academy's staff: its records are theirs to change (portal/scoping.py).
StaffMembership.objects.create(user=staff, organization=academy)
print(json.dumps({{"organization": academy.pk, "committee": committee.pk}}))
"""


def render_template(template: Path, variables: dict[str, str]) -> str:
    """The template as the nginx image renders it: only BCD35_ variables are replaced."""
    text = template.read_text(encoding="utf-8")
    wanted = {first or second for first, second in TEMPLATE_VARIABLE.findall(text)}
    missing = sorted(wanted - set(variables))
    if missing:
        raise KeyError(f"{template.name} needs {', '.join(missing)}")
    return TEMPLATE_VARIABLE.sub(lambda match: variables[match.group(1) or match.group(2)], text)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/sbin/nginx") if os.access(path, os.X_OK)), None
    )


def tail(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return f"({path.name} was not written)"
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


# --- Databases ---------------------------------------------------------------------------------


def postgres_server() -> str:
    """The PostgreSQL server to create the stack's database on: DATABASE_URL's, else the local one."""
    url = os.environ.get("DATABASE_URL", "")
    if urlsplit(url).scheme in {"postgres", "postgresql"}:
        return url
    return LOCAL_POSTGRES


def _with_database(url: str, name: str) -> str:
    return urlsplit(url)._replace(path=f"/{name}").geturl()


def create_postgres_database(server: str) -> str | None:
    """A new database <DATABASE_URL's name>_proxy_<random> (bcd35_proxy_<random> without one) on
    `server`, so runs sharing a server never pick each other's names; None when it cannot be reached."""
    import psycopg

    own = urlsplit(server).path.lstrip("/") if server != LOCAL_POSTGRES else ""
    name = f"{own or 'bcd35'}_proxy_{secrets.token_hex(4)}"
    try:
        with psycopg.connect(_with_database(server, "postgres"), autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return None
    return _with_database(server, name)


def drop_postgres_database(url: str) -> None:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(_with_database(url, "postgres"), autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- The stack ---------------------------------------------------------------------------------


@dataclass
class Stack:
    root: Path
    database_url: str = ""
    instances: int = 2
    redis_url: str = ""
    bucket: Bucket | None = None
    password: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    http_port: int = field(default_factory=free_port)
    https_port: int = field(default_factory=free_port)
    gunicorn_ports: list[int] = field(default_factory=list)
    rows: dict = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    env: dict[str, str] = field(init=False)
    _cleanups: list = field(default_factory=list)

    def __post_init__(self):
        self.gunicorn_ports = self.gunicorn_ports or [free_port() for _ in range(self.instances)]
        self.env = self.environment()

    # Paths of what it made.
    @property
    def media_root(self) -> Path:
        return self.root / "media"

    @property
    def static_root(self) -> Path:
        return self.root / "static"

    @property
    def certificate(self) -> Path:
        return self.root / "tls" / "cert.pem"

    @property
    def nginx_error_log(self) -> Path:
        return self.root / "nginx" / "logs" / "error.log"

    def gunicorn_log(self, instance: int) -> Path:
        return self.root / f"gunicorn-{instance}.log"

    @property
    def worker_log(self) -> Path:
        return self.root / "worker.log"

    @property
    def https_origin(self) -> str:
        return f"https://{HOST}:{self.https_port}"

    @property
    def http_origin(self) -> str:
        return f"http://{HOST}:{self.http_port}"

    @property
    def media_origin(self) -> str:
        """Where the bucket's files are served: the media host on the proxy's HTTPS port."""
        return f"https://{MEDIA_HOST}:{self.https_port}"

    def own_media_root(self, process: str) -> Path:
        """The MEDIA_ROOT of one process when media live in the bucket: it must stay empty."""
        return self.root / f"media-of-{process}"

    def environment(self) -> dict[str, str]:
        """Production settings, as docker-compose.yml gives the web service; without Redis tasks
        run in the web process."""
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUNBUFFERED": "1",  # the logs are read while the processes run
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(45),  # 60 characters
            "ALLOWED_HOSTS": HOST,
            "CSRF_TRUSTED_ORIGINS": self.https_origin,
            "USE_X_FORWARDED_PROTO": "1",
            "SERVE_MEDIA": "0",
            "PROXY_COUNT": "1",
            "MEDIA_ROOT": str(self.media_root),
            "STATIC_ROOT": str(self.static_root),
            "DATABASE_URL": self.database_url,
        }
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        if self.bucket is not None:
            env |= self.bucket.environment(media_url=f"{self.media_origin}/")
        return env

    def process_environment(self, process: str) -> dict[str, str]:
        if self.bucket is None:
            return self.env
        return {**self.env, "MEDIA_ROOT": str(self.own_media_root(process))}

    def files_on_local_disks(self) -> list[str]:
        """Every file any process wrote to its own MEDIA_ROOT (media in a bucket)."""
        return sorted(
            str(path) for path in self.root.glob("media-of-*/**/*") if path.is_file() or path.is_symlink()
        )

    def gunicorn_access_lines(self, marker: str, timeout: float = 5, count: int = 1) -> list[str]:
        """The lines of the gunicorns' logs that contain `marker`, once there are `count` of them
        (a line is written just after its answer)."""
        deadline = time.monotonic() + timeout
        while True:
            lines = [line for lines in self.lines_by_instance(marker) for line in lines]
            if len(lines) >= count or time.monotonic() > deadline:
                return lines
            time.sleep(0.1)

    def lines_by_instance(self, marker: str) -> list[list[str]]:
        """For each gunicorn, the lines of its log that contain `marker`."""
        return [
            [line for line in self.gunicorn_log(instance).read_text().splitlines() if marker in line]
            for instance in range(self.instances)
        ]

    def logs(self) -> str:
        parts = [f"--- nginx error log (tail) ---\n{tail(self.nginx_error_log)}"]
        for instance in range(self.instances):
            parts.append(f"--- gunicorn {instance} log (tail) ---\n{tail(self.gunicorn_log(instance))}")
        if "worker" in self.processes:
            parts.append(f"--- Celery worker log (tail) ---\n{tail(self.worker_log)}")
        return "\n".join(parts)

    def manage(self, *args: str) -> str:
        completed = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.process_environment("manage"),
            capture_output=True,
            text=True,
            timeout=300,
        )
        if completed.returncode != 0:
            raise RuntimeError(
                f"manage.py {' '.join(args[:1])} failed:\n{completed.stdout}\n{completed.stderr}"
            )
        return completed.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code)

    # --- Starting and stopping ---

    @classmethod
    def start(cls, database_url: str, *, on_stop=None, **options) -> Stack:
        root = Path(tempfile.mkdtemp(prefix="bcd35-proxy-"))
        # nginx's workers run as an unprivileged user when the tests run as root: they must
        # read what gunicorn stored, as in production (FILE_UPLOAD_PERMISSIONS).
        root.chmod(0o755)
        stack = cls(root=root, database_url=database_url.replace("{root}", str(root)), **options)
        if on_stop:
            stack._cleanups.append(on_stop)
        try:
            stack._prepare_django()
            stack._make_certificate()
            for instance in range(stack.instances):
                stack._start_gunicorn(instance)
            if stack.redis_url:
                stack._start_worker()
            stack._start_nginx()
        except BaseException:
            stack.stop()
            raise
        return stack

    def _prepare_django(self) -> None:
        if self.bucket is None:
            self.media_root.mkdir()
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        output = self.shell(
            SETUP_SCRIPT.format(
                username=STAFF_USERNAME, password=self.password, permissions=STAFF_PERMISSIONS
            )
        )
        self.rows = json.loads(output.strip().splitlines()[-1])

    def _make_certificate(self) -> None:
        (self.root / "tls").mkdir()
        subprocess.run(  # noqa: S603
            [
                shutil.which("openssl") or "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "2",
                "-subj",
                f"/CN={HOST}",
                "-addext",
                f"subjectAltName=IP:{HOST},DNS:localhost,DNS:{MEDIA_HOST}",
                "-keyout",
                str(self.root / "tls" / "key.pem"),
                "-out",
                str(self.certificate),
            ],  # fmt: skip
            check=True,
            capture_output=True,
            timeout=60,
        )

    def _start_gunicorn(self, instance: int) -> None:
        port = self.gunicorn_ports[instance]
        command = [
            sys.executable, "-m", "gunicorn", "portal.wsgi:application",
            "--bind", f"{HOST}:{port}", "--workers", "2", "--timeout", "60",
            "--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT,
            "--no-control-socket",  # its default path is shared by every gunicorn of the user
        ]  # fmt: skip
        name = f"gunicorn-{instance}"
        self._spawn(name, command, self.gunicorn_log(instance))
        self._wait_for(f"http://{HOST}:{port}/healthz", name)

    def _start_worker(self) -> None:
        """A Celery worker on the stack's Redis, as the worker service runs (one process is enough)."""
        command = [
            sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool", "solo",
            "--loglevel", "INFO", "--hostname", f"stack-{secrets.token_hex(4)}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        self._spawn("worker", command, self.worker_log)
        deadline = time.monotonic() + 30
        while " ready." not in self.worker_log.read_text(errors="replace"):
            if self.processes["worker"].poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Celery worker did not start.\n{self.logs()}")
            time.sleep(0.2)

    def nginx_variables(self) -> dict[str, str]:
        key = str(self.root / "tls" / "key.pem")
        return {
            "BCD35_HTTP_LISTEN": f"{HOST}:{self.http_port}",
            "BCD35_HTTPS_LISTEN": f"{HOST}:{self.https_port}",
            "BCD35_UPSTREAM_SERVERS": " ".join(f"server {HOST}:{port};" for port in self.gunicorn_ports),
            "BCD35_STATIC_ROOT": str(self.static_root),
            "BCD35_MEDIA_ROOT": str(self.media_root),
            "BCD35_TLS_CERTIFICATE": str(self.certificate),
            "BCD35_TLS_CERTIFICATE_KEY": key,
            "BCD35_PAGE_CACHE_PATH": str(self.root / "nginx" / "temp" / "pages"),
            "BCD35_MEDIA_HOST": MEDIA_HOST,
            "BCD35_MEDIA_TLS_CERTIFICATE": str(self.certificate),
            "BCD35_MEDIA_TLS_CERTIFICATE_KEY": key,
            "BCD35_MEDIA_BUCKET_URL": self.bucket.public_url if self.bucket else "",
        }

    def _start_nginx(self) -> None:
        binary = nginx_binary()
        prefix = self.root / "nginx"
        for folder in ("conf/conf.d", "logs", "temp"):
            (prefix / folder).mkdir(parents=True)
        (prefix / "conf" / "nginx.conf").write_text(MAIN_CONF.format(root=prefix), encoding="utf-8")
        # docker-compose.yml mounts the site template as the image's default.conf.
        variables = self.nginx_variables()
        # The media host serves the media folder, or the bucket (deploy/docker-compose.media-s3.yml).
        media = (
            (MEDIA_S3_TEMPLATE, "bcd35-media-s3.conf")
            if self.bucket
            else (MEDIA_DOMAIN_TEMPLATE, "bcd35-media.conf")
        )
        for template, name in ((SITE_TEMPLATE, "default.conf"), media):
            (prefix / "conf" / "conf.d" / name).write_text(
                render_template(template, variables), encoding="utf-8"
            )
        command = [
            binary, "-p", str(prefix), "-c", str(prefix / "conf" / "nginx.conf"),
            "-g", f"daemon off; pid {prefix / 'nginx.pid'};",
        ]  # fmt: skip
        self._spawn("nginx", command, prefix / "logs" / "stderr.log")
        self._wait_for(f"{self.http_origin}/healthz", "nginx")

    def _spawn(self, name: str, command: list[str], log: Path) -> None:
        with log.open("wb") as output:
            self.processes[name] = subprocess.Popen(  # noqa: S603
                command, cwd=ROOT, env=self.process_environment(name), stdout=output, stderr=subprocess.STDOUT
            )

    def _wait_for(self, url: str, name: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                break
            try:
                with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        stderr = self.root / "nginx" / "logs" / "stderr.log"
        raise RuntimeError(
            f"{name} did not answer {url}.\n{self.logs()}\n--- nginx stderr ---\n{tail(stderr)}"
        )

    def stop(self) -> None:
        for name in ["nginx", "worker", *(f"gunicorn-{instance}" for instance in range(self.instances))]:
            process = self.processes.pop(name, None)
            if process is None:
                continue
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        for cleanup in self._cleanups:
            cleanup()
        shutil.rmtree(self.root, ignore_errors=True)

    # --- Clients ---

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.certificate))

    def browser(self) -> Browser:
        return Browser(self.https_origin, self.ssl_context())

    def browser_on(self, instance: int, *, signed_in_as: Browser | None = None) -> Browser:
        """A browser whose requests go to one gunicorn only, with the headers nginx adds, so a
        test knows which instance answered; with `signed_in_as`, that browser's cookies."""
        browser = Browser(
            self.https_origin, self.ssl_context(), upstream=f"http://{HOST}:{self.gunicorn_ports[instance]}"
        )
        if signed_in_as is not None:
            for cookie in signed_in_as.cookies:
                browser.cookies.set_cookie(cookie)
        return browser

    def get_http(self, path: str) -> Answer:
        """A plain-HTTP GET on the proxy's port 80 side, redirects not followed."""
        return Browser(self.http_origin, self.ssl_context()).get(path)
