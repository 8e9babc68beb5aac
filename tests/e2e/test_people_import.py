"""A secretary enters last year's people from Excel: the template, a refused file, the fix, the import.

On the secretariat's laptop (1,366 × 768), as a staff member holding only the people
permissions and the import one: download the template from the people list, fill two rows
(one with a title the portal does not know), see the preview refuse the file with the row and
the reason and import nothing, correct the row, see both people previewed as new, confirm,
and find them stored with their titles read from the one column.
"""

import io

import pytest
from django.contrib.auth.models import Permission, User
from openpyxl import load_workbook
from playwright.sync_api import expect

from committees.models import Person
from tests.browser import LAPTOP

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-ky-2026"
PERMISSIONS = ["view_person", "add_person", "change_person", "import_person"]


@pytest.fixture
def secretary():
    user = User.objects.create_user("thuky.kv2", password=PASSWORD, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="committees", codename__in=PERMISSIONS)
    )
    return user


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def filled(template: bytes, rows: list[dict[str, str]]) -> bytes:
    """The downloaded template with its example rows replaced by `rows` (by column header)."""
    book = load_workbook(io.BytesIO(template))
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append([row.get(header, "") for header in headers])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_a_secretary_imports_people_from_the_template_after_fixing_a_refused_row(
    live_server, open_page, secretary, tmp_path
):
    page = open_page(LAPTOP)
    log_in(page, live_server, secretary)
    page.goto(f"{live_server.url}/admin/committees/person/")
    page.click("a.import_link")

    with page.expect_download() as download:
        page.click("a.import_template_link")
    template = download.value.path().read_bytes()
    headers = [cell.value for cell in load_workbook(io.BytesIO(template)).worksheets[0][1]]
    assert sorted(headers) == sorted(["Mã", "Họ và tên", "Học hàm, học vị", "Tiểu sử tóm tắt"])

    minh = {"Họ và tên": "Nguyễn Văn Minh", "Học hàm, học vị": "PGS, TS", "Tiểu sử tóm tắt": "Giảng viên."}
    lan = {"Họ và tên": "Trần Thị Lan", "Học hàm, học vị": "GSTS"}
    refused = tmp_path / "can-bo.xlsx"
    refused.write_bytes(filled(template, [minh, lan]))
    page.set_input_files("#id_import_file", str(refused))
    page.click("#spreadsheet-check")

    expect(page.locator(".spreadsheet-refused td.row-number")).to_have_text(["3"])
    reason = page.locator(".spreadsheet-refused li").all_inner_texts()
    assert len(reason) == 1
    assert reason[0].startswith("Học hàm, học vị: ")
    assert "GSTS" in reason[0]
    assert page.locator("#spreadsheet-confirm").count() == 0
    assert Person.objects.count() == 0
    assert page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 0

    lan["Học hàm, học vị"] = "TS"
    fixed = tmp_path / "can-bo-da-sua.xlsx"
    fixed.write_bytes(filled(template, [minh, lan]))
    page.set_input_files("#id_import_file", str(fixed))
    page.click("#spreadsheet-check")
    expect(page.locator(".spreadsheet-preview td.row-kind")).to_have_text(["mới", "mới"])
    assert page.locator(".spreadsheet-refused").count() == 0
    page.click("#spreadsheet-confirm")

    page.wait_for_url(f"{live_server.url}/admin/committees/person/")
    assert (
        page.locator(".messagelist .success").inner_text() == "Đã nhập xong: thêm 2, cập nhật 0, 0 không đổi."
    )
    assert sorted(Person.objects.values_list("full_name", "academic_title", "degree", "bio")) == [
        ("Nguyễn Văn Minh", "PGS", "TS", "Giảng viên."),
        ("Trần Thị Lan", "", "TS", ""),
    ]
    assert page.errors == []
