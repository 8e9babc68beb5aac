"""The public pages of events: list, month calendar, event page, and what the registry's pages show."""

import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from committees.models import OrganizationKind, Position, Role
from committees.selectors import people_with_positions, person_title_line
from committees.services import organization_rename, person_create
from events import views
from events.models import (
    Event,
    EventFormat,
    EventKind,
    EventLevel,
    EventPurpose,
    EventStatus,
    PartOfDay,
    SpeechRole,
)
from events.services import event_fill_title_lines
from portal import panels
from tests.committees.factories import (
    DecisionFactory,
    LegalDocumentFactory,
    OrganizationFactory,
    PositionFactory,
    ProvinceFactory,
    RegionFactory,
    SteeringCommitteeFactory,
)
from tests.events.factories import (
    AttendeeFactory,
    AwardFactory,
    EventChairFactory,
    EventDocumentFactory,
    EventFactory,
    EventPhotoFactory,
    EventSiteFactory,
    KeyFigureFactory,
    SpeechFactory,
)
from tests.pages import html_of, text_of

pytestmark = pytest.mark.django_db

ROW_COUNTS = pytest.mark.parametrize("rows", [1, 5])


def listed_titles(response) -> list[str]:
    """Titles of the events list's rows, in order (upcoming first, then past)."""
    return re.findall(r'<td data-label="Sự kiện"><a href="[^"]+">([^<]+)</a>', html_of(response))


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def tay_nam_bo():
    return RegionFactory(name="Tây Nam Bộ", slug="tay-nam-bo", order=4)


@pytest.fixture
def academy(tay_nam_bo):
    return OrganizationFactory(
        name="Học viện Chính trị khu vực IV",
        slug="hoc-vien-chinh-tri-khu-vuc-iv",
        region=tay_nam_bo,
        province=ProvinceFactory(name="Cần Thơ", region=tay_nam_bo),
    )


@pytest.fixture
def board():
    return OrganizationFactory(
        name="Ban Tuyên giáo Tỉnh ủy Nghệ An", slug="btg-nghe-an", kind=OrganizationKind.PROPAGANDA_BOARD
    )


# --- Navigation ------------------------------------------------------------------------


def test_every_page_links_the_events_in_the_main_navigation(client):
    page = html_of(client.get("/"))
    nav = page[page.index('<nav class="site-nav"') : page.index("</nav>")]

    assert '<a href="/su-kien/">Sự kiện</a>' in nav
    assert '<a href="/su-kien/" aria-current="page">Sự kiện</a>' in html_of(client.get("/su-kien/"))


# --- List ------------------------------------------------------------------------------


@pytest.fixture
def listed(academy, board, today):
    """Two upcoming events and two past ones of the academy and the board."""
    return {
        "later": EventFactory(
            title="Hội thảo khoa học sắp tới",
            kind=EventKind.WORKSHOP,
            format=EventFormat.ONLINE,
            start_date=today + dt.timedelta(days=10),
            start_time=dt.time(8, 0),
            host=academy,
        ),
        "soon": EventFactory(
            title="Tọa đàm sắp tới",
            kind=EventKind.ROUNDTABLE,
            start_date=today,
            part_of_day=PartOfDay.AFTERNOON,
            host=board,
        ),
        "review": EventFactory(
            title="Hội nghị sơ kết 18 tháng",
            start_date=dt.date(2021, 8, 25),
            start_time=dt.time(14, 0),
            end_time=dt.time(17, 30),
            format=EventFormat.HYBRID,
            host=academy,
            co_organizers=[board],
        ),
        "signing": EventFactory(
            title="Hội nghị ký kết chương trình phối hợp năm 2025",
            kind=EventKind.SIGNING,
            start_date=dt.date(2024, 11, 19),
            end_date=dt.date(2024, 11, 20),
            status=EventStatus.CANCELLED,
            host=board,
        ),
    }


def test_list_shows_upcoming_soonest_first_then_past_latest_first(client, listed, today):
    later = today + dt.timedelta(days=10)

    text = text_of(client.get("/su-kien/"))

    assert (
        "Sắp diễn ra Thời gian Sự kiện Loại Hình thức Đơn vị chủ trì "
        f"{today:%d/%m/%Y}, buổi chiều Tọa đàm sắp tới Tọa đàm Trực tiếp Ban Tuyên giáo Tỉnh ủy Nghệ An "
        f"{later:%d/%m/%Y} 08:00 Hội thảo khoa học sắp tới Hội thảo khoa học Trực tuyến "
        "Học viện Chính trị khu vực IV "
        "Đã diễn ra Số sự kiện đã diễn ra: 2 Thời gian Sự kiện Loại Hình thức Đơn vị chủ trì "
        "19/11/2024 – 20/11/2024 Hội nghị ký kết chương trình phối hợp năm 2025 Đã hủy Ký kết Trực tiếp "
        "Ban Tuyên giáo Tỉnh ủy Nghệ An "
        "25/08/2021 14:00–17:30 Hội nghị sơ kết 18 tháng Hội nghị Trực tiếp kết hợp trực tuyến "
        "Học viện Chính trị khu vực IV"
    ) in text


def test_list_rows_link_the_event_pages_with_machine_readable_times(client, listed):
    page = html_of(client.get("/su-kien/"))

    assert (
        '<td data-label="Thời gian"><span class="event-when">'
        '<time datetime="2021-08-25T14:00:00+07:00">25/08/2021 14:00</time>'
        '–<time datetime="2021-08-25T17:30:00+07:00">17:30</time></span></td>'
    ) in page
    assert f'<a href="{listed["review"].get_absolute_url()}">Hội nghị sơ kết 18 tháng</a>' in page


