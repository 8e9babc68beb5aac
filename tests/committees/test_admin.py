import datetime as dt

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode

import committees.admin.people as people_admin
from committees.models import (
    Decision,
    LegalDocument,
    Organization,
    OrganizationChange,
    OrganizationChangeKind,
    OrganizationKind,
    OrganizationName,
    Person,
    Position,
    Province,
    Region,
    Role,
    SteeringCommittee,
    Team,
)
from committees.services import organization_close, person_create, province_merge
from portal import scoping
from tests.admin_forms import admin_url, change_form_data, form_errors
from tests.committees.factories import (
    DecisionFactory,
    LegalDocumentFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    ProvinceFactory,
    RegionFactory,
    SteeringCommitteeFactory,
    TeamFactory,
)
from tests.files import pdf_bytes
from tests.staff import member_of

pytestmark = pytest.mark.django_db

REGISTERED = [
    model for model in apps.get_app_config("committees").get_models() if admin.site.is_registered(model)
]
NOT_A_PDF = "Theo nội dung, tệp không phải là PDF, dù tên tệp ghi thế nào."
REQUIRED = "Trường này là bắt buộc."
CHOOSE_VALID = "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."
INLINE_MANAGEMENT = {
    "positions-INITIAL_FORMS": "0",
    "positions-MIN_NUM_FORMS": "0",
    "positions-MAX_NUM_FORMS": "1000",
}


def model_id(model) -> str:
    return model._meta.model_name


def inline_errors(response) -> list:
    return [formset.formset.errors for formset in response.context["inline_admin_formsets"]]


@pytest.fixture
def academy():
    return OrganizationFactory(
        name="Học viện Chính trị quốc gia Hồ Chí Minh", kind=OrganizationKind.NATIONAL_ACADEMY
    )


@pytest.fixture
def committee(academy):
    return SteeringCommitteeFactory(organization=academy)


def stored_files(root) -> list:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


# --- Every page loads, every page is allowed only with permissions ------------------------


def test_the_registry_admin_covers_every_model_staff_enter():
    assert set(REGISTERED) == {
        Region,
        Province,
        Organization,
        Person,
        Position,
        SteeringCommittee,
        Team,
        Decision,
        LegalDocument,
    }


@pytest.mark.parametrize("model", REGISTERED, ids=model_id)
def test_changelist_and_add_page_load(admin_client, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=model_id)
def test_staff_without_permissions_can_neither_list_nor_add(client, django_user_model, model):
    staff = django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    client.force_login(staff)

    assert client.get(admin_url(model, "changelist")).status_code == 403
    assert client.get(admin_url(model, "add")).status_code == 403
    assert client.post(admin_url(model, "add"), {}).status_code == 403


def test_staff_who_may_only_view_people_cannot_add_one(client, django_user_model):
    staff = django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_person"))
    client.force_login(staff)
    person = PersonFactory(full_name="Hoàng Phúc Lâm")

    assert client.get(admin_url(Person, "changelist")).status_code == 200
    assert client.get(admin_url(Person, "change", person.pk)).status_code == 200
    assert client.post(admin_url(Person, "add"), {"full_name": "Lê Văn Lợi"}).status_code == 403
    assert client.post(admin_url(Person, "delete", person.pk), {"post": "yes"}).status_code == 403
    assert list(Person.objects.values_list("full_name", flat=True)) == ["Hoàng Phúc Lâm"]


def test_autocomplete_refuses_staff_without_view_permission(client, django_user_model):
    staff = django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    client.force_login(staff)
    params = {"app_label": "committees", "model_name": "position", "field_name": "person", "term": ""}

    assert client.get(reverse("admin:autocomplete"), params).status_code == 403


# --- Changelists run a fixed number of queries ------------------------------------------------


def _person_row():
    academy = OrganizationFactory()
    OrganizationName.objects.create(organization=academy, name="Tên cũ", valid_to=dt.date(2020, 1, 1))
    party = OrganizationFactory(kind=OrganizationKind.PARTY_COMMITTEE, short_name="Đảng ủy", parent=academy)
    team = TeamFactory(committee=SteeringCommitteeFactory(organization=academy))
    person = PersonFactory()
    PositionFactory(person=person, role=Role.DEPUTY_SECRETARY, organization=party, order=1)
    PositionFactory(person=person, role=Role.DEPUTY_DIRECTOR, organization=academy, order=2)
    PositionFactory(
        person=person, role=Role.DEPUTY_HEAD, organization=None, committee=team.committee, order=3
    )
    PositionFactory(person=person, role=Role.TEAM_LEADER, organization=None, team=team, order=4)


def _position_rows():
    """A position in each kind of body, the organisation having had another name."""
    academy = OrganizationFactory()
    OrganizationName.objects.create(organization=academy, name="Tên cũ", valid_to=dt.date(2020, 1, 1))
    team = TeamFactory(committee=SteeringCommitteeFactory(organization=academy))
    PositionFactory(organization=academy, start_date=dt.date(2019, 1, 1))
    PositionFactory(organization=None, committee=team.committee)
    PositionFactory(organization=None, team=team)


ROW_BUILDERS = {
    Region: RegionFactory,
    Province: lambda: ProvinceFactory(merged_into=ProvinceFactory(), valid_to=dt.date(2025, 6, 30)),
    Organization: lambda: OrganizationFactory(
        parent=OrganizationFactory(), province=ProvinceFactory(), region=RegionFactory()
    ),
    Person: _person_row,
    SteeringCommittee: lambda: SteeringCommitteeFactory(
        founding_decision=DecisionFactory(issuer_committee=None, issuer_organization=OrganizationFactory())
    ),
    Team: TeamFactory,
    Position: _position_rows,
    Decision: lambda: DecisionFactory(issued_on=dt.date(2025, 6, 5), signer=PersonFactory()),
    LegalDocument: lambda: LegalDocumentFactory(issued_on=dt.date(2018, 10, 22)),
}
# Session, user, the device that verified the session, two counts, the rows; then one per
# list filter reading a table, two for the date hierarchy, and for people one for positions
# and one per organisation-name history; for positions one list filter per kind of body, and
# the three bodies' name histories.
MAX_CHANGELIST_QUERIES = {
    Region: 6,
    Province: 7,
    Organization: 8,
    Person: 11,
    SteeringCommittee: 6,
    Team: 7,
    Position: 12,
    Decision: 10,
    LegalDocument: 9,
}


