"""A hand-written summary snapshot that follows the contract (notes: snapshot.md) field by field,
and a helper storing it as a Summary with its SummaryRows, for the tests of the outputs.

The outputs read only the snapshot and the rows, so they are tested on this fixture without
the assembly service; tests/reports/test_views.py also goes from the real assembly when present.
"""

import copy
import datetime as dt
from typing import Any

from django.utils import timezone

from reports.models import ScopeKind, Summary, SummaryRow

TITLE = "Tổng hợp 6 tháng đầu năm 2021 — Học viện Chính trị khu vực II"

EVENTS = [
    {"id": 11, "title": "Hội thảo khoa học về bảo vệ nền tảng tư tưởng của Đảng", "start_date": "2021-01-20",
     "end_date": None, "day_unknown": False, "kind": "workshop", "kind_label": "Hội thảo",
     "level": "ministry", "level_label": "Cấp Bộ", "format": "in_person", "format_label": "Trực tiếp",
     "status": "held", "status_label": "Đã tổ chức", "host": "Học viện Chính trị khu vực II", "speeches": 12,
     "url": "/su-kien/hoi-thao-khoa-hoc/"},
    {"id": 12, "title": "Tọa đàm trực tuyến với Công đoàn cơ sở", "start_date": "2021-03-01",
     "end_date": "2021-03-31", "day_unknown": True, "kind": "seminar", "kind_label": "Tọa đàm", "level": "",
     "level_label": "", "format": "online", "format_label": "Trực tuyến", "status": "held",
     "status_label": "Đã tổ chức", "host": "Công đoàn cơ sở", "speeches": 0, "url": "/su-kien/toa-dam/"},
    {"id": 13, "title": "Hội nghị sơ kết 6 tháng đầu năm 2021", "start_date": "2021-05-13", "end_date": None,
     "day_unknown": False, "kind": "conference", "kind_label": "Hội nghị", "level": "", "level_label": "",
     "format": "in_person", "format_label": "Trực tiếp", "status": "held", "status_label": "Đã tổ chức",
     "host": "Học viện Chính trị khu vực II", "speeches": 2, "url": "/su-kien/hoi-nghi-so-ket/"},
]  # fmt: skip

DECISIONS = [
    {"id": 21, "number": "123/QĐ-BCĐ35", "title": "Quyết định thành lập Tổ giúp việc Ban Chỉ đạo 35",
     "issued_on": "2021-02-03", "kind": "founding", "kind_label": "Thành lập",
     "issuer": "Ban Chỉ đạo 35 Học viện Chính trị khu vực II", "url": "/to-chuc/quyet-dinh/123/"},
    {"id": 22, "number": "45/QĐ-HVCTKV II", "title": "Quyết định kiện toàn Ban Chỉ đạo 35",
     "issued_on": "2021-06-30", "kind": "reorganization", "kind_label": "Kiện toàn",
     "issuer": "Học viện Chính trị khu vực II", "url": "/to-chuc/quyet-dinh/45/"},
]  # fmt: skip

AGREEMENTS = [
    {"id": 31, "title": "Quy chế phối hợp đấu tranh phản bác quan điểm sai trái", "number": "07/QC-PH",
     "kind_label": "Quy chế phối hợp", "status": "in_force", "status_label": "Đang có hiệu lực",
     "signed_on": "2021-04-02", "covers_from": "2021-04-02", "covers_to": None,
     "parties": "Học viện Chính trị khu vực II; Báo Quân đội nhân dân", "in_period": ["signed", "reviewed"],
     "url": "/thoa-thuan/quy-che-phoi-hop/"},
]  # fmt: skip

TASKS = [
    {"id": 41, "agreement": "Quy chế phối hợp đấu tranh phản bác quan điểm sai trái",
     "title": "Tổ chức hội thảo chung", "owner": "Học viện Chính trị khu vực II", "due_on": "2021-06-15",
     "status": "done", "status_label": "Đã hoàn thành", "overdue": False},
    {"id": 42, "agreement": "Quy chế phối hợp đấu tranh phản bác quan điểm sai trái",
     "title": "Đăng loạt bài phản bác", "owner": "Báo Quân đội nhân dân", "due_on": "2021-05-31",
     "status": "in_progress", "status_label": "Đang thực hiện", "overdue": True},
]  # fmt: skip

ARTICLES = [
    {"id": 51, "title": "Học viện tổ chức hội nghị sơ kết", "published_at": "2021-05-14T08:00:00+07:00",
     "views": 2948, "category": "Tin hoạt động", "url": "/tin-tuc/hoi-nghi-so-ket/"},
    # Published at 23:30 UTC on 31/01: already 01/02 in Việt Nam.
    {"id": 52, "title": "Bảo vệ nền tảng tư tưởng của Đảng trong tình hình mới",
     "published_at": "2021-01-31T23:30:00+00:00", "views": 120, "category": "Nghiên cứu",
     "url": "/tin-tuc/bao-ve-nen-tang/"},
]  # fmt: skip

