"""The events of the source articles (events.demo), loaded by `load_demo` after the registry: the
four they report, and the workshops article 003 counts without dating them."""

import datetime as dt
import io
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from committees import demo as registry
from events import demo
from events.models import (
    Attendee,
    Award,
    Event,
    EventChair,
    EventDocument,
    EventFormat,
    EventKind,
    EventPhoto,
    EventPurpose,
    EventSite,
    EventStatus,
    KeyFigure,
    PartOfDay,
    Speech,
)
from portal.sources.models import Citation
from portal.sources.seeds import SEEDS
from tests.rows import rows_of

pytestmark = pytest.mark.django_db

LAM_000 = (
    "PGS, TS Hoàng Phúc Lâm, Phó Bí thư Đảng ủy, Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh, "
    "Phó Trưởng Ban Chỉ đạo 35"
)
LOI = "PGS, TS Lê Văn Lợi, Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh, Phó Trưởng Ban Chỉ đạo 35"
KHANH = "TS Phan Công Khanh, Bí thư Đảng ủy, Giám đốc Học viện Chính trị khu vực IV, Trưởng Ban Chỉ đạo 35"
QUANG = (
    "NGƯT, TS Huỳnh Thanh Quang, Phó Bí thư Đảng ủy, Phó Giám đốc Học viện Chính trị khu vực IV, "
    "Phó Trưởng Ban Chỉ đạo 35"
)
DUNG = (
    "PGS, TS Nguyễn Quốc Dũng, Ủy viên Ban Thường vụ Đảng ủy Học viện Chính trị quốc gia Hồ Chí Minh, "
    "Bí thư Đảng ủy, Giám đốc Học viện Chính trị khu vực II"
)
LAM_004 = "PGS, TS Hoàng Phúc Lâm, Phó Bí thư Đảng ủy, Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh"


@pytest.fixture
def loaded(demo_data):
    """The demo, loaded once for the module (tests/conftest.py)."""


def event(slug):
    return Event.objects.get(slug=slug)


def test_demo_creates_the_four_dated_events_and_exactly_their_rows(loaded):
    counts = {
        model.__name__: model.objects.count()
        for model in (
            Event,
            EventSite,
            Attendee,
            EventChair,
            Speech,
            Award,
            KeyFigure,
            EventPhoto,
            EventDocument,
        )
    }
    assert counts == {
        "Event": 15,
        "EventSite": 7,
        "Attendee": 12,
        "EventChair": 3,
        "Speech": 15,
        "Award": 1,
        "KeyFigure": 4,
        "EventPhoto": 11,
        "EventDocument": 0,
    }
    rows = (
        Event.objects.filter(day_unknown=False)
        .order_by("start_date")
        .values_list("slug", "start_date", "part_of_day", "kind", "purpose", "format", "status", "host__slug")
    )
    assert list(rows) == [
        (
            demo.KV2_DECISIONS,
            dt.date(2021, 5, 13),
            PartOfDay.AFTERNOON,
            EventKind.CONFERENCE,
            EventPurpose.ANNOUNCEMENT,
            EventFormat.IN_PERSON,
            EventStatus.PUBLISHED,
            registry.KV2,
        ),
        (
            demo.KV2_HALF_YEAR,
            dt.date(2021, 7, 2),
            PartOfDay.MORNING,
            EventKind.CONFERENCE,
            EventPurpose.PERIODIC_REVIEW,
            EventFormat.ONLINE,
            EventStatus.PUBLISHED,
            registry.KV2,
        ),
        (
            demo.KV4_REVIEW,
            dt.date(2021, 8, 25),
            "",
            EventKind.CONFERENCE,
            EventPurpose.INTERIM_REVIEW,
            EventFormat.ONLINE,
            EventStatus.PUBLISHED,
            registry.KV4,
        ),
        (
            demo.NGHE_AN_SIGNING,
            dt.date(2024, 11, 19),
            PartOfDay.AFTERNOON,
            EventKind.CONFERENCE,
            EventPurpose.SIGNING,
            EventFormat.IN_PERSON,
            EventStatus.PUBLISHED,
            registry.NA_BOARD,
        ),
    ]
    assert not Event.objects.filter(start_time__isnull=False).exists()
    assert set(Event.objects.filter(day_unknown=False).values_list("level", flat=True)) == {""}


