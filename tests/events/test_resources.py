"""The events' spreadsheet: a round trip through a workbook, re-imports that change nothing,
bad cells refused with their row and reason, and exports without a query per row."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from committees.models import LegalDocumentType
from events.models import (
    Event,
    EventFormat,
    EventKind,
    EventLevel,
    EventPurpose,
    EventSite,
    EventStatus,
    Speech,
)
from events.resources import EventResource, SpeechResource
from events.services import event_publish, event_save
from portal.exchange import registry
from portal.exchange.formats import read_csv, read_xlsx, write_csv, write_xlsx
from portal.services import Rows
from tests.committees.factories import LegalDocumentFactory, OrganizationFactory, PersonFactory
from tests.staff import sees_everything

pytestmark = pytest.mark.django_db

HEADERS = [
    "Tiêu đề",
    "Loại",
    "Mục đích",
    "Cấp",
    "Hình thức",
    "Ngày bắt đầu",
    "Giờ bắt đầu",
    "Buổi",
    "Ngày kết thúc",
    "Giờ kết thúc",
    "Không rõ ngày",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Văn bản triển khai",
    "Điểm cầu",
    "Tóm tắt",
    "Trạng thái",
]


def workbook_bytes(headers, rows) -> bytes:
    stream = io.BytesIO()
    write_xlsx(stream, headers, iter(rows), title="Sự kiện")
    return stream.getvalue()


def raw_workbook(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def export_bytes() -> bytes:
    resource = EventResource()
    return workbook_bytes(resource.export_headers(), resource.export_rows(Event.objects.order_by("pk")))


def import_bytes(content: bytes, *, dry_run=False, user=None):
    resource = EventResource()
    return resource.import_data(read_xlsx(content), dry_run=dry_run, user=user)


def invalid_rows(result) -> dict[int, dict[str, list[str]]]:
    """Invalid rows by their spreadsheet row number: {column: [messages]}."""
    return {
        row.number + 1: {
            column: [str(message) for message in messages] for column, messages in row.error_dict.items()
        }
        for row in result.invalid_rows
    }


def event_state() -> list[tuple]:
    """Every event as the spreadsheet holds it, by title: the values compared after a round trip."""
    events = Event.objects.select_related("host").prefetch_related(
        "co_organizers", "legal_documents", "sites__organization"
    )
    return sorted(
        (
            event.title,
            event.kind,
            event.purpose,
            event.level,
            event.format,
            event.start_date,
            event.start_time,
            event.part_of_day,
            event.end_date,
            event.end_time,
            event.day_unknown,
            event.host.name,
            sorted(org.name for org in event.co_organizers.all()),
            sorted(doc.number for doc in event.legal_documents.all()),
            [
                (site.organization.name if site.organization else None, site.place, site.is_main, site.order)
                for site in event.sites.all()
            ],
            event.summary,
            event.status,
        )
        for event in events
    )


@pytest.fixture
def orgs():
    return {
        "hv1": OrganizationFactory(name="Học viện Chính trị khu vực I", short_name="HVCTKV I"),
        "hv2": OrganizationFactory(name="Học viện Chính trị khu vực II"),
        "na": OrganizationFactory(name="Trường Chính trị tỉnh Nghệ An"),
    }


@pytest.fixture
def events(orgs):
    """Two events made through the service: a hybrid one with three sites, one in person."""
    resolution = LegalDocumentFactory(number="35-NQ/TW", doc_type=LegalDocumentType.RESOLUTION)
    hybrid = Event(
        title="Hội nghị sơ kết 5 năm Nghị quyết 35",
        kind=EventKind.CONFERENCE,
        purpose=EventPurpose.INTERIM_REVIEW,
        level=EventLevel.STATE,
        format=EventFormat.HYBRID,
        start_date=dt.date(2023, 10, 20),
        start_time=dt.time(8, 0),
        end_time=dt.time(11, 30),
        host=orgs["hv1"],
        summary="Dòng một.\nDòng hai.",
        slug="so-ket",
    )
    sites = Rows.of(
        EventSite,
        "event",
        EventSite(organization=orgs["hv1"], place="Hội trường A", is_main=True, order=1),
        EventSite(organization=orgs["na"], order=2),
        EventSite(place="các tỉnh khu vực Tây Nam Bộ", order=3),
    )
    event_save(
        event=hybrid,
        by=None,
        many_to_many={"co_organizers": [orgs["na"], orgs["hv2"]], "legal_documents": [resolution]},
        rows=[sites],
    )
    event_publish(event=hybrid, by=None)
    in_person = Event(
        title="=Tọa đàm về bảo vệ nền tảng tư tưởng",
        kind=EventKind.ROUNDTABLE,
        format=EventFormat.IN_PERSON,
        start_date=dt.date(2024, 3, 5),
        part_of_day="afternoon",
        end_date=dt.date(2024, 3, 6),
        day_unknown=True,
        host=orgs["hv2"],
        slug="toa-dam",
    )
    event_save(event=in_person, by=None)
    return hybrid, in_person


def test_events_and_speeches_are_registered_importable():
    assert registry.entry_for(Event).resource is EventResource
    assert registry.entry_for(Event).importable is True
    assert registry.entry_for(Speech).resource is SpeechResource
    assert registry.entry_for(Speech).importable is True


def test_export_cells_are_labels_dates_and_flattened_sites(events):
    sheet = load_workbook(io.BytesIO(export_bytes())).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == HEADERS
    assert rows[1] == [
        "Hội nghị sơ kết 5 năm Nghị quyết 35",
        "Hội nghị",
        "sơ kết",
        "cấp Nhà nước",
        "trực tiếp kết hợp trực tuyến",
        dt.datetime(2023, 10, 20),  # noqa: DTZ001 - a workbook cell is naive
        dt.time(8, 0),
        None,
        None,
        dt.time(11, 30),
        "Không",
        "Học viện Chính trị khu vực I",
        "Học viện Chính trị khu vực II; Trường Chính trị tỉnh Nghệ An",
        "35-NQ/TW",
        "Học viện Chính trị khu vực I — Hội trường A (điểm cầu chính); Trường Chính trị tỉnh Nghệ An; "
        "— các tỉnh khu vực Tây Nam Bộ",
        "Dòng một.\nDòng hai.",
        "đã công bố",
    ]
    assert rows[2][0] == "'=Tọa đàm về bảo vệ nền tảng tư tưởng"
    assert sheet["A3"].data_type == "s"
    assert rows[2][5] == dt.datetime(2024, 3, 5)  # noqa: DTZ001
    assert sheet["F3"].number_format == "DD/MM/YYYY"
    assert rows[2][1:5] == ["Tọa đàm", None, None, "trực tiếp"]
    assert rows[2][7:9] == ["buổi chiều", dt.datetime(2024, 3, 6)]  # noqa: DTZ001
    assert rows[2][10:12] == ["Có", "Học viện Chính trị khu vực II"]
    assert rows[2][16] == "bản nháp"


def test_fast_export_rows_are_the_cells_of_the_librarys_export(events):
    resource = EventResource()
    queryset = Event.objects.order_by("pk")
    fast = list(resource.export_rows(queryset))
    assert [list(row) for row in resource.export(queryset)] == fast
    assert fast[1][0] == "'=Tọa đàm về bảo vệ nền tảng tư tưởng"


def test_round_trip_into_empty_tables_gives_the_same_events_as_drafts(events):
    before = event_state()
    content = export_bytes()
    Event.objects.all().delete()
    result = import_bytes(content)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 2
    after = event_state()
    # Imported events are drafts: the publication is the workflow's, not the file's.
    assert [row[:-1] for row in after] == [row[:-1] for row in before]
    assert [row[-1] for row in after] == [EventStatus.DRAFT, EventStatus.DRAFT]
    assert sorted(Event.objects.values_list("slug", flat=True)) == [
        "hoi-nghi-so-ket-5-nam-nghi-quyet-35",
        "toa-dam-ve-bao-ve-nen-tang-tu-tuong",
    ]


def test_reimporting_the_export_changes_nothing(events):
    content = export_bytes()
    stamps = list(Event.objects.order_by("pk").values_list("updated_at", flat=True))
    site_ids = sorted(EventSite.objects.values_list("pk", flat=True))
    result = import_bytes(content)
    assert result.totals == {"new": 0, "update": 0, "delete": 0, "skip": 2, "error": 0, "invalid": 0}
    assert list(Event.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    assert sorted(EventSite.objects.values_list("pk", flat=True)) == site_ids


def test_changed_sites_keep_the_stored_ones_and_move_the_main_mark(events, orgs):
    hybrid, _ = events
    kept = EventSite.objects.get(event=hybrid, organization=orgs["na"])
    content = workbook_bytes(
        HEADERS[:-1],
        [
            [
                hybrid.title,
                "hội nghị",
                "",
                "",
                "trực tuyến",
                "20/10/2023",
                "",
                "",
                "",
                "",
                "không",
                "HVCTKV I",
                "",
                "",
                "Trường Chính trị tỉnh Nghệ An (Điểm cầu chính); Học viện Chính trị khu vực II — Phòng 2",
                "",
            ]
        ],
    )
    result = import_bytes(content)
    assert not result.has_errors()
    assert invalid_rows(result) == {}
    assert result.totals["update"] == 1
    sites = list(
        EventSite.objects.filter(event=hybrid).values_list(
            "pk", "organization__name", "place", "is_main", "order"
        )
    )
    assert sites == [
        (kept.pk, "Trường Chính trị tỉnh Nghệ An", "", True, 1),
        (sites[1][0], "Học viện Chính trị khu vực II", "Phòng 2", False, 2),
    ]
    hybrid.refresh_from_db()
    assert (hybrid.format, hybrid.start_time, hybrid.status) == (
        EventFormat.ONLINE,
        None,
        EventStatus.PUBLISHED,
    )
    assert list(hybrid.co_organizers.all()) == []


def row(**values):
    base = {
        "Tiêu đề": "Hội thảo khoa học",
        "Loại": "hội thảo khoa học",
        "Mục đích": "",
        "Cấp": "",
        "Hình thức": "trực tiếp",
        "Ngày bắt đầu": "05/06/2025",
        "Giờ bắt đầu": "",
        "Buổi": "",
        "Ngày kết thúc": "",
        "Giờ kết thúc": "",
        "Không rõ ngày": "",
        "Đơn vị chủ trì": "Học viện Chính trị khu vực I",
        "Đơn vị phối hợp": "",
        "Văn bản triển khai": "",
        "Điểm cầu": "",
        "Tóm tắt": "",
    }
    base.update(values)
    return list(base.values())


def test_bad_cells_are_refused_with_their_row_and_nothing_is_imported(orgs):
    content = raw_workbook(
        HEADERS[:-1],
        row(**{"Tiêu đề": "Đúng"}),
        row(**{"Tiêu đề": "Ngày sai", "Ngày bắt đầu": "13/25/2021"}),
        row(**{"Tiêu đề": "Chủ trì lạ", "Đơn vị chủ trì": "Học viện Chính trị khu vực 1"}),
        row(**{"Tiêu đề": "Kết thúc trước", "Ngày kết thúc": "04/06/2025"}),
        row(**{"Tiêu đề": "Trực tuyến", "Hình thức": "trực tuyến"}),
        row(**{"Tiêu đề": "đúng"}),
        row(
            **{
                "Tiêu đề": "Điểm cầu lạ",
                "Hình thức": "trực tuyến",
                "Điểm cầu": "Học viện Chính trị khu vực 2 — Hội trường",
            }
        ),
        row(**{"Tiêu đề": "Công thức", "Tóm tắt": '=HYPERLINK("x")'}),
    )
    result = import_bytes(content)
    assert Event.objects.count() == 0
    invalid = invalid_rows(result)
    assert set(invalid) == {3, 4, 5, 6, 7, 8, 9}
    assert invalid[3] == {
        "Ngày bắt đầu": ["“13/25/2021” không phải là ngày: hãy ghi ngày/tháng/năm, ví dụ 25/08/2021."]
    }
    assert invalid[4]["Đơn vị chủ trì"] == [
        "Không tìm thấy “Học viện Chính trị khu vực 1”. Có phải là: Học viện Chính trị khu vực I; "
        "Học viện Chính trị khu vực II; Trường Chính trị tỉnh Nghệ An?"
    ]
    assert invalid[5] == {"Ngày kết thúc": ["Sự kiện không thể kết thúc trước khi bắt đầu."]}
    assert invalid[6] == {"Điểm cầu": ["Sự kiện trực tuyến phải có ít nhất một điểm cầu."]}
    assert invalid[7] == {
        "__all__": ["Dòng này trùng với dòng 2 (cùng Tiêu đề, Ngày bắt đầu, Đơn vị chủ trì)."]
    }
    assert "Học viện Chính trị khu vực II" in invalid[8]["Điểm cầu"][0]
    assert list(invalid[9]) == ["Tóm tắt"]


def test_export_reads_a_fixed_number_of_queries_whatever_the_number_of_events(orgs):
    def make(count):
        for number in range(count):
            event = Event(
                title=f"Sự kiện {number}",
                kind=EventKind.CONFERENCE,
                format=EventFormat.ONLINE,
                start_date=dt.date(2025, 1, 1),
                host=orgs["hv1"],
                slug=f"su-kien-{count}-{number}",
            )
            event_save(
                event=event,
                by=None,
                many_to_many={"co_organizers": [orgs["na"]]},
                rows=[Rows.of(EventSite, "event", EventSite(organization=orgs["hv2"], is_main=True))],
            )

    def rows_and_queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            rows = list(EventResource().export_rows(Event.objects.all()))
        return len(rows), len(captured)

    make(3)
    few = rows_and_queries()
    make(27)
    # The events, then their co-organisers, documents and sites (with organisations): 4 queries.
    assert (few, rows_and_queries()) == ((3, 4), (30, 4))


SPEECH_HEADERS = [
    "Sự kiện",
    "Ngày bắt đầu sự kiện",
    "Thứ tự",
    "Người phát biểu",
    "Vai trò",
    "Chức danh",
    "Thay mặt",
    "Tên bài phát biểu",
    "Tóm tắt",
]


@pytest.fixture
def speeches(events):
    """Two speeches of the hybrid event, saved through `event_save` as the admin saves them."""
    hybrid, _ = events
    opening = PersonFactory(full_name="Nguyễn Xuân Thắng")
    report = PersonFactory(full_name="Hoàng Phúc Lâm")
    event_save(
        event=hybrid,
        by=None,
        rows=[
            Rows.of(
                Speech,
                "event",
                Speech(
                    person=opening,
                    role="opening",
                    order=1,
                    title="-Phát biểu khai mạc",
                    title_line="Giám đốc",
                ),
                Speech(
                    person=report,
                    role="report",
                    order=2,
                    title_line="Phó Giám đốc",
                    on_behalf_of="Ban Chỉ đạo 35",
                    summary="Báo cáo kết quả.\nĐề xuất.",
                ),
            )
        ],
    )
    return opening, report


def speech_bytes() -> bytes:
    resource = SpeechResource()
    return workbook_bytes(resource.export_headers(), resource.export_rows(Speech.objects.all()))


def speech_state() -> list[tuple]:
    return list(
        Speech.objects.order_by("event__start_date", "order").values_list(
            "event__title",
            "order",
            "person__full_name",
            "role",
            "title_line",
            "on_behalf_of",
            "title",
            "summary",
        )
    )


def test_speeches_export_with_their_event(speeches):
    assert list(SpeechResource().export_rows(Speech.objects.all())) == [
        [
            "Hội nghị sơ kết 5 năm Nghị quyết 35",
            dt.date(2023, 10, 20),
            1,
            "Nguyễn Xuân Thắng",
            "phát biểu khai mạc",
            "Giám đốc",
            "",
            "'-Phát biểu khai mạc",
            "",
        ],
        [
            "Hội nghị sơ kết 5 năm Nghị quyết 35",
            dt.date(2023, 10, 20),
            2,
            "Hoàng Phúc Lâm",
            "trình bày báo cáo",
            "Phó Giám đốc",
            "Ban Chỉ đạo 35",
            "",
            "Báo cáo kết quả.\nĐề xuất.",
        ],
    ]
    assert SpeechResource().export_headers() == SPEECH_HEADERS


def test_speeches_round_trip_and_reimport_changes_nothing(speeches):
    before = speech_state()
    content = speech_bytes()
    Speech.objects.all().delete()
    result = SpeechResource().import_data(read_xlsx(content))
    assert not result.has_errors() and invalid_rows(result) == {}
    assert result.totals["new"] == 2
    assert speech_state() == before
    again = SpeechResource().import_data(read_xlsx(content))
    assert again.totals == {"new": 0, "update": 0, "delete": 0, "skip": 2, "error": 0, "invalid": 0}
    assert speech_state() == before


def test_a_changed_speech_is_updated_and_an_empty_title_line_keeps_the_stored_one(speeches):
    content = raw_workbook(
        SPEECH_HEADERS,
        [
            "hoi nghi so ket 5 nam nghi quyet 35",
            "20/10/2023",
            2,
            "Hoàng Phúc Lâm",
            "tham luận",
            "",
            "",
            "Kinh nghiệm",
            "",
        ],
    )
    result = SpeechResource().import_data(read_xlsx(content))
    assert not result.has_errors() and invalid_rows(result) == {}
    assert result.totals["update"] == 1
    assert speech_state()[1] == (
        "Hội nghị sơ kết 5 năm Nghị quyết 35",
        2,
        "Hoàng Phúc Lâm",
        "contribution",
        "Phó Giám đốc",
        "",
        "Kinh nghiệm",
        "",
    )


def test_bad_speech_rows_are_refused_with_their_row(speeches):
    title = "Hội nghị sơ kết 5 năm Nghị quyết 35"
    content = raw_workbook(
        SPEECH_HEADERS,
        [title, "20/10/2023", 3, "Nguyễn Xuân Thắng", "phát biểu kết luận", "", "", "", ""],
        [title, "21/10/2023", 4, "Nguyễn Xuân Thắng", "phát biểu kết luận", "", "", "", ""],
        [title, "20/10/2023", 5, "Nguyễn Xuân Thăng Long", "phát biểu kết luận", "", "", "", ""],
        [title, "20/10/2023", 3, "Hoàng Phúc Lâm", "phát biểu kết luận", "", "", "", ""],
        [title, "20/10/2023", "", "Hoàng Phúc Lâm", "phát biểu kết luận", "", "", "", ""],
    )
    result = SpeechResource().import_data(read_xlsx(content))
    assert Speech.objects.count() == 2
    invalid = invalid_rows(result)
    assert set(invalid) == {3, 4, 5, 6}
    assert invalid[3] == {
        "Sự kiện": ["Không có sự kiện “Hội nghị sơ kết 5 năm Nghị quyết 35” bắt đầu ngày 21/10/2023."]
    }
    assert invalid[4] == {
        "Người phát biểu": ["Không tìm thấy “Nguyễn Xuân Thăng Long”. Có phải là: Nguyễn Xuân Thắng?"]
    }
    assert invalid[5] == {"__all__": ["Dòng này trùng với dòng 2 (cùng Sự kiện, Thứ tự)."]}
    assert list(invalid[6]) == ["Thứ tự"]


DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def demo_names():
    """The organisations and resolution the example files name, as the demo data has them."""
    names = [
        "Học viện Chính trị khu vực I",
        "Học viện Chính trị khu vực II",
        "Học viện Chính trị khu vực IV",
        "Trường Chính trị tỉnh Nghệ An",
    ]
    LegalDocumentFactory(number="35-NQ/TW")
    return {name: OrganizationFactory(name=name) for name in names}


def test_example_file_imports_three_events_then_nothing(demo_names):
    content = (DATA / "events_example.xlsx").read_bytes()
    preview = import_bytes(content, dry_run=True)
    assert (preview.totals["new"], Event.objects.count(), EventSite.objects.count()) == (3, 0, 0)
    result = import_bytes(content)
    assert not result.has_errors() and invalid_rows(result) == {}
    assert result.totals["new"] == 3
    hybrid, roundtable, online = Event.objects.prefetch_related(
        "sites__organization", "co_organizers"
    ).order_by("start_date")
    assert [
        (site.organization_id and site.organization.name, site.place, site.is_main)
        for site in hybrid.sites.all()
    ] == [
        ("Học viện Chính trị khu vực I", "Hội trường A", True),
        ("Trường Chính trị tỉnh Nghệ An", "", False),
        (None, "các tỉnh khu vực Tây Nam Bộ", False),
    ]
    assert (
        hybrid.summary
        == "Hội nghị đánh giá kết quả 5 năm thực hiện Nghị quyết.\nĐề ra phương hướng giai đoạn tới."
    )
    assert (roundtable.start_date, roundtable.end_date, roundtable.part_of_day, roundtable.host.name) == (
        dt.date(2024, 3, 5),
        dt.date(2024, 3, 6),
        "afternoon",
        "Học viện Chính trị khu vực II",
    )
    assert [org.name for org in roundtable.co_organizers.all()] == [
        "Học viện Chính trị khu vực I",
        "Học viện Chính trị khu vực IV",
    ]
    assert (online.kind, online.purpose, online.format, online.start_time) == (
        EventKind.WORKSHOP,
        EventPurpose.THEMATIC,
        EventFormat.ONLINE,
        dt.time(8, 30),
    )
    assert import_bytes(content).totals["skip"] == 3


def test_broken_file_names_each_bad_row_and_imports_nothing(demo_names):
    result = import_bytes((DATA / "events_broken.xlsx").read_bytes())
    assert Event.objects.count() == 0
    invalid = invalid_rows(result)
    assert {number: sorted(errors) for number, errors in invalid.items()} == {
        3: ["Ngày bắt đầu"],
        4: ["Đơn vị chủ trì"],
        5: ["Ngày kết thúc"],
        6: ["__all__"],
        7: ["Tóm tắt"],
        8: ["Điểm cầu"],
    }
    assert "công thức" in invalid[7]["Tóm tắt"][0]


def test_template_row_imports_as_an_event(demo_names):
    resource = EventResource()
    result = import_bytes(workbook_bytes(resource.export_headers(), resource.template_rows()))
    assert not result.has_errors() and invalid_rows(result) == {}
    event = Event.objects.get()
    assert (event.title, event.format, event.sites.count()) == (
        "Hội nghị sơ kết 5 năm thực hiện Nghị quyết 35-NQ/TW",
        EventFormat.HYBRID,
        2,
    )


def test_csv_round_trip_reads_dates_and_times_as_text(events):
    resource = EventResource()
    text = io.StringIO()
    write_csv(text, resource.export_headers(), resource.export_rows(Event.objects.order_by("pk")))
    before = event_state()
    Event.objects.all().delete()
    result = resource.import_data(read_csv(text.getvalue().encode()))
    assert not result.has_errors() and invalid_rows(result) == {}
    assert [row[:-1] for row in event_state()] == [row[:-1] for row in before]


def test_the_importing_user_is_recorded_as_the_author_of_the_change(demo_names, django_user_model):
    user = django_user_model.objects.create_user("thuky", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="events", codename__regex=r"^(add|change)_")
    )
    sees_everything(user)  # the file's events have several hosts: the author, not scope, is at stake
    result = import_bytes((DATA / "events_example.xlsx").read_bytes(), user=user)
    assert result.totals["new"] == 3
    entries = LogEntry.objects.filter(content_type__model="event").order_by("object_id")
    assert [(entry.user_id, entry.action_flag) for entry in entries] == [(user.pk, ADDITION)] * 3
