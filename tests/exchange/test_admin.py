"""Spreadsheets in the admin: export of the filtered list, import with its preview, the template."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from committees.models import Province, Region
from tests.committees.factories import ProvinceFactory, RegionFactory
from tests.exchange.admin_helpers import (
    RegionResource,
    body,
    read_csv,
    read_xlsx,
    regions_imported_by_region_resource,
    registered,
    staff,
    workbook,
)

pytestmark = pytest.mark.django_db

PROVINCE_EXPORT = reverse("admin:committees_province_export")
PROVINCE_LIST = reverse("admin:committees_province_changelist")
REGION_EXPORT = reverse("admin:committees_region_export")
REGION_IMPORT = reverse("admin:committees_region_import")
REGION_PROCESS = reverse("admin:committees_region_process_import")
REGION_TEMPLATE = reverse("admin:committees_region_import_template")
REGION_LIST = reverse("admin:committees_region_changelist")


@pytest.fixture
def regions_importable():
    RegionResource.writers.clear()
    with regions_imported_by_region_resource():
        yield


@pytest.fixture(autouse=True)
def _generic_provinces():
    """Provinces (and regions, unless a test imports them) exported with the generic resource of a
    list, whatever the committees app registers."""
    with registered(Province), registered(Region):
        yield


@pytest.fixture
def provinces():
    south = RegionFactory(name="Tây Nam Bộ", slug="tay-nam-bo")
    north = RegionFactory(name="Tây Bắc", slug="tay-bac")
    ProvinceFactory(
        name="Cần Thơ", slug="can-tho", kind="city", code="92", region=south, valid_from=dt.date(2004, 1, 1)
    )
    ProvinceFactory(name="An Giang", slug="an-giang", code="89", region=south)
    ProvinceFactory(name="Điện Biên", slug="dien-bien", code="11", region=north)
    return south


PROVINCE_HEADERS = (
    "Tên",
    "Loại",
    "Mã",
    "Đường dẫn (slug)",
    "Khu vực",
    "Hiệu lực từ",
    "Hiệu lực đến",
    "Hợp nhất vào",
)


def test_export_writes_the_filtered_and_searched_rows_of_the_list_to_xlsx(admin_client, provinces):
    query = f"?region__id__exact={provinces.pk}&o=1"

    response = admin_client.post(PROVINCE_EXPORT + query, {"file_format": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="tinh-thanh-pho-')
    rows = read_xlsx(body(response))
    assert rows[0] == PROVINCE_HEADERS
    # Ordered by name as the list was (o=1), only the region's provinces, choices as labels,
    # the region by its name, dates as dates.
    assert rows[1:] == [
        ("An Giang", "tỉnh", "89", "an-giang", "Tây Nam Bộ", None, None, None),
        (
            "Cần Thơ",
            "thành phố trực thuộc trung ương",
            "92",
            "can-tho",
            "Tây Nam Bộ",
            dt.datetime(2004, 1, 1),  # noqa: DTZ001 - openpyxl reads a date cell as a naive datetime
            None,
            None,
        ),
    ]


def test_export_to_csv_keeps_the_search_of_the_list(admin_client, provinces):
    response = admin_client.post(PROVINCE_EXPORT + "?q=dien", {"file_format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert read_csv(body(response)) == [
        list(PROVINCE_HEADERS),
        ["Điện Biên", "tỉnh", "11", "dien-bien", "Tây Bắc", "", "", ""],
    ]


def test_the_export_button_carries_the_filters_of_the_list(admin_client, provinces):
    page = admin_client.get(PROVINCE_LIST + f"?q=can&region__id__exact={provinces.pk}").content.decode()

    assert f'href="{PROVINCE_EXPORT}?q=can&amp;region__id__exact={provinces.pk}"' in page


def test_export_reads_the_same_number_of_queries_for_3_or_21_rows(admin_client, provinces):
    def queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert admin_client.post(PROVINCE_EXPORT, {"file_format": "xlsx"}).status_code == 200
        return len(captured)

    few = queries()
    for number in range(18):
        ProvinceFactory(
            name=f"Tỉnh {number:02d}",
            slug=f"tinh-{number}",
            region=provinces,
            merged_into=Province.objects.first(),
        )

    assert queries() == few


def test_export_page_counts_the_rows_of_the_filtered_list(admin_client, provinces):
    response = admin_client.get(PROVINCE_EXPORT + f"?region__id__exact={provinces.pk}")

    assert response.status_code == 200
    assert "2 dòng của danh sách đã lọc sẽ được xuất." in response.content.decode()


def test_exported_cells_never_run_as_formulas(admin_client):
    RegionFactory(name='=HYPERLINK("http://evil.example","Bấm vào")', slug="evil")
    RegionFactory(name="@SUM(A1)", slug="at-sum")

    xlsx = read_xlsx(body(admin_client.post(REGION_EXPORT, {"file_format": "xlsx"})))
    csv_rows = read_csv(body(admin_client.post(REGION_EXPORT, {"file_format": "csv"})))

    assert sorted(row[0] for row in xlsx[1:]) == [
        '\'=HYPERLINK("http://evil.example","Bấm vào")',
        "'@SUM(A1)",
    ]
    assert sorted(row[0] for row in csv_rows[1:]) == [
        '\'=HYPERLINK("http://evil.example","Bấm vào")',
        "'@SUM(A1)",
    ]


def test_a_wrong_filter_in_the_export_address_goes_back_to_the_list(admin_client, provinces):
    response = admin_client.get(PROVINCE_EXPORT + "?valid_from__year=99999999999")

    assert response.status_code == 302
    assert response["Location"] == PROVINCE_LIST


def test_export_needs_the_export_permission_and_its_link_is_hidden_without_it(client, django_user_model):
    RegionFactory(name="Tây Nguyên", slug="tay-nguyen")
    viewer = staff(django_user_model, "view_region")
    client.force_login(viewer)

    page = client.get(REGION_LIST).content.decode()
    assert client.get(REGION_LIST).status_code == 200
    assert REGION_EXPORT not in page
    assert client.get(REGION_EXPORT).status_code == 403
    assert client.post(REGION_EXPORT, {"file_format": "xlsx"}).status_code == 403

    blind = staff(django_user_model, "export_region", username="khong-xem")
    client.force_login(blind)
    assert client.post(REGION_EXPORT, {"file_format": "xlsx"}).status_code == 403

    exporter = staff(django_user_model, "view_region", "export_region", username="xuat")
    client.force_login(exporter)
    assert REGION_EXPORT in client.get(REGION_LIST).content.decode()
    assert read_xlsx(body(client.post(REGION_EXPORT, {"file_format": "xlsx"})))[1][0] == "Tây Nguyên"


def test_a_list_without_a_registered_resource_offers_no_import(admin_client):
    assert admin_client.get(reverse("admin:committees_province_import")).status_code == 403
    assert "import_link" not in admin_client.get(PROVINCE_LIST).content.decode()


def test_import_needs_the_import_permission_and_its_links_are_hidden_without_it(
    client, django_user_model, regions_importable
):
    client.force_login(staff(django_user_model, "view_region", "export_region"))

    page = client.get(REGION_LIST).content.decode()
    assert REGION_IMPORT not in page
    assert REGION_TEMPLATE not in page
    assert client.get(REGION_IMPORT).status_code == 403
    assert client.get(REGION_TEMPLATE).status_code == 403
    upload = _upload(workbook(["Tên vùng", "Thứ tự"], ["Tây Nguyên", 3]))
    assert client.post(REGION_IMPORT, _form(upload)).status_code == 403
    assert Region.objects.count() == 0

    # The import permission alone brings no right to add or change the records a file holds.
    client.force_login(staff(django_user_model, "view_region", "import_region", username="chi-xem"))
    assert REGION_IMPORT not in client.get(REGION_LIST).content.decode()
    assert client.get(REGION_IMPORT).status_code == 403

    importer = staff(django_user_model, "view_region", "add_region", "import_region", username="nhap")
    client.force_login(importer)
    page = client.get(REGION_LIST).content.decode()
    assert REGION_IMPORT in page
    assert REGION_TEMPLATE in page


def test_preview_lists_the_invalid_rows_with_their_spreadsheet_row_and_reason_and_offers_no_confirm(
    admin_client, regions_importable
):
    RegionFactory(name="Tây Bắc", slug="tay-bac", order=1)
    upload = _upload(
        workbook(
            ["Tên vùng", "Thứ tự"],
            ["Tây Bắc", 1],
            ["Tây Nguyên", "mười"],
            ["Đông Nam Bộ", 4],
            ["tây nguyên", 5],
        )
    )

    response = admin_client.post(REGION_IMPORT, _form(upload))

    page = response.content.decode()
    assert response.status_code == 200
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert REGION_PROCESS not in page
    refused = {row["number"]: row["messages"] for row in response.context["preview"]["refused"]}
    assert refused == {
        3: ["Thứ tự: “mười” không phải là số nguyên."],
        5: ["Dòng này trùng với dòng 3 (cùng Tên vùng)."],
    }
    assert [(row["number"], row["kind"]) for row in response.context["preview"]["rows"]] == [
        (2, "skip"),
        (3, "invalid"),
        (4, "new"),
        (5, "invalid"),
    ]
    assert "Thứ tự: “mười” không phải là số nguyên." in page
    assert "1 mới, 0 được cập nhật, 1 không đổi, 2 không nhập được." in page
    assert list(Region.objects.values_list("name", flat=True)) == ["Tây Bắc"]


def test_a_file_with_a_missing_column_is_refused_naming_it(admin_client, regions_importable):
    upload = _upload(workbook(["Tên vùng", "Thu tu x"], ["Tây Nguyên", 3]))

    response = admin_client.post(REGION_IMPORT, _form(upload))

    page = response.content.decode()
    assert "Thiếu cột: Thứ tự." in page
    assert REGION_PROCESS not in page


def test_a_file_that_is_not_a_spreadsheet_gets_a_vietnamese_error(admin_client, regions_importable):
    upload = _upload(b"\x00\x01 not a workbook", name="vung.xlsx")

    response = admin_client.post(REGION_IMPORT, _form(upload))

    assert response.status_code == 200
    errors = response.context["form"].errors["import_file"]
    assert len(errors) == 1
    assert "bảng tính" in errors[0]


def test_a_file_of_another_kind_is_refused(admin_client, regions_importable):
    upload = _upload(b"name\n", name="vung.txt")

    response = admin_client.post(REGION_IMPORT, _form(upload))

    assert response.context["form"].errors["import_file"] == ["Chỉ nhập được bảng tính .xlsx và .csv."]


def test_a_file_past_5_mb_is_refused_with_its_size_before_it_is_read(admin_client, regions_importable):
    upload = _upload(b"PK\x03\x04" + b"0" * (6 * 1024 * 1024), name="vung.xlsx")

    response = admin_client.post(REGION_IMPORT, _form(upload))

    assert response.context["form"].errors["import_file"] == [
        "Tệp quá lớn (6,0 MB): bảng tính cần nhập chỉ được tối đa 5 MB."
    ]
    assert "result" not in response.context


def test_confirm_applies_the_previewed_file_kept_in_the_shared_cache(
    admin_client, admin_user, regions_importable
):
    RegionFactory(name="Tây Bắc", slug="tay-bac", order=1)
    content = workbook(["Tên vùng", "Thứ tự"], ["Tây Bắc", 7], ["Tây Nguyên", 3])

    preview = admin_client.post(REGION_IMPORT, _form(_upload(content)))

    confirm = preview.context["confirm_form"]
    name = confirm.initial["import_file_name"]
    assert cache.get(f"django-import-export-{name}") == content  # the file waits in the cache
    assert [(row["number"], row["kind"]) for row in preview.context["preview"]["rows"]] == [
        (2, "update"),
        (3, "new"),
    ]
    assert Region.objects.get(name="Tây Bắc").order == 1  # nothing written by the preview

    response = admin_client.post(
        REGION_PROCESS,
        {
            "import_file_name": name,
            "original_file_name": "vung.xlsx",
            "format": confirm.initial["format"],
            "resource": "0",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == REGION_LIST
    assert dict(Region.objects.values_list("name", "order")) == {"Tây Bắc": 7, "Tây Nguyên": 3}
    # Each row written as the importing user: in the preview's dry run (rolled back), then for good.
    assert [by.pk for by in RegionResource.writers] == [admin_user.pk] * 4
    assert cache.get(f"django-import-export-{name}") is None
    messages = [str(message) for message in admin_client.get(REGION_LIST).context["messages"]]
    assert messages == ["Đã nhập xong: thêm 1, cập nhật 1, 0 không đổi."]


def test_confirming_a_file_no_longer_in_the_cache_asks_for_it_again(admin_client, regions_importable):
    response = admin_client.post(
        REGION_PROCESS,
        {"import_file_name": "gone", "original_file_name": "vung.xlsx", "format": "0", "resource": "0"},
    )

    assert response.status_code == 302
    assert response["Location"] == REGION_IMPORT
    assert Region.objects.count() == 0


def test_a_csv_file_is_previewed_like_a_workbook(admin_client, regions_importable):
    content = "\ufeffTên vùng,Thứ tự\nTây Nguyên,3\nBắc Bộ,x\n".encode()

    response = admin_client.post(REGION_IMPORT, _form(_upload(content, name="vung.csv")))

    refused = {row["number"]: row["messages"] for row in response.context["preview"]["refused"]}
    assert refused == {3: ["Thứ tự: “x” không phải là số nguyên."]}
    assert response.context.get("confirm_form") is None


def test_template_download_holds_the_import_columns_and_the_example_row(admin_client, regions_importable):
    response = admin_client.get(REGION_TEMPLATE)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-khu-vuc.xlsx"'
    assert read_xlsx(body(response)) == [("Tên vùng", "Thứ tự"), ("Tây Nam Bộ", 1)]


def test_a_list_with_its_own_template_keeps_its_tools_with_the_spreadsheet_buttons(admin_client):
    page = admin_client.get(reverse("admin:agreements_agreement_changelist")).content.decode()

    assert reverse("admin:agreements_agreement_dashboard") in page
    assert reverse("admin:agreements_agreement_export") in page


def _form(upload) -> dict:
    """The import form as a browser posts it: the file and the hidden fields of the page."""
    return {"import_file": upload, "resource": "0", "format": ""}


def _upload(content: bytes, name: str = "vung.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
