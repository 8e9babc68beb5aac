"""The summary's workbook, opened with openpyxl and read cell by cell."""

import copy
import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from reports.outputs.workbook import summary_workbook
from tests.reports.snapshots import ROWS, SNAPSHOT, store_summary

pytestmark = pytest.mark.django_db

SHEETS = ["Tổng hợp", "Biểu đồ", "Sự kiện", "Quyết định", "Thỏa thuận", "Nhiệm vụ", "Bài viết"]


def day(year: int, month: int, number: int) -> dt.datetime:
    """A date cell as openpyxl reads it back: a naive datetime at midnight (Excel has no time zones)."""
    return dt.datetime(year, month, number)  # noqa: DTZ001


def written(summary, **kwargs) -> io.BytesIO:
    stream = io.BytesIO()
    summary_workbook(summary, stream, **kwargs)
    stream.seek(0)
    return stream


def opened(summary, **kwargs):
    return load_workbook(written(summary, **kwargs))


def values(ws) -> list[tuple]:
    return [tuple(cell.value for cell in row) for row in ws.iter_rows()]


def test_sheets_are_named_in_vietnamese_in_reading_order():
    assert opened(store_summary()).sheetnames == SHEETS


def test_summary_sheet_states_title_scope_periods_and_indicators_with_change():
    ws = opened(store_summary())["Tổng hợp"]
    assert ws["A1"].value == SNAPSHOT["title"]
    assert ws["A1"].font.b is True
    assert [ws.cell(2, c).value for c in range(1, 5)] == [
        "Phạm vi",
        "Học viện Chính trị khu vực II",
        "Số tổ chức",
        7,
    ]
    assert [ws.cell(3, c).value for c in range(1, 5)] == [
        "Kỳ báo cáo", "6 tháng đầu năm 2021", day(2021, 1, 1), day(2021, 6, 30)
    ]  # fmt: skip
    assert [ws.cell(4, c).value for c in range(1, 5)] == [
        "Kỳ trước", "6 tháng cuối năm 2020", day(2020, 7, 1), day(2020, 12, 31)
    ]  # fmt: skip
    assert values(ws)[5:] == [
        ("Nhóm", "Chỉ tiêu", "Đơn vị tính", "Kỳ này", "Kỳ trước", "Thay đổi", "%"),
        ("Sự kiện", "Sự kiện đã tổ chức", "sự kiện", 3, 2, 1, 0.5),
        ("Sự kiện", "Hội thảo cấp Bộ", "hội thảo", 1, 0, 1, None),
        ("Bài viết", "Lượt xem bài viết", "lượt", 3068, 4000, -932, -0.233),
    ]
    assert all(ws.cell(6, c).font.b for c in range(1, 8))
    assert [ws.cell(7, c).number_format for c in range(4, 8)] == ["#,##0", "#,##0", "#,##0", "0.0%"]
    assert (ws["C3"].is_date, ws["C3"].number_format) == (True, "dd/mm/yyyy")
    assert ws.freeze_panes == "A7"
    # Column B holds the indicators' names and, above them, the scope and the periods.
    assert ws.column_dimensions["B"].width == len("Học viện Chính trị khu vực II") + 2


def test_events_sheet_lists_rows_with_date_cells_and_frozen_header():
    ws = opened(store_summary(), base_url="https://bcd35.example")["Sự kiện"]
    rows = values(ws)
    assert rows[0] == (
        "STT", "Ngày", "Đến ngày", "Chưa rõ ngày", "Tên sự kiện", "Loại", "Cấp", "Hình thức", "Trạng thái",
        "Đơn vị chủ trì", "Số tham luận", "Đường dẫn",
    )  # fmt: skip
    assert rows[1:] == [
        (1, day(2021, 1, 20), None, None, "Hội thảo khoa học về bảo vệ nền tảng tư tưởng của Đảng",
         "Hội thảo", "Cấp Bộ", "Trực tiếp", "Đã tổ chức", "Học viện Chính trị khu vực II", 12,
         "https://bcd35.example/su-kien/hoi-thao-khoa-hoc/"),
        (2, day(2021, 3, 1), day(2021, 3, 31), "Có", "Tọa đàm trực tuyến với Công đoàn cơ sở",
         "Tọa đàm", None, "Trực tuyến", "Đã tổ chức", "Công đoàn cơ sở", 0, "https://bcd35.example/su-kien/toa-dam/"),
        (3, day(2021, 5, 13), None, None, "Hội nghị sơ kết 6 tháng đầu năm 2021", "Hội nghị", None,
         "Trực tiếp", "Đã tổ chức", "Học viện Chính trị khu vực II", 2, "https://bcd35.example/su-kien/hoi-nghi-so-ket/"),
    ]  # fmt: skip
    assert all(ws.cell(1, c).font.b for c in range(1, 13))
    for cell in (ws["B2"], ws["B3"], ws["C3"], ws["B4"]):
        assert (cell.is_date, cell.number_format) == (True, "dd/mm/yyyy")
    assert ws.freeze_panes == "B2"


