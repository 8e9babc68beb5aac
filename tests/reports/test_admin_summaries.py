"""The admin of summaries: read-only lists, "Tổng hợp mới", the job's page and its JSON."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from portal.lib.periods import Period
from reports.models import ScopeKind, Summary, SummaryJob, SummaryJobStatus
from reports.scopes import Scope
from reports.services import summary_assemble, summary_job_failed, summary_job_start
from tests.committees.factories import OrganizationFactory, RegionFactory
from tests.events.factories import EventFactory
from tests.staff import sees_everything

pytestmark = pytest.mark.django_db

START_URL = reverse("admin:reports_summary_start")
H1_2021 = Period.of_half(2021, 1)


def staff_with(django_user_model, *codenames, username="lanh-dao"):
    """A staff member (not a superuser: no second step) holding the permissions named."""
    user = django_user_model.objects.create_user(username=username, password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    # Over every organisation: the scope of a leader is tested in test_scoping.py.
    return sees_everything(user)


@pytest.fixture
def leader(django_user_model):
    return staff_with(
        django_user_model, "view_summary", "add_summary", "view_summaryjob", "view_organization"
    )


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


@pytest.fixture
def academy():
    return OrganizationFactory(name="Học viện Chính trị khu vực II")


def job_urls(job_id: int) -> list[str]:
    return [
        reverse("admin:reports_summary_job", args=[job_id]),
        reverse("admin:reports_summary_job_progress", args=[job_id]),
    ]


def start_data(**changes) -> dict:
    data = {
        "scope_kind": ScopeKind.SYSTEM,
        "region": "",
        "organization": "",
        "include_children": "on",
        "period_kind": "half",
        "year": "2021",
        "half": "1",
        "start": "",
        "end": "",
    }
    return data | changes


# --- Permissions -----------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client):
    job = summary_job_start(scope=Scope.system(), period=H1_2021, by=None)
    for url in [START_URL, *job_urls(job.pk), reverse("admin:reports_summary_changelist")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    response = client.post(reverse("admin:reports_summary_job_retry", args=[job.pk]))
    assert response.status_code == 302
    assert SummaryJob.objects.count() == 1


def test_staff_without_the_permission_to_add_summaries_may_not_start_nor_follow_one(
    client, django_user_model
):
    client.force_login(staff_with(django_user_model, "view_summary", "view_summaryjob"))
    job = summary_job_start(scope=Scope.system(), period=H1_2021, by=None)
    for url in [START_URL, *job_urls(job.pk)]:
        assert client.get(url).status_code == 403
    assert client.post(START_URL, start_data()).status_code == 403
    assert client.post(reverse("admin:reports_summary_job_retry", args=[job.pk])).status_code == 403
    assert SummaryJob.objects.count() == 1
    changelist = client.get(reverse("admin:reports_summary_changelist"))
    assert changelist.status_code == 200
    assert START_URL not in changelist.text


def test_the_list_offers_a_new_summary_to_those_who_may_add_one(leader_client):
    response = leader_client.get(reverse("admin:reports_summary_changelist"))
    assert response.status_code == 200
    assert f'href="{START_URL}"' in response.text
    assert "Tổng hợp mới" in response.text


def test_summaries_are_never_added_changed_or_deleted_through_the_admin(leader_client):
    summary = summary_assemble(scope=Scope.system(), period=H1_2021, by=None)
    job = summary_job_start(scope=Scope.system(), period=H1_2021, by=None)
    assert leader_client.get(reverse("admin:reports_summary_add")).status_code == 403
    change_url = reverse("admin:reports_summary_change", args=[summary.pk])
    page = leader_client.get(change_url)
    assert page.status_code == 200
    assert "submit-row" not in page.text or 'name="_save"' not in page.text
    assert leader_client.post(change_url, {"title": "Sửa"}).status_code == 403
    assert leader_client.post(reverse("admin:reports_summary_delete", args=[summary.pk])).status_code == 403
    assert Summary.objects.get().title == summary.title
    assert leader_client.get(reverse("admin:reports_summaryjob_add")).status_code == 403
    assert leader_client.post(reverse("admin:reports_summaryjob_delete", args=[job.pk])).status_code == 403


# --- The form ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"period_kind": "custom", "start": "30/06/2021", "end": "01/01/2021"},
            {"end": ["Kỳ kết thúc ngày 01/01/2021, trước khi bắt đầu (30/06/2021)."]},
        ),
        (
            {"period_kind": "custom", "start": "31/02/2021", "end": ""},
            {
                "start": ["Hãy nhập ngày theo dạng dd/mm/yyyy."],
                "end": ["Hãy nhập ngày theo dạng dd/mm/yyyy."],
            },
        ),
        ({"year": "99999"}, {"year": ["Hãy nhập năm từ 1 đến 9999."]}),
        ({"period_kind": "year", "year": "99999999999999999999"}, {"year": ["Hãy nhập năm từ 1 đến 9999."]}),
        ({"year": "hai nghìn"}, {"year": ["Hãy nhập năm bằng số, ví dụ 2021."]}),
        ({"year": ""}, {"year": ["Hãy nhập năm."]}),
        ({"half": "3"}, {"half": ["Hãy chọn 6 tháng đầu năm hoặc 6 tháng cuối năm."]}),
        (
            {"period_kind": "year", "year": "1"},
            {"year": ["Kỳ trước Năm 1 để so sánh nằm ngoài lịch: hãy chọn kỳ muộn hơn."]},
        ),
        ({"scope_kind": "organization"}, {"organization": ["Hãy chọn đơn vị."]}),
        ({"scope_kind": "region"}, {"region": ["Hãy chọn khu vực."]}),
        (
            {"scope_kind": "organization", "organization": "999999"},
            {"organization": ["Đơn vị này không tồn tại. Hãy chọn trong danh sách."]},
        ),
        (
            {"scope_kind": "organization", "organization": str(2**70)},
            {"organization": ["Đơn vị này không tồn tại. Hãy chọn trong danh sách."]},
        ),
        (
            {"scope_kind": "organization", "organization": "abc"},
            {"organization": ["Đơn vị này không tồn tại. Hãy chọn trong danh sách."]},
        ),
        (
            {"scope_kind": "region", "region": "999999"},
            {"region": ["Khu vực này không tồn tại. Hãy chọn trong danh sách."]},
        ),
    ],
)
def test_a_period_or_scope_that_cannot_be_summarised_is_refused_with_a_clear_message(
    leader_client, changes, errors
):
    response = leader_client.post(START_URL, start_data(**changes))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == errors
    assert SummaryJob.objects.count() == 0


def test_the_form_opens_on_the_last_half_year_ended(leader_client):
    response = leader_client.get(START_URL)
    form = response.context["adminform"].form
    last = Period.last_ended(timezone.localdate(), "half")
    assert (form["year"].value(), form["half"].value()) == (last.year, str(last.half))
    assert form["period_kind"].value() == "half"
    assert form["scope_kind"].value() == ScopeKind.SYSTEM


# --- Starting and following a job -------------------------------------------------------------------


def test_starting_a_summary_of_an_organisation_runs_its_job_and_the_page_shows_the_downloads(
    leader_client, leader, academy, django_capture_on_commit_callbacks
):
    EventFactory(host=academy, start_date=dt.date(2021, 5, 13))
    with django_capture_on_commit_callbacks(execute=True):
        response = leader_client.post(
            START_URL,
            start_data(scope_kind="organization", organization=str(academy.pk), include_children=""),
        )
    job = SummaryJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:reports_summary_job", args=[job.pk])
    assert (job.scope_kind, job.organization_id, job.include_children) == (
        ScopeKind.ORGANIZATION,
        academy.pk,
        False,
    )
    assert (job.period_start, job.period_end, job.requested_by) == (
        dt.date(2021, 1, 1),
        dt.date(2021, 6, 30),
        leader,
    )
    # Celery runs eagerly in tests: the job ran once the request committed.
    summary = Summary.objects.get()
    page = leader_client.get(response.url)
    assert page.context["progress"]["status"] == SummaryJobStatus.DONE
    assert page.context["progress"]["percent"] == 100
    workbook = reverse("reports:summary_workbook", args=[summary.pk])
    printable = reverse("reports:summary_print", args=[summary.pk])
    assert f'href="{workbook}"' in page.text
    assert f'href="{printable}"' in page.text
    assert (
        'data-progress-url="{}"'.format(reverse("admin:reports_summary_job_progress", args=[job.pk]))
        in page.text
    )
    assert "js/summary-progress" in page.text

    progress = leader_client.get(reverse("admin:reports_summary_job_progress", args=[job.pk]))
    assert progress["Content-Type"] == "application/json"
    assert "no-cache" in progress["Cache-Control"]
    assert progress.json() == {
        "status": "done",
        "stage": progress.json()["stage"],
        "percent": 100,
        "summary_id": summary.pk,
        "error": "",
        "workbook_url": workbook,
        "print_url": printable,
    }


def test_the_progress_of_a_queued_job_has_no_downloads(leader_client, monkeypatch):
    job = SummaryJob.objects.create(
        **Scope.system().as_fields(), period_kind="half", period_start=H1_2021.start, period_end=H1_2021.end
    )
    data = leader_client.get(reverse("admin:reports_summary_job_progress", args=[job.pk])).json()
    assert data["status"] == "queued"
    assert data["percent"] == 0
    assert "workbook_url" not in data
    assert leader_client.post(reverse("admin:reports_summary_job_progress", args=[job.pk])).status_code == 405
    page = leader_client.get(reverse("admin:reports_summary_job", args=[job.pk]))
    assert 'data-status="queued"' in page.text
    assert "Đang chờ xử lý" in page.text
    assert page.text.count(" hidden>") == 2


def test_an_unknown_job_is_not_found(leader_client):
    assert leader_client.get(reverse("admin:reports_summary_job", args=[999])).status_code == 404
    assert leader_client.get(reverse("admin:reports_summary_job_progress", args=[999])).status_code == 404


def test_trying_a_failed_job_again_queues_it_again_and_follows_it_on_its_page(
    leader_client, leader, django_capture_on_commit_callbacks
):
    region = RegionFactory()
    failed = summary_job_start(scope=Scope.of_region(region), period=Period.of_year(2020), by=leader)
    summary_job_failed(job_id=failed.pk, error="OperationalError: mất kết nối cơ sở dữ liệu")
    page = leader_client.get(reverse("admin:reports_summary_job", args=[failed.pk]))
    assert page.context["progress"]["status"] == "failed"
    assert "OperationalError: mất kết nối cơ sở dữ liệu" in page.text
    assert "Thử lại" in page.text
    assert page.text.count(" hidden>") == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = leader_client.post(reverse("admin:reports_summary_job_retry", args=[failed.pk]))
    assert response.url == reverse("admin:reports_summary_job", args=[failed.pk])
    job = SummaryJob.objects.get()
    assert (job.status, job.attempts, job.error) == (SummaryJobStatus.DONE, 1, "")
    assert job.summary.scope_key == f"region:{region.pk}"
    # Only a failed job is tried again, and only by a post.
    assert leader_client.post(reverse("admin:reports_summary_job_retry", args=[job.pk])).status_code == 404
    assert leader_client.get(reverse("admin:reports_summary_job_retry", args=[job.pk])).status_code == 405


# --- The lists -----------------------------------------------------------------------------------------


def test_the_list_of_summaries_names_scope_and_period_and_links_the_downloads(
    leader_client, academy, django_assert_max_num_queries
):
    summary_assemble(scope=Scope.of_organization(academy), period=H1_2021, by=None)
    summary_assemble(scope=Scope.system(), period=Period.of_year(2020), by=None)
    url = reverse("admin:reports_summary_changelist")
    with django_assert_max_num_queries(12) as two:
        response = leader_client.get(url)
    rows = {summary.scope_key: summary for summary in Summary.objects.all()}
    assert response.status_code == 200
    assert "Học viện Chính trị khu vực II" in response.text
    assert "Toàn hệ thống" in response.text
    assert "6 tháng đầu năm 2021" in response.text
    assert "Năm 2020" in response.text
    for summary in rows.values():
        assert reverse("reports:summary_workbook", args=[summary.pk]) in response.text
        assert reverse("reports:summary_print", args=[summary.pk]) in response.text

    for year in range(2015, 2019):
        summary_job_start(
            scope=Scope.of_organization(OrganizationFactory()), period=Period.of_year(year), by=None
        )
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert leader_client.get(url).status_code == 200


def test_the_list_filters_by_scope_kind_period_kind_and_year(leader_client, academy):
    summary_assemble(scope=Scope.of_organization(academy), period=H1_2021, by=None)
    summary_assemble(scope=Scope.system(), period=Period.of_year(2020), by=None)
    url = reverse("admin:reports_summary_changelist")
    assert leader_client.get(url, {"scope_kind__exact": "system"}).context["cl"].result_count == 1
    assert leader_client.get(url, {"period_kind__exact": "half"}).context["cl"].result_count == 1
    assert leader_client.get(url, {"year": "2021"}).context["cl"].result_count == 1
    assert leader_client.get(url, {"year": "99999999999"}).context["cl"].result_count == 2


def test_the_list_of_jobs_shows_status_stage_percent_error_and_requester(leader_client, leader):
    job = summary_job_start(scope=Scope.system(), period=H1_2021, by=leader)
    summary_job_failed(job_id=job.pk, error="TimeoutError: hết thời gian chờ")
    response = leader_client.get(reverse("admin:reports_summaryjob_changelist"))
    assert response.status_code == 200
    for text in (
        "thất bại",
        "TimeoutError: hết thời gian chờ",
        "lanh-dao",
        "6 tháng đầu năm 2021",
        "Toàn hệ thống",
    ):
        assert text in response.text