@pytest.mark.parametrize("model", REGISTERED, ids=model_id)
def test_changelist_queries_do_not_grow_with_rows(admin_client, django_assert_max_num_queries, model):
    url = admin_url(model, "changelist")
    ROW_BUILDERS[model]()
    with CaptureQueriesContext(connection) as one_row:
        assert admin_client.get(url).status_code == 200
    for _ in range(4):
        ROW_BUILDERS[model]()

    with django_assert_max_num_queries(MAX_CHANGELIST_QUERIES[model]) as five_rows:
        response = admin_client.get(url)

    assert response.context["cl"].result_count >= 5
    assert len(five_rows) == len(one_row)


# --- People -------------------------------------------------------------------------------------


def test_adding_a_person_with_two_concurrent_positions_stores_the_parsed_titles(
    admin_client, academy, committee
):
    response = admin_client.post(
        admin_url(Person, "add"),
        {
            "full_name": "PGS,TS Hoàng Phúc Lâm",
            "slug": "",
            "positions-TOTAL_FORMS": "2",
            **INLINE_MANAGEMENT,
            "positions-0-role": Role.DEPUTY_DIRECTOR,
            "positions-0-organization": academy.pk,
            "positions-0-start_date": "01/01/2016",
            "positions-0-order": "2",
            "positions-0-in_title_line": "on",
            "positions-1-role": Role.DEPUTY_HEAD,
            "positions-1-committee": committee.pk,
            "positions-1-start_date": "25/08/2021",
            "positions-1-order": "3",
            "positions-1-in_title_line": "on",
        },
    )

    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.full_name, person.honorific, person.academic_title, person.degree, person.slug) == (
        "Hoàng Phúc Lâm",
        "",
        "PGS",
        "TS",
        "hoang-phuc-lam",
    )
    assert list(
        person.positions.order_by("order").values_list(
            "role", "organization", "committee", "team", "start_date", "end_date"
        )
    ) == [
        (Role.DEPUTY_DIRECTOR, academy.pk, None, None, dt.date(2016, 1, 1), None),
        (Role.DEPUTY_HEAD, None, committee.pk, None, dt.date(2021, 8, 25), None),
    ]


def test_changing_a_person_and_their_positions_in_the_admin_goes_through_the_services(
    admin_client, academy, committee, monkeypatch
):
    person = PersonFactory(full_name="Hoàng Phúc Lâm", slug="hoang-phuc-lam")
    old = PositionFactory(person=person, role=Role.DEPUTY_DIRECTOR, organization=academy)
    calls = []
    for name in ("person_save", "position_save", "position_delete"):
        service = getattr(people_admin, name)

        def recorded(*, _service=service, _name=name, **kwargs):
            calls.append((_name, str(next(iter(kwargs.values())))))
            return _service(**kwargs)

        monkeypatch.setattr(people_admin, name, recorded)
    data = change_form_data(admin_client.get(admin_url(Person, "change", person.pk)))
    data |= {
        "bio": "Phó Giám đốc Học viện.",
        "positions-0-DELETE": "on",
        "positions-TOTAL_FORMS": "2",
        "positions-1-role": Role.DEPUTY_HEAD,
        "positions-1-committee": committee.pk,
        "positions-1-start_date": "25/08/2021",
        "positions-1-order": "3",
        "positions-1-in_title_line": "on",
    }

    response = admin_client.post(admin_url(Person, "change", person.pk), data)

    assert response.status_code == 302, form_errors(response)
    person.refresh_from_db()
    assert person.bio == "Phó Giám đốc Học viện."
    [new] = person.positions.all()
    assert (new.role, new.committee_id) == (Role.DEPUTY_HEAD, committee.pk)
    assert calls == [
        ("person_save", str(person)),
        ("position_save", str(new)),
        ("position_delete", str(old)),
    ]


def test_a_person_added_in_the_admin_is_created_by_the_service_with_the_staff_member_in_the_history(
    admin_client, admin_user, monkeypatch
):
    calls = []
    monkeypatch.setattr(
        people_admin, "person_create", lambda **kwargs: calls.append(kwargs) or person_create(**kwargs)
    )

    response = admin_client.post(
        admin_url(Person, "add"),
        {"full_name": "PGS,TS Hoàng Phúc Lâm", "bio": "Sinh năm 1970.", "positions-TOTAL_FORMS": "0"}
        | INLINE_MANAGEMENT,
    )

    person = Person.objects.get()
    assert response.status_code == 302
    assert response.url == admin_url(Person, "changelist")
    assert [call["by"] for call in calls] == [admin_user]
    entries = LogEntry.objects.filter(object_id=str(person.pk))
    assert [(entry.user, entry.action_flag, entry.get_change_message()) for entry in entries] == [
        (admin_user, ADDITION, "Được thêm.")
    ]


def test_a_title_chosen_in_its_field_wins_over_the_one_typed_in_the_name(admin_client):
    response = admin_client.post(
        admin_url(Person, "add"),
        {"full_name": "NGƯT, TS Huỳnh Thanh Quang", "degree": "ThS", "positions-TOTAL_FORMS": "0"}
        | INLINE_MANAGEMENT,
    )

    assert response.status_code == 302
    assert Person.objects.values_list("full_name", "honorific", "academic_title", "degree").get() == (
        "Huỳnh Thanh Quang",
        "NGƯT",
        "",
        "ThS",
    )


def test_person_changelist_shows_the_name_and_the_positions_held_today(admin_client, academy, committee):
    person = PersonFactory(full_name="Hoàng Phúc Lâm", academic_title="PGS", degree="TS")
    PositionFactory(person=person, role=Role.DEPUTY_DIRECTOR, organization=academy, order=2)
    PositionFactory(person=person, role=Role.DEPUTY_HEAD, organization=None, committee=committee, order=3)
    PositionFactory(person=person, role=Role.DIRECTOR, organization=academy, end_date=dt.date(2015, 12, 31))

    response = admin_client.get(admin_url(Person, "changelist"))

    content = response.content.decode()
    assert f'<a href="{admin_url(Person, "change", person.pk)}">PGS, TS Hoàng Phúc Lâm</a>' in content
    assert (
        '<td class="field-current_positions">Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh, '
        "Phó Trưởng Ban Chỉ đạo 35</td>"
    ) in content


@pytest.mark.parametrize(
    ("written", "error"),
    [("", REQUIRED), ("   ", REQUIRED), ("PGS, TS", "Phải nhập họ và tên.")],
    ids=["empty", "spaces", "titles-only"],
)
def test_a_person_without_a_name_is_refused(admin_client, written, error):
    response = admin_client.post(
        admin_url(Person, "add"), {"full_name": written, "positions-TOTAL_FORMS": "0"} | INLINE_MANAGEMENT
    )

    assert response.status_code == 200
    assert form_errors(response) == {"full_name": [error]}
    assert Person.objects.count() == 0


