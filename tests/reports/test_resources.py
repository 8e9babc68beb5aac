"""The reports' spreadsheet: metadata exported, never imported, escaped and dated."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from portal.exchange import registry
from portal.exchange.formats import write_xlsx
from reports.models import Report
from reports.resources import ReportResource
from reports.services import report_approve, report_submit
from tests.committees.factories import OrganizationFactory, PersonFactory
from tests.events.factories import EventFactory
from tests.reports.factories import dated_report, half_year_report

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_reports_are_registered_for_export_only():
    assert registry.entry_for(Report).resource is ReportResource
    assert registry.entry_for(Report).importable is False


def test_export_cells_read_back_with_openpyxl(django_assert_num_queries):
    organization = OrganizationFactory(name="Học viện Chính trị khu vực I")
    event = EventFactory(title="Hội nghị sơ kết", host=organization)
    approved = half_year_report(
        organization=organization,
        title="=Báo cáo sơ kết 6 tháng đầu năm 2021",
        author_unit="Công đoàn",
        event=event,
        presenter=PersonFactory(full_name="Hoàng Phúc Lâm"),
    )
    # Submitted at 23:30 UTC on 30/06: the 1st of July in Hà Nội.
    report_submit(report=approved, by=None, now=dt.datetime(2021, 6, 30, 23, 30, tzinfo=dt.UTC))
    report_approve(report=approved, by=None, now=dt.datetime(2021, 7, 5, 9, 0, tzinfo=HANOI))
    dated_report(dt.date(2021, 1, 1), dt.date(2021, 3, 31), organization=organization, title="-Báo cáo quý I")
    resource = ReportResource()
    stream = io.BytesIO()
    with django_assert_num_queries(1):
        write_xlsx(stream, resource.export_headers(), resource.export_rows(Report.objects.order_by("pk")))
    sheet = load_workbook(io.BytesIO(stream.getvalue())).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [
        [
            "Tiêu đề",
            "Loại báo cáo",
            "Đơn vị",
            "Đơn vị soạn thảo",
            "Kỳ báo cáo",
            "Từ ngày",
            "Đến ngày",
            "Trạng thái",
            "Trình bày tại",
            "Người trình bày",
            "Ngày gửi",
            "Ngày duyệt",
        ],
        [
            "'=Báo cáo sơ kết 6 tháng đầu năm 2021",
            "sơ kết 6 tháng",
            "Học viện Chính trị khu vực I",
            "Công đoàn",
            "6 tháng",
            dt.datetime(2021, 1, 1),  # noqa: DTZ001 - a workbook cell is naive
            dt.datetime(2021, 6, 30),  # noqa: DTZ001
            "đã duyệt",
            "Hội nghị sơ kết",
            "Hoàng Phúc Lâm",
            dt.datetime(2021, 7, 1),  # noqa: DTZ001
            dt.datetime(2021, 7, 5),  # noqa: DTZ001
        ],
        [
            "'-Báo cáo quý I",
            "sơ kết 6 tháng",
            "Học viện Chính trị khu vực I",
            None,
            "từ ngày đến ngày",
            dt.datetime(2021, 1, 1),  # noqa: DTZ001
            dt.datetime(2021, 3, 31),  # noqa: DTZ001
            "dự thảo",
            None,
            None,
            None,
            None,
        ],
    ]
    assert sheet["A2"].data_type == "s"
    assert sheet["F2"].number_format == "DD/MM/YYYY"
