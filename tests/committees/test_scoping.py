"""The registry's services and imports obey the staff scope (portal.scoping), and leave their history.

A secretary of Học viện Chính trị khu vực II changes the records of their academy and of its
units, never those of Học viện Chính trị khu vực IV, whichever path the change takes.
"""

import datetime as dt
import io

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from committees.models import (
    Decision,
    DecisionKind,
    Organization,
    OrganizationChangeKind,
    OrganizationKind,
    Person,
    Position,
    Role,
    StaffMembership,
    Team,
    TeamKind,
)
from committees.resources import OrganizationResource, PersonResource
from committees.services import (
    decision_save,
    organization_close,
    organization_rename,
    organization_restore,
    organization_save,
    people_import,
    person_create,
    person_save,
    position_delete,
    position_save,
    staff_membership_set,
)
from portal.exchange.formats import read_xlsx, write_xlsx
from portal.roles import SECRETARIAT, SYSTEM_ADMINISTRATOR
from portal.scoping import ScopeError
from tests.admin_forms import admin_url, change_form_data, management_forms
from tests.committees.factories import SteeringCommitteeFactory
from tests.staff import in_role, member_of
from tests.two_factor import signed_in

pytestmark = pytest.mark.django_db

OUT_OF_SCOPE = "thuộc tổ chức khác: anh/chị chỉ được sửa bản ghi của tổ chức mình."


def new_organization(name: str, *, parent: Organization | None = None, **fields) -> Organization:
    return organization_save(
        organization=Organization(name=name, kind=OrganizationKind.REGIONAL_ACADEMY, parent=parent, **fields),
        by=None,
    )


@pytest.fixture
def national():
    return new_organization("Học viện Chính trị quốc gia Hồ Chí Minh")


@pytest.fixture
def kv2(national):
    return new_organization("Học viện Chính trị khu vực II", parent=national, short_name="HVCT KV II")


@pytest.fixture
def kv4(national):
    return new_organization("Học viện Chính trị khu vực IV", parent=national, short_name="HVCT KV IV")


@pytest.fixture
def party_committee(kv2):
    return new_organization("Đảng ủy Học viện Chính trị khu vực II", parent=kv2)


@pytest.fixture
def secretary(django_user_model, kv2):
    """A secretary of KV II: the role's permissions (add, change, import), KV II's scope."""
    user = django_user_model.objects.create_user(username="thu-ky-kv2", password="x", is_staff=True)
    return member_of(in_role(user, SECRETARIAT), kv2)


def refused(error) -> str:
    return " ".join(error.value.messages)


# --- organisations ------------------------------------------------------------------------------


def test_a_secretary_changes_their_own_academy_and_its_units(secretary, kv2, party_committee):
    kv2.website = "https://hcma2.hcma.vn"
    organization_save(organization=kv2, changed=["website"], by=secretary)
    party_committee.order = 4
    organization_save(organization=party_committee, changed=["order"], by=secretary)

    assert Organization.objects.get(pk=kv2.pk).website == "https://hcma2.hcma.vn"
    assert Organization.objects.get(pk=party_committee.pk).order == 4


def test_changing_another_academys_organisation_is_refused_and_nothing_is_written(secretary, kv4):
    kv4.website = "https://example.org"

    with pytest.raises(ScopeError) as error:
        organization_save(organization=kv4, changed=["website"], by=secretary)

    assert refused(error) == f"“Học viện Chính trị khu vực IV” {OUT_OF_SCOPE}"
    assert error.value.code == "out_of_scope"
    assert Organization.objects.get(pk=kv4.pk).website == ""


def test_a_secretary_creates_a_unit_under_their_academy_only(secretary, kv2, kv4, national):
    unit = organization_save(
        organization=Organization(name="Ban Tuyên giáo", kind=OrganizationKind.PARTY_COMMITTEE, parent=kv2),
        by=secretary,
    )
    assert Organization.objects.get(pk=unit.pk).parent == kv2

    for parent in (kv4, national, None):
        with pytest.raises(ScopeError):
            organization_save(
                organization=Organization(
                    name=f"Ban của {parent}", kind=OrganizationKind.PARTY_COMMITTEE, parent=parent
                ),
                by=secretary,
            )
    assert not Organization.objects.filter(name__startswith="Ban của").exists()


def test_moving_a_unit_out_of_their_academy_is_refused(secretary, party_committee, kv2, kv4):
    party_committee.parent = kv4

    with pytest.raises(ScopeError):
        organization_save(organization=party_committee, changed=["parent"], by=secretary)

    assert Organization.objects.get(pk=party_committee.pk).parent == kv2
    # The refused move left the secretary's scope as the tree is: the unit is still theirs.
    party_committee.parent, party_committee.order = kv2, 2
    organization_save(organization=party_committee, changed=["order"], by=secretary)
    assert Organization.objects.get(pk=party_committee.pk).order == 2


