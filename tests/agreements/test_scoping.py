"""Agreements and organisations: an agreement is its lead party's.

A KV II secretariat changes the agreements KV II leads. One KV II is only party to (KV IV
leads) is shared: its page opens read-only, inlines included, without lifecycle buttons, and
a POST, a button or a list action is refused. The services refuse the same writes, so an
import acting for the user does too; every write enters the audit history with the user, or
with the daily job's name.
"""

import pytest
from django.urls import reverse

from agreements.models import Agreement, AgreementParty, AgreementStatus, PartyRole, Task, TaskStatus
from agreements.resources import AgreementResource
from agreements.services import (
    agreement_restore,
    agreement_save,
    agreement_supersede,
    agreement_transition,
    task_set_status,
    tasks_set_status,
)
from agreements.tasks import run_daily
from portal.exchange.formats import read_xlsx
from portal.roles import SECRETARIAT
from portal.scoping import ScopeError
from portal.services import Rows
from tests import admin_forms
from tests.agreements.factories import AgreementFactory, TaskFactory, agreement_in_force
from tests.agreements.test_resources import HEADERS, agreement_row, raw_workbook
from tests.committees.factories import OrganizationFactory
from tests.staff import in_role, member_of

pytestmark = pytest.mark.django_db

S = AgreementStatus
OUT_OF_SCOPE = "thuộc tổ chức khác"


@pytest.fixture
def orgs():
    academy = OrganizationFactory(name="Học viện Chính trị quốc gia Hồ Chí Minh")
    return {
        "hv": academy,
        "kv2": OrganizationFactory(name="Học viện Chính trị khu vực II", parent=academy),
        "kv4": OrganizationFactory(name="Học viện Chính trị khu vực IV", parent=academy),
        "board": OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy Đắk Lắk"),
    }


@pytest.fixture
def secretary(django_user_model, orgs):
    user = django_user_model.objects.create_user(username="thu-ky-kv2", password="x", is_staff=True)
    return member_of(in_role(user, SECRETARIAT), orgs["kv2"])


@pytest.fixture
def agreements(orgs):
    """KV II leads `own`; KV IV leads `shared` (KV II a member) and `other` (with the board)."""
    return {
        # Its partner is the academy above KV II: a party its staff may name (see the report).
        "own": agreement_in_force(parties=[orgs["kv2"], orgs["hv"]], title="Quy chế của khu vực II"),
        "shared": agreement_in_force(parties=[orgs["kv4"], orgs["kv2"]], title="Quy chế khu vực IV và II"),
        "other": agreement_in_force(parties=[orgs["kv4"], orgs["board"]], title="Quy chế riêng khu vực IV"),
    }


def url(view: str, *args) -> str:
    return admin_forms.admin_url(Agreement, view, *args)


def transition_url(agreement: Agreement, name: str) -> str:
    return reverse("admin:agreements_agreement_transition", args=[agreement.pk, name])


def stored(agreement: Agreement) -> tuple:
    return Agreement.objects.filter(pk=agreement.pk).values_list("title", "status", "summary").get()


# --- The services ---------------------------------------------------------------------------------


def test_the_services_refuse_another_organisations_agreement(agreements, secretary):
    for name in ("shared", "other"):
        agreement = agreements[name]
        task = TaskFactory(agreement=agreement)
        before = stored(agreement)
        agreement.summary = "Sửa"
        with pytest.raises(ScopeError, match=OUT_OF_SCOPE):
            agreement_save(agreement=agreement, by=secretary)
        with pytest.raises(ScopeError):
            agreement_transition(agreement=agreement, to=S.UNDER_REVIEW, by=secretary)
        with pytest.raises(ScopeError):
            task_set_status(task=task, to=TaskStatus.DONE, by=secretary)
        assert stored(agreement) == before
        assert Task.objects.get(pk=task.pk).status == TaskStatus.NOT_STARTED


