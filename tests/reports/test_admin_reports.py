import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from reports.models import Report, ReportItem, ReportStatus, SectionKind
from reports.services import report_submit
from tests import admin_forms
from tests.admin_forms import change_form_data, form_errors, inline_errors, management_forms
from tests.committees.factories import OrganizationFactory
from tests.files import pdf_bytes
from tests.reports.factories import REPORT_PERMISSIONS, half_year_report, staff
from tests.rows import rows_of

pytestmark = pytest.mark.django_db

PREFIXES = ("items", "items-2", "items-3", "items-4", "attachments")


def url(view, *args):
    return admin_forms.admin_url(Report, view, *args)


def workflow_url(report, name):
    from django.urls import reverse

    return reverse("admin:reports_report_workflow", args=[report.pk, name])


@pytest.fixture
def writer(client):
    user = staff(*REPORT_PERMISSIONS, "view_report", username="writer")
    client.force_login(user)
    return user


@pytest.fixture
def organization():
    return OrganizationFactory(name="Học viện Chính trị khu vực II")


def add_data(organization, **fields) -> dict:
    return {
        "organization": str(organization.pk),
        "kind": "six_month",
        "title": "Báo cáo sơ kết 6 tháng đầu năm 2021",
        "author_unit": "",
        "period_kind": "half",
        "period_year": "2021",
        "period_half": "1",
        "period_start": "",
        "period_end": "",
        **management_forms(PREFIXES, **{"items": 2, "items-3": 1}),
        "items-0-order": "2",
        "items-0-heading": "",
        "items-0-text": "Hoàn thành chỉ tiêu đào tạo.",
        "items-1-order": "1",
        "items-1-heading": "Một là",
        "items-1-text": "Thực hiện mục tiêu kép.",
        "items-3-0-order": "1",
        "items-3-0-heading": "",
        "items-3-0-text": "Đẩy mạnh đào tạo trực tuyến.",
        **fields,
    }


def test_the_change_form_has_one_inline_per_section_then_the_attachments(admin_client):
    response = admin_client.get(url("add"))
    assert response.status_code == 200
    assert [fieldset.name for fieldset in response.context["adminform"]] == [None, "Kỳ báo cáo", "Trình bày"]
    inlines = response.context["inline_admin_formsets"]
    assert [inline.formset.prefix for inline in inlines] == list(PREFIXES)
    assert [str(inline.opts.verbose_name_plural) for inline in inlines] == [
        "Kết quả",
        "Hạn chế và nguyên nhân",
        "Phương hướng",
        "Nhiệm vụ, giải pháp",
        "Tệp đính kèm",
    ]


def test_a_report_is_added_with_its_items_and_attachment_through_the_service(client, writer, organization):
    upload = SimpleUploadedFile("bao-cao.pdf", pdf_bytes(), content_type="application/pdf")
    data = add_data(
        organization,
        **{"attachments-TOTAL_FORMS": "1", "attachments-0-title": "Toàn văn", "attachments-0-order": "1"},
    )
    data["attachments-0-file"] = upload
    response = client.post(url("add"), data)
    assert response.status_code == 302, (form_errors(response), inline_errors(response))
    report = Report.objects.get()
    assert (report.period_kind, report.period_start, report.period_end, report.year, report.half) == (
        "half",
        dt.date(2021, 1, 1),
        dt.date(2021, 6, 30),
        2021,
        1,
    )
    assert (report.status, report.submitted_by) == (ReportStatus.DRAFT, None)
    assert list(report.items.values_list("section", "order", "heading", "text")) == [
        (SectionKind.RESULTS, 1, "Một là", "Thực hiện mục tiêu kép."),
        (SectionKind.RESULTS, 2, "", "Hoàn thành chỉ tiêu đào tạo."),
        (SectionKind.DIRECTIONS, 1, "", "Đẩy mạnh đào tạo trực tuyến."),
    ]
    assert list(report.attachments.values_list("title", flat=True)) == ["Toàn văn"]
    entries = LogEntry.objects.filter(object_id=str(report.pk))
    assert [(entry.user_id, entry.action_flag) for entry in entries] == [(writer.pk, 1)]