def test_a_position_ending_before_it_starts_is_refused_and_nothing_saved(admin_client, academy):
    response = admin_client.post(
        admin_url(Person, "add"),
        {
            "full_name": "Lê Văn Lợi",
            "positions-TOTAL_FORMS": "1",
            **INLINE_MANAGEMENT,
            "positions-0-role": Role.DIRECTOR,
            "positions-0-organization": academy.pk,
            "positions-0-start_date": "01/01/2020",
            "positions-0-end_date": "31/12/2019",
            "positions-0-order": "0",
        },
    )

    assert response.status_code == 200
    assert inline_errors(response) == [[{"__all__": ["Ngày kết thúc chức vụ không thể trước ngày bắt đầu."]}]]
    assert (Person.objects.count(), Position.objects.count()) == (0, 0)


def test_a_refused_form_shows_again_the_bodies_chosen_in_its_rows(admin_client, academy, committee):
    # The rows' autocomplete boxes read what was posted, for every row at once.
    response = admin_client.post(
        admin_url(Person, "add"),
        {
            "full_name": "Lê Văn Lợi",
            "positions-TOTAL_FORMS": "2",
            **INLINE_MANAGEMENT,
            "positions-0-role": Role.DIRECTOR,
            "positions-0-organization": academy.pk,
            "positions-0-start_date": "01/01/2020",
            "positions-0-end_date": "31/12/2019",
            "positions-0-order": "0",
            "positions-1-role": Role.MEMBER,
            "positions-1-committee": committee.pk,
            "positions-1-order": "1",
        },
    )

    rows = response.context["inline_admin_formsets"][0].formset.forms
    content = response.content.decode()
    assert [row["organization"].value() for row in rows] == [str(academy.pk), None]
    assert f'<option value="{academy.pk}" selected>{academy.name}</option>' in content
    assert f'<option value="{committee.pk}" selected>{committee}</option>' in content


def test_a_position_in_two_bodies_at_once_is_refused(admin_client, academy, committee):
    response = admin_client.post(
        admin_url(Person, "add"),
        {
            "full_name": "Lê Văn Lợi",
            "positions-TOTAL_FORMS": "1",
            **INLINE_MANAGEMENT,
            "positions-0-role": Role.MEMBER,
            "positions-0-organization": academy.pk,
            "positions-0-committee": committee.pk,
            "positions-0-order": "0",
        },
    )

    assert inline_errors(response) == [[{"__all__": ["Chọn đúng một trong: tổ chức, ban chỉ đạo, tổ."]}]]
    assert Person.objects.count() == 0


# --- Positions: a list of their own, linked from the bodies they are held in -------------------


def position_list(**filters) -> str:
    return admin_url(Position, "changelist") + "?" + urlencode(filters)


def panel(response) -> dict | None:
    return response.context["positions_panel"]


def test_the_organisation_page_links_to_its_positions_with_their_count_instead_of_listing_them(
    admin_client, academy
):
    held = [
        PositionFactory(organization=academy, role=role) for role in (Role.DIRECTOR, Role.DEPUTY_DIRECTOR)
    ]
    PositionFactory()  # elsewhere

    response = admin_client.get(admin_url(Organization, "change", academy.pk))
    listed = admin_client.get(panel(response)["list_url"])

    assert panel(response)["text"] == "2 chức vụ — xem danh sách"
    assert panel(response)["list_url"] == position_list(organization__id__exact=academy.pk)
    assert f'href="{panel(response)["list_url"]}"' in response.content.decode()
    assert [inline.formset.prefix for inline in response.context["inline_admin_formsets"]] == [
        "former_names",
        "changes",
        "sources-citation-subject_type-subject_id",
    ]
    assert sorted(listed.context["cl"].result_list, key=lambda position: position.pk) == held


@pytest.mark.parametrize(("body", "field"), [(SteeringCommittee, "committee"), (Team, "team")])
def test_committee_and_team_pages_link_to_their_members(admin_client, committee, body, field):
    record = committee if body is SteeringCommittee else TeamFactory(committee=committee)
    member = PositionFactory(organization=None, **{field: record})
    PositionFactory(organization=None, committee=SteeringCommitteeFactory())  # another committee's

    response = admin_client.get(admin_url(body, "change", record.pk))
    listed = admin_client.get(panel(response)["list_url"])

    assert panel(response)["heading"] == "Thành viên"
    assert panel(response)["text"] == "1 thành viên — xem danh sách"
    assert panel(response)["list_url"] == position_list(**{f"{field}__id__exact": record.pk})
    assert list(listed.context["cl"].result_list) == [member]


def test_the_count_is_written_with_the_vietnamese_thousands_separator():
    organization_admin = admin.site.get_model_admin(Organization)

    with translation.override("vi"):
        assert organization_admin.positions_text(1947) == "1.947 chức vụ — xem danh sách"


def test_the_add_link_opens_the_position_form_with_the_organisation_chosen_and_comes_back_to_its_list(
    admin_client, academy
):
    person = PersonFactory(full_name="Hoàng Phúc Lâm")
    add_url = panel(admin_client.get(admin_url(Organization, "change", academy.pk)))["add_url"]

    form = admin_client.get(add_url).context["adminform"].form
    saved = admin_client.post(
        add_url,
        {"person": person.pk, "role": Role.DEPUTY_DIRECTOR, "organization": academy.pk, "order": "2"},
    )

    assert form["organization"].value() == str(academy.pk)
    assert saved.status_code == 302
    assert saved.url == position_list(organization__id__exact=academy.pk)
    assert list(Position.objects.values_list("person", "role", "organization", "committee", "team")) == [
        (person.pk, Role.DEPUTY_DIRECTOR, academy.pk, None, None)
    ]


def test_a_position_in_two_bodies_is_refused_on_its_own_form_too(admin_client, academy, committee):
    response = admin_client.post(
        admin_url(Position, "add"),
        {
            "person": PersonFactory().pk,
            "role": Role.MEMBER,
            "organization": academy.pk,
            "committee": committee.pk,
            "order": "0",
        },
    )

    assert form_errors(response) == {"__all__": ["Chọn đúng một trong: tổ chức, ban chỉ đạo, tổ."]}
    assert Position.objects.count() == 0


