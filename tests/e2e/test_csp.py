"""Every page works under the enforced Content-Security-Policy, in Chromium.

The demo data is loaded, then every public page is opened at phone width and the admin at
1,366 × 768, with the widgets staff use (calendar, autocomplete, inline rows, the lifecycle
buttons). Any violation the browser reports fails the test (tests/browser.py).
"""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from agreements.models import Agreement
from committees.models import Decision, LegalDocument, Organization, Person
from events.models import Event
from tests.browser import LAPTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mat-khau-thu-ky-2025"


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


@pytest.fixture
def secretariat():
    """A staff member holding every permission of the portal's apps (not a superuser)."""
    user = User.objects.create_user("thuky", password=PASSWORD, is_staff=True)
    labels = ["committees", "events", "agreements", "reports"]
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=labels))
    return user


def assert_strict_policy(response):
    policy = dict(
        part.strip().split(" ", 1) for part in response.headers["content-security-policy"].split(";")
    )
    script_sources = policy["script-src"].split()
    assert "'unsafe-inline'" not in script_sources and "'unsafe-eval'" not in script_sources
    assert set(script_sources) - {"'self'"} <= {s for s in script_sources if s.startswith("'nonce-")}
    assert (policy["object-src"], policy["base-uri"], policy["frame-ancestors"], policy["form-action"]) == (
        "'none'",
        "'none'",
        "'none'",
        "'self'",
    )


def public_urls() -> list[str]:
    urls = ["/", "/to-chuc/", "/van-ban/", "/su-kien/", "/su-kien/lich/2021/8/", "/phoi-hop/"]
    for model in (Organization, Person, Decision, LegalDocument, Event, Agreement):
        urls += [record.get_absolute_url() for record in model.objects.all()]
    return urls


def test_every_public_page_works_under_the_policy_on_a_phone(live_server, open_page, demo):
    page = open_page(PHONE)
    urls = public_urls()
    assert len(urls) > 50

    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert_strict_policy(response)
    # The 404 page too, with its own status.
    response = page.goto(live_server.url + "/khong-co-trang-nay/")
    assert response.status == 404
    assert_strict_policy(response)
    page.errors.remove(f"404 {live_server.url}/khong-co-trang-nay/")
    page.errors[:] = [error for error in page.errors if not error.startswith("Failed to load resource")]

    assert page.errors == []


def admin_urls() -> list[str]:
    urls = [reverse("admin:index"), reverse("admin:agreements_agreement_dashboard")]
    for app_label in ("committees", "events", "agreements", "reports"):
        for model in apps.get_app_config(app_label).get_models():
            if not admin.site.is_registered(model):
                continue
            info = (app_label, model._meta.model_name)
            urls.append(reverse("admin:{}_{}_changelist".format(*info)))
            record = model._default_manager.order_by("pk").first()
            if record is not None:
                urls.append(reverse("admin:{}_{}_change".format(*info), args=[record.pk]))
    organization = Organization.objects.order_by("pk").first()
    urls += [
        reverse("admin:committees_organization_rename", args=[organization.pk]),
        reverse("admin:committees_organization_close", args=[organization.pk]),
    ]
    return urls


def test_the_admin_works_under_the_policy_at_laptop_size(live_server, open_page, demo, secretariat):
    page = open_page(LAPTOP)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", secretariat.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    for url in admin_urls():
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert_strict_policy(response)

    # The widgets of the event screen: calendar, autocomplete, a new inline row.
    page.goto(f"{live_server.url}/admin/events/event/add/")
    page.click("#id_start_date + .datetimeshortcuts a:has-text('Hôm nay')")
    expect(page.locator("#id_start_date")).not_to_have_value("")
    page.locator(".datetimeshortcuts .date-icon").first.click()
    expect(page.locator(".calendarbox").first).to_be_visible()
    page.keyboard.press("Escape")
    page.click("#id_host + .select2")
    page.keyboard.type("khu vực IV")
    # Exactly this name: "Đảng ủy Học viện Chính trị khu vực IV" is an answer too.
    expect(page.get_by_role("option", name="Học viện Chính trị khu vực IV", exact=True)).to_be_visible()
    page.keyboard.press("Enter")
    page.click("#photos-group .add-row a")
    expect(page.locator("#photos-group tr.dynamic-photos")).to_have_count(1)

    # A lifecycle button of an agreement: a POST of its own, then the page again.
    draft = Agreement.objects.create(
        title="Quy chế phối hợp (dự thảo)", slug="quy-che-du-thao", kind="regulation"
    )
    page.goto(f"{live_server.url}{reverse('admin:agreements_agreement_change', args=[draft.pk])}")
    buttons = page.locator("button.lifecycle")
    assert buttons.count() >= 1
    buttons.first.click()
    expect(page.locator(".messagelist li")).to_have_count(1)

    assert [error for error in page.errors if re.match(r"CSP|Refused", error)] == []
    assert page.errors == []
