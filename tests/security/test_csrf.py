"""Every state-changing admin view refuses a POST without the CSRF token, and changes nothing.

As a page on another site would post it: a signed-in session (verified by its second step),
the browser's cookie, but no token of ours.
"""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement
from committees.models import Organization
from tests.rows import row_counts

pytestmark = pytest.mark.django_db

APPS = ("committees", "events", "agreements", "auth")


@pytest.fixture
def demo(demo_data):
    """The demo data, loaded once for the module (tests/conftest.py)."""


@pytest.fixture
def attacker_client(admin_client):
    """The superuser's own session and CSRF cookie, in a client that checks CSRF as browsers'
    requests are checked: what a page on another site posting to the portal would send, but
    for the token, which only the portal's own pages hold."""
    client = Client(enforce_csrf_checks=True)
    client.cookies = admin_client.cookies
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.cookies["csrftoken"].value
    return client


def state_changing_urls() -> list[tuple[str, dict]]:
    urls = []
    for model in admin.site._registry:
        if model._meta.app_label not in APPS:
            continue
        info = (model._meta.app_label, model._meta.model_name)
        record = model._default_manager.order_by("pk").first()
        urls.append((reverse("admin:{}_{}_add".format(*info)), {}))
        if record is not None:
            urls.append((reverse("admin:{}_{}_change".format(*info), args=[record.pk]), {}))
            urls.append((reverse("admin:{}_{}_delete".format(*info), args=[record.pk]), {"post": "yes"}))
            action = {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"}
            urls.append((reverse("admin:{}_{}_changelist".format(*info)), action))
    agreement = Agreement.objects.order_by("pk").first()
    organization = Organization.objects.order_by("pk").first()
    urls += [
        (reverse("admin:agreements_agreement_transition", args=[agreement.pk, "terminate"]), {}),
        (reverse("admin:committees_organization_rename", args=[organization.pk]), {"name": "Tên mới"}),
        (reverse("admin:committees_organization_close", args=[organization.pk]), {"kind": "dissolved"}),
        (
            reverse("admin:reports_summary_start"),
            {"scope_kind": "system", "period_kind": "year", "year": "2020"},
        ),
        (reverse("admin:two_factor"), {}),
        (reverse("admin:two_factor_backup_codes"), {}),
        (reverse("admin:two_factor_disable"), {"password": "password"}),
        (reverse("admin:password_change"), {"old_password": "password", "new_password1": "x" * 20}),
        (reverse("admin:logout"), {}),
    ]
    return urls


def test_every_state_changing_admin_view_refuses_a_post_without_the_token(demo, attacker_client):
    urls = state_changing_urls()
    assert len(urls) > 40
    before = row_counts(*APPS, "reports", "otp_totp", "otp_static", "sessions")

    answers = {url: attacker_client.post(url, data).status_code for url, data in urls}

    assert {url: status for url, status in answers.items() if status != 403} == {}
    assert row_counts(*APPS, "reports", "otp_totp", "otp_static", "sessions") == before


def test_the_sign_in_form_refuses_a_post_without_the_token(admin_user):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("admin:login"), {"username": "admin", "password": "password"})

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
