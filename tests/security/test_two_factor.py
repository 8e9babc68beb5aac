"""Two-step verification: optional for staff, required for superusers and for the system
administrators who manage accounts, codes used once."""

import base64
import re
import time
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts import services
from portal.roles import LEADER, SECRETARIAT, SYSTEM_ADMINISTRATOR
from tests.staff import in_role
from tests.two_factor import code_at, enrol, verified_client

PASSWORD = "mat-khau-thu-ky-2025"  # noqa: S105
VERIFY = "/admin/login/verify/"
ENROL = "/admin/2fa/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("thuky", password=PASSWORD, is_staff=True)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("quantri", password=PASSWORD)


def sign_in(client, user, next_url="/admin/"):
    return client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD, "next": next_url}
    )


def enter_code(client, code, next_url="/admin/"):
    return client.post(VERIFY, {"code": code, "next": next_url})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def backup_codes_of(user) -> list[str]:
    return sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def errors(response) -> list[str]:
    return [str(error) for error in response.context["form"].errors.get("code", [])]


# --- Signing in ---------------------------------------------------------------------------


def test_staff_without_an_app_sign_in_with_their_password_alone(client, staff):
    response = sign_in(client, staff)

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_with_an_app_the_password_leads_to_the_code_page_not_into_the_admin(client, staff):
    enrol(staff)

    response = sign_in(client, staff, next_url="/admin/committees/person/")

    assert response["Location"] == f"{VERIFY}?{urlencode({'next': '/admin/committees/person/'})}"
    assert not signed_in(client)
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"
    page = client.get(response["Location"])
    assert "Đăng nhập với tài khoản <strong>thuky</strong>." in page.content.decode()


def test_the_code_from_the_app_completes_the_sign_in(client, staff, otp_clock):
    device, _codes = enrol(staff)
    sign_in(client, staff, next_url="/admin/committees/person/")

    response = enter_code(client, otp_clock.code(device), next_url="/admin/committees/person/")

    assert response["Location"] == "/admin/committees/person/"
    assert signed_in(client)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/admin/").status_code == 200


def test_the_code_page_without_the_password_step_sends_back_to_sign_in(client, staff):
    enrol(staff)

    response = client.post(VERIFY, {"code": "123456"})

    assert response["Location"] == "/admin/login/"
    assert not signed_in(client)


def test_the_password_step_is_good_for_five_minutes(client, staff, otp_clock, monkeypatch):
    device, _codes = enrol(staff)
    sign_in(client, staff)
    later = time.time() + 5 * 60 + 1
    monkeypatch.setattr("portal.accounts.views.time.time", lambda: later)

    response = enter_code(client, otp_clock.code(device))

    assert response["Location"] == "/admin/login/"
    assert not signed_in(client)


def test_a_wrong_code_is_refused_and_counts_as_a_failed_sign_in(client, staff, otp_clock):
    device, _codes = enrol(staff)
    sign_in(client, staff)
    wrong = f"{(int(otp_clock.code(device)) + 1) % 1_000_000:06d}"

    response = enter_code(client, wrong)

    assert errors(response) == ["Mã xác thực không đúng."]
    assert not signed_in(client)
    assert AccessAttempt.objects.get().failures_since_start == 1


def test_five_wrong_codes_lock_the_sign_in_like_five_wrong_passwords(client, staff, otp_clock):
    device, _codes = enrol(staff)
    sign_in(client, staff)
    wrong = f"{(int(otp_clock.code(device)) + 1) % 1_000_000:06d}"
    statuses = []
    for _ in range(5):
        # Past django-otp's growing pause, so each wrong code is checked (and counted).
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
        statuses.append(enter_code(client, wrong).status_code)

    assert statuses == [200, 200, 200, 200, 429]
    assert enter_code(client, otp_clock.code(device)).status_code == 429
    assert not signed_in(client)


def test_a_code_cannot_be_used_twice(client, staff, otp_clock):
    device, _codes = enrol(staff)
    code = otp_clock.code(device)
    sign_in(client, staff)
    enter_code(client, code)
    client.post(reverse("admin:logout"))

    sign_in(client, staff)
    response = enter_code(client, code)

    assert errors(response) == ["Mã xác thực không đúng."]
    assert not signed_in(client)