def test_list_names_the_host_as_it_was_on_the_event_date(client, listed, board):
    organization_rename(
        by=None,
        organization=board,
        new_name="Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An",
        on=dt.date(2025, 7, 1),
    )

    text = text_of(client.get("/su-kien/"))

    assert "Tọa đàm sắp tới Tọa đàm Trực tiếp Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An" in text
    assert "Đã hủy Ký kết Trực tiếp Ban Tuyên giáo Tỉnh ủy Nghệ An 25/08/2021" in text


def test_list_without_events_says_so(client):
    text = text_of(client.get("/su-kien/"))

    assert "Sắp diễn ra Chưa có sự kiện sắp diễn ra. Đã diễn ra Chưa có sự kiện nào đã diễn ra." in text


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("loai=workshop", ["Hội thảo khoa học sắp tới"]),
        ("loai=conference", ["Hội nghị sơ kết 18 tháng"]),
        # The board hosts two events and co-organises the review.
        (
            "don_vi=btg-nghe-an",
            ["Tọa đàm sắp tới", "Hội nghị ký kết chương trình phối hợp năm 2025", "Hội nghị sơ kết 18 tháng"],
        ),
        ("don_vi=hoc-vien-chinh-tri-khu-vuc-iv", ["Hội thảo khoa học sắp tới", "Hội nghị sơ kết 18 tháng"]),
        ("nam=2024", ["Hội nghị ký kết chương trình phối hợp năm 2025"]),
        ("don_vi=btg-nghe-an&nam=2021", ["Hội nghị sơ kết 18 tháng"]),
        ("loai=signing&nam=2021", []),
    ],
)
def test_list_filters_give_exactly_the_matching_events(client, listed, query, titles):
    assert listed_titles(client.get(f"/su-kien/?{query}")) == titles


def test_region_filter_matches_the_host_and_the_sites_in_the_region(client, listed, tay_nam_bo):
    school = OrganizationFactory(name="Trường Chính trị tỉnh Cà Mau", region=tay_nam_bo)
    EventSiteFactory(event=listed["signing"], organization=school)
    EventFactory(title="Sự kiện ở nơi khác", host=OrganizationFactory(region=RegionFactory()))

    response = client.get("/su-kien/?khu_vuc=tay-nam-bo")

    assert listed_titles(response) == [
        "Hội thảo khoa học sắp tới",
        "Hội nghị ký kết chương trình phối hợp năm 2025",
        "Hội nghị sơ kết 18 tháng",
    ]


def test_filters_offer_only_values_that_match_some_event(client, listed, tay_nam_bo):
    RegionFactory(name="Tây Nguyên", slug="tay-nguyen")
    OrganizationFactory(name="Học viện không có sự kiện")

    page = html_of(client.get("/su-kien/"))

    years = sorted({str(event.start_date.year) for event in listed.values()}, reverse=True)
    assert re.findall(r'<option value="(\d{4})">\d{4}</option>', page) == years
    assert '<option value="tay-nam-bo">Tây Nam Bộ</option>' in page
    assert "tay-nguyen" not in page
    assert "Học viện không có sự kiện" not in page
    assert '<option value="btg-nghe-an">Ban Tuyên giáo Tỉnh ủy Nghệ An</option>' in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("nam=abc", "Hãy chọn năm trong danh sách."),
        ("nam=1999", "Hãy chọn năm trong danh sách."),
        ("loai=hop-mat", "Hãy chọn loại sự kiện trong danh sách."),
        ("don_vi=khong-co", "Hãy chọn đơn vị tổ chức trong danh sách."),
        ("khu_vuc=khong-co", "Hãy chọn khu vực trong danh sách."),
        ("ngay=2021-13-45", "Ngày trong địa chỉ trang không phải là ngày hợp lệ."),
    ],
)
def test_a_bad_filter_value_is_a_translated_form_error_not_a_server_error(client, listed, query, message):
    response = client.get(f"/su-kien/?{query}")

    text = text_of(response)
    assert message in text
    assert "Hãy sửa bộ lọc ở trên để xem sự kiện." in text
    assert listed_titles(response) == []


def test_the_hidden_day_filter_shows_no_label_of_its_own(client, listed):
    response = client.get("/su-kien/")

    assert "[invalid name]" not in response.content.decode()
    assert b'<input type="hidden" name="ngay" id="id_ngay">' in response.content


def test_past_events_are_paginated_and_upcoming_ones_head_the_first_page(client, listed, monkeypatch):
    monkeypatch.setattr(views, "EVENTS_PER_PAGE", 1)

    first = client.get("/su-kien/?loai=&nam=")
    second = client.get("/su-kien/?loai=&nam=&trang=2")

    assert listed_titles(first) == [
        "Tọa đàm sắp tới",
        "Hội thảo khoa học sắp tới",
        "Hội nghị ký kết chương trình phối hợp năm 2025",
    ]
    assert '<a rel="next" href="?loai=&amp;nam=&amp;trang=2">Trang sau</a>' in html_of(first)
    assert listed_titles(second) == ["Hội nghị sơ kết 18 tháng"]
    assert "Sắp diễn ra" not in text_of(second)


