"""Staff accounts made by the one service (portal/accounts/services.py) and the demo's staff."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied, ValidationError

from committees.models import StaffMembership
from portal.accounts.demo import DEMO_STAFF, PASSWORD_VARIABLE, load_staff
from portal.accounts.services import staff_user_create
from portal.roles import EDITOR, LEADER, SECRETARIAT
from portal.scoping import ScopeError, staff_scope
from tests.committees.factories import OrganizationFactory
from tests.staff import in_role, member_of

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-rat-dai-2026-kv2"


def test_a_staff_account_holds_its_roles_and_organisations_and_shows_its_full_name():
    national = OrganizationFactory(name="Học viện Chính trị quốc gia Hồ Chí Minh")
    region_two = OrganizationFactory(parent=national)
    user = staff_user_create(
        username="thuky.kv2",
        full_name="  Nguyễn Thị Thu   Hà ",
        roles=[SECRETARIAT, LEADER],
        organizations=[region_two],
        password=PASSWORD,
        by=None,
    )
    user = User.objects.get(pk=user.pk)
    assert user.is_staff and not user.is_superuser
    assert user.get_full_name() == "Nguyễn Thị Thu Hà"
    assert user.check_password(PASSWORD)
    assert sorted(user.groups.values_list("name", flat=True)) == sorted([SECRETARIAT.name, LEADER.name])
    assert staff_scope(user).own == {region_two.pk}
    assert user.has_perm("events.add_event") and not user.has_perm("auth.add_user")


def test_only_who_may_add_users_makes_staff_and_only_for_their_organisations():
    mine, theirs = OrganizationFactory(), OrganizationFactory()
    clerk = in_role(member_of(User.objects.create_user("clerk", is_staff=True), mine), SECRETARIAT)
    with pytest.raises(PermissionDenied):
        staff_user_create(
            username="x",
            full_name="Lê Văn A",
            roles=[EDITOR],
            organizations=[mine],
            password=PASSWORD,
            by=clerk,
        )
    manager = member_of(User.objects.create_user("manager", is_staff=True), mine)
    manager.user_permissions.add(Permission.objects.get(codename="add_user"))
    manager = User.objects.get(pk=manager.pk)
    with pytest.raises(ScopeError):
        staff_user_create(
            username="y",
            full_name="Lê Văn B",
            roles=[EDITOR],
            organizations=[theirs],
            password=PASSWORD,
            by=manager,
        )
    made = staff_user_create(
        username="z",
        full_name="Lê Văn C",
        roles=[EDITOR],
        organizations=[mine],
        password=PASSWORD,
        by=manager,
    )
    assert made.memberships.get().organization == mine
    assert made.memberships.get().history.get().history_user == manager  # the audit trail


@pytest.mark.parametrize(
    ("username", "full_name", "password", "field"),
    [
        ("thuky", "", PASSWORD, "full_name"),
        ("thuky", "Lê Văn A", "123", "password"),
        ("thu ky!", "Lê Văn A", PASSWORD, "username"),
    ],
)
def test_bad_input_is_a_clear_error_and_nothing_is_made(username, full_name, password, field):
    with pytest.raises(ValidationError) as error:
        staff_user_create(
            username=username,
            full_name=full_name,
            roles=[EDITOR],
            organizations=[],
            password=password,
            by=None,
        )
    assert field in error.value.message_dict
    assert not User.objects.exists()


def test_a_taken_username_is_refused():
    User.objects.create_user("thuky")
    with pytest.raises(ValidationError) as error:
        staff_user_create(
            username="thuky",
            full_name="Lê Văn A",
            roles=[EDITOR],
            organizations=[],
            password=PASSWORD,
            by=None,
        )
    assert "username" in error.value.message_dict
    assert not StaffMembership.objects.exists()


def test_the_demo_staff_come_once_with_the_password_given(monkeypatch):
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    region_two = OrganizationFactory(slug="hoc-vien-chinh-tri-khu-vuc-ii")
    assert load_staff() == [
        f"Created the demo staff accounts {', '.join(r[0] for r in DEMO_STAFF)} with {PASSWORD_VARIABLE}."
    ]
    assert load_staff() == []
    for username, _name, roles, slugs in DEMO_STAFF:
        user = User.objects.get(username=username)
        assert user.check_password(PASSWORD)
        assert set(user.groups.values_list("name", flat=True)) == {role.name for role in roles}
        assert list(user.memberships.values_list("organization", flat=True)) == (
            [region_two.pk] if slugs else []
        )
    assert staff_scope(User.objects.get(username="quantri")).everything
    assert staff_scope(User.objects.get(username="thuky.kv2")).own == {region_two.pk}


def test_without_a_password_the_demo_staff_get_one_shown_once(monkeypatch):
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    OrganizationFactory(slug="hoc-vien-chinh-tri-khu-vuc-ii")
    (message,) = load_staff()
    password = message.split("password '")[1].split("'")[0]
    assert User.objects.get(username="lanhdao.kv2").check_password(password)
    assert len(password) >= 12
