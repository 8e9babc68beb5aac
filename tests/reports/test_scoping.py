"""Reports, summaries, the dashboard, export jobs and imports within the staff scope
(portal/scoping.py), and the audit trail they leave (portal/history.py).

Two academies: Học viện Chính trị khu vực II (with a provincial school under it) and khu vực
IV. Their staff see and change only their own records; a system administrator sees all.
"""

import datetime as dt

import pytest
import tablib
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from import_export.fields import Field

from committees.models import Organization
from events.models import Event
from portal.exchange import services as exchange_services
from portal.exchange.models import ExportJob
from portal.exchange.resources import SpreadsheetResource
from portal.exchange.widgets import ChoiceWidget, IntegerWidget, LookupWidget, TextWidget
from portal.history import acting_user
from portal.lib.periods import Period
from portal.roles import LEADER, SECRETARIAT
from portal.scoping import ScopeError
from reports.models import PeriodKind, Report, ReportKind, ReportStatus, Summary, SummaryJob
from reports.scopes import Scope
from reports.services import (
    report_approve,
    report_save,
    report_submit,
    summary_assemble,
    summary_job_retry,
    summary_job_start,
)
from reports.services import summaries as summary_services
from tests.committees.factories import OrganizationFactory, RegionFactory
from tests.events.factories import EventFactory, EventSiteFactory
from tests.reports.factories import half_year_report, items
from tests.staff import in_role, member_of, sees_everything

pytestmark = pytest.mark.django_db

H1_2021 = Period.of_half(2021, 1)


@pytest.fixture(autouse=True)
def _in_vietnamese():
    """The services' messages as staff read them (a request would activate Vietnamese)."""
    with translation.override("vi"):
        yield


@pytest.fixture
def south():
    return RegionFactory(name="Tây Nam Bộ")


@pytest.fixture
def academies(south):
    """KV II, a school under it, and KV IV (in the south region)."""
    kv2 = OrganizationFactory(name="Học viện Chính trị khu vực II")
    school = OrganizationFactory(name="Trường Chính trị tỉnh Bình Dương", parent=kv2)
    kv4 = OrganizationFactory(name="Học viện Chính trị khu vực IV", region=south)
    return kv2, school, kv4


def staff_user(username: str, *roles, organizations=()) -> User:
    user = User.objects.create_user(username, password="x", is_staff=True)
    in_role(user, *roles)
    member_of(user, *organizations)
    return User.objects.get(pk=user.pk)  # fresh caches, as a request would load it


@pytest.fixture
def secretary(academies):
    return staff_user("thu-ky-kv2", SECRETARIAT, organizations=[academies[0]])


@pytest.fixture
def leader(academies):
    return staff_user("lanh-dao-kv2", LEADER, organizations=[academies[0]])


@pytest.fixture
def approver(academies):
    return staff_user("duyet-kv2", SECRETARIAT, LEADER, organizations=[academies[0]])


# --- Report services ---------------------------------------------------------------------------


def test_a_secretary_saves_and_submits_their_schools_report_and_the_history_names_them(secretary, academies):
    report = half_year_report(organization=academies[1], by=secretary)
    report.title = "Báo cáo sơ kết 6 tháng (sửa)"
    report_save(report=report, items=items("Đã sửa."), by=secretary)
    report_submit(report=report, by=secretary)

    history = report.history.order_by("history_date", "history_id")
    assert [(h.history_type, h.title, h.status, h.history_user) for h in history] == [
        ("+", "Báo cáo sơ kết 6 tháng năm 2021", ReportStatus.DRAFT, secretary),
        ("~", "Báo cáo sơ kết 6 tháng (sửa)", ReportStatus.DRAFT, secretary),
        ("~", "Báo cáo sơ kết 6 tháng (sửa)", ReportStatus.SUBMITTED, secretary),
    ]
    assert {h.history_user for h in report.items.model.history.filter(report_id=report.pk)} == {secretary}


