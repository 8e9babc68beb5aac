"""Signing in to the admin as an attacker would: wrong passwords, forged headers, foreign `next`s.

Everything posts through the real login view; time passing is simulated by moving the
clock (timezone.now) or the recorded attempts, never by sleeping.
"""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from portal.accounts.middleware import LAST_SEEN_SESSION_KEY

PASSWORD = "mat-khau-thu-ky-2025"  # noqa: S105
ATTACKER = "203.0.113.66"
COLLEAGUE = "198.51.100.20"
PROXY = "172.18.0.5"
COOL_OFF = dt.timedelta(minutes=15)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("thuky", password=PASSWORD, is_staff=True)


def sign_in(client, password, *, username="thuky", next_url="/admin/", **headers):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": next_url}, **headers
    )


def fail(client, times, **headers):
    return [sign_in(client, "doan-bua", **headers).status_code for _ in range(times)]


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- Lockout ---------------------------------------------------------------------------


def test_the_fifth_wrong_password_locks_the_username_from_that_address(client, staff):
    assert fail(client, 4, REMOTE_ADDR=ATTACKER) == [200, 200, 200, 200]

    response = sign_in(client, "doan-bua", REMOTE_ADDR=ATTACKER)

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert AccessAttempt.objects.get().failures_since_start == 5


def test_the_right_password_is_refused_while_locked(client, staff):
    fail(client, 5, REMOTE_ADDR=ATTACKER)

    response = sign_in(client, PASSWORD, REMOTE_ADDR=ATTACKER)

    assert response.status_code == 429
    assert not signed_in(client)


def test_another_address_still_signs_in_while_the_attacker_is_locked(client, staff):
    fail(client, 5, REMOTE_ADDR=ATTACKER)

    response = sign_in(client, PASSWORD, REMOTE_ADDR=COLLEAGUE)

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert signed_in(client)


def test_another_username_from_the_same_address_is_not_locked(client, staff, django_user_model):
    django_user_model.objects.create_user("bientap", password=PASSWORD, is_staff=True)
    fail(client, 5, REMOTE_ADDR=ATTACKER)

    response = sign_in(client, PASSWORD, username="bientap", REMOTE_ADDR=ATTACKER)

    assert response.status_code == 302


def test_the_lockout_page_says_in_vietnamese_when_to_try_again(client, staff):
    fail(client, 4, REMOTE_ADDR=ATTACKER)

    response = sign_in(client, "doan-bua", REMOTE_ADDR=ATTACKER)

    last_failure = AccessAttempt.objects.get().attempt_time
    again_at = timezone.localtime(last_failure + COOL_OFF).strftime("%H:%M")
    content = response.content.decode()
    assert '<h1 class="signin-step">Tạm dừng đăng nhập</h1>' in content
    assert "Đã có 5 lần đăng nhập không thành công vào tài khoản này từ kết nối của bạn." in content
    assert f"Bạn có thể thử lại lúc <strong>{again_at}</strong> (khoảng 15 phút nữa)." in content
    assert 'id="site-name"' in content  # in the admin's frame


def test_attempts_during_the_lockout_do_not_push_the_time_back(client, staff):
    fail(client, 5, REMOTE_ADDR=ATTACKER)
    locked_at = AccessAttempt.objects.get().attempt_time

    fail(client, 3, REMOTE_ADDR=ATTACKER)

    attempt = AccessAttempt.objects.get()
    assert (attempt.attempt_time, attempt.failures_since_start) == (locked_at, 5)