def test_the_workshops_003_counts_are_recorded_with_the_day_unknown_in_their_window(loaded):
    undated = (
        Event.objects.filter(day_unknown=True)
        .exclude(slug=demo.WRITING_CONTEST)
        .order_by("level", "start_date", "slug")
    )
    rows = [
        (
            e.kind,
            e.level,
            e.start_date,
            e.end_date,
            e.host.slug,
            sorted(e.co_organizers.values_list("slug", flat=True)),
        )
        for e in undated
    ]
    window, in_2024 = (
        (dt.date(2023, 1, 1), dt.date(2024, 11, 19)),
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    )
    na = sorted([registry.NA_BOARD, registry.NA_SCHOOL])
    with_qk4 = sorted([registry.QK4, registry.NA_BOARD, registry.NA_SCHOOL])
    ministry = (EventKind.WORKSHOP, "ministry", *window, registry.HV, na)
    assert rows == [
        (EventKind.OTHER, "", *in_2024, registry.NA_PARTY, with_qk4),  # the exhibition
        ministry,
        ministry,
        ministry,
        ministry,
        (EventKind.WORKSHOP, "province", *window, registry.NA_SCHOOL, [registry.NA_BOARD]),
        (EventKind.WORKSHOP, "province", *window, registry.NA_SCHOOL, [registry.NA_BOARD]),
        (EventKind.WORKSHOP, "province", *window, registry.NA_SCHOOL, [registry.NA_BOARD]),
        (EventKind.WORKSHOP, "province", *in_2024, registry.NA_PARTY, with_qk4),  # Điện Biên Phủ
        (EventKind.WORKSHOP, "province", *in_2024, registry.NA_PARTY, na),  # Quy định 144
    ]
    assert {e.status for e in undated} == {EventStatus.PUBLISHED}
    assert not undated.filter(start_time__isnull=False).exists()
    assert list(
        event(
            "hoi-thao-hoc-tap-lam-theo-tu-tuong-ho-chi-minh-quy-dinh-144-nghe-an-2024"
        ).legal_documents.values_list("number", flat=True)
    ) == ["144-QĐ/TW"]


def test_the_kv4_review_has_its_national_regional_and_local_sites_with_their_attendees(loaded):
    review = event(demo.KV4_REVIEW)
    sites = [(s.name_on_event_date, s.is_main, s.attendee_groups) for s in review.sites.all()]
    assert sites == [
        ("Học viện Chính trị khu vực IV", True, "các thành viên và Tổ thư ký Ban Chỉ đạo 35"),
        ("Học viện Chính trị quốc gia Hồ Chí Minh", False, ""),
        (
            "các tỉnh, thành phố khu vực Tây Nam Bộ",
            False,
            "đại diện lãnh đạo Ban Tuyên giáo, Trường Chính trị tỉnh, thành phố",
        ),
    ]
    attendees = [(a.site.order, a.title_line, a.note) for a in review.attendees.select_related("site")]
    assert attendees == [
        (1, LAM_000, ""),
        (1, LOI, ""),
        (
            1,
            "PGS, TS Phạm Đức Kiên, Phó Vụ trưởng Vụ Quản lý Khoa học, "
            "Chánh Văn phòng Ban Chỉ đạo 35 Học viện Chính trị quốc gia Hồ Chí Minh",
            "",
        ),
        (2, "TS Nguyễn Đình Phong", "đại diện Ban Chỉ đạo 35 Học viện Chính trị khu vực II"),
        (3, KHANH, ""),
        (3, QUANG, ""),
        (3, "TS Lê Xuân Tạo, Phó Giám đốc Học viện Chính trị khu vực IV", ""),
    ]
    assert list(review.co_organizers.values_list("slug", flat=True)) == [registry.TNB_BOARDS]
    assert list(review.legal_documents.values_list("number", flat=True)) == ["35-NQ/TW"]
    assert review.decisions.count() == 0