def test_another_organisations_report_cannot_be_changed_nor_moved_and_stays_as_it_was(secretary, academies):
    theirs = half_year_report(organization=academies[2], title="Báo cáo của khu vực IV")
    theirs.title = "Đổi tên"
    with pytest.raises(ScopeError) as refused:
        report_save(report=theirs, items=items("Một kết quả."), by=secretary)
    assert refused.value.code == "out_of_scope"
    assert refused.value.messages == [
        "“Báo cáo của khu vực IV” thuộc tổ chức khác: anh/chị chỉ được sửa bản ghi của tổ chức mình."
    ]
    with pytest.raises(ScopeError):
        report_submit(report=theirs, by=secretary)
    stored = Report.objects.get(pk=theirs.pk)
    assert (stored.title, stored.status, stored.items.count()) == (
        "Báo cáo của khu vực IV",
        ReportStatus.DRAFT,
        1,
    )


def test_a_report_cannot_be_made_for_or_moved_to_another_organisation(secretary, academies):
    with pytest.raises(ScopeError):
        half_year_report(organization=academies[2], by=secretary)
    assert not Report.objects.filter(organization=academies[2]).exists()

    mine = half_year_report(organization=academies[0], by=secretary)
    mine.organization = academies[2]
    with pytest.raises(ScopeError):
        report_save(report=mine, items=items("Chuyển đi."), by=secretary)
    assert Report.objects.get(pk=mine.pk).organization == academies[0]


def test_approval_is_refused_outside_the_approvers_organisations(approver, academies):
    theirs = half_year_report(organization=academies[2])
    report_submit(report=theirs, by=None)
    with pytest.raises(ScopeError):
        report_approve(report=theirs, by=approver)
    assert Report.objects.get(pk=theirs.pk).status == ReportStatus.SUBMITTED

    mine = half_year_report(organization=academies[0])
    report_submit(report=mine, by=None)
    report_approve(report=mine, by=approver)
    assert mine.history.latest("history_date").history_user == approver


# --- Reports' admin ------------------------------------------------------------------------------


def test_the_report_list_and_pages_show_only_the_users_organisations(client, secretary, academies):
    mine = half_year_report(organization=academies[1], title="Báo cáo của trường")
    theirs = half_year_report(organization=academies[2], title="Báo cáo của khu vực IV")
    client.force_login(secretary)

    listed = client.get(reverse("admin:reports_report_changelist"))
    assert [report.pk for report in listed.context["cl"].result_list] == [mine.pk]
    assert client.get(reverse("admin:reports_report_change", args=[mine.pk])).status_code == 200
    other = client.get(reverse("admin:reports_report_change", args=[theirs.pk]))
    assert (other.status_code, other["Location"]) == (302, reverse("admin:index"))
    step = client.post(reverse("admin:reports_report_workflow", args=[theirs.pk, "submit"]))
    assert step.status_code == 404
    assert Report.objects.get(pk=theirs.pk).status == ReportStatus.DRAFT


def test_the_report_form_offers_only_the_users_organisations(client, secretary, academies):
    client.force_login(secretary)
    page = client.get(reverse("admin:reports_report_add"))
    choices = page.context["adminform"].form.fields["organization"].queryset
    assert set(choices) == {academies[0], academies[1]}


# --- Summaries -----------------------------------------------------------------------------------


def test_a_scoped_leader_starts_summaries_of_their_organisations_only(leader, academies, south):
    kv2, school, kv4 = academies
    job = summary_job_start(scope=Scope.of_organization(school), period=H1_2021, by=leader)
    assert (job.organization, job.requested_by) == (school, leader)
    for scope, message in (
        (Scope.of_organization(kv4), "Anh/chị chỉ được tổng hợp số liệu của tổ chức mình"),
        (Scope.of_region(south), "Chỉ quản trị hệ thống mới được tổng hợp"),
        (Scope.system(), "Chỉ quản trị hệ thống mới được tổng hợp"),
    ):
        with pytest.raises(ScopeError) as refused:
            summary_job_start(scope=scope, period=H1_2021, by=leader)
        assert refused.value.messages[0].startswith(message)
        with pytest.raises(ScopeError):
            summary_assemble(scope=scope, period=H1_2021, by=leader)
    assert list(SummaryJob.objects.values_list("organization", flat=True)) == [school.pk]
    assert not Summary.objects.exists()


def test_a_system_administrator_summarises_any_scope(academies, south):
    admin = sees_everything(staff_user("quan-tri"))
    for scope in (Scope.of_organization(academies[2]), Scope.of_region(south), Scope.system()):
        assert summary_job_start(scope=scope, period=H1_2021, by=admin).requested_by == admin


