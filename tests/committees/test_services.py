import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from committees.models import Organization, OrganizationChange, OrganizationChangeKind, Person
from committees.services import (
    organization_close,
    organization_rename,
    person_create,
    province_merge,
)
from portal.slugs import unique_slug
from tests.committees.factories import OrganizationFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


def test_person_create_parses_the_written_titles_and_folds_d_in_the_slug():
    person = person_create(written_name="NGƯT, TS Huỳnh Thanh Quang")
    assert (person.full_name, person.honorific, person.academic_title, person.degree) == (
        "Huỳnh Thanh Quang",
        "NGƯT",
        "",
        "TS",
    )
    assert person.display_name == "NGƯT, TS Huỳnh Thanh Quang"
    assert person_create(written_name="TS. Nguyễn Đình Phong").slug == "nguyen-dinh-phong"


def test_namesakes_get_distinct_slugs():
    first = person_create(written_name="TS Nguyễn Văn Hùng")
    second = person_create(written_name="ThS Nguyễn Văn Hùng")
    assert (first.slug, second.slug) == ("nguyen-van-hung", "nguyen-van-hung-2")
    assert unique_slug(Person, "Nguyễn Văn Hùng") == "nguyen-van-hung-3"
    assert unique_slug(Person, "Nguyễn Văn Hùng", exclude_pk=first.pk) == "nguyen-van-hung"


def test_person_create_refuses_a_title_without_a_name():
    with pytest.raises(ValidationError):
        person_create(written_name="PGS, TS.")
    assert Person.objects.count() == 0


def test_renaming_twice_keeps_each_name_for_its_own_days():
    school = OrganizationFactory(name="Trường Đảng tỉnh", founded_on=dt.date(1950, 1, 1))
    organization_rename(organization=school, new_name="Trường Chính trị tỉnh Nghệ An", on=dt.date(1995, 1, 1))
    organization_rename(organization=school, new_name="Trường Chính trị Nghệ An", on=dt.date(2025, 7, 1))
    school.refresh_from_db()
    assert [school.name_on(dt.date(y, 6, 1)) for y in (1960, 2024, 2026)] == [
        "Trường Đảng tỉnh",
        "Trường Chính trị tỉnh Nghệ An",
        "Trường Chính trị Nghệ An",
    ]
    assert school.slug == Organization.objects.get(pk=school.pk).slug


@pytest.mark.parametrize(
    ("new_name", "on", "field"),
    [("Trường Chính trị tỉnh Nghệ An", dt.date(2025, 7, 1), "name"), ("Tên mới", dt.date(2020, 1, 1), "on")],
)
def test_a_rename_to_the_same_name_or_back_in_time_is_refused(new_name, on, field):
    school = OrganizationFactory(name="Trường Chính trị tỉnh Nghệ An")
    organization_rename(organization=school, new_name="Trường Chính trị Nghệ An", on=dt.date(2024, 1, 1))
    organization_rename(organization=school, new_name="Trường Chính trị tỉnh Nghệ An", on=dt.date(2024, 6, 1))
    with pytest.raises(ValidationError) as refused:
        organization_rename(organization=school, new_name=new_name, on=on)
    assert field in refused.value.message_dict
    assert school.former_names.count() == 2


def test_closing_by_merger_links_predecessor_and_successor():
    board = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy Nghệ An")
    mass = OrganizationFactory(name="Ban Dân vận Tỉnh ủy Nghệ An")
    merged = OrganizationFactory(name="Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An")
    for old in (board, mass):
        organization_close(
            organization=old, kind=OrganizationChangeKind.MERGED, on=dt.date(2025, 3, 1), successors=[merged]
        )
    board.refresh_from_db()
    assert board.closed_on == dt.date(2025, 3, 1)
    assert [c.successor for c in board.changes.all()] == [merged]
    assert sorted(c.predecessor.name for c in merged.origins.all()) == [
        "Ban Dân vận Tỉnh ủy Nghệ An",
        "Ban Tuyên giáo Tỉnh ủy Nghệ An",
    ]


def test_a_split_records_one_change_per_successor_and_dissolution_none():
    old = OrganizationFactory()
    changes = organization_close(
        organization=old,
        kind=OrganizationChangeKind.SPLIT,
        on=dt.date(2025, 1, 1),
        successors=[OrganizationFactory(), OrganizationFactory()],
    )
    assert len(changes) == 2
    gone = OrganizationFactory()
    [dissolution] = organization_close(
        organization=gone, kind=OrganizationChangeKind.DISSOLVED, on=dt.date(2025, 1, 1)
    )
    assert dissolution.successor is None


@pytest.mark.parametrize("kind", [OrganizationChangeKind.MERGED, OrganizationChangeKind.RENAMED])
def test_a_merger_without_successor_or_into_itself_is_refused(kind):
    organization = OrganizationFactory()
    with pytest.raises(ValidationError):
        organization_close(organization=organization, kind=kind, on=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError):
        organization_close(
            organization=organization, kind=kind, on=dt.date(2025, 1, 1), successors=[organization]
        )
    organization.refresh_from_db()
    assert organization.closed_on is None
    assert OrganizationChange.objects.count() == 0


def test_province_merge_keeps_history_and_refuses_itself():
    nghe_an, ha_tinh = ProvinceFactory(name="Nghệ An"), ProvinceFactory(name="Hà Tĩnh")
    province_merge(provinces=[ha_tinh], into=nghe_an, on=dt.date(2025, 7, 1))
    ha_tinh.refresh_from_db()
    assert (ha_tinh.merged_into, ha_tinh.valid_to, ha_tinh.is_current) == (
        nghe_an,
        dt.date(2025, 6, 30),
        False,
    )
    with pytest.raises(ValidationError) as refused:
        province_merge(provinces=[nghe_an], into=nghe_an, on=dt.date(2025, 7, 1))
    assert refused.value.message_dict["merged_into"] == ["Không thể hợp nhất một tỉnh vào chính nó."]


def test_a_rename_on_or_before_the_founding_day_is_refused_cleanly():
    school = OrganizationFactory(name="Trường Chính trị tỉnh Nghệ An", founded_on=dt.date(2000, 1, 1))
    with pytest.raises(ValidationError) as refused:
        organization_rename(organization=school, new_name="Trường Chính trị Nghệ An", on=dt.date(2000, 1, 1))
    assert refused.value.message_dict["on"] == [
        "Tên mới phải có hiệu lực sau ngày bắt đầu dùng tên hiện nay."
    ]
    assert school.former_names.count() == 0


def test_a_rename_on_the_day_after_the_previous_one_is_refused_cleanly():
    school = OrganizationFactory(name="Tên A")
    organization_rename(organization=school, new_name="Tên B", on=dt.date(2024, 1, 1))
    with pytest.raises(ValidationError) as refused:
        organization_rename(organization=school, new_name="Tên C", on=dt.date(2024, 1, 1))
    assert refused.value.message_dict["on"] == [
        "Tên mới phải có hiệu lực sau ngày bắt đầu dùng tên hiện nay."
    ]
    assert school.former_names.count() == 1


def test_closing_an_organisation_twice_is_refused():
    old = OrganizationFactory()
    organization_close(organization=old, kind=OrganizationChangeKind.DISSOLVED, on=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError) as refused:
        organization_close(organization=old, kind=OrganizationChangeKind.DISSOLVED, on=dt.date(2025, 2, 1))
    assert refused.value.messages == ["Tổ chức này đã chấm dứt hoạt động từ ngày 01/01/2025."]
    assert OrganizationChange.objects.count() == 1