def events_with(rows: int, *, today: dt.date) -> None:
    """`rows` upcoming and `rows` past events, each with sites, speeches and photos, hosted by
    renamed organisations of `rows` regions."""
    for index in range(rows):
        host = OrganizationFactory(region=RegionFactory())
        organization_rename(by=None, organization=host, new_name=f"Tên mới {index}", on=dt.date(2020, 1, 1))
        for start in (today + dt.timedelta(days=index), dt.date(2019 + index, 3, 1)):
            event = EventFactory(host=host, start_date=start, co_organizers=[OrganizationFactory()])
            EventSiteFactory(
                event=event, is_main=True, organization=OrganizationFactory(region=RegionFactory())
            )
            SpeechFactory(event=event, title_line="TS Nguyễn Văn A, Giám đốc")
            EventPhotoFactory(event=event)


@ROW_COUNTS
def test_list_query_count_does_not_grow_with_events(client, django_assert_num_queries, rows, today):
    events_with(rows, today=today)

    # Filter choices (organisers, regions, years); upcoming; past count and page; hosts' names.
    with django_assert_num_queries(7):
        response = client.get("/su-kien/")

    assert len(listed_titles(response)) == 2 * rows


@ROW_COUNTS
def test_filtered_list_query_count_does_not_grow_with_events(client, django_assert_num_queries, rows, today):
    events_with(rows, today=today)

    host = Event.objects.select_related("host__region").order_by("pk").first().host
    url = f"/su-kien/?loai=conference&khu_vuc={host.region.slug}&don_vi={host.slug}"

    with django_assert_num_queries(7):
        response = client.get(url)

    assert len(listed_titles(response)) == 2


@ROW_COUNTS
def test_list_with_a_bad_filter_reads_only_the_choices(client, django_assert_num_queries, rows, today):
    events_with(rows, today=today)

    with django_assert_num_queries(3):
        response = client.get("/su-kien/?nam=abc")

    assert listed_titles(response) == []


# --- Month calendar --------------------------------------------------------------------


def calendar_days(response) -> dict[str, list[str]]:
    """Each day cell of the grid with events: its ISO date → the titles listed on it."""
    page = html_of(response)
    days = {}
    for cell in re.findall(r'<td class="calendar__day[^"]*"[^>]*>(.*?)</td>', page, flags=re.S):
        found = re.search(r'<time datetime="([\d-]+)">', cell)
        if found:
            days[found.group(1)] = re.findall(r'<a href="[^"]+">([^<]+)</a>', cell)
    return days


def test_calendar_redirects_to_the_current_month_in_ho_chi_minh_time(client, monkeypatch):
    # 18:00 UTC on 31 August is 01:00 on 1 September in Asia/Ho_Chi_Minh.
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2021, 8, 31, 18, 0, tzinfo=dt.UTC))

    response = client.get("/su-kien/lich/")

    assert response.status_code == 302
    assert response["Location"] == "/su-kien/lich/2021/9/"


def test_calendar_is_a_monday_first_grid_in_vietnamese(client):
    response = client.get("/su-kien/lich/2021/8/")
    page = html_of(response)

    assert '<h1 id="thang">Tháng 8 năm 2021</h1>' in page
    assert "<title>Tháng 8 năm 2021 – Lịch sự kiện – " in page
    headers = re.findall(r'<th scope="col">([^<]+)</th>', page)
    assert headers == ["Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "Chủ nhật"]
    first_week = re.search(r"<tbody>\s*<tr>(.*?)</tr>", page, flags=re.S).group(1)
    assert re.findall(r'<span class="calendar__number">(\d+)</span>', first_week) == [
        "26", "27", "28", "29", "30", "31", "1",
    ]  # fmt: skip
    assert "Chưa có sự kiện nào trong tháng này." in text_of(response)


def test_calendar_places_a_multi_day_event_on_each_of_its_days(client, academy):
    EventFactory(
        title="Lớp tập huấn ba ngày",
        kind=EventKind.TRAINING,
        start_date=dt.date(2021, 8, 30),
        end_date=dt.date(2021, 9, 1),
        host=academy,
    )
    EventFactory(
        title="Hội nghị sơ kết",
        start_date=dt.date(2021, 8, 25),
        start_time=dt.time(8, 0),
        host=academy,
    )
    EventFactory(title="Giao ban tháng 7", start_date=dt.date(2021, 7, 31), end_date=dt.date(2021, 8, 1))
    EventFactory(title="Giao ban tháng 9", start_date=dt.date(2021, 9, 2))

    response = client.get("/su-kien/lich/2021/8/")

    assert calendar_days(response) == {
        "2021-08-01": ["Giao ban tháng 7"],
        "2021-08-25": ["Hội nghị sơ kết"],
        "2021-08-30": ["Lớp tập huấn ba ngày"],
        "2021-08-31": ["Lớp tập huấn ba ngày"],
    }
    text = text_of(response)
    assert "Chủ nhật, 01/08/2021 tiếp theo Giao ban tháng 7" in text
    assert "Thứ 4, 25/08/2021 08:00 Hội nghị sơ kết" in text
    assert "Thứ 3, 31/08/2021 tiếp theo Lớp tập huấn ba ngày" in text
    assert calendar_days(client.get("/su-kien/lich/2021/9/")) == {
        "2021-09-01": ["Lớp tập huấn ba ngày"],
        "2021-09-02": ["Giao ban tháng 9"],
    }


def test_calendar_puts_an_event_whose_day_is_not_known_on_no_day(client, academy):
    EventFactory(
        title="Hội thảo tháng 8",
        start_date=dt.date(2021, 8, 1),
        end_date=dt.date(2021, 8, 31),
        day_unknown=True,
        host=academy,
    )
    EventFactory(title="Hội nghị sơ kết", start_date=dt.date(2021, 8, 25), host=academy)

    assert calendar_days(client.get("/su-kien/lich/2021/8/")) == {"2021-08-25": ["Hội nghị sơ kết"]}


def test_pages_show_the_window_of_an_event_whose_day_is_not_known(client, academy):
    year = EventFactory(
        title="Triển lãm chuyên đề",
        slug="trien-lam",
        kind=EventKind.OTHER,
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2024, 12, 31),
        day_unknown=True,
        host=academy,
    )
    EventFactory(
        title="Hội thảo khoa học cấp Bộ",
        start_date=dt.date(2023, 1, 1),
        end_date=dt.date(2024, 11, 19),
        day_unknown=True,
        host=academy,
    )

    page = html_of(client.get(year.get_absolute_url()))
    listed = text_of(client.get("/su-kien/?nam=2024"))
    everything = text_of(client.get("/su-kien/"))
    organisation = text_of(client.get(academy.get_absolute_url()))

    assert '<span class="event-when"><time datetime="2024">năm 2024</time></span>' in page
    assert "01/01/2024" not in text_of(client.get(year.get_absolute_url()))
    assert "The month of this event" not in page and "/su-kien/lich/2024/1/" not in page
    assert "năm 2024 Triển lãm chuyên đề" in listed
    assert "trong khoảng 01/01/2023 – 19/11/2024 Hội thảo khoa học cấp Bộ" in everything
    assert "năm 2024 · chủ trì" in organisation