def test_the_code_that_confirmed_the_app_cannot_sign_in(client, staff):
    key = "3132333435363738393031323334353637383930"
    code = code_at(key, time.time())
    services.two_factor_enrol(user=staff, key=key, code=code)
    sign_in(client, staff)

    assert errors(enter_code(client, code)) == ["Mã xác thực không đúng."]


def test_codes_from_the_step_before_and_after_are_accepted(client, staff, otp_clock):
    device, _codes = enrol(staff)
    sign_in(client, staff)

    response = enter_code(client, code_at(device.key, otp_clock.now + 30))

    assert response.status_code == 302
    assert signed_in(client)


def test_a_code_two_steps_old_is_refused(client, staff, otp_clock):
    device, _codes = enrol(staff)
    sign_in(client, staff)

    assert errors(enter_code(client, code_at(device.key, otp_clock.now - 60))) == ["Mã xác thực không đúng."]


def test_right_after_a_wrong_code_even_the_right_one_waits(client, staff, otp_clock, monkeypatch):
    device, _codes = enrol(staff)
    sign_in(client, staff)
    frozen = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    enter_code(client, "000000" if otp_clock.code(device) != "000000" else "111111")

    response = enter_code(client, otp_clock.code(device))

    assert errors(response) == ["Đã nhập sai mã 1 lần, vui lòng đợi giây lát rồi thử lại."]
    assert not signed_in(client)


def test_each_backup_code_signs_in_once(client, staff):
    _device, codes = enrol(staff)

    sign_in(client, staff)
    assert enter_code(client, codes[0].upper()).status_code == 302
    client.post(reverse("admin:logout"))
    sign_in(client, staff)
    refused = enter_code(client, codes[0])
    # A moment later, past django-otp's pause after the wrong one.
    StaticDevice.objects.filter(user=staff).update(throttling_failure_timestamp=None)
    second = enter_code(client, f"{codes[1][:4]} {codes[1][4:]}")

    assert errors(refused) == ["Mã xác thực không đúng."]
    assert second.status_code == 302
    assert StaticToken.objects.filter(device__user=staff).count() == 8


# --- Superusers ---------------------------------------------------------------------------


def test_a_superuser_without_an_app_is_sent_to_set_one_up(client, superuser):
    response = sign_in(client, superuser)
    assert response["Location"] == "/admin/"

    response = client.get("/admin/")

    assert response["Location"] == f"{ENROL}?{urlencode({'next': '/admin/'})}"


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/auth/user/", "/admin/committees/person/add/", "/admin/password_change/"]
)
def test_nothing_else_in_the_admin_opens_until_the_superuser_has_an_app(client, superuser, url):
    client.force_login(superuser)

    response = client.get(url)

    assert (response.status_code, response["Location"]) == (302, f"{ENROL}?{urlencode({'next': url})}")


def test_the_enrolment_page_shows_a_qr_code_drawn_on_the_server_and_the_key(client, superuser):
    client.force_login(superuser)

    response = client.get(ENROL)

    content = response.content.decode()
    qr = re.search(r'<div class="two-factor-qr">(.*?)</div>', content, re.S).group(1)
    assert qr.strip().startswith("<svg")
    assert "script" not in qr
    assert "style" not in qr
    assert "<script" not in content.split('id="content-main"')[1]
    assert "Quản trị viên cấp cao và người quản lý tài khoản bắt buộc phải dùng xác thực hai bước." in content
    assert 'id="nav-sidebar"' not in content


def typed_key(response) -> str:
    """The key as the page shows it for typing by hand, decoded to hex like the device stores it."""
    shown = re.search(r'<p class="two-factor-secret"><code>([A-Z2-7 ]+)</code>', response.content.decode())
    return base64.b32decode(shown.group(1).replace(" ", "")).hex()


