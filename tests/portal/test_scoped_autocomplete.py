"""Autocomplete boxes answer within the scope; the box naming a record's owner offers only the user's own."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from portal.roles import SECRETARIAT
from tests.committees.factories import (
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    SteeringCommitteeFactory,
)
from tests.staff import in_role, member_of

pytestmark = pytest.mark.django_db


def answers(client, app, model, field, term=""):
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": app, "model_name": model, "field_name": field, "term": term},
    )
    assert response.status_code == 200
    return {result["text"] for result in response.json()["results"]}


def test_the_host_box_offers_only_own_organisations_and_the_site_box_those_seen():
    national = OrganizationFactory(name="Học viện Chính trị quốc gia Hồ Chí Minh")
    region_two = OrganizationFactory(name="Học viện Chính trị khu vực II", parent=national)
    OrganizationFactory(name="Học viện Chính trị khu vực IV", parent=national)
    user = in_role(member_of(User.objects.create_user("thuky", is_staff=True), region_two), SECRETARIAT)
    client = Client()
    client.force_login(user)
    assert answers(client, "events", "event", "host") == {region_two.name}
    assert answers(client, "events", "eventsite", "organization") == {region_two.name, national.name}
    # A field that does not name the owner: what the user sees.
    assert answers(client, "events", "event", "co_organizers") == {region_two.name, national.name}
    assert answers(client, "committees", "organization", "parent") == {region_two.name, national.name}


def test_the_speaker_box_offers_the_people_of_the_academy_above_but_not_another_academys():
    """A regional academy's conference is chaired and addressed by the national academy's
    leaders: its secretary chooses them (read-only to them) instead of typing them anew."""
    national = OrganizationFactory(name="Học viện Chính trị quốc gia Hồ Chí Minh")
    region_two = OrganizationFactory(name="Học viện Chính trị khu vực II", parent=national)
    region_four = OrganizationFactory(name="Học viện Chính trị khu vực IV", parent=national)
    PositionFactory(person=PersonFactory(full_name="Nguyễn Xuân Thắng"), organization=national)
    PositionFactory(person=PersonFactory(full_name="Trần Văn Hai"), organization=region_two)
    PositionFactory(person=PersonFactory(full_name="Lê Văn Bốn"), organization=region_four)
    user = in_role(member_of(User.objects.create_user("thuky", is_staff=True), region_two), SECRETARIAT)
    client = Client()
    client.force_login(user)

    for model in ("speech", "eventchair", "attendee"):
        assert answers(client, "events", model, "person") == {"Nguyễn Xuân Thắng", "Trần Văn Hai"}
    leader = PersonFactory._meta.model.objects.get(full_name="Nguyễn Xuân Thắng")
    page = client.get(f"/admin/committees/person/{leader.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content  # theirs to read, not to change
    assert client.post(f"/admin/committees/person/{leader.pk}/change/", {}).status_code == 403


def test_the_committee_box_of_a_team_or_position_offers_only_the_committees_they_may_change():
    """A committee above theirs is seen read-only: nothing may be placed in it, so the boxes
    naming the committee a team or a position belongs to do not offer it."""
    national = OrganizationFactory(name="Học viện Chính trị quốc gia Hồ Chí Minh")
    region_two = OrganizationFactory(name="Học viện Chính trị khu vực II", parent=national)
    theirs = SteeringCommitteeFactory(organization=region_two)
    above = SteeringCommitteeFactory(organization=national)
    user = in_role(member_of(User.objects.create_user("thuky", is_staff=True), region_two), SECRETARIAT)
    client = Client()
    client.force_login(user)

    assert answers(client, "committees", "team", "committee") == {str(theirs)}
    assert answers(client, "committees", "position", "committee") == {str(theirs)}
    # It is theirs to read: the committees' list shows both.
    assert client.get("/admin/committees/steeringcommittee/").context["cl"].result_count == 2
    assert above.pk != theirs.pk
