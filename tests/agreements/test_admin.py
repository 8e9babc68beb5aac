import datetime as dt
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from agreements.models import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    Direction,
    Milestone,
    MilestoneKind,
    PartyRole,
    StatusChange,
    Task,
    TaskStatus,
)
from agreements.services import (
    agreement_schedule_reviews,
    agreement_supersede,
    agreement_transition,
    task_set_status,
)
from committees.models import OrganizationKind, OrganizationName
from portal import scoping
from portal.lib.periods import add_months
from tests import admin_forms
from tests.admin_forms import change_form_data, form_errors, inline_errors, management_forms
from tests.agreements.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    DirectionFactory,
    MilestoneFactory,
    TaskFactory,
    agreement_in_force,
)
from tests.committees.factories import (
    DecisionFactory,
    LegalDocumentFactory,
    OrganizationFactory,
    PersonFactory,
    RegionFactory,
)
from tests.events.factories import EventFactory
from tests.staff import member_of, sees_everything
from tests.two_factor import verified_client

pytestmark = pytest.mark.django_db

S = AgreementStatus
REGISTERED = [
    model for model in apps.get_app_config("agreements").get_models() if admin.site.is_registered(model)
]
INLINE_PREFIXES = ("parties", "directions", "tasks", "milestones", "status_changes")
SIGNED = dt.date(2020, 2, 25)

TOO_FEW_PARTIES = "Văn bản phối hợp phải có ít nhất hai bên tham gia."
LISTED_TWICE = "Một tổ chức được ghi hai lần trong các bên tham gia."
ENDS_BEFORE_IN_FORCE = "Văn bản phối hợp không thể hết hiệu lực trước khi có hiệu lực."
OWNER_NOT_A_PARTY = "Đơn vị chủ trì phải là một bên tham gia văn bản này."
NOT_THIS_DIRECTION = "Hãy chọn một phương hướng của chính văn bản này."
CYCLE = "Thao tác này tạo ra vòng lặp thay thế giữa các văn bản."
ONE_FINAL_REVIEW = "Mỗi văn bản phối hợp chỉ có một lần tổng kết."


def admin_url(view: str, *args, model=Agreement) -> str:
    return admin_forms.admin_url(model, view, *args)


def transition_url(agreement: Agreement, name: str) -> str:
    return reverse("admin:agreements_agreement_transition", args=[agreement.pk, name])


def management(**totals) -> dict:
    return management_forms(INLINE_PREFIXES, **totals)


def squashed(html: str) -> str:
    """The page without the white space between tags, as a reader sees it."""
    return re.sub(r">\s+<", "><", html)


def shown_messages(response) -> list[tuple[str, str]]:
    return [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]


def staff_with(django_user_model, *codenames):
    staff = django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return staff


def row_counts() -> tuple:
    return tuple(
        model.objects.count()
        for model in (Agreement, AgreementParty, Direction, Task, Milestone, StatusChange)
    )


def history(agreement: Agreement) -> list[tuple]:
    return list(agreement.status_changes.values_list("from_status", "to_status", "by__username"))


@pytest.fixture
def superuser(admin_user):
    return admin_user


@pytest.fixture
def academy():
    return OrganizationFactory(
        name="Học viện Chính trị quốc gia Hồ Chí Minh", kind=OrganizationKind.NATIONAL_ACADEMY
    )


@pytest.fixture
def board():
    return OrganizationFactory(name="Ban Tuyên giáo Trung ương", short_name="BTGTW")


@pytest.fixture
def regional():
    return OrganizationFactory(name="Học viện Chính trị khu vực IV")


def agreement_data(**changes) -> dict:
    """The add form of a regulation signed 25/02/2020, reviewed after 18 and 60 months, every inline empty."""
    return {
        "kind": AgreementKind.REGULATION,
        "title": "Quy chế phối hợp về công tác đấu tranh phản bác",
        "slug": "",
        "number": "01-QC/HV-BTG",
        "signed_on": "25/02/2020",
        "signing_event": "",
        "effective_from": "25/02/2020",
        "effective_to": "",
        "covers_from": "",
        "covers_to": "",
        "interim_review_months": "18",
        "final_review_months": "60",
        "supersedes": "",
        "summary": "",
        "text": "",
        **management(),
    } | changes


def parties(*rows) -> dict:
    """Party rows of the add form: (organisation, role, signatory or None)."""
    data = {"parties-TOTAL_FORMS": str(len(rows))}
    for index, (organization, role, signatory) in enumerate(rows):
        data |= {
            f"parties-{index}-organization": str(organization.pk),
            f"parties-{index}-role": role,
            f"parties-{index}-signatory": str(signatory.pk) if signatory else "",
            f"parties-{index}-order": str(index),
        }
    return data


def two_parties(academy, board) -> dict:
    return parties((academy, PartyRole.LEAD, None), (board, PartyRole.MEMBER, None))


# --- Every page loads, and only with permissions ------------------------------------------------


def test_agreements_are_one_screen_with_read_only_lists_of_tasks_and_reviews():
    assert [Agreement, Task, Milestone] == REGISTERED


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.model_name)
def test_changelist_loads(admin_client, model):
    assert admin_client.get(admin_url("changelist", model=model)).status_code == 200


def test_the_add_page_loads_with_every_inline_and_two_empty_party_rows(admin_client):
    response = admin_client.get(admin_url("add"))

    assert response.status_code == 200
    formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    assert [formset.prefix for formset in formsets] == list(INLINE_PREFIXES)
    assert len(formsets[0].forms) == 2


@pytest.mark.parametrize("model", [Task, Milestone], ids=lambda model: model._meta.model_name)
def test_tasks_and_reviews_are_entered_on_their_agreement_not_in_their_lists(admin_client, model):
    row = TaskFactory() if model is Task else MilestoneFactory()

    assert admin_client.get(admin_url("add", model=model)).status_code == 403
    assert admin_client.post(admin_url("delete", row.pk, model=model)).status_code == 403
    assert model.objects.count() == 1


def test_the_change_page_of_a_complete_agreement_loads_with_its_status_history(admin_client, superuser):
    agreement = agreement_in_force(parties=3, by=superuser, interim_review_months=18)
    direction = DirectionFactory(agreement=agreement)
    TaskFactory(direction=direction, owner=agreement.parties.first(), evidence_events=[EventFactory()])
    agreement_schedule_reviews(agreement=agreement)

    response = admin_client.get(admin_url("change", agreement.pk))

    assert response.status_code == 200
    content = response.content.decode()
    assert '<div class="readonly">đang có hiệu lực</div>' in content  # the status, read-only
    assert response.context["inline_admin_formsets"][4].formset.prefix == "status_changes"
    at = agreement.status_changes.get().at
    history_row = (
        '<td class="field-from_status"><p>dự thảo</p></td>'
        '<td class="field-to_status"><p>đang có hiệu lực</p></td>'
        f'<td class="field-at"><p>{timezone.localtime(at):%d/%m/%Y %H:%M}</p></td>'
        f'<td class="field-by"><p><a href="/admin/auth/user/{superuser.pk}/change/">admin</a></p></td>'
    )
    assert history_row in squashed(content)


