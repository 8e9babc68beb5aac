import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from portal.services import Row, Rows
from reports.models import (
    PeriodKind,
    Report,
    ReportAttachment,
    ReportItem,
    ReportKind,
    ReportStatus,
    SectionKind,
)
from reports.services import report_approve, report_return, report_save, report_submit
from tests.committees.factories import OrganizationFactory
from tests.reports.factories import REPORT_PERMISSIONS, dated_report, half_year_report, items, staff
from tests.rows import rows_of

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2021, 7, 5, 5, 0, tzinfo=dt.UTC)


@pytest.fixture
def writer():
    return staff(*REPORT_PERMISSIONS, username="writer")


@pytest.fixture
def approver():
    return staff("view_report", "change_report", "approve_report", username="approver")


def errors(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


# --- The period -------------------------------------------------------------------------------------


def test_a_year_fills_both_ends_and_the_year():
    report = half_year_report(period_kind=PeriodKind.YEAR, year=2020, half=None)
    report.refresh_from_db()
    assert (report.period_kind, report.period_start, report.period_end, report.year, report.half) == (
        "year",
        dt.date(2020, 1, 1),
        dt.date(2020, 12, 31),
        2020,
        None,
    )


@pytest.mark.parametrize(
    ("half", "start", "end"),
    [(1, dt.date(2021, 1, 1), dt.date(2021, 6, 30)), (2, dt.date(2021, 7, 1), dt.date(2021, 12, 31))],
)
def test_a_half_is_the_first_or_the_last_six_months(half, start, end):
    report = half_year_report(year=2021, half=half)
    report.refresh_from_db()
    assert (report.period_kind, report.period_start, report.period_end, report.year, report.half) == (
        "half",
        start,
        end,
        2021,
        half,
    )


def test_explicit_dates_of_a_whole_half_are_named_a_half_and_others_stay_explicit():
    named = dated_report(dt.date(2021, 7, 1), dt.date(2021, 12, 31))
    explicit = dated_report(dt.date(2018, 12, 1), dt.date(2021, 6, 30))
    assert (named.period_kind, named.year, named.half) == ("half", 2021, 2)
    assert (explicit.period_kind, explicit.year, explicit.half) == ("custom", None, None)
    assert (explicit.period_start, explicit.period_end) == (dt.date(2018, 12, 1), dt.date(2021, 6, 30))


def test_a_period_starting_after_its_end_is_refused_on_the_end_and_nothing_is_saved():
    organization = OrganizationFactory()
    before = rows_of("reports")
    with pytest.raises(ValidationError) as excinfo:
        dated_report(dt.date(2021, 6, 30), dt.date(2021, 1, 1), organization=organization)
    assert errors(excinfo) == {
        "period_end": ["Giai đoạn kết thúc ngày 01/01/2021, trước ngày bắt đầu 30/06/2021."]
    }
    assert rows_of("reports") == before


@pytest.mark.parametrize("year", [99999, 0, 1944, 2101])
def test_a_year_out_of_range_is_refused_on_the_year(year):
    with pytest.raises(ValidationError) as excinfo:
        half_year_report(year=year)
    assert errors(excinfo) == {"year": ["Nhập một năm từ 1945 đến 2100."]}
    assert Report.objects.count() == 0


def test_a_half_needs_its_year_and_which_half():
    with pytest.raises(ValidationError) as no_year:
        half_year_report(year=None)
    with pytest.raises(ValidationError) as no_half:
        half_year_report(half=3)
    assert errors(no_year) == {"year": ["Nhập năm của kỳ báo cáo."]}
    assert errors(no_half) == {"half": ["Chọn 6 tháng đầu năm hoặc 6 tháng cuối năm."]}


def test_explicit_dates_need_both_ends_within_the_years_allowed():
    with pytest.raises(ValidationError) as no_start:
        dated_report(None, dt.date(2021, 1, 1))
    with pytest.raises(ValidationError) as far:
        dated_report(dt.date(2021, 1, 1), dt.date(9999, 12, 31))
    assert errors(no_start) == {"period_start": ["Nhập ngày đầu tiên của giai đoạn."]}
    assert errors(far) == {"period_end": ["Nhập một ngày từ 01/01/1945 đến 31/12/2100."]}


# --- Duplicates ---------------------------------------------------------------------------------------


def test_an_overlapping_report_of_the_same_unit_and_kind_is_refused_and_nothing_is_saved():
    first = half_year_report(author_unit="Công đoàn cơ sở")
    before = rows_of("reports")
    with pytest.raises(ValidationError) as excinfo:
        dated_report(
            dt.date(2021, 6, 1),
            dt.date(2021, 9, 30),
            organization=first.organization,
            author_unit=" công đoàn cơ sở ",
        )
    assert errors(excinfo) == {
        "period_start": [
            "“Báo cáo sơ kết 6 tháng năm 2021” (01/01/2021 – 30/06/2021) đã báo cáo về giai đoạn này của "
            "cùng đơn vị: hãy sửa báo cáo đó."
        ]
    }
    assert rows_of("reports") == before


def test_a_second_report_for_the_same_half_is_refused_on_the_year():
    first = half_year_report()
    with pytest.raises(ValidationError) as excinfo:
        half_year_report(organization=first.organization, title="Bản khác")
    assert list(errors(excinfo)) == ["year"]


def test_reports_of_other_units_kinds_or_adjacent_periods_are_not_duplicates():
    first = half_year_report(author_unit="Đảng ủy")
    organization = first.organization
    half_year_report(organization=organization, author_unit="Công đoàn cơ sở")
    half_year_report(organization=organization, author_unit="Đảng ủy", kind=ReportKind.THEMATIC)
    half_year_report(organization=organization, author_unit="Đảng ủy", half=2)
    half_year_report(author_unit="Đảng ủy")  # another organisation
    assert Report.objects.filter(organization=organization).count() == 4


def test_a_report_saved_again_does_not_clash_with_itself(writer):
    report = half_year_report(by=writer)
    report.title = "Báo cáo sơ kết (sửa)"
    report_save(report=report, items=Rows(ReportItem, "report"), by=writer)
    assert Report.objects.get().title == "Báo cáo sơ kết (sửa)"


# --- Items and text -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\x00\x07"])
def test_an_item_without_text_is_refused_and_nothing_is_saved(text):
    organization = OrganizationFactory()
    report = Report(
        organization=organization,
        title="Báo cáo",
        kind=ReportKind.RESULTS,
        period_kind=PeriodKind.YEAR,
        year=2021,
    )
    with pytest.raises(ValidationError) as excinfo:
        report_save(report=report, items=items("Kết quả một", (SectionKind.TASKS, text)), by=None)
    assert errors(excinfo) == {
        "text": [
            "Một mục của phần “nhiệm vụ, giải pháp” chưa có nội dung: hãy viết nội dung hoặc xóa mục đó."
        ]
    }
    assert Report.objects.count() == 0
    assert ReportItem.objects.count() == 0


def test_titles_and_texts_are_stored_as_plain_text_without_control_characters():
    report = half_year_report(title="  Báo cáo\x00 sơ kết\r\n6 tháng\x1b ", author_unit="Đảng ủy\t")
    report_save(
        report=report,
        items=Rows.of(
            ReportItem,
            "report",
            ReportItem(
                section=SectionKind.DIRECTIONS, heading="Một là,\nthứ nhất\x00", text="a\r\nb\x00c\u2028d "
            ),
        ),
        by=None,
    )
    report.refresh_from_db()
    assert (report.title, report.author_unit) == ("Báo cáo sơ kết 6 tháng", "Đảng ủy")
    direction = report.items.get(section=SectionKind.DIRECTIONS)
    assert (direction.heading, direction.text) == ("Một là, thứ nhất", "a\nbc\nd")


def test_items_are_numbered_in_each_section_in_the_order_given(writer):
    report = Report(
        organization=OrganizationFactory(),
        title="Báo cáo kết quả",
        kind=ReportKind.RESULTS,
        period_kind=PeriodKind.YEAR,
        year=2021,
    )
    given = [
        ReportItem(section=SectionKind.TASKS, order=9, text="giải pháp B"),
        ReportItem(section=SectionKind.RESULTS, order=5, text="kết quả A"),
        ReportItem(section=SectionKind.TASKS, order=2, text="giải pháp A"),
        ReportItem(section=SectionKind.RESULTS, order=7, text="kết quả B"),
    ]
    report_save(report=report, items=Rows.of(ReportItem, "report", *given), by=writer)
    stored = list(report.items.values_list("section", "order", "text"))
    assert stored == [(1, 1, "kết quả A"), (1, 2, "kết quả B"), (4, 1, "giải pháp A"), (4, 2, "giải pháp B")]

    # Another item put first, one removed: the others are renumbered after it.
    first, second = report.items.filter(section=SectionKind.RESULTS)
    new = ReportItem(section=SectionKind.RESULTS, order=0, text="kết quả mới")
    report_save(report=report, items=Rows(ReportItem, "report", save=[Row(new)], delete=[first]), by=writer)
    results = report.items.filter(section=SectionKind.RESULTS)
    assert list(results.values_list("order", "text")) == [(1, "kết quả mới"), (2, "kết quả B")]
    assert second.pk in set(report.items.values_list("pk", flat=True))


def test_an_attachment_is_saved_with_the_report():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.files import pdf_bytes

    report = half_year_report()
    upload = SimpleUploadedFile("bao-cao.pdf", pdf_bytes(), content_type="application/pdf")
    report_save(
        report=report,
        items=Rows(ReportItem, "report"),
        attachments=Rows.of(
            ReportAttachment, "report", ReportAttachment(title=" Toàn văn\x00 ", file=upload)
        ),
        by=None,
    )
    attachment = report.attachments.get()
    assert attachment.title == "Toàn văn"
    assert attachment.file.name.startswith("reports/attachments/")


# --- Permissions and history ------------------------------------------------------------------------


def test_saving_needs_the_add_or_change_permission():
    reader = staff("view_report")
    with pytest.raises(PermissionDenied):
        half_year_report(by=reader)
    report = half_year_report()
    with pytest.raises(PermissionDenied):
        report_save(report=report, items=Rows(ReportItem, "report"), by=reader)


def test_the_history_says_who_added_and_changed_it(writer):
    report = half_year_report(by=writer)
    report.title = "Tên mới"
    report_save(report=report, items=items("Một kết quả nữa"), by=writer)
    entries = list(LogEntry.objects.filter(object_id=str(report.pk)).order_by("pk"))
    assert [(entry.user_id, entry.action_flag) for entry in entries] == [(writer.pk, 1), (writer.pk, 2)]
    assert (
        entries[1].get_change_message() == "Đã thay đổi tiêu đề. Đã thêm nội dung báo cáo “Một kết quả nữa”."
    )


# --- The workflow -------------------------------------------------------------------------------------


def test_submit_then_approve_records_who_and_when(writer, approver):
    report = half_year_report(by=writer)
    report_submit(report=report, by=writer, now=NOON)
    report_approve(report=report, by=approver, now=NOON + dt.timedelta(days=1))
    report.refresh_from_db()
    assert (report.status, report.submitted_by, report.submitted_at) == ("approved", writer, NOON)
    assert (report.approved_by, report.approved_at) == (approver, NOON + dt.timedelta(days=1))
    history = LogEntry.objects.filter(object_id=str(report.pk)).order_by("pk")
    messages = list(history.values_list("user_id", "change_message"))
    assert messages[1:] == [(writer.pk, "Đã gửi duyệt."), (approver.pk, "Đã duyệt.")]


def test_whoever_submitted_may_not_approve_unless_the_setting_allows(settings):
    both = staff(*REPORT_PERMISSIONS, "approve_report")
    report = half_year_report(by=both)
    report_submit(report=report, by=both)
    with pytest.raises(ValidationError) as excinfo:
        report_approve(report=report, by=both)
    assert excinfo.value.messages == ["Người gửi báo cáo không thể tự duyệt báo cáo đó."]
    assert Report.objects.get().status == ReportStatus.SUBMITTED

    settings.REPORTS_ALLOW_SELF_APPROVAL = True
    report_approve(report=report, by=both)
    assert Report.objects.get().status == ReportStatus.APPROVED


def test_approving_needs_the_approve_permission(writer):
    report = half_year_report(by=writer)
    report_submit(report=report, by=writer)
    with pytest.raises(PermissionDenied):
        report_approve(report=report, by=staff(*REPORT_PERMISSIONS))
    assert Report.objects.get().status == ReportStatus.SUBMITTED


def test_only_draft_to_submitted_to_approved(writer, approver):
    report = half_year_report(by=writer)
    with pytest.raises(ValidationError) as draft:
        report_approve(report=report, by=approver)
    assert draft.value.messages == ["Không thể “Duyệt” báo cáo đang ở tình trạng “dự thảo”."]
    report_submit(report=report, by=writer)
    with pytest.raises(ValidationError):
        report_submit(report=report, by=writer)
    report_approve(report=report, by=approver)
    with pytest.raises(ValidationError):
        report_approve(report=report, by=approver)
    with pytest.raises(ValidationError):
        report_return(report=report, by=approver, note="Sửa lại")


def test_a_stale_copy_cannot_move_a_report_twice(writer, approver):
    report = half_year_report(by=writer)
    stale = Report.objects.get(pk=report.pk)
    report_submit(report=report, by=writer)
    with pytest.raises(ValidationError):
        report_submit(report=stale, by=writer)


def test_a_report_without_items_cannot_be_submitted(writer):
    report = Report(
        organization=OrganizationFactory(),
        title="Báo cáo trống",
        kind=ReportKind.ANNUAL,
        period_kind=PeriodKind.YEAR,
        year=2021,
    )
    report_save(report=report, items=Rows(ReportItem, "report"), by=writer)
    with pytest.raises(ValidationError) as excinfo:
        report_submit(report=report, by=writer)
    assert excinfo.value.messages == ["Báo cáo cần có ít nhất một mục nội dung."]


def test_a_submitted_report_goes_back_to_draft_with_a_note(writer, approver):
    report = half_year_report(by=writer)
    report_submit(report=report, by=writer)
    with pytest.raises(ValidationError) as no_note:
        report_return(report=report, by=approver, note=" \x00 ")
    assert errors(no_note) == {"note": ["Nêu những điểm cần sửa."]}
    report_return(report=report, by=approver, note="Bổ sung số liệu đào tạo.")
    report.refresh_from_db()
    assert (report.status, report.submitted_by, report.submitted_at) == ("draft", None, None)
    entry = LogEntry.objects.filter(object_id=str(report.pk)).latest("pk")
    assert (entry.user, entry.change_message) == (
        approver,
        "Đã trả lại thành dự thảo: Bổ sung số liệu đào tạo.",
    )


def test_staff_cannot_change_a_submitted_or_approved_report(writer, approver):
    report = half_year_report(by=writer)
    report_submit(report=report, by=writer)
    report.title = "Sửa sau khi gửi"
    with pytest.raises(ValidationError) as excinfo:
        report_save(report=report, items=Rows(ReportItem, "report"), by=writer)
    assert excinfo.value.messages == [
        "Báo cáo đang ở tình trạng “đã gửi duyệt” không sửa được; cần trả lại thành dự thảo trước."
    ]
    assert Report.objects.get().title == "Báo cáo sơ kết 6 tháng năm 2021"


def test_saving_keeps_the_workflow_fields_as_the_workflow_left_them(writer, approver):
    report = half_year_report(by=writer)
    report_submit(report=report, by=writer, now=NOON)
    report_approve(report=report, by=approver, now=NOON)
    copy = Report.objects.get(pk=report.pk)
    copy.status, copy.approved_by, copy.title = ReportStatus.DRAFT, None, "Cập nhật từ nguồn"
    report_save(report=copy, items=Rows(ReportItem, "report"), by=None)  # the demo loader
    report.refresh_from_db()
    assert (report.title, report.status, report.approved_by) == ("Cập nhật từ nguồn", "approved", approver)


def test_a_new_report_starts_as_a_draft_whatever_it_says(writer):
    report = Report(
        organization=OrganizationFactory(),
        title="Báo cáo",
        kind=ReportKind.ANNUAL,
        period_kind=PeriodKind.YEAR,
        year=2021,
        status=ReportStatus.APPROVED,
        approved_by=writer,
    )
    report_save(report=report, items=items("Kết quả"), by=writer)
    report.refresh_from_db()
    assert (report.status, report.approved_by) == ("draft", None)
