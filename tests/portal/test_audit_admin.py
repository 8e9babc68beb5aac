"""The admin's history page, restore and deleted records (portal/audit_admin.py), and the refusal
to delete a record others depend on."""

from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committees.models import Decision, DecisionKind, Organization, OrganizationKind, SteeringCommittee
from committees.services import organization_save
from portal.audit_admin import FieldChange
from portal.history import acting_as, audited, restore_fields
from portal.roles import SECRETARIAT
from portal.scoping import require_writable
from tests.admin_forms import admin_url, change_form_data
from tests.committees.factories import OrganizationFactory
from tests.staff import in_role, member_of, sees_everything

HO_CHI_MINH = ZoneInfo("Asia/Ho_Chi_Minh")


@audited
def organization_restore(*, organization, version, by):
    """The restore service an app declares on its admin (contract.md), for these tests."""
    require_writable(organization, by)
    changed = restore_fields(organization, version)
    organization_save(organization=organization, changed=changed, by=by)
    require_writable(organization, by)


@pytest.fixture
def restorable(monkeypatch):
    """The organisation admin with a restore service."""
    monkeypatch.setattr(
        type(site.get_model_admin(Organization)), "restore_service", staticmethod(organization_restore)
    )


@pytest.fixture
def not_restorable(monkeypatch):
    """The organisation admin without a restore service."""
    monkeypatch.setattr(type(site.get_model_admin(Organization)), "restore_service", None)


@pytest.fixture
def academy(db):
    with acting_as(None, reason="Nạp dữ liệu mẫu"):
        return OrganizationFactory(name="Học viện Chính trị khu vực II", website="https://hcma2.org.vn")


@pytest.fixture
def secretary(django_user_model, academy):
    user = django_user_model.objects.create_user(
        username="thu-ky", password="x", is_staff=True, first_name="Trần Thị", last_name="Bình"
    )
    return member_of(in_role(user, SECRETARIAT), academy)


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


def label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def change_through_admin(client, organization, **values):
    url = admin_url(Organization, "change", organization.pk)
    data = change_form_data(client.get(url)) | values
    response = client.post(url, data, follow=True)
    assert response.redirect_chain, response.context["adminform"].form.errors


def test_history_page_lists_each_version_newest_first_with_who_and_what_changed(
    not_restorable, secretary_client, academy
):
    change_through_admin(secretary_client, academy, website="https://hcma2.vn", kind=OrganizationKind.UNIT)

    response = secretary_client.get(admin_url(Organization, "history", academy.pk))

    assert response.status_code == 200
    versions = response.context["versions"]
    assert [(v.who, v.action, v.reason) for v in versions] == [
        ("Trần Thị Bình", "Sửa", ""),
        ("Hệ thống: Nạp dữ liệu mẫu", "Thêm", ""),
    ]
    assert versions[0].changes == [
        FieldChange(
            label(Organization, "kind"),
            str(OrganizationKind.REGIONAL_ACADEMY.label),
            str(OrganizationKind.UNIT.label),
        ),
        FieldChange(label(Organization, "website"), "https://hcma2.org.vn", "https://hcma2.vn"),
    ]
    assert versions[0].when == versions[0].record.history_date.astimezone(HO_CHI_MINH).strftime(
        "%d/%m/%Y %H:%M"
    )
    content = response.content.decode()
    assert "Trần Thị Bình" in content
    assert "https://hcma2.vn" in content
    assert "Khôi phục phiên bản này" not in content


def test_a_changed_parent_shows_by_name_and_a_long_text_shortened(admin_client, academy):
    parent = OrganizationFactory(name="Học viện Chính trị quốc gia Hồ Chí Minh")
    academy.parent = parent
    academy.description = "Một đoạn giới thiệu rất dài. " * 20
    with acting_as(None, reason="Nhập bảng tính"):
        academy.save()

    versions = admin_client.get(admin_url(Organization, "history", academy.pk)).context["versions"]

    changes = {change.label: (change.old, change.new) for change in versions[0].changes}
    assert changes[label(Organization, "parent")] == ("—", "Học viện Chính trị quốc gia Hồ Chí Minh")
    old, new = changes[label(Organization, "description")]
    assert old == "—"
    assert len(new) == 80
    assert new.endswith("…")
    assert versions[0].who == "Hệ thống: Nhập bảng tính"


def test_another_organisations_record_has_no_history_page(secretary_client):
    other = OrganizationFactory(name="Học viện Chính trị khu vực IV")

    response = secretary_client.get(admin_url(Organization, "history", other.pk))

    assert response.status_code == 404


