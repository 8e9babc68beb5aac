"""The admin finds what is typed: without marks, in any case, the best answers first
(portal.admin.FoldedSearchMixin, portal.db.functions.Fold). Run on SQLite and on PostgreSQL
(DATABASE_URL=postgres://…)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from committees.models import Organization, OrganizationKind, Person
from committees.services import person_create
from portal.db.functions import Fold
from tests.committees.factories import OrganizationFactory
from tests.staff import sees_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_event", "add_event", "view_organization", "view_person"]
        )
    )
    # The search across every organisation, not the scope: the user sees them all.
    sees_everything(user)
    client.force_login(user)
    return user


@pytest.fixture
def academies():
    national = OrganizationFactory(
        name="Học viện Chính trị quốc gia Hồ Chí Minh", kind=OrganizationKind.NATIONAL_ACADEMY
    )
    region_four = OrganizationFactory(name="Học viện Chính trị khu vực IV", parent=national)
    OrganizationFactory(name="Đảng ủy Học viện Chính trị khu vực IV", parent=region_four)
    OrganizationFactory(name="Học viện Chính trị khu vực I", parent=national)
    OrganizationFactory(name="Trường Chính trị tỉnh Nghệ An")
    return national


def answers(client, term: str, field: str = "host", model: str = "event") -> list[str]:
    params = {"app_label": "events", "model_name": model, "field_name": field, "term": term}
    response = client.get(reverse("admin:autocomplete"), params)
    assert response.status_code == 200
    return [answer["text"] for answer in response.json()["results"]]


def test_fold_in_the_database_is_the_words_without_marks():
    OrganizationFactory(name="Đảng ủy (Học viện) — Khu vực IV")
    folded = Organization.objects.annotate(folded=Fold("name")).values_list("folded", flat=True).get()
    assert folded == "dang uy hoc vien khu vuc iv"


def test_autocomplete_finds_a_name_typed_without_marks(client, staff, academies):
    assert answers(client, "hoc vien khu vuc iv") == [
        "Học viện Chính trị khu vực IV",
        "Đảng ủy Học viện Chính trị khu vực IV",
    ]
    assert answers(client, "HỌC VIỆN khu VUC iv") == answers(client, "hoc vien khu vuc iv")


def test_autocomplete_matches_typed_words_at_the_start_of_words(client, staff, academies):
    # "tri" starts "trị" and "Trường"; "i" inside "Chính trị" is not a word of its own.
    assert answers(client, "truong chinh tri") == ["Trường Chính trị tỉnh Nghệ An"]
    assert answers(client, "nghe") == ["Trường Chính trị tỉnh Nghệ An"]
    assert answers(client, "khu vuc i") == [
        "Học viện Chính trị khu vực I",
        "Học viện Chính trị khu vực IV",
        "Đảng ủy Học viện Chính trị khu vực IV",
    ]


def test_autocomplete_ranks_exact_then_prefix_then_organisations_before_their_units(client, staff, academies):
    OrganizationFactory(name="Học viện")
    assert answers(client, "hoc vien") == [
        "Học viện",  # the whole name
        "Học viện Chính trị quốc gia Hồ Chí Minh",  # starts with it, top level
        "Học viện Chính trị khu vực I",  # starts with it, units of the national academy
        "Học viện Chính trị khu vực IV",
        "Đảng ủy Học viện Chính trị khu vực IV",  # elsewhere in the name, a unit's unit
    ]


def test_autocomplete_searches_former_names_once_per_organisation(client, staff, academies):
    region_four = Organization.objects.get(name="Học viện Chính trị khu vực IV")
    region_four.former_names.create(name="Phân viện Cần Thơ", valid_to="2007-12-31")
    region_four.former_names.create(name="Phân viện Chính trị Cần Thơ", valid_to="2004-12-31")
    assert answers(client, "can tho") == ["Học viện Chính trị khu vực IV"]


def test_autocomplete_of_people_ignores_marks(client, staff):
    person_create(by=None, written_name="NGƯT, TS Huỳnh Thanh Quang")
    person_create(by=None, written_name="Vương Quang Minh")
    assert answers(client, "huynh quang", field="person", model="attendee") == ["NGƯT, TS Huỳnh Thanh Quang"]
    assert sorted(answers(client, "QUANG", field="person", model="attendee")) == [
        "NGƯT, TS Huỳnh Thanh Quang",
        "Vương Quang Minh",
    ]
    assert Person.objects.count() == 2


def test_a_search_of_punctuation_only_answers_like_django(client, staff, academies):
    assert answers(client, "—") == []


def test_changelist_search_ignores_marks_and_keeps_its_order(admin_client, academies):
    response = admin_client.get(reverse("admin:committees_organization_changelist"), {"q": "khu vuc iv"})
    in_list_order = Organization.objects.filter(name__endswith="khu vực IV").order_by("order", "name")
    assert len(in_list_order) == 2
    assert list(response.context["cl"].result_list) == list(in_list_order)
