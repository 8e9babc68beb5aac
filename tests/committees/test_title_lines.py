import datetime as dt

import pytest

from committees.models import OrganizationKind, Role
from committees.selectors import PersonLine, people_with_positions, person_line_now, person_title_line
from committees.services import organization_rename, person_create
from tests.committees.factories import OrganizationFactory, PositionFactory, SteeringCommitteeFactory

pytestmark = pytest.mark.django_db

EVENT_DAY = dt.date(2021, 8, 25)


@pytest.fixture
def academy():
    return OrganizationFactory(
        name="Học viện Chính trị quốc gia Hồ Chí Minh", kind=OrganizationKind.NATIONAL_ACADEMY
    )


@pytest.fixture
def lam(academy):
    """PGS,TS Hoàng Phúc Lâm as article 000 presents him on 25/08/2021."""
    party = OrganizationFactory(
        name="Đảng ủy Học viện Chính trị quốc gia Hồ Chí Minh",
        short_name="Đảng ủy",
        kind=OrganizationKind.PARTY_COMMITTEE,
        parent=academy,
    )
    committee = SteeringCommitteeFactory(organization=academy)
    person = person_create(by=None, written_name="PGS,TS Hoàng Phúc Lâm")
    PositionFactory(person=person, role=Role.DEPUTY_SECRETARY, organization=party, order=1)
    PositionFactory(
        person=person,
        role=Role.DEPUTY_DIRECTOR,
        organization=academy,
        order=2,
        start_date=dt.date(2016, 1, 1),
        end_date=dt.date(2024, 12, 31),
    )
    PositionFactory(
        person=person,
        role=Role.DEPUTY_HEAD,
        organization=None,
        committee=committee,
        order=3,
        start_date=EVENT_DAY,
    )
    return person


def line(person, day):
    return person_title_line(people_with_positions().get(pk=person.pk), on=day)


def test_title_line_uses_positions_held_on_event_date(lam):
    assert line(lam, EVENT_DAY) == (
        "PGS, TS Hoàng Phúc Lâm, Phó Bí thư Đảng ủy, Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh, "
        "Phó Trưởng Ban Chỉ đạo 35"
    )


def test_title_line_before_a_position_starts_leaves_it_out(lam):
    assert line(lam, dt.date(2021, 8, 24)) == (
        "PGS, TS Hoàng Phúc Lâm, Phó Bí thư Đảng ủy, Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh"
    )


def test_title_line_after_a_position_ends_names_the_organisation_once_at_the_end(lam):
    assert line(lam, dt.date(2025, 1, 1)) == (
        "PGS, TS Hoàng Phúc Lâm, Phó Bí thư Đảng ủy, "
        "Phó Trưởng Ban Chỉ đạo 35 Học viện Chính trị quốc gia Hồ Chí Minh"
    )


def test_title_line_groups_positions_by_organisation(academy):
    """Article 001's "PGS, TS. Nguyễn Quốc Dũng - Ủy viên Ban Thường vụ Đảng ủy Học viện Chính trị quốc
    gia Hồ Chí Minh, Bí thư Đảng ủy, Giám đốc Học viện Chính trị khu vực II, Trưởng Ban Chỉ đạo 35"."""
    academy_party = OrganizationFactory(
        name="Đảng ủy HV", short_name="Đảng ủy", kind="party_committee", parent=academy
    )
    region_two = OrganizationFactory(name="Học viện Chính trị khu vực II", parent=academy)
    region_party = OrganizationFactory(
        name="Đảng ủy KV II", short_name="Đảng ủy", kind="party_committee", parent=region_two
    )
    committee = SteeringCommitteeFactory(organization=region_two)
    dung = person_create(by=None, written_name="PGS, TS. Nguyễn Quốc Dũng")
    PositionFactory(person=dung, role=Role.STANDING_COMMITTEE_MEMBER, organization=academy_party, order=1)
    PositionFactory(person=dung, role=Role.SECRETARY, organization=region_party, order=2)
    PositionFactory(person=dung, role=Role.DIRECTOR, organization=region_two, order=3)
    PositionFactory(person=dung, role=Role.HEAD, organization=None, committee=committee, order=4)

    assert line(dung, dt.date(2021, 5, 13)) == (
        "PGS, TS Nguyễn Quốc Dũng, Ủy viên Ban Thường vụ Đảng ủy Học viện Chính trị quốc gia Hồ Chí Minh, "
        "Bí thư Đảng ủy, Giám đốc Học viện Chính trị khu vực II, Trưởng Ban Chỉ đạo 35"
    )