def test_a_model_without_history_keeps_djangos_page(admin_client, django_user_model, admin_user):
    response = admin_client.get(admin_url(django_user_model, "history", admin_user.pk))

    assert response.status_code == 200
    assert response.templates[0].name == "admin/object_history.html"


def test_history_page_queries_do_not_grow_with_the_versions_on_it(
    admin_client, academy, django_assert_max_num_queries
):
    url = admin_url(Organization, "history", academy.pk)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(url).status_code == 200
        return len(captured)

    academy.parent = OrganizationFactory(name="Học viện Chính trị quốc gia Hồ Chí Minh")
    academy.save()
    few = queries()
    for number in range(15):
        academy.name = f"Học viện Chính trị khu vực II — {number}"
        academy.parent = OrganizationFactory() if number % 2 else None
        academy.save()

    assert queries() == few
    # Session, user, device, record, count, versions; then one query per related model named.
    with django_assert_max_num_queries(8):
        admin_client.get(url)


def test_restore_asks_then_restores_the_version_as_a_change_by_the_user(
    restorable, secretary_client, academy
):
    change_through_admin(secretary_client, academy, website="https://nham.vn")
    history = secretary_client.get(admin_url(Organization, "history", academy.pk))
    first = history.context["versions"][1]
    assert first.restorable
    assert not history.context["versions"][0].restorable
    assert "Khôi phục phiên bản này" in history.content.decode()

    confirm = secretary_client.get(first.restore_url)
    assert confirm.context["changes"] == [
        FieldChange(label(Organization, "website"), "https://nham.vn", "https://hcma2.org.vn")
    ]
    response = secretary_client.post(first.restore_url)

    assert response.status_code == 302
    assert response.url == admin_url(Organization, "change", academy.pk)
    academy.refresh_from_db()
    assert academy.website == "https://hcma2.org.vn"
    latest = academy.history.first()
    assert (latest.history_type, latest.history_user.username) == ("~", "thu-ky")
    messages = [str(m) for m in secretary_client.get(response.url).context["messages"]]
    assert any(m.startswith("Đã khôi phục") for m in messages)


def test_restore_refused_by_the_service_changes_nothing_and_says_why(monkeypatch, secretary_client, academy):
    def refuse(*, organization, version, by):
        organization.name = "Nửa chừng"
        organization.save()
        raise ValidationError("Không thể khôi phục lúc này.")

    monkeypatch.setattr(type(site.get_model_admin(Organization)), "restore_service", staticmethod(refuse))
    change_through_admin(secretary_client, academy, website="https://moi.vn")
    version = academy.history.order_by("history_date").first()

    response = secretary_client.post(
        admin_url(Organization, "history_restore", academy.pk, version.history_id)
    )

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]][-1] == "Không thể khôi phục lúc này."
    academy.refresh_from_db()
    assert (academy.name, academy.website) == ("Học viện Chính trị khu vực II", "https://moi.vn")


def test_a_read_only_record_offers_no_restore_and_refuses_one(restorable, client, django_user_model, academy):
    # The academy is above the secretary's unit: they see it, read-only.
    unit = OrganizationFactory(name="Khoa Xây dựng Đảng", parent=academy)
    reader = member_of(
        in_role(
            django_user_model.objects.create_user(username="khoa", password="x", is_staff=True), SECRETARIAT
        ),
        unit,
    )
    with acting_as(None, reason="Nhập"):
        academy.name = "Học viện Chính trị khu vực II (đổi)"
        academy.save()
    client.force_login(reader)
    version = academy.history.order_by("history_date").first()

    history = client.get(admin_url(Organization, "history", academy.pk))
    restore = admin_url(Organization, "history_restore", academy.pk, version.history_id)

    assert history.status_code == 200
    assert not any(v.restorable for v in history.context["versions"])
    assert client.get(restore).status_code == 403
    assert client.post(restore).status_code == 403
    academy.refresh_from_db()
    assert academy.name == "Học viện Chính trị khu vực II (đổi)"


def test_deleting_through_the_admin_is_in_the_history_with_the_user(secretary_client, academy):
    unit = OrganizationFactory(name="Khoa Lý luận", parent=academy)

    response = secretary_client.post(admin_url(Organization, "delete", unit.pk), {"post": "yes"})

    assert response.status_code == 302
    deletion = Organization.history.filter(id=unit.pk).first()
    assert (deletion.history_type, deletion.history_user.username) == ("-", "thu-ky")


