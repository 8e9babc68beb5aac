"""A record's history page in the browser: it fits the secretariat's laptop, and restores."""

import os

import pytest
from django.contrib.admin.sites import site

from committees.models import Organization
from portal.history import acting_as, audited, restore_fields
from portal.roles import SECRETARIAT
from tests.admin_forms import admin_url
from tests.browser import LAPTOP
from tests.committees.factories import OrganizationFactory
from tests.staff import in_role, member_of

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mat-khau-thu-ky-2025"
OVERFLOW = "document.scrollingElement.scrollWidth - window.innerWidth"


@audited
def organization_restore(*, organization, version, by):
    organization.save(update_fields=restore_fields(organization, version) or None)


def test_history_page_fits_a_laptop_and_restores_a_version(
    live_server, open_page, django_user_model, monkeypatch
):
    monkeypatch.setattr(
        type(site.get_model_admin(Organization)), "restore_service", staticmethod(organization_restore)
    )
    with acting_as(None, reason="Nạp dữ liệu mẫu"):
        academy = OrganizationFactory(name="Học viện Chính trị khu vực II", website="https://hcma2.org.vn")
    user = django_user_model.objects.create_user(
        "thuky", password=PASSWORD, is_staff=True, first_name="Trần Thị", last_name="Bình"
    )
    member_of(in_role(user, SECRETARIAT), academy)
    with acting_as(user):
        for number in range(25):
            academy.website = f"https://hcma2.org.vn/{'trang-gioi-thieu-rat-dai-' * 6}{number}"
            academy.description = "Giới thiệu học viện, lịch sử và chức năng. " * 30
            academy.save()

    page = open_page(LAPTOP)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "thuky")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(live_server.url + admin_url(Organization, "change", academy.pk))
    page.click("a.historylink")

    assert page.locator("table.audit-history tbody tr").count() == 20
    assert page.evaluate(OVERFLOW) <= 0
    assert "Trần Thị Bình" in page.locator("table.audit-history tbody tr").first.inner_text()
    if os.environ.get("SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['SCREENSHOTS']}/audit-history.png", full_page=True)

    page.goto(page.url + "?p=2")
    page.locator("a.button", has_text="Khôi phục phiên bản này").last.click()
    assert page.evaluate(OVERFLOW) <= 0
    if os.environ.get("SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['SCREENSHOTS']}/audit-restore.png", full_page=True)
    page.click("input[type=submit]")

    assert "Đã khôi phục" in page.locator(".messagelist").inner_text()
    academy.refresh_from_db()
    assert academy.website == "https://hcma2.org.vn"
    assert page.errors == []