def test_json_ld_of_an_event_whose_day_is_not_known_claims_no_false_date(client, academy):
    year = EventFactory(
        start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 12, 31), day_unknown=True, host=academy
    )
    window = EventFactory(
        start_date=dt.date(2023, 1, 1), end_date=dt.date(2024, 11, 19), day_unknown=True, host=academy
    )

    data = json_ld_of(client.get(year.get_absolute_url()))
    assert (data["startDate"], "endDate" in data) == ("2024", False)
    data = json_ld_of(client.get(window.get_absolute_url()))
    assert ("startDate" in data, "endDate" in data) == (False, False)


def test_calendar_links_the_previous_and_next_months(client):
    page = html_of(client.get("/su-kien/lich/2021/1/"))

    assert (
        '<a rel="prev" href="/su-kien/lich/2020/12/"><span aria-hidden="true">‹ </span>Tháng 12 năm 2020</a>'
    ) in page
    assert (
        '<a rel="next" href="/su-kien/lich/2021/2/">Tháng 2 năm 2021<span aria-hidden="true"> ›</span></a>'
        in page
    )


def test_calendar_marks_today(client, today):
    page = html_of(client.get(f"/su-kien/lich/{today.year}/{today.month}/"))

    assert page.count('aria-current="date"') == 1


@pytest.mark.parametrize("url", ["/su-kien/lich/2021/13/", "/su-kien/lich/2021/0/", "/su-kien/lich/0/5/"])
def test_an_impossible_month_is_a_404(client, url):
    assert client.get(url).status_code == 404


@ROW_COUNTS
def test_calendar_reads_in_two_queries(client, django_assert_num_queries, rows):
    for index in range(rows):
        EventFactory(start_date=dt.date(2021, 8, 1 + index), end_date=dt.date(2021, 8, 20))

    with django_assert_num_queries(2):  # the first events of each day, and how many start each day
        response = client.get("/su-kien/lich/2021/8/")

    assert len(calendar_days(response)) == 20


# --- Event page ------------------------------------------------------------------------


@pytest.fixture
def conference(academy, board):
    """The interim review of 000: hybrid, two sites, chairs, speeches, decisions, awards, figures."""
    committee = SteeringCommitteeFactory(organization=academy)
    lam = person_create(by=None, written_name="PGS,TS Hoàng Phúc Lâm")
    PositionFactory(person=lam, role=Role.DEPUTY_DIRECTOR, organization=academy, order=1)
    quang = person_create(by=None, written_name="NGƯT, TS Huỳnh Thanh Quang")
    PositionFactory(person=quang, role=Role.DEPUTY_HEAD, organization=None, committee=committee, order=1)
    thao = person_create(by=None, written_name="ThS Lê Thị Thảo")
    PositionFactory(person=thao, role=Role.MEMBER, organization=None, committee=committee)
    decision = DecisionFactory(
        issuer_committee=committee,
        number="12-QĐ/BCĐ35",
        title="Quyết định thành lập Tổ thư ký",
        slug="qd-12",
        issued_on=dt.date(2021, 8, 20),
    )
    commend = DecisionFactory(
        issuer_committee=committee, number="30-QĐ/HV4", title="Khen thưởng", slug="qd-30"
    )
    nq35 = LegalDocumentFactory(
        number="35-NQ/TW", title="Về tăng cường bảo vệ nền tảng tư tưởng", slug="nq-35"
    )
    event = EventFactory(
        title="Hội nghị sơ kết 18 tháng thực hiện Quy chế phối hợp",
        slug="hoi-nghi-so-ket-18-thang",
        kind=EventKind.CONFERENCE,
        purpose=EventPurpose.INTERIM_REVIEW,
        level=EventLevel.INSTITUTION,
        format=EventFormat.HYBRID,
        status=EventStatus.PUBLISHED,
        start_date=dt.date(2021, 8, 25),
        start_time=dt.time(8, 0),
        end_time=dt.time(11, 30),
        host=academy,
        co_organizers=[board],
        summary="Hội nghị đánh giá kết quả 18 tháng thực hiện Quy chế phối hợp.",
        decisions=[decision],
        legal_documents=[nq35],
    )
    provinces = EventSiteFactory(
        event=event,
        organization=None,
        place="các tỉnh, thành phố khu vực Tây Nam Bộ",
        attendee_groups="lãnh đạo Ban Tuyên giáo, Trường Chính trị tỉnh, thành phố",
        order=0,
    )
    EventSiteFactory(
        event=event, organization=academy, is_main=True, attendee_groups="lãnh đạo Học viện", order=1
    )
    AttendeeFactory(site=provinces, person=thao, note="đại diện Ban Chỉ đạo 35")
    EventChairFactory(event=event, person=lam)
    report = EventDocumentFactory(event=event, title="Báo cáo sơ kết 18 tháng", order=1)
    EventDocumentFactory(event=event, title="Chương trình hội nghị", order=2)
    SpeechFactory(event=event, person=quang, role=SpeechRole.REPORT, order=2,
                  on_behalf_of="Ban Chỉ đạo 35 Học viện", title="Báo cáo sơ kết",
                  summary="Nêu 3 phương hướng, 9 nhiệm vụ.", document=report)  # fmt: skip
    SpeechFactory(event=event, person=lam, role=SpeechRole.OPENING, order=1)
    AwardFactory(event=event, recipient_collective="", recipient_organization=board,
                 reason="Có thành tích xuất sắc", decision=commend, order=1)  # fmt: skip
    AwardFactory(event=event, recipient_collective="tập thể, cá nhân có thành tích đột xuất", order=2)
    KeyFigureFactory(event=event, value=3, label="phương hướng", order=1)
    KeyFigureFactory(event=event, value=9, label="nhiệm vụ", order=2)
    EventPhotoFactory(event=event, caption="Quang cảnh Hội nghị", credit="Ảnh: Đức Anh")
    event_fill_title_lines(event=event)
    return event


