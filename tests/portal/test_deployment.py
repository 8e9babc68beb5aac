"""The production stack: docker-compose.yml, .env.example and `check --deploy`.

Docker cannot run on the development machines, so the compose file is checked by reading it.
"""

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
PROJECT_SERVICES = ("web", "worker", "beat")
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


def test_the_stack_has_every_service_with_a_healthcheck(compose):
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    for name, service in services.items():
        assert service["healthcheck"]["test"], f"{name} has no healthcheck"


def test_database_and_media_live_on_volumes(compose):
    assert "pgdata:/var/lib/postgresql/data" in compose["services"]["postgres"]["volumes"]
    for name in PROJECT_SERVICES:
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
