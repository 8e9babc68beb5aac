import datetime as dt

import pytest
from django.contrib.auth.models import Permission, User
from django.db.models import Q
from playwright.sync_api import expect

from agreements.models import Agreement, AgreementParty, AgreementStatus
from agreements.services import agreement_transition
from committees.models import OrganizationKind
from tests.committees.factories import OrganizationFactory
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_committees import choose_in_autocomplete
from tests.e2e.test_events import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def secretariat_user():
    user = User.objects.create_user("thuky", password="mat-khau-thu-ky-2025", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            Q(content_type__app_label="agreements")
            | Q(content_type__app_label__in=["committees", "events"], codename__startswith="view_")
        )
    )
    return user


@pytest.fixture
def last_year():
    board = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy Nghệ An", kind=OrganizationKind.PROPAGANDA_BOARD)
    school = OrganizationFactory(
        name="Trường Chính trị tỉnh Nghệ An", kind=OrganizationKind.PROVINCIAL_SCHOOL
    )
    OrganizationFactory(name="Trung tâm Chính trị huyện Nam Đàn", kind=OrganizationKind.DISTRICT_CENTRE)
    programme = Agreement.objects.create(
        kind="programme",
        title="Chương trình phối hợp năm 2023-2024",
        slug="chuong-trinh-phoi-hop-nam-2023-2024",
        covers_from=dt.date(2023, 1, 1),
        covers_to=dt.date(2024, 12, 31),
    )
    AgreementParty.objects.create(agreement=programme, organization=board, role="lead")
    AgreementParty.objects.create(agreement=programme, organization=school, order=1)
    return agreement_transition(agreement=programme, to=AgreementStatus.IN_FORCE, by=None)


def test_secretariat_records_a_renewal_with_three_parties_and_two_tasks(
    live_server, open_page, secretariat_user, last_year
):
    page = open_page(DESKTOP)
    log_in(page, live_server, secretariat_user)
    page.goto(f"{live_server.url}/admin/agreements/agreement/add/")

    page.select_option("#id_kind", "programme")
    page.fill("#id_title", "Chương trình phối hợp năm 2025")
    page.fill("#id_signed_on", "19/11/2024")
    page.fill("#id_covers_from", "01/01/2025")
    page.fill("#id_covers_to", "31/12/2025")
    choose_in_autocomplete(page, "id_supersedes", "2023", "Chương trình phối hợp năm 2023-2024")

    names = [
        "Ban Tuyên giáo Tỉnh ủy Nghệ An",
        "Trường Chính trị tỉnh Nghệ An",
        "Trung tâm Chính trị huyện Nam Đàn",
    ]
    for index, name in enumerate(names):
        if index >= 2:
            page.click("#parties-group .add-row a")
        choose_in_autocomplete(page, f"id_parties-{index}-organization", name.split()[-2], name)
        page.select_option(f"#id_parties-{index}-role", "lead" if index == 0 else "member")
        page.fill(f"#id_parties-{index}-order", str(index))

    tasks = ["Phối hợp tổ chức hội thảo khoa học cấp tỉnh", "Biên soạn tài liệu bồi dưỡng cán bộ cấp xã"]
    for index, title in enumerate(tasks):
        page.click("#tasks-group .add-row a")
        page.fill(f"#id_tasks-{index}-title", title)
        page.fill(f"#id_tasks-{index}-order", str(index + 1))

    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_have_count(1)
    page.click("button.lifecycle[value=bring_into_force]")
    expect(page.locator(".messagelist .success")).to_have_count(1)

    renewal = Agreement.objects.get(title="Chương trình phối hợp năm 2025")
    assert renewal.status == AgreementStatus.IN_FORCE
    assert renewal.parties.count() == 3 and renewal.tasks.count() == 2
    assert Agreement.objects.get(pk=last_year.pk).status == AgreementStatus.REVISED

    phone = open_page(PHONE)
    phone.goto(f"{live_server.url}{renewal.get_absolute_url()}")
    main = phone.locator("main")
    for text in [*names, *tasks]:
        expect(main).to_contain_text(text)
    phone.locator(f"main a[href='{last_year.get_absolute_url()}']").first.click()
    expect(phone.locator("h1")).to_have_text("Chương trình phối hợp năm 2023-2024")
    expect(phone.locator(f"main a[href='{renewal.get_absolute_url()}']").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.errors == phone.errors == []
