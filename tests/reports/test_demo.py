"""The review reports of articles 002 and 004 (reports.demo), and article 003's typed-in figures
computed from the events recorded (events.demo), loaded by `load_demo`."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committees import demo as registry
from committees.demo.data import BAC_TRUNG_BO
from committees.models import Organization, Region
from events import demo as events_demo
from events.models import Event
from portal.lib.periods import Period
from reports import demo
from reports.indicators import compute
from reports.models import Report, ReportStatus, SectionKind, Summary
from reports.scopes import Scope
from tests.rows import rows_of

pytestmark = pytest.mark.django_db

KV2_REPORTS = [
    (
        registry.KV2,
        "Báo cáo sơ kết các mặt hoạt động 6 tháng đầu năm 2021, phương hướng, nhiệm vụ 6 tháng cuối năm 2021",
        "nguyen-thi-tuyet-mai",
        {SectionKind.RESULTS: 3, SectionKind.DIRECTIONS: 4},
    ),
    (
        registry.party(registry.KV2),
        "Báo cáo sơ kết công tác Đảng 6 tháng đầu năm 2021, phương hướng, nhiệm vụ 6 tháng cuối năm 2021",
        "nguyen-tan-vinh",
        {SectionKind.RESULTS: 4, SectionKind.DIRECTIONS: 2},
    ),
    (
        f"cong-doan-co-so-{registry.KV2}",
        "Báo cáo công tác công đoàn 6 tháng đầu năm 2021, phương hướng, nhiệm vụ 6 tháng cuối năm 2021",
        "nguyen-dinh-phuc",
        {SectionKind.RESULTS: 3},
    ),
]


@pytest.fixture
def loaded(demo_data):
    """The demo, loaded once for the module (tests/conftest.py)."""


def sections(report: Report) -> dict[int, int]:
    counts: dict[int, int] = {}
    for section in report.items.values_list("section", flat=True):
        counts[section] = counts.get(section, 0) + 1
    return counts


def test_the_kv1_results_report_has_five_results_and_five_solutions_and_is_approved(loaded):
    report = Report.objects.get(organization__slug=registry.party(registry.KV1))
    assert (report.kind, report.status, report.approved_by, report.submitted_by) == (
        "results",
        ReportStatus.APPROVED,
        None,
        None,
    )
    assert (report.period_kind, report.period_start, report.period_end, report.year) == (
        "custom",
        dt.date(2018, 10, 22),
        dt.date(2021, 5, 23),
        None,
    )
    assert report.title == (
        "Kết quả triển khai Nghị quyết số 35-NQ/TW của Bộ Chính trị ở Đảng bộ Học viện Chính trị khu vực I"
    )
    results = list(report.items.filter(section=SectionKind.RESULTS))
    solutions = list(report.items.filter(section=SectionKind.TASKS))
    assert [(item.order, item.heading.split(",")[0]) for item in results] == [
        (1, "Một là"),
        (2, "Hai là"),
        (3, "Ba là"),
        (4, "Bốn là"),
        (5, "Năm là"),
    ]
    assert [item.heading.split(",")[0] for item in solutions] == [
        "Thứ nhất",
        "Thứ hai",
        "Thứ ba",
        "Thứ tư",
        "Thứ năm",
    ]
    assert sections(report) == {SectionKind.RESULTS: 5, SectionKind.TASKS: 5}
    assert results[0].text.startswith("Ngay sau khi có chỉ đạo của Đảng ủy Học viện Chính trị quốc gia")
    assert results[2].text.count("\n") == 1  # "Ba là" has two paragraphs
    assert results[4].text.endswith("không có trường hợp học viên nào vi phạm phải xử lý theo quy định.")
    assert solutions[4].text.startswith("Thứ năm, coi trọng sơ, tổng kết, rút kinh nghiệm")
    assert report.approved_at is not None and report.submitted_at is not None


def test_the_three_unit_reports_of_the_kv2_review_are_submitted_for_h1_2021_with_presenters(loaded):
    event = Event.objects.get(slug=events_demo.KV2_HALF_YEAR)
    reports = Report.objects.filter(event=event).order_by("pk")
    rows = [
        (report.organization.slug, report.title, report.presenter.slug, sections(report))
        for report in reports
    ]
    assert rows == KV2_REPORTS
    for report in reports:
        assert (report.kind, report.status, report.period_kind, report.year, report.half) == (
            "six_month",
            ReportStatus.SUBMITTED,
            "half",
            2021,
            1,
        )
        assert (report.period_start, report.period_end) == (dt.date(2021, 1, 1), dt.date(2021, 6, 30))
    party = reports[1]
    assert list(party.items.filter(section=SectionKind.RESULTS).values_list("text", flat=True))[3].endswith(
        "Nghị quyết số 35-NQ/TW của Bộ Chính trị. Triển khai Hội nghị tuyên truyền bầu cử đại biểu Quốc hội "
        "khóa XV và Hội đồng nhân dân các cấp nhiệm kỳ 2021 - 2026."
    )


def test_running_the_demo_twice_changes_nothing(loaded):
    before = rows_of("reports")
    with CaptureQueriesContext(connection) as queries:
        demo.load()
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []
    call_command("load_demo", stdout=io.StringIO())
    assert rows_of("reports") == before


def test_the_demo_brings_a_changed_report_back_to_its_source_and_keeps_its_status(loaded):
    report = Report.objects.get(organization__slug=registry.party(registry.KV1))
    first = report.items.get(section=SectionKind.RESULTS, order=1)
    first.text = "Sửa nhầm"
    first.save()
    call_command("load_demo", stdout=io.StringIO())
    first.refresh_from_db()
    assert first.text.startswith("Ngay sau khi có chỉ đạo")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.APPROVED


# --- Article 003: the figures typed in, computed from the events recorded ------------------------------

TWO_YEARS = Period.between(dt.date(2023, 1, 1), dt.date(2024, 12, 31))
MINISTRY, PROVINCE = "events.workshop.ministry", "events.workshop.province"


def workshops(scope: Scope, period: Period) -> dict[str, int]:
    return compute(scope, period, [MINISTRY, PROVINCE])


def typed_in() -> dict[str, int]:
    """The key figures of the signing event of 19/11/2024: "04 … cấp Bộ và 05 … cấp tỉnh"."""
    figures = dict(
        Event.objects.get(slug=events_demo.NGHE_AN_SIGNING).key_figures.values_list("label", "value")
    )
    return {
        MINISTRY: figures["hội thảo, tọa đàm khoa học cấp Bộ"],
        PROVINCE: figures["hội thảo khoa học cấp tỉnh"],
    }


def test_the_nghe_an_workshops_computed_over_2023_2024_agree_with_the_figures_typed_in(loaded):
    assert typed_in() == {MINISTRY: 4, PROVINCE: 5}
    region = Region.objects.get(slug=BAC_TRUNG_BO)
    assert workshops(Scope.of_region(region), TWO_YEARS) == typed_in()
    for slug in (registry.NA_BOARD, registry.NA_SCHOOL):  # each co-organised every one of them
        organization = Organization.objects.get(slug=slug)
        assert workshops(Scope.of_organization(organization), TWO_YEARS) == typed_in()


def test_workshops_known_only_by_their_window_count_in_no_shorter_period(loaded):
    region = Scope.of_region(Region.objects.get(slug=BAC_TRUNG_BO))
    # The 2024 ones lie within 2024; the others only somewhere in 01/01/2023 – 19/11/2024.
    assert workshops(region, Period.of_year(2024)) == {MINISTRY: 0, PROVINCE: 2}
    assert workshops(region, Period.of_year(2023)) == {MINISTRY: 0, PROVINCE: 0}


# --- The demo's summary: Học viện Chính trị khu vực II, first half of 2021 -------------------------


def test_the_demo_summary_counts_what_a_reader_counts_in_articles_001_and_004(loaded):
    academy = Organization.objects.get(slug=registry.KV2)
    [summary] = Summary.objects.filter(scope_key=f"org:{academy.pk}", period_start=dt.date(2021, 1, 1))
    figures = {item["code"]: item["value"] for item in summary.snapshot["indicators"] if item["value"]}

    # Article 001: one conference on 13/05/2021 with two speeches (the announcement, the directive)
    # announcing three decisions of the Steering Committee, two of which found a team; its news
    # article is the academy's one article of the half. The six-month review of article 004 is on
    # 02/07/2021, in the second half: only its three unit reports, on the first half, are here.
    assert figures == {
        "events.total": 1,
        "events.kind.conference": 1,
        "events.speeches": 2,
        "decisions.total": 3,
        "decisions.kind.found_team": 2,
        "decisions.kind.recognise": 1,
        "teams.founded": 2,
        "articles.published": 1,
    }
    assert (summary.period_end, summary.title) == (
        dt.date(2021, 6, 30),
        "Tổng hợp 6 tháng đầu năm 2021 — Học viện Chính trị khu vực II",
    )
    assert sorted(report["unit"] for report in summary.snapshot["reports"]) == sorted(
        Organization.objects.get(slug=slug).name for slug, *_rest in KV2_REPORTS
    )
    assert [row.data["title"] for row in summary.rows.filter(sheet="events")] == [
        Event.objects.get(start_date=dt.date(2021, 5, 13)).title
    ]
    assert summary.rows.filter(sheet="decisions").count() == 3
