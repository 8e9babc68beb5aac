"""The production stack end to end: nginx (deploy/nginx/) in front of gunicorn with production
settings, on a fresh database, reached over HTTPS as a browser would."""

import io
import json
import re
import socket
import ssl
import subprocess
import sys
import warnings
from pathlib import PurePosixPath

import pytest
from PIL import Image

from portal.media import MEDIA_HEADERS, media_headers
from tests.admin_forms import management_forms
from tests.deploy.browser import gunzip
from tests.deploy.stack import HOST, MEDIA_HOST, ROOT
from tests.events.factories import EVENT_INLINES
from tests.files import jpeg_bytes, pdf_bytes

pytestmark = pytest.mark.proxy

HSTS = "max-age=31536000; includeSubDomains; preload"
YEAR_IMMUTABLE = "public, max-age=31536000, immutable"
# Measured through the proxy: 75 (grade B) before the Content-Security-Policy, 130 on `/`
# and 135 on the sign-in page (its cookie's bonus) after it, grade A+.
SCORE_FLOOR = 130
PDF = pdf_bytes("Quyet dinh 12-QD/BCD35 thanh lap To thu ky")
PHOTO = jpeg_bytes(1600, 900)


def decision_form(committee: int, number: str) -> dict[str, str]:
    return {
        "number": number,
        "issued_on": "05/06/2025",
        "kind": "found_team",
        "title": f"Quyết định {number}",
        "slug": "",
        "issuer_committee": str(committee),
        "issuer_organization": "",
        "signer": "",
        "summary": "",
        "_continue": "1",
    }


def stored_files(stack, folder: str) -> list[str]:
    root = stack.media_root / folder
    return sorted(path.relative_to(stack.media_root).as_posix() for path in root.rglob("*") if path.is_file())


def media_url(page: str, folder: str, name: str) -> str:
    """The first link to a stored file of `folder` (random names: 32 hex digits) whose name ends the same."""
    found = re.findall(rf'(/media/{folder}/[0-9a-f]{{32}}{re.escape(name)})"', page)
    assert found, f"no /media/{folder}/…{name} link on the page"
    return found[0]


@pytest.fixture(scope="module")
def decision_pdf(stack, browser) -> str:
    """The /media/ URL of a decision's PDF uploaded by the staff member through the admin."""
    answer = browser.post(
        "/admin/committees/decision/add/",
        decision_form(stack.rows["committee"], "12-QĐ/BCĐ35"),
        files={"file": ("Quyết định 12.pdf", PDF, "application/pdf")},
    )
    assert answer.status == 302, answer.text[:3000]
    change_page = browser.get(answer.headers["Location"])
    return media_url(change_page.text, "decisions", ".pdf")


@pytest.fixture(scope="module")
def event_photo(stack, browser) -> tuple[str, str]:
    """The /media/ URLs of a photo uploaded with an event, and of its thumbnail."""
    fields = {
        "title": "Hội nghị sơ kết Quy chế phối hợp",
        "slug": "",
        "kind": "conference",
        "purpose": "interim_review",
        "level": "",
        "format": "in_person",
        "start_date": "25/08/2021",
        "part_of_day": "morning",
        "start_time": "",
        "end_date": "",
        "end_time": "",
        "host": str(stack.rows["organization"]),
        "summary": "",
        **management_forms(EVENT_INLINES, photos=1),
        "photos-0-caption": "Toàn cảnh Hội nghị",
        "photos-0-credit": "Ảnh: Đức Anh",
        "photos-0-order": "0",
        "_continue": "1",
    }
    answer = browser.post(
        "/admin/events/event/add/", fields, files={"photos-0-image": ("toan-canh.jpg", PHOTO, "image/jpeg")}
    )
    assert answer.status == 302, answer.text[:3000]
    change_page = browser.get(answer.headers["Location"]).text
    return media_url(change_page, "events/photos", ".jpg"), media_url(
        change_page, "events/renditions", "-thumbnail.jpg"
    )


def assert_media_headers(answer, path: str) -> None:
    """Exactly the headers portal/media.py gives this file (what Django serves in the demo)."""
    expected = media_headers(PurePosixPath(path).relative_to("/media").as_posix())
    sent = {name: answer.headers.get(name) for name in expected}
    assert sent == expected
    assert answer.headers.get_all("Content-Type") == [expected["Content-Type"]]
    if "Content-Disposition" not in expected:
        assert answer.headers.get("Content-Disposition") is None


# --- Plain HTTP ------------------------------------------------------------------------------------


def test_plain_http_is_redirected_to_https_on_the_same_host(stack):
    answer = stack.get_http("/su-kien/?nam=2025")

    assert answer.status == 301
    assert answer.headers["Location"] == f"https://{HOST}/su-kien/?nam=2025"


def test_the_health_check_answers_over_plain_http_from_gunicorn(stack):
    answer = stack.get_http("/healthz")

    # No broker in this stack: tasks run in the web process.
    assert (answer.status, json.loads(answer.text)) == (200, {"status": "ok", "broker": "eager"})
    assert answer.headers["Cache-Control"] == "no-store"