def test_a_superuser_enrols_then_gets_backup_codes_once_and_the_admin_opens(client, superuser):
    client.force_login(superuser)
    key = typed_key(client.get(ENROL))

    response = client.post(ENROL, {"code": code_at(key, time.time())})

    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    assert sorted(codes) == backup_codes_of(superuser)
    assert TOTPDevice.objects.get(user=superuser).key == key
    assert client.get("/admin/").status_code == 200
    # Shown once: the page about two-step verification tells how many are left, not which.
    status = client.get(ENROL).content.decode()
    assert "Bạn còn 10 mã dự phòng chưa dùng." in status
    assert codes[0] not in status


def test_a_wrong_code_at_enrolment_sets_nothing_up(client, superuser):
    client.force_login(superuser)
    client.get(ENROL)

    response = client.post(ENROL, {"code": "12345x"})

    assert response.context["form"].errors["code"] == [
        "Mã không khớp. Hãy kiểm tra giờ trên điện thoại và nhập mã đang hiển thị."
    ]
    assert not TOTPDevice.objects.filter(user=superuser).exists()
    assert client.get("/admin/").status_code == 302


def test_a_superuser_session_made_without_the_code_must_be_verified_first(client, admin_user, otp_clock):
    client.force_login(admin_user)
    device = TOTPDevice.objects.get(user=admin_user)

    users = client.get("/admin/auth/user/")

    assert users["Location"] == f"{VERIFY}?{urlencode({'next': '/admin/auth/user/'})}"
    assert client.get(ENROL)["Location"] == f"{VERIFY}?{urlencode({'next': ENROL})}"
    response = enter_code(client, otp_clock.code(device), next_url="/admin/auth/user/")

    assert response["Location"] == "/admin/auth/user/"
    assert client.get("/admin/auth/user/").status_code == 200


def test_staff_without_an_app_may_use_the_admin_and_set_one_up_when_they_like(client, staff):
    client.force_login(staff)

    assert client.get("/admin/").status_code == 200
    assert "Bật xác thực hai bước" in client.get(ENROL).content.decode()


def test_the_user_menu_links_to_two_step_verification(admin_client):
    content = admin_client.get("/admin/").content.decode()

    assert f'<a href="{ENROL}">Xác thực hai bước</a>' in content


# --- Switching off and resetting ----------------------------------------------------------


def test_staff_switch_their_own_two_step_verification_off_with_their_password(staff):
    device, _codes = enrol(staff)
    client = verified_client(staff, device)

    refused = client.post("/admin/2fa/disable/", {"password": "sai"})
    response = client.post("/admin/2fa/disable/", {"password": PASSWORD})

    assert refused.context["disable_form"].errors["password"] == ["Mật khẩu không đúng."]
    assert response["Location"] == ENROL
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()


# --- System administrators: they manage accounts, so they can make anyone anything -----------


@pytest.fixture
def system_administrator(django_user_model):
    user = django_user_model.objects.create_user("quantri.hethong", password=PASSWORD, is_staff=True)
    return in_role(user, SYSTEM_ADMINISTRATOR)


def test_a_system_administrator_without_an_app_must_set_one_up_before_anything_else(
    client, system_administrator
):
    sign_in(client, system_administrator)

    for url in ("/admin/", "/admin/auth/user/", "/admin/auth/group/"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, f"{ENROL}?{urlencode({'next': url})}")
    page = client.get(ENROL).content.decode()
    assert "người quản lý tài khoản bắt buộc phải dùng xác thực hai bước. Hãy cài đặt ngay" in page


def test_a_system_administrator_with_an_app_must_give_its_code_and_may_not_switch_it_off(
    client, system_administrator
):
    device, _codes = enrol(system_administrator)
    assert sign_in(client, system_administrator)["Location"].startswith(VERIFY)
    assert not signed_in(client)

    client = verified_client(system_administrator, device)
    assert client.get("/admin/auth/user/").status_code == 200
    response = client.post("/admin/2fa/disable/", {"password": PASSWORD}, follow=True)

    assert "người quản lý tài khoản bắt buộc phải dùng xác thực hai bước" in response.content.decode()
    assert TOTPDevice.objects.filter(user=system_administrator).count() == 1
    with pytest.raises(PermissionDenied):
        services.two_factor_disable(user=system_administrator)