def test_event_page_shows_when_kind_level_format_status_and_organisers(client, conference):
    text = text_of(client.get("/su-kien/hoi-nghi-so-ket-18-thang/"))

    assert (
        "Hội nghị – cấp cơ sở Hội nghị sơ kết 18 tháng thực hiện Quy chế phối hợp 25/08/2021 08:00–11:30 "
        "Thời gian 25/08/2021 08:00–11:30 Loại Hội nghị Cấp Cấp cơ sở "
        "Hình thức Trực tiếp kết hợp trực tuyến Tình trạng Đã diễn ra Mục đích Sơ kết "
        "Đơn vị chủ trì Học viện Chính trị khu vực IV Đơn vị phối hợp Ban Tuyên giáo Tỉnh ủy Nghệ An "
        "Tóm tắt Hội nghị đánh giá kết quả 18 tháng thực hiện Quy chế phối hợp. "
        "Số liệu chính 3 phương hướng 9 nhiệm vụ"
    ) in text


def test_event_page_names_organisations_as_they_were_on_the_event_date(client, conference, board, academy):
    organization_rename(
        by=None,
        organization=board,
        new_name="Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An",
        on=dt.date(2025, 7, 1),
    )
    organization_rename(
        by=None, organization=academy, new_name="Học viện Chính trị khu vực IV (mới)", on=dt.date(2025, 7, 1)
    )

    text = text_of(client.get(conference.get_absolute_url()))

    assert (
        "Đơn vị chủ trì Học viện Chính trị khu vực IV Đơn vị phối hợp Ban Tuyên giáo Tỉnh ủy Nghệ An " in text
    )
    assert "Ban Tuyên giáo Tỉnh ủy Nghệ An: Có thành tích xuất sắc" in text
    assert "(mới)" not in text and "Dân vận" not in text


def test_event_page_lists_sites_main_first_with_attendee_groups_and_named_attendees(client, conference):
    page = html_of(client.get(conference.get_absolute_url()))
    text = text_of(client.get(conference.get_absolute_url()))

    assert (
        "Chủ trì PGS, TS Hoàng Phúc Lâm, Phó Giám đốc Học viện Chính trị khu vực IV "
        "Các điểm cầu "
        "Học viện Chính trị khu vực IV điểm cầu chính Thành phần tham dự: lãnh đạo Học viện "
        "các tỉnh, thành phố khu vực Tây Nam Bộ "
        "Thành phần tham dự: lãnh đạo Ban Tuyên giáo, Trường Chính trị tỉnh, thành phố "
        "ThS Lê Thị Thảo, Thành viên Ban Chỉ đạo 35 Học viện Chính trị khu vực IV – đại diện Ban Chỉ đạo 35"
    ) in text
    assert (
        '<h3 class="site__name"><a href="/to-chuc/hoc-vien-chinh-tri-khu-vuc-iv/">'
        'Học viện Chính trị khu vực IV</a> <span class="badge">điểm cầu chính</span></h3>'
    ) in page


def test_event_page_lists_speeches_in_order_with_roles_lines_and_documents(client, conference):
    response = client.get(conference.get_absolute_url())
    report = conference.documents.get(title="Báo cáo sơ kết 18 tháng")

    assert (
        "Phát biểu, báo cáo "
        "Phát biểu khai mạc PGS, TS Hoàng Phúc Lâm, Phó Giám đốc Học viện Chính trị khu vực IV "
        "Trình bày báo cáo NGƯT, TS Huỳnh Thanh Quang, "
        "Phó Trưởng Ban Chỉ đạo 35 Học viện Chính trị khu vực IV, thay mặt Ban Chỉ đạo 35 Học viện "
        "Báo cáo sơ kết Nêu 3 phương hướng, 9 nhiệm vụ. "
        "Báo cáo sơ kết 18 tháng (PDF)"
    ) in text_of(response)
    assert f'<p class="speech__document"><a href="{report.file.url}">Báo cáo sơ kết 18 tháng</a>' in html_of(
        response
    )