# --- Pages -----------------------------------------------------------------------------------------


def test_pages_come_from_gunicorn_with_hsts_and_no_server_version(stack):
    answer = stack.browser().get("/")

    assert answer.status == 200
    assert answer.headers["Strict-Transport-Security"] == HSTS
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["Server"] == "nginx"


def test_a_page_is_gzip_compressed_only_when_the_browser_asks(stack):
    browser = stack.browser()

    compressed = browser.get("/", **{"Accept-Encoding": "gzip"})
    plain = browser.get("/")

    assert compressed.headers["Content-Encoding"] == "gzip"
    assert compressed.headers["Vary"].count("Accept-Encoding") == 1
    assert "</html>" in gunzip(compressed)
    assert plain.headers.get("Content-Encoding") is None
    assert len(compressed.body) < len(plain.body) / 2


def test_nginx_keeps_public_pages_a_few_seconds_for_anonymous_readers_only(stack, browser):
    reader = stack.browser()
    first = reader.get("/phoi-hop/?khu_vuc=")
    second = reader.get("/phoi-hop/?khu_vuc=")
    signed_in = browser.get("/phoi-hop/?khu_vuc=")
    admin = [browser.get("/admin/") for _ in range(2)]

    assert (first.headers["X-Proxy-Cache"], second.headers["X-Proxy-Cache"]) == ("MISS", "HIT")
    assert second.body == first.body
    assert second.headers["Cache-Control"] == "public, max-age=60"
    assert first.headers.get("X-Accel-Expires") is None  # read by nginx, not passed on
    assert signed_in.headers["X-Proxy-Cache"] == "BYPASS"
    assert signed_in.headers["Cache-Control"] == "private, no-cache"
    assert [answer.headers.get("X-Proxy-Cache") for answer in admin] == [None, None]


def test_gunicorn_is_told_the_client_address_the_host_and_https(stack):
    stack.browser().get("/to-chuc/?proxy-probe=1", **{"X-Forwarded-For": "203.0.113.7"})

    line = stack.gunicorn_access_lines("proxy-probe=1")[0]
    # nginx appends the address it saw: with PROXY_COUNT=1 Django trusts only that last one.
    assert f'xff="203.0.113.7, {HOST}"' in line
    assert 'proto="https"' in line
    assert f'host="{HOST}:{stack.https_port}"' in line


def test_only_tls_1_2_and_1_3_are_offered(stack):
    def handshake(maximum: ssl.TLSVersion) -> str:
        context = stack.ssl_context()
        with warnings.catch_warnings():  # TLS 1.0 and 1.1 are deprecated: that is the point
            warnings.simplefilter("ignore", DeprecationWarning)
            context.minimum_version = ssl.TLSVersion.TLSv1
            context.maximum_version = maximum
        context.set_ciphers("ALL:@SECLEVEL=0")  # let the client offer what the server must refuse
        with (
            socket.create_connection((HOST, stack.https_port), timeout=10) as raw,
            context.wrap_socket(raw, server_hostname=HOST) as tls,
        ):
            return tls.version()

    assert handshake(ssl.TLSVersion.TLSv1_3) == "TLSv1.3"
    assert handshake(ssl.TLSVersion.TLSv1_2) == "TLSv1.2"
    with pytest.raises(ssl.SSLError, match="PROTOCOL_VERSION"):
        handshake(ssl.TLSVersion.TLSv1_1)


# --- Static files ----------------------------------------------------------------------------------