@pytest.mark.parametrize("permission", ["change_user", "change_group", "change_permission"])
def test_any_permission_that_can_grant_permissions_requires_the_second_step(client, staff, permission):
    staff.user_permissions.add(Permission.objects.get(content_type__app_label="auth", codename=permission))

    sign_in(client, staff)

    assert client.get("/admin/")["Location"] == f"{ENROL}?{urlencode({'next': '/admin/'})}"


def test_the_other_roles_may_go_without_an_app(client, staff):
    in_role(staff, SECRETARIAT, LEADER)

    sign_in(client, staff)

    assert client.get("/admin/").status_code == 200


def test_a_superuser_cannot_switch_it_off(admin_user, admin_client):
    page = admin_client.get(ENROL).content.decode()

    response = admin_client.post("/admin/2fa/disable/", {"password": "password"}, follow=True)

    assert "Tắt xác thực hai bước" not in page
    required = "Quản trị viên cấp cao và người quản lý tài khoản bắt buộc phải dùng xác thực hai bước."
    assert required in response.content.decode()
    assert TOTPDevice.objects.filter(user=admin_user).count() == 1


def test_new_backup_codes_replace_the_old_ones(staff):
    device, old = enrol(staff)
    client = verified_client(staff, device)

    response = client.post("/admin/2fa/backup-codes/")

    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert backup_codes_of(staff) == sorted(new)
    assert not set(old) & set(new)


def test_setting_up_a_new_phone_replaces_the_old_app(staff):
    device, _codes = enrol(staff)
    client = verified_client(staff, device)
    key = typed_key(client.get(f"{ENROL}?new=1"))

    client.post(ENROL, {"code": code_at(key, time.time())})

    assert list(TOTPDevice.objects.filter(user=staff).values_list("key", flat=True)) == [key]


def test_a_superuser_resets_a_staff_members_lost_phone_from_the_user_list(admin_client, admin_user, staff):
    enrol(staff)

    response = admin_client.post(
        "/admin/auth/user/", {"action": "reset_two_factor", "_selected_action": [staff.pk]}, follow=True
    )

    assert "Đã đặt lại xác thực hai bước cho 1 người dùng." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()
    assert LogEntry.objects.get(object_id=str(staff.pk)).user == admin_user


def test_the_user_list_shows_who_has_two_step_verification(admin_client, staff):
    response = admin_client.get("/admin/auth/user/")

    two_factor = {user.username: user.has_two_factor for user in response.context["cl"].result_list}
    assert two_factor == {"admin": True, "thuky": False}


def test_staff_who_may_change_users_cannot_reset_two_step_verification(staff, django_user_model):
    staff.user_permissions.set(Permission.objects.filter(codename__in=["view_user", "change_user"]))
    other = django_user_model.objects.create_user("bientap", password=PASSWORD, is_staff=True)
    enrol(other)
    client = verified_client(staff, enrol(staff)[0])  # who may change users must use an app

    response = client.post(
        "/admin/auth/user/", {"action": "reset_two_factor", "_selected_action": [other.pk]}
    )

    # Their only action would have been the reset: the list offers none.
    assert response.context["action_form"] is None
    assert TOTPDevice.objects.filter(user=other).exists()


def test_after_a_reset_the_superusers_verified_session_must_set_up_a_new_app(admin_user, admin_client):
    services.two_factor_reset(user=admin_user, by=admin_user)

    assert admin_client.get("/admin/")["Location"] == f"{ENROL}?{urlencode({'next': '/admin/'})}"


@pytest.mark.parametrize("next_url", ["//evil.example", "https://evil.example/", "/\\evil.example"])
def test_the_code_step_never_leaves_the_site_either(client, staff, otp_clock, next_url):
    device, _codes = enrol(staff)
    sign_in(client, staff, next_url=next_url)

    response = enter_code(client, otp_clock.code(device), next_url=next_url)

    assert (response.status_code, response["Location"]) == (302, "/admin/")
