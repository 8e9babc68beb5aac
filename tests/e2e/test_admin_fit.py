"""Every admin form fits the secretariat's laptop: 1,366 × 768, no horizontal scrolling.

The models are read from the admin site's registry, so a model registered later is checked
without a change here. Each one's add form is opened (where staff may add), and its change form
for the demo record with the most inline rows (the widest a form gets) and for the latest one.
"""

import re
from collections import Counter

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.forms.models import _get_foreign_key
from django.test import RequestFactory
from django.urls import reverse

from tests.browser import LAPTOP
from tests.two_factor import enrol

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mat-khau-thu-ky-2025"
OVERFLOW = "document.scrollingElement.scrollWidth - window.innerWidth"


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


@pytest.fixture
def staff(otp_clock):
    """A staff member holding every permission (not a superuser), the users' and groups'
    included: they sign in with their authenticator app's code, as such staff must."""
    user = User.objects.create_user("thuky", password=PASSWORD, is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    device, _codes = enrol(user)
    user.code = lambda: otp_clock.code(device)
    return user


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/login/verify/"))
    page.fill("#id_code", user.code())
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def records_to_open(model_admin, request) -> list:
    """The record with the most inline rows and the latest record, each once."""
    queryset = model_admin.get_queryset(request)
    rows: Counter = Counter()
    for inline in model_admin.get_inline_instances(request):
        fk = _get_foreign_key(model_admin.model, inline.model, fk_name=inline.fk_name)
        keys = inline.model._default_manager.values_list(fk.attname, flat=True)
        rows.update(key for key in keys if key is not None)
    keys = [key for key, _count in rows.most_common(1)]
    latest = queryset.order_by("-pk").values_list("pk", flat=True).first()
    if latest is not None and latest not in keys:
        keys.append(latest)
    return keys


def form_urls(user) -> list[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    urls = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        if model_admin.has_view_permission(request):
            urls += [
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(key)])
                for key in records_to_open(model_admin, request)
            ]
    return urls


def test_every_admin_form_fits_a_laptop_screen(live_server, open_page, demo, staff):
    page = open_page(LAPTOP)
    log_in(page, live_server, staff)
    urls = form_urls(staff)
    assert len(urls) > 30  # every registered model: add forms, and change forms of the demo

    offenders, failures = [], []
    for url in urls:
        response = page.goto(live_server.url + url)
        if response.status != 200:
            failures.append(f"{response.status} {url}")
            continue
        overflow = page.evaluate(OVERFLOW)
        if overflow > 0:
            offenders.append(f"{url} is {overflow}px wider than the screen")

    assert failures == []
    assert offenders == [], "\n".join(offenders)