def test_staff_without_permissions_get_403(client, django_user_model):
    client.force_login(staff_with(django_user_model))
    agreement = AgreementFactory()

    assert client.get(admin_url("changelist")).status_code == 403
    assert client.get(admin_url("add")).status_code == 403
    assert client.get(admin_url("change", agreement.pk)).status_code == 403
    assert client.get(admin_url("dashboard")).status_code == 403
    assert client.get(admin_url("changelist", model=Task)).status_code == 403
    assert client.post(admin_url("add"), {}).status_code == 403
    assert Agreement.objects.count() == 1


# --- The list ---------------------------------------------------------------------------------------


def agreement_row():
    region = RegionFactory()
    agreement_in_force(parties=[OrganizationFactory(region=region), OrganizationFactory(region=region)])


def agreement_with_rows(count: int) -> Agreement:
    """An agreement with `count` + 1 parties (organisations with a former name), `count`
    directions, tasks (each owned by a party, under a direction, with events and decisions as
    evidence) and reviews."""
    agreement = AgreementFactory()
    parties = []
    for _ in range(count + 1):
        organization = OrganizationFactory()
        OrganizationName.objects.create(
            organization=organization, name="Tên cũ", valid_to=dt.date(2020, 1, 1)
        )
        parties.append(AgreementPartyFactory(agreement=agreement, organization=organization))
    for index in range(count):
        direction = DirectionFactory(agreement=agreement)
        TaskFactory(
            direction=direction,
            owner=parties[index % 2],
            evidence_events=[EventFactory()],
            evidence_decisions=[DecisionFactory()],
        )
        MilestoneFactory(
            agreement=agreement, event=EventFactory(), due_on=dt.date(2021, 1, 1) + dt.timedelta(index)
        )
    return agreement


def test_the_change_form_reads_the_same_queries_with_1_and_50_rows_in_each_inline(
    admin_client, django_assert_num_queries
):
    one, fifty = agreement_with_rows(1), agreement_with_rows(50)
    admin_client.get(admin_url("change", one.pk))  # what the process reads once (content types)

    # Session, user, device; the agreement; each inline's rows, the parties' former names and
    # the tasks' evidence prefetched; the directions and parties offered to tasks, read once. The
    # records chosen in autocomplete boxes come with the rows, so the boxes read nothing more.
    for agreement in (one, fifty):
        with django_assert_num_queries(19 + 1):  # + 1: its sources
            assert admin_client.get(admin_url("change", agreement.pk)).status_code == 200


def test_changelist_queries_do_not_grow_with_rows(admin_client, django_assert_max_num_queries):
    agreement_row()
    with CaptureQueriesContext(connection) as one_row:
        assert admin_client.get(admin_url("changelist")).status_code == 200
    for _ in range(4):
        agreement_row()

    # Session, user, the device that verified the session, two counts, the rows; the party,
    # region and year filters; two for the date hierarchy (first and last date, then the
    # days of the only month).
    with django_assert_max_num_queries(11) as five_rows:
        response = admin_client.get(admin_url("changelist"))

    assert response.context["cl"].result_count == 5
    assert len(five_rows) == len(one_row)


def test_the_list_shows_kind_status_signing_date_day_first_and_the_number_of_parties(
    admin_client, academy, board, regional
):
    agreement = agreement_in_force(
        parties=[academy, board, regional], title="Quy chế phối hợp ba bên", signed_on=SIGNED
    )

    content = admin_client.get(admin_url("changelist")).content.decode()

    assert f'<a href="{admin_url("change", agreement.pk)}">Quy chế phối hợp ba bên</a>' in content
    for cell in (
        '<td class="field-kind">Quy chế phối hợp</td>',
        '<td class="field-status_today">đang có hiệu lực</td>',
        '<td class="field-signed">25/02/2020</td>',
        '<td class="field-party_count">3</td>',
    ):
        assert cell in content


def test_filtering_by_a_party_keeps_the_whole_count_of_parties(admin_client, academy, board, regional):
    agreement_in_force(parties=[academy, board, regional], title="Ba bên")
    agreement_in_force(parties=[board, regional], title="Không có Học viện")

    response = admin_client.get(admin_url("changelist"), {"parties__organization__id__exact": academy.pk})

    assert [(row.title, row.party_count) for row in response.context["cl"].result_list] == [("Ba bên", 3)]


def test_the_party_filter_offers_only_organisations_that_are_parties(admin_client, academy, board):
    OrganizationFactory(name="Không phải bên nào")
    AgreementFactory(parties=[academy, board])

    response = admin_client.get(admin_url("changelist"))

    [party_filter] = [spec for spec in response.context["cl"].filter_specs if spec.title == "bên tham gia"]
    assert sorted(name for _pk, name in party_filter.lookup_choices) == [
        "Ban Tuyên giáo Trung ương",
        "Học viện Chính trị quốc gia Hồ Chí Minh",
    ]


def test_the_region_filter_lists_each_agreement_with_a_party_there_once(admin_client):
    southwest = RegionFactory(name="Tây Nam Bộ")
    AgreementFactory(
        title="Hai bên ở Tây Nam Bộ",
        parties=[OrganizationFactory(region=southwest), OrganizationFactory(region=southwest)],
    )
    AgreementFactory(
        title="Một bên ở Tây Nam Bộ",
        parties=[OrganizationFactory(region=southwest), OrganizationFactory(region=RegionFactory())],
    )
    elsewhere = RegionFactory()
    AgreementFactory(
        title="Ở nơi khác",
        parties=[OrganizationFactory(region=elsewhere), OrganizationFactory(region=elsewhere)],
    )

    response = admin_client.get(
        admin_url("changelist"), {"parties__organization__region__id__exact": southwest.pk}
    )

    assert sorted(row.title for row in response.context["cl"].result_list) == [
        "Hai bên ở Tây Nam Bộ",
        "Một bên ở Tây Nam Bộ",
    ]