def test_the_kv4_review_has_no_chair_and_its_speeches_in_order(loaded):
    review = event(demo.KV4_REVIEW)
    assert review.chairs.count() == 0
    speeches = [(s.order, s.role, s.person.slug, s.title_line, s.on_behalf_of) for s in review.speeches.all()]
    assert speeches == [
        (1, "opening", "phan-cong-khanh", KHANH, ""),
        (2, "report", "huynh-thanh-quang", QUANG, "Ban Chỉ đạo 35 Học viện Chính trị khu vực IV"),
        (3, "directive", "le-van-loi", LOI, "Ban Chỉ đạo 35 Học viện Chính trị quốc gia Hồ Chí Minh"),
        (4, "directive", "hoang-phuc-lam", LAM_000, ""),
        (5, "closing", "phan-cong-khanh", KHANH, ""),
    ]
    report = review.speeches.get(order=2)
    assert report.title == (
        "Báo cáo sơ kết việc thực hiện Quy chế phối hợp giữa Học viện và Ban Tuyên giáo các tỉnh, "
        "thành ủy khu vực Tây Nam Bộ trong thực hiện Nghị quyết số 35-NQ/TW"
    )
    assert report.summary.endswith("đề ra 3 phương hướng, 9 nhiệm vụ.")
    assert "ý kiến của lãnh đạo các Ban Tuyên giáo và Trường Chính trị tỉnh, thành phố" in review.summary
    assert [str(figure) for figure in review.key_figures.all()] == ["3 phương hướng", "9 nhiệm vụ"]


def test_the_kv2_committee_announces_its_three_decisions_chaired_by_its_head(loaded):
    meeting = event(demo.KV2_DECISIONS)
    assert list(meeting.decisions.order_by("pk").values_list("slug", flat=True)) == [
        d.slug for d in registry.DECISIONS[:3]
    ]
    assert [c.title_line for c in meeting.chairs.all()] == [f"{DUNG}, Trưởng Ban Chỉ đạo 35"]
    assert [(s.role, s.title_line) for s in meeting.speeches.all()] == [
        (
            "announcement",
            "TS Nguyễn Đình Phong, Phó Trưởng Ban Quản lý khoa học và Hợp tác quốc tế, "
            "Chánh Văn phòng Ban Chỉ đạo 35 Học viện Chính trị khu vực II",
        ),
        ("directive", f"{DUNG}, Trưởng Ban Chỉ đạo 35"),
    ]
    [site] = meeting.sites.all()
    assert (site.organization.slug, site.is_main, site.attendee_groups) == (
        registry.KV2,
        True,
        "các thành viên trong Ban Chỉ đạo 35 cùng một số thành viên của nhóm chuyên gia "
        "thực hiện Nghị quyết số 35-NQ/TW",
    )
    assert meeting.attendees.count() == 0


def test_the_nghe_an_signing_has_two_chairs_a_co_organiser_and_its_workshop_counts(loaded):
    signing = event(demo.NGHE_AN_SIGNING)
    assert list(signing.co_organizers.values_list("slug", flat=True)) == [registry.NA_SCHOOL]
    assert sorted(signing.legal_documents.values_list("number", flat=True)) == [
        "01-KL/TW",
        "05-ĐA/TU",
        "35-NQ/TW",
    ]
    assert [c.title_line for c in signing.chairs.all()] == [
        "Nguyễn Thị Hồng Hoa, Ủy viên Ban Chấp hành Đảng bộ tỉnh Nghệ An, "
        "Trưởng Ban Tuyên giáo Tỉnh ủy Nghệ An",
        "Vương Quang Minh, Bí thư Đảng ủy, Hiệu trưởng Trường Chính trị tỉnh Nghệ An",
    ]
    assert [(s.role, s.person.slug) for s in signing.speeches.all()] == [("directive", "nguyen-thi-hong-hoa")]
    assert list(signing.sites.values_list("attendee_groups", flat=True)) == [
        "các đồng chí là trưởng, phó các phòng Ban Tuyên giáo Tỉnh ủy; trưởng phó các phòng, khoa "
        "Trường Chính trị tỉnh"
    ]
    assert [(k.value, k.label) for k in signing.key_figures.all()] == [
        (4, "hội thảo, tọa đàm khoa học cấp Bộ"),
        (5, "hội thảo khoa học cấp tỉnh"),
    ]


