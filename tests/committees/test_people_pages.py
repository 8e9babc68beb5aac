"""The people index (/nhan-su/) and role pages (/nhan-su/chuc-vu/<organisation>/<role>/)."""

import datetime as dt

import pytest

from committees.models import OrganizationKind, Role
from committees.services import person_create
from tests.committees.factories import (
    OrganizationFactory,
    PositionFactory,
    SteeringCommitteeFactory,
    TeamFactory,
)
from tests.pages import html_of, text_of
from tests.sitemaps import all_locations

pytestmark = pytest.mark.django_db

ROW_COUNTS = pytest.mark.parametrize("rows", [1, 5])


@pytest.fixture
def academy():
    return OrganizationFactory(
        name="Học viện Chính trị khu vực II", slug="hvct-kv2", kind=OrganizationKind.REGIONAL_ACADEMY
    )


@pytest.fixture
def committee(academy):
    return SteeringCommitteeFactory(organization=academy, slug="bcd35-kv2")


@pytest.fixture
def people(academy, committee):
    """Three people: a head of the committee today, one before him, and one at another academy."""
    lam = person_create(by=None, written_name="PGS,TS Hoàng Phúc Lâm")
    PositionFactory(
        person=lam,
        role=Role.HEAD,
        organization=None,
        committee=committee,
        start_date=dt.date(2021, 3, 1),
    )
    an = person_create(by=None, written_name="TS Nguyễn Văn An")
    PositionFactory(
        person=an,
        role=Role.HEAD,
        organization=None,
        committee=committee,
        start_date=dt.date(2016, 1, 1),
        end_date=dt.date(2021, 2, 28),
    )
    PositionFactory(person=an, role=Role.DIRECTOR, organization=academy)
    other = OrganizationFactory(name="Học viện Báo chí và Tuyên truyền", slug="hvbctt")
    binh = person_create(by=None, written_name="ThS Đặng Thị Bình")
    PositionFactory(person=binh, role=Role.DEPUTY_DIRECTOR, organization=other)
    return lam, an, binh


def names(response) -> list[str]:
    html = html_of(response)
    return [part.split(">", 1)[1].split("</a>", 1)[0] for part in html.split('class="people-list__name"')[1:]]


# --- People index ----------------------------------------------------------------------


def test_people_index_lists_everyone_by_name_with_today_s_positions(client, people):
    response = client.get("/nhan-su/")

    assert names(response) == ["ThS Đặng Thị Bình", "PGS, TS Hoàng Phúc Lâm", "TS Nguyễn Văn An"]
    assert (
        "PGS, TS Hoàng Phúc Lâm Trưởng Ban Chỉ đạo 35 Học viện Chính trị khu vực II "
        "TS Nguyễn Văn An Giám đốc Học viện Chính trị khu vực II"
    ) in text_of(response)


@pytest.mark.parametrize("query", ["hoang lam", "Hoàng Lâm", "HOANG phuc", "lâm"])
def test_people_index_search_ignores_diacritics_and_case(client, people, query):
    response = client.get("/nhan-su/", {"q": query})

    assert names(response)[0].replace("<mark>", "").replace("</mark>", "") == "PGS, TS Hoàng Phúc Lâm"
    assert len(names(response)) == 1


def test_people_index_search_finds_the_start_of_a_word_and_highlights_it(client, people):
    response = client.get("/nhan-su/", {"q": "dang"})

    assert names(response) == ["ThS <mark>Đặng</mark> Thị Bình"]


def test_people_index_filters_by_organisation_through_its_committee(client, people, academy):
    response = client.get("/nhan-su/", {"to_chuc": academy.slug})

    assert names(response) == ["PGS, TS Hoàng Phúc Lâm", "TS Nguyễn Văn An"]
    assert '<option value="hvct-kv2" selected>Học viện Chính trị khu vực II</option>' in html_of(response)