def test_the_change_form_saves_an_edit_of_one_section(client, writer, organization):
    report = half_year_report(organization=organization, by=writer)
    page = client.get(url("change", report.pk))
    data = change_form_data(page)
    data["items-0-text"] = "Hoàn thành vượt chỉ tiêu đào tạo."
    response = client.post(url("change", report.pk), data)
    assert response.status_code == 302, (form_errors(response), inline_errors(response))
    assert list(report.items.values_list("text", flat=True)) == ["Hoàn thành vượt chỉ tiêu đào tạo."]


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"period_kind": "custom", "period_start": "30/06/2021", "period_end": "01/01/2021"},
            {"period_end": ["Giai đoạn kết thúc ngày 01/01/2021, trước ngày bắt đầu 30/06/2021."]},
        ),
        ({"period_year": "99999"}, {"period_year": ["Nhập một năm từ 1945 đến 2100."]}),
        ({"period_half": ""}, {"period_half": ["Chọn 6 tháng đầu năm hoặc 6 tháng cuối năm."]}),
        (
            {"period_kind": "custom", "period_start": "", "period_end": ""},
            {"period_start": ["Nhập ngày đầu tiên của giai đoạn."]},
        ),
    ],
)
def test_a_bad_period_is_shown_on_its_field_and_nothing_is_saved(
    client, writer, organization, fields, errors
):
    response = client.post(url("add"), add_data(organization, **fields))
    assert response.status_code == 200
    assert form_errors(response) == errors
    assert Report.objects.count() == 0


def test_an_overlapping_report_is_refused_on_the_form(client, writer, organization):
    half_year_report(organization=organization)
    before = rows_of("reports")
    response = client.post(url("add"), add_data(organization, title="Bản trùng"))
    assert response.status_code == 200
    assert list(form_errors(response)) == ["period_year"]
    assert "đã báo cáo về giai đoạn này" in form_errors(response)["period_year"][0]
    assert rows_of("reports") == before


@pytest.mark.parametrize("text", ["   ", "\x07\x1b"])
def test_an_item_without_text_is_refused_on_its_row_and_nothing_is_saved(client, writer, organization, text):
    response = client.post(url("add"), add_data(organization, **{"items-3-0-text": text}))
    assert response.status_code == 200
    rows, _whole = inline_errors(response)["items-3"]
    assert list(rows[0]) == ["text"]
    assert Report.objects.count() == 0
    assert ReportItem.objects.count() == 0


def test_a_submitted_report_is_read_only_with_the_steps_the_user_may_take(client, organization):
    writer = staff(*REPORT_PERMISSIONS)
    approver = staff("view_report", "approve_report")
    report = half_year_report(organization=organization, by=writer)
    report_submit(report=report, by=writer)
    client.force_login(approver)
    response = client.get(url("change", report.pk))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert [step.name for step in response.context["workflow"]] == ["approve", "return"]
    assert workflow_url(report, "approve") in response.content.decode()
    period = [fieldset for fieldset in response.context["adminform"] if fieldset.name == "Kỳ báo cáo"][0]
    assert period.fields == ("period",)
    assert "6 tháng đầu năm 2021" in response.content.decode()
    client.force_login(writer)
    assert client.get(url("change", report.pk)).context["workflow"] == []


def test_submit_and_approve_buttons_call_the_services_with_who_and_when(client, organization):
    writer, approver = staff(*REPORT_PERMISSIONS), staff("view_report", "approve_report")
    report = half_year_report(organization=organization, by=writer)
    client.force_login(writer)
    response = client.post(workflow_url(report, "submit"))
    assert response.status_code == 302
    client.force_login(approver)
    client.post(workflow_url(report, "approve"))
    report.refresh_from_db()
    assert (report.status, report.submitted_by, report.approved_by) == ("approved", writer, approver)
    assert report.approved_at is not None