def test_renaming_or_closing_another_academy_is_refused(secretary, kv4, kv2):
    with pytest.raises(ScopeError):
        organization_rename(organization=kv4, new_name="Học viện IV", on=dt.date(2025, 1, 1), by=secretary)
    with pytest.raises(ScopeError):
        organization_close(
            organization=kv4,
            kind=OrganizationChangeKind.MERGED,
            on=dt.date(2025, 1, 1),
            successors=[kv2],
            by=secretary,
        )

    kv4.refresh_from_db()
    assert (kv4.name, kv4.closed_on, kv4.former_names.count()) == ("Học viện Chính trị khu vực IV", None, 0)


# --- positions, people, decisions ------------------------------------------------------------------


def test_positions_of_another_academy_are_neither_changed_nor_made_nor_deleted(secretary, kv2, kv4):
    person = person_create(written_name="TS Nguyễn Văn Hùng", by=None)
    theirs = position_save(
        position=Position(
            person=person, role=Role.DIRECTOR, organization=kv4, start_date=dt.date(2021, 1, 1)
        ),
        by=None,
    )

    theirs.title = "Giám đốc"
    with pytest.raises(ScopeError):
        position_save(position=theirs, changed=["title"], by=secretary)
    with pytest.raises(ScopeError):
        position_save(
            position=Position(
                person=person, role=Role.DEPUTY_DIRECTOR, organization=kv4, start_date=dt.date(2022, 1, 1)
            ),
            by=secretary,
        )
    with pytest.raises(ScopeError):
        position_delete(position=theirs, by=secretary)
    mine = position_save(
        position=Position(
            person=person, role=Role.DEPUTY_DIRECTOR, organization=kv2, start_date=dt.date(2022, 1, 1)
        ),
        by=secretary,
    )
    mine.organization = kv4
    with pytest.raises(ScopeError):
        position_save(position=mine, changed=["organization"], by=secretary)

    assert sorted(Position.objects.values_list("organization__short_name", "title")) == [
        ("HVCT KV II", ""),
        ("HVCT KV IV", ""),
    ]


def test_a_person_holding_positions_only_elsewhere_is_not_changed(secretary, kv4):
    person = person_create(written_name="TS Nguyễn Văn Hùng", by=secretary)  # nobody's yet: allowed
    position_save(position=Position(person=person, role=Role.DIRECTOR, organization=kv4), by=None)

    person.bio = "Tiểu sử."
    with pytest.raises(ScopeError):
        person_save(person=person, changed=["bio"], by=secretary)

    assert Person.objects.get(pk=person.pk).bio == ""


def test_a_decision_of_another_academy_is_refused(secretary, kv2, kv4):
    theirs = decision_save(
        decision=Decision(issuer_organization=kv4, kind=DecisionKind.OTHER, title="Quyết định của KV IV"),
        by=None,
    )
    theirs.title = "Đổi"
    with pytest.raises(ScopeError):
        decision_save(decision=theirs, changed=["title"], by=secretary)
    with pytest.raises(ScopeError):
        decision_save(
            decision=Decision(issuer_organization=kv4, kind=DecisionKind.OTHER, title="Mới"), by=secretary
        )
    decision_save(
        decision=Decision(issuer_organization=kv2, kind=DecisionKind.OTHER, title="Của KV II"), by=secretary
    )

    assert sorted(Decision.objects.values_list("title", flat=True)) == ["Của KV II", "Quyết định của KV IV"]


# --- imports ----------------------------------------------------------------------------------------


