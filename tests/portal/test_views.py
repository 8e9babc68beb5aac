import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_vietnamese(client, django_assert_max_num_queries):
    # The news, events, decisions and agreements it shows (tests/news/test_site.py); no category.
    with django_assert_max_num_queries(7):
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Cổng thông tin Ban Chỉ đạo 35" in html
    assert 'href="#main"' in html and "Bỏ qua, đến nội dung chính" in html
    assert 'name="viewport"' in html


def test_pages_link_hashed_compressed_static_files_and_no_cdn(client):
    html = client.get("/").content.decode()
    assert "/static/css/site." in html and ".css" in html
    assert '/static/css/site.css"' not in html, "static files must carry a content hash"
    for needle in ("//cdn", "googleapis", "jsdelivr", "unpkg", "cloudflare"):
        assert needle not in html


def test_healthz_answers_without_touching_the_database(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "broker": "eager"}
    assert response["Cache-Control"] == "no-store"
    assert len(queries) == 0


def test_healthz_answers_a_probe_by_ip_over_plain_http(client, settings):
    settings.ALLOWED_HOSTS = ["bcd35.example.vn"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400


def test_admin_login_is_in_vietnamese(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đăng nhập" in html
    assert "Quản trị Cổng thông tin Ban Chỉ đạo 35" in html


def test_unknown_page_is_a_404(client):
    assert client.get("/khong-co-trang-nay/").status_code == 404


def test_favicon_ico_points_to_the_hashed_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].startswith("/static/img/favicon.")
    assert response["Location"].endswith(".svg")
    assert client.get(response["Location"]).status_code == 200


def test_admin_strings_missing_from_djangos_catalogue_are_vietnamese(admin_client):
    from committees.models import Person

    response = admin_client.post("/admin/committees/person/add/", {"full_name": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hãy sửa các lỗi bên dưới." in html
    assert "Đổi giao diện (hiện tại: tự động)" in html
    assert Person.objects.count() == 0


@pytest.mark.parametrize("url", ["/", "/admin/login/", "/khong-co-trang-nay/"])
def test_every_page_sends_the_content_security_policy_and_a_permissions_policy(client, url):
    response = client.get(url)

    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'none'"
    assert re.fullmatch(r"'self'( 'nonce-[A-Za-z0-9+/=]{24}')?", policy["script-src"])
    assert (policy["object-src"], policy["base-uri"], policy["frame-ancestors"]) == ("'none'",) * 3
    assert policy["form-action"] == "'self'"
    assert "unsafe" not in response["Content-Security-Policy"]
    features = response["Permissions-Policy"].split(", ")
    assert {"camera=()", "geolocation=()", "microphone=()"} <= set(features)


def test_public_pages_hold_no_nonce_so_one_cached_copy_serves_every_reader(client):
    """The JSON-LD of an event page is a data block, which script-src does not govern: it needs
    no nonce, and a page shared from the cache never carries one (a nonce must not be reused)."""
    from tests.events.factories import EventFactory

    event = EventFactory()
    response = client.get(event.get_absolute_url())

    assert "nonce" not in response["Content-Security-Policy"]
    assert '<script type="application/ld+json">' in response.content.decode()
    assert "nonce=" not in response.content.decode()