def test_title_lines_stay_as_printed_after_the_people_change_positions(client, conference):
    lam = conference.chairs.get().person
    Position.objects.filter(role=Role.DEPUTY_DIRECTOR).update(role=Role.DIRECTOR)
    Position.objects.filter(role=Role.DEPUTY_HEAD).update(end_date=dt.date(2021, 1, 1))
    recomputed = person_title_line(people_with_positions().get(pk=lam.pk), on=conference.start_date)

    text = text_of(client.get(conference.get_absolute_url()))

    assert recomputed == "PGS, TS Hoàng Phúc Lâm, Giám đốc Học viện Chính trị khu vực IV"
    assert "Chủ trì PGS, TS Hoàng Phúc Lâm, Phó Giám đốc Học viện Chính trị khu vực IV " in text
    assert "Hoàng Phúc Lâm, Giám đốc" not in text
    assert (
        "Trình bày báo cáo NGƯT, TS Huỳnh Thanh Quang, "
        "Phó Trưởng Ban Chỉ đạo 35 Học viện Chính trị khu vực IV, thay mặt"
    ) in text


def test_an_empty_title_line_falls_back_to_the_positions_of_the_event_date(client, academy):
    person = person_create(by=None, written_name="TS Trần Văn Bình")
    PositionFactory(
        person=person, role=Role.DIRECTOR, organization=academy,
        start_date=dt.date(2019, 1, 1), end_date=dt.date(2022, 12, 31),
    )  # fmt: skip
    PositionFactory(person=person, role=Role.MEMBER, organization=academy, start_date=dt.date(2023, 1, 1))
    event = EventFactory(host=academy, start_date=dt.date(2021, 8, 25))
    SpeechFactory(event=event, person=person, role=SpeechRole.DIRECTIVE, title_line="")
    EventChairFactory(event=event, person=person, title_line="")

    text = text_of(client.get(event.get_absolute_url()))

    assert "Chủ trì TS Trần Văn Bình, Giám đốc Học viện Chính trị khu vực IV " in text
    assert "Phát biểu chỉ đạo TS Trần Văn Bình, Giám đốc Học viện Chính trị khu vực IV" in text


def test_event_page_links_decisions_awards_legal_documents_and_files(client, conference):
    response = client.get(conference.get_absolute_url())
    page = html_of(response)
    text = text_of(response)

    assert (
        "Các quyết định được công bố Quyết định thành lập Tổ thư ký 12-QĐ/BCĐ35 · 20/08/2021 "
        "Khen thưởng Ban Tuyên giáo Tỉnh ủy Nghệ An: Có thành tích xuất sắc "
        "Quyết định: 30-QĐ/HV4: Khen thưởng "
        "tập thể, cá nhân có thành tích đột xuất "
        "Văn bản triển khai thực hiện Nghị quyết 35-NQ/TW Về tăng cường bảo vệ nền tảng tư tưởng"
    ) in text
    assert '<a href="/van-ban/quyet-dinh/qd-12/">Quyết định thành lập Tổ thư ký</a>' in page
    assert '<a href="/van-ban/quyet-dinh/qd-30/">30-QĐ/HV4: Khen thưởng</a>' in page
    assert '<a href="/van-ban/van-kien/nq-35/">Nghị quyết 35-NQ/TW</a>' in page
    assert '<a href="/to-chuc/btg-nghe-an/">Ban Tuyên giáo Tỉnh ủy Nghệ An</a>' in page
    size = len(conference.documents.get(title="Chương trình hội nghị").file.read())
    assert f"Tài liệu của sự kiện Báo cáo sơ kết 18 tháng PDF · {size} byte Chương trình hội nghị PDF" in text


def test_event_page_shows_the_photos_as_captioned_lazy_figures(client, conference):
    photo = conference.photos.get()

    page = html_of(client.get(conference.get_absolute_url()))

    assert (
        '<figure class="gallery__item">\n'
        f'          <a href="{photo.display_url}"><img src="{photo.thumbnail_url}" alt="Quang cảnh Hội nghị" '
        'loading="lazy" decoding="async" width="64" height="48"></a>\n'
        "          <figcaption>Quang cảnh Hội nghị "
        '<span class="gallery__credit">Ảnh: Đức Anh</span></figcaption>\n'
        "        </figure>"
    ) in page


def test_event_page_shows_renditions_once_they_are_made(client, conference):
    photo = conference.photos.get()
    photo.thumbnail = "events/renditions/anh-thumbnail.jpg"
    photo.medium = "events/renditions/anh-medium.jpg"
    photo.save()

    page = html_of(client.get(conference.get_absolute_url()))

    assert (
        '<a href="/media/events/renditions/anh-medium.jpg">'
        '<img src="/media/events/renditions/anh-thumbnail.jpg"'
    ) in page


def test_event_page_shows_the_panels_registered_for_events(client, conference, monkeypatch):
    # The news app (above events) will list the articles about an event through this door.
    monkeypatch.setattr(panels, "REGISTRY", {})
    panels.register(
        panels.EVENT,
        "news",
        template="events/_decision_events.html",
        context=lambda event: {"events": [event]},
    )

    page = text_of(client.get(conference.get_absolute_url()))

    assert page.count(conference.title) >= 2  # its heading, and the panel's row


