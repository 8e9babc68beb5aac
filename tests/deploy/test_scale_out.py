"""Several web machines (README, "Growing past one machine"): two gunicorns behind one nginx
upstream and a Celery worker, sharing nothing but PostgreSQL, Redis and a bucket of the
S3-compatible test server (tests/s3.py), media served from the bucket through
deploy/nginx/media-s3/. Each request below is sent to one chosen gunicorn (`browser_on`), so what
one instance did is checked on the other.

For the page cache (issue 10): `test_a_change_made_through_one_gunicorn_is_seen_on_the_other`
already reads the page on instance 1 before and after the change made on instance 0; once pages
are cached, that is the check that the change's invalidation reaches every instance. Add a case
there for each kind of change the cache invalidates.
"""

import html
import io
import re
import time
import uuid
from datetime import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook
from PIL import Image

from portal.media import MEDIA_HEADERS, object_headers
from tests.admin_forms import management_forms
from tests.deploy.stack import MEDIA_HOST, STAFF_USERNAME
from tests.events.factories import EVENT_INLINES
from tests.files import docx_bytes, jpeg_bytes

pytestmark = [pytest.mark.proxy, pytest.mark.s3]

DOCUMENT = docx_bytes()
RANDOM = "[0-9a-f]{32}"


def sign_in(cluster, instance: int):
    browser = cluster.browser_on(instance)
    answer = browser.post(
        "/admin/login/?next=/admin/",
        {"username": STAFF_USERNAME, "password": cluster.password, "next": "/admin/"},
    )
    assert (answer.status, answer.headers.get("Location")) == (302, "/admin/"), answer.text[:2000]
    return browser


def add_event(cluster, staff, title: str, *, photo: bool) -> str:
    """Enter an event with a Word document (and a photo) through the admin; its public path."""
    fields = {
        "title": title,
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
        "host": str(cluster.rows["organization"]),
        "summary": "",
        **management_forms(EVENT_INLINES, photos=int(photo), documents=1),
        "documents-0-title": "Báo cáo sơ kết",
        "documents-0-order": "0",
        "_continue": "1",
    }
    # The browser's claim is not what the object is served as.
    files = {"documents-0-file": ("Báo cáo sơ kết.docx", DOCUMENT, "text/html")}
    if photo:
        fields |= {"photos-0-caption": "Toàn cảnh Hội nghị", "photos-0-credit": "", "photos-0-order": "0"}
        files["photos-0-image"] = ("toan-canh.jpg", jpeg_bytes(1600, 900), "image/jpeg")
    answer = staff.post("/admin/events/event/add/", fields, files=files)
    assert answer.status == 302, answer.text[:3000]
    # A new event is a draft: published with the list's action, as the secretariat does.
    [pk] = re.findall(r"/admin/events/event/(\d+)/change/", answer.headers["Location"])
    published = staff.post("/admin/events/event/", {"action": "publish", "_selected_action": pk})
    assert published.status == 302, published.text[:3000]
    change = staff.get(answer.headers["Location"]).text
    [slug] = re.findall(r'name="slug"[^>]* value="([a-z0-9-]+)"', change) or re.findall(
        r'value="([a-z0-9-]+)"[^>]* name="slug"', change
    )
    return f"/su-kien/{slug}/"


def media_links(page: str) -> dict[str, str]:
    """The media host's links on a public event page, by what they are."""
    origin = re.escape(f"https://{MEDIA_HOST}:")
    found = {}
    for kind, pattern in {
        "medium": rf"events/renditions/{RANDOM}-medium\.jpg",
        "thumbnail": rf"events/renditions/{RANDOM}-thumbnail\.jpg",
        "document": rf"events/documents/{RANDOM}\.docx",
    }.items():
        match = re.search(rf'"({origin}\d+/{pattern})"', page)
        if match:
            found[kind] = match.group(1)
    return found


@pytest.fixture(scope="module")
def staff(cluster):
    """The staff member, signed in on instance 0."""
    return sign_in(cluster, 0)


@pytest.fixture(scope="module")
def event_page(cluster, staff):
    """An event with a photo and a Word document entered on instance 0; its public page as
    instance 1 shows it once the worker has made the renditions from the bucket."""
    path = add_event(cluster, staff, "Hội nghị sơ kết Quy chế phối hợp", photo=True)
    reader = cluster.browser_on(1)
    deadline = time.monotonic() + 30
    while True:
        page = reader.get(path)
        assert page.status == 200
        if len(media_links(page.text)) == 3 or time.monotonic() > deadline:
            return page.text
        time.sleep(0.3)


