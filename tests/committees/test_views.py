"""The registry's public pages: directory, organisation, person, documents."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from committees import views
from committees.models import (
    DecisionKind,
    LegalDocumentType,
    OrganizationChangeKind,
    OrganizationKind,
    Role,
    TeamKind,
)
from committees.services import organization_close, organization_rename, person_create
from tests.committees.factories import (
    DecisionFactory,
    LegalDocumentFactory,
    OrganizationFactory,
    PositionFactory,
    ProvinceFactory,
    RegionFactory,
    SteeringCommitteeFactory,
    TeamFactory,
)
from tests.pages import html_of, text_of

pytestmark = pytest.mark.django_db

ROW_COUNTS = pytest.mark.parametrize("rows", [1, 5])


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def academy():
    region = RegionFactory(name="Tây Nam Bộ", slug="tay-nam-bo", order=4)
    return OrganizationFactory(
        name="Học viện Chính trị khu vực IV",
        slug="hoc-vien-chinh-tri-khu-vuc-iv",
        kind=OrganizationKind.REGIONAL_ACADEMY,
        region=region,
        province=ProvinceFactory(name="Cần Thơ", region=region),
        website="https://hcma4.vn",
        founded_on=dt.date(1981, 9, 1),
    )


@pytest.fixture
def committee(academy):
    return SteeringCommitteeFactory(organization=academy, slug="bcd35-hv4", founded_on=dt.date(2019, 3, 1))


# --- Navigation ------------------------------------------------------------------------


def test_every_page_links_the_directory_and_the_documents_in_the_main_navigation(client):
    page = html_of(client.get("/"))
    nav = page[page.index('<nav class="site-nav"') : page.index("</nav>")]
    assert '<a href="/to-chuc/">Tổ chức</a>' in nav
    assert '<a href="/van-ban/">Văn bản</a>' in nav


def test_navigation_marks_the_section_the_reader_is_in(client):
    page = html_of(client.get("/van-ban/"))
    assert '<a href="/van-ban/" aria-current="page">Văn bản</a>' in page


# --- Directory -------------------------------------------------------------------------


def test_directory_groups_current_organisations_by_kind_then_region(client, academy):
    north = RegionFactory(name="Bắc Trung Bộ", slug="bac-trung-bo", order=2)
    OrganizationFactory(
        name="Học viện Chính trị quốc gia Hồ Chí Minh", kind=OrganizationKind.NATIONAL_ACADEMY
    )
    OrganizationFactory(name="Học viện Chính trị khu vực III", region=north)
    OrganizationFactory(
        name="Trường Chính trị tỉnh Bạc Liêu", kind=OrganizationKind.PROVINCIAL_SCHOOL, region=academy.region
    )

    text = text_of(client.get("/to-chuc/"))

    assert (
        text.index("Học viện Chính trị quốc gia Học viện Chính trị quốc gia Hồ Chí Minh")
        < text.index(
            "Học viện Chính trị khu vực Bắc Trung Bộ Học viện Chính trị khu vực III "
            "Tây Nam Bộ Học viện Chính trị khu vực IV Cần Thơ"
        )
        < text.index("Trường Chính trị tỉnh Tây Nam Bộ Trường Chính trị tỉnh Bạc Liêu")
    )


def test_directory_leaves_out_closed_organisations_and_party_committees_of_a_parent(client, academy):
    OrganizationFactory(
        name="Đảng ủy Học viện Chính trị khu vực IV",
        short_name="Đảng ủy",
        kind=OrganizationKind.PARTY_COMMITTEE,
        parent=academy,
    )
    closed = OrganizationFactory(
        name="Trường Chính trị tỉnh Hậu Giang", kind=OrganizationKind.PROVINCIAL_SCHOOL
    )
    organization_close(
        by=None,
        organization=closed,
        kind=OrganizationChangeKind.MERGED,
        on=dt.date(2025, 7, 1),
        successors=[academy],
    )

    page = html_of(client.get("/to-chuc/"))

    assert '<a href="/to-chuc/hoc-vien-chinh-tri-khu-vuc-iv/">Học viện Chính trị khu vực IV</a>' in page
    assert "Đảng ủy Học viện" not in page
    assert "Hậu Giang" not in page


def test_directory_lists_an_organisation_under_its_current_name(client, academy):
    organization_rename(
        by=None, organization=academy, new_name="Học viện Chính trị khu vực IV (mới)", on=dt.date(2025, 7, 1)
    )

    text = text_of(client.get("/to-chuc/"))

    assert "Học viện Chính trị khu vực IV (mới)" in text
    assert "Học viện Chính trị khu vực IV Cần Thơ" not in text


@ROW_COUNTS
def test_directory_reads_a_page_in_two_queries_whatever_the_number_of_organisations(
    client, django_assert_num_queries, rows
):
    region = RegionFactory(name="Tây Nguyên")
    for index in range(rows):
        OrganizationFactory(region=region, province=ProvinceFactory(region=region))
        OrganizationFactory(kind=OrganizationKind.PROPAGANDA_BOARD, name=f"Ban Tuyên giáo Tỉnh ủy {index}")

    with django_assert_num_queries(2):  # the count and the page
        response = client.get("/to-chuc/")

    assert text_of(response).count("Ban Tuyên giáo Tỉnh ủy ") == rows


# --- Organisation page -----------------------------------------------------------------


def test_organisation_page_shows_its_facts_parent_and_children(client, academy):
    OrganizationFactory(
        name="Đảng ủy Học viện Chính trị khu vực IV",
        slug="dang-uy-hv4",
        short_name="Đảng ủy",
        kind=OrganizationKind.PARTY_COMMITTEE,
        parent=academy,
    )

    academy_text = text_of(client.get("/to-chuc/hoc-vien-chinh-tri-khu-vuc-iv/"))
    party_page = html_of(client.get("/to-chuc/dang-uy-hv4/"))

    assert "<h1>Học viện Chính trị khu vực IV</h1>" in html_of(client.get(academy.get_absolute_url()))
    assert (
        "Loại Học viện Chính trị khu vực Khu vực Tây Nam Bộ Tỉnh, thành phố Cần Thơ "
        "Thành lập ngày 01/09/1981 Trang thông tin điện tử https://hcma4.vn"
    ) in academy_text
    assert "Tổ chức trực thuộc Đảng ủy Học viện Chính trị khu vực IV" in academy_text
    parent_link = f'<a href="{academy.get_absolute_url()}">Học viện Chính trị khu vực IV</a>'
    assert f"<dt>Trực thuộc</dt><dd>{parent_link}</dd>" in party_page


def test_unknown_organisation_is_a_404(client):
    assert client.get("/to-chuc/khong-co/").status_code == 404


def test_name_history_shows_each_name_with_the_days_it_was_used(client, academy):
    organization_rename(
        by=None, organization=academy, new_name="Học viện Chính trị khu vực IV (mới)", on=dt.date(2025, 7, 1)
    )
    academy.refresh_from_db()

    text = text_of(client.get(academy.get_absolute_url()))

    assert academy.name_on(dt.date(2025, 6, 30)) == "Học viện Chính trị khu vực IV"
    assert academy.name_on(dt.date(2025, 7, 1)) == "Học viện Chính trị khu vực IV (mới)"
    assert (
        "Tên gọi qua các thời kỳ Tên Từ ngày Đến ngày "
        "Học viện Chính trị khu vực IV (mới) 01/07/2025 nay "
        "Học viện Chính trị khu vực IV 01/09/1981 30/06/2025"
    ) in text


def test_closed_organisation_says_what_became_of_it_and_links_the_successor(client, academy):
    school = OrganizationFactory(
        name="Trường Chính trị tỉnh Hậu Giang", slug="tct-hau-giang", kind=OrganizationKind.PROVINCIAL_SCHOOL
    )
    organization_close(
        by=None,
        organization=school,
        kind=OrganizationChangeKind.MERGED,
        on=dt.date(2025, 7, 1),
        successors=[academy],
    )

    page = html_of(client.get("/to-chuc/tct-hau-giang/"))
    text = text_of(client.get("/to-chuc/tct-hau-giang/"))

    assert (
        "Tổ chức này không còn hoạt động từ ngày 01/07/2025. "
        "Sáp nhập vào Học viện Chính trị khu vực IV từ ngày 01/07/2025."
    ) in text
    assert (
        'Sáp nhập vào <a href="/to-chuc/hoc-vien-chinh-tri-khu-vuc-iv/">Học viện Chính trị khu vực IV</a>'
        in page
    )


def test_successor_links_back_to_its_predecessors(client, academy):
    school = OrganizationFactory(
        name="Trường Chính trị tỉnh Hậu Giang", slug="tct-hau-giang", kind=OrganizationKind.PROVINCIAL_SCHOOL
    )
    organization_close(
        by=None,
        organization=school,
        kind=OrganizationChangeKind.MERGED,
        on=dt.date(2025, 7, 1),
        successors=[academy],
    )

    page = html_of(client.get(academy.get_absolute_url()))

    assert (
        '<a href="/to-chuc/tct-hau-giang/">Trường Chính trị tỉnh Hậu Giang</a> '
        "sáp nhập vào tổ chức này từ ngày 01/07/2025."
    ) in page
    assert "không còn hoạt động" not in page


def test_dissolved_organisation_says_so_without_a_successor(client):
    board = OrganizationFactory(
        name="Ban Tuyên giáo Tỉnh ủy Hậu Giang", kind=OrganizationKind.PROPAGANDA_BOARD
    )
    organization_close(
        by=None, organization=board, kind=OrganizationChangeKind.DISSOLVED, on=dt.date(2025, 3, 1)
    )

    text = text_of(client.get(board.get_absolute_url()))

    assert "Tổ chức này không còn hoạt động từ ngày 01/03/2025. Giải thể từ ngày 01/03/2025." in text


def test_committee_lists_the_members_of_today_with_their_title_lines(client, academy, committee, today):
    head = person_create(by=None, written_name="PGS, TS Nguyễn Văn Hùng")
    reported = today - dt.timedelta(days=10)
    PositionFactory(person=head, role=Role.DIRECTOR, organization=academy, order=1, reported_on=reported)
    PositionFactory(
        person=head, role=Role.HEAD, organization=None, committee=committee, order=2, reported_on=reported
    )
    member = person_create(by=None, written_name="TS Lê Thị Mai")
    PositionFactory(
        person=member,
        role=Role.MEMBER,
        organization=None,
        committee=committee,
        start_date=today - dt.timedelta(days=100),
    )
    former = person_create(by=None, written_name="ThS Trần Văn Cũ")
    PositionFactory(
        person=former,
        role=Role.DEPUTY_HEAD,
        organization=None,
        committee=committee,
        end_date=dt.date(2023, 1, 1),
    )
    future = person_create(by=None, written_name="TS Phạm Văn Mới")
    PositionFactory(
        person=future,
        role=Role.MEMBER,
        organization=None,
        committee=committee,
        start_date=today + dt.timedelta(days=1),
    )

    page = html_of(client.get(academy.get_absolute_url()))
    text = text_of(client.get(academy.get_absolute_url()))

    assert (
        f"Ban Chỉ đạo 35 Học viện Chính trị khu vực IV Thành lập ngày 01/03/2019 "
        f"Thành viên tính đến ngày {today:%d/%m/%Y} "
        "PGS, TS Nguyễn Văn Hùng, Giám đốc Học viện Chính trị khu vực IV, Trưởng Ban Chỉ đạo 35 "
        "Trưởng Ban Chỉ đạo 35 "
        f"(theo tin ngày {reported:%d/%m/%Y}) "
        "TS Lê Thị Mai, Thành viên Ban Chỉ đạo 35 Học viện Chính trị khu vực IV Thành viên Ban Chỉ đạo 35"
    ) in text
    assert f'<a href="{head.get_absolute_url()}">PGS, TS Nguyễn Văn Hùng, Giám đốc' in page
    assert "Trần Văn Cũ" not in text
    assert "Phạm Văn Mới" not in text


def test_committee_members_known_only_from_old_sources_are_stated_as_of_the_latest_source(
    client, academy, committee
):
    """Article 000 (30/08/2021) reports the KV IV committee: five years on, the page says what it
    knows as of that date, not "members on <today>"."""
    head = person_create(by=None, written_name="TS Phan Công Khanh")
    PositionFactory(
        person=head, role=Role.HEAD, organization=None, committee=committee, reported_on=dt.date(2021, 8, 30)
    )
    deputy = person_create(by=None, written_name="TS Huỳnh Thanh Quang")
    PositionFactory(
        person=deputy,
        role=Role.DEPUTY_HEAD,
        organization=None,
        committee=committee,
        reported_on=dt.date(2021, 5, 14),
    )

    text = text_of(client.get(academy.get_absolute_url()))

    assert (
        "Thành viên (thông tin tính đến ngày 30/08/2021) "
        "TS Phan Công Khanh, Trưởng Ban Chỉ đạo 35 Học viện Chính trị khu vực IV Trưởng Ban Chỉ đạo 35 "
        "(theo tin ngày 30/08/2021) "
        "TS Huỳnh Thanh Quang, Phó Trưởng Ban Chỉ đạo 35 Học viện Chính trị khu vực IV "
        "Phó Trưởng Ban Chỉ đạo 35 (theo tin ngày 14/05/2021)"
    ) in text
    assert "Thành viên tính đến ngày" not in text


def test_committee_members_are_of_today_while_the_latest_fact_is_within_the_set_age(
    client, academy, committee, today, settings
):
    settings.COMMITTEES_FACTS_FRESH_DAYS = (today - dt.date(2021, 8, 30)).days
    head = person_create(by=None, written_name="TS Phan Công Khanh")
    PositionFactory(
        person=head, role=Role.HEAD, organization=None, committee=committee, reported_on=dt.date(2021, 8, 30)
    )

    assert f"Thành viên tính đến ngày {today:%d/%m/%Y} TS Phan Công Khanh" in text_of(
        client.get(academy.get_absolute_url())
    )

    settings.COMMITTEES_FACTS_FRESH_DAYS -= 1
    cache.clear()  # the page is cached until a record changes; a setting is not one
    assert "Thành viên (thông tin tính đến ngày 30/08/2021) TS Phan Công Khanh" in text_of(
        client.get(academy.get_absolute_url())
    )


def test_committee_members_no_source_dates_say_so(client, academy, committee):
    head = person_create(by=None, written_name="TS Phan Công Khanh")
    PositionFactory(person=head, role=Role.HEAD, organization=None, committee=committee)

    text = text_of(client.get(academy.get_absolute_url()))

    assert (
        "Thành viên theo các nguồn tin (không ghi ngày) "
        "TS Phan Công Khanh, Trưởng Ban Chỉ đạo 35 Học viện Chính trị khu vực IV Trưởng Ban Chỉ đạo 35 "
        "(theo nguồn tin không ghi ngày)"
    ) in text


def test_members_page_says_as_of_the_latest_dated_fact_when_it_is_old(client, academy, committee):
    for index, day in enumerate([dt.date(2021, 8, 30), dt.date(2021, 7, 8)]):
        person = person_create(by=None, written_name=f"TS Người {index}")
        PositionFactory(person=person, organization=None, committee=committee, reported_on=day)

    text = text_of(client.get(f"/to-chuc/{academy.slug}/thanh-vien/"))

    assert (
        "Thành viên Ban Chỉ đạo "
        "Thông tin tính đến ngày 30/08/2021: "
        "các nguồn tin chưa có thông tin nào mới hơn về các thành viên này. "
        "2 thành viên"
    ) in text
    assert (
        "TS Người 0, Thành viên Ban Chỉ đạo 35 Học viện Chính trị khu vực IV Thành viên Ban Chỉ đạo 35 "
        "(theo tin ngày 30/08/2021)" in text
    )


def test_members_page_is_of_today_when_a_fact_is_recent(client, academy, committee, today):
    person = person_create(by=None, written_name="TS Người Mới")
    PositionFactory(person=person, organization=None, committee=committee, start_date=today)

    text = text_of(client.get(f"/to-chuc/{academy.slug}/thanh-vien/"))

    assert f"Thành viên Ban Chỉ đạo ngày {today:%d/%m/%Y}" in text
    assert "Thông tin tính đến ngày" not in text


@ROW_COUNTS
def test_members_page_query_count_does_not_grow_with_members(
    client, academy, committee, django_assert_num_queries, rows
):
    for index in range(rows):
        person = person_create(by=None, written_name=f"TS Người {index}")
        PositionFactory(
            person=person, organization=None, committee=committee, reported_on=dt.date(2021, 8, 30)
        )
        PositionFactory(person=person, organization=academy, start_date=dt.date(2020, 1, 1))

    # Organisation, the members' count, the latest dated facts, the members, their positions and
    # the former names of those positions' bodies (an organisation and a committee's).
    with django_assert_num_queries(7):
        response = client.get(f"/to-chuc/{academy.slug}/thanh-vien/")

    assert text_of(response).count("(theo tin ngày 30/08/2021)") == rows


def test_teams_show_their_current_members_and_founding_decision(client, academy, committee):
    decision = DecisionFactory(
        issuer_committee=committee,
        number="05-QĐ/BCĐ35",
        title="Quyết định thành lập Tổ thư ký",
        slug="qd-05",
        issued_on=dt.date(2021, 4, 2),
    )
    team = TeamFactory(committee=committee, name="Tổ thư ký", founding_decision=decision)
    TeamFactory(
        committee=committee, name="Tổ biên tập", kind=TeamKind.ADVISORY, dissolved_on=dt.date(2022, 1, 1)
    )
    leader = person_create(by=None, written_name="ThS Võ Thị Lan")
    PositionFactory(
        person=leader, role=Role.TEAM_LEADER, organization=None, team=team, reported_on=dt.date(2021, 5, 14)
    )

    page = html_of(client.get(academy.get_absolute_url()))
    text = text_of(client.get(academy.get_absolute_url()))

    assert f'id="to-{team.pk}"' in page
    assert (
        "Tổ thư ký Thành lập theo: 05-QĐ/BCĐ35: Quyết định thành lập Tổ thư ký "
        "Thành viên (thông tin tính đến ngày 14/05/2021) "
        "ThS Võ Thị Lan, Tổ trưởng Tổ thư ký Ban Chỉ đạo 35 Học viện Chính trị khu vực IV "
        "Tổ trưởng Tổ thư ký Ban Chỉ đạo 35 (theo tin ngày 14/05/2021)"
    ) in text
    assert 'Thành lập theo: <a href="/van-ban/quyet-dinh/qd-05/">' in page
    assert "Tổ biên tập" not in text


def test_organisation_page_lists_decisions_of_the_organisation_and_of_its_committees(
    client, academy, committee
):
    DecisionFactory(
        issuer_committee=committee, title="Quyết định của Ban Chỉ đạo", issued_on=dt.date(2024, 5, 6)
    )
    DecisionFactory(
        issuer_committee=None,
        issuer_organization=academy,
        title="Quyết định của Học viện",
        number="7-QĐ/HV4",
        issued_on=dt.date(2023, 1, 2),
    )
    DecisionFactory(title="Quyết định của nơi khác")

    text = text_of(client.get(academy.get_absolute_url()))

    assert (
        "Quyết định Quyết định của Ban Chỉ đạo 06/05/2024 Quyết định của Học viện 7-QĐ/HV4 · 02/01/2023 "
        "Tất cả văn bản do tổ chức này ban hành"
    ) in text
    assert "nơi khác" not in text
    assert '<a href="/van-ban/?co_quan=hoc-vien-chinh-tri-khu-vuc-iv">' in html_of(
        client.get(academy.get_absolute_url())
    )


def organisation_with(rows: int):
    """An organisation with `rows` of everything its page shows."""
    organization = OrganizationFactory(region=RegionFactory(), province=ProvinceFactory())
    for index in range(rows):
        organization_rename(
            by=None,
            organization=organization,
            new_name=f"Học viện mới {index}",
            on=dt.date(2000 + index, 1, 1),
        )
        OrganizationFactory(parent=organization, kind=OrganizationKind.UNIT)
        predecessor = OrganizationFactory()
        organization_close(
            by=None,
            organization=predecessor,
            kind=OrganizationChangeKind.MERGED,
            on=dt.date(2024, 1, 1),
            successors=[organization],
        )
    for _committee in range(rows):
        committee = SteeringCommitteeFactory(organization=organization, founding_decision=DecisionFactory())
        for _member in range(rows):
            person = PositionFactory(organization=None, committee=committee).person
            PositionFactory(person=person, organization=organization)
            team = TeamFactory(
                committee=committee, founding_decision=DecisionFactory(issuer_committee=committee)
            )
            PositionFactory(organization=None, team=team)
    return organization


@ROW_COUNTS
def test_organisation_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    organization = organisation_with(rows)

    # Organisation, former names, children, changes, origins, committees; the committees'
    # members, their positions and the former names of those positions' bodies (here an
    # organisation and a committee: two); teams, their members, positions and names (one
    # body kind); decisions; events (events/panels.py); agreements (agreements/panels.py);
    # news (portal/news/panels.py).
    with django_assert_num_queries(18 + 1):  # + 1: the sources
        response = client.get(organization.get_absolute_url())

    assert response.status_code == 200


# --- Person page -----------------------------------------------------------------------


@pytest.fixture
def lam(academy, committee):
    person = person_create(by=None, written_name="PGS,TS Hoàng Phúc Lâm", bio="Sinh năm 1970 tại Cần Thơ.")
    PositionFactory(
        person=person,
        role=Role.DIRECTOR,
        organization=academy,
        order=1,
        start_date=dt.date(2016, 1, 1),
        end_date=dt.date(2020, 12, 31),
    )
    PositionFactory(
        person=person,
        role=Role.DEPUTY_HEAD,
        organization=None,
        committee=committee,
        order=2,
        reported_on=dt.date(2021, 8, 30),
    )
    return person


def test_person_page_shows_name_title_line_and_bio(client, lam):
    text = text_of(client.get("/nhan-su/hoang-phuc-lam/"))

    assert (
        "PGS, TS Hoàng Phúc Lâm PGS, TS Hoàng Phúc Lâm, "
        "Phó Trưởng Ban Chỉ đạo 35 Học viện Chính trị khu vực IV (theo tin ngày 30/08/2021) "
        "Sinh năm 1970 tại Cần Thơ."
    ) in text


def test_person_page_title_line_is_of_today_when_a_position_is_current_by_its_dates(client, lam, academy):
    PositionFactory(
        person=lam, role=Role.DEPUTY_DIRECTOR, organization=academy, order=1, start_date=dt.date(2022, 1, 1)
    )

    text = text_of(client.get(lam.get_absolute_url()))

    assert (
        "PGS, TS Hoàng Phúc Lâm PGS, TS Hoàng Phúc Lâm, Phó Giám đốc Học viện Chính trị khu vực IV " in text
    )
    assert "Sinh năm" in text


def test_person_page_separates_current_and_past_positions_with_their_dates(client, lam, academy):
    organization_rename(
        by=None, organization=academy, new_name="Học viện Chính trị khu vực IV (mới)", on=dt.date(2025, 7, 1)
    )

    text = text_of(client.get(lam.get_absolute_url()))

    assert (
        "Sinh năm 1970 tại Cần Thơ. "
        "Chức vụ theo các nguồn tin "
        "Các nguồn tin chỉ cho biết ngày đưa tin, "
        "không cho biết các chức vụ này bắt đầu hay kết thúc khi nào. "
        "Phó Trưởng Ban Chỉ đạo 35 Học viện Chính trị khu vực IV theo tin ngày 30/08/2021 "
        "Chức vụ đã đảm nhiệm Giám đốc Học viện Chính trị khu vực IV "
        "Từ ngày: 01/01/2016 · Đến ngày: 31/12/2020"
    ) in text
    assert "Đến nay" not in text
    assert "Chức vụ hiện nay" not in text  # none is current by its dates: the section is left out


def test_person_page_lists_a_position_current_by_its_dates_under_the_new_name(client, lam, academy):
    PositionFactory(
        person=lam, role=Role.DEPUTY_DIRECTOR, organization=academy, start_date=dt.date(2022, 1, 1)
    )
    organization_rename(
        by=None, organization=academy, new_name="Học viện Chính trị khu vực IV (mới)", on=dt.date(2025, 7, 1)
    )

    text = text_of(client.get(lam.get_absolute_url()))

    assert (
        "Chức vụ hiện nay Phó Giám đốc Học viện Chính trị khu vực IV (mới) Từ ngày: 01/01/2022 · Đến nay "
        "Chức vụ theo các nguồn tin"
    ) in text
    assert "PGS, TS Hoàng Phúc Lâm, Phó Giám đốc Học viện Chính trị khu vực IV (mới)" in text


def test_person_page_shows_the_photo_when_there_is_one(client, lam):
    lam.photo = "people/lam.jpg"
    lam.save()

    page = html_of(client.get(lam.get_absolute_url()))

    assert (
        '<img class="person-header__photo" src="/media/people/lam.jpg" alt="PGS, TS Hoàng Phúc Lâm"' in page
    )


def test_unknown_person_is_a_404(client):
    assert client.get("/nhan-su/khong-co/").status_code == 404


@ROW_COUNTS
def test_person_page_query_count_does_not_grow_with_positions(client, django_assert_num_queries, rows):
    person = person_create(by=None, written_name="TS Nguyễn Văn An")
    for _index in range(rows):
        organization = OrganizationFactory()
        committee = SteeringCommitteeFactory(organization=organization)
        PositionFactory(person=person, organization=organization, end_date=dt.date(2020, 1, 1))
        PositionFactory(person=person, organization=None, committee=committee, start_date=dt.date(2021, 1, 1))
        PositionFactory(
            person=person,
            organization=None,
            team=TeamFactory(committee=committee),
            reported_on=dt.date(2021, 8, 30),
        )

    # Person, positions, and the names of the positions' bodies (organisation, committee, team);
    # events (events/panels.py); news (portal/news/panels.py).
    with django_assert_num_queries(7 + 1):  # + 1: the sources
        response = client.get(person.get_absolute_url())

    assert text_of(response).count("Từ ngày:") == 2 * rows
    assert text_of(response).count("theo tin ngày 30/08/2021") == rows


# --- Documents -------------------------------------------------------------------------


@pytest.fixture
def documents(academy, committee):
    """Two decisions of the academy (one through its committee), one of another school,
    and two Party documents."""
    other = OrganizationFactory(name="Trường Chính trị tỉnh Sóc Trăng", slug="tct-soc-trang")
    return {
        "team": DecisionFactory(
            issuer_committee=committee,
            number="12-QĐ/BCĐ35",
            issued_on=dt.date(2021, 8, 25),
            kind=DecisionKind.FOUND_TEAM,
            title="Quyết định thành lập Tổ thư ký",
            slug="qd-12",
        ),
        "commend": DecisionFactory(
            issuer_committee=None,
            issuer_organization=academy,
            number="30-QĐ/HV4",
            issued_on=dt.date(2024, 12, 20),
            kind=DecisionKind.COMMEND,
            title="Quyết định khen thưởng",
            slug="qd-30",
        ),
        "other": DecisionFactory(
            issuer_committee=SteeringCommitteeFactory(organization=other),
            number="2-QĐ/BCĐ35",
            issued_on=dt.date(2021, 3, 1),
            kind=DecisionKind.FOUND_TEAM,
            title="Quyết định của Sóc Trăng",
            slug="qd-2",
        ),
        "nq35": LegalDocumentFactory(
            number="35-NQ/TW",
            doc_type=LegalDocumentType.RESOLUTION,
            issued_on=dt.date(2018, 10, 22),
            issuer="Bộ Chính trị",
            term="khóa XII",
            title="Về tăng cường bảo vệ nền tảng tư tưởng của Đảng",
            slug="nq-35",
        ),
        "kl": LegalDocumentFactory(
            number="01-KL/TW",
            doc_type=LegalDocumentType.CONCLUSION,
            issued_on=dt.date(2021, 5, 18),
            issuer="Ban Bí thư",
            title="Kết luận về tiếp tục thực hiện",
            slug="kl-01",
        ),
    }


def listed_titles(response) -> list[str]:
    page = html_of(response)
    return re.findall(r'<td data-label="Tiêu đề"><a href="[^"]+">([^<]+)</a></td>', page)


def test_documents_list_both_kinds_newest_first_with_number_date_issuer_and_kind(client, documents):
    response = client.get("/van-ban/")
    text = text_of(response)

    assert listed_titles(response) == [
        "Quyết định khen thưởng",
        "Quyết định thành lập Tổ thư ký",
        "Kết luận về tiếp tục thực hiện",
        "Quyết định của Sóc Trăng",
        "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng",
    ]
    assert (
        "30-QĐ/HV4 20/12/2024 Quyết định khen thưởng Học viện Chính trị khu vực IV Quyết định – khen thưởng "
        "12-QĐ/BCĐ35 25/08/2021 Quyết định thành lập Tổ thư ký Ban Chỉ đạo 35 Học viện Chính trị khu vực IV "
        "Quyết định – thành lập tổ, bộ phận"
    ) in text
    assert (
        "35-NQ/TW 22/10/2018 Về tăng cường bảo vệ nền tảng tư tưởng của Đảng Bộ Chính trị khóa XII Nghị quyết"
    ) in text
    assert "Số văn bản tìm thấy: 5" in text


def test_documents_filtered_by_an_organisation_include_its_committees_decisions(client, documents):
    response = client.get("/van-ban/", {"co_quan": "hoc-vien-chinh-tri-khu-vuc-iv"})

    assert listed_titles(response) == ["Quyết định khen thưởng", "Quyết định thành lập Tổ thư ký"]


def test_documents_filtered_by_a_body_written_on_legal_documents(client, documents):
    response = client.get("/van-ban/", {"co_quan": "bo-chinh-tri"})

    assert listed_titles(response) == ["Về tăng cường bảo vệ nền tảng tư tưởng của Đảng"]


def test_documents_filtered_by_kind_of_decision(client, documents):
    response = client.get("/van-ban/", {"loai": "qd-found_team"})

    assert listed_titles(response) == ["Quyết định thành lập Tổ thư ký", "Quyết định của Sóc Trăng"]


def test_documents_filtered_by_type_of_legal_document(client, documents):
    response = client.get("/van-ban/", {"loai": "vk-conclusion"})

    assert listed_titles(response) == ["Kết luận về tiếp tục thực hiện"]


def test_documents_filtered_by_all_decisions_leave_out_legal_documents(client, documents):
    response = client.get("/van-ban/", {"loai": "qd"})

    assert listed_titles(response) == [
        "Quyết định khen thưởng",
        "Quyết định thành lập Tổ thư ký",
        "Quyết định của Sóc Trăng",
    ]


def test_documents_filtered_by_year_include_both_kinds(client, documents):
    response = client.get("/van-ban/", {"nam": "2021"})

    assert listed_titles(response) == [
        "Quyết định thành lập Tổ thư ký",
        "Kết luận về tiếp tục thực hiện",
        "Quyết định của Sóc Trăng",
    ]


def test_documents_filters_combine(client, documents):
    response = client.get("/van-ban/", {"nam": "2021", "co_quan": "tct-soc-trang", "loai": "qd-found_team"})

    assert listed_titles(response) == ["Quyết định của Sóc Trăng"]


def test_documents_with_no_match_say_so(client, documents):
    text = text_of(client.get("/van-ban/", {"nam": "1999"}))

    assert "Không có văn bản nào phù hợp với bộ lọc." in text


def test_a_bad_year_is_a_translated_form_error_not_a_server_error(client, documents):
    response = client.get("/van-ban/", {"nam": "abc"})

    assert response.status_code == 200
    page = html_of(response)
    assert (
        '<ul class="errorlist" id="id_nam_error"><li>Nhập năm gồm bốn chữ số, ví dụ 2025.</li></ul>' in page
    )
    assert 'aria-invalid="true"' in page
    assert "Hãy sửa bộ lọc ở trên để xem văn bản." in page
    assert listed_titles(response) == []


def test_an_unknown_kind_or_issuer_is_a_translated_form_error(client, documents):
    page = html_of(client.get("/van-ban/", {"loai": "bogus", "co_quan": "khong-co"}))

    assert "<li>Hãy chọn loại văn bản trong danh sách.</li>" in page
    assert "<li>Hãy chọn cơ quan ban hành trong danh sách.</li>" in page


def test_documents_are_paginated_and_page_links_keep_the_filters(client, documents, monkeypatch):
    monkeypatch.setattr(views, "DOCUMENTS_PER_PAGE", 2)

    first = client.get("/van-ban/", {"nam": "2021"})
    second = client.get("/van-ban/", {"nam": "2021", "trang": "2"})

    assert listed_titles(first) == ["Quyết định thành lập Tổ thư ký", "Kết luận về tiếp tục thực hiện"]
    assert '<a rel="next" href="?nam=2021&amp;trang=2">Trang sau</a>' in html_of(first)
    assert "Trang 1/2" in text_of(first)
    assert listed_titles(second) == ["Quyết định của Sóc Trăng"]


@ROW_COUNTS
def test_documents_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    for _index in range(rows):
        DecisionFactory(issued_on=dt.date(2024, 1, 1))
        DecisionFactory(issuer_committee=None, issuer_organization=OrganizationFactory())
        LegalDocumentFactory(issued_on=dt.date(2020, 1, 1))

    # Issuers (organisations, written bodies), count, one page of the index, its decisions,
    # its legal documents.
    with django_assert_num_queries(6):
        response = client.get("/van-ban/")

    assert len(listed_titles(response)) == 3 * rows


@ROW_COUNTS
def test_documents_with_a_bad_filter_read_only_the_issuers(client, django_assert_num_queries, rows):
    for _index in range(rows):
        DecisionFactory()
        LegalDocumentFactory()

    with django_assert_num_queries(2):
        response = client.get("/van-ban/", {"nam": "abc"})

    assert response.status_code == 200


# --- Decision and legal document pages -------------------------------------------------


@pytest.fixture
def signed_decision(academy, committee):
    signer = person_create(by=None, written_name="PGS,TS Nguyễn Văn Hùng")
    PositionFactory(
        person=signer,
        role=Role.DEPUTY_HEAD,
        organization=None,
        committee=committee,
        start_date=dt.date(2019, 3, 1),
        end_date=dt.date(2022, 12, 31),
    )
    PositionFactory(
        person=signer, role=Role.HEAD, organization=None, committee=committee, start_date=dt.date(2023, 1, 1)
    )
    decision = DecisionFactory(
        issuer_committee=committee,
        number="12-QĐ/BCĐ35",
        issued_on=dt.date(2021, 8, 25),
        kind=DecisionKind.FOUND_TEAM,
        title="Quyết định thành lập Tổ thư ký và Ban Biên tập",
        slug="qd-12-2021",
        signer=signer,
        summary="Thành lập Tổ thư ký giúp việc Ban Chỉ đạo 35.",
    )
    TeamFactory(committee=committee, name="Tổ thư ký", founding_decision=decision)
    SteeringCommitteeFactory(
        organization=OrganizationFactory(name="Trường Chính trị tỉnh Cà Mau"), founding_decision=decision
    )
    organization_rename(
        by=None, organization=academy, new_name="Học viện Chính trị khu vực IV (mới)", on=dt.date(2025, 7, 1)
    )
    return decision


def test_decision_page_shows_number_date_issuer_signer_kind_and_summary(client, signed_decision):
    text = text_of(client.get("/van-ban/quyet-dinh/qd-12-2021/"))

    assert (
        "Quyết định – thành lập tổ, bộ phận Quyết định thành lập Tổ thư ký và Ban Biên tập "
        "Số, ký hiệu 12-QĐ/BCĐ35 Ngày ban hành 25/08/2021 "
        "Cơ quan ban hành Ban Chỉ đạo 35 Học viện Chính trị khu vực IV "
        "Người ký PGS, TS Nguyễn Văn Hùng, Phó Trưởng Ban Chỉ đạo 35 Học viện Chính trị khu vực IV "
        "Loại Thành lập tổ, bộ phận "
        "Tóm tắt Thành lập Tổ thư ký giúp việc Ban Chỉ đạo 35."
    ) in text


def test_decision_page_links_what_it_founded(client, signed_decision, academy):
    team = signed_decision.founded_teams.get()

    page = html_of(client.get(signed_decision.get_absolute_url()))

    assert (
        f'<li><a href="/to-chuc/hoc-vien-chinh-tri-khu-vuc-iv/#to-{team.pk}">'
        "Tổ thư ký – Ban Chỉ đạo 35 Học viện Chính trị khu vực IV (mới)</a></li>"
    ) in page
    assert ">Ban Chỉ đạo 35 Trường Chính trị tỉnh Cà Mau</a></li>" in page


def test_decision_page_links_the_pdf_file_when_there_is_one(client, signed_decision):
    signed_decision.file = "decisions/0123abcd.pdf"
    signed_decision.save()

    page = html_of(client.get(signed_decision.get_absolute_url()))

    assert (
        '<a class="button" href="/media/decisions/0123abcd.pdf" type="application/pdf">Tải tệp PDF</a>'
        in page
    )


def test_decision_without_number_date_or_file_says_so_once(client):
    decision = DecisionFactory(number="", issued_on=None, kind=DecisionKind.COMMEND)

    text = text_of(client.get(decision.get_absolute_url()))

    assert "Loại Khen thưởng Chưa rõ ngày, số hiệu" in text
    assert "Số, ký hiệu" not in text
    assert "Ngày ban hành" not in text
    assert "không rõ" not in text
    assert "Quyết định này chưa có tệp đính kèm." in text


def test_decision_without_a_number_says_only_that(client):
    decision = DecisionFactory(number="", issued_on=dt.date(2021, 5, 4), kind=DecisionKind.COMMEND)

    text = text_of(client.get(decision.get_absolute_url()))

    assert "Ngày ban hành 04/05/2021" in text
    assert "Loại Khen thưởng Chưa rõ số hiệu" in text
    assert "Số, ký hiệu" not in text


def test_unknown_decision_is_a_404(client):
    assert client.get("/van-ban/quyet-dinh/khong-co/").status_code == 404


@ROW_COUNTS
def test_decision_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    committee = SteeringCommitteeFactory()
    signer = person_create(by=None, written_name="TS Nguyễn Văn Ký")
    decision = DecisionFactory(issuer_committee=committee, signer=signer, issued_on=dt.date(2024, 1, 1))
    for _index in range(rows):
        PositionFactory(person=signer, organization=None, committee=committee)
        PositionFactory(person=signer)
        PositionFactory(person=signer, organization=None, team=TeamFactory(committee=committee))
        TeamFactory(committee=committee, founding_decision=decision)
        SteeringCommitteeFactory(founding_decision=decision)

    # Decision with its issuer, the issuer's former names, signer, the signer's positions
    # and their bodies' names (organisation, committee, team), founded committees, founded teams;
    # events (events/panels.py); news (portal/news/panels.py).
    with django_assert_num_queries(11 + 1):  # + 1: the sources
        response = client.get(decision.get_absolute_url())

    assert response.status_code == 200


def test_legal_document_page_shows_citation_abstract_and_official_source(client):
    LegalDocumentFactory(
        number="35-NQ/TW",
        doc_type=LegalDocumentType.RESOLUTION,
        issued_on=dt.date(2018, 10, 22),
        issuer="Bộ Chính trị",
        term="khóa XII",
        title="Về tăng cường bảo vệ nền tảng tư tưởng của Đảng",
        slug="nq-35",
        abstract="Đấu tranh phản bác các quan điểm sai trái, thù địch.",
        source_url="https://tulieuvankien.dangcongsan.vn/nq-35",
    )

    response = client.get("/van-ban/van-kien/nq-35/")
    text = text_of(response)

    assert (
        "Nghị quyết Về tăng cường bảo vệ nền tảng tư tưởng của Đảng "
        "Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị khóa XII "
        "Trích yếu Đấu tranh phản bác các quan điểm sai trái, thù địch."
    ) in text
    assert (
        '<a href="https://tulieuvankien.dangcongsan.vn/nq-35" rel="noopener">Xem tại nguồn chính thức</a>'
        in (html_of(response))
    )


def test_legal_document_page_links_the_pdf_file_when_there_is_one(client):
    document = LegalDocumentFactory(file="legal-documents/abcd.pdf")

    page = html_of(client.get(document.get_absolute_url()))

    assert (
        '<a class="button" href="/media/legal-documents/abcd.pdf" type="application/pdf">Tải tệp PDF</a>'
        in page
    )


def test_unknown_legal_document_is_a_404(client):
    assert client.get("/van-ban/van-kien/khong-co/").status_code == 404


@ROW_COUNTS
def test_legal_document_page_reads_a_fixed_number_of_queries(client, django_assert_num_queries, rows):
    documents = [LegalDocumentFactory() for _index in range(rows)]

    # The document, the decisions citing it, and the events (events/panels.py) and agreements
    # (agreements/panels.py) implementing it.
    with django_assert_num_queries(4 + 1):  # + 1: the sources
        response = client.get(documents[-1].get_absolute_url())

    assert response.status_code == 200


# --- Legal document page ----------------------------------------------------------------


def test_legal_document_page_lists_the_decisions_citing_it_latest_first(client, committee):
    resolution = LegalDocumentFactory(
        number="35-NQ/TW", doc_type=LegalDocumentType.RESOLUTION, slug="nghi-quyet-35"
    )
    older = DecisionFactory(
        issuer_committee=committee, number="05-QĐ/BCĐ35", issued_on=dt.date(2019, 3, 1), title="Thành lập Ban"
    )
    newer = DecisionFactory(issuer_committee=committee, number="", issued_on=None, title="Ban hành Quy chế")
    latest = DecisionFactory(
        issuer_committee=committee, number="12-QĐ/BCĐ35", issued_on=dt.date(2021, 5, 4), title="Thành lập Tổ"
    )
    DecisionFactory(issuer_committee=committee, title="Không căn cứ")
    for decision in (older, newer, latest):
        decision.legal_documents.add(resolution)

    text = text_of(client.get("/van-ban/van-kien/nghi-quyet-35/"))

    assert (
        "Các quyết định căn cứ văn bản này "
        "Thành lập Tổ 12-QĐ/BCĐ35 · 04/05/2021 · Ban Chỉ đạo 35 Học viện Chính trị khu vực IV "
        "Thành lập Ban 05-QĐ/BCĐ35 · 01/03/2019 · Ban Chỉ đạo 35 Học viện Chính trị khu vực IV "
        "Ban hành Quy chế Ban Chỉ đạo 35 Học viện Chính trị khu vực IV"
    ) in text
    assert "Không căn cứ" not in text


def test_legal_document_page_without_citing_records_has_no_such_sections(client):
    LegalDocumentFactory(slug="nghi-quyet-35")

    text = text_of(client.get("/van-ban/van-kien/nghi-quyet-35/"))

    assert "căn cứ văn bản này" not in text
    assert "triển khai văn bản này" not in text


# --- Unknown values --------------------------------------------------------------------


def test_documents_list_leaves_an_unknown_date_or_number_out_and_says_both_once(client, committee):
    DecisionFactory(issuer_committee=committee, number="", issued_on=None, title="Không số, không ngày")
    DecisionFactory(issuer_committee=committee, number="", issued_on=dt.date(2021, 5, 4), title="Không số")
    DecisionFactory(issuer_committee=committee, number="07-QĐ/BCĐ35", issued_on=None, title="Không ngày")

    response = client.get("/van-ban/")
    page = html_of(response)

    assert (
        '<td data-label="Số, ký hiệu"></td>\n'
        '      <td data-label="Ngày"><time datetime="2021-05-04">04/05/2021</time></td>'
    ) in page
    assert '<td data-label="Số, ký hiệu">07-QĐ/BCĐ35</td>\n      <td data-label="Ngày"></td>' in page
    assert text_of(response).count("Chưa rõ ngày, số hiệu") == 1
    assert "không rõ" not in text_of(response)


def test_organisation_page_leaves_an_unknown_decision_date_out(client, academy, committee):
    DecisionFactory(issuer_committee=committee, number="", issued_on=None, title="Quyết định không ngày")
    DecisionFactory(issuer_committee=committee, number="05-QĐ", issued_on=None, title="Quyết định có số")

    text = text_of(client.get(academy.get_absolute_url()))

    assert "Quyết định có số 05-QĐ Quyết định không ngày Tất cả văn bản do tổ chức này ban hành" in text
    assert "không rõ" not in text


def test_person_page_names_a_party_committee_after_its_academys_new_name(client, academy):
    """The Party committee's own record still reads the academy's old name; after the academy's
    rename the page names it as title lines do, "Đảng ủy" and the academy's name of the day."""
    party = OrganizationFactory(
        name="Đảng ủy Học viện Chính trị khu vực IV",
        short_name="Đảng ủy",
        kind=OrganizationKind.PARTY_COMMITTEE,
        parent=academy,
    )
    khanh = person_create(by=None, written_name="TS Phan Công Khanh")
    PositionFactory(person=khanh, role=Role.SECRETARY, organization=party, start_date=dt.date(2020, 1, 1))
    organization_rename(
        by=None, organization=academy, new_name="Học viện Chính trị khu vực IV (mới)", on=dt.date(2025, 7, 1)
    )

    text = text_of(client.get(khanh.get_absolute_url()))

    assert (
        "TS Phan Công Khanh, Bí thư Đảng ủy Học viện Chính trị khu vực IV (mới) "
        "Chức vụ hiện nay Bí thư Đảng ủy Học viện Chính trị khu vực IV (mới) Từ ngày: 01/01/2020 · Đến nay"
    ) in text