def test_a_cancelled_event_says_so(client, academy):
    event = EventFactory(host=academy, status=EventStatus.CANCELLED)

    text = text_of(client.get(event.get_absolute_url()))

    assert "Sự kiện này đã bị hủy." in text
    assert "Tình trạng Đã hủy" in text


def test_unknown_event_is_a_404(client):
    assert client.get("/su-kien/khong-co/").status_code == 404


def json_ld_of(response) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html_of(response), flags=re.S)
    return json.loads(found.group(1))


def test_json_ld_describes_a_hybrid_event_with_its_place_and_online_location(client, conference):
    photo = conference.photos.get()

    data = json_ld_of(client.get(conference.get_absolute_url()))

    url = "http://testserver/su-kien/hoi-nghi-so-ket-18-thang/"
    assert data == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Hội nghị sơ kết 18 tháng thực hiện Quy chế phối hợp",
        "url": url,
        "startDate": "2021-08-25T08:00:00+07:00",
        "endDate": "2021-08-25T11:30:00+07:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
        "location": [
            {
                "@type": "Place",
                "name": "Học viện Chính trị khu vực IV",
                "address": {"@type": "PostalAddress", "addressCountry": "VN", "addressRegion": "Cần Thơ"},
            },
            {"@type": "VirtualLocation", "url": url},
        ],
        "organizer": {
            "@type": "Organization",
            "name": "Học viện Chính trị khu vực IV",
            "url": "http://testserver/to-chuc/hoc-vien-chinh-tri-khu-vuc-iv/",
        },
        "description": "Hội nghị đánh giá kết quả 18 tháng thực hiện Quy chế phối hợp.",
        "image": [f"http://testserver{photo.display_url}"],
    }


def test_json_ld_of_an_online_event_is_a_virtual_location(client, academy):
    event = EventFactory(
        title="Giao ban trực tuyến",
        slug="giao-ban",
        format=EventFormat.ONLINE,
        status=EventStatus.POSTPONED,
        start_date=dt.date(2025, 6, 5),
        end_date=dt.date(2025, 6, 6),
        host=academy,
    )
    EventSiteFactory(event=event, organization=academy, is_main=True)

    data = json_ld_of(client.get(event.get_absolute_url()))

    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "http://testserver/su-kien/giao-ban/"}
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert (data["startDate"], data["endDate"]) == ("2025-06-05", "2025-06-06")
    assert data["description"] == "Giao ban trực tuyến"
    assert "image" not in data


def test_json_ld_of_an_in_person_event_without_sites_is_at_the_host(client, academy):
    event = EventFactory(host=academy, status=EventStatus.CANCELLED, start_date=dt.date(2025, 6, 5))

    data = json_ld_of(client.get(event.get_absolute_url()))

    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["name"] == "Học viện Chính trị khu vực IV"
    assert data["startDate"] == "2025-06-05"
    assert "endDate" not in data


def test_json_ld_cannot_close_its_script_element(client, academy):
    event = EventFactory(host=academy, title="Tọa đàm </script><script>alert(1)</script>")

    response = client.get(event.get_absolute_url())

    assert "<script>alert(1)" not in html_of(response)
    assert json_ld_of(response)["name"] == "Tọa đàm </script><script>alert(1)</script>"


def event_with(rows: int):
    """An event with `rows` of everything its page shows, title lines printed."""
    event = EventFactory(
        format=EventFormat.HYBRID, host=OrganizationFactory(province=ProvinceFactory()),
        co_organizers=[OrganizationFactory() for _index in range(rows)],
        decisions=[DecisionFactory() for _index in range(rows)],
        legal_documents=[LegalDocumentFactory() for _index in range(rows)],
    )  # fmt: skip
    organization_rename(by=None, organization=event.host, new_name="Tên mới", on=dt.date(2025, 7, 1))
    for index in range(rows):
        site = EventSiteFactory(event=event, is_main=index == 0)
        AttendeeFactory(site=site, title_line="ThS Lê Văn C, Thành viên")
        AttendeeFactory(event=event, title_line="ThS Lê Văn D")
        EventChairFactory(event=event, title_line="PGS, TS Lê Văn A, Giám đốc")
        document = EventDocumentFactory(event=event)
        SpeechFactory(event=event, document=document, title_line="TS Lê Văn B, Phó Giám đốc")
        AwardFactory(event=event, recipient_collective="", recipient_organization=OrganizationFactory())
        AwardFactory(
            event=event,
            recipient_collective="",
            recipient_person=person_create(by=None, written_name="TS Ngô E"),
        )
        KeyFigureFactory(event=event)
        EventPhotoFactory(event=event)
    return event


@ROW_COUNTS
def test_event_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    event = event_with(rows)

    # Event with host; co-organisers, sites, attendees, chairs, speeches, decisions, awards,
    # key figures, documents, photos, legal documents; the former names of every organisation;
    # the agreements signed or reviewed there (agreements/panels.py); the news about it
    # (portal/news/panels.py).
    with django_assert_num_queries(15 + 1):  # + 1: the sources
        response = client.get(event.get_absolute_url())

    assert text_of(response).count("TS Lê Văn B, Phó Giám đốc") == rows


@ROW_COUNTS
def test_event_page_with_empty_title_lines_reads_the_positions_once(client, django_assert_num_queries, rows):
    event = EventFactory()
    for _index in range(rows):
        person = person_create(by=None, written_name="TS Lê Văn F")
        PositionFactory(person=person, organization=event.host)
        SpeechFactory(event=event, person=person, title_line="")

    # The page's 15, and the speakers with their positions and the former names of their bodies.
    with django_assert_num_queries(18 + 1):  # + 1: the sources
        response = client.get(event.get_absolute_url())

    assert text_of(response).count(f", Thành viên {event.host.name}") == rows