def test_a_bulk_status_change_touching_another_organisations_task_changes_nothing(agreements, secretary):
    own = TaskFactory(agreement=agreements["own"])
    shared = TaskFactory(agreement=agreements["shared"])
    with pytest.raises(ScopeError):
        tasks_set_status(tasks=Task.objects.all(), to=TaskStatus.IN_PROGRESS, by=secretary)
    assert set(Task.objects.values_list("status", flat=True)) == {TaskStatus.NOT_STARTED}
    assert not own.status_changes.exists() and not shared.status_changes.exists()


def test_an_agreement_they_would_not_lead_is_not_made(orgs, secretary):
    parties = Rows.of(
        AgreementParty,
        "agreement",
        AgreementParty(organization=orgs["kv4"], role=PartyRole.LEAD, order=0),
        AgreementParty(organization=orgs["kv2"], role=PartyRole.MEMBER, order=1),
    )
    with pytest.raises(ScopeError):
        agreement_save(
            agreement=Agreement(title="Quy chế mới", slug="quy-che-moi"), by=secretary, rows=[parties]
        )
    assert not Agreement.objects.filter(title="Quy chế mới").exists()
    assert not AgreementParty.objects.filter(agreement__title="Quy chế mới").exists()


def test_superseding_is_refused_for_another_organisations_agreement(agreements, orgs, secretary):
    draft = AgreementFactory(parties=[orgs["kv4"], orgs["kv2"]])
    with pytest.raises(ScopeError):
        agreement_supersede(agreement=draft, previous=agreements["own"], by=secretary)
    assert Agreement.objects.get(pk=draft.pk).supersedes_id is None


def test_their_transitions_and_bulk_task_statuses_are_in_the_history_with_them(agreements, secretary):
    own = agreements["own"]
    first, second = TaskFactory.create_batch(2, agreement=own)

    agreement_transition(agreement=own, to=S.UNDER_REVIEW, by=secretary)
    moved = tasks_set_status(
        tasks=Task.objects.filter(agreement=own), to=TaskStatus.IN_PROGRESS, by=secretary
    )

    assert len(moved) == 2
    latest = own.history.order_by("-history_id").first()
    assert (latest.status, latest.history_user) == (S.UNDER_REVIEW, secretary)
    for task in (first, second):
        version = task.history.order_by("-history_id").first()
        assert (version.status, version.history_user, version.history_type) == (
            TaskStatus.IN_PROGRESS,
            secretary,
            "~",
        )


def test_the_daily_job_writes_in_the_history_with_its_name(agreements, mailoutbox):
    task = TaskFactory(agreement=agreements["own"])  # due 31/12/2020: overdue

    report = run_daily()

    assert report["tasks_overdue"] == 1
    version = task.history.order_by("-history_id").first()
    assert (version.status, version.history_user) == (TaskStatus.OVERDUE, None)
    assert version.history_change_reason == "Tác vụ hằng ngày của văn bản phối hợp"


def test_restore_puts_back_an_earlier_version_through_the_save_service(agreements, secretary):
    own = agreements["own"]
    first = own.history.order_by("history_id").first()
    own.title, own.summary = "Tên mới", "Tóm tắt mới"
    agreement_save(agreement=own, by=secretary)

    agreement_restore(agreement=own, version=first, by=secretary)

    assert stored(own) == ("Quy chế của khu vực II", S.IN_FORCE, "")
    restored = own.history.order_by("-history_id").first()
    assert restored.history_user == secretary
    assert restored.history_change_reason.startswith("Khôi phục phiên bản văn bản phối hợp lúc")

    shared = agreements["shared"]
    with pytest.raises(ScopeError):
        agreement_restore(agreement=shared, version=shared.history.first(), by=secretary)
    with pytest.raises(Exception, match="văn bản phối hợp khác"):
        agreement_restore(agreement=own, version=shared.history.first(), by=secretary)


# --- The admin --------------------------------------------------------------------------------------


def test_a_shared_agreement_opens_read_only_with_its_inlines(client, agreements, secretary):
    client.force_login(secretary)
    shared = agreements["shared"]
    TaskFactory(agreement=shared)

    response = client.get(url("change", shared.pk))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="_save"' not in page and 'name="summary"' not in page
    assert transition_url(shared, "start_review") not in page
    assert not response.context["has_change_permission"]
    assert all(not inline.has_add_permission for inline in response.context["inline_admin_formsets"])
    assert all(not inline.has_change_permission for inline in response.context["inline_admin_formsets"])
    assert 'name="tasks-0-new_status"' not in page and 'name="parties-0-role"' not in page