def test_list_columns_fit_their_longest_text_within_a_cap():
    ws = opened(store_summary())["Sự kiện"]
    assert (
        ws.column_dimensions["E"].width == len("Hội thảo khoa học về bảo vệ nền tảng tư tưởng của Đảng") + 2
    )
    assert ws.column_dimensions["F"].width == len("Hội thảo") + 2
    assert ws.column_dimensions["B"].width == 12
    long_title = dict(ROWS["events"][0], title="Hội thảo " * 30)
    ws = opened(store_summary(rows={**ROWS, "events": [long_title]}))["Sự kiện"]
    assert ws.column_dimensions["E"].width == 60


def test_other_sheets_list_decisions_agreements_tasks_and_articles():
    workbook = opened(store_summary())
    assert values(workbook["Quyết định"])[1] == (
        1, "123/QĐ-BCĐ35", day(2021, 2, 3), "Quyết định thành lập Tổ giúp việc Ban Chỉ đạo 35",
        "Thành lập", "Ban Chỉ đạo 35 Học viện Chính trị khu vực II", "/to-chuc/quyet-dinh/123/",
    )  # fmt: skip
    assert values(workbook["Thỏa thuận"])[1] == (
        1, "Quy chế phối hợp đấu tranh phản bác quan điểm sai trái", "07/QC-PH", "Quy chế phối hợp",
        "Đang có hiệu lực", day(2021, 4, 2), day(2021, 4, 2), None,
        "Học viện Chính trị khu vực II; Báo Quân đội nhân dân", "ký kết; đánh giá",
        "/thoa-thuan/quy-che-phoi-hop/",
    )  # fmt: skip
    assert values(workbook["Nhiệm vụ"])[1:] == [
        (1, "Quy chế phối hợp đấu tranh phản bác quan điểm sai trái", "Tổ chức hội thảo chung",
         "Học viện Chính trị khu vực II", day(2021, 6, 15), "Đã hoàn thành", None),
        (2, "Quy chế phối hợp đấu tranh phản bác quan điểm sai trái", "Đăng loạt bài phản bác",
         "Báo Quân đội nhân dân", day(2021, 5, 31), "Đang thực hiện", "Có"),
    ]  # fmt: skip
    articles = workbook["Bài viết"]
    assert values(articles)[0] == ("STT", "Ngày đăng", "Tiêu đề", "Chuyên mục", "Lượt xem", "Đường dẫn")
    # 23:30 UTC on 31/01 is 06:30 on 01/02 in Việt Nam.
    assert [row[1] for row in values(articles)[1:]] == [day(2021, 5, 14), day(2021, 2, 1)]
    assert [row[4] for row in values(articles)[1:]] == [2948, 120]