def test_hashed_static_files_are_served_by_nginx_with_a_year_of_cache(stack):
    manifest = json.loads((stack.static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]

    answer = stack.browser().get(f"/static/{hashed}", **{"Accept-Encoding": "gzip"})

    assert answer.status == 200
    assert answer.headers["Content-Type"] == "text/css"
    assert answer.headers["Cache-Control"] == YEAR_IMMUTABLE
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Content-Encoding"] == "gzip"
    assert gunzip(answer) == (stack.static_root / hashed).read_text()


def test_static_files_without_a_hash_are_cached_for_an_hour_only(stack):
    answer = stack.browser().get("/static/css/site.css")

    assert answer.status == 200
    assert answer.headers["Cache-Control"] == "public, max-age=3600"


# --- Uploaded media --------------------------------------------------------------------------------


def test_a_decision_pdf_uploaded_by_staff_is_a_sandboxed_download(stack, browser, decision_pdf):
    answer = stack.browser().get(decision_pdf)

    assert answer.status == 200
    assert answer.body == PDF
    assert_media_headers(answer, decision_pdf)
    assert answer.headers["Content-Type"] == "application/pdf"
    assert (
        answer.headers["Content-Disposition"] == f'attachment; filename="{PurePosixPath(decision_pdf).name}"'
    )
    assert answer.headers["Content-Security-Policy"].startswith("sandbox;")
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_an_event_photo_and_its_thumbnail_are_shown_inline_sandboxed(stack, event_photo):
    photo, thumbnail = event_photo
    browser = stack.browser()

    sizes = []
    for path in (photo, thumbnail):
        answer = browser.get(path)
        assert answer.status == 200
        assert_media_headers(answer, path)
        assert answer.headers["Content-Type"] == "image/jpeg"
        assert answer.headers.get("Content-Disposition") is None
        with Image.open(io.BytesIO(answer.body)) as image:
            sizes.append((image.format, image.size))
    # The upload checks may re-encode a picture: its bytes can change, not what it is.
    assert sizes == [("JPEG", (1600, 900)), ("JPEG", (480, 270))]


def test_a_file_of_a_type_never_stored_is_not_served_even_if_it_is_in_media_root(stack):
    (stack.media_root / "events").mkdir(exist_ok=True)
    (stack.media_root / "events" / "x.html").write_text("<script>alert(document.domain)</script>")
    (stack.media_root / "events" / "photo.jpg.html").write_text("<script>alert(1)</script>")
    browser = stack.browser()

    for path in ("/media/x.html", "/media/events/x.html", "/media/events/photo.jpg.html", "/media/events/"):
        answer = browser.get(path)
        assert answer.status == 404, path
        # nginx's own error page is sandboxed too.
        assert answer.headers["Content-Security-Policy"] == MEDIA_HEADERS["Content-Security-Policy"]
        assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_a_symlink_in_media_root_is_never_followed(stack):
    outside = stack.root / "outside.jpg"
    outside.write_bytes(b"bytes from outside MEDIA_ROOT")
    (stack.media_root / "escape.jpg").symlink_to(outside)

    answer = stack.browser().get("/media/escape.jpg")

    assert answer.status == 403
    assert b"outside MEDIA_ROOT" not in answer.body


def test_media_on_its_own_domain_has_the_same_headers_and_hsts(stack, decision_pdf):
    path = decision_pdf.removeprefix("/media")
    browser = stack.browser()

    answer = browser.get(path, Host=MEDIA_HOST)
    missing = browser.get("/x.html", Host=MEDIA_HOST)

    assert answer.status == 200
    assert answer.body == PDF
    assert_media_headers(answer, decision_pdf)
    assert answer.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert missing.status == 404


def test_a_decision_named_html_is_refused_and_nothing_is_saved(stack, browser):
    before = stored_files(stack, "decisions")
    count = "from committees.models import Decision; print(Decision.objects.count())"
    decisions = stack.shell(count)
    payload = b"%PDF-1.4\n<html><script>alert(document.domain)</script></html>\n"

    answer = browser.post(
        "/admin/committees/decision/add/",
        decision_form(stack.rows["committee"], "99-QĐ/BCĐ35"),
        files={"file": ("quyet-dinh-99.html", payload, "text/html")},
    )

    assert answer.status == 200, f"the upload was accepted: {stored_files(stack, 'decisions')}"
    assert 'class="errorlist' in answer.text
    assert stack.shell(count) == decisions
    assert stored_files(stack, "decisions") == before


# --- A leader's summaries, from gunicorn with DEBUG off ---------------------------------------------


def test_a_summary_its_workbook_printable_page_and_the_dashboard_answer_through_the_proxy(stack, browser):
    summary = stack.shell(
        "from portal.lib.periods import Period; from reports.scopes import Scope; "
        "from reports.services import summary_assemble; "
        "print(summary_assemble(scope=Scope.system(), period=Period.of_half(2021, 1), by=None).pk)"
    ).strip()

    workbook = browser.get(f"/quan-tri/tong-hop/{summary}/bang-tinh.xlsx")
    printable = browser.get(f"/quan-tri/tong-hop/{summary}/in/")
    dashboard = browser.get("/admin/reports/dashboard/")
    start = browser.get("/admin/reports/summary/start/")

    assert workbook.status == 200
    assert workbook.body[:2] == b"PK"  # a zip: the XLSX itself, not an error page
    assert {"private", "no-store"} <= {
        part.strip() for part in workbook.headers.get("Cache-Control").split(",")
    }
    assert printable.status == 200
    assert "<svg" in printable.text and "6 tháng đầu năm 2021" in printable.text
    assert (dashboard.status, start.status) == (200, 200)
    assert "<svg" in dashboard.text


# --- The score of the headers ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_the_security_headers_score_at_least_the_measured_floor(stack, path):
    completed = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "check_headers",
            f"{stack.https_origin}{path}",
            "--http-url",
            f"{stack.http_origin}{path}",
            "--cafile",
            str(stack.certificate),
            "--min-score",
            str(SCORE_FLOOR),
        ],  # fmt: skip
        cwd=ROOT,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    print(completed.stdout, completed.stderr)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "HTTP 200, certificate verified" in completed.stdout
    assert f"Plain HTTP: {stack.http_origin}{path} -> https://{HOST}{path}" in completed.stdout
