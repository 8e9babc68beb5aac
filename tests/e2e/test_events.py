import datetime as dt

import pytest
from django.contrib.auth.models import Permission, User
from django.db.models import Q
from playwright.sync_api import expect

from committees.models import OrganizationKind, Role
from committees.services import person_create
from events.models import Event
from tests.committees.factories import OrganizationFactory, PositionFactory, SteeringCommitteeFactory
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_committees import choose_in_autocomplete

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def secretariat_user():
    user = User.objects.create_user("thuky", password="mat-khau-thu-ky-2025", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            Q(content_type__app_label="events")
            | Q(content_type__app_label="committees", codename__startswith="view_")
        )
    )
    return user


@pytest.fixture
def registry():
    national = OrganizationFactory(
        name="Học viện Chính trị quốc gia Hồ Chí Minh", kind=OrganizationKind.NATIONAL_ACADEMY
    )
    region_four = OrganizationFactory(name="Học viện Chính trị khu vực IV", parent=national)
    committee = SteeringCommitteeFactory(organization=region_four)
    khanh = person_create(by=None, written_name="TS Phan Công Khanh")
    PositionFactory(person=khanh, role=Role.DIRECTOR, organization=region_four, order=1)
    PositionFactory(person=khanh, role=Role.HEAD, organization=None, committee=committee, order=2)
    quang = person_create(by=None, written_name="NGƯT, TS Huỳnh Thanh Quang")
    PositionFactory(person=quang, role=Role.DEPUTY_DIRECTOR, organization=region_four)
    loi = person_create(by=None, written_name="PGS,TS Lê Văn Lợi")
    PositionFactory(person=loi, role=Role.DEPUTY_DIRECTOR, organization=national)
    return national, region_four


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "mat-khau-thu-ky-2025")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_secretariat_enters_a_whole_online_conference_on_one_screen(
    live_server, open_page, secretariat_user, registry
):
    page = open_page(DESKTOP)
    log_in(page, live_server, secretariat_user)
    page.goto(f"{live_server.url}/admin/events/event/add/")

    page.fill("#id_title", "Hội nghị sơ kết Quy chế phối hợp khu vực Tây Nam Bộ")
    page.select_option("#id_kind", "conference")
    page.select_option("#id_purpose", "interim_review")
    page.select_option("#id_format", "online")
    page.fill("#id_start_date", "25/08/2021")
    page.fill("#id_start_time", "08:00")
    choose_in_autocomplete(page, "id_host", "khu vực IV", "Học viện Chính trị khu vực IV")

    choose_in_autocomplete(
        page, "id_sites-0-organization", "quốc gia", "Học viện Chính trị quốc gia Hồ Chí Minh"
    )
    page.click("#sites-group .add-row a")
    choose_in_autocomplete(page, "id_sites-1-organization", "khu vực IV", "Học viện Chính trị khu vực IV")
    page.check("#id_sites-1-is_main")

    choose_in_autocomplete(page, "id_chairs-0-person", "Khanh", "TS Phan Công Khanh")

    speeches = [("opening", "Khanh", "TS Phan Công Khanh"), ("report", "Quang", "NGƯT, TS Huỳnh Thanh Quang")]
    speeches.append(("directive", "Lợi", "PGS, TS Lê Văn Lợi"))
    for index, (role, typed, shown) in enumerate(speeches):
        if index:
            page.click("#speeches-group .add-row a")
        page.fill(f"#id_speeches-{index}-order", str(index + 1))
        page.select_option(f"#id_speeches-{index}-role", role)
        choose_in_autocomplete(page, f"id_speeches-{index}-person", typed, shown)

    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/events/event/")
    expect(page.locator(".messagelist .success")).to_have_count(1)

    event = Event.objects.get()
    assert (event.start_date, event.start_time) == (dt.date(2021, 8, 25), dt.time(8, 0))
    assert [s.is_main for s in event.sites.order_by("pk")] == [False, True]

    # A new event is a draft: readers get a 404 until the secretariat publishes it.
    reader = open_page(PHONE)
    assert reader.goto(f"{live_server.url}{event.get_absolute_url()}").status == 404
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    page.click("button.lifecycle[value=publish]")
    expect(page.locator(".messagelist .success")).to_contain_text("nay ở tình trạng “đã công bố”")

    phone = open_page(PHONE)
    phone.goto(f"{live_server.url}{event.get_absolute_url()}")
    main = phone.locator("main")
    expect(main).to_contain_text("25/08/2021")
    expect(main).to_contain_text("08:00")
    expect(main).to_contain_text(
        "TS Phan Công Khanh, Giám đốc Học viện Chính trị khu vực IV, Trưởng Ban Chỉ đạo 35"
    )
    expect(main).to_contain_text("NGƯT, TS Huỳnh Thanh Quang, Phó Giám đốc Học viện Chính trị khu vực IV")
    expect(main).to_contain_text("PGS, TS Lê Văn Lợi, Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh")
    order = main.inner_text()
    assert order.index("Huỳnh Thanh Quang, Phó") < order.index("Lê Văn Lợi, Phó")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    calendar = open_page(DESKTOP)
    calendar.goto(f"{live_server.url}/su-kien/lich/2021/8/")
    link = calendar.locator(f"a[href='{event.get_absolute_url()}']").first
    expect(link).to_contain_text("Hội nghị sơ kết Quy chế phối hợp")
    assert page.errors == phone.errors == calendar.errors == []