def test_chart_sheet_holds_the_monthly_data_and_a_stacked_native_chart_of_events_by_kind():
    ws = opened(store_summary())["Biểu đồ"]
    rows = values(ws)
    assert rows[1][:4] == ("Tháng", "Hội nghị", "Hội thảo", "Tọa đàm")
    assert [row[:4] for row in rows[2:8]] == [
        ("01/2021", 0, 1, 0), ("02/2021", 0, 0, 0), ("03/2021", 0, 0, 1),
        ("04/2021", 0, 0, 0), ("05/2021", 1, 0, 0), ("06/2021", 0, 0, 0),
    ]  # fmt: skip
    assert [row[:3] for row in rows[10:17]] == [
        ("Tháng", "Bài viết đã đăng", "Lượt xem"), ("01/2021", 0, 0), ("02/2021", 1, 120), ("03/2021", 0, 0),
        ("04/2021", 0, 0), ("05/2021", 1, 2948), ("06/2021", 0, 0),
    ]  # fmt: skip
    # Column B heads "Hội nghị" above and "Bài viết đã đăng" below; D only "Tọa đàm".
    assert [ws.column_dimensions[c].width for c in "ABCD"] == [12, len("Bài viết đã đăng") + 2, 12, 12]
    events, articles = ws._charts
    assert (events.tagname, events.grouping, events.overlap) == ("barChart", "stacked", 100)
    assert [s.val.numRef.f for s in events.series] == [
        "'Biểu đồ'!$B$3:$B$8", "'Biểu đồ'!$C$3:$C$8", "'Biểu đồ'!$D$3:$D$8"
    ]  # fmt: skip
    assert [s.tx.strRef.f for s in events.series] == ["'Biểu đồ'!B2", "'Biểu đồ'!C2", "'Biểu đồ'!D2"]
    assert events.series[0].cat.numRef.f == "'Biểu đồ'!$A$3:$A$8"
    assert [s.val.numRef.f for s in articles.series] == ["'Biểu đồ'!$B$12:$B$17"]
    assert (events.y_axis.majorUnit, events.x_axis.delete, events.y_axis.delete) == (1, False, False)


def test_chart_xml_is_in_the_file():
    with zipfile.ZipFile(written(store_summary())) as package:
        names = package.namelist()
        assert sorted(n for n in names if n.startswith("xl/charts/")) == [
            "xl/charts/chart1.xml",
            "xl/charts/chart2.xml",
        ]
        chart = package.read("xl/charts/chart1.xml").decode()
    assert '<grouping val="stacked" />' in chart
    assert chart.count("<ser>") == 3


def test_formula_looking_text_is_stored_as_text_not_formula():
    hostile = ['=HYPERLINK("http://x","y")', "+1+2", "-3", "@SUM(A1)", "\tTab", "\rCR", "a\x0bb"]
    events = [dict(ROWS["events"][0], title=text) for text in hostile]
    snapshot = copy.deepcopy(SNAPSHOT)
    snapshot["title"] = "=1+1"
    stream = written(store_summary(snapshot, {**ROWS, "events": events}))
    workbook = load_workbook(stream)
    titles = [workbook["Sự kiện"].cell(row, 5) for row in range(2, 2 + len(hostile))]
    # XML parsers read a bare CR as LF; a control character XML forbids (a vertical tab pasted from
    # Word) is dropped.
    assert [cell.value for cell in titles] == [*hostile[:5], "\nCR", "ab"]
    assert {cell.data_type for cell in titles} == {"s"}
    assert all(cell.quotePrefix for cell in titles[:-1])
    assert (workbook["Tổng hợp"]["A1"].value, workbook["Tổng hợp"]["A1"].data_type) == ("=1+1", "s")
    with zipfile.ZipFile(stream) as package:
        sheets = [package.read(n).decode() for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in xml for xml in sheets)


def test_summary_of_zeros_without_kinds_writes_empty_lists_and_no_events_chart():
    snapshot = copy.deepcopy(SNAPSHOT)
    snapshot.update(indicators=[], events_by_month=[], counts=dict.fromkeys(snapshot["counts"], 0))
    snapshot["articles_by_month"] = {"published": [0] * 6, "views": [0] * 6}
    workbook = opened(store_summary(snapshot, {}))
    assert values(workbook["Sự kiện"])[1:] == []
    assert values(workbook["Tổng hợp"])[5:] == [
        ("Nhóm", "Chỉ tiêu", "Đơn vị tính", "Kỳ này", "Kỳ trước", "Thay đổi", "%")
    ]
    assert [chart.tagname for chart in workbook["Biểu đồ"]._charts] == ["barChart"]


def test_rows_are_read_in_chunks_with_one_query_per_sheet_and_one_for_widths(django_assert_num_queries):
    summary = store_summary()
    with django_assert_num_queries(6):
        written(summary)