def test_the_year_filter_lists_the_signing_years_latest_first(admin_client):
    for day in (dt.date(2020, 2, 25), dt.date(2025, 1, 2), dt.date(2023, 5, 9), dt.date(2025, 6, 5)):
        AgreementFactory(signed_on=day, title=f"Ký ngày {day:%d/%m/%Y}")

    listed = admin_client.get(admin_url("changelist"))
    filtered = admin_client.get(admin_url("changelist"), {"year": "2025"})

    [year_filter] = [spec for spec in listed.context["cl"].filter_specs if spec.title == "năm ký"]
    assert year_filter.lookup_choices == [("2025", "2025"), ("2023", "2023"), ("2020", "2020")]
    assert sorted(row.title for row in filtered.context["cl"].result_list) == [
        "Ký ngày 02/01/2025",
        "Ký ngày 05/06/2025",
    ]


def test_the_status_filter_keeps_agreements_in_force_or_under_review_together(admin_client, superuser):
    agreement_in_force(title="Có hiệu lực")
    under_review = agreement_in_force(title="Đang sơ kết")
    agreement_transition(agreement=under_review, to=S.UNDER_REVIEW, by=None)
    AgreementFactory(title="Dự thảo")

    active = admin_client.get(admin_url("changelist"), {"status": "active"})
    drafts = admin_client.get(admin_url("changelist"), {"status": S.DRAFT})

    assert sorted(row.title for row in active.context["cl"].result_list) == ["Có hiệu lực", "Đang sơ kết"]
    assert [row.title for row in drafts.context["cl"].result_list] == ["Dự thảo"]


def test_search_finds_agreements_by_title_number_and_party_name_once_each(admin_client, academy, board):
    AgreementFactory(title="Quy chế phối hợp", number="05-QC/HV", parties=[academy, board])
    AgreementFactory(title="Chương trình công tác", number="12-CTr/BTG")

    for term in ("Quy chế", "05-QC", "Tuyên giáo", "BTGTW"):
        response = admin_client.get(admin_url("changelist"), {"q": term})
        assert [row.title for row in response.context["cl"].result_list] == ["Quy chế phối hợp"], term


def test_the_list_goes_through_scope_for_staff(admin_client, monkeypatch):
    AgreementFactory()
    monkeypatch.setattr(scoping, "scope_for_staff", lambda queryset, user, write=False: queryset.none())

    response = admin_client.get(admin_url("changelist"))

    assert response.context["cl"].result_count == 0


# --- One screen: the whole agreement saved at once, or nothing --------------------------------------


def test_an_agreement_with_three_parties_directions_and_tasks_is_saved_in_one_go_and_its_reviews_scheduled(
    admin_client, academy, board, regional
):
    lam = PersonFactory(full_name="Nguyễn Xuân Thắng")
    resolution = LegalDocumentFactory(number="35-NQ/TW")
    signing = EventFactory(title="Lễ ký kết Quy chế phối hợp", start_date=SIGNED)
    data = agreement_data(
        signing_event=str(signing.pk),
        legal_documents=[str(resolution.pk)],
        **parties(
            (academy, PartyRole.LEAD, lam),
            (board, PartyRole.MEMBER, None),
            (regional, PartyRole.MEMBER, None),
        ),
        **{
            "directions-TOTAL_FORMS": "2",
            "directions-0-title": "Nghiên cứu lý luận",
            "directions-0-order": "1",
            "directions-1-title": "Tuyên truyền",
            "directions-1-order": "2",
            "tasks-TOTAL_FORMS": "2",
            "tasks-0-title": "Tổ chức hội thảo khoa học",
            "tasks-0-due_on": "31/12/2020",
            "tasks-0-new_status": TaskStatus.NOT_STARTED,
            "tasks-0-order": "1",
            "tasks-1-title": "Xuất bản sách chuyên khảo",
            "tasks-1-new_status": TaskStatus.IN_PROGRESS,
            "tasks-1-order": "2",
        },
    )

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert (agreement.slug, agreement.status, agreement.signed_on, agreement.signing_event) == (
        "quy-che-phoi-hop-ve-cong-tac-dau-tranh-phan-bac",
        S.DRAFT,
        SIGNED,
        signing,
    )
    assert list(agreement.legal_documents.all()) == [resolution]
    assert list(agreement.parties.values_list("organization", "role", "signatory", "order")) == [
        (academy.pk, PartyRole.LEAD, lam.pk, 0),
        (board.pk, PartyRole.MEMBER, None, 1),
        (regional.pk, PartyRole.MEMBER, None, 2),
    ]
    assert list(agreement.directions.values_list("title", "order")) == [
        ("Nghiên cứu lý luận", 1),
        ("Tuyên truyền", 2),
    ]
    assert list(agreement.tasks.values_list("title", "due_on", "status", "owner", "direction")) == [
        ("Tổ chức hội thảo khoa học", dt.date(2020, 12, 31), TaskStatus.NOT_STARTED, None, None),
        ("Xuất bản sách chuyên khảo", None, TaskStatus.IN_PROGRESS, None, None),
    ]
    # 25/02/2020 + 18 months, and + 60 months.
    assert list(agreement.milestones.values_list("kind", "due_on", "held_on")) == [
        (MilestoneKind.INTERIM_REVIEW, dt.date(2021, 8, 25), None),
        (MilestoneKind.FINAL_REVIEW, dt.date(2025, 2, 25), None),
    ]
    assert agreement.status_changes.count() == 0


def test_task_owners_and_directions_are_chosen_among_this_agreements_saved_rows(admin_client, academy, board):
    agreement = AgreementFactory(parties=[academy, board])
    direction = DirectionFactory(agreement=agreement)
    AgreementPartyFactory()  # of another agreement
    DirectionFactory()

    change = admin_client.get(admin_url("change", agreement.pk))
    add = admin_client.get(admin_url("add"))

    tasks = change.context["inline_admin_formsets"][2].formset
    assert [str(party) for party in tasks.empty_form.fields["owner"].queryset] == [
        "Học viện Chính trị quốc gia Hồ Chí Minh (chủ trì)",
        "Ban Tuyên giáo Trung ương (phối hợp)",
    ]
    assert list(tasks.empty_form.fields["direction"].queryset) == [direction]
    new_tasks = add.context["inline_admin_formsets"][2].formset
    assert list(new_tasks.empty_form.fields["owner"].queryset) == []
    content = add.content.decode()
    assert "Một trong các bên tham gia văn bản phối hợp, kể cả bên vừa thêm." in content
    assert "Một trong các phương hướng của văn bản phối hợp, kể cả phương hướng vừa thêm." in content
    assert 'data-sibling-rows="parties" data-sibling-label="organization"' in content
    assert 'data-sibling-rows="directions" data-sibling-label="title"' in content


