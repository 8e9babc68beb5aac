"""A leader opens a summary's printable page, prints it to PDF and downloads its workbook."""

import io

import pytest
from django.contrib.auth.models import Permission, User
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import DESKTOP
from tests.e2e.test_events import log_in
from tests.reports.snapshots import SNAPSHOT, store_summary

pytestmark = pytest.mark.django_db(transaction=True)

# window.print() opens a dialog headless Chromium cannot show; the test counts the calls instead.
COUNT_PRINTS = "window.__prints = 0; window.print = () => { window.__prints += 1; };"


@pytest.fixture
def leader():
    user = User.objects.create_user("lanhdao", password="mat-khau-thu-ky-2025", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="view_summary", content_type__app_label="reports")
    )
    return user


def test_leader_prints_the_summary_to_pdf_and_downloads_its_workbook(
    live_server, open_page, leader, tmp_path
):
    summary = store_summary()
    page = open_page(DESKTOP)
    page.context.add_init_script(COUNT_PRINTS)
    log_in(page, live_server, leader)
    page.goto(f"{live_server.url}/quan-tri/tong-hop/{summary.pk}/in/")

    expect(page.locator("h1")).to_have_text(SNAPSHOT["title"])
    expect(page.locator("svg.chart")).to_have_count(4)
    expect(page.locator("svg.chart").first).to_be_visible()
    button = page.get_by_role("button", name="In / Lưu PDF")
    button.click()
    assert page.evaluate("window.__prints") == 1

    page.emulate_media(media="print")
    expect(page.locator(".print-toolbar")).to_be_hidden()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    firsts = [p.extract_text().splitlines()[0] for p in pdf.pages]
    # Each section starts a page; the lists run over two.
    assert [line for line in firsts if line[:3] in {"I. ", "II.", "III", "IV.", "V. "}] == [
        "II. Biểu đồ", "III. Nổi bật", "IV. Báo cáo của các đơn vị", "V. Danh sách",
    ]  # fmt: skip
    assert "Tải bảng tính" not in pdf.pages[0].extract_text()
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải bảng tính (XLSX)").click()
    assert (
        download.value.suggested_filename
        == "tong-hop-6-thang-dau-nam-2021-hoc-vien-chinh-tri-khu-vuc-ii.xlsx"
    )
    saved = tmp_path / "tong-hop.xlsx"
    download.value.save_as(saved)
    assert load_workbook(saved)["Tổng hợp"]["A1"].value == SNAPSHOT["title"]
    assert page.errors == []
