"""The production stack: docker-compose.yml, the nginx templates, .env.example and `check --deploy`.

Docker cannot run on the development machines, so the compose file is checked by reading it;
tests/deploy/ runs the same nginx templates in front of gunicorn.
"""

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.conf import settings
from django.core.management import get_commands
from django.db import models

from portal.media import DOWNLOAD_EXTENSIONS, MEDIA_HEADERS, MEDIA_TYPES

ROOT = Path(__file__).resolve().parents[2]
PROJECT_SERVICES = ("migrate", "web", "worker", "beat")
LONG_RUNNING = {"postgres", "redis", "web", "worker", "beat", "proxy"}
SITE_TEMPLATE = ROOT / "deploy" / "nginx" / "templates" / "bcd35.conf.template"
MEDIA_DOMAIN_TEMPLATE = ROOT / "deploy" / "nginx" / "media-domain" / "bcd35-media.conf.template"
MEDIA_DOMAIN_OVERRIDE = ROOT / "deploy" / "docker-compose.media-domain.yml"
MEDIA_S3_TEMPLATE = ROOT / "deploy" / "nginx" / "media-s3" / "bcd35-media-s3.conf.template"
MEDIA_S3_OVERRIDE = ROOT / "deploy" / "docker-compose.media-s3.yml"
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "t3st-only-5ecret-k3y-for-check-deploy-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "bcd35.example.vn",
    "CSRF_TRUSTED_ORIGINS": "https://bcd35.example.vn",
    "PATH": "/usr/bin:/bin",
}


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def variables_read_by_the_project() -> set[str]:
    pattern = re.compile(r"""(?:env_(?:str|bool|int|list)|environ\.get)\(\s*["']([A-Z0-9_]+)["']""")
    names: set[str] = set()
    for path in (ROOT / "portal").rglob("*.py"):
        names.update(pattern.findall(path.read_text(encoding="utf-8")))
    return names


def variables_in_env_example() -> set[str]:
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    return {line.split("=", 1)[0] for line in lines if re.match(r"^[A-Z0-9_]+=", line)}


def command_words(service: dict) -> list[str]:
    command = service["command"]
    return " ".join(command).split() if isinstance(command, list) else command.split()


def test_the_stack_has_every_service_and_each_long_running_one_a_healthcheck(compose):
    services = compose["services"]
    assert set(services) == LONG_RUNNING | {"migrate"}
    for name in LONG_RUNNING:
        assert services[name]["healthcheck"]["test"], f"{name} has no healthcheck"
    # A one-shot job: restarted, it would run the migrations again and again.
    assert services["migrate"]["restart"] == "no"


def test_migrations_and_static_files_run_once_before_any_replica_starts(compose):
    services = compose["services"]
    words = command_words(services["migrate"])
    assert "migrate" in words and "collectstatic" in words
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert not {"migrate", "collectstatic"} & set(command_words(services[name])), name
    assert volume_mounts(services["migrate"])["/app/staticfiles"] == "static"


def test_web_and_workers_run_as_replicas_and_beat_exactly_once(compose):
    services = compose["services"]
    assert services["web"]["deploy"]["replicas"] >= 2
    assert services["worker"]["deploy"]["replicas"] >= 2
    assert services["beat"]["deploy"]["replicas"] == 1
    # Replicas share no host port and no fixed container name.
    for name in ("web", "worker", "beat"):
        assert "ports" not in services[name] and "container_name" not in services[name]


def test_redis_bounds_the_cache_and_never_evicts_a_queued_task(compose):
    # volatile-lru evicts only keys that expire: cached pages and values, never the queue
    # (tests/portal/test_cache.py checks that every cached page and value expires).
    command = compose["services"]["redis"]["command"]
    options = dict(zip(command[1::2], command[2::2], strict=False))
    assert options["--maxmemory-policy"] == "volatile-lru"
    assert options["--maxmemory"].endswith("mb") and int(options["--maxmemory"][:-2]) >= 256