def test_deleted_records_are_listed_for_system_administrators_only(admin_client, secretary_client, academy):
    unit = OrganizationFactory(name="Khoa Lý luận", parent=academy)
    unit_pk = unit.pk
    secretary_client.post(admin_url(Organization, "delete", unit_pk), {"post": "yes"})

    listed = admin_client.get(admin_url(Organization, "deleted"))
    history = admin_client.get(admin_url(Organization, "history", unit_pk))

    assert [str(v.record.instance) for v in listed.context["versions"]] == ["Khoa Lý luận"]
    assert admin_url(Organization, "history", unit_pk) in listed.content.decode()
    assert history.status_code == 200
    assert history.context["deleted"] is True
    assert [v.action for v in history.context["versions"]] == ["Xóa", "Thêm"]
    assert "Bản ghi đã xóa" in admin_client.get(admin_url(Organization, "changelist")).content.decode()
    assert secretary_client.get(admin_url(Organization, "deleted")).status_code == 403
    assert secretary_client.get(admin_url(Organization, "history", unit_pk)).status_code == 404
    assert (
        "Bản ghi đã xóa" not in secretary_client.get(admin_url(Organization, "changelist")).content.decode()
    )


def test_a_scoped_user_who_sees_everything_may_open_deleted_records(secretary, secretary_client, academy):
    unit = OrganizationFactory(name="Khoa Lý luận", parent=academy)
    secretary_client.post(admin_url(Organization, "delete", unit.pk), {"post": "yes"})
    sees_everything(secretary)

    assert secretary_client.get(admin_url(Organization, "deleted")).status_code == 200
    assert secretary_client.get(admin_url(Organization, "history", unit.pk)).status_code == 200


def test_deleting_an_organisation_others_depend_on_is_refused_with_the_reason(secretary_client, academy):
    unit = OrganizationFactory(name="Khoa Lý luận", parent=academy)

    page = secretary_client.get(admin_url(Organization, "delete", academy.pk))
    posted = secretary_client.post(admin_url(Organization, "delete", academy.pk), {"post": "yes"})

    content = page.content.decode()
    assert "Không thể xóa" in content
    assert "các bản ghi sau đây đang dẫn chiếu đến nó" in content
    assert "Khoa Lý luận" in content
    assert posted.status_code == 200
    assert Organization.objects.filter(pk=academy.pk).exists()
    assert Organization.objects.filter(pk=unit.pk).exists()


def test_delete_selected_refuses_records_others_depend_on(secretary_client, academy):
    OrganizationFactory(name="Khoa Lý luận", parent=academy)

    response = secretary_client.post(
        admin_url(Organization, "changelist"),
        {"action": "delete_selected", "_selected_action": [academy.pk], "post": "yes"},
    )

    assert "các bản ghi sau đây đang dẫn chiếu đến chúng" in response.content.decode()
    assert Organization.objects.filter(pk=academy.pk).exists()


def test_a_decision_founding_a_committee_cannot_be_deleted(admin_client, academy):
    decision = Decision.objects.create(
        number="01-QĐ/TW",
        title="Thành lập Ban Chỉ đạo",
        slug="01-qd-tw",
        kind=DecisionKind.FOUND_TEAM,
        issuer_organization=academy,
    )
    committee = SteeringCommittee.objects.create(
        organization=academy, name="Ban Chỉ đạo 35", slug="bcd35", founding_decision=decision
    )

    admin_client.post(admin_url(Decision, "delete", decision.pk), {"post": "yes"})

    assert Decision.objects.filter(pk=decision.pk).exists()
    committee.refresh_from_db()
    assert committee.founding_decision_id == decision.pk


def test_an_event_an_agreement_was_signed_at_cannot_be_deleted(admin_client, academy):
    from agreements.models import Agreement
    from events.models import Event
    from tests.agreements.factories import AgreementFactory
    from tests.events.factories import EventFactory

    event = EventFactory(host=academy)
    agreement = AgreementFactory(parties=[academy, OrganizationFactory()], signing_event=event)

    page = admin_client.get(admin_url(Event, "delete", event.pk))
    admin_client.post(admin_url(Event, "delete", event.pk), {"post": "yes"})

    assert "các bản ghi sau đây đang dẫn chiếu đến nó" in page.content.decode()
    assert agreement.title in page.content.decode()
    assert Event.objects.filter(pk=event.pk).exists()
    assert Agreement.objects.get(pk=agreement.pk).signing_event_id == event.pk


def test_bad_addresses_of_the_history_pages_are_not_found_not_errors(not_restorable, admin_client, academy):
    version = academy.history.get()

    assert admin_client.get(admin_url(Organization, "history", "khong-phai-so")).status_code == 404
    assert admin_client.get(admin_url(Organization, "history", academy.pk) + "?p=abc").status_code == 200
    assert (
        admin_client.get(
            admin_url(Organization, "history_restore", academy.pk, version.history_id)
        ).status_code
        == 404
    )
    assert (
        admin_client.get(admin_url(Organization, "history_restore", 999, version.history_id)).status_code
        == 404
    )