def test_the_positions_list_filters_those_held_today_and_searches_by_name(admin_client, academy):
    today = timezone.localdate()
    held = PositionFactory(
        organization=academy, person=PersonFactory(full_name="Lê Văn Lợi"), start_date=dt.date(2021, 1, 1)
    )
    PositionFactory(
        organization=academy,
        person=PersonFactory(full_name="Nguyễn Xuân Thắng"),
        start_date=dt.date(2010, 1, 1),
        end_date=today - dt.timedelta(days=1),
    )
    reported = PositionFactory(
        organization=academy,
        person=PersonFactory(full_name="Phan Công Khanh"),
        reported_on=dt.date(2021, 8, 30),
    )

    held_today = admin_client.get(position_list(organization__id__exact=academy.pk, held="today"))
    reported_only = admin_client.get(position_list(organization__id__exact=academy.pk, held="reported"))
    found = admin_client.get(position_list(q="Lê Văn"))

    assert list(held_today.context["cl"].result_list) == [held]
    assert list(reported_only.context["cl"].result_list) == [reported]
    assert list(found.context["cl"].result_list) == [held]


def test_the_positions_list_shows_a_position_without_dates_as_reported_on_its_source_date(
    admin_client, academy
):
    PositionFactory(organization=academy, reported_on=dt.date(2021, 8, 30))
    PositionFactory(organization=academy, start_date=dt.date(2022, 1, 1))
    PositionFactory(organization=academy)

    page = admin_client.get(position_list(organization__id__exact=academy.pk)).content.decode()

    assert '<td class="field-period">theo tin ngày 30/08/2021</td>' in page
    assert '<td class="field-period">từ 01/01/2022</td>' in page
    assert '<td class="field-period">theo nguồn tin không ghi ngày</td>' in page


def test_staff_without_view_permission_on_positions_get_403_and_no_link(client, django_user_model, academy):
    staff = django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_organization"))
    member_of(staff, academy)
    client.force_login(staff)
    PositionFactory(organization=academy)

    page = client.get(admin_url(Organization, "change", academy.pk))

    assert client.get(position_list(organization__id__exact=academy.pk)).status_code == 403
    assert client.get(admin_url(Position, "add")).status_code == 403
    assert page.status_code == 200
    assert panel(page) is None
    assert admin_url(Position, "changelist") not in page.content.decode()


def test_staff_who_may_view_positions_but_not_add_them_get_the_link_without_the_add_link(
    client, django_user_model, academy
):
    staff = django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_organization", "view_position"])
    )
    member_of(staff, academy)
    client.force_login(staff)

    page = client.get(admin_url(Organization, "change", academy.pk))

    assert (panel(page)["text"], panel(page)["add_url"]) == ("0 chức vụ — xem danh sách", None)
    assert client.get(panel(page)["list_url"]).status_code == 200


# --- Change forms run a fixed number of queries, however many rows their inlines hold ----------


def _held_in(body, count: int) -> None:
    field = {Organization: "organization", SteeringCommittee: "committee", Team: "team"}[type(body)]
    for _ in range(count):
        PositionFactory(**{"organization": None, field: body})


def _organisation_with_positions(count: int):
    organization = OrganizationFactory(parent=OrganizationFactory(), province=ProvinceFactory())
    OrganizationName.objects.create(organization=organization, name="Tên cũ", valid_to=dt.date(2020, 1, 1))
    _held_in(organization, count)
    return organization


def _committee_with_members(count: int):
    committee = SteeringCommitteeFactory(
        founding_decision=DecisionFactory(issuer_committee=None, issuer_organization=OrganizationFactory())
    )
    TeamFactory(committee=committee)
    _held_in(committee, count)
    return committee


def _team_with_members(count: int):
    team = TeamFactory(
        founding_decision=DecisionFactory(issuer_committee=None, issuer_organization=OrganizationFactory())
    )
    _held_in(team, count)
    return team


def _person_with_positions(count: int):
    """A person holding `count` positions in each kind of body: an organisation (with a former
    name), a steering committee and a team."""
    academy = OrganizationFactory()
    OrganizationName.objects.create(organization=academy, name="Tên cũ", valid_to=dt.date(2020, 1, 1))
    team = TeamFactory(committee=SteeringCommitteeFactory(organization=academy))
    person = PersonFactory()
    bodies = [{"organization": academy}, {"organization": None, "committee": team.committee}]
    bodies.append({"organization": None, "team": team})
    for index in range(3 * count):
        PositionFactory(person=person, start_date=dt.date(2019, 1, 1), order=index, **bodies[index % 3])
    return person


# Session, user, device; the record; its inlines' rows and what their fields show; the panel's
# count; its sources (+ 1). Measured on SQLite and PostgreSQL alike.
CHANGE_FORM_QUERIES = {
    Organization: (_organisation_with_positions, 10 + 1),
    SteeringCommittee: (_committee_with_members, 11 + 1),
    Team: (_team_with_members, 10 + 1),
    Person: (_person_with_positions, 12 + 1),
}


@pytest.mark.parametrize("model", CHANGE_FORM_QUERIES, ids=model_id)
def test_change_forms_read_the_same_queries_with_1_and_50_rows(
    admin_client, django_assert_num_queries, model
):
    build, expected = CHANGE_FORM_QUERIES[model]
    one, fifty = build(1), build(50)
    admin_client.get(admin_url(model, "change", one.pk))  # what the process reads once (content types)

    with django_assert_num_queries(expected):
        assert admin_client.get(admin_url(model, "change", one.pk)).status_code == 200
    with django_assert_num_queries(expected):
        assert admin_client.get(admin_url(model, "change", fifty.pk)).status_code == 200


# --- Slugs ----------------------------------------------------------------------------------------


def test_a_slug_left_empty_is_made_on_the_server_with_d_folded_and_kept_unique(admin_client):
    data = {
        "name": "Đảng ủy Học viện Chính trị khu vực IV",
        "slug": "",
        "kind": OrganizationKind.UNIT,
        "order": "0",
    }
    management = {
        f"{prefix}-{key}": value
        for prefix in ("former_names", "changes", "positions")
        for key, value in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"}.items()
    }

    for _ in range(2):
        assert admin_client.post(admin_url(Organization, "add"), data | management).status_code == 302
    typed = admin_client.post(admin_url(Organization, "add"), data | management | {"slug": "dang-uy-hv4"})

    assert typed.status_code == 302

    assert list(Organization.objects.order_by("pk").values_list("slug", flat=True)) == [
        "dang-uy-hoc-vien-chinh-tri-khu-vuc-iv",
        "dang-uy-hoc-vien-chinh-tri-khu-vuc-iv-2",
        "dang-uy-hv4",
    ]