def test_a_task_gets_a_party_and_a_direction_typed_in_the_same_form_before_the_first_save(
    admin_client, academy, board
):
    data = agreement_data(
        **parties((academy, PartyRole.LEAD, None), (board, PartyRole.MEMBER, None)),
        **{
            "directions-TOTAL_FORMS": "1",
            "directions-0-title": "Nghiên cứu lý luận",
            "directions-0-order": "1",
            "tasks-TOTAL_FORMS": "1",
            "tasks-0-title": "Biên soạn tài liệu",
            "tasks-0-owner": "new-1",
            "tasks-0-direction": "new-0",
            "tasks-0-new_status": TaskStatus.NOT_STARTED,
            "tasks-0-order": "1",
        },
    )

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 302
    task = Agreement.objects.get().tasks.get()
    assert (task.owner.organization, task.direction.title) == (board, "Nghiên cứu lý luận")


def test_tasks_get_their_owner_and_direction_once_the_agreement_is_saved(admin_client, academy, board):
    agreement = AgreementFactory(parties=[academy, board])
    direction = DirectionFactory(agreement=agreement)
    lead = agreement.parties.get(organization=academy)
    data = change_form_data(admin_client.get(admin_url("change", agreement.pk)))
    data |= {
        "tasks-TOTAL_FORMS": "1",
        "tasks-0-title": "Biên soạn tài liệu",
        "tasks-0-owner": str(lead.pk),
        "tasks-0-direction": str(direction.pk),
        "tasks-0-new_status": TaskStatus.NOT_STARTED,
        "tasks-0-order": "0",
    }

    response = admin_client.post(admin_url("change", agreement.pk), data)

    assert response.status_code == 302
    assert list(Task.objects.values_list("title", "owner", "direction")) == [
        ("Biên soạn tài liệu", lead.pk, direction.pk)
    ]


def test_fewer_than_two_parties_is_refused_and_nothing_saved(admin_client, academy):
    data = agreement_data(**parties((academy, PartyRole.LEAD, None)))

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert inline_errors(response) == {"parties": ([], [TOO_FEW_PARTIES])}
    assert TOO_FEW_PARTIES in response.content.decode()
    assert row_counts() == (0,) * 6


def test_a_party_row_marked_for_deletion_does_not_count(admin_client, academy, board):
    agreement = AgreementFactory(parties=[academy, board])
    data = change_form_data(admin_client.get(admin_url("change", agreement.pk)))
    data["parties-1-DELETE"] = "on"

    response = admin_client.post(admin_url("change", agreement.pk), data)

    assert response.status_code == 200
    assert inline_errors(response) == {"parties": ([], [TOO_FEW_PARTIES])}
    assert agreement.parties.count() == 2


def test_a_party_listed_twice_is_refused_and_nothing_saved(admin_client, academy, board):
    data = agreement_data(
        **parties(
            (academy, PartyRole.LEAD, None),
            (board, PartyRole.MEMBER, None),
            (academy, PartyRole.MEMBER, None),
        )
    )

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert inline_errors(response) == {"parties": ([], [LISTED_TWICE])}
    assert row_counts() == (0,) * 6


def test_an_agreement_ending_before_it_comes_into_force_is_refused(admin_client, academy, board):
    data = agreement_data(effective_to="24/02/2020", **two_parties(academy, board))

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert form_errors(response) == {"effective_to": [ENDS_BEFORE_IN_FORCE]}
    assert row_counts() == (0,) * 6


def test_a_task_owned_by_a_party_to_another_agreement_is_refused_and_nothing_saved(
    admin_client, academy, board
):
    agreement = AgreementFactory(title="Quy chế phối hợp", parties=[academy, board])
    elsewhere = AgreementPartyFactory(organization=academy)
    data = change_form_data(admin_client.get(admin_url("change", agreement.pk)))
    data |= {
        "title": "Đã sửa",
        "tasks-TOTAL_FORMS": "1",
        "tasks-0-title": "Biên soạn tài liệu",
        "tasks-0-owner": str(elsewhere.pk),
        "tasks-0-new_status": TaskStatus.NOT_STARTED,
        "tasks-0-order": "0",
    }

    response = admin_client.post(admin_url("change", agreement.pk), data)

    assert response.status_code == 200
    assert inline_errors(response) == {"tasks": ([{"owner": [OWNER_NOT_A_PARTY]}], [])}
    agreement.refresh_from_db()
    assert (agreement.title, Task.objects.count()) == ("Quy chế phối hợp", 0)


def test_a_task_under_another_agreements_direction_is_refused(admin_client, academy, board):
    agreement = AgreementFactory(parties=[academy, board])
    data = change_form_data(admin_client.get(admin_url("change", agreement.pk)))
    data |= {
        "tasks-TOTAL_FORMS": "1",
        "tasks-0-title": "Biên soạn tài liệu",
        "tasks-0-direction": str(DirectionFactory().pk),
        "tasks-0-new_status": TaskStatus.NOT_STARTED,
        "tasks-0-order": "0",
    }

    response = admin_client.post(admin_url("change", agreement.pk), data)

    assert inline_errors(response) == {"tasks": ([{"direction": [NOT_THIS_DIRECTION]}], [])}
    assert Task.objects.count() == 0


def test_a_party_owning_tasks_cannot_be_removed(admin_client, academy, board, regional):
    agreement = AgreementFactory(parties=[academy, board, regional])
    TaskFactory(owner=agreement.parties.get(organization=regional))
    data = change_form_data(admin_client.get(admin_url("change", agreement.pk)))
    data["parties-2-DELETE"] = "on"

    response = admin_client.post(admin_url("change", agreement.pk), data)

    assert response.status_code == 200
    assert inline_errors(response) == {
        "parties": (
            [],
            [
                "“Học viện Chính trị khu vực IV” đang chủ trì nhiệm vụ của văn bản này: hãy giao các "
                "nhiệm vụ đó cho đơn vị khác và lưu, rồi mới bỏ đơn vị này khỏi các bên tham gia."
            ],
        )
    }
    assert agreement.parties.count() == 3


def test_a_cycle_of_revisions_is_refused_and_nothing_saved(admin_client, superuser):
    first = agreement_in_force(title="Quy chế năm 2015")
    second = agreement_in_force(title="Quy chế năm 2020")
    agreement_supersede(agreement=second, previous=first, by=superuser)
    data = change_form_data(admin_client.get(admin_url("change", first.pk)))
    data["supersedes"] = str(second.pk)

    response = admin_client.post(admin_url("change", first.pk), data)

    assert response.status_code == 200
    assert form_errors(response) == {"supersedes": [CYCLE]}
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.supersedes, first.status, second.status) == (None, S.REVISED, S.IN_FORCE)


def test_two_final_reviews_are_refused(admin_client, academy, board):
    data = agreement_data(
        final_review_months="",
        **two_parties(academy, board),
        **{
            "milestones-TOTAL_FORMS": "2",
            "milestones-0-kind": MilestoneKind.FINAL_REVIEW,
            "milestones-0-due_on": "25/02/2025",
            "milestones-1-kind": MilestoneKind.FINAL_REVIEW,
            "milestones-1-due_on": "25/02/2026",
        },
    )

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert inline_errors(response) == {"milestones": ([], [ONE_FINAL_REVIEW])}
    assert row_counts() == (0,) * 6