def test_the_start_page_refuses_a_scope_outside_the_leaders(client, leader, academies):
    client.force_login(leader)
    page = client.get(reverse("admin:reports_summary_start"))
    form = page.context["adminform"].form
    assert [value for value, _label in form.fields["scope_kind"].choices] == ["organization"]
    assert form["scope_kind"].value() == "organization"
    assert form["organization"].value() == academies[0].pk  # their academy, chosen already
    assert f'<option value="{academies[0].pk}" selected>{academies[0].name}</option>' in page.text
    assert set(form.fields["organization"].queryset) == {academies[0], academies[1]}

    period = {"period_kind": "half", "year": "2021", "half": "1"}
    system = client.post(reverse("admin:reports_summary_start"), {"scope_kind": "system", **period})
    other = client.post(
        reverse("admin:reports_summary_start"),
        {"scope_kind": "organization", "organization": academies[2].pk, **period},
    )
    assert (system.status_code, other.status_code) == (200, 200)
    assert "scope_kind" in system.context["adminform"].form.errors
    assert "organization" in other.context["adminform"].form.errors
    assert not SummaryJob.objects.exists()


def test_the_summary_job_runs_as_the_user_who_asked_for_it(leader, academies, monkeypatch):
    seen = []
    assemble = summary_services.summary_assemble

    def recording(**kwargs):
        seen.append(acting_user())
        return assemble(**kwargs)

    monkeypatch.setattr(summary_services, "summary_assemble", recording)
    job = summary_job_start(scope=Scope.of_organization(academies[0]), period=H1_2021, by=leader)
    summary = summary_services.summary_job_run(job_id=job.pk)
    assert seen == [leader]
    assert (summary.organization, summary.assembled_by) == (academies[0], leader)


def test_summaries_and_jobs_are_listed_and_served_within_the_scope(client, leader, academies, south):
    kv2, school, kv4 = academies
    mine = summary_assemble(scope=Scope.of_organization(school), period=H1_2021, by=None)
    theirs = summary_assemble(scope=Scope.of_organization(kv4), period=H1_2021, by=None)
    region = summary_assemble(scope=Scope.of_region(south), period=H1_2021, by=None)
    system = summary_assemble(scope=Scope.system(), period=H1_2021, by=None)
    their_job = summary_job_start(scope=Scope.of_organization(kv4), period=H1_2021, by=None)
    system_job = summary_job_start(scope=Scope.system(), period=Period.of_half(2021, 2), by=None)
    client.force_login(leader)

    listed = client.get(reverse("admin:reports_summary_changelist"))
    assert {summary.pk for summary in listed.context["cl"].result_list} == {mine.pk, system.pk}
    jobs = client.get(reverse("admin:reports_summaryjob_changelist"))
    assert [job.pk for job in jobs.context["cl"].result_list] == [system_job.pk]
    for summary, status in ((mine, 200), (system, 200), (theirs, 404), (region, 404)):
        assert client.get(reverse("reports:summary_print", args=[summary.pk])).status_code == status
        assert client.get(reverse("reports:summary_workbook", args=[summary.pk])).status_code == status
    assert client.get(reverse("admin:reports_summary_job", args=[their_job.pk])).status_code == 404
    assert client.get(reverse("admin:reports_summary_job_progress", args=[their_job.pk])).status_code == 404


def test_a_region_summary_is_shared_read_only_with_the_regions_organisations(client, academies, south):
    kv4 = academies[2]
    region = summary_assemble(scope=Scope.of_region(south), period=H1_2021, by=None)
    kv4_leader = staff_user("lanh-dao-kv4", LEADER, organizations=[kv4])
    client.force_login(kv4_leader)
    listed = client.get(reverse("admin:reports_summary_changelist"))
    assert [summary.pk for summary in listed.context["cl"].result_list] == [region.pk]
    assert client.get(reverse("reports:summary_print", args=[region.pk])).status_code == 200


def test_a_scoped_leader_cannot_retry_the_systems_failed_job(client, leader, academies):
    job = summary_job_start(scope=Scope.system(), period=H1_2021, by=None)
    summary_services.summary_job_failed(job_id=job.pk, error="OperationalError: gone")
    with pytest.raises(ScopeError):
        summary_job_retry(job=job, by=leader)
    client.force_login(leader)
    response = client.post(reverse("admin:reports_summary_job_retry", args=[job.pk]), follow=True)
    assert response.status_code == 200
    [message] = [str(message) for message in response.context["messages"]]
    assert message.endswith("thuộc tổ chức khác: anh/chị chỉ được sửa bản ghi của tổ chức mình.")
    assert SummaryJob.objects.get(pk=job.pk).status == "failed"