def test_title_line_keeps_the_name_an_organisation_bore_on_the_day(academy):
    school = OrganizationFactory(
        name="Trường Chính trị tỉnh Nghệ An", kind=OrganizationKind.PROVINCIAL_SCHOOL
    )
    minh = person_create(by=None, written_name="Vương Quang Minh")
    PositionFactory(person=minh, role=Role.RECTOR, organization=school)
    organization_rename(
        by=None, organization=school, new_name="Trường Chính trị Nghệ An", on=dt.date(2025, 7, 1)
    )

    assert line(minh, dt.date(2024, 11, 19)) == "Vương Quang Minh, Hiệu trưởng Trường Chính trị tỉnh Nghệ An"
    assert line(minh, dt.date(2025, 7, 1)) == "Vương Quang Minh, Hiệu trưởng Trường Chính trị Nghệ An"


def test_title_lines_of_many_people_cost_a_fixed_number_of_queries(lam, academy, django_assert_num_queries):
    # people, positions, and the name histories of organisations, parents and committees' organisations
    with django_assert_num_queries(5):
        [person_title_line(p, on=EVENT_DAY) for p in people_with_positions()]
    for n in range(5):
        person = person_create(by=None, written_name=f"TS Người {n}")
        PositionFactory(person=person, role=Role.DEPUTY_DIRECTOR, organization=academy)
    with django_assert_num_queries(5):
        lines = [person_title_line(p, on=EVENT_DAY) for p in people_with_positions()]
    assert len(lines) == 6


def now(person, today):
    return person_line_now(people_with_positions().get(pk=person.pk), today=today)


def test_a_line_of_positions_only_reported_is_as_of_the_latest_report_with_that_days_names():
    """Article 003 (19/11/2024) reports Nguyễn Thị Hồng Hoa as head of the provincial propaganda
    board, renamed in 2025: her page reads the line of the report, with the board's name then;
    a title line of a day after the rename uses the new name."""
    party = OrganizationFactory(name="Đảng bộ tỉnh Nghệ An", kind=OrganizationKind.PARTY_COMMITTEE)
    board = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy Nghệ An", kind=OrganizationKind.PROPAGANDA_BOARD)
    hoa = person_create(by=None, written_name="Nguyễn Thị Hồng Hoa")
    reported = dt.date(2024, 11, 19)
    PositionFactory(
        person=hoa, role=Role.EXECUTIVE_COMMITTEE_MEMBER, organization=party, order=1, reported_on=reported
    )
    PositionFactory(person=hoa, role=Role.HEAD, organization=board, order=2, reported_on=dt.date(2021, 7, 8))
    organization_rename(
        by=None,
        organization=board,
        new_name="Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An",
        on=dt.date(2025, 3, 1),
    )

    assert now(hoa, dt.date(2026, 12, 6)) == PersonLine(
        "Nguyễn Thị Hồng Hoa, Ủy viên Ban Chấp hành Đảng bộ tỉnh Nghệ An, "
        "Trưởng Ban Tuyên giáo Tỉnh ủy Nghệ An",
        reported_on=reported,
        is_reported=True,
    )
    assert line(hoa, dt.date(2025, 3, 1)) == (
        "Nguyễn Thị Hồng Hoa, Ủy viên Ban Chấp hành Đảng bộ tỉnh Nghệ An, "
        "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An"
    )


def test_a_line_of_today_claims_only_the_positions_current_by_their_dates(lam, academy):
    # lam: Đảng ủy (no dates), Phó Giám đốc 2016–2024, Phó Trưởng Ban Chỉ đạo from 25/08/2021
    assert now(lam, dt.date(2026, 12, 6)) == PersonLine(
        "PGS, TS Hoàng Phúc Lâm, Phó Trưởng Ban Chỉ đạo 35 Học viện Chính trị quốc gia Hồ Chí Minh"
    )


def test_a_person_with_no_position_is_named_alone():
    person = person_create(by=None, written_name="GS, TS. Vũ Văn Hiền")

    assert now(person, dt.date(2026, 12, 6)) == PersonLine("GS, TS Vũ Văn Hiền")