def test_a_slug_left_empty_is_made_from_the_title_and_kept_unique(admin_client, academy, board):
    data = agreement_data(title="Chương trình phối hợp năm 2025", **two_parties(academy, board))

    for _ in range(2):
        assert admin_client.post(admin_url("add"), data).status_code == 302
    assert admin_client.post(admin_url("add"), data | {"slug": "ctr-2025"}).status_code == 302

    assert list(Agreement.objects.order_by("pk").values_list("slug", flat=True)) == [
        "chuong-trinh-phoi-hop-nam-2025",
        "chuong-trinh-phoi-hop-nam-2025-2",
        "ctr-2025",
    ]


# --- Reviews ------------------------------------------------------------------------------------------


def test_a_review_following_a_rule_has_its_due_date_read_only_and_moved_by_the_rule(admin_client):
    agreement = AgreementFactory(
        parties=OrganizationFactory.create_batch(2), signed_on=SIGNED, interim_review_months=18
    )
    [review] = agreement_schedule_reviews(agreement=agreement)
    handmade = MilestoneFactory(
        agreement=agreement, kind=MilestoneKind.FINAL_REVIEW, due_on=dt.date(2025, 1, 1)
    )
    page = admin_client.get(admin_url("change", agreement.pk))
    milestones = page.context["inline_admin_formsets"][3].formset
    data = change_form_data(page)
    data |= {
        "interim_review_months": "24",
        "milestones-0-due_on": "01/01/2030",  # ignored: computed
        "milestones-0-outcome": "Đã chuẩn bị báo cáo",
        "milestones-1-due_on": "02/01/2025",
    }

    response = admin_client.post(admin_url("change", agreement.pk), data)

    assert [(form.instance, form.fields["due_on"].disabled) for form in milestones.initial_forms] == [
        (review, True),
        (handmade, False),
    ]
    assert response.status_code == 302
    assert list(agreement.milestones.values_list("kind", "due_on", "outcome")) == [
        (MilestoneKind.INTERIM_REVIEW, dt.date(2022, 2, 25), "Đã chuẩn bị báo cáo"),
        (MilestoneKind.FINAL_REVIEW, dt.date(2025, 1, 2), ""),
    ]


# --- Superseding ----------------------------------------------------------------------------------------


def test_a_renewal_marks_the_one_in_force_revised_when_it_comes_into_force(
    admin_client, superuser, academy, board
):
    previous = agreement_in_force(title="Quy chế năm 2015")
    data = agreement_data(supersedes=str(previous.pk), **two_parties(academy, board))

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 302
    newer = Agreement.objects.exclude(pk=previous.pk).get()
    previous.refresh_from_db()
    # While the renewal is a draft, readers keep seeing the regulation in force.
    assert (newer.supersedes, newer.status, previous.status) == (previous, S.DRAFT, S.IN_FORCE)

    response = admin_client.post(transition_url(newer, "bring_into_force"))

    assert response.status_code == 302
    previous.refresh_from_db()
    assert previous.status == S.REVISED
    assert history(previous) == [
        (S.DRAFT, S.IN_FORCE, None),
        (S.IN_FORCE, S.REVISED, superuser.username),
    ]


def test_superseding_a_draft_is_refused_and_nothing_saved(admin_client, academy, board):
    previous = AgreementFactory(title="Dự thảo quy chế", parties=[academy, board])
    data = agreement_data(supersedes=str(previous.pk), **two_parties(academy, board))

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert form_errors(response) == {
        "supersedes": [
            "“Dự thảo quy chế” đang ở tình trạng “dự thảo”: chỉ văn bản đang có hiệu lực hoặc "
            "đang sơ kết, tổng kết mới có thể được thay thế."
        ]
    }
    previous.refresh_from_db()
    assert (Agreement.objects.count(), previous.status) == (1, S.DRAFT)


def test_an_agreement_already_superseded_cannot_be_superseded_again(admin_client, academy, board):
    previous = agreement_in_force(title="Quy chế năm 2015")
    agreement_supersede(agreement=agreement_in_force(title="Quy chế năm 2020"), previous=previous, by=None)
    data = agreement_data(supersedes=str(previous.pk), **two_parties(academy, board))

    response = admin_client.post(admin_url("add"), data)

    assert form_errors(response) == {
        "supersedes": ["“Quy chế năm 2015” đã được thay thế bởi “Quy chế năm 2020”."]
    }
    assert Agreement.objects.count() == 2


def test_saving_again_with_the_same_supersession_changes_no_status(admin_client, superuser):
    previous = agreement_in_force(title="Quy chế năm 2015")
    newer = agreement_in_force(title="Quy chế năm 2020")
    agreement_supersede(agreement=newer, previous=previous, by=superuser)
    data = change_form_data(admin_client.get(admin_url("change", newer.pk)))

    response = admin_client.post(admin_url("change", newer.pk), data | {"summary": "Đã sửa"})

    assert response.status_code == 302
    assert StatusChange.objects.filter(agreement=previous).count() == 2


# --- The lifecycle: list actions --------------------------------------------------------------------


def agreement_at(status: str, **fields) -> Agreement:
    """An agreement with two parties taken to `status` through the lifecycle's usual path."""
    paths = {
        S.DRAFT: [],
        S.IN_FORCE: [S.IN_FORCE],
        S.UNDER_REVIEW: [S.IN_FORCE, S.UNDER_REVIEW],
        S.EXPIRED: [S.IN_FORCE, S.EXPIRED],
        S.TERMINATED: [S.TERMINATED],
    }
    agreement = AgreementFactory(parties=OrganizationFactory.create_batch(2), **fields)
    for step in paths[status]:
        agreement = agreement_transition(agreement=agreement, to=step, by=None)
    return agreement


def run_action(client, action: str, *agreements):
    return client.post(
        admin_url("changelist"),
        {"action": action, "_selected_action": [agreement.pk for agreement in agreements]},
    )


