"""The lists' filter forms on a phone fold behind a button, so the list comes first; on a laptop
they are shown. No script does it (templates/_filter_form.html, static/css/site.css)."""

import pytest
from playwright.sync_api import expect

from committees.models import Role
from committees.services import person_create
from tests.committees.factories import OrganizationFactory, PositionFactory
from tests.e2e.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lam():
    person = person_create(by=None, written_name="PGS,TS Hoàng Phúc Lâm")
    PositionFactory(
        person=person,
        role=Role.DIRECTOR,
        organization=OrganizationFactory(name="Học viện Chính trị khu vực IV"),
    )
    return person


def test_filter_form_folds_on_a_phone_and_opens_with_its_button(live_server, open_page, lam):
    phone = open_page(PHONE)
    phone.goto(f"{live_server.url}/nhan-su/")

    name = phone.get_by_label("Tên")
    expect(name).to_be_hidden()
    person = phone.get_by_role("link", name="PGS, TS Hoàng Phúc Lâm")
    expect(person).to_be_in_viewport()

    phone.get_by_text("Tìm nhân sự").click()
    expect(name).to_be_visible()
    name.fill("hoang lam")
    phone.get_by_role("button", name="Lọc").click()

    # A filter applied: the form stays open, above what it found.
    expect(phone.get_by_label("Tên")).to_be_visible()
    expect(phone.get_by_text("(đang lọc)")).to_be_visible()
    expect(phone.locator(".people-list__name mark")).to_have_text(["Hoàng", "Lâm"])
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.errors == []


def test_filter_form_is_shown_without_a_button_on_a_laptop(live_server, open_page, lam):
    laptop = open_page(DESKTOP)
    laptop.goto(f"{live_server.url}/su-kien/")

    expect(laptop.get_by_label("Loại")).to_be_visible()
    expect(laptop.get_by_text("Lọc sự kiện", exact=True)).to_be_hidden()
    assert laptop.errors == []
