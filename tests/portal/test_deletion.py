"""Deleting records goes through one service, `records_delete`, whoever asks: the admin's
delete page and "delete selected" included."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from events.models import Event, EventFormat, EventSite
from portal import deletion
from portal.deletion import records_delete
from portal.roles import SECRETARIAT
from portal.scoping import ScopeError
from tests.admin_forms import admin_url
from tests.agreements.factories import AgreementFactory
from tests.committees.factories import OrganizationFactory
from tests.events.factories import EventFactory, EventSiteFactory
from tests.staff import in_role, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs():
    national = OrganizationFactory(name="Học viện Chính trị quốc gia Hồ Chí Minh")
    return {
        "kv2": OrganizationFactory(name="Học viện Chính trị khu vực II", parent=national),
        "kv4": OrganizationFactory(name="Học viện Chính trị khu vực IV", parent=national),
    }


@pytest.fixture
def secretary(orgs):
    user = User.objects.create_user("thu-ky-kv2", is_staff=True, first_name="Lan", last_name="Nguyễn")
    return member_of(in_role(user, SECRETARIAT), orgs["kv2"])


def event_of(host, title: str) -> Event:
    event = EventFactory(title=title, host=host, format=EventFormat.HYBRID)
    EventSiteFactory(event=event, organization=host)
    return event


def test_a_record_goes_with_its_parts_and_the_history_names_who_deleted_it(orgs, secretary):
    event = event_of(orgs["kv2"], "Hội thảo khu vực II")

    deleted = records_delete(records=Event.objects.filter(pk=event.pk), by=secretary)

    assert deleted == 2  # the event and its connection site
    assert not Event.objects.filter(pk=event.pk).exists()
    assert not EventSite.objects.filter(event_id=event.pk).exists()
    gone = Event.history.filter(id=event.pk, history_type="-").get()
    assert (gone.title, gone.history_user) == ("Hội thảo khu vực II", secretary)


def test_one_record_of_another_organisation_refuses_the_whole_deletion(orgs, secretary):
    mine = event_of(orgs["kv2"], "Hội thảo khu vực II")
    theirs = event_of(orgs["kv4"], "Hội thảo khu vực IV")

    with pytest.raises(ScopeError) as error:
        records_delete(records=Event.objects.filter(pk__in=[mine.pk, theirs.pk]), by=secretary)

    assert error.value.messages == [
        f"“{theirs}” thuộc tổ chức khác: anh/chị chỉ được sửa bản ghi của tổ chức mình."
    ]
    assert Event.objects.count() == 2


def test_a_record_others_depend_on_is_refused_with_their_names(orgs, secretary):
    event = event_of(orgs["kv2"], "Hội nghị ký kết")
    for number in range(7):
        AgreementFactory(title=f"Quy chế {number}", signing_event=event, parties=[orgs["kv2"], orgs["kv4"]])

    with pytest.raises(ValidationError) as error:
        records_delete(records=Event.objects.filter(pk=event.pk), by=secretary)

    assert error.value.messages == [
        "Không thể xóa bản ghi này: “Quy chế 0”, “Quy chế 1”, “Quy chế 2”, “Quy chế 3”, “Quy chế 4” "
        "và 2 bản ghi khác phụ thuộc vào nó."
    ]
    assert Event.objects.filter(pk=event.pk).exists()


def test_the_admins_delete_page_and_delete_selected_call_the_service(client, orgs, secretary, monkeypatch):
    calls = []
    service = deletion.records_delete

    def spy(*, records, by):
        calls.append((sorted(records.values_list("title", flat=True)), by))
        return service(records=records, by=by)

    monkeypatch.setattr(deletion, "records_delete", spy)
    one, two, three = (event_of(orgs["kv2"], f"Sự kiện {n}") for n in (1, 2, 3))
    client.force_login(secretary)

    assert client.post(admin_url(Event, "delete", one.pk), {"post": "yes"}).status_code == 302
    response = client.post(
        admin_url(Event, "changelist"),
        {"action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert calls == [(["Sự kiện 1"], secretary), (["Sự kiện 2", "Sự kiện 3"], secretary)]
    assert not Event.objects.exists()