def test_a_legal_document_slug_is_made_from_its_type_and_number(admin_client):
    response = admin_client.post(
        admin_url(LegalDocument, "add"),
        {
            "doc_type": "resolution",
            "number": "35-NQ/TW",
            "issued_on": "22/10/2018",
            "issuer": "Bộ Chính trị",
            "title": "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng",
        },
    )

    assert response.status_code == 302
    assert LegalDocument.objects.values_list("slug", "issued_on").get() == (
        "nghi-quyet-35-nq-tw",
        dt.date(2018, 10, 22),
    )


# --- Decisions -------------------------------------------------------------------------------------


def decision_data(committee, **changes) -> dict:
    return {
        "number": "12-QĐ/BCĐ35",
        "issued_on": "05/06/2025",
        "kind": "found_team",
        "title": "Quyết định thành lập Tổ thư ký",
        "slug": "",
        "issuer_committee": committee.pk,
    } | changes


def test_a_decision_with_a_pdf_is_saved_under_a_random_name(admin_client, committee, media_root):
    pdf = SimpleUploadedFile("Quyết định 12.PDF", pdf_bytes(), content_type="application/pdf")

    response = admin_client.post(admin_url(Decision, "add"), decision_data(committee, file=pdf))

    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.slug == "12-qd-bcd35-quyet-dinh-thanh-lap-to-thu-ky"
    assert stored_files(media_root) == [decision.file.name]
    assert decision.file.name.startswith("decisions/")
    assert decision.file.name.endswith(".pdf")


def test_a_fake_pdf_is_refused_with_a_vietnamese_message_and_nothing_saved(
    admin_client, committee, media_root
):
    fake = SimpleUploadedFile("quyet-dinh.pdf", b"<html>not a pdf</html>", content_type="application/pdf")

    response = admin_client.post(admin_url(Decision, "add"), decision_data(committee, file=fake))

    assert response.status_code == 200
    assert form_errors(response) == {"file": [NOT_A_PDF]}
    assert NOT_A_PDF in response.content.decode()
    assert Decision.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_decision_number_repeated_for_the_same_committee_is_refused(admin_client, committee):
    DecisionFactory(number="12-QĐ/BCĐ35", issuer_committee=committee, title="Lần đầu")

    response = admin_client.post(admin_url(Decision, "add"), decision_data(committee))

    assert response.status_code == 200
    assert form_errors(response) == {"__all__": ["Ban chỉ đạo này đã có quyết định mang số, ký hiệu này."]}
    assert list(Decision.objects.values_list("title", flat=True)) == ["Lần đầu"]


def test_a_decision_with_two_issuers_is_refused(admin_client, committee, academy):
    response = admin_client.post(
        admin_url(Decision, "add"), decision_data(committee, issuer_organization=academy.pk)
    )

    assert form_errors(response) == {
        "__all__": ["Chọn ban chỉ đạo ban hành hoặc cơ quan ban hành (chỉ một trong hai)."]
    }
    assert Decision.objects.count() == 0


# --- Provinces and organisations ---------------------------------------------------------------------


INTO_ITSELF = "Không thể hợp nhất một tỉnh vào chính nó."
ALREADY_MERGED = "Tỉnh này đã được hợp nhất vào một tỉnh khác."


@pytest.fixture
def bac_lieu():
    return ProvinceFactory(name="Bạc Liêu", slug="bac-lieu", region=None)


def staff_who_may(client, django_user_model, *codenames):
    staff = django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client.force_login(staff)
    return staff


def test_the_merger_of_a_province_cannot_be_changed_on_its_change_form(admin_client, bac_lieu):
    ca_mau = ProvinceFactory(name="Cà Mau")
    add = admin_client.get(admin_url(Province, "add"))
    response = admin_client.post(
        admin_url(Province, "change", bac_lieu.pk),
        {
            "name": "Bạc Liêu",
            "kind": "province",
            "slug": "bac-lieu",
            "valid_from": "01/01/1997",
            "valid_to": "30/06/2025",
            "merged_into": ca_mau.pk,
        },
    )

    assert response.status_code == 302
    assert Province.objects.filter(pk=bac_lieu.pk).values_list(
        "valid_from", "valid_to", "merged_into"
    ).get() == (
        dt.date(1997, 1, 1),
        None,
        None,
    )
    assert {"valid_to", "merged_into"} & set(add.context["adminform"].form.fields) == set()


def test_the_province_change_page_links_to_the_merge_page(admin_client, bac_lieu):
    response = admin_client.get(admin_url(Province, "change", bac_lieu.pk))

    assert (
        f'<a href="{admin_url(Province, "merge", bac_lieu.pk)}">Hợp nhất vào tỉnh khác</a>'
    ) in response.content.decode()


def test_merging_a_province_through_its_page_records_the_merger_and_the_staff_member(
    client, django_user_model, bac_lieu
):
    ca_mau = ProvinceFactory(name="Cà Mau")
    staff = staff_who_may(client, django_user_model, "change_province")

    page = client.get(admin_url(Province, "merge", bac_lieu.pk))
    response = client.post(admin_url(Province, "merge", bac_lieu.pk), {"into": ca_mau.pk, "on": "01/07/2025"})

    assert page.status_code == 200
    assert [template.name for template in page.templates][:2] == [
        "admin/committees/province/merge.html",
        "admin/committees/organization/action_form.html",
    ]
    assert 'data-model-name="province"' in page.content.decode()
    answers = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "committees", "model_name": "province", "field_name": "merged_into", "term": "Cà"},
    )
    assert [answer["text"] for answer in answers.json()["results"]] == ["Cà Mau"]
    assert response.status_code == 302
    assert response.url == admin_url(Province, "change", bac_lieu.pk)
    bac_lieu.refresh_from_db()
    assert (bac_lieu.merged_into, bac_lieu.valid_to) == (ca_mau, dt.date(2025, 6, 30))
    message = "Đã hợp nhất vào Cà Mau kể từ ngày 01/07/2025."
    assert success_messages(response) == [message]
    entry = LogEntry.objects.get(object_id=str(bac_lieu.pk), content_type__model="province")
    assert (entry.user, entry.action_flag, entry.get_change_message()) == (staff, CHANGE, message)