def test_staff_without_the_approve_permission_get_403_and_nothing_changes(client, organization):
    writer = staff(*REPORT_PERMISSIONS)
    report = half_year_report(organization=organization, by=writer)
    report_submit(report=report, by=writer)
    client.force_login(staff(*REPORT_PERMISSIONS))
    assert client.post(workflow_url(report, "approve")).status_code == 403
    assert client.post(workflow_url(report, "return"), {"note": "Sửa"}).status_code == 403
    assert Report.objects.get().status == ReportStatus.SUBMITTED


def test_whoever_submitted_cannot_approve_and_is_told_why(client, organization):
    both = staff(*REPORT_PERMISSIONS, "approve_report")
    report = half_year_report(organization=organization, by=both)
    report_submit(report=report, by=both)
    client.force_login(both)
    response = client.post(workflow_url(report, "approve"), follow=True)
    assert [str(message) for message in response.context["messages"]] == [
        f"“{report.title}” không được thay đổi: Người gửi báo cáo không thể tự duyệt báo cáo đó."
    ]
    assert Report.objects.get().status == ReportStatus.SUBMITTED


def test_sending_back_asks_for_a_note_then_returns_the_report_to_draft(client, organization):
    writer, approver = staff(*REPORT_PERMISSIONS), staff("view_report", "approve_report")
    report = half_year_report(organization=organization, by=writer)
    report_submit(report=report, by=writer)
    client.force_login(approver)
    asked = client.post(workflow_url(report, "return"))
    assert asked.status_code == 200
    assert list(asked.context["form"].fields) == ["note"]
    assert Report.objects.get().status == ReportStatus.SUBMITTED
    done = client.post(workflow_url(report, "return"), {"note": "Bổ sung số liệu."})
    assert done.status_code == 302
    assert Report.objects.get().status == ReportStatus.DRAFT


def test_a_step_is_a_post_and_unknown_steps_are_404(client, writer, organization):
    report = half_year_report(organization=organization)
    assert client.get(workflow_url(report, "submit")).status_code == 405
    assert client.post(workflow_url(report, "publish")).status_code == 404


def test_the_list_shows_unit_kind_period_and_status_and_filters_by_overlapping_year(admin_client):
    half_year_report(author_unit="Công đoàn cơ sở", title="Công đoàn 2021")
    from tests.reports.factories import dated_report

    dated_report(dt.date(2018, 10, 22), dt.date(2021, 5, 23), title="Kết quả 2018-2021")
    response = admin_client.get(url("changelist"))
    rows = [
        (
            r.title,
            r.unit,
            r.get_kind_display(),
            response.context["cl"].model_admin.period(r),
            r.get_status_display(),
        )
        for r in response.context["cl"].result_list
    ]
    assert rows == [
        ("Công đoàn 2021", "Công đoàn cơ sở", "sơ kết 6 tháng", "6 tháng đầu năm 2021", "dự thảo"),
        ("Kết quả 2018-2021", rows[1][1], "sơ kết 6 tháng", "22/10/2018 – 23/05/2021", "dự thảo"),
    ]
    filtered = admin_client.get(url("changelist"), {"year": "2019"})
    assert [r.title for r in filtered.context["cl"].result_list] == ["Kết quả 2018-2021"]
    years = [
        choice["display"] for choice in filtered.context["cl"].filter_specs[2].choices(filtered.context["cl"])
    ]
    assert years[1:] == ["2021", "2020", "2019", "2018"]


def test_changelist_queries_do_not_grow_with_rows(admin_client, django_assert_max_num_queries):
    half_year_report()
    with django_assert_max_num_queries(30) as few:
        admin_client.get(url("changelist"))
    for year in range(2000, 2020):
        half_year_report(year=year)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(url("changelist"))
    assert len(response.context["cl"].result_list) == 21


def test_a_form_without_organisation_or_kind_is_refused_with_their_messages(client, writer, organization):
    response = client.post(url("add"), add_data(organization) | {"organization": "", "kind": ""})
    assert response.status_code == 200
    assert sorted(form_errors(response)) == ["kind", "organization"]
    assert Report.objects.count() == 0