def fetch_media(cluster, url: str):
    """A GET of a media link through the proxy, as a reader's browser sends it to the media host."""
    path = url.split(f"{MEDIA_HOST}:{cluster.https_port}", 1)[1]
    return cluster.browser().get(path, Host=f"{MEDIA_HOST}:{cluster.https_port}")


def test_the_proxy_spreads_requests_over_both_gunicorns(cluster):
    marker = f"spread-{uuid.uuid4().hex}"
    browser = cluster.browser()

    for number in range(6):
        assert browser.get(f"/to-chuc/?{marker}={number}").status == 200

    assert len(cluster.gunicorn_access_lines(marker, count=6)) == 6
    # Round robin: each gunicorn answered every other request.
    assert [len(lines) for lines in cluster.lines_by_instance(marker)] == [3, 3]


def test_a_staff_session_made_on_one_gunicorn_is_valid_on_the_other(cluster, staff):
    answer = cluster.browser_on(1, signed_in_as=staff).get("/admin/")

    assert answer.status == 200
    assert "Đăng xuất" in answer.text


def test_failed_sign_ins_on_both_gunicorns_add_up_to_one_lockout(cluster):
    """django-axes counts in the database: five failures, some on each instance, lock the pair
    everywhere (a count kept per process would let an attacker try five times per process)."""
    fields = {"username": "khong-co-ai", "password": "sai", "next": "/admin/"}

    answers = [
        cluster.browser_on(instance).post("/admin/login/?next=/admin/", fields).status
        for instance in (0, 1, 0, 1, 0, 1)
    ]

    # The fifth failure locks; the next try, on the other instance, finds the lock.
    assert answers == [200, 200, 200, 200, 429, 429]


def test_a_photo_uploaded_on_one_gunicorn_is_shown_by_the_other_from_the_bucket(cluster, event_page):
    links = media_links(event_page)

    assert set(links) == {"medium", "thumbnail", "document"}, event_page[:3000]
    sizes = []
    for kind in ("medium", "thumbnail"):
        answer = fetch_media(cluster, links[kind])
        assert answer.status == 200
        assert answer.headers.get_all("Content-Type") == ["image/jpeg"]
        assert {name: answer.headers.get(name) for name in MEDIA_HEADERS} == MEDIA_HEADERS
        assert answer.headers.get("Content-Disposition") is None
        with Image.open(io.BytesIO(answer.body)) as image:
            sizes.append(image.size)
    # Made by the worker from the original in the bucket, stored back in it.
    assert sizes == [(1280, 720), (480, 270)]
    assert cluster.files_on_local_disks() == []


def test_a_document_from_the_bucket_is_a_sandboxed_download_whatever_the_upload_claimed(cluster, event_page):
    url = media_links(event_page)["document"]
    name = url.rsplit("/", 1)[1]

    answer = fetch_media(cluster, url)

    assert answer.status == 200
    assert answer.body == DOCUMENT
    assert answer.headers.get_all("Content-Type") == [object_headers(name)["Content-Type"]]
    assert answer.headers["Content-Disposition"] == f'attachment; filename="{name}"'
    assert {name: answer.headers.get(name) for name in MEDIA_HEADERS} == MEDIA_HEADERS
    assert answer.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert not [header for header in answer.headers if header.lower().startswith("x-amz")]


def test_the_media_host_serves_nothing_else_of_the_bucket(cluster, event_page):
    cluster.bucket.put("events/x.html", b"<script>alert(document.domain)</script>")
    browser = cluster.browser()
    host = f"{MEDIA_HOST}:{cluster.https_port}"

    for path in ("/events/x.html", "/events/photos/missing.jpg", "/", "/events/"):
        answer = browser.get(path, Host=host)
        assert answer.status == 404, path
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Content-Security-Policy"] == MEDIA_HEADERS["Content-Security-Policy"]
        assert b"alert" not in answer.body
    upload = browser.request(
        "/events/photos/new.jpg", data=b"\xff\xd8\xff", headers={"Host": host, "Content-Type": "image/jpeg"}
    )
    # Refused (403), answered like any name the host does not serve.
    assert upload.status == 404
    assert "events/photos/new.jpg" not in cluster.bucket.object_names()