def test_the_kv2_half_year_review_has_its_speeches_award_and_commendation_decision(loaded):
    review = event(demo.KV2_HALF_YEAR)
    decision = registry.DECISIONS[3].slug
    assert list(review.decisions.values_list("slug", flat=True)) == [decision]
    assert [(s.name_on_event_date, s.is_main) for s in review.sites.all()] == [
        ("Học viện Chính trị khu vực II", True),
        ("Học viện Chính trị quốc gia Hồ Chí Minh", False),
    ]
    assert [(a.site.is_main, a.title_line) for a in review.attendees.all()][:3] == [
        (False, LAM_004),
        (
            False,
            "PGS, TS Vũ Thị Thanh Xuân, Phó Chánh Văn phòng, "
            "Trưởng Cơ quan đại diện phía Nam Học viện Chính trị quốc gia Hồ Chí Minh",
        ),
        (True, DUNG),
    ]
    speeches = [(s.order, s.role, s.person.slug, s.title_line, s.on_behalf_of) for s in review.speeches.all()]
    assert speeches == [
        (1, "opening", "nguyen-quoc-dung", DUNG, ""),
        (
            2,
            "report",
            "nguyen-thi-tuyet-mai",
            "TS Nguyễn Thị Tuyết Mai, Ủy viên Ban Thường vụ Đảng ủy, "
            "Phó Giám đốc Học viện Chính trị khu vực II",
            "",
        ),
        (
            3,
            "report",
            "nguyen-tan-vinh",
            "PGS, TS Nguyễn Tấn Vinh, Phó Bí thư Đảng ủy, Phó Giám đốc Học viện Chính trị khu vực II",
            "",
        ),
        (
            4,
            "report",
            "nguyen-dinh-phuc",
            "TS Nguyễn Đình Phúc, Chủ tịch Công đoàn cơ sở Học viện Chính trị khu vực II",
            "",
        ),
        (5, "directive", "hoang-phuc-lam", LAM_004, ""),
        (
            6,
            "other",
            "nguyen-quoc-dung",
            DUNG,
            "toàn thể cán bộ, viên chức và người lao động Học viện Chính trị khu vực II",
        ),
        (
            7,
            "announcement",
            "pham-thi-pha-le",
            "TS Phạm Thị Pha Lê, Trưởng Ban Tổ chức - Cán bộ Học viện Chính trị khu vực II",
            "Giám đốc Học viện Chính trị khu vực II",
        ),
    ]
    assert review.speeches.get(order=3).title == (
        "Báo cáo sơ kết công tác Đảng 6 tháng đầu năm 2021, phương hướng, nhiệm vụ 6 tháng cuối năm 2021"
    )
    [award] = review.awards.all()
    assert (award.recipient_label, award.recipient_person, award.recipient_organization) == (
        "tập thể, cá nhân có thành tích đột xuất trong 6 tháng đầu năm 2021",
        None,
        None,
    )
    assert award.decision.slug == decision
    assert award.reason == (
        "Thành tích đột xuất tập trung vào ba nhóm hoạt động: phòng, chống dịch bệnh COVID-19; triển khai "
        "ứng dụng công nghệ thông tin trong giảng dạy trực tuyến và triển khai thực hiện Nghị quyết số "
        "35-NQ/TW của Bộ Chính trị."
    )


def test_photos_carry_the_captions_and_credits_in_article_order_with_their_renditions(loaded, media_root):
    photos = Counter(EventPhoto.objects.values_list("event__slug", flat=True))
    assert photos == {demo.KV4_REVIEW: 3, demo.KV2_DECISIONS: 2, demo.KV2_HALF_YEAR: 6}
    meeting = event(demo.KV2_DECISIONS)
    assert [(p.order, p.caption, p.credit) for p in meeting.photos.all()] == [
        (
            1,
            "TS. Nguyễn Đình Phong - Phó Trưởng ban Quản lý khoa học và Hợp tác quốc tế, "
            "Chánh Văn phòng Ban Chỉ đạo 35 công bố các quyết định",
            "Ảnh: Đức Anh",
        ),
        (
            2,
            "PGS, TS. Nguyễn Quốc Dũng - Ủy viên Ban Thường vụ Đảng ủy Học viện Chính trị quốc gia Hồ Chí "
            "Minh, Bí thư Đảng ủy, Giám đốc Học viện Chính trị khu vực II, Trưởng Ban Chỉ đạo 35 phát biểu "
            "chỉ đạo tại Hội nghị",
            "Ảnh: Đức Anh",
        ),
    ]
    assert [p.caption for p in event(demo.KV4_REVIEW).photos.all()][0] == (
        "Toàn cảnh Hội nghị Sơ kết Quy chế phối hợp giữa Học viện và Ban Tuyên giáo các tỉnh, thành ủy "
        "khu vực Tây Nam Bộ trong thực hiện Nghị quyết số 35-NQ/TW"
    )
    assert event(demo.KV2_HALF_YEAR).photos.get(order=5).caption == (
        "TS. Nguyễn Đình Phúc - Chủ tịch Công đoàn cơ sở Học viện Chính trị khu vực II báo cáo công tác "
        "công đoàn 6 tháng đầu năm 2021, phương hướng, nhiệm vụ 6 tháng cuối năm 2021"
    )
    assert set(
        EventPhoto.objects.exclude(event__slug=demo.KV2_DECISIONS).values_list("credit", flat=True)
    ) == {""}
    for photo in EventPhoto.objects.all():
        assert photo.image.path.startswith(str(media_root))
        assert (photo.width, photo.height) == (1200, 800)
        with Image.open(photo.image.path) as original, Image.open(photo.thumbnail.path) as thumb:
            assert (original.format, original.size) == ("JPEG", (1200, 800))
            assert (thumb.format, thumb.size) == ("JPEG", (480, 320))
        with Image.open(photo.medium.path) as medium:
            assert medium.size == (1200, 800)
        assert photo.display_url == photo.medium.url


