import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_ensure_admin_uses_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "mat-khau-rat-dai-2025")
    output = run("ensure_admin")
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password("mat-khau-rat-dai-2025")
    assert "mat-khau-rat-dai-2025" not in output


def test_ensure_admin_generates_a_password_and_prints_it_only_once(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    first = run("ensure_admin")
    password = first.split("password '")[1].split("'")[0]
    assert len(password) >= 12
    assert get_user_model().objects.get(username="admin").check_password(password)

    second = run("ensure_admin")
    assert password not in second
    assert get_user_model().objects.filter(username="admin").count() == 1
    assert get_user_model().objects.get(username="admin").check_password(password)


def test_ensure_admin_takes_a_new_password_from_the_environment(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    run("ensure_admin")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "mat-khau-moi-2026")
    run("ensure_admin")
    assert get_user_model().objects.get(username="admin").check_password("mat-khau-moi-2026")


def _row_counts():
    from django.apps import apps

    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_load_demo_twice_changes_nothing():
    run("load_demo")
    after_first = _row_counts()
    output = run("load_demo")
    assert _row_counts() == after_first
    assert output.startswith(("Demo data is up to date", "No app provides demo data yet."))


def test_compiletranslations_writes_a_catalogue_django_can_read(tmp_path, settings):
    po_dir = tmp_path / "vi" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    (po_dir / "django.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Home"\nmsgstr "Trang chủ"\n',
        encoding="utf-8",
    )
    settings.LOCALE_PATHS = [tmp_path]
    output = run("compiletranslations")
    assert "Compiled 1 catalogue(s)." in output

    import gettext

    with open(po_dir / "django.mo", "rb") as mo:
        assert gettext.GNUTranslations(mo).gettext("Home") == "Trang chủ"
    assert "Compiled 0 catalogue(s)." in run("compiletranslations")


# --- check_headers -------------------------------------------------------------------------


def _portal_scan(url, *, http_url=None, context=None, timeout=10):
    from portal.lib.observatory import Response, Scan

    headers = (
        ("Content-Type", "text/html; charset=utf-8"),
        ("Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
    )
    response = Response(url=url, status=200, headers=headers, body="<html></html>")
    return Scan(response=response, http_route=(http_url or "http://bcd35.example.vn/", url))


def test_check_headers_prints_the_headers_the_redirect_and_every_test(monkeypatch):
    monkeypatch.setattr("portal.lib.observatory.scan_site", _portal_scan)

    output = run("check_headers", "https://bcd35.example.vn/")

    lines = output.splitlines()
    assert lines[:3] == [
        "GET https://bcd35.example.vn/ (Origin: https://http-observatory.security.mozilla.org)",
        "HTTP 200, certificate verified",
        "  Content-Type: text/html; charset=utf-8",
    ]
    assert "Plain HTTP: http://bcd35.example.vn/ -> https://bcd35.example.vn/" in lines
    assert "Score 75, grade B" in output
    assert "   -25  FAIL  content-security-policy " in output
    assert "    +5  pass  referrer-policy " in output
    assert (
        len([line for line in lines if line.startswith("  ") and ("  pass  " in line or "  FAIL  " in line)])
        == 10
    )


def test_check_headers_fails_below_the_minimum_score(monkeypatch):
    from django.core.management import CommandError

    monkeypatch.setattr("portal.lib.observatory.scan_site", _portal_scan)

    run("check_headers", "https://bcd35.example.vn/", "--min-score", "75")
    with pytest.raises(CommandError, match="The score 75 is below 90."):
        run("check_headers", "https://bcd35.example.vn/", "--min-score", "90")


def test_check_headers_wants_an_https_address_that_answers():
    import socket

    from django.core.management import CommandError

    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    with pytest.raises(CommandError, match="Give the https:// address"):
        run("check_headers", "http://bcd35.example.vn/")
    with pytest.raises(CommandError, match=f"https://127.0.0.1:{port}/ did not answer"):
        run("check_headers", f"https://127.0.0.1:{port}/", "--timeout", "2")