def test_a_change_made_through_one_gunicorn_is_seen_on_the_other(cluster, staff):
    reader = cluster.browser_on(1)
    public = "/to-chuc/hoc-vien/"
    before = reader.get(public).text
    # Instance 1 keeps the page in the shared cache (portal/cache.py)...
    assert reader.get(public).headers.get("X-Page-Cache") == "hit"
    renamed = "Học viện Chính trị quốc gia Hồ Chí Minh (đổi tên thử)"
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%d/%m/%Y")

    answer = staff.post(
        f"/admin/committees/organization/{cluster.rows['organization']}/rename/",
        {"new_name": renamed, "new_short_name": "", "on": today},
    )

    assert answer.status == 302, answer.text[:3000]
    assert renamed not in before
    # ... and the change made through instance 0 made it stale there too: rebuilt, renamed.
    after = reader.get(public)
    assert after.headers.get("X-Page-Cache") == "miss"
    assert renamed in after.text


def test_a_value_cached_by_one_gunicorn_is_read_by_the_other(cluster, staff):
    """The size of a document in the bucket is asked once and kept in the cache
    (portal.files.stored_file_size): instance 0 asks it, the object goes, and instance 1,
    which never showed that page, still shows the size: it can only come from their shared cache."""
    path = add_event(cluster, staff, "Hội thảo khoa học về Nghị quyết 35", photo=False)
    shown = f"DOCX · {len(DOCUMENT)}\xa0byte"
    first = cluster.browser_on(0).get(path).text
    [key] = re.findall(rf"{MEDIA_HOST}:\d+/(events/documents/{RANDOM}\.docx)", first)

    cluster.bucket.s3.delete_object(Bucket=cluster.bucket.name, Key=key)

    assert shown in first
    assert key not in cluster.bucket.object_names()
    assert shown in cluster.browser_on(1).get(path).text


def test_a_spreadsheet_checked_on_one_gunicorn_is_imported_by_the_other(cluster, staff):
    """The uploaded file waits for its confirmation in the cache the machines share (Redis), not
    in one machine's temporary folder: checked on instance 0, confirmed on instance 1."""
    book = Workbook()
    book.active.append(["Họ và tên", "Học hàm, học vị", "Mã", "Tiểu sử tóm tắt"])
    book.active.append(["Phạm Văn Linh", "PGS, TS", "pham-van-linh-scale-out", "Nhập qua hai máy."])
    stream = io.BytesIO()
    book.save(stream)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    checked = staff.post(
        "/admin/committees/person/import/",
        {"resource": "0", "format": ""},
        files={"import_file": ("can-bo.xlsx", stream.getvalue(), xlsx)},
    )
    assert checked.status == 200, checked.text[:3000]
    form = re.search(
        r'<form action="([^"]+)" method="post" class="spreadsheet-confirm">(.*?)</form>', checked.text, re.S
    )
    assert form, checked.text[:3000]
    fields = {
        name: html.unescape(value)
        for name, value in re.findall(r'name="([^"]+)" value="([^"]*)"', form.group(2))
    }
    assert {"import_file_name", "original_file_name", "csrfmiddlewaretoken"} <= set(fields)

    other = cluster.browser_on(1, signed_in_as=staff)
    origin = cluster.https_origin
    confirmed = other.request(
        form.group(1),
        data=urlencode(fields).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": origin + "/admin/committees/person/import/",
        },
    )
    assert (confirmed.status, confirmed.headers.get("Location")) == (302, "/admin/committees/person/"), (
        confirmed.text[:3000]
    )

    exported = other.get("/admin/committees/person/export/?q=Linh")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', exported.text).group(1)
    answer = other.request(
        "/admin/committees/person/export/?q=Linh",
        data=urlencode({"csrfmiddlewaretoken": token, "file_format": "xlsx"}).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": origin + "/admin/committees/person/export/?q=Linh",
        },
    )
    assert answer.status == 200, answer.text[:3000]
    rows = list(load_workbook(io.BytesIO(answer.body)).active.values)
    assert rows == [
        ("Họ và tên", "Học hàm, học vị", "Mã", "Tiểu sử tóm tắt"),
        ("Phạm Văn Linh", "PGS, TS", "pham-van-linh-scale-out", "Nhập qua hai máy."),
    ]