def test_people_index_says_nobody_matches(client, people):
    text = text_of(client.get("/nhan-su/", {"q": "tran"}))

    assert "Không có ai khớp với các bộ lọc này." in text


def test_people_index_refuses_an_unknown_organisation_with_a_clear_error(client, people):
    response = client.get("/nhan-su/", {"to_chuc": "khong-co"})

    assert response.status_code == 200
    assert "Chọn một đơn vị trong danh sách." in text_of(response)
    assert names(response) == []


def test_people_index_refuses_an_overlong_name_with_a_clear_error(client, people):
    response = client.get("/nhan-su/", {"q": "lam " * 60})

    assert response.status_code == 200
    assert "Nhập tối đa 200 ký tự." in text_of(response)
    assert names(response) == []


def test_people_index_is_paginated(client, people, monkeypatch):
    monkeypatch.setattr("committees.views.PEOPLE_PER_PAGE", 2)

    response = client.get("/nhan-su/", {"trang": 2})

    assert names(response) == ["TS Nguyễn Văn An"]
    assert "Trang 2/2" in text_of(response)


def test_people_index_is_in_the_main_navigation(client):
    assert '<a href="/nhan-su/" aria-current="page">' in html_of(client.get("/nhan-su/"))


def test_person_page_s_breadcrumbs_lead_back_to_the_people_index(client, people):
    lam, _an, _binh = people

    page = html_of(client.get(lam.get_absolute_url()))

    assert (
        '<li><a href="/nhan-su/">Nhân sự</a></li>\n    <li aria-current="page">PGS, TS Hoàng Phúc Lâm</li>'
    ) in page


@ROW_COUNTS
def test_people_index_query_count_does_not_grow_with_people(client, django_assert_num_queries, rows):
    for index in range(rows):
        organization = OrganizationFactory()
        committee = SteeringCommitteeFactory(organization=organization)
        person = person_create(by=None, written_name=f"Nguyễn Văn {index}")
        PositionFactory(person=person, organization=organization)
        PositionFactory(person=person, organization=None, committee=committee)
        PositionFactory(person=person, organization=None, team=TeamFactory(committee=committee))

    # The organisations of the filter (cached), the count, the page, positions, and the former
    # names of the positions' bodies (organisation, committee, team).
    with django_assert_num_queries(7):
        response = client.get("/nhan-su/", {"q": "nguyen"})

    assert len(names(response)) == rows


# --- Role pages ------------------------------------------------------------------------


def test_role_page_lists_the_current_holder_then_the_previous_with_their_dates(client, people):
    response = client.get("/nhan-su/chuc-vu/hvct-kv2/truong-ban-chi-dao-35/")

    assert text_of(response).split("Trưởng Ban Chỉ đạo 35 Học viện Chính trị khu vực II", 2)[2].strip() == (
        "Học viện Chính trị khu vực II "
        "Người đang đảm nhiệm PGS, TS Hoàng Phúc Lâm từ 01/03/2021 "
        "Những người tiền nhiệm TS Nguyễn Văn An 01/01/2016 – 28/02/2021"
    )


def test_role_page_lists_holders_without_dates_apart_and_says_so_once(client, people):
    response = client.get("/nhan-su/chuc-vu/hvct-kv2/giam-doc/")

    text = text_of(response)
    assert "Người đang đảm nhiệm" not in text
    assert (
        "Giám đốc Học viện Chính trị khu vực II Học viện Chính trị khu vực II "
        "Những người giữ chức vụ chưa rõ thời gian "
        "Nguồn tin nêu tên họ ở chức vụ này nhưng không cho biết từ khi nào, đến khi nào. "
        "TS Nguyễn Văn An"
    ) in text
    assert "không rõ" not in text.lower()


