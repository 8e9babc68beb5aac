"""Signing in through the browser: a superuser sets up the app, a staff member types the code."""

import base64
import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP
from tests.two_factor import code_at, enrol

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mat-khau-thu-ky-2025"  # noqa: S105


def type_password(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def test_a_new_superuser_sets_up_the_app_then_reaches_the_admin(live_server, open_page, django_user_model):
    django_user_model.objects.create_superuser("quantri", password=PASSWORD)
    page = open_page(DESKTOP)

    type_password(page, live_server, "quantri")

    page.wait_for_url(f"{live_server.url}/admin/2fa/?next=%2Fadmin%2F")
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    # Typed by hand, as from the key under the QR code.
    key = base64.b32decode(page.locator(".two-factor-secret code").inner_text().replace(" ", "")).hex()
    page.fill("#id_code", code_at(key, time.time()))
    page.click("input[type=submit]")
    expect(page.locator(".two-factor-codes li")).to_have_count(10)
    page.click("text=Tôi đã lưu các mã, tiếp tục")
    page.wait_for_url(f"{live_server.url}/admin/")
    expect(page.locator("#user-tools a", has_text="Xác thực hai bước")).to_be_visible()
    assert page.errors == []


def test_a_staff_member_with_the_app_types_the_code_after_the_password(
    live_server, open_page, django_user_model, otp_clock
):
    staff = django_user_model.objects.create_user("thuky", password=PASSWORD, is_staff=True)
    device, _codes = enrol(staff)
    page = open_page(DESKTOP)

    type_password(page, live_server, "thuky")
    page.wait_for_url(re.compile(r".*/admin/login/verify/\?next=%2Fadmin%2F$"))
    expect(page.locator(".signin-who")).to_contain_text("thuky")
    page.fill("#id_code", otp_clock.code(device))
    page.click("input[type=submit]")

    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.errors == []
