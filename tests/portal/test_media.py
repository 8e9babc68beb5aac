"""Uploaded files served by Django (the embedded demo) can never run in the site's origin."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(media_root):
    (media_root / "decisions").mkdir()
    (media_root / "decisions" / "a1b2.pdf").write_bytes(b"%PDF-1.4\n")
    (media_root / "events").mkdir()
    (media_root / "events" / "c3d4.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (media_root / "events" / "old.html").write_bytes(b"<script>alert(1)</script>")
    (media_root / "events" / "noext").write_bytes(b"<script>alert(1)</script>")
    return media_root


def test_a_document_is_a_sandboxed_download_that_is_never_sniffed(client, stored):
    response = client.get("/media/decisions/a1b2.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="a1b2.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox;")


def test_a_photo_is_shown_inline_sandboxed(client, stored):
    response = client.get("/media/events/c3d4.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["events/old.html", "events/noext", "events/../decisions/a1b2.pdf.html"])
def test_a_file_of_a_type_never_stored_is_not_served(client, stored, path):
    assert client.get(f"/media/{path}").status_code == 404


def test_a_path_leaving_the_media_folder_is_not_served(client, stored):
    assert client.get("/media/../pyproject.toml").status_code == 404
    assert client.get("/media/%2e%2e/manage.py").status_code == 404


@override_settings(SERVE_MEDIA=False)
def test_without_serve_media_django_does_not_serve_uploads_in_production(stored):
    # The URL pattern is decided at start-up: with SERVE_MEDIA off, no route is added.
    from importlib import reload

    from django.urls import clear_url_caches, resolve
    from django.urls.exceptions import Resolver404

    import portal.urls

    try:
        reload(portal.urls)
        clear_url_caches()
        with pytest.raises(Resolver404):
            resolve("/media/decisions/a1b2.pdf", urlconf=portal.urls)
    finally:
        with override_settings(SERVE_MEDIA=True):
            reload(portal.urls)
        clear_url_caches()