@pytest.mark.parametrize(
    ("action", "start", "end"),
    [
        ("bring_into_force", S.DRAFT, S.IN_FORCE),
        ("start_review", S.IN_FORCE, S.UNDER_REVIEW),
        ("return_to_force", S.UNDER_REVIEW, S.IN_FORCE),
        ("mark_expired", S.IN_FORCE, S.EXPIRED),
        ("mark_expired", S.UNDER_REVIEW, S.EXPIRED),
        ("terminate", S.DRAFT, S.TERMINATED),
        ("terminate", S.UNDER_REVIEW, S.TERMINATED),
    ],
)
def test_a_lifecycle_action_moves_the_agreement_and_records_who(admin_client, superuser, action, start, end):
    agreement = agreement_at(start, title="Quy chế phối hợp")
    before = history(agreement)

    response = run_action(admin_client, action, agreement)

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == end
    assert history(agreement) == [*before, (start, end, superuser.username)]
    label = S(end).label
    assert shown_messages(response) == [("success", f"1 văn bản phối hợp đã chuyển sang “{label}”.")]
    assert list(LogEntry.objects.values_list("object_id", "action_flag", "change_message")) == [
        (str(agreement.pk), CHANGE, f"Đã chuyển tình trạng sang “{label}”.")
    ]


@pytest.mark.parametrize(
    ("action", "start", "reason"),
    [
        (
            "start_review",
            S.DRAFT,
            "Không thể chuyển văn bản phối hợp từ “dự thảo” sang “đang sơ kết, tổng kết”.",
        ),
        ("terminate", S.EXPIRED, "Không thể chuyển văn bản phối hợp từ “hết hiệu lực” sang “chấm dứt”."),
        (
            "mark_expired",
            S.TERMINATED,
            "Không thể chuyển văn bản phối hợp từ “chấm dứt” sang “hết hiệu lực”.",
        ),
        (
            "bring_into_force",
            S.UNDER_REVIEW,
            "Không thể “Đưa vào hiệu lực” với văn bản đang ở tình trạng “đang sơ kết, tổng kết”.",
        ),
        (
            "return_to_force",
            S.DRAFT,
            "Không thể “Trở lại hiệu lực sau sơ kết, tổng kết” với văn bản đang ở tình trạng “dự thảo”.",
        ),
    ],
)
def test_an_illegal_lifecycle_action_says_why_and_changes_nothing(admin_client, action, start, reason):
    agreement = agreement_at(start, title="Quy chế phối hợp")
    before = history(agreement)

    response = run_action(admin_client, action, agreement)

    agreement.refresh_from_db()
    assert (agreement.status, history(agreement)) == (start, before)
    assert shown_messages(response) == [("error", f"“Quy chế phối hợp” không được thay đổi: {reason}")]
    assert LogEntry.objects.count() == 0


def test_a_draft_with_one_party_is_not_brought_into_force(admin_client, academy):
    agreement = AgreementFactory(title="Quy chế một bên")
    AgreementPartyFactory(agreement=agreement, organization=academy)  # as an older record may hold

    response = run_action(admin_client, "bring_into_force", agreement)

    agreement.refresh_from_db()
    assert (agreement.status, agreement.status_changes.count()) == (S.DRAFT, 0)
    assert shown_messages(response) == [
        ("error", f"“Quy chế một bên” không được thay đổi: {TOO_FEW_PARTIES}")
    ]


def test_an_action_on_several_agreements_moves_each_that_may_move_and_names_the_others(
    admin_client, superuser
):
    first = agreement_at(S.IN_FORCE, title="Thứ nhất", signed_on=dt.date(2020, 1, 1))
    refused = agreement_at(S.DRAFT, title="Dự thảo", signed_on=dt.date(2021, 1, 1))
    second = agreement_at(S.UNDER_REVIEW, title="Thứ hai", signed_on=dt.date(2022, 1, 1))

    response = run_action(admin_client, "mark_expired", first, refused, second)

    assert [Agreement.objects.get(pk=agreement.pk).status for agreement in (first, refused, second)] == [
        S.EXPIRED,
        S.DRAFT,
        S.EXPIRED,
    ]
    assert StatusChange.objects.filter(by=superuser).count() == 2
    assert shown_messages(response) == [
        (
            "error",
            "“Dự thảo” không được thay đổi: "
            "Không thể chuyển văn bản phối hợp từ “dự thảo” sang “hết hiệu lực”.",
        ),
        ("success", "2 văn bản phối hợp đã chuyển sang “hết hiệu lực”."),
    ]


def test_staff_who_may_only_view_agreements_cannot_run_lifecycle_actions(client, django_user_model):
    client.force_login(staff_with(django_user_model, "view_agreement"))
    agreement = agreement_at(S.DRAFT)

    page = client.get(admin_url("changelist"))
    response = run_action(client, "bring_into_force", agreement)

    assert page.status_code == 200
    assert page.context["action_form"] is None  # no action is offered
    assert response.status_code == 403
    agreement.refresh_from_db()
    assert (agreement.status, agreement.status_changes.count()) == (S.DRAFT, 0)


# --- The lifecycle: buttons of the change page ---------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "buttons"),
    [
        (S.DRAFT, ["bring_into_force", "terminate"]),
        (S.IN_FORCE, ["start_review", "mark_expired", "terminate"]),
        (S.UNDER_REVIEW, ["return_to_force", "mark_expired", "terminate"]),
        (S.EXPIRED, []),
        (S.TERMINATED, []),
    ],
)
def test_the_change_page_offers_a_button_for_each_transition_allowed_from_the_status(
    admin_client, status, buttons
):
    agreement = agreement_at(status)

    response = admin_client.get(admin_url("change", agreement.pk))

    assert [transition.name for transition in response.context["lifecycle"]] == buttons
    content = response.content.decode()
    for name in buttons:
        assert f'<form method="post" action="{transition_url(agreement, name)}">' in content


def test_a_button_moves_the_agreement_and_returns_to_its_page(admin_client, superuser):
    agreement = agreement_at(S.IN_FORCE, title="Quy chế phối hợp")

    response = admin_client.post(transition_url(agreement, "start_review"))

    assert response.status_code == 302
    assert response["Location"] == admin_url("change", agreement.pk)
    agreement.refresh_from_db()
    assert agreement.status == S.UNDER_REVIEW
    assert history(agreement)[-1] == (S.IN_FORCE, S.UNDER_REVIEW, superuser.username)
    assert shown_messages(response) == [
        ("success", "“Quy chế phối hợp” đã chuyển sang “đang sơ kết, tổng kết”.")
    ]


def test_a_button_posted_from_a_status_it_does_not_apply_to_changes_nothing(admin_client):
    agreement = agreement_at(S.EXPIRED, title="Quy chế phối hợp")

    response = admin_client.post(transition_url(agreement, "terminate"))

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.status, agreement.status_changes.count()) == (S.EXPIRED, 2)
    assert shown_messages(response) == [
        (
            "error",
            "“Quy chế phối hợp” không được thay đổi: Không thể chuyển văn bản phối hợp từ "
            "“hết hiệu lực” sang “chấm dứt”.",
        )
    ]


