"""The staff pages of a summary: its workbook download and its printable page."""

import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from reports.scopes import Scope
from reports.services import summary_assemble
from tests.reports import test_summaries
from tests.reports.snapshots import ROWS, SNAPSHOT, store_summary
from tests.reports.test_workbook import day
from tests.staff import sees_everything
from tests.two_factor import enrol

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
# The hand-counted half-year of tests/reports/test_summaries.py, as a fixture of this module too.
academy = test_summaries.academy

FILENAME = "tong-hop-6-thang-dau-nam-2021-hoc-vien-chinh-tri-khu-vuc-ii.xlsx"


@pytest.fixture
def summary():
    return store_summary()


@pytest.fixture
def leader(django_user_model):
    user = django_user_model.objects.create_user("lanhdao", password="x", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="view_summary", content_type__app_label="reports")
    )
    # Over every organisation: the summaries a scoped leader is served are in test_scoping.py.
    return sees_everything(user)


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


def urls(summary) -> list[str]:
    return [
        reverse("reports:summary_workbook", args=[summary.pk]),
        reverse("reports:summary_print", args=[summary.pk]),
    ]


def test_addresses_are_under_quan_tri(summary):
    assert urls(summary) == [
        f"/quan-tri/tong-hop/{summary.pk}/bang-tinh.xlsx",
        f"/quan-tri/tong-hop/{summary.pk}/in/",
    ]


def test_anonymous_visitors_are_sent_to_the_admin_sign_in(client, summary):
    for url in urls(summary):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, f"/admin/login/?next={url}")


def test_signed_in_users_who_are_not_staff_are_sent_to_the_admin_sign_in(client, django_user_model, summary):
    user = django_user_model.objects.create_user("reader", password="x")
    user.user_permissions.add(
        Permission.objects.get(codename="view_summary", content_type__app_label="reports")
    )
    client.force_login(user)
    for url in urls(summary):
        assert client.get(url).status_code == 302


def test_staff_with_an_authenticator_app_must_give_their_code_first(client, leader, summary):
    enrol(leader)
    client.force_login(leader)
    for url in urls(summary):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (
            302,
            f"/admin/login/verify/?{urlencode({'next': url})}",
        )


def test_staff_without_the_permission_to_view_summaries_are_refused(client, django_user_model, summary):
    client.force_login(django_user_model.objects.create_user("thuky", password="x", is_staff=True))
    for url in urls(summary):
        assert client.get(url).status_code == 403


def test_an_unknown_summary_is_not_found(leader_client, summary):
    assert leader_client.get(reverse("reports:summary_print", args=[summary.pk + 1])).status_code == 404
    assert leader_client.get(reverse("reports:summary_workbook", args=[summary.pk + 1])).status_code == 404