SNAPSHOT: dict[str, Any] = {
    "version": 1,
    "title": TITLE,
    "scope": {"kind": "organization", "key": "org:13", "label": "Học viện Chính trị khu vực II",
              "organization_id": 13, "region_id": None, "include_children": True, "organizations": 7},
    "period": {"kind": "half", "start": "2021-01-01", "end": "2021-06-30", "label": "6 tháng đầu năm 2021"},
    "previous": {"kind": "half", "start": "2020-07-01", "end": "2020-12-31",
                 "label": "6 tháng cuối năm 2020"},
    "indicators": [
        {"code": "events.total", "label": "Sự kiện đã tổ chức", "unit": "sự kiện", "group": "events",
         "group_label": "Sự kiện", "value": 3, "previous": 2, "change": 1, "change_percent": 50.0},
        {"code": "events.workshops.ministry", "label": "Hội thảo cấp Bộ", "unit": "hội thảo",
         "group": "events", "group_label": "Sự kiện", "value": 1, "previous": 0, "change": 1,
         "change_percent": None},
        {"code": "articles.views", "label": "Lượt xem bài viết", "unit": "lượt", "group": "articles",
         "group_label": "Bài viết", "value": 3068, "previous": 4000, "change": -932, "change_percent": -23.3},
    ],
    "months": ["2021-01", "2021-02", "2021-03", "2021-04", "2021-05", "2021-06"],
    "events_by_month": [
        {"kind": "conference", "label": "Hội nghị", "counts": [0, 0, 0, 0, 1, 0]},
        {"kind": "workshop", "label": "Hội thảo", "counts": [1, 0, 0, 0, 0, 0]},
        {"kind": "seminar", "label": "Tọa đàm", "counts": [0, 0, 1, 0, 0, 0]},
    ],
    "articles_by_month": {"published": [0, 1, 0, 0, 1, 0], "views": [0, 120, 0, 0, 2948, 0]},
    "agreements_status": [{"status": "in_force", "label": "Đang có hiệu lực", "count": 1}],
    "tasks_status": [
        {"status": "done", "label": "Đã hoàn thành", "count": 1},
        {"status": "in_progress", "label": "Đang thực hiện", "count": 1},
    ],
    "counts": {"events": 3, "decisions": 2, "agreements": 1, "tasks": 2, "articles": 2},
    "highlights": {
        "events": EVENTS,
        "decisions": DECISIONS,
        "agreements": AGREEMENTS,
        "articles": ARTICLES,
    },
    "reports": [
        {"id": 61, "title": "Báo cáo kết quả công tác 6 tháng đầu năm 2021", "kind": "six_month",
         "kind_label": "Sơ kết 6 tháng", "unit": "Công đoàn cơ sở",
         "organization": "Học viện Chính trị khu vực II",
         "status": "approved", "period_label": "6 tháng đầu năm 2021",
         "sections": [
             {"section": 1, "label": "Kết quả", "items": [
                 {"heading": "Một là,", "text": "Tổ chức thành công hội thảo khoa học cấp Bộ."},
                 {"heading": "Hai là,", "text": "Đăng 2 bài viết phản bác quan điểm sai trái."},
             ]},
             {"section": 4, "label": "Nhiệm vụ, giải pháp", "items": [
                 {"heading": "", "text": "Tiếp tục phối hợp với Báo Quân đội nhân dân."},
             ]},
         ]},
    ],
}  # fmt: skip

ROWS: dict[str, list[dict[str, Any]]] = {
    "events": EVENTS,
    "decisions": DECISIONS,
    "agreements": AGREEMENTS,
    "tasks": TASKS,
    "articles": ARTICLES,
}


def store_summary(
    snapshot: dict[str, Any] | None = None, rows: dict[str, list[dict[str, Any]]] | None = None
) -> Summary:
    """The snapshot (SNAPSHOT by default) stored as a system-wide Summary of H1 2021 with its rows."""
    snapshot = copy.deepcopy(SNAPSHOT if snapshot is None else snapshot)
    rows = ROWS if rows is None else rows
    summary = Summary.objects.create(
        scope_kind=ScopeKind.SYSTEM,
        period_kind="half",
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2021, 6, 30),
        scope_key=f"test:{Summary.objects.count()}",
        input_hash="0" * 64,
        snapshot=snapshot,
        title=snapshot["title"],
        assembled_at=timezone.now(),
    )
    SummaryRow.objects.bulk_create(
        SummaryRow(summary=summary, sheet=sheet, position=position, data=data)
        for sheet, items in rows.items()
        for position, data in enumerate(items)
    )
    return summary