def test_running_the_demo_twice_changes_nothing(loaded):
    before = rows_of("events")
    files = sorted(EventPhoto.objects.values_list("image", "thumbnail", "medium"))
    with CaptureQueriesContext(connection) as queries:
        demo.load()
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []
    call_command("load_demo", stdout=io.StringIO())
    assert rows_of("events") == before
    assert sorted(EventPhoto.objects.values_list("image", "thumbnail", "medium")) == files


def test_the_demo_keeps_what_an_editor_filled_where_the_sources_are_silent(loaded):
    review = event(demo.KV4_REVIEW)
    review.start_time, review.level = dt.time(8, 0), "institution"
    review.save()
    review.co_organizers.add(review.host.parent)
    attendee = review.attendees.get(person__slug="le-xuan-tao")
    attendee.title_line = "TS Lê Xuân Tạo, Phó Giám đốc Học viện"
    attendee.save()
    photo = review.photos.get(order=1)
    photo.thumbnail.delete()

    call_command("load_demo", stdout=io.StringIO())

    review.refresh_from_db()
    assert (review.start_time, review.level) == (dt.time(8, 0), "institution")
    assert sorted(review.co_organizers.values_list("slug", flat=True)) == sorted(
        [registry.HV, registry.TNB_BOARDS]
    )
    assert review.attendees.get(pk=attendee.pk).title_line == "TS Lê Xuân Tạo, Phó Giám đốc Học viện"
    photo.refresh_from_db()
    assert photo.thumbnail.name.endswith("-thumbnail.jpg")
    assert EventPhoto.objects.count() == 11


# --- Issue 14, point 6: the facts a reader of the articles still missed ---------------------------


def test_the_kv4_review_is_co_organised_by_the_propaganda_boards_of_tay_nam_bo(loaded):
    # 000 "Học viện Chính trị khu vực IV đã phối hợp với Ban Tuyên giáo các tỉnh, thành ủy khu vực Tây
    # Nam Bộ tổ chức Hội nghị"
    review = event(demo.KV4_REVIEW)
    assert [(o.name, o.region.name) for o in review.co_organizers.select_related("region")] == [
        ("Ban Tuyên giáo các tỉnh, thành ủy khu vực Tây Nam Bộ", "Tây Nam Bộ")
    ]


def test_the_six_directives_of_001_are_the_ordered_points_of_the_directive_speech(loaded):
    speech = event(demo.KV2_DECISIONS).speeches.get(order=2)
    assert (speech.role, speech.person.slug) == ("directive", "nguyen-quoc-dung")
    points = speech.point_list
    assert len(points) == 6  # "Thứ nhất" … "Thứ sáu"
    assert [point.split(" ")[0] for point in points] == [
        "Trong", "Xây", "Tăng", "Đẩy", "Tiến", "Phối",
    ]  # fmt: skip
    assert points[1] == "Xây dựng các chuyên đề để đấu tranh trực diện với các thế lực thù địch."
    assert points[5] == (
        "Phối hợp chặt chẽ với các đơn vị địa phương trong thực hiện Nghị quyết số 35-NQ/TW của Bộ Chính trị."
    )
    assert "Tạp chí Khoa học chính trị" in points[3]


