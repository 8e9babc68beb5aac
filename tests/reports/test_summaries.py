"""Assembling a summary: the snapshot of snapshot.md, its rows, its hash, and idempotency."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from agreements.models import TaskStatus
from agreements.services import task_set_status
from committees.models import DecisionKind
from events.models import EventFormat, EventKind, EventLevel, EventStatus
from portal.lib.periods import Period
from portal.news.models import Article
from reports import indicators
from reports.models import Report, ReportItem, ReportKind, ReportStatus, SectionKind, Summary, SummaryRow
from reports.scopes import Scope
from reports.services import summaries as services
from reports.services import summary_assemble
from reports.summaries import build_snapshot, period_label
from tests.agreements.factories import TaskFactory, agreement_in_force
from tests.committees.factories import (
    DecisionFactory,
    OrganizationFactory,
    RegionFactory,
    SteeringCommitteeFactory,
)
from tests.events.factories import EventFactory, SpeechFactory
from tests.news.factories import CategoryFactory, published_article

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
H1_2021 = Period.of_half(2021, 1)


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=HANOI)


@pytest.fixture
def academy(db):
    """Học viện Chính trị khu vực II and a unit under it, with a hand-counted half-year:

    events (H1 2021): the unit's conference on 13/05 with two speeches, a ministry-level workshop
    hosted elsewhere and co-organised by the academy on 02/03, a training whose day is unknown
    within March; not counted: a cancelled conference, an undated window reaching into July,
    another organisation's event. Previous half: one conference on 10/10/2020.
    One decision of the academy's committee (01/04), one agreement signed 15/03 with two tasks,
    two articles (one read 120 times), one submitted report with two items."""
    region = RegionFactory(name="Nam Bộ")
    academy = OrganizationFactory(name="Học viện Chính trị khu vực II", region=region)
    unit = OrganizationFactory(name="Công đoàn cơ sở Học viện", parent=academy)
    other = OrganizationFactory(name="Trường Chính trị tỉnh Bình Dương")
    conference = EventFactory(
        title="Hội nghị sơ kết 6 tháng", slug="so-ket", host=unit, start_date=dt.date(2021, 5, 13)
    )
    SpeechFactory.create_batch(2, event=conference)
    EventFactory(
        title="Hội thảo khoa học cấp Bộ",
        slug="hoi-thao",
        kind=EventKind.WORKSHOP,
        level=EventLevel.MINISTRY,
        format=EventFormat.HYBRID,
        host=other,
        co_organizers=[academy],
        start_date=dt.date(2021, 3, 2),
    )
    EventFactory(
        title="Tập huấn",
        slug="tap-huan",
        kind=EventKind.TRAINING,
        host=academy,
        day_unknown=True,
        start_date=dt.date(2021, 3, 1),
        end_date=dt.date(2021, 3, 31),
    )
    EventFactory(slug="huy", host=academy, status=EventStatus.CANCELLED, start_date=dt.date(2021, 4, 1))
    EventFactory(
        slug="qua-ky",
        host=academy,
        day_unknown=True,
        start_date=dt.date(2021, 6, 1),
        end_date=dt.date(2021, 7, 31),
    )
    EventFactory(slug="noi-khac", host=other, start_date=dt.date(2021, 4, 1))
    EventFactory(slug="ky-truoc", host=academy, start_date=dt.date(2020, 10, 10))
    committee = SteeringCommitteeFactory(organization=academy)
    DecisionFactory(
        issuer_committee=committee,
        number="12-QĐ/BCĐ35",
        title="Quyết định thành lập Tổ thư ký",
        slug="qd-12",
        kind=DecisionKind.FOUND_TEAM,
        issued_on=dt.date(2021, 4, 1),
    )
    DecisionFactory(
        issuer_committee=SteeringCommitteeFactory(organization=other), issued_on=dt.date(2021, 4, 1)
    )
    agreement = agreement_in_force(
        parties=[academy, other],
        title="Quy chế phối hợp",
        slug="quy-che",
        number="01/QC",
        signed_on=dt.date(2021, 3, 15),
    )
    done = TaskFactory(agreement=agreement, title="Hội thảo chung", due_on=dt.date(2021, 4, 30))
    task_set_status(task=done, to=TaskStatus.IN_PROGRESS, by=None)
    task_set_status(task=done, to=TaskStatus.DONE, by=None)
    TaskFactory(agreement=agreement, title="Xuất bản kỷ yếu", due_on=dt.date(2021, 5, 31))
    category = CategoryFactory(name="Tin hoạt động")
    read = published_article(
        title="Hội nghị sơ kết", source_organization=academy, now=at(dt.date(2021, 5, 14))
    )
    read.categories.set([category])
    Article.objects.filter(pk=read.pk).update(view_count=120)
    linked = published_article(title="Tọa đàm", now=at(dt.date(2021, 6, 30), hour=23))
    linked.organizations.set([unit])
    published_article(title="Tin khác", source_organization=other, now=at(dt.date(2021, 5, 1)))
    report = Report.objects.create(
        organization=academy,
        kind=ReportKind.SIX_MONTH,
        title="Báo cáo sơ kết 6 tháng đầu năm 2021",
        author_unit="Công đoàn cơ sở",
        period_kind=H1_2021.kind,
        period_start=H1_2021.start,
        period_end=H1_2021.end,
        status=ReportStatus.SUBMITTED,
    )
    ReportItem.objects.create(
        report=report, section=SectionKind.RESULTS, order=1, heading="Một là", text="Kết quả"
    )
    ReportItem.objects.create(report=report, section=SectionKind.DIRECTIONS, order=1, text="Phương hướng")
    Report.objects.create(
        organization=academy,
        kind=ReportKind.SIX_MONTH,
        title="Bản nháp",
        period_kind=H1_2021.kind,
        period_start=H1_2021.start,
        period_end=H1_2021.end,
    )
    return academy


def rows(summary: Summary, sheet: str) -> list[dict]:
    return list(summary.rows.filter(sheet=sheet).order_by("position").values_list("data", flat=True))


def test_the_snapshot_counts_the_scopes_records_of_the_period(academy):
    summary = summary_assemble(scope=Scope.of_organization(academy), period=H1_2021, by=None)

    snapshot = summary.snapshot
    assert summary.title == "Tổng hợp 6 tháng đầu năm 2021 — Học viện Chính trị khu vực II"
    assert snapshot["title"] == summary.title
    assert snapshot["scope"] == {
        "kind": "organization",
        "key": f"org:{academy.pk}",
        "label": "Học viện Chính trị khu vực II",
        "organization_id": academy.pk,
        "region_id": None,
        "include_children": True,
        "organizations": 2,
    }
    assert snapshot["period"] == {
        "kind": "half",
        "start": "2021-01-01",
        "end": "2021-06-30",
        "label": "6 tháng đầu năm 2021",
    }
    assert snapshot["previous"]["label"] == "6 tháng cuối năm 2020"
    assert snapshot["months"] == ["2021-01", "2021-02", "2021-03", "2021-04", "2021-05", "2021-06"]
    assert snapshot["events_by_month"] == [
        {"kind": "conference", "label": "Hội nghị", "counts": [0, 0, 0, 0, 1, 0]},
        {"kind": "workshop", "label": "Hội thảo khoa học", "counts": [0, 0, 1, 0, 0, 0]},
        {"kind": "training", "label": "Tập huấn", "counts": [0, 0, 1, 0, 0, 0]},
    ]
    assert snapshot["articles_by_month"] == {"published": [0, 0, 0, 0, 1, 1], "views": [0, 0, 0, 0, 120, 0]}
    assert snapshot["agreements_status"] == [{"status": "in_force", "label": "Đang có hiệu lực", "count": 1}]
    assert [(row["status"], row["count"]) for row in snapshot["tasks_status"]] == [
        ("not_started", 1),
        ("done", 1),
    ]
    assert snapshot["counts"] == {"events": 3, "decisions": 1, "agreements": 1, "tasks": 2, "articles": 2}
    assert snapshot["indicators"][0] == {
        "code": "events.total",
        "label": str(indicators.CATALOGUE["events.total"].label),
        "unit": "sự kiện",
        "group": "events",
        "group_label": "Sự kiện",
        "value": indicators.compute(Scope.of_organization(academy), H1_2021)["events.total"],
        "previous": 1,
        "change": snapshot["indicators"][0]["value"] - 1,
        "change_percent": round(100.0 * (snapshot["indicators"][0]["value"] - 1), 1),
    }


def test_the_indicators_are_the_catalogues_for_the_period_and_the_previous_one(academy):
    scope = Scope.of_organization(academy)
    snapshot = summary_assemble(scope=scope, period=H1_2021, by=None).snapshot

    current, previous = indicators.compute(scope, H1_2021), indicators.compute(scope, H1_2021.previous())
    assert [row["code"] for row in snapshot["indicators"]] == list(indicators.CATALOGUE)
    assert {row["code"]: (row["value"], row["previous"]) for row in snapshot["indicators"]} == {
        code: (current[code], previous[code]) for code in current
    }
    for row in snapshot["indicators"]:
        assert row["change"] == row["value"] - row["previous"]
        expected = round(100 * row["change"] / row["previous"], 1) if row["previous"] else None
        assert row["change_percent"] == expected


def test_each_sheet_lists_its_records_in_order_with_vietnamese_labels(academy):
    summary = summary_assemble(scope=Scope.of_organization(academy), period=H1_2021, by=None)

    events = rows(summary, "events")
    assert [event["title"] for event in events] == [
        "Tập huấn",
        "Hội thảo khoa học cấp Bộ",
        "Hội nghị sơ kết 6 tháng",
    ]
    assert events[1] == {
        "id": events[1]["id"],
        "title": "Hội thảo khoa học cấp Bộ",
        "start_date": "2021-03-02",
        "end_date": None,
        "day_unknown": False,
        "kind": "workshop",
        "kind_label": "Hội thảo khoa học",
        "level": "ministry",
        "level_label": "Cấp Bộ",
        "format": "hybrid",
        "format_label": events[1]["format_label"],
        "status": "published",
        "status_label": "Đã công bố",
        "host": "Trường Chính trị tỉnh Bình Dương",
        "speeches": 0,
        "url": "/su-kien/hoi-thao/",
    }
    assert (events[0]["day_unknown"], events[0]["end_date"]) == (True, "2021-03-31")
    assert events[2]["speeches"] == 2
    assert events[2]["host"] == "Công đoàn cơ sở Học viện"
    [decision] = rows(summary, "decisions")
    assert decision | {"id": 0} == {
        "id": 0,
        "number": "12-QĐ/BCĐ35",
        "title": "Quyết định thành lập Tổ thư ký",
        "issued_on": "2021-04-01",
        "known_on": "2021-04-01",
        "kind": "found_team",
        "kind_label": decision["kind_label"],
        "issuer": "Ban Chỉ đạo 35 Học viện Chính trị khu vực II",
        "url": "/van-ban/quyet-dinh/qd-12/",
    }
    [agreement] = rows(summary, "agreements")
    assert agreement["parties"] == "Học viện Chính trị khu vực II; Trường Chính trị tỉnh Bình Dương"
    assert agreement["in_period"] == ["signed", "in_force"]
    assert (agreement["status"], agreement["status_label"]) == ("in_force", "Đang có hiệu lực")
    assert agreement["signed_on"] == "2021-03-15"
    tasks = rows(summary, "tasks")
    assert [(task["title"], task["status"], task["overdue"]) for task in tasks] == [
        ("Hội thảo chung", "done", False),
        ("Xuất bản kỷ yếu", "not_started", True),
    ]
    assert tasks[0]["agreement"] == "Quy chế phối hợp"
    articles = rows(summary, "articles")
    assert [(a["title"], a["views"], a["category"]) for a in articles] == [
        ("Hội nghị sơ kết", 120, "Tin hoạt động"),
        ("Tọa đàm", 0, ""),
    ]
    assert articles[0]["published_at"] == "2021-05-14T08:00:00+07:00"
    assert articles[1]["published_at"] == "2021-06-30T23:00:00+07:00"


def test_highlights_name_the_highest_level_events_first_and_the_most_read_articles(academy):
    snapshot = summary_assemble(scope=Scope.of_organization(academy), period=H1_2021, by=None).snapshot

    highlights = snapshot["highlights"]
    assert [event["title"] for event in highlights["events"]] == [
        "Hội thảo khoa học cấp Bộ",
        "Hội nghị sơ kết 6 tháng",
        "Tập huấn",
    ]
    assert [article["title"] for article in highlights["articles"]] == ["Hội nghị sơ kết", "Tọa đàm"]
    assert [agreement["title"] for agreement in highlights["agreements"]] == ["Quy chế phối hợp"]
    assert [decision["number"] for decision in highlights["decisions"]] == ["12-QĐ/BCĐ35"]


def test_the_sections_of_submitted_reports_of_the_scope_are_included(academy):
    snapshot = summary_assemble(scope=Scope.of_organization(academy), period=H1_2021, by=None).snapshot

    [report] = snapshot["reports"]
    assert report["title"] == "Báo cáo sơ kết 6 tháng đầu năm 2021"
    assert (report["unit"], report["organization"], report["status"]) == (
        "Công đoàn cơ sở",
        "Học viện Chính trị khu vực II",
        "submitted",
    )
    assert report["period_label"] == "6 tháng đầu năm 2021"
    assert [(section["section"], section["items"]) for section in report["sections"]] == [
        (1, [{"heading": "Một là", "text": "Kết quả"}]),
        (3, [{"heading": "", "text": "Phương hướng"}]),
    ]


def test_assembling_again_from_the_same_records_returns_the_same_summary(academy):
    scope = Scope.of_organization(academy)
    first = summary_assemble(scope=scope, period=H1_2021, by=None)
    again = summary_assemble(scope=scope, period=H1_2021, by=None)

    assert again.pk == first.pk
    assert again.input_hash == first.input_hash
    assert len(first.input_hash) == 64
    assert Summary.objects.count() == 1
    assert SummaryRow.objects.count() == 3 + 1 + 1 + 2 + 2


def test_a_changed_record_gives_a_new_summary_with_another_hash(academy):
    scope = Scope.of_organization(academy)
    first = summary_assemble(scope=scope, period=H1_2021, by=None)
    Article.objects.filter(title="Hội nghị sơ kết").update(view_count=121)

    second = summary_assemble(scope=scope, period=H1_2021, by=None)

    assert second.pk != first.pk
    assert second.input_hash != first.input_hash
    assert rows(second, "articles")[0]["views"] == 121
    assert rows(first, "articles")[0]["views"] == 120
    assert Summary.objects.count() == 2


def test_build_snapshot_gives_what_the_summary_stores(academy):
    scope = Scope.of_organization(academy)
    summary = summary_assemble(scope=scope, period=H1_2021, by=None)

    assert build_snapshot(scope, H1_2021) == summary.snapshot


def test_a_scope_with_no_records_gives_a_summary_of_zeros():
    quiet = OrganizationFactory(name="Trường Chính trị tỉnh Cà Mau")

    summary = summary_assemble(scope=Scope.of_organization(quiet), period=Period.of_year(2021), by=None)

    snapshot = summary.snapshot
    assert summary.title == "Tổng hợp năm 2021 — Trường Chính trị tỉnh Cà Mau"
    assert {row["value"] for row in snapshot["indicators"]} == {0}
    assert {row["change_percent"] for row in snapshot["indicators"]} == {None}
    assert snapshot["counts"] == {"events": 0, "decisions": 0, "agreements": 0, "tasks": 0, "articles": 0}
    assert snapshot["events_by_month"] == []
    assert snapshot["articles_by_month"] == {"published": [0] * 12, "views": [0] * 12}
    assert snapshot["highlights"] == {"events": [], "decisions": [], "agreements": [], "articles": []}
    assert snapshot["reports"] == []
    assert summary.rows.count() == 0


def test_the_system_and_a_region_count_every_organisation_in_them(academy):
    system = summary_assemble(scope=Scope.system(), period=H1_2021, by=None)
    region = summary_assemble(scope=Scope.of_region(academy.region), period=H1_2021, by=None)

    assert system.title == "Tổng hợp 6 tháng đầu năm 2021 — Toàn hệ thống"
    assert system.snapshot["counts"] == {
        "events": 4,
        "decisions": 2,
        "agreements": 1,
        "tasks": 2,
        "articles": 3,
    }
    assert system.snapshot["scope"]["organizations"] == 3
    assert region.snapshot["scope"]["key"] == f"region:{academy.region_id}"
    assert region.snapshot["counts"]["events"] == 3


def test_rows_are_written_in_chunks_of_the_setting_whatever_their_sheet(academy, settings, monkeypatch):
    settings.REPORTS_SUMMARY_CHUNK_SIZE = 2
    written = []
    write_rows = services._write_rows

    def spy(summary_id, rows):
        written.append(len(rows))
        write_rows(summary_id, rows)

    monkeypatch.setattr(services, "_write_rows", spy)

    chunked = summary_assemble(scope=Scope.of_organization(academy), period=H1_2021, by=None)

    # 3 events, 1 decision, 1 agreement, 2 tasks, 2 articles: 9 rows, 2 at a time.
    assert written == [2, 2, 2, 2, 1]
    assert [(row.sheet, row.position) for row in chunked.rows.order_by("pk")] == [
        ("events", 0),
        ("events", 1),
        ("events", 2),
        ("decisions", 0),
        ("agreements", 0),
        ("tasks", 0),
        ("tasks", 1),
        ("articles", 0),
        ("articles", 1),
    ]


def test_the_chunk_size_changes_how_records_are_read_not_what_is_made_of_them(academy, settings):
    scope = Scope.of_organization(academy)
    settings.REPORTS_SUMMARY_CHUNK_SIZE = 1
    one_by_one = summary_assemble(scope=scope, period=H1_2021, by=None)
    Summary.objects.all().delete()
    settings.REPORTS_SUMMARY_CHUNK_SIZE = 1000

    at_once = summary_assemble(scope=scope, period=H1_2021, by=None)

    assert at_once.input_hash == one_by_one.input_hash
    assert at_once.snapshot == one_by_one.snapshot


def test_the_scope_must_exist_and_nothing_is_saved_otherwise():
    with pytest.raises(ValidationError) as error:
        summary_assemble(scope=Scope.of_organization(999_999), period=H1_2021, by=None)

    assert error.value.message_dict == {"organization": ["Đơn vị này không tồn tại (hoặc đã bị xóa)."]}
    assert Summary.objects.count() == 0


def test_a_period_out_of_order_is_refused():
    backwards = Period("custom", dt.date(2021, 6, 30), dt.date(2021, 1, 1))

    with pytest.raises(ValidationError) as error:
        summary_assemble(scope=Scope.system(), period=backwards, by=None)

    assert error.value.messages == ["Kỳ bắt đầu ngày 30/06/2021, sau ngày kết thúc 01/01/2021."]


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Period.of_year(2021), "năm 2021"),
        (Period.of_half(2021, 2), "6 tháng cuối năm 2021"),
        (Period.between(dt.date(2021, 3, 1), dt.date(2021, 5, 31)), "từ 01/03/2021 đến 31/05/2021"),
    ],
)
def test_periods_are_named_as_the_reports_name_them(period, label):
    assert period_label(period) == label


def test_the_agreements_sheet_lists_those_signed_in_force_or_reviewed_in_the_period_never_drafts(db):
    from agreements.models import AgreementStatus
    from agreements.services import agreement_transition
    from tests.agreements.factories import AgreementFactory, MilestoneFactory

    academy, other = OrganizationFactory(), OrganizationFactory()
    AgreementFactory(parties=[academy, other], title="Bản nháp", signed_on=dt.date(2021, 3, 1))
    agreement_in_force(parties=[academy, other], title="Đang hiệu lực", signed_on=dt.date(2019, 5, 1))
    ended = agreement_in_force(parties=[academy, other], title="Hết hiệu lực", signed_on=dt.date(2019, 5, 2))
    agreement_transition(agreement=ended, to=AgreementStatus.EXPIRED, by=None, at=at(dt.date(2020, 12, 1)))
    reviewed = agreement_in_force(parties=[academy, other], title="Đã sơ kết", signed_on=dt.date(2019, 5, 3))
    review = EventFactory(host=other, start_date=dt.date(2021, 4, 10))
    MilestoneFactory(agreement=reviewed, due_on=dt.date(2021, 4, 1), event=review)
    agreement_transition(agreement=reviewed, to=AgreementStatus.EXPIRED, by=None, at=at(dt.date(2021, 5, 1)))
    TaskFactory(agreement=reviewed, title="Nhiệm vụ sau", order=2)
    TaskFactory(agreement=reviewed, title="Nhiệm vụ trước", order=1)
    agreement_in_force(
        parties=[other, OrganizationFactory()], title="Của đơn vị khác", signed_on=dt.date(2021, 3, 1)
    )

    summary = summary_assemble(scope=Scope.of_organization(academy), period=H1_2021, by=None)

    assert [(row["title"], row["status"], row["in_period"]) for row in rows(summary, "agreements")] == [
        ("Đã sơ kết", "expired", ["in_force", "reviewed"]),
        ("Đang hiệu lực", "in_force", ["in_force"]),
    ]
    assert [task["title"] for task in rows(summary, "tasks")] == ["Nhiệm vụ trước", "Nhiệm vụ sau"]
    assert summary.snapshot["agreements_status"] == [
        {"status": "in_force", "label": "Đang có hiệu lực", "count": 1},
        {"status": "expired", "label": summary.snapshot["agreements_status"][1]["label"], "count": 1},
    ]
    assert [agreement["title"] for agreement in summary.snapshot["highlights"]["agreements"]] == ["Đã sơ kết"]


def test_a_period_with_no_period_before_it_cannot_be_compared():
    with pytest.raises(ValidationError) as error:
        summary_assemble(scope=Scope.system(), period=Period.of_year(1), by=None)

    assert error.value.messages == ["Lịch không có kỳ nào trước kỳ này để so sánh."]


def test_the_last_year_of_the_calendar_can_be_summarised(db):
    summary = summary_assemble(scope=Scope.system(), period=Period.of_year(9999), by=None)

    assert summary.snapshot["period"]["end"] == "9999-12-31"
    assert summary.snapshot["counts"]["articles"] == 0


def test_the_queries_do_not_grow_with_the_records_listed(academy):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    scope = Scope.of_organization(academy)
    with CaptureQueriesContext(connection) as few:
        summary_assemble(scope=scope, period=H1_2021, by=None)
    for number in range(10):
        event = EventFactory(slug=f"them-{number}", host=academy, start_date=dt.date(2021, 2, 1 + number))
        SpeechFactory(event=event)
        published_article(
            title=f"Tin {number}", source_organization=academy, now=at(dt.date(2021, 3, 1 + number))
        )

    Summary.objects.all().delete()  # a first assembly again, as the one measured before
    with CaptureQueriesContext(connection) as many:
        summary = summary_assemble(scope=scope, period=H1_2021, by=None)

    assert summary.snapshot["counts"]["events"] == 13
    assert summary.snapshot["counts"]["articles"] == 12
    assert len(many) == len(few)


def test_assembling_unchanged_records_again_writes_nothing_and_a_change_writes_a_new_summary(academy):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    scope = Scope.of_organization(academy)
    first = summary_assemble(scope=scope, period=H1_2021, by=None)
    with CaptureQueriesContext(connection) as again:
        same = summary_assemble(scope=scope, period=H1_2021, by=None)
    writes = [q["sql"] for q in again if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]

    assert (same.pk, writes) == (first.pk, [])

    EventFactory(slug="them", host=academy, start_date=dt.date(2021, 2, 1))
    changed = summary_assemble(scope=scope, period=H1_2021, by=None)

    assert changed.pk != first.pk
    assert changed.input_hash != first.input_hash
    assert changed.snapshot["counts"]["events"] == first.snapshot["counts"]["events"] + 1
    assert Summary.objects.count() == 2