def workbook(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def exported(resource_class, queryset) -> bytes:
    resource = resource_class()
    stream = io.BytesIO()
    write_xlsx(stream, resource.export_headers(), resource.export_rows(queryset), title="Xuất")
    return stream.getvalue()


def row_errors(result) -> dict[int, list[str]]:
    return {
        row.number + 1: [str(message) for messages in row.error_dict.values() for message in messages]
        for row in result.invalid_rows
    }


def test_an_organisations_file_changing_another_academy_is_refused_on_its_row(secretary, kv2, kv4):
    book = load_workbook(
        io.BytesIO(exported(OrganizationResource, Organization.objects.filter(parent__isnull=False)))
    )
    sheet = book.active
    assert [sheet.cell(row, 1).value for row in (2, 3)] == [kv2.name, kv4.name]
    sheet["K2"] = 7  # the order of KV II: theirs
    sheet["K3"] = 9  # the order of KV IV: another academy's
    stream = io.BytesIO()
    book.save(stream)

    result = OrganizationResource().import_data(read_xlsx(stream.getvalue()), user=secretary)

    assert row_errors(result) == {3: [f"“Học viện Chính trị khu vực IV” {OUT_OF_SCOPE}"]}
    assert sorted(Organization.objects.values_list("short_name", "order")) == [
        ("", 0),
        ("HVCT KV II", 0),
        ("HVCT KV IV", 0),
    ]


def people_file(*rows) -> bytes:
    return workbook(["Họ và tên", "Học hàm, học vị", "Mã", "Tiểu sử tóm tắt"], *rows)


def test_a_people_file_changing_a_person_of_another_academy_is_refused_before_anything_is_written(
    secretary, kv2, kv4
):
    theirs = person_create(written_name="Nguyễn Văn Hùng", slug="hung-kv4", by=None)
    position_save(position=Position(person=theirs, role=Role.DIRECTOR, organization=kv4), by=None)
    common = person_create(written_name="Lê Văn Lợi", slug="loi", by=None)

    result = PersonResource().import_data(
        read_xlsx(
            people_file(
                ["Nguyễn Văn Hùng", "TS", "hung-kv4", ""],
                ["Lê Văn Lợi", "PGS", "loi", ""],
                ["Trần Văn Mới", "", "", ""],
            )
        ),
        user=secretary,
    )

    assert row_errors(result) == {
        2: ["Nguyễn Văn Hùng chỉ giữ chức vụ ở tổ chức khác: anh/chị chỉ được sửa người của tổ chức mình."]
    }
    assert sorted(Person.objects.values_list("slug", "degree", "academic_title")) == [
        ("hung-kv4", "", ""),
        ("loi", "", ""),
    ]
    assert common.history.count() == 1


def test_people_import_refuses_a_person_of_another_academy_itself(secretary, kv4):
    theirs = person_create(written_name="Nguyễn Văn Hùng", by=None)
    position_save(position=Position(person=theirs, role=Role.DIRECTOR, organization=kv4), by=None)
    theirs.bio = "Đổi."

    with pytest.raises(ScopeError) as error:
        people_import(created=[Person(full_name="Trần Văn Mới")], updated=[theirs], by=secretary)

    assert refused(error) == (
        "Nguyễn Văn Hùng chỉ giữ chức vụ ở tổ chức khác: anh/chị chỉ được sửa người của tổ chức mình."
    )
    assert list(Person.objects.values_list("full_name", "bio")) == [("Nguyễn Văn Hùng", "")]


def test_a_people_import_writes_the_history_of_each_person_with_the_importing_user(secretary):
    kept = person_create(written_name="Lê Văn Lợi", slug="loi", by=None)
    person_create(written_name="Võ Văn Cũ", slug="cu", by=None)

    result = PersonResource().import_data(
        read_xlsx(people_file(["Lê Văn Lợi", "PGS, TS", "loi", "Tiểu sử."], ["Trần Văn Mới", "ThS", "", ""])),
        user=secretary,
    )

    assert (result.totals["new"], result.totals["update"]) == (1, 1)
    added = Person.objects.get(full_name="Trần Văn Mới")
    assert [(row.history_type, row.history_user, row.degree) for row in added.history.all()] == [
        ("+", secretary, "ThS")
    ]
    assert [
        (row.history_type, row.history_user, row.academic_title, row.degree, row.bio)
        for row in kept.history.all()
    ] == [("~", secretary, "PGS", "TS", "Tiểu sử."), ("+", None, "", "", "")]
    assert Person.objects.get(slug="cu").history.count() == 1  # unchanged: no new version


# --- restore ------------------------------------------------------------------------------------------


def test_an_organisation_is_restored_to_an_earlier_version_by_its_secretary(secretary, kv2):
    first = kv2.history.get()
    kv2.website, kv2.description, kv2.order = "https://sai.example", "Sai.", 9
    organization_save(organization=kv2, changed=["website", "description", "order"], by=secretary)

    organization_restore(organization=kv2, version=first, by=secretary)

    kv2.refresh_from_db()
    assert (kv2.website, kv2.description, kv2.order) == ("", "", 0)
    latest = kv2.history.first()
    assert (latest.history_type, latest.history_user, latest.website) == ("~", secretary, "")
    assert kv2.history.count() == 3


def test_restoring_another_academy_or_another_organisations_version_is_refused(secretary, kv2, kv4):
    first = kv4.history.get()
    kv4.website = "https://kv4.example"
    organization_save(organization=kv4, changed=["website"], by=None)

    with pytest.raises(ScopeError):
        organization_restore(organization=kv4, version=first, by=secretary)
    with pytest.raises(Exception, match="không phải của tổ chức này"):
        organization_restore(organization=kv2, version=first, by=secretary)

    assert Organization.objects.get(pk=kv4.pk).website == "https://kv4.example"


def test_the_organisation_admin_offers_the_restore_service():
    from django.contrib import admin

    assert admin.site.get_model_admin(Organization).restore_service is organization_restore


# --- memberships -------------------------------------------------------------------------------------


def test_staff_membership_set_adds_and_removes_with_history(django_user_model, kv2, kv4, national):
    chief = django_user_model.objects.create_user(username="quan-tri", password="x", is_staff=True)
    in_role(chief, SYSTEM_ADMINISTRATOR)
    user = django_user_model.objects.create_user(username="nhan-vien", password="x", is_staff=True)
    member_of(user, kv4)

    staff_membership_set(user=user, organizations=[kv2, national], by=chief)

    assert sorted(user.memberships.values_list("organization__name", flat=True)) == [
        "Học viện Chính trị khu vực II",
        "Học viện Chính trị quốc gia Hồ Chí Minh",
    ]
    history = StaffMembership.history.filter(user=user).order_by("history_id")
    assert [(row.history_type, row.organization_id, row.history_user) for row in history] == [
        ("+", kv4.pk, None),
        ("-", kv4.pk, chief),
        ("+", kv2.pk, chief),
        ("+", national.pk, chief),
    ]


def test_a_scoped_user_may_not_give_memberships_of_another_academy(django_user_model, secretary, kv4):
    user = django_user_model.objects.create_user(username="nhan-vien", password="x", is_staff=True)

    with pytest.raises(ScopeError):
        staff_membership_set(user=user, organizations=[kv4], by=secretary)

    assert not StaffMembership.objects.filter(user=user).exists()


@pytest.fixture
def system_admin_client(django_user_model):
    """A system administrator (the role, not a superuser), signed in with their app."""
    user = django_user_model.objects.create_user(username="quan-tri", password="x", is_staff=True)
    in_role(user, SYSTEM_ADMINISTRATOR)
    return signed_in(user), user


def test_a_system_administrator_assigns_organisations_on_the_user_page(system_admin_client, secretary, kv4):
    client, chief = system_admin_client
    url = admin_url(type(secretary), "change", secretary.pk)
    page = client.get(url)
    assert page.status_code == 200
    data = change_form_data(page)
    for name in ("date_joined", "last_login"):  # split into a date and a time
        data.pop(name, None)
    data |= {"date_joined_0": f"{secretary.date_joined:%d/%m/%Y}", "date_joined_1": "08:00:00"}
    prefix = "memberships"
    assert data[f"{prefix}-0-organization"] == str(secretary.memberships.get().organization_id)
    data |= {
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-0-DELETE": "on",
        f"{prefix}-1-organization": str(kv4.pk),
        f"{prefix}-1-user": str(secretary.pk),
    }

    response = client.post(url, data)

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert list(secretary.memberships.values_list("organization", flat=True)) == [kv4.pk]
    assert StaffMembership.history.filter(history_type="+", organization=kv4).get().history_user == chief
    listing = client.get(admin_url(type(secretary), "changelist"))
    row = next(line for line in listing.context["cl"].result_list if line.pk == secretary.pk)
    assert listing.context["cl"].model_admin.organizations(row) == "HVCT KV IV"
    assert listing.context["cl"].model_admin.roles(row) == Group.objects.get(name=SECRETARIAT.name).name
    assert "HVCT KV IV" in listing.content.decode()


# --- the organisation's admin form ----------------------------------------------------------------


def test_the_organisation_form_places_a_secretarys_new_unit_under_their_own_only(
    secretary, kv2, kv4, national
):
    client = Client()
    client.force_login(secretary)
    url = admin_url(Organization, "add")
    page = client.get(url)
    assert page.status_code == 200
    prefixes = [inline.formset.prefix for inline in page.context["inline_admin_formsets"]]
    data = {"name": "Ban Tuyên giáo", "kind": OrganizationKind.PARTY_COMMITTEE, "order": "0"}
    data |= management_forms(prefixes)

    for parent in (kv4.pk, national.pk, ""):
        response = client.post(url, {**data, "parent": parent})
        assert response.status_code == 200
        assert list(response.context["adminform"].form.errors) == ["parent"]
    response = client.post(url, {**data, "parent": kv2.pk})

    assert response.status_code == 302
    assert Organization.objects.get(name="Ban Tuyên giáo").parent == kv2


def test_a_secretary_saves_their_academy_under_the_national_academy_it_belongs_to(secretary, kv2, national):
    client = Client()
    client.force_login(secretary)
    url = admin_url(Organization, "change", kv2.pk)
    data = change_form_data(client.get(url))
    assert data["parent"] == str(national.pk)
    data["website"] = "https://hcma2.hcma.vn"

    response = client.post(url, data)

    assert response.status_code == 302
    kv2.refresh_from_db()
    assert (kv2.website, kv2.parent) == ("https://hcma2.hcma.vn", national)
    # Written by the service as the secretary: one version by them, one admin log entry (the
    # admin's own message), not two.
    latest = kv2.history.latest("history_date")
    assert (latest.history_type, latest.history_user) == ("~", secretary)
    entries = LogEntry.objects.filter(object_id=str(kv2.pk), content_type__model="organization")
    assert [(entry.user, entry.action_flag) for entry in entries] == [(secretary, CHANGE)]


def test_only_those_who_may_change_users_reach_the_memberships(client, secretary):
    client.force_login(secretary)

    assert client.get(admin_url(type(secretary), "change", secretary.pk)).status_code == 403
    assert client.get(admin_url(type(secretary), "changelist")).status_code == 403


def test_a_secretarys_people_import_makes_as_many_queries_for_50_rows_as_for_10(secretary, kv2):
    kept = person_create(written_name="Nguyễn Văn Số 1", by=None)  # updated by both files
    position_save(
        position=Position(person=kept, role=Role.DIRECTOR, organization=kv2, start_date=dt.date(2021, 1, 1)),
        by=None,
    )
    queries = {}
    for count, degree in ((10, "TS"), (50, "ThS")):
        Person.objects.exclude(pk=kept.pk).delete()
        user = type(secretary).objects.get(pk=secretary.pk)  # its scope read again, as in a new request
        rows = [[f"Nguyễn Văn Số {number}", degree, "", ""] for number in range(count)]
        with CaptureQueriesContext(connection) as captured:
            result = PersonResource().import_data(read_xlsx(people_file(*rows)), user=user)
        assert (result.totals["new"], result.totals["update"]) == (count - 1, 1)
        queries[count] = len(captured)

    assert queries[10] == queries[50]
    assert [row.history_user for row in kept.history.all()] == [secretary, secretary, None]


def test_a_position_is_placed_in_a_secretarys_own_committee_only(secretary, kv2, national):
    theirs = SteeringCommitteeFactory(organization=national)
    mine = SteeringCommitteeFactory(organization=kv2)
    person = person_create(written_name="Lê Văn Lợi", by=None)
    client = Client()
    client.force_login(secretary)
    url = admin_url(Position, "add")
    page = client.get(url)
    assert page.status_code == 200
    data = {"person": person.pk, "role": Role.HEAD, "order": "0", "start_date": "01/01/2024"}
    data |= management_forms([inline.formset.prefix for inline in page.context["inline_admin_formsets"]])

    refused = client.post(url, {**data, "committee": theirs.pk})
    accepted = client.post(url, {**data, "committee": mine.pk})

    assert list(refused.context["adminform"].form.errors) == ["committee"]
    assert accepted.status_code == 302
    assert list(Position.objects.values_list("committee", flat=True)) == [mine.pk]


def test_a_team_is_placed_in_a_secretarys_own_committee_only(secretary, kv2, national):
    """The committee above theirs is seen read-only: a team is neither made nor moved under it."""
    theirs = SteeringCommitteeFactory(organization=national)
    mine = SteeringCommitteeFactory(organization=kv2)
    client = Client()
    client.force_login(secretary)
    page = client.get(admin_url(Team, "add"))
    assert page.status_code == 200
    data = {"kind": TeamKind.SECRETARIAT, "name": "Tổ Thư ký", "order": "0"}
    data |= management_forms([inline.formset.prefix for inline in page.context["inline_admin_formsets"]])

    refused = client.post(admin_url(Team, "add"), {**data, "committee": theirs.pk})
    accepted = client.post(admin_url(Team, "add"), {**data, "committee": mine.pk})
    team = Team.objects.get()
    moved = client.post(admin_url(Team, "change", team.pk), {**data, "committee": theirs.pk})

    assert list(refused.context["adminform"].form.errors) == ["committee"]
    assert accepted.status_code == 302
    assert list(moved.context["adminform"].form.errors) == ["committee"]
    assert list(Team.objects.values_list("committee", flat=True)) == [mine.pk]