# --- The dashboard -------------------------------------------------------------------------------

DASHBOARD = "/admin/reports/dashboard/"


def indicator(response, code: str) -> int:
    return next(row for row in response.context["indicators"] if row["code"] == code)["value"]


def test_the_dashboard_opens_on_the_leaders_organisation_and_counts_only_its_records(
    client, leader, academies, django_assert_max_num_queries
):
    kv2, school, kv4 = academies
    EventFactory(host=kv2, start_date=dt.date(2021, 3, 1))
    EventFactory(host=school, start_date=dt.date(2021, 4, 1))
    EventFactory(host=kv4, start_date=dt.date(2021, 5, 1))
    EventFactory(host=kv4, start_date=dt.date(2021, 5, 2))
    summary_assemble(scope=Scope.of_organization(kv2), period=H1_2021, by=None)
    summary_assemble(scope=Scope.of_organization(kv4), period=H1_2021, by=None)
    client.force_login(leader)
    query = {"scope_kind": "organization", "organization": kv2.pk, "include_children": "on"}
    query |= {"period_kind": "half", "year": "2021", "half": "1"}

    # The dashboard's reads for a system administrator (test_dashboard.py) and the leader's
    # scope: their memberships and the organisation tree, read once.
    with django_assert_max_num_queries(39) as few:
        client.get(DASHBOARD, query)
    for day in range(1, 13):
        EventFactory(host=kv4, start_date=dt.date(2021, 1 + day % 6, day))
        EventFactory(host=school, start_date=dt.date(2021, 1 + day % 6, day))
    for year in range(2012, 2016):
        summary_assemble(scope=Scope.of_organization(kv4), period=Period.of_year(year), by=None)
        summary_assemble(scope=Scope.of_organization(kv2), period=Period.of_year(year), by=None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(DASHBOARD, query)
    assert response.context["scope_label"] == "Học viện Chính trị khu vực II"
    assert indicator(response, "events.total") == 14
    assert {row["summary"].organization for row in response.context["summaries"]} == {kv2}
    assert len(response.context["summaries"]) == 5

    opened = client.get(DASHBOARD)
    assert opened.context["form"]["scope_kind"].value() == "organization"
    assert opened.context["form"]["organization"].value() == kv2.pk


def test_the_dashboard_refuses_the_system_a_region_or_another_organisation(client, leader, academies, south):
    client.force_login(leader)
    period = {"period_kind": "half", "year": "2021", "half": "1"}
    for scope in (
        {"scope_kind": "system"},
        {"scope_kind": "region", "region": south.pk},
        {"scope_kind": "organization", "organization": academies[2].pk},
    ):
        response = client.get(DASHBOARD, {**scope, **period})
        assert response.status_code == 200
        assert "indicators" not in response.context
        assert response.context["form"].errors


# --- Export jobs and imports ---------------------------------------------------------------------


def test_a_leaders_export_job_holds_their_events_and_those_shared_with_them_only(
    client, leader, academies, settings, tmp_path, django_capture_on_commit_callbacks, monkeypatch
):
    kv2, school, kv4 = academies
    acting = []
    write = exchange_services.export_write

    def recording(**kwargs):
        acting.append(acting_user())
        return write(**kwargs)

    monkeypatch.setattr(exchange_services, "export_write", recording)
    settings.EXPORT_ASYNC_THRESHOLD = 1
    settings.EXPORTS_ROOT = tmp_path / "exports"
    own = EventFactory(title="Hội thảo của khu vực II", host=kv2)
    schools = EventFactory(title="Hội nghị của trường", host=school)
    shared = EventFactory(title="Hội nghị trực tuyến của khu vực IV", host=kv4)
    EventSiteFactory(event=shared, organization=school)
    EventFactory(title="Hội nghị riêng của khu vực IV", host=kv4)
    client.force_login(leader)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:events_event_export"), {"file_format": "csv"})
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert (job.user, job.status, job.total) == (leader, "done", 3)
    assert acting == [leader]
    text = job.file.open("rb").read().decode("utf-8-sig")
    for event in (own, schools, shared):
        assert event.title in text
    assert "Hội nghị riêng của khu vực IV" not in text
    assert Event.objects.count() == 4


class ReportRowResource(SpreadsheetResource):
    """A small resource writing reports through `report_save`: title, organisation, year, half."""

    natural_key = ("title",)

    title = Field(attribute="title", column_name="Tiêu đề", widget=TextWidget())
    organization = Field(
        attribute="organization", column_name="Đơn vị", widget=LookupWidget(Organization, keys=("name",))
    )
    kind = Field(attribute="kind", column_name="Loại", widget=ChoiceWidget(ReportKind.choices))
    year = Field(attribute="year", column_name="Năm", widget=IntegerWidget())

    class Meta(SpreadsheetResource.Meta):
        model = Report
        fields = ("title", "organization", "kind", "year")

    def write(self, instance, *, new, row, by):
        instance.period_kind = PeriodKind.YEAR
        report_save(report=instance, items=items("Nhập từ bảng tính."), by=by)


def report_rows(*rows):
    return tablib.Dataset(*rows, headers=["Tiêu đề", "Đơn vị", "Loại", "Năm"])


def test_an_import_row_of_another_organisation_is_refused_and_the_file_writes_nothing(secretary, academies):
    kind = "annual"
    dataset = report_rows(
        ("Báo cáo năm 2021 của khu vực II", "Học viện Chính trị khu vực II", kind, 2021),
        ("Báo cáo năm 2021 của khu vực IV", "Học viện Chính trị khu vực IV", kind, 2021),
    )
    result = ReportRowResource().import_data(dataset, user=secretary, file_name="bao-cao.xlsx")

    assert [row.number for row in result.invalid_rows] == [2]
    assert result.invalid_rows[0].error_dict == {
        "__all__": [
            "“Báo cáo năm 2021 của khu vực IV” thuộc tổ chức khác: anh/chị chỉ được sửa bản ghi "
            "của tổ chức mình."
        ]
    }
    assert not Report.objects.exists()


def test_an_imported_rows_history_names_the_importer_and_the_file(secretary, academies):
    theirs = half_year_report(organization=academies[2], title="Báo cáo năm 2020 của khu vực IV")
    kind = "annual"
    refused = ReportRowResource().import_data(
        report_rows(("Báo cáo năm 2020 của khu vực IV", "Học viện Chính trị khu vực IV", kind, 2020)),
        user=secretary,
        file_name="sua.xlsx",
    )
    assert [row.number for row in refused.invalid_rows] == [1]
    assert Report.objects.get(pk=theirs.pk).period_kind == PeriodKind.HALF

    result = ReportRowResource().import_data(
        report_rows(("Báo cáo năm 2021 của trường", "Trường Chính trị tỉnh Bình Dương", kind, 2021)),
        user=secretary,
        file_name="bao-cao-truong.xlsx",
    )
    assert not result.has_errors() and not result.has_validation_errors()
    report = Report.objects.get(title="Báo cáo năm 2021 của trường")
    created = report.history.get()
    assert (created.history_user, created.history_change_reason) == (
        secretary,
        "Nhập bảng tính “bao-cao-truong.xlsx”",
    )


class ReportBatchResource(ReportRowResource):
    """The same rows written at once, as a bulk service would."""

    bulk = True

    def write_bulk(self, created, updated, *, by):
        for instance in [*created, *updated]:
            self.write(instance, new=instance.pk is None, row={}, by=by)


def test_a_batch_refused_by_the_scope_is_the_files_error_and_writes_nothing(secretary, academies):
    kind = "annual"
    result = ReportBatchResource().import_data(
        report_rows(
            ("Báo cáo năm 2021 của khu vực II", "Học viện Chính trị khu vực II", kind, 2021),
            ("Báo cáo năm 2021 của khu vực IV", "Học viện Chính trị khu vực IV", kind, 2021),
        ),
        user=secretary,
        file_name="bao-cao.xlsx",
    )
    assert [str(error.error) for error in result.base_errors] == [
        "“Báo cáo năm 2021 của khu vực IV” thuộc tổ chức khác: anh/chị chỉ được sửa bản ghi của tổ chức mình."
    ]
    assert not Report.objects.exists()