def test_beat_keeps_its_schedule_file_on_no_volume(compose):
    beat = compose["services"]["beat"]
    words = command_words(beat)
    schedule = words[words.index("--schedule") + 1]
    # The healthcheck reads the file beat rewrites, wherever it is.
    assert schedule in " ".join(beat["healthcheck"]["test"])
    mounted = volume_mounts(beat)
    assert not any(schedule.startswith(target.rstrip("/") + "/") for target in mounted)


def test_database_and_media_live_on_volumes(compose):
    assert "pgdata:/var/lib/postgresql/data" in compose["services"]["postgres"]["volumes"]
    for name in ("web", "worker", "beat"):
        assert "media:/data/media" in compose["services"][name]["volumes"]
    assert {"pgdata", "media"} <= set(compose["volumes"])


def test_every_command_exists_in_the_project(compose):
    manage_commands = get_commands()
    for name in PROJECT_SERVICES:
        words = command_words(compose["services"][name])
        for index, word in enumerate(words):
            if word == "manage.py":
                assert words[index + 1] in manage_commands, f"{name}: no manage.py {words[index + 1]}"
            if word == "gunicorn":
                module, attribute = words[index + 1].split(":")
                assert callable(getattr(importlib.import_module(module), attribute))
            if word == "-A":
                app = importlib.import_module(words[index + 1]).celery_app
                assert app.main == "portal"
    assert "gunicorn" in command_words(compose["services"]["web"])
    assert command_words(compose["services"]["worker"])[:4] == ["celery", "-A", "portal", "worker"]
    assert command_words(compose["services"]["beat"])[:4] == ["celery", "-A", "portal", "beat"]


def test_every_variable_the_stack_sets_is_read_by_the_settings(compose):
    read = variables_read_by_the_project()
    for name in PROJECT_SERVICES:
        unknown = set(compose["services"][name]["environment"]) - read
        assert not unknown, f"{name} sets variables nothing reads: {unknown}"
    unknown_in_example = variables_in_env_example() - read
    assert not unknown_in_example, f".env.example lists variables nothing reads: {unknown_in_example}"


def test_env_example_documents_every_variable_the_project_reads():
    undocumented = variables_read_by_the_project() - variables_in_env_example()
    assert not undocumented, f"not in .env.example: {undocumented}"


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = dict(PRODUCTION_ENV, STATIC_ROOT=str(tmp_path), MEDIA_ROOT=str(tmp_path / "media"))
    completed = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr + completed.stdout
    assert "System check identified no issues (0 silenced)." in completed.stdout


# --- The reverse proxy -----------------------------------------------------------------------------


def nginx_blocks(text: str, opening: str) -> list[str]:
    """The bodies of the blocks that start with `opening` (e.g. "location ^~ /media/"), braces matched."""
    bodies = []
    for match in re.finditer(re.escape(opening) + r" \{", text):
        depth, index = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[index], 0)
            index += 1
        bodies.append(text[match.end() : index - 1])
    return bodies


def nginx_block(text: str, opening: str) -> str:
    [body] = nginx_blocks(text, opening)
    return body


def top_level(block: str) -> str:
    """`block` without the blocks nested in it."""
    while re.search(r"\{[^{}]*\}", block):
        block = re.sub(r"\{[^{}]*\}", "", block)
    return block


def directives(block: str, name: str) -> list[str]:
    return [match.strip() for match in re.findall(rf"^\s*{name}\s+(.+?);\s*$", block, re.MULTILINE)]


def megabytes(size: str) -> int:
    assert size.endswith("m"), size
    return int(size[:-1]) * 1024 * 1024


def volume_mounts(service: dict) -> dict[str, str]:
    """Container path → source, without the :ro suffix."""
    mounts = {}
    for volume in service["volumes"]:
        source, target, *_ = volume.split(":")
        mounts[target] = source
    return mounts


