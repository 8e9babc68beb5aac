"""The leaders' dashboard (/admin/reports/dashboard/)."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from events.models import EventKind, EventLevel
from portal.lib.periods import Period
from reports.admin.forms import period_label
from reports.scopes import Scope
from reports.services import summary_assemble
from tests.committees.factories import OrganizationFactory, RegionFactory
from tests.events.factories import EventFactory
from tests.staff import sees_everything

pytestmark = pytest.mark.django_db

URL = "/admin/reports/dashboard/"
H1_2021 = {"scope_kind": "system", "period_kind": "half", "year": "2021", "half": "1"}


def staff_with(django_user_model, *codenames, username="lanh-dao"):
    user = django_user_model.objects.create_user(username=username, password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    # Over every organisation: the scope of a leader is tested in test_scoping.py.
    return sees_everything(user)


@pytest.fixture
def leader_client(client, django_user_model):
    client.force_login(staff_with(django_user_model, "view_summary"))
    return client


@pytest.fixture
def academy():
    region = RegionFactory(name="Tây Nam Bộ")
    academy = OrganizationFactory(name="Học viện Chính trị khu vực IV", region=region)
    OrganizationFactory(name="Trường Chính trị tỉnh Cà Mau", parent=academy, region=region)
    return academy


def indicator(response, code: str) -> dict:
    return next(row for row in response.context["indicators"] if row["code"] == code)


def test_the_address_is_the_one_leaders_are_given():
    assert reverse("admin:reports_dashboard") == URL


def test_anonymous_visitors_are_sent_to_sign_in_and_staff_without_the_permission_are_refused(
    client, django_user_model
):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    client.force_login(staff_with(django_user_model, "view_report", "add_summary"))
    assert client.get(URL).status_code == 403
    assert "/admin/reports/dashboard/" not in client.get(reverse("admin:index")).text


def test_the_dashboard_is_listed_in_the_admin_for_those_who_may_open_it(leader_client):
    for page in (reverse("admin:index"), reverse("admin:app_list", args=["reports"])):
        response = leader_client.get(page)
        assert f'<a href="{URL}">Bảng điều hành lãnh đạo</a>' in response.text


def test_the_dashboard_opens_on_the_whole_system_and_the_last_half_year_ended(leader_client):
    response = leader_client.get(URL)
    last = Period.last_ended(timezone.localdate(), "half")
    assert response.status_code == 200
    assert response.context["scope_label"] == "Toàn hệ thống"
    assert response.context["period_label"] == period_label(last)
    assert response.context["previous_label"] == period_label(last.previous())


def test_indicators_of_the_period_stand_next_to_those_of_the_period_before(leader_client, academy):
    school = academy.children.get()
    EventFactory(
        host=academy, start_date=dt.date(2021, 5, 13), kind=EventKind.WORKSHOP, level=EventLevel.MINISTRY
    )
    EventFactory(host=school, start_date=dt.date(2021, 2, 1))
    EventFactory(host=school, start_date=dt.date(2020, 9, 1))
    EventFactory(host=OrganizationFactory(), start_date=dt.date(2021, 3, 1))

    response = leader_client.get(
        URL, H1_2021 | {"scope_kind": "organization", "organization": academy.pk, "include_children": "on"}
    )
    assert response.context["scope_label"] == "Học viện Chính trị khu vực IV"
    assert response.context["period_label"] == "6 tháng đầu năm 2021"
    assert response.context["previous_label"] == "6 tháng cuối năm 2020"
    row = indicator(response, "events.total")
    assert {**row, "label": str(row["label"]), "unit": str(row["unit"])} == {
        "code": "events.total",
        "label": "Sự kiện đã tổ chức",
        "unit": "sự kiện",
        "group": "events",
        "group_label": "Sự kiện",
        "value": 2,
        "previous": 1,
        "change": 1,
        "change_percent": 100.0,
    }
    assert indicator(response, "events.workshop.ministry")["value"] == 1
    assert indicator(response, "events.workshop.ministry")["change_percent"] is None

    alone = leader_client.get(URL, H1_2021 | {"scope_kind": "organization", "organization": academy.pk})
    assert indicator(alone, "events.total")["value"] == 1
    region = leader_client.get(URL, H1_2021 | {"scope_kind": "region", "region": academy.region_id})
    assert indicator(region, "events.total")["value"] == 2
    system = leader_client.get(URL, H1_2021)
    assert indicator(system, "events.total")["value"] == 3


def test_the_charts_are_drawn_on_the_server(leader_client, academy):
    EventFactory(host=academy, start_date=dt.date(2021, 5, 13), kind=EventKind.WORKSHOP)
    response = leader_client.get(URL, H1_2021)
    charts = {chart["name"]: chart for chart in response.context["charts"]}
    assert list(charts) == ["events", "articles", "agreements", "tasks"]
    for chart in charts.values():
        assert chart["svg"].startswith("<svg")
        assert f'id="chart-{chart["name"]}"' in response.text
    assert "05/2021" in charts["events"]["svg"]
    assert "<script" not in response.text.split('id="content-main"')[1]


def test_the_summaries_of_the_scope_are_listed_with_their_downloads(leader_client, academy):
    summary_assemble(scope=Scope.of_organization(academy), period=Period.of_half(2021, 1), by=None)
    summary_assemble(scope=Scope.system(), period=Period.of_year(2020), by=None)
    response = leader_client.get(
        URL, H1_2021 | {"scope_kind": "organization", "organization": academy.pk, "include_children": "on"}
    )
    rows = response.context["summaries"]
    assert [row["period"] for row in rows] == ["6 tháng đầu năm 2021"]
    assert rows[0]["workbook_url"] == reverse("reports:summary_workbook", args=[rows[0]["summary"].pk])
    assert f'href="{rows[0]["print_url"]}"' in response.text


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        (H1_2021 | {"year": "99999"}, {"year": ["Hãy nhập năm từ 1 đến 9999."]}),
        (
            H1_2021 | {"scope_kind": "organization", "organization": "abc"},
            {"organization": ["Đơn vị này không tồn tại. Hãy chọn trong danh sách."]},
        ),
        (H1_2021 | {"scope_kind": "region"}, {"region": ["Hãy chọn khu vực."]}),
        (
            H1_2021 | {"scope_kind": "galaxy"},
            {
                "scope_kind": [
                    "Hãy chọn một lựa chọn hợp lệ. galaxy không phải là một trong các lựa chọn khả thi."
                ]
            },
        ),
    ],
)
def test_a_choice_that_cannot_be_shown_says_why(leader_client, query, errors):
    response = leader_client.get(URL, query)
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert "indicators" not in response.context


def test_the_dashboard_reads_as_many_queries_however_many_records_the_scope_holds(
    leader_client, academy, django_assert_max_num_queries
):
    query = H1_2021 | {"scope_kind": "organization", "organization": academy.pk, "include_children": "on"}
    EventFactory(host=academy, start_date=dt.date(2021, 5, 13))
    summary_assemble(scope=Scope.of_organization(academy), period=Period.of_half(2021, 1), by=None)
    # The session's and permissions' reads, the form's organisation, the scope's name, each period's
    # indicators (the scope's organisations, then one query a family of indicators), the charts'
    # organisations and four series, the summaries: none per record or per summary.
    with django_assert_max_num_queries(36) as few:
        leader_client.get(URL, query)
    for day in range(1, 25):
        EventFactory(host=academy.children.get(), start_date=dt.date(2021, 1 + day % 6, day))
    for year in range(2010, 2016):
        summary_assemble(scope=Scope.of_organization(academy), period=Period.of_year(year), by=None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = leader_client.get(URL, query)
    assert indicator(response, "events.total")["value"] == 25
    assert len(response.context["summaries"]) == 7