# --- What the registry pages show of events ---------------------------------------------


def test_organisation_page_lists_the_events_it_hosted_or_co_organised(client, listed, board):
    EventFactory(title="Sự kiện của nơi khác")

    text = text_of(client.get(board.get_absolute_url()))

    assert (
        f"Sự kiện Tọa đàm sắp tới {listed['soon'].start_date:%d/%m/%Y}, buổi chiều · chủ trì "
        "Hội nghị ký kết chương trình phối hợp năm 2025 Đã hủy 19/11/2024 – 20/11/2024 · chủ trì "
        "Hội nghị sơ kết 18 tháng 25/08/2021 14:00–17:30 · phối hợp "
        "Tất cả sự kiện của tổ chức này"
    ) in text
    assert "nơi khác" not in text
    assert '<a href="/su-kien/?don_vi=btg-nghe-an">' in html_of(client.get(board.get_absolute_url()))


def test_organisation_page_without_events_says_so(client, academy):
    assert "Sự kiện Chưa có sự kiện nào của tổ chức này." in text_of(client.get(academy.get_absolute_url()))


def test_person_page_lists_the_events_where_they_chaired_or_spoke(client, conference, academy):
    lam = conference.chairs.get().person
    later = EventFactory(title="Tọa đàm năm 2024", start_date=dt.date(2024, 3, 1), host=academy)
    SpeechFactory(event=later, person=lam)
    EventFactory(title="Sự kiện không liên quan")

    text = text_of(client.get(lam.get_absolute_url()))

    assert (
        "Sự kiện Tọa đàm năm 2024 01/03/2024 · phát biểu "
        "Hội nghị sơ kết 18 tháng thực hiện Quy chế phối hợp 25/08/2021 08:00–11:30 · chủ trì và phát biểu"
    ) in text
    assert "không liên quan" not in text


def test_decision_page_links_the_event_where_it_was_announced(client, conference):
    page = html_of(client.get("/van-ban/quyet-dinh/qd-12/"))

    assert (
        "Được công bố tại Hội nghị sơ kết 18 tháng thực hiện Quy chế phối hợp 25/08/2021 08:00–11:30"
        in text_of(client.get("/van-ban/quyet-dinh/qd-12/"))
    )
    assert '<li><a href="/su-kien/hoi-nghi-so-ket-18-thang/">Hội nghị sơ kết 18 tháng' in page


@ROW_COUNTS
def test_registry_pages_read_their_events_in_one_query(client, django_assert_num_queries, rows):
    organization = OrganizationFactory()
    person = person_create(by=None, written_name="TS Nguyễn Văn Sự")
    decision = DecisionFactory()
    for _index in range(rows):
        event = EventFactory(host=organization, decisions=[decision])
        EventFactory(co_organizers=[organization])
        SpeechFactory(event=event, person=person)
        EventChairFactory(event=event, person=person)

    # The registry's own queries (an organisation with nothing else: 7; a person without
    # positions: 2; a decision of a committee without signer or foundations: 4), one for events
    # and one for news (portal/news/panels.py); the organisation page one more for its
    # agreements (agreements/panels.py).
    with django_assert_num_queries(7 + 1 + 1 + 1 + 1):  # + 1: the sources
        organization_page = client.get(organization.get_absolute_url())
    with django_assert_num_queries(2 + 1 + 1 + 1):  # + 1: the sources
        person_page = client.get(person.get_absolute_url())
    with django_assert_num_queries(4 + 1 + 1 + 1):  # + 1: the sources
        decision_page = client.get(decision.get_absolute_url())

    assert text_of(organization_page).count("· chủ trì") == rows
    assert text_of(organization_page).count("· phối hợp") == rows
    assert text_of(person_page).count("· chủ trì và phát biểu") == rows
    assert text_of(decision_page).count(f"{dt.date(2025, 6, 5):%d/%m/%Y}") == rows


def test_legal_document_page_lists_the_events_implementing_it_latest_first(client):
    resolution = LegalDocumentFactory(slug="nghi-quyet-35")
    EventFactory(title="Hội nghị năm 2021", start_date=dt.date(2021, 8, 25), legal_documents=[resolution])
    EventFactory(title="Tọa đàm năm 2024", start_date=dt.date(2024, 3, 1), legal_documents=[resolution])
    EventFactory(title="Hội nghị không liên quan", start_date=dt.date(2024, 5, 1))

    text = text_of(client.get("/van-ban/van-kien/nghi-quyet-35/"))

    assert (
        "Các sự kiện triển khai văn bản này Tọa đàm năm 2024 01/03/2024 Hội nghị năm 2021 25/08/2021"
    ) in text
    assert "không liên quan" not in text


def test_event_page_leaves_an_unknown_decision_date_out(client):
    event = EventFactory(
        decisions=[
            DecisionFactory(number="", issued_on=None, title="Quyết định khen thưởng"),
            DecisionFactory(number="12-QĐ", issued_on=None, title="Quyết định thành lập"),
        ]
    )

    page = html_of(client.get(event.get_absolute_url()))

    assert ">Quyết định khen thưởng</a>\n          \n        </li>" in page
    assert '>Quyết định thành lập</a>\n          <span class="meta">12-QĐ</span>' in page
    assert "không rõ" not in text_of(client.get(event.get_absolute_url()))