def test_numbered_points_of_the_opening_speeches_of_000_and_004_and_no_others(loaded):
    # 000: "(1) Đánh giá … (2) Trên cơ sở đó …"; 004: "(1) … (2) … (3) …"
    khanh = event(demo.KV4_REVIEW).speeches.get(order=1)
    dung = event(demo.KV2_HALF_YEAR).speeches.get(order=1)
    assert [p[:30] for p in khanh.point_list] == [
        "Đánh giá, làm rõ những kết quả",
        "Trên cơ sở đó, góp ý kiến nhữn",
    ]
    assert [p[:25] for p in dung.point_list] == [
        "Đánh giá chất lượng và ti",
        "Phân tích những hạn chế, ",
        "Căn cứ nhiệm vụ chính trị",
    ]
    assert Speech.objects.exclude(points="").count() == 3


def test_the_writing_contest_000_thanks_its_participants_for_is_an_event_of_the_national_academy(loaded):
    contest = event(demo.WRITING_CONTEST)
    assert (contest.title, contest.kind, contest.host.slug, contest.status) == (
        "Cuộc thi viết chính luận khoa học về bảo vệ nền tảng tư tưởng của Đảng",
        EventKind.OTHER,
        registry.HV,
        EventStatus.PUBLISHED,
    )
    # Undated: at some time between 35-NQ/TW and the review that thanks its participants.
    assert (contest.day_unknown, contest.start_date, contest.end_date) == (
        True,
        dt.date(2018, 10, 22),
        dt.date(2021, 8, 25),
    )
    assert "Ban Tuyên giáo, Trường Chính trị các tỉnh, thành phố khu vực Tây Nam Bộ" in contest.summary
    assert contest.co_organizers.count() == contest.sites.count() == contest.speeches.count() == 0
    assert sources_of(contest) == [SEEDS["000"].title]


def sources_of(record):
    citations = Citation.objects.filter(
        subject_type=ContentType.objects.get_for_model(record), subject_id=record.pk
    ).select_related("source")
    return [citation.source.title for citation in citations]


def test_the_half_year_review_cites_directive_05_ct_tw_and_the_xiii_congress_resolution_with_35(loaded):
    # 004: the activities report sets the next six months to carry out "Chỉ thị số 05-CT/TW ngày
    # 15/5/2016 của Bộ Chính trị" with 35-NQ/TW; its one award goes to collectives and people the
    # article does not name.
    review = event(demo.KV2_HALF_YEAR)
    assert sorted(review.legal_documents.values_list("slug", flat=True)) == [
        "05-ct-tw",
        "35-nq-tw",
        registry.NQ_XIII,
    ]
    assert [
        (a.recipient_person_id, a.recipient_organization_id, a.recipient_collective)
        for a in review.awards.all()
    ] == [(None, None, "tập thể, cá nhân có thành tích đột xuất trong 6 tháng đầu năm 2021")]


def test_the_event_page_lists_the_points_of_a_speech_in_order(loaded, client, django_assert_num_queries):
    url = event(demo.KV2_DECISIONS).get_absolute_url()
    # The event page's own (tests/events/test_views.py), + 2: the sources and the portal's
    # articles they are.
    with django_assert_num_queries(15 + 2):
        response = client.get(url)
    html = response.content.decode()
    start = html.index('<ol class="speech__points">')
    items = html[start : html.index("</ol>", start)].count("<li>")
    assert items == 6
    assert (
        html.index("Trong hoạt động giảng dạy")
        < html.index("Xây dựng các chuyên đề")
        < html.index("Phối hợp chặt chẽ với các đơn vị địa phương")
    )


def test_the_undated_events_leave_out_the_format_their_article_does_not_state(loaded, client):
    undated = Event.objects.filter(day_unknown=True)
    assert undated.count() == 11  # 003's 9 workshops and its exhibition, 000's contest
    assert set(undated.values_list("format", flat=True)) == {""}
    html = client.get(event(demo.WRITING_CONTEST).get_absolute_url()).content.decode()
    assert "Hình thức" not in html
    assert '"eventAttendanceMode"' not in html