def test_workbook_downloads_as_an_attachment_named_after_the_title_never_cached(
    leader_client, summary, django_assert_max_num_queries
):
    # The session, the user, their app, their permissions (2), the session's idle clock (3), the
    # summary, then the workbook's own: one for the widths and one for each of the five lists.
    with django_assert_max_num_queries(15):
        response = leader_client.get(reverse("reports:summary_workbook", args=[summary.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f'attachment; filename="{FILENAME}"'
    assert {"private", "no-store"} <= set(re.split(r",\s*", response["Cache-Control"]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook["Tổng hợp"]["A1"].value == SNAPSHOT["title"]
    # Addresses are made absolute with the request's host.
    assert workbook["Sự kiện"]["L2"].value == "http://testserver/su-kien/hoi-thao-khoa-hoc/"


def test_print_page_shows_the_figures_charts_highlights_reports_and_lists(
    leader_client, summary, django_assert_max_num_queries
):
    # The session, the user, their app, their permissions (2), the session's idle clock (3), the
    # summary, and the first rows of all the lists in one.
    with django_assert_max_num_queries(10):
        response = leader_client.get(reverse("reports:summary_print", args=[summary.pk]))
    assert response.status_code == 200
    assert {"private", "no-store"} <= set(re.split(r",\s*", response["Cache-Control"]))
    html = response.content.decode()
    assert f"<h1>{SNAPSHOT['title']}</h1>" in html
    assert "tính 7 tổ chức" in html
    assert "6 tháng đầu năm 2021 (01/01/2021 – 30/06/2021)" in html
    assert "6 tháng cuối năm 2020 (01/07/2020 – 31/12/2020)" in html
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>\s*<td>(.*?)</td>(.*?)</tr>", html, re.S)
    figures = [
        (label, unit, re.findall(r'<td class="num[^"]*">(.*?)</td>', rest)) for label, unit, rest in rows
    ]
    assert figures == [
        ("Sự kiện đã tổ chức", "sự kiện", ["3", "2", "+1", "+50 %"]),
        ("Hội thảo cấp Bộ", "hội thảo", ["1", "0", "+1", "—"]),
        ("Lượt xem bài viết", "lượt", ["3.068", "4.000", "−932", "−23,3 %"]),
    ]
    svgs = [ET.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", html, re.S)]  # noqa: S314 - ours
    assert [svg.find(f"{SVG}title").text for svg in svgs] == [
        "Sự kiện theo tháng và loại",
        "Bài viết đã đăng và lượt xem theo tháng",
        "Thỏa thuận theo trạng thái",
        "Nhiệm vụ của thỏa thuận theo trạng thái",
    ]
    assert "trong khoảng 01/03/2021 – 31/03/2021 (chưa rõ ngày)" in html  # the event whose day is unknown
    assert "2.948 lượt xem" in html
    assert "(ký kết; đánh giá)" in html
    assert "<strong>Một là,</strong> Tổ chức thành công hội thảo khoa học cấp Bộ." in html
    assert '<h3 id="list-tasks">Nhiệm vụ (2)</h3>' in html
    assert "mục khác" not in html


def test_print_page_is_a_document_of_its_own_that_prints_by_a_static_script(leader_client, summary):
    html = leader_client.get(reverse("reports:summary_print", args=[summary.pk])).content.decode()
    assert 'class="site-nav"' not in html
    assert '<button type="button" class="print-button" data-print hidden>In / Lưu PDF</button>' in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(scripts) == 1
    assert re.fullmatch(r'<script src="/static/js/summary-print\.[0-9a-f]{12}\.js" defer>', scripts[0])
    assert "style=" not in html
    assert f'href="/quan-tri/tong-hop/{summary.pk}/bang-tinh.xlsx"' in html


def test_print_page_lists_the_first_fifty_records_and_sends_to_the_workbook_for_the_rest(leader_client):
    events = [dict(ROWS["events"][0], id=i, title=f"Sự kiện số {i}") for i in range(53)]
    snapshot = dict(SNAPSHOT, counts=dict(SNAPSHOT["counts"], events=53))
    summary = store_summary(snapshot, {**ROWS, "events": events})
    html = leader_client.get(reverse("reports:summary_print", args=[summary.pk])).content.decode()
    table = html[html.index('id="list-events"') : html.index('id="list-decisions"')]
    assert table.count('<tr><td class="num">') == 50
    assert "Sự kiện số 49<" in table and "Sự kiện số 50<" not in table
    assert "… và 3 mục khác, xem bảng tính" in table
    assert "mục khác" not in html.replace(table, "")


def test_print_page_escapes_what_the_records_say(leader_client):
    hostile = '<script>alert("x")</script>'
    events = [dict(ROWS["events"][0], title=hostile, host=hostile)]
    snapshot = dict(SNAPSHOT, title=hostile, highlights=dict(SNAPSHOT["highlights"], events=events))
    summary = store_summary(snapshot, {**ROWS, "events": events})
    html = leader_client.get(reverse("reports:summary_print", args=[summary.pk])).content.decode()
    assert hostile not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_summary_assembled_from_records_gives_its_workbook_and_page(leader_client, academy):
    """From the records through summary_assemble to both outputs (tests/reports/test_summaries.py's
    hand-counted half-year of Học viện Chính trị khu vực II)."""
    summary = summary_assemble(scope=Scope.of_organization(academy), period=test_summaries.H1_2021, by=None)

    response = leader_client.get(reverse("reports:summary_workbook", args=[summary.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="{FILENAME}"'
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook["Tổng hợp"]["A1"].value == "Tổng hợp 6 tháng đầu năm 2021 — Học viện Chính trị khu vực II"
    assert workbook["Tổng hợp"]["D2"].value == 2  # the academy and its unit
    events = [row[:5] for row in workbook["Sự kiện"].iter_rows(min_row=2, values_only=True)]
    assert events == [
        (1, day(2021, 3, 1), day(2021, 3, 31), "Có", "Tập huấn"),
        (2, day(2021, 3, 2), None, None, "Hội thảo khoa học cấp Bộ"),
        (3, day(2021, 5, 13), None, None, "Hội nghị sơ kết 6 tháng"),
    ]
    tasks = [(row[2], row[6]) for row in workbook["Nhiệm vụ"].iter_rows(min_row=2, values_only=True)]
    assert tasks == [("Hội thảo chung", None), ("Xuất bản kỷ yếu", "Có")]
    (chart, _articles) = workbook["Biểu đồ"]._charts
    assert len(chart.series) == 3
    assert [cell.value for cell in workbook["Biểu đồ"][2][:4]] == [
        "Tháng",
        "Hội nghị",
        "Hội thảo khoa học",
        "Tập huấn",
    ]

    html = leader_client.get(reverse("reports:summary_print", args=[summary.pk])).content.decode()
    assert "trong khoảng 01/03/2021 – 31/03/2021 (chưa rõ ngày)" in html
    assert "Quy chế phối hợp</a> (ký kết; có hiệu lực)" in html
    assert "<strong>Một là</strong> Kết quả" in html
    svgs = [ET.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", html, re.S)]  # noqa: S314 - ours
    assert len(svgs) == 4
    assert len([r for r in svgs[0].iter(f"{SVG}rect") if "chart-bar" in r.get("class", "")]) == 3
