"""The one selector (portal/scoping.py) on organisations: own tree writable, the organisations
above and the partners of the region read-only, the rest invisible; system administrators all."""

import pytest
from django.contrib.auth.models import User

from committees.models import Organization
from portal.scoping import may_write, scope_for_staff, staff_scope
from tests.committees.factories import OrganizationFactory, RegionFactory
from tests.staff import member_of, sees_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    south, mekong = RegionFactory(name="Nam Bộ"), RegionFactory(name="Tây Nam Bộ")
    national = OrganizationFactory(name="Học viện Chính trị quốc gia Hồ Chí Minh")
    two = OrganizationFactory(name="Học viện Chính trị khu vực II", parent=national, region=south)
    unit = OrganizationFactory(name="Ban Quản lý khoa học khu vực II", parent=two)
    four = OrganizationFactory(name="Học viện Chính trị khu vực IV", parent=national, region=mekong)
    four_unit = OrganizationFactory(name="Đảng ủy khu vực IV", parent=four)
    board = OrganizationFactory(name="Ban Tuyên giáo Thành ủy Cần Thơ", region=south)
    mekong_board = OrganizationFactory(name="Ban Tuyên giáo các tỉnh Tây Nam Bộ", region=mekong)
    user = member_of(User.objects.create_user("thuky", is_staff=True), two)
    return locals()


def names(queryset):
    return set(queryset.values_list("name", flat=True))


def test_a_member_sees_their_tree_the_academy_above_and_their_regions_partners(world):
    seen = scope_for_staff(Organization.objects.all(), world["user"])
    assert names(seen) == {
        "Học viện Chính trị khu vực II",
        "Ban Quản lý khoa học khu vực II",
        "Học viện Chính trị quốc gia Hồ Chí Minh",
        "Ban Tuyên giáo Thành ủy Cần Thơ",
    }
    writable = scope_for_staff(Organization.objects.all(), world["user"], write=True)
    assert names(writable) == {"Học viện Chính trị khu vực II", "Ban Quản lý khoa học khu vực II"}
    assert may_write(world["unit"], world["user"])
    assert not may_write(world["board"], world["user"])
    assert not may_write(world["national"], world["user"])
    assert not may_write(world["four_unit"], world["user"])


def test_the_selector_is_idempotent_keeps_the_order_and_reads_the_tree_once(world, django_assert_num_queries):
    ordered = Organization.objects.order_by("-name")
    user = User.objects.get(pk=world["user"].pk)
    # Once per user object: their permissions (user, groups), memberships, the tree; then the rows.
    with django_assert_num_queries(5):
        once = list(scope_for_staff(ordered, user))
    with django_assert_num_queries(1):
        twice = list(scope_for_staff(scope_for_staff(ordered, user), user))
    assert once == twice == sorted(once, key=lambda o: o.name, reverse=True)


def test_without_an_organisation_a_staff_member_sees_no_organisation_and_a_system_administrator_all(world):
    nobody = User.objects.create_user("moi", is_staff=True)
    assert not scope_for_staff(Organization.objects.all(), nobody).exists()
    assert staff_scope(nobody).own == frozenset()
    admin = sees_everything(User.objects.create_user("quantri", is_staff=True))
    assert scope_for_staff(Organization.objects.all(), admin).count() == Organization.objects.count()
    assert may_write(world["four"], admin)