def test_staff_who_may_only_view_provinces_get_403_on_the_merge_page(client, django_user_model, bac_lieu):
    ca_mau = ProvinceFactory(name="Cà Mau")
    staff_who_may(client, django_user_model, "view_province")

    change = client.get(admin_url(Province, "change", bac_lieu.pk))
    page = client.get(admin_url(Province, "merge", bac_lieu.pk))
    posted = client.post(admin_url(Province, "merge", bac_lieu.pk), {"into": ca_mau.pk, "on": "01/07/2025"})

    assert (change.status_code, page.status_code, posted.status_code) == (200, 403, 403)
    assert admin_url(Province, "merge", bac_lieu.pk) not in change.content.decode()
    bac_lieu.refresh_from_db()
    assert (bac_lieu.merged_into, bac_lieu.valid_to) == (None, None)
    assert LogEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"into": "", "on": "01/07/2025"}, {"into": [REQUIRED]}),
        ({"into": "{ca_mau}", "on": "07/31/2025"}, {"on": ["Nhập một ngày hợp lệ."]}),
        ({"into": "999999", "on": "01/07/2025"}, {"into": [CHOOSE_VALID]}),
    ],
    ids=["no-province", "month-first", "unknown-province"],
)
def test_bad_input_on_the_merge_page_is_refused_and_nothing_written(admin_client, bac_lieu, data, errors):
    ca_mau = ProvinceFactory(name="Cà Mau")
    data = {name: value.format(ca_mau=ca_mau.pk) for name, value in data.items()}

    response = admin_client.post(admin_url(Province, "merge", bac_lieu.pk), data)

    assert response.status_code == 200
    assert form_errors(response) == errors
    bac_lieu.refresh_from_db()
    assert (bac_lieu.merged_into, bac_lieu.valid_to, LogEntry.objects.count()) == (None, None, 0)


def test_a_merge_the_service_refuses_is_shown_on_the_merge_page_with_its_message(admin_client, bac_lieu):
    ca_mau, kien_giang = ProvinceFactory(name="Cà Mau"), ProvinceFactory(name="Kiên Giang")
    province_merge(by=None, provinces=[kien_giang], into=ca_mau, on=dt.date(2025, 7, 1))

    into_itself = admin_client.post(
        admin_url(Province, "merge", bac_lieu.pk), {"into": bac_lieu.pk, "on": "01/07/2025"}
    )
    again = admin_client.post(
        admin_url(Province, "merge", kien_giang.pk), {"into": bac_lieu.pk, "on": "01/08/2025"}
    )

    assert (into_itself.status_code, again.status_code) == (200, 200)
    assert form_errors(into_itself) == {"into": [INTO_ITSELF]}
    assert form_errors(again) == {"__all__": [ALREADY_MERGED]}
    assert ALREADY_MERGED in again.content.decode()
    assert list(Province.objects.order_by("name").values_list("name", "merged_into__name", "valid_to")) == [
        ("Bạc Liêu", None, None),
        ("Cà Mau", None, None),
        ("Kiên Giang", "Cà Mau", dt.date(2025, 6, 30)),
    ]
    assert LogEntry.objects.count() == 0


# --- Scoping -------------------------------------------------------------------------------------


def test_rows_choices_and_autocomplete_answers_all_go_through_scope_for_staff(
    admin_client, monkeypatch, academy
):
    def no_organisations(queryset, user, *, write=False):
        return queryset.none() if queryset.model is Organization else queryset

    monkeypatch.setattr(scoping, "scope_for_staff", no_organisations)
    autocomplete = {"app_label": "committees", "model_name": "position", "field_name": "organization"}

    changelist = admin_client.get(admin_url(Organization, "changelist"))
    change = admin_client.get(admin_url(Organization, "change", academy.pk))
    answers = admin_client.get(reverse("admin:autocomplete"), autocomplete | {"term": "Học viện"})
    chosen = admin_client.post(
        admin_url(Person, "add"),
        {
            "full_name": "Lê Văn Lợi",
            "positions-TOTAL_FORMS": "1",
            **INLINE_MANAGEMENT,
            "positions-0-role": Role.DIRECTOR,
            "positions-0-organization": academy.pk,
            "positions-0-order": "0",
        },
    )

    assert changelist.context["cl"].result_count == 0
    assert change.status_code == 302  # "no such organisation", as for a deleted one
    assert answers.json()["results"] == []
    assert inline_errors(chosen) == [
        [
            {
                "organization": [
                    "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."
                ]
            }
        ]
    ]
    assert Person.objects.count() == 0


# --- Closing and renaming an organisation: only through the services ---------------------------

OWN_SUCCESSOR = "Một tổ chức không thể là đơn vị kế tục của chính nó."
NO_SUCCESSOR = "Hãy chọn đơn vị kế tục (trừ trường hợp giải thể)."
SAME_NAME = "Hãy nhập tên mới khác tên hiện nay."


@pytest.fixture
def regional():
    return OrganizationFactory(
        name="Học viện Chính trị khu vực IV",
        short_name="HVCTKV IV",
        slug="hoc-vien-chinh-tri-khu-vuc-iv",
        founded_on=dt.date(2005, 3, 1),
    )


