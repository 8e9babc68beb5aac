"""A secretariat user of one regional academy, in the browser: they enter their academy's events,
read the agreements theirs is party to, never meet another academy's records, and find their
change in the event's history (issue 16)."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from agreements.models import PartyRole
from committees.models import Organization, OrganizationKind, Role
from committees.services import person_create
from events.models import Event
from portal.roles import SECRETARIAT
from tests.agreements.factories import AgreementFactory
from tests.browser import LAPTOP
from tests.committees.factories import OrganizationFactory, PositionFactory
from tests.e2e.test_committees import choose_in_autocomplete
from tests.staff import in_role, member_of

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mat-khau-thu-ky-kv2-2026"
FULL_NAME = "Nguyễn Thị Thu Hà"
REGION_TWO = "Học viện Chính trị khu vực II"
REGION_FOUR = "Học viện Chính trị khu vực IV"
NATIONAL = "Học viện Chính trị quốc gia Hồ Chí Minh"

# Every autocomplete box of the admin where organisations (or people by their positions) are offered
# to a secretariat: (app, model, field) of the form holding the box.
ORGANIZATION_AUTOCOMPLETES = [
    ("events", "event", "host"),
    ("events", "event", "co_organizers"),
    ("events", "eventsite", "organization"),
    ("events", "award", "recipient_organization"),
    ("committees", "position", "organization"),
    ("committees", "steeringcommittee", "organization"),
    ("agreements", "agreementparty", "organization"),
    ("committees", "organization", "parent"),
    ("committees", "decision", "issuer_organization"),
    ("reports", "report", "organization"),
]
PERSON_AUTOCOMPLETES = [
    ("events", "eventchair", "person"),
    ("events", "speech", "person"),
    ("events", "award", "recipient_person"),
]


@pytest.fixture
def world():
    """The national academy over two regional ones, an agreement the national academy leads with
    KV II a member party, and a director of KV IV; the secretariat user of KV II."""
    national = OrganizationFactory(name=NATIONAL, kind=OrganizationKind.NATIONAL_ACADEMY)
    region_two = OrganizationFactory(name=REGION_TWO, parent=national)
    region_four = OrganizationFactory(name=REGION_FOUR, parent=national)
    agreement = AgreementFactory(
        title="Quy chế phối hợp giữa Học viện và các học viện khu vực", parties=[national, region_two]
    )
    assert agreement.parties.get(organization=region_two).role == PartyRole.MEMBER
    director = person_create(by=None, written_name="TS Phan Công Khanh")
    PositionFactory(person=director, role=Role.DIRECTOR, organization=region_four)
    user = User.objects.create_user(
        "thuky.kv2", password=PASSWORD, first_name="Nguyễn Thị Thu", last_name="Hà", is_staff=True
    )
    assert user.get_full_name() == FULL_NAME
    in_role(user, SECRETARIAT)
    member_of(user, region_two)
    return {"user": user, "region_two": region_two, "region_four": region_four, "agreement": agreement}


def sign_in(page, live_server, user):
    # A staff member without an authenticator app is not asked for a code (only superusers must have one).
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def autocomplete(page, live_server, app, model, field, term) -> list[str]:
    """The answers of the admin's autocomplete box `field` of `model`'s form to `term`, as the box asks."""
    query = urlencode({"app_label": app, "model_name": model, "field_name": field, "term": term})
    response = page.request.get(f"{live_server.url}/admin/autocomplete/?{query}")
    assert response.status == 200, (app, model, field, response.status)
    return [result["text"] for result in response.json()["results"]]


def offered(page) -> list[str]:
    """The options of the open select2 box, once it has answered."""
    options = page.locator(".select2-container--open .select2-results__option")
    expect(options.first).not_to_have_class("loading-results")
    expect(options.first).not_to_contain_text("Đang tìm")
    return [text.strip() for text in options.all_inner_texts()]


def type_in_autocomplete(page, select_id, typed) -> list[str]:
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", typed)
    page.wait_for_timeout(400)  # select2's delay before it asks
    answer = offered(page)
    page.keyboard.press("Escape")
    return answer


def no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"], page.url


def test_secretariat_of_region_two_enters_their_event_reads_shared_agreement_and_never_meets_region_four(
    live_server, open_page, world
):
    user, agreement = world["user"], world["agreement"]
    page = open_page(LAPTOP)
    sign_in(page, live_server, user)

    # 1. An event of their own academy, through the add form: the host box offers only theirs.
    page.goto(f"{live_server.url}/admin/events/event/add/")
    no_horizontal_scroll(page)
    hosts = type_in_autocomplete(page, "id_host", "Học viện")
    assert hosts == [REGION_TWO]
    for select_id in ("id_co_organizers", "id_sites-0-organization"):
        answer = type_in_autocomplete(page, select_id, "khu vực")
        assert REGION_FOUR not in answer and answer, (select_id, answer)
    assert type_in_autocomplete(page, "id_chairs-0-person", "Khanh") == ["Không tìm thấy kết quả"]

    page.fill("#id_title", "Hội thảo khoa học Học viện Chính trị khu vực II năm 2026")
    page.select_option("#id_kind", "conference")
    page.select_option("#id_purpose", "interim_review")
    page.select_option("#id_format", "in_person")
    page.fill("#id_start_date", "15/10/2026")
    choose_in_autocomplete(page, "id_host", "khu vực II", REGION_TWO)
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/events/event/")
    expect(page.locator(".messagelist .success")).to_have_count(1)
    event = Event.objects.get()
    assert event.host == world["region_two"]
    no_horizontal_scroll(page)

    # 2. The agreement the national academy leads, KV II a member party: in their list, read-only.
    page.goto(f"{live_server.url}/admin/agreements/agreement/")
    expect(page.locator("#result_list")).to_contain_text(agreement.title)
    page.goto(f"{live_server.url}/admin/agreements/agreement/{agreement.pk}/change/")
    expect(page.locator("h1")).to_be_visible()
    form = page.locator("#content-main form").first
    expect(form).to_contain_text(agreement.title)
    expect(page.locator(".submit-row input[type=submit], .submit-row button[type=submit]")).to_have_count(0)
    expect(page.locator("input[name=_save], input[name=_continue], input[name=_addanother]")).to_have_count(0)
    editable = "#content-main form :is(input:not([type=hidden]), select, textarea, button[type=submit])"
    expect(page.locator(editable)).to_have_count(0)
    # Django's inlines.js makes every inline's "add another" link, and shows only those allowed.
    expect(
        page.locator("#content-main :is(.add-row, .deletelink, .inline-deletelink):visible")
    ).to_have_count(0)
    no_horizontal_scroll(page)

    # 3. KV IV's records appear in no list and no autocomplete.
    page.goto(f"{live_server.url}/admin/committees/organization/?q=khu+v%E1%BB%B1c+IV")
    expect(page.locator("#content-main")).not_to_contain_text(REGION_FOUR)
    page.goto(f"{live_server.url}/admin/committees/organization/")
    expect(page.locator("#result_list")).to_contain_text(REGION_TWO)
    expect(page.locator("#content-main")).not_to_contain_text(REGION_FOUR)
    page.goto(f"{live_server.url}/admin/committees/person/?q=Khanh")
    expect(page.locator("#content-main")).not_to_contain_text("Phan Công Khanh")
    page.goto(f"{live_server.url}/admin/committees/position/")
    expect(page.locator("#content-main")).not_to_contain_text(REGION_FOUR)
    for app, model, field in ORGANIZATION_AUTOCOMPLETES:
        for term in ("khu vực IV", "khu vực", ""):
            answer = autocomplete(page, live_server, app, model, field, term)
            assert REGION_FOUR not in answer, (app, model, field, term, answer)
        assert REGION_TWO in autocomplete(page, live_server, app, model, field, "khu vực"), (
            app,
            model,
            field,
        )
    for app, model, field in PERSON_AUTOCOMPLETES:
        answer = autocomplete(page, live_server, app, model, field, "Khanh")
        assert not any("Khanh" in text for text in answer), (app, model, field, answer)
    page.goto(f"{live_server.url}/admin/committees/position/add/")
    assert REGION_FOUR not in type_in_autocomplete(page, "id_organization", "khu vực")

    # 4. The event's history shows their change, with their name.
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    page.click("a.historylink")
    page.wait_for_url(f"{live_server.url}/admin/events/event/{event.pk}/history/")
    expect(page.locator("#change-history tbody tr", has_text=FULL_NAME)).not_to_have_count(0)
    expect(page.locator("#content")).to_contain_text(event.title)
    no_horizontal_scroll(page)

    assert Organization.objects.filter(name=REGION_FOUR).exists()  # it was there to be found
    assert page.errors == []