def age_attempts(by: dt.timedelta) -> None:
    """As if `by` had passed since every recorded failure."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - by)


def test_the_lockout_holds_for_fourteen_minutes(client, staff):
    fail(client, 5, REMOTE_ADDR=ATTACKER)
    age_attempts(dt.timedelta(minutes=14))

    assert sign_in(client, PASSWORD, REMOTE_ADDR=ATTACKER).status_code == 429


def test_after_the_cool_off_the_right_password_works_again(client, staff):
    fail(client, 5, REMOTE_ADDR=ATTACKER)
    age_attempts(COOL_OFF + dt.timedelta(seconds=1))

    response = sign_in(client, PASSWORD, REMOTE_ADDR=ATTACKER)

    assert response.status_code == 302
    assert signed_in(client)


def test_after_the_cool_off_the_count_starts_again_from_nothing(client, staff):
    fail(client, 5, REMOTE_ADDR=ATTACKER)
    age_attempts(COOL_OFF + dt.timedelta(seconds=1))

    assert fail(client, 5, REMOTE_ADDR=ATTACKER) == [200, 200, 200, 200, 429]


def test_a_successful_sign_in_clears_the_earlier_failures(client, staff):
    fail(client, 4, REMOTE_ADDR=COLLEAGUE)
    assert sign_in(client, PASSWORD, REMOTE_ADDR=COLLEAGUE).status_code == 302
    client.post(reverse("admin:logout"), REMOTE_ADDR=COLLEAGUE)

    assert fail(client, 4, REMOTE_ADDR=COLLEAGUE) == [200, 200, 200, 200]
    assert AccessAttempt.objects.get().failures_since_start == 4


def test_the_failure_records_keep_no_password(client, staff):
    sign_in(client, "mat-khau-bi-lo", REMOTE_ADDR=ATTACKER)

    assert "mat-khau-bi-lo" not in AccessAttempt.objects.get().post_data


# --- The client's address ----------------------------------------------------------------


def test_without_a_proxy_the_address_is_remote_addr_whatever_x_forwarded_for_says(client, staff, settings):
    settings.PROXY_COUNT = 0
    for number in range(5):
        sign_in(client, "doan-bua", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")

    assert AccessAttempt.objects.get().ip_address == ATTACKER
    response = sign_in(client, PASSWORD, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429


def test_behind_one_proxy_the_client_is_the_address_the_proxy_appended(client, staff, settings):
    settings.PROXY_COUNT = 1
    fail(client, 5, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)

    assert AccessAttempt.objects.get().ip_address == ATTACKER
    # The colleague comes through the same proxy, from their own address: not locked.
    response = sign_in(client, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=COLLEAGUE)
    assert response.status_code == 302


def test_a_forged_left_most_x_forwarded_for_does_not_choose_the_address(client, staff, settings):
    settings.PROXY_COUNT = 1
    statuses = [
        sign_in(
            client,
            "doan-bua",
            REMOTE_ADDR=PROXY,
            # The attacker writes the first entries; nginx appends the address it saw.
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, {COLLEAGUE}, {ATTACKER}",
        ).status_code
        for number in range(5)
    ]

    assert statuses == [200, 200, 200, 200, 429]
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ATTACKER]
    assert sign_in(client, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=COLLEAGUE).status_code == 302


def test_a_request_that_bypassed_the_proxy_is_counted_by_its_own_address(client, staff, settings):
    settings.PROXY_COUNT = 1
    fail(client, 5, REMOTE_ADDR=ATTACKER)

    assert AccessAttempt.objects.get().ip_address == ATTACKER


# --- Where sign-in and sign-out lead -----------------------------------------------------

FOREIGN_NEXTS = [
    "//evil.example",
    "https://evil.example",
    "http://evil.example/admin/",
    "/\\evil.example",
    "\\\\evil.example",
    "///evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "  //evil.example",
    "\x01//evil.example",
    "http://testserver@evil.example/",
]


@pytest.mark.parametrize("next_url", FOREIGN_NEXTS)
def test_signing_in_never_leaves_the_site_whatever_next_says(client, staff, next_url):
    response = sign_in(client, PASSWORD, next_url=next_url)

    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_signing_in_follows_next_within_the_site(client, staff):
    response = sign_in(client, PASSWORD, next_url="/admin/committees/person/?q=Lam")

    assert response["Location"] == "/admin/committees/person/?q=Lam"


def test_signing_in_without_next_lands_on_the_admin_index_not_on_a_404(client, staff):
    response = client.post(reverse("admin:login"), {"username": "thuky", "password": PASSWORD})

    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_signing_out_lands_on_the_sign_in_page_with_a_word(client, staff):
    sign_in(client, PASSWORD)

    response = client.post(reverse("admin:logout"), follow=True)

    assert response.redirect_chain == [("/admin/login/", 302)]
    assert "Bạn đã đăng xuất." in response.content.decode()
    assert not signed_in(client)


@pytest.mark.parametrize("next_url", ["//evil.example", "https://evil.example/"])
def test_signing_out_never_leaves_the_site_either(client, staff, next_url):
    sign_in(client, PASSWORD)

    response = client.post(reverse("admin:logout"), {"next": next_url})

    assert response["Location"] == "/admin/login/"


# --- Sessions ----------------------------------------------------------------------------


class Clock:
    """timezone.now, moved by hand: what sessions and the idle timeout read."""

    def __init__(self, monkeypatch):
        self.now = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def advance(self, **delta):
        self.now += dt.timedelta(**delta)


def stored_session(client) -> Session:
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def test_readers_of_the_public_pages_get_no_session(client):
    for url in ("/", "/to-chuc/", "/su-kien/", "/admin/login/"):
        client.get(url)

    assert "sessionid" not in client.cookies
    assert Session.objects.count() == 0


def test_a_staff_session_lasts_eight_hours_from_sign_in(client, staff, monkeypatch):
    clock = Clock(monkeypatch)

    sign_in(client, PASSWORD)

    assert client.cookies["sessionid"]["max-age"] == 8 * 60 * 60
    assert stored_session(client).expire_date == clock.now + dt.timedelta(hours=8)


def test_activity_slides_the_expiry_at_most_every_five_minutes(client, staff, monkeypatch):
    clock = Clock(monkeypatch)
    sign_in(client, PASSWORD)
    signed_in_at = clock.now

    clock.advance(minutes=4)
    assert client.get("/admin/").status_code == 200
    assert stored_session(client).expire_date == signed_in_at + dt.timedelta(hours=8)

    clock.advance(minutes=2)
    assert client.get("/admin/").status_code == 200
    assert stored_session(client).expire_date == clock.now + dt.timedelta(hours=8)
    assert stored_session(client).get_decoded()[LAST_SEEN_SESSION_KEY] == int(clock.now.timestamp())


def test_after_eight_idle_hours_the_session_is_over(client, staff, monkeypatch):
    clock = Clock(monkeypatch)
    sign_in(client, PASSWORD)

    clock.advance(hours=7, minutes=59)
    assert client.get("/admin/").status_code == 200
    clock.advance(hours=8, seconds=1)
    response = client.get("/admin/")

    assert (response.status_code, response["Location"]) == (302, "/admin/login/?next=/admin/")


# --- The records in the admin ------------------------------------------------------------


def test_superusers_read_the_records_in_vietnamese_and_cannot_edit_them(admin_client, client, staff):
    fail(client, 5, REMOTE_ADDR=ATTACKER)
    attempt = AccessAttempt.objects.get()

    listing = admin_client.get("/admin/axes/accessattempt/")
    detail = admin_client.get(f"/admin/axes/accessattempt/{attempt.pk}/change/")

    assert listing.status_code == 200
    assert listing.context["title"] == "Chọn lượt đăng nhập sai để xem"
    assert admin_client.get("/admin/axes/accessattempt/add/").status_code == 403
    assert detail.context["has_change_permission"] is False
    for url in ("/admin/axes/accesslog/", "/admin/axes/accessfailurelog/"):
        assert admin_client.get(url).status_code == 200


def test_deleting_the_record_lifts_the_lockout_at_once(admin_client, client, staff):
    fail(client, 5, REMOTE_ADDR=ATTACKER)
    attempt = AccessAttempt.objects.get()

    admin_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})

    assert sign_in(client, PASSWORD, REMOTE_ADDR=ATTACKER).status_code == 302
