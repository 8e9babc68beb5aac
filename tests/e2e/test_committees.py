import pytest
from django.contrib.auth.models import Permission, User
from playwright.sync_api import expect

from committees.models import OrganizationKind, Person
from tests.committees.factories import OrganizationFactory, SteeringCommitteeFactory
from tests.e2e.conftest import DESKTOP
from tests.staff import member_of

pytestmark = pytest.mark.django_db(transaction=True)

SECRETARIAT_PERMISSIONS = [
    "add_person",
    "change_person",
    "view_person",
    "add_position",
    "change_position",
    "view_position",
    "view_organization",
    "view_steeringcommittee",
    "view_team",
]


@pytest.fixture
def secretariat_user():
    user = User.objects.create_user("thuky", password="mat-khau-thu-ky-2025", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="committees", codename__in=SECRETARIAT_PERMISSIONS)
    )
    return user


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "mat-khau-thu-ky-2025")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def choose_in_autocomplete(page, select_id, typed, option):
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", typed)
    page.click(f".select2-container--open .select2-results__option:has-text('{option}')")


def test_secretariat_adds_a_person_with_two_positions_and_reads_the_title_line(
    live_server, open_page, secretariat_user
):
    academy = OrganizationFactory(
        name="Học viện Chính trị khu vực IV", kind=OrganizationKind.REGIONAL_ACADEMY
    )
    SteeringCommitteeFactory(organization=academy)
    member_of(secretariat_user, academy)  # the academy's secretariat enters its people
    page = open_page(DESKTOP)
    log_in(page, live_server, secretariat_user)

    page.goto(f"{live_server.url}/admin/committees/person/add/")
    assert page.locator("h1").inner_text() == "Thêm nhân sự"
    # Typed as the articles write it: the titles are split off on save.
    page.fill("#id_full_name", "NGƯT, TS Huỳnh Thanh Quang")

    page.select_option("#id_positions-0-role", "deputy_director")
    choose_in_autocomplete(page, "id_positions-0-organization", "khu vực IV", "Học viện Chính trị khu vực IV")
    page.fill("#id_positions-0-start_date", "01/01/2020")
    page.fill("#id_positions-0-order", "1")

    page.click(".inline-group .add-row a")
    page.select_option("#id_positions-1-role", "deputy_head")
    choose_in_autocomplete(
        page, "id_positions-1-committee", "Ban Chỉ đạo", "Ban Chỉ đạo 35 Học viện Chính trị khu vực IV"
    )
    page.fill("#id_positions-1-start_date", "15/03/2021")
    page.fill("#id_positions-1-order", "2")

    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/committees/person/")
    expect(page.locator(".messagelist .success")).to_have_count(1)

    person = Person.objects.get()
    assert (person.full_name, person.honorific, person.degree) == ("Huỳnh Thanh Quang", "NGƯT", "TS")
    assert sorted(str(p.start_date) for p in person.positions.all()) == ["2020-01-01", "2021-03-15"]

    page.goto(f"{live_server.url}/nhan-su/{person.slug}/")
    expect(page.locator("main")).to_contain_text(
        "NGƯT, TS Huỳnh Thanh Quang, Phó Giám đốc Học viện Chính trị khu vực IV, Phó Trưởng Ban Chỉ đạo 35"
    )
    assert page.errors == []