def template_variables(path: Path) -> set[str]:
    return set(re.findall(r"\$\{(BCD35_[A-Z0-9_]+)\}", path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def site_template() -> str:
    return SITE_TEMPLATE.read_text(encoding="utf-8")


def test_only_the_proxy_is_published_and_it_waits_for_a_healthy_web(compose):
    services = compose["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    assert services["proxy"]["ports"] == ["80:80", "443:443"]
    assert services["proxy"]["depends_on"]["web"] == {"condition": "service_healthy", "restart": True}
    assert services["proxy"]["image"].startswith("nginx:")


def test_the_proxy_renders_the_repo_template_over_the_default_server(compose):
    proxy = compose["services"]["proxy"]
    mounts = volume_mounts(proxy)
    source = mounts["/etc/nginx/templates/default.conf.template"]
    assert (ROOT / source).resolve() == SITE_TEMPLATE
    assert proxy["environment"]["NGINX_ENVSUBST_FILTER"] == "^BCD35_"
    assert template_variables(SITE_TEMPLATE) == {
        name for name in proxy["environment"] if name.startswith("BCD35_")
    }
    assert all(volume.endswith(":ro") for volume in proxy["volumes"])


def test_the_proxy_reads_the_volumes_web_writes(compose):
    proxy, web = compose["services"]["proxy"], compose["services"]["web"]
    proxy_mounts, web_mounts = volume_mounts(proxy), volume_mounts(web)
    environment = proxy["environment"]
    assert (
        proxy_mounts[environment["BCD35_MEDIA_ROOT"]]
        == web_mounts[web["environment"]["MEDIA_ROOT"]]
        == "media"
    )
    assert (
        proxy_mounts[environment["BCD35_STATIC_ROOT"]]
        == web_mounts[web["environment"]["STATIC_ROOT"]]
        == "static"
    )
    assert {"media", "static"} <= set(compose["volumes"])
    certificates = proxy_mounts["/etc/nginx/certs"]
    assert certificates == "./certs"
    assert environment["BCD35_TLS_CERTIFICATE"] == "/etc/nginx/certs/fullchain.pem"
    assert environment["BCD35_TLS_CERTIFICATE_KEY"] == "/etc/nginx/certs/privkey.pem"


def test_web_runs_behind_the_proxy_that_balances_its_replicas(compose):
    web = compose["services"]["web"]
    words = command_words(web)
    assert words[words.index("gunicorn") + 2 : words.index("gunicorn") + 4] == ["--bind", "0.0.0.0:8000"]
    assert compose["services"]["proxy"]["environment"]["BCD35_UPSTREAM_SERVERS"] == "server web:8000;"
    behind_the_proxy = {"SERVE_MEDIA": "0", "USE_X_FORWARDED_PROTO": "1", "PROXY_COUNT": "1"}
    for name in PROJECT_SERVICES:
        environment = compose["services"][name]["environment"]
        assert {key: environment[key] for key in behind_the_proxy} == behind_the_proxy


def test_nginx_serves_media_with_exactly_the_headers_of_the_django_view(site_template):
    for template, opening in (
        (site_template, "location ^~ /media/"),
        (MEDIA_DOMAIN_TEMPLATE.read_text(encoding="utf-8"), "location /"),
    ):
        media = nginx_block(template, opening)
        types = {}
        for content_type, *extensions in (
            line.split() for line in nginx_block(media, "types").strip().splitlines()
        ):
            for extension in extensions:
                types[extension.rstrip(";")] = content_type
        assert types == MEDIA_TYPES
        assert directives(media, "default_type") == ["application/octet-stream"]
        headers = {}
        for header in directives(media, "add_header"):
            name, value = header.split(" ", 1)
            headers[name] = value.removesuffix(" always").strip('"')
        assert {name: headers[name] for name in MEDIA_HEADERS} == MEDIA_HEADERS
        assert headers["Content-Disposition"] == "$bcd35_media_disposition"
        served = re.search(r'if \(\$uri !~\* "\\\.\(\?:([a-z|]+)\)\$"\)', media).group(1)
        assert set(served.split("|")) == set(MEDIA_TYPES)
        assert directives(media, "disable_symlinks") == ["on from=$document_root"]
    disposition = nginx_block(site_template, "map $uri $bcd35_media_disposition")
    for extensions in re.findall(r"\\\.\(\?:([a-z|]+)\)\$", disposition):
        assert set(extensions.split("|")) == DOWNLOAD_EXTENSIONS


def test_the_upstream_takes_every_gunicorn_from_one_variable(site_template):
    upstream = nginx_block(site_template, "upstream bcd35_gunicorn")
    assert [
        line.strip() for line in upstream.splitlines() if line.strip() and not line.strip().startswith("#")
    ] == ["${BCD35_UPSTREAM_SERVERS}"]
    assert site_template.count("proxy_pass http://bcd35_gunicorn;") == 3


def test_media_from_the_bucket_get_exactly_the_headers_of_the_django_view():
    template = MEDIA_S3_TEMPLATE.read_text(encoding="utf-8")
    media = nginx_block(template, "location /")
    mapped = nginx_block(template, "map $uri $bcd35_media_type")
    types = {}
    for extensions, content_type in re.findall(r'"~\*\\\.(?:\(\?:)?([a-z|]+)\)?\$" (\S+);', mapped):
        types |= dict.fromkeys(extensions.split("|"), content_type)
    assert types == MEDIA_TYPES
    headers = {}
    for header in directives(media, "add_header"):
        name, value = header.split(" ", 1)
        headers[name] = value.removesuffix(" always").strip('"')
    assert {name: headers[name] for name in MEDIA_HEADERS} == MEDIA_HEADERS
    assert (headers["Content-Type"], headers["Content-Disposition"]) == (
        "$bcd35_media_type",
        "$bcd35_media_disposition",
    )
    # The bucket's own type and disposition never reach the reader.
    assert {"Content-Type", "Content-Disposition", "Set-Cookie"} <= set(
        directives(media, "proxy_hide_header")
    )
    served = re.search(r'if \(\$uri !~\* "\\\.\(\?:([a-z|]+)\)\$"\)', media).group(1)
    assert set(served.split("|")) == set(MEDIA_TYPES)
    assert "deny all;" in nginx_block(media, "limit_except GET")


def test_the_media_s3_override_adds_its_template_and_every_variable(compose):
    override = yaml.safe_load(MEDIA_S3_OVERRIDE.read_text(encoding="utf-8"))["services"]["proxy"]
    [volume] = override["volumes"]
    source, target, mode = volume.split(":")
    assert (ROOT / source).resolve() == MEDIA_S3_TEMPLATE
    assert (target, mode) == ("/etc/nginx/templates/bcd35-media-s3.conf.template", "ro")
    environment = compose["services"]["proxy"]["environment"] | override["environment"]
    assert template_variables(MEDIA_S3_TEMPLATE) <= set(environment)
    assert environment["BCD35_MEDIA_BUCKET_URL"].endswith("/")


def largest_upload() -> int:
    """The most bytes any file field of any model accepts."""
    limits = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            # Every upload field says it by its kind (portal.files); renditions are not uploads.
            if isinstance(field, models.FileField) and hasattr(field, "kind"):
                limits.append(field.kind.max_size)
    assert limits, "no file field has a size limit"
    return max(limits)


def test_nginx_takes_the_largest_upload_django_accepts(site_template):
    [https] = [body for body in nginx_blocks(site_template, "server") if "ssl_certificate " in body]
    [server_limit] = directives(top_level(https), "client_max_body_size")
    [admin_limit] = directives(nginx_block(site_template, "location /admin/"), "client_max_body_size")
    one_file = largest_upload() + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert megabytes(server_limit) >= one_file
    # The event screen posts its photos and documents at once: room for four of the largest.
    assert megabytes(admin_limit) >= 4 * largest_upload() + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_the_media_domain_override_adds_its_template_and_every_variable(compose):
    override = yaml.safe_load(MEDIA_DOMAIN_OVERRIDE.read_text(encoding="utf-8"))["services"]["proxy"]
    [volume] = override["volumes"]
    source, target, mode = volume.split(":")
    assert (ROOT / source).resolve() == MEDIA_DOMAIN_TEMPLATE
    assert (target, mode) == ("/etc/nginx/templates/bcd35-media.conf.template", "ro")
    environment = compose["services"]["proxy"]["environment"] | override["environment"]
    assert template_variables(MEDIA_DOMAIN_TEMPLATE) <= set(environment)


def test_the_image_has_pg_dump_for_backups():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"apt-get install -y --no-install-recommends postgresql-client\b", dockerfile)