def test_role_page_says_when_no_current_holder_is_recorded(client, committee):
    PositionFactory(
        role=Role.HEAD,
        organization=None,
        committee=committee,
        start_date=dt.date(2016, 1, 1),
        end_date=dt.date(2021, 2, 28),
    )

    text = text_of(client.get("/nhan-su/chuc-vu/hvct-kv2/truong-ban-chi-dao-35/"))

    assert (
        "Người đang đảm nhiệm Nguồn tin chưa cho biết người đang giữ chức vụ kèm thời gian. "
        "Những người tiền nhiệm Nguyễn Văn"
    ) in text


def test_unknown_role_is_a_404(client, people):
    assert client.get("/nhan-su/chuc-vu/hvct-kv2/bi-thu/").status_code == 404
    assert client.get("/nhan-su/chuc-vu/khong-co/giam-doc/").status_code == 404


def test_person_page_links_each_position_to_its_role_page(client, people):
    _lam, an, _binh = people

    page = html_of(client.get(an.get_absolute_url()))

    assert '<a href="/nhan-su/chuc-vu/hvct-kv2/giam-doc/">Giám đốc Học viện Chính trị khu vực II</a>' in page
    assert '<a href="/nhan-su/chuc-vu/hvct-kv2/truong-ban-chi-dao-35/">' in page


def test_committee_members_page_links_each_member_s_role(client, people, academy):
    page = html_of(client.get(f"/to-chuc/{academy.slug}/thanh-vien/"))

    assert (
        '<a class="member-list__role" href="/nhan-su/chuc-vu/hvct-kv2/truong-ban-chi-dao-35/">'
        "Trưởng Ban Chỉ đạo 35</a>"
    ) in page


def test_team_and_party_committee_roles_have_pages_under_their_home_organisation(client, academy, committee):
    person = person_create(by=None, written_name="Trần Văn Cường")
    team = TeamFactory(committee=committee, name="Tổ Thư ký")
    party = OrganizationFactory(
        name="Đảng ủy Học viện Chính trị khu vực II",
        short_name="Đảng ủy",
        kind=OrganizationKind.PARTY_COMMITTEE,
        parent=academy,
    )
    PositionFactory(person=person, role=Role.TEAM_LEADER, organization=None, team=team)
    PositionFactory(person=person, role=Role.DEPUTY_SECRETARY, organization=party)

    team_page = text_of(client.get("/nhan-su/chuc-vu/hvct-kv2/to-truong-to-thu-ky-ban-chi-dao-35/"))
    party_page = text_of(client.get("/nhan-su/chuc-vu/hvct-kv2/pho-bi-thu-dang-uy/"))

    assert "Tổ trưởng Tổ Thư ký Ban Chỉ đạo 35 Học viện Chính trị khu vực II" in team_page
    assert "Phó Bí thư Đảng ủy Học viện Chính trị khu vực II" in party_page


@ROW_COUNTS
def test_role_page_query_count_does_not_grow_with_holders(client, committee, django_assert_num_queries, rows):
    for index in range(rows):
        PositionFactory(
            role=Role.HEAD,
            organization=None,
            committee=committee,
            start_date=dt.date(2000 + index, 1, 1),
            end_date=dt.date(2000 + index, 12, 31),
        )

    # The organisation, its former names, the positions with their people, and the former
    # names of the positions' bodies (a committee).
    with django_assert_num_queries(4):
        response = client.get("/nhan-su/chuc-vu/hvct-kv2/truong-ban-chi-dao-35/")

    assert text_of(response).count("/12/") == rows


def test_sitemap_lists_the_people_index_and_each_role_once(client, people):
    locations = all_locations(client)

    assert locations.count("http://testserver/nhan-su/") == 1
    assert [location for location in locations if "/chuc-vu/" in location] == [
        "http://testserver/nhan-su/chuc-vu/hvct-kv2/truong-ban-chi-dao-35/",
        "http://testserver/nhan-su/chuc-vu/hvct-kv2/giam-doc/",
        "http://testserver/nhan-su/chuc-vu/hvbctt/pho-giam-doc/",
    ]