def test_their_own_agreement_opens_with_its_lifecycle_buttons(client, agreements, secretary):
    client.force_login(secretary)
    own = agreements["own"]
    page = client.get(url("change", own.pk)).content.decode()
    assert 'name="_save"' in page and transition_url(own, "start_review") in page


def test_posting_a_shared_or_other_agreement_changes_nothing(client, agreements, secretary):
    client.force_login(secretary)
    for name, expected in (("shared", 403), ("other", 302)):
        agreement = agreements[name]
        before = stored(agreement)
        assert client.post(url("change", agreement.pk), {"summary": "Sửa"}).status_code == expected
        assert client.post(transition_url(agreement, "start_review")).status_code == expected
        assert client.post(url("delete", agreement.pk), {"post": "yes"}).status_code == expected
        assert stored(agreement) == before


def test_a_list_action_refuses_a_shared_agreement_with_a_message(client, agreements, secretary):
    client.force_login(secretary)
    shared = agreements["shared"]
    response = client.post(
        url("changelist"),
        {"action": "start_review", "_selected_action": [str(shared.pk)]},
        follow=True,
    )
    assert any(OUT_OF_SCOPE in str(message) for message in response.context["messages"])
    assert stored(shared)[1] == S.IN_FORCE


def test_the_list_shows_their_own_and_shared_agreements_only(client, agreements, secretary):
    client.force_login(secretary)
    response = client.get(url("changelist"))
    assert {agreement.title for agreement in response.context["cl"].result_list} == {
        "Quy chế của khu vực II",
        "Quy chế khu vực IV và II",
    }


def test_an_admin_save_is_in_the_history_with_the_user(client, agreements, secretary):
    client.force_login(secretary)
    own = agreements["own"]
    data = admin_forms.change_form_data(client.get(url("change", own.pk)))
    data["summary"] = "Tóm tắt đã sửa"
    assert client.post(url("change", own.pk), data).status_code == 302
    latest = own.history.order_by("-history_id").first()
    assert (latest.summary, latest.history_user, latest.history_type) == ("Tóm tắt đã sửa", secretary, "~")


# --- Imports ----------------------------------------------------------------------------------------


def test_an_import_row_changing_another_organisations_agreement_is_refused(agreements, orgs, secretary):
    shared = agreements["shared"]
    parties = f"{orgs['kv4'].name} (chủ trì); {orgs['kv2'].name}"
    content = raw_workbook(
        HEADERS,
        agreement_row(
            **{
                "Tên văn bản": shared.title,
                "Số, ký hiệu": shared.number,
                "Các bên tham gia": parties,
                "Ngày ký": "25/02/2020",
                "Tóm tắt": "Sửa qua tệp",
            }
        ),
    )
    result = AgreementResource().import_data(read_xlsx(content), user=secretary)

    [invalid] = result.invalid_rows
    assert OUT_OF_SCOPE in " ".join(str(m) for messages in invalid.error_dict.values() for m in messages)
    assert stored(shared)[2] == ""


def test_an_import_row_making_an_agreement_led_by_another_organisation_is_refused(orgs, secretary):
    parties = f"{orgs['kv4'].name} (chủ trì); {orgs['kv2'].name}"
    content = raw_workbook(HEADERS, agreement_row(**{"Các bên tham gia": parties}))
    result = AgreementResource().import_data(read_xlsx(content), user=secretary)
    assert len(result.invalid_rows) == 1
    assert not Agreement.objects.filter(title="Quy chế mới").exists()

    own = raw_workbook(
        HEADERS, agreement_row(**{"Các bên tham gia": f"{orgs['kv2'].name} (chủ trì); {orgs['kv4'].name}"})
    )
    result = AgreementResource().import_data(read_xlsx(own), user=secretary)
    assert not result.invalid_rows and not result.has_errors()
    created = Agreement.objects.get(title="Quy chế mới")
    assert created.history.get().history_user == secretary