def test_the_transition_page_takes_only_posts_with_a_csrf_token(admin_user):
    agreement = agreement_at(S.DRAFT)
    client = verified_client(
        admin_user, TOTPDevice.objects.get(user=admin_user), Client(enforce_csrf_checks=True)
    )

    assert client.get(transition_url(agreement, "bring_into_force")).status_code == 405
    assert client.post(transition_url(agreement, "bring_into_force")).status_code == 403
    assert client.get(transition_url(agreement, "fly_away")).status_code == 404
    agreement.refresh_from_db()
    assert agreement.status == S.DRAFT


def test_staff_without_the_change_permission_get_403_from_the_buttons(client, django_user_model):
    # Permissions, not organisations, are at stake: the user reaches every organisation.
    client.force_login(sees_everything(staff_with(django_user_model, "view_agreement")))
    agreement = agreement_at(S.DRAFT)

    page = client.get(admin_url("change", agreement.pk))
    response = client.post(transition_url(agreement, "bring_into_force"))

    assert page.status_code == 200
    assert "lifecycle" not in page.context
    assert response.status_code == 403
    agreement.refresh_from_db()
    assert agreement.status == S.DRAFT


def test_staff_who_may_change_agreements_may_use_the_buttons(client, django_user_model):
    staff = staff_with(django_user_model, "view_agreement", "change_agreement")
    agreement = agreement_at(S.DRAFT)
    lead = agreement.parties.get(role=PartyRole.LEAD).organization
    client.force_login(member_of(staff, lead))

    response = client.post(transition_url(agreement, "bring_into_force"))

    assert response.status_code == 302
    assert history(agreement) == [(S.DRAFT, S.IN_FORCE, "thu-ky")]


# --- The dashboard ------------------------------------------------------------------------------------


@pytest.fixture
def landscape():
    """Agreements in every status across two regions and none, with reviews and tasks, on today's date.

    North: A1, A5. South: A1, A2, A6 (whose two parties are both in the south). No region: A2, A5.
    """
    today = timezone.localdate()
    days = dt.timedelta
    north, south = (
        RegionFactory(name="Đồng bằng sông Hồng", order=1),
        RegionFactory(name="Tây Nam Bộ", order=2),
    )
    hanoi, can_tho, soc_trang = (
        OrganizationFactory(region=north),
        OrganizationFactory(region=south),
        OrganizationFactory(region=south),
    )
    nowhere = OrganizationFactory(region=None)
    a1 = agreement_in_force(title="A1", parties=[hanoi, can_tho], interim_review_months=18)
    a2 = agreement_in_force(title="A2", parties=[can_tho, nowhere], effective_to=today)
    agreement_transition(agreement=a2, to=S.UNDER_REVIEW, by=None)
    a3 = AgreementFactory(title="A3 dự thảo", parties=[hanoi, nowhere], effective_to=today + days(5))
    a4 = agreement_in_force(title="A4 chấm dứt", parties=[hanoi, can_tho])
    agreement_transition(agreement=a4, to=S.TERMINATED, by=None)
    a5 = agreement_in_force(title="A5", parties=[hanoi, nowhere], effective_to=today + days(30))
    a6 = agreement_in_force(title="A6", parties=[can_tho, soc_trang], effective_to=today + days(31))

    # Reviews: scheduled by the rule (A1, in 10 days; A5, in 200 days), held, past, and of a draft.
    a1.signed_on = add_months(today + days(10), -18)
    a1.save()
    [due_soon] = agreement_schedule_reviews(agreement=a1)
    a5.signed_on, a5.interim_review_months = add_months(today + days(200), -6), 6
    a5.save()
    agreement_schedule_reviews(agreement=a5)
    MilestoneFactory(agreement=a6, due_on=today + days(20), held_on=today - days(1))
    MilestoneFactory(agreement=a6, kind=MilestoneKind.FINAL_REVIEW, due_on=today - days(1))
    MilestoneFactory(agreement=a3, due_on=today + days(10))
    due_last_day = MilestoneFactory(agreement=a2, due_on=today + days(90))

    # Tasks: late and not done, marked overdue, done, due today, of a draft and of a terminated one.
    late = TaskFactory(agreement=a1, title="Trễ hạn", due_on=today - days(1), status=TaskStatus.IN_PROGRESS)
    marked = TaskFactory(agreement=a2, title="Đã đánh dấu", due_on=None, status=TaskStatus.OVERDUE)
    TaskFactory(agreement=a1, due_on=today - days(1), status=TaskStatus.DONE)
    TaskFactory(agreement=a1, due_on=today)
    TaskFactory(agreement=a3, due_on=today - days(1))
    TaskFactory(agreement=a4, due_on=today - days(1), status=TaskStatus.OVERDUE)
    return {
        "regions": (north, south),
        "agreements": (a1, a2, a3, a4, a5, a6),
        "reviews_due": [due_soon, due_last_day],
        "tasks_overdue": [late, marked],
    }


def test_the_dashboard_counts_exactly_and_each_figure_links_to_exactly_those_rows(admin_client, landscape):
    a1, a2, _a3, _a4, a5, a6 = landscape["agreements"]

    response = admin_client.get(admin_url("dashboard"))

    assert response.status_code == 200
    figures = response.context["figures"]
    assert (figures.active, figures.reviews_due, figures.tasks_overdue, figures.expiring) == (4, 2, 2, 2)
    regions = response.context["regions"]
    assert [(row["name"], row["count"]) for row in regions] == [
        ("Đồng bằng sông Hồng", 2),
        ("Tây Nam Bộ", 3),
        ("Không rõ khu vực", 2),
    ]

    def listed(url):
        return sorted(str(row.pk) for row in admin_client.get(url).context["cl"].result_list)

    def pks(*rows):
        return sorted(str(row.pk) for row in rows)

    assert listed(response.context["active_url"]) == pks(a1, a2, a5, a6)
    assert [listed(row["url"]) for row in regions] == [pks(a1, a5), pks(a1, a2, a6), pks(a2, a5)]
    assert listed(response.context["expiring_url"]) == pks(a2, a5)
    assert listed(response.context["reviews_due_url"]) == pks(*landscape["reviews_due"])
    assert listed(response.context["tasks_overdue_url"]) == pks(*landscape["tasks_overdue"])
    content = response.content.decode()
    assert f'<a href="{response.context["tasks_overdue_url"]}" id="figure-tasks-overdue">2</a>' in content
    assert response.context["tasks_overdue_url"] == "/admin/agreements/task/?overdue=yes"


def test_the_dashboard_reads_a_fixed_number_of_queries(admin_client, landscape, django_assert_num_queries):
    # Session, user, the device that verified the session, then the five figures and the unsent
    # reminders (their count and the oldest listed, with their agreements).
    with django_assert_num_queries(10):
        assert admin_client.get(admin_url("dashboard")).status_code == 200