def organization_data(organization, **changes) -> dict:
    """The change form of `organization` as posted, its inlines left empty."""
    data = {
        "short_name": organization.short_name,
        "slug": organization.slug,
        "kind": organization.kind,
        "order": "0",
    }
    for prefix in ("former_names", "changes", "positions", "sources-citation-subject_type-subject_id"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


def log_messages(organization) -> list[tuple[int, str]]:
    entries = LogEntry.objects.filter(object_id=str(organization.pk)).order_by("pk")
    return [(entry.action_flag, entry.get_change_message()) for entry in entries]


def success_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_change_page_links_to_the_rename_and_close_pages(admin_client, regional):
    response = admin_client.get(admin_url(Organization, "change", regional.pk))

    content = response.content.decode()
    assert f'<a href="{admin_url(Organization, "rename", regional.pk)}">Đổi tên</a>' in content
    assert (
        f'<a href="{admin_url(Organization, "close", regional.pk)}">'
        "Ghi nhận sáp nhập, chia tách, giải thể</a>"
    ) in content


def test_staff_who_may_only_view_organisations_get_no_rename_or_close_buttons(
    client, django_user_model, regional
):
    staff = django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_organization"))
    member_of(staff, regional)
    client.force_login(staff)

    response = client.get(admin_url(Organization, "change", regional.pk))

    assert response.status_code == 200
    assert admin_url(Organization, "close", regional.pk) not in response.content.decode()
    assert admin_url(Organization, "rename", regional.pk) not in response.content.decode()


def test_the_name_is_typed_when_adding_and_read_only_afterwards(admin_client, regional):
    add = admin_client.get(admin_url(Organization, "add"))
    change = admin_client.get(admin_url(Organization, "change", regional.pk))
    posted = admin_client.post(
        admin_url(Organization, "change", regional.pk),
        organization_data(regional, name="Tên gõ thẳng", slug=""),
    )

    assert "name" in add.context["adminform"].form.fields
    assert "name" not in change.context["adminform"].form.fields
    assert "hãy dùng nút “Đổi tên” ở đầu trang" in change.content.decode()
    assert posted.status_code == 302
    regional.refresh_from_db()
    # A slug emptied on the form is made again from the (unchanged) name.
    assert (regional.name, regional.slug) == (
        "Học viện Chính trị khu vực IV",
        "hoc-vien-chinh-tri-khu-vuc-iv",
    )
    assert regional.former_names.count() == 0


def test_what_became_of_it_is_shown_read_only_with_a_link_to_the_successor(admin_client, regional, academy):
    organization_close(
        by=None,
        organization=regional,
        kind=OrganizationChangeKind.MERGED,
        on=dt.date(2025, 7, 1),
        successors=[academy],
    )

    response = admin_client.get(admin_url(Organization, "change", regional.pk))

    changes = response.context["inline_admin_formsets"][1]
    assert changes.opts.model is OrganizationChange
    assert (changes.has_add_permission, changes.has_change_permission, changes.has_delete_permission) == (
        False,
        False,
        False,
    )
    assert changes.formset.extra == changes.formset.max_num == 0
    content = response.content.decode()
    assert f'<a href="{admin_url(Organization, "change", academy.pk)}">{academy.name}</a>' in content
    assert 'name="changes-0-kind"' not in content
    assert 'id="changes-empty"' not in content


def test_changes_posted_with_the_change_form_are_not_recorded(admin_client, regional, academy):
    data = organization_data(
        regional,
        **{
            "changes-TOTAL_FORMS": "1",
            "changes-0-kind": OrganizationChangeKind.MERGED,
            "changes-0-successor": str(academy.pk),
            "changes-0-on": "01/07/2025",
        },
    )

    response = admin_client.post(admin_url(Organization, "change", regional.pk), data)

    assert response.status_code == 302
    assert OrganizationChange.objects.count() == 0
    regional.refresh_from_db()
    assert regional.closed_on is None


def test_the_close_page_looks_like_the_admin_with_an_autocomplete_box_for_successors(
    admin_client, regional, academy
):
    response = admin_client.get(admin_url(Organization, "close", regional.pk))

    assert response.status_code == 200
    assert [template.name for template in response.templates][:2] == [
        "admin/committees/organization/close.html",
        "admin/committees/organization/action_form.html",
    ]
    content = response.content.decode()
    assert f"<title>{regional.name} | Ghi nhận sáp nhập, chia tách, giải thể |" in content
    assert "<h1>Ghi nhận sáp nhập, chia tách, giải thể</h1>" in content
    assert (
        f'&rsaquo; <a href="{admin_url(Organization, "change", regional.pk)}">{regional.name}</a>' in content
    )
    assert 'data-model-name="organizationchange"' in content
    assert 'data-field-name="successor"' in content
    # The box's questions are answered by the admin's autocomplete, within the scope.
    answers = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "committees",
            "model_name": "organizationchange",
            "field_name": "successor",
            "term": "Hồ Chí Minh",
        },
    )
    assert [answer["text"] for answer in answers.json()["results"]] == [academy.name]


def test_closing_by_merger_sets_the_closing_date_and_links_the_successor(admin_client, regional, academy):
    response = admin_client.post(
        admin_url(Organization, "close", regional.pk),
        {
            "kind": OrganizationChangeKind.MERGED,
            "on": "01/07/2025",
            "successors": [str(academy.pk)],
            "note": "Quyết định số 1234-QĐ/TW",
        },
    )

    assert response.status_code == 302
    assert response.url == admin_url(Organization, "change", regional.pk)
    regional.refresh_from_db()
    assert regional.closed_on == dt.date(2025, 7, 1)
    assert list(regional.changes.values_list("kind", "successor", "on", "note")) == [
        (OrganizationChangeKind.MERGED, academy.pk, dt.date(2025, 7, 1), "Quyết định số 1234-QĐ/TW")
    ]
    message = f"Đã ghi nhận thay đổi ngày 01/07/2025 (sáp nhập, hợp nhất); đơn vị kế tục: {academy.name}."
    assert success_messages(response) == [message]
    assert log_messages(regional) == [(CHANGE, message)]


def test_dissolving_needs_no_successor(admin_client, regional):
    response = admin_client.post(
        admin_url(Organization, "close", regional.pk),
        {"kind": OrganizationChangeKind.DISSOLVED, "on": "31/12/2024"},
    )

    assert response.status_code == 302
    regional.refresh_from_db()
    assert regional.closed_on == dt.date(2024, 12, 31)
    assert list(regional.changes.values_list("kind", "successor")) == [
        (OrganizationChangeKind.DISSOLVED, None)
    ]
    assert log_messages(regional) == [(CHANGE, "Đã ghi nhận thay đổi ngày 31/12/2024 (giải thể).")]


