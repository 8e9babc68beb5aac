"""Spreadsheets in a browser on the secretariat's laptop (1,366 × 768): the buttons of a list, the
export page, an import previewed then confirmed, and an export job followed to its download —
no horizontal scrolling, no script error, nothing the Content-Security-Policy blocks."""

import pytest
from django.contrib.auth.models import Permission, User

from committees.models import Province, Region
from portal.exchange.models import ExportJob
from portal.exchange.services import export_job_run
from tests.browser import LAPTOP
from tests.committees.factories import ProvinceFactory, RegionFactory
from tests.exchange.admin_helpers import read_csv, regions_imported_by_region_resource, registered, workbook

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-ky-2025"
OVERFLOW = "document.scrollingElement.scrollWidth - window.innerWidth"


@pytest.fixture
def secretary():
    with regions_imported_by_region_resource(), registered(Province):
        user = User.objects.create_user("thuky", password=PASSWORD, is_staff=True)
        # Every permission but the users' and groups' (whoever holds those signs in with an app).
        user.user_permissions.set(Permission.objects.exclude(content_type__app_label="auth"))
        yield user


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_an_import_is_previewed_refused_then_confirmed(live_server, open_page, secretary, tmp_path):
    RegionFactory(name="Tây Bắc", slug="tay-bac", order=1)
    page = open_page(LAPTOP)
    log_in(page, live_server, secretary)

    page.goto(f"{live_server.url}/admin/committees/region/")
    page.click("a.import_link")
    refused = tmp_path / "vung-loi.xlsx"
    refused.write_bytes(
        workbook(
            ["Tên vùng", "Thứ tự"],
            *[[f"Vùng có một cái tên rất dài để thử bảng xem trước số {n}", n] for n in range(30)],
            ["Tây Nguyên", "mười"],
        )
    )
    page.set_input_files("#id_import_file", str(refused))
    page.click("#spreadsheet-check")

    assert page.locator(".spreadsheet-refused td.row-number").all_inner_texts() == ["32"]
    assert page.locator(".spreadsheet-refused li").all_inner_texts() == [
        "Thứ tự: “mười” không phải là số nguyên."
    ]
    assert page.locator("#spreadsheet-confirm").count() == 0
    assert page.evaluate(OVERFLOW) <= 0

    valid = tmp_path / "vung.xlsx"
    valid.write_bytes(workbook(["Tên vùng", "Thứ tự"], ["Tây Bắc", 4], ["Tây Nguyên", 3]))
    page.set_input_files("#id_import_file", str(valid))
    page.click("#spreadsheet-check")
    assert page.locator(".spreadsheet-preview td.row-kind").all_inner_texts() == ["cập nhật", "mới"]
    page.click("#spreadsheet-confirm")

    page.wait_for_url(f"{live_server.url}/admin/committees/region/")
    assert (
        page.locator(".messagelist .success").inner_text() == "Đã nhập xong: thêm 1, cập nhật 1, 0 không đổi."
    )
    assert dict(Region.objects.values_list("name", "order")) == {"Tây Bắc": 4, "Tây Nguyên": 3}
    assert page.errors == []


def test_a_big_export_is_followed_on_its_page_until_the_download_appears(
    live_server, open_page, secretary, settings, tmp_path, monkeypatch
):
    settings.EXPORT_ASYNC_THRESHOLD = 1
    settings.EXPORTS_ROOT = tmp_path / "exports"
    south = RegionFactory(name="Tây Nam Bộ", slug="tay-nam-bo")
    ProvinceFactory(name="Cần Thơ", slug="can-tho", region=south)
    ProvinceFactory(name="An Giang", slug="an-giang", region=south)
    ProvinceFactory(name="Điện Biên", slug="dien-bien")
    # The job waits in the queue until the test runs it: the page must follow it by itself.
    monkeypatch.setattr("portal.exchange.services.enqueue_on_commit", lambda task, *args: None)
    page = open_page(LAPTOP)
    log_in(page, live_server, secretary)

    page.goto(f"{live_server.url}/admin/committees/province/?region__id__exact={south.pk}")
    page.click("a.export_link")
    assert page.locator(".spreadsheet-count").inner_text() == "2 dòng của danh sách đã lọc sẽ được xuất."
    assert page.evaluate(OVERFLOW) <= 0
    page.check("input[value=csv]")
    page.click("#spreadsheet-export")

    job = ExportJob.objects.get()
    page.wait_for_url(f"{live_server.url}/admin/exchange/exportjob/{job.pk}/")
    assert page.locator("#export-download").is_hidden()
    export_job_run(job_id=job.pk)
    page.locator("#export-download").wait_for(state="visible", timeout=5000)
    assert page.locator(".export-percent").inner_text() == "100%"
    assert page.evaluate(OVERFLOW) <= 0

    with page.expect_download() as download:
        page.click("#export-download")
    assert [row[0] for row in read_csv(download.value.path().read_bytes())] == ["Tên", "An Giang", "Cần Thơ"]
    assert page.errors == []
