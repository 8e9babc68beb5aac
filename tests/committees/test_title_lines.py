import datetime as dt

import pytest

from committees.models import OrganizationKind, Role
from committees.selectors import people_with_positions, person_title_line
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