@pytest.mark.parametrize(
    ("successors", "error"),
    [(lambda organization: [], NO_SUCCESSOR), (lambda organization: [organization.pk], OWN_SUCCESSOR)],
    ids=["without-successor", "into-itself"],
)
def test_a_merger_the_service_refuses_is_shown_again_with_its_message_and_nothing_saved(
    admin_client, regional, successors, error
):
    response = admin_client.post(
        admin_url(Organization, "close", regional.pk),
        {"kind": OrganizationChangeKind.MERGED, "on": "01/07/2025", "successors": successors(regional)},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [error]
    content = response.content.decode()
    assert "Hãy sửa các lỗi dưới đây." in content
    assert error in content
    assert 'value="01/07/2025"' in content
    regional.refresh_from_db()
    assert regional.closed_on is None
    assert OrganizationChange.objects.count() == 0
    assert log_messages(regional) == []


def test_a_date_typed_month_first_is_refused(admin_client, regional):
    response = admin_client.post(
        admin_url(Organization, "close", regional.pk),
        {"kind": OrganizationChangeKind.DISSOLVED, "on": "12/31/2024"},
    )

    assert response.status_code == 200
    assert form_errors(response) == {"on": ["Nhập một ngày hợp lệ."]}
    regional.refresh_from_db()
    assert regional.closed_on is None


def test_a_successor_outside_the_staff_members_scope_is_refused(admin_client, monkeypatch, regional, academy):
    def without_academy(queryset, user):
        return queryset.exclude(pk=academy.pk) if queryset.model is Organization else queryset

    monkeypatch.setattr(scoping, "scope_for_staff", without_academy)

    response = admin_client.post(
        admin_url(Organization, "close", regional.pk),
        {"kind": OrganizationChangeKind.MERGED, "on": "01/07/2025", "successors": [str(academy.pk)]},
    )

    assert response.status_code == 200
    assert list(form_errors(response)) == ["successors"]
    assert OrganizationChange.objects.count() == 0


def test_renaming_keeps_the_former_name_with_its_dates(admin_client, regional):
    page = admin_client.get(admin_url(Organization, "rename", regional.pk))
    response = admin_client.post(
        admin_url(Organization, "rename", regional.pk),
        {
            "new_name": "  Học viện Chính trị   khu vực IV mới ",
            "new_short_name": "HVKV IV",
            "on": "01/07/2025",
        },
    )

    assert page.status_code == 200
    assert page.context["adminform"].form["new_short_name"].value() == "HVCTKV IV"
    assert response.status_code == 302
    assert response.url == admin_url(Organization, "change", regional.pk)
    regional.refresh_from_db()
    assert (regional.name, regional.short_name, regional.slug) == (
        "Học viện Chính trị khu vực IV mới",
        "HVKV IV",
        "hoc-vien-chinh-tri-khu-vuc-iv",
    )
    assert list(regional.former_names.values_list("name", "short_name", "valid_from", "valid_to")) == [
        ("Học viện Chính trị khu vực IV", "HVCTKV IV", dt.date(2005, 3, 1), dt.date(2025, 6, 30))
    ]
    message = (
        "Đã đổi tên từ “Học viện Chính trị khu vực IV” thành “Học viện Chính trị khu vực IV mới” "
        "kể từ ngày 01/07/2025."
    )
    assert success_messages(response) == [message]
    assert log_messages(regional) == [(CHANGE, message)]


def test_a_rename_the_service_refuses_is_shown_under_the_name_and_nothing_saved(admin_client, regional):
    response = admin_client.post(
        admin_url(Organization, "rename", regional.pk),
        {"new_name": regional.name, "new_short_name": regional.short_name, "on": "01/07/2025"},
    )

    assert response.status_code == 200
    assert form_errors(response) == {"new_name": [SAME_NAME]}
    regional.refresh_from_db()
    assert (regional.name, regional.short_name) == ("Học viện Chính trị khu vực IV", "HVCTKV IV")
    assert regional.former_names.count() == 0
    assert log_messages(regional) == []


def test_renaming_only_the_short_name_keeps_the_former_one_and_writes_the_history(
    admin_client, admin_user, regional
):
    response = admin_client.post(
        admin_url(Organization, "rename", regional.pk),
        {"new_name": regional.name, "new_short_name": "HVKV IV", "on": "01/07/2025"},
    )

    assert response.status_code == 302
    regional.refresh_from_db()
    assert (regional.name, regional.short_name) == ("Học viện Chính trị khu vực IV", "HVKV IV")
    assert list(regional.former_names.values_list("name", "short_name", "valid_to")) == [
        ("Học viện Chính trị khu vực IV", "HVCTKV IV", dt.date(2025, 6, 30))
    ]
    message = "Đã đổi tên ngắn từ “HVCTKV IV” thành “HVKV IV” kể từ ngày 01/07/2025."
    assert success_messages(response) == [message]
    assert log_messages(regional) == [(CHANGE, message)]
    assert LogEntry.objects.get().user == admin_user


def test_the_short_name_and_closing_date_cannot_be_changed_on_the_change_form(admin_client, regional):
    add = admin_client.get(admin_url(Organization, "add"))
    response = admin_client.post(
        admin_url(Organization, "change", regional.pk),
        organization_data(regional, short_name="Tên gõ thẳng", closed_on="01/07/2025", description="Mới."),
    )

    assert response.status_code == 302
    regional.refresh_from_db()
    assert (regional.short_name, regional.closed_on, regional.description) == ("HVCTKV IV", None, "Mới.")
    assert regional.former_names.count() == 0
    assert "short_name" in add.context["adminform"].form.fields
    assert "closed_on" not in add.context["adminform"].form.fields


@pytest.mark.parametrize("view", ["close", "rename"])
def test_staff_without_the_change_permission_get_403_on_the_close_and_rename_pages(
    client, django_user_model, regional, academy, view
):
    staff = django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_organization"))
    client.force_login(staff)
    data = {
        "kind": OrganizationChangeKind.MERGED,
        "successors": [str(academy.pk)],
        "new_name": "Tên mới",
        "on": "01/07/2025",
    }

    assert client.get(admin_url(Organization, view, regional.pk)).status_code == 403
    assert client.post(admin_url(Organization, view, regional.pk), data).status_code == 403
    regional.refresh_from_db()
    assert (regional.name, regional.closed_on) == ("Học viện Chính trị khu vực IV", None)
    assert (OrganizationChange.objects.count(), OrganizationName.objects.count()) == (0, 0)


@pytest.mark.parametrize("view", ["close", "rename"])
def test_staff_with_the_change_permission_may_use_the_close_and_rename_pages(
    client, django_user_model, regional, view
):
    staff = django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_organization"))
    member_of(staff, regional)
    client.force_login(staff)

    assert client.get(admin_url(Organization, view, regional.pk)).status_code == 200


def test_the_close_page_of_an_organisation_out_of_reach_goes_back_to_the_admin(admin_client):
    response = admin_client.get(admin_url(Organization, "close", 999999))

    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_the_close_page_of_a_closed_organisation_says_it_cannot_be_closed_again(
    admin_client, regional, academy
):
    organization_close(
        organization=regional,
        kind=OrganizationChangeKind.MERGED,
        on=dt.date(2025, 7, 1),
        successors=[academy],
        by=None,
    )

    page = admin_client.get(admin_url(Organization, "close", regional.pk)).content.decode()
    refused = admin_client.post(
        admin_url(Organization, "close", regional.pk),
        {"kind": OrganizationChangeKind.DISSOLVED, "on": "01/08/2025"},
    )

    notice = (
        "Tổ chức này đã được ghi nhận chấm dứt hoạt động ngày 01/07/2025; "
        "không thể ghi nhận chấm dứt lần thứ hai."
    )
    assert notice in page
    assert "Tổ chức này đã chấm dứt hoạt động từ ngày 01/07/2025." in refused.content.decode()
    assert list(regional.changes.values_list("kind", flat=True)) == [OrganizationChangeKind.MERGED]