def test_the_dashboard_is_linked_from_the_list_of_agreements(admin_client):
    content = admin_client.get(admin_url("changelist")).content.decode()

    assert f'<a href="{admin_url("dashboard")}">Tổng quan</a>' in content


def test_staff_who_may_view_agreements_see_the_dashboard_and_its_lists(client, django_user_model, landscape):
    client.force_login(staff_with(django_user_model, "view_agreement"))

    response = client.get(admin_url("dashboard"))

    assert response.status_code == 200
    for url in ("reviews_due_url", "tasks_overdue_url", "expiring_url", "active_url"):
        assert client.get(response.context[url]).status_code == 200, url


def test_the_task_list_names_each_task_with_its_agreement_and_owner(admin_client, academy, board):
    agreement = AgreementFactory(title="Quy chế phối hợp", parties=[academy, board])
    task = TaskFactory(
        title="Hội thảo", owner=agreement.parties.get(organization=board), due_on=dt.date(2020, 12, 31)
    )

    content = admin_client.get(admin_url("changelist", model=Task)).content.decode()

    for cell in (
        f'<th class="field-title"><a href="{admin_url("change", task.pk, model=Task)}">Hội thảo</a></th>',
        f'<td class="field-agreement_link"><a href="{admin_url("change", agreement.pk)}">'
        "Quy chế phối hợp</a></td>",
        '<td class="field-owner_name">Ban Tuyên giáo Trung ương</td>',
        '<td class="field-due">31/12/2020</td>',
    ):
        assert cell in content


# --- Written by the services: supersession, task statuses, history ------------------------------


def test_an_expired_agreement_cannot_be_superseded_and_nothing_is_saved(admin_client, academy, board):
    previous = agreement_at(S.EXPIRED, title="Quy chế năm 2015")
    data = agreement_data(supersedes=str(previous.pk), **two_parties(academy, board))

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert form_errors(response) == {
        "supersedes": [
            "“Quy chế năm 2015” đang ở tình trạng “hết hiệu lực”: chỉ văn bản đang có hiệu lực hoặc "
            "đang sơ kết, tổng kết mới có thể được thay thế."
        ]
    }
    assert Agreement.objects.count() == 1


def test_a_save_is_recorded_once_in_the_history_by_the_service_with_the_staff_member(admin_client, superuser):
    agreement = agreement_in_force(title="Quy chế phối hợp")
    data = change_form_data(admin_client.get(admin_url("change", agreement.pk)))

    response = admin_client.post(admin_url("change", agreement.pk), data | {"summary": "Tóm tắt mới"})

    assert response.status_code == 302
    assert [
        (entry.user, entry.action_flag, entry.get_change_message()) for entry in LogEntry.objects.all()
    ] == [(superuser, CHANGE, "Đã thay đổi tóm tắt.")]


def task_on(agreement: Agreement, **fields) -> Task:
    return TaskFactory(agreement=agreement, title="Hội thảo", **fields)


def test_a_new_status_given_to_a_task_is_kept_in_its_history_with_the_staff_member(admin_client, superuser):
    agreement = agreement_in_force(title="Quy chế phối hợp")
    task = task_on(agreement, due_on=dt.date(2020, 12, 31))
    data = change_form_data(admin_client.get(admin_url("change", agreement.pk)))

    response = admin_client.post(
        admin_url("change", agreement.pk), data | {"tasks-0-new_status": TaskStatus.DONE}
    )

    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert list(task.status_changes.values_list("from_status", "to_status", "by")) == [
        (TaskStatus.NOT_STARTED, TaskStatus.DONE, superuser.pk)
    ]


def test_a_task_not_yet_due_cannot_be_marked_overdue_and_nothing_is_saved(admin_client):
    agreement = agreement_in_force(title="Quy chế phối hợp")
    task = task_on(agreement, due_on=dt.date(9999, 12, 31))
    data = change_form_data(admin_client.get(admin_url("change", agreement.pk)))

    response = admin_client.post(
        admin_url("change", agreement.pk),
        data | {"tasks-0-new_status": TaskStatus.OVERDUE, "summary": "Tóm tắt mới"},
    )

    assert response.status_code == 200
    assert inline_errors(response) == {
        "tasks": ([{"new_status": ["“Hội thảo” chưa quá hạn: hạn là 31/12/9999."]}], [])
    }
    task.refresh_from_db()
    agreement.refresh_from_db()
    assert (task.status, task.status_changes.count(), agreement.summary) == (TaskStatus.NOT_STARTED, 0, "")


def test_the_task_status_is_not_posted_with_the_task(admin_client):
    agreement = agreement_in_force(title="Quy chế phối hợp")
    task = task_on(agreement)
    data = change_form_data(admin_client.get(admin_url("change", agreement.pk)))

    admin_client.post(admin_url("change", agreement.pk), data | {"tasks-0-status": TaskStatus.DONE})

    task.refresh_from_db()
    assert (task.status, task.status_changes.count()) == (TaskStatus.NOT_STARTED, 0)


def test_the_task_page_shows_its_status_history(admin_client, superuser):
    task = task_on(agreement_in_force(title="Quy chế phối hợp"))
    task_set_status(task=task, to=TaskStatus.IN_PROGRESS, by=superuser, note="Đã khởi động")

    page = squashed(admin_client.get(admin_url("change", task.pk, model=Task)).content.decode())

    assert "Lịch sử thay đổi tình trạng" in page
    assert '<div class="readonly">đang thực hiện</div>' in page  # the current status
    for cell in (
        '<td class="field-from_status"><p>chưa thực hiện</p></td>',
        '<td class="field-to_status"><p>đang thực hiện</p></td>',
        f'<td class="field-by"><p><a href="/admin/auth/user/{superuser.pk}/change/">admin</a></p></td>',
        '<td class="field-note"><p>Đã khởi động</p></td>',
    ):
        assert cell in page


def test_a_tasks_new_status_box_is_labelled_like_the_other_fields(admin_client):
    task = task_on(agreement_in_force(title="Quy chế phối hợp"))

    page = squashed(admin_client.get(admin_url("change", task.agreement.pk)).content.decode())

    assert '<label class="inline" for="id_tasks-0-new_status">Tình trạng mới:</label>' in page


def test_a_task_row_posted_without_its_origin_is_a_task_named_as_such():
    from agreements.forms import TaskForm
    from agreements.models import TaskOrigin

    form = TaskForm(data={"title": "Biên soạn tài liệu", "order": "0"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["origin"] == TaskOrigin.STATED
    form = TaskForm(data={"title": "Biên soạn tài liệu", "order": "0", "origin": TaskOrigin.DIRECTIVE})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["origin"] == TaskOrigin.DIRECTIVE
