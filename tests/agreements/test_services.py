import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.core.exceptions import ValidationError

from agreements.models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    Milestone,
    MilestoneKind,
    Notice,
    StatusChange,
    Task,
    TaskStatus,
)
from agreements.selectors import agreements_active, agreements_expiring, dashboard_figures
from agreements.services import (
    agreement_check_parties,
    agreement_save,
    agreement_schedule_reviews,
    agreement_supersede,
    agreement_transition,
    agreements_daily,
    task_set_status,
)
from portal.services import Row, Rows
from tests.committees.factories import OrganizationFactory
from tests.staff import sees_everything

pytestmark = pytest.mark.django_db

S = AgreementStatus
TODAY = dt.date(2025, 6, 1)


def make_agreement(title="Chương trình phối hợp năm 2025", parties=2, **fields) -> Agreement:
    """A draft saved by `agreement_save` with `parties` new organisations (one: as old records may hold)."""
    rows = [AgreementParty(organization=OrganizationFactory(), order=index) for index in range(parties)]
    agreement = agreement_save(
        agreement=Agreement(kind="programme", title=title, slug=f"a-{Agreement.objects.count()}", **fields),
        by=None,
        rows=[Rows.of(AgreementParty, "agreement", *rows)] if parties != 1 else [],
    )
    if parties == 1:
        rows[0].agreement = agreement
        rows[0].save()
    return agreement


def in_force(**fields) -> Agreement:
    return agreement_transition(agreement=make_agreement(**fields), to=S.IN_FORCE, by=None)


@pytest.fixture
def secretary():
    user = User.objects.create_user("thuky", email="thuky@example.vn", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_agreement"))
    return sees_everything(user)  # the lifecycle, not organisations, is at stake here


@pytest.mark.parametrize(
    ("path", "final"),
    [
        ([S.IN_FORCE], S.IN_FORCE),
        ([S.TERMINATED], S.TERMINATED),
        ([S.IN_FORCE, S.UNDER_REVIEW], S.UNDER_REVIEW),
        ([S.IN_FORCE, S.UNDER_REVIEW, S.IN_FORCE], S.IN_FORCE),
        ([S.IN_FORCE, S.EXPIRED], S.EXPIRED),
        ([S.IN_FORCE, S.TERMINATED], S.TERMINATED),
        ([S.IN_FORCE, S.UNDER_REVIEW, S.EXPIRED], S.EXPIRED),
        ([S.IN_FORCE, S.UNDER_REVIEW, S.TERMINATED], S.TERMINATED),
    ],
)
def test_legal_transitions_are_recorded_with_who_and_when(path, final, secretary):
    agreement = make_agreement()
    for status in path:
        agreement = agreement_transition(agreement=agreement, to=status, by=secretary)
    assert Agreement.objects.get(pk=agreement.pk).status == final
    changes = list(
        StatusChange.objects.filter(agreement=agreement).values_list("from_status", "to_status", "by")
    )
    assert changes == list(zip([S.DRAFT, *path[:-1]], path, [secretary.pk] * len(path), strict=True))


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ([], S.UNDER_REVIEW),
        ([], S.EXPIRED),
        ([], S.REVISED),
        ([S.IN_FORCE], S.DRAFT),
        ([S.IN_FORCE, S.EXPIRED], S.IN_FORCE),
        ([S.TERMINATED], S.IN_FORCE),
        ([S.IN_FORCE, S.TERMINATED], S.UNDER_REVIEW),
    ],
)
def test_illegal_transitions_are_refused_and_change_nothing(path, illegal):
    agreement = make_agreement()
    for status in path:
        agreement = agreement_transition(agreement=agreement, to=status, by=None)
    before = StatusChange.objects.count()
    with pytest.raises(ValidationError) as refused:
        agreement_transition(agreement=agreement, to=illegal, by=None)
    assert refused.value.messages[0].startswith("Không thể chuyển văn bản phối hợp từ")
    assert Agreement.objects.get(pk=agreement.pk).status == (path[-1] if path else S.DRAFT)
    assert StatusChange.objects.count() == before


def test_coming_into_force_needs_two_parties():
    agreement = make_agreement(parties=1)
    with pytest.raises(ValidationError) as refused:
        agreement_transition(agreement=agreement, to=S.IN_FORCE, by=None)
    assert refused.value.messages == ["Văn bản phối hợp phải có ít nhất hai bên tham gia."]
    assert Agreement.objects.get(pk=agreement.pk).status == S.DRAFT


def test_parties_listed_twice_or_fewer_than_two_are_refused():
    board = OrganizationFactory()
    with pytest.raises(ValidationError) as refused:
        agreement_check_parties(organizations=[board, board])
    assert refused.value.messages == ["Một tổ chức được ghi hai lần trong các bên tham gia."]
    with pytest.raises(ValidationError):
        agreement_check_parties(organizations=[board])
    assert agreement_check_parties(organizations=[board, OrganizationFactory()]) is None


def test_revised_needs_the_newer_agreement_and_supersede_records_it():
    previous = in_force(title="Chương trình phối hợp năm 2023-2024")
    with pytest.raises(ValidationError):
        agreement_transition(agreement=previous, to=S.REVISED, by=None)
    newer = in_force(title="Chương trình phối hợp năm 2025")
    agreement_supersede(agreement=newer, previous=previous, by=None)
    previous.refresh_from_db()
    assert previous.status == S.REVISED
    assert previous.superseded_by == newer
    assert Agreement.objects.get(pk=newer.pk).supersedes == previous


def test_a_cycle_of_revisions_is_refused():
    first, second = in_force(title="2023"), in_force(title="2024")
    agreement_supersede(agreement=second, previous=first, by=None)
    first.supersedes = second
    with pytest.raises(ValidationError) as refused:
        agreement_save(agreement=first, by=None)
    assert refused.value.message_dict["supersedes"] == [
        "Thao tác này tạo ra vòng lặp thay thế giữa các văn bản."
    ]
    assert Agreement.objects.get(pk=first.pk).supersedes is None


def test_an_agreement_ending_before_it_starts_is_refused():
    agreement = Agreement(
        kind="programme",
        title="Chương trình",
        slug="chuong-trinh",
        effective_from=dt.date(2025, 1, 1),
        effective_to=dt.date(2024, 12, 31),
    )
    with pytest.raises(ValidationError) as refused:
        agreement.full_clean()
    assert "Văn bản phối hợp không thể hết hiệu lực trước khi có hiệu lực." in refused.value.messages


def test_a_task_owned_by_a_non_party_is_refused():
    agreement, other = make_agreement(), make_agreement()
    task = Task(agreement=agreement, title="Tổ chức hội thảo", owner=other.parties.first())
    with pytest.raises(ValidationError) as refused:
        task.full_clean()
    assert refused.value.message_dict["owner"] == ["Đơn vị chủ trì phải là một bên tham gia văn bản này."]


def test_reviews_are_scheduled_by_the_rules_and_held_ones_never_move():
    agreement = make_agreement(
        signed_on=dt.date(2020, 2, 25), interim_review_months=18, final_review_months=36
    )
    interim, final = agreement_schedule_reviews(agreement=agreement)
    assert (interim.kind, interim.due_on) == (MilestoneKind.INTERIM_REVIEW, dt.date(2021, 8, 25))
    assert (final.kind, final.due_on) == (MilestoneKind.FINAL_REVIEW, dt.date(2023, 2, 25))

    interim.held_on = dt.date(2021, 8, 25)
    interim.save()
    agreement.signed_on = dt.date(2020, 3, 31)
    agreement.save()
    agreement_schedule_reviews(agreement=agreement)
    assert list(Milestone.objects.order_by("kind").values_list("kind", "due_on")) == [
        (MilestoneKind.FINAL_REVIEW, dt.date(2023, 3, 31)),
        (MilestoneKind.INTERIM_REVIEW, dt.date(2021, 8, 25)),
    ]


def test_the_daily_job_marks_overdue_tasks_and_expired_agreements(secretary):
    active = in_force(effective_to=dt.date(2025, 12, 31))
    late = Task.objects.create(agreement=active, title="Hội thảo", due_on=dt.date(2025, 5, 31))
    on_time = Task.objects.create(agreement=active, title="Tọa đàm", due_on=TODAY)
    done = Task.objects.create(
        agreement=active, title="Tập huấn", due_on=dt.date(2025, 1, 1), status=TaskStatus.DONE
    )
    ended = in_force(effective_from=dt.date(2024, 1, 1), effective_to=dt.date(2024, 12, 31))
    draft = make_agreement(effective_to=dt.date(2024, 12, 31))

    report = agreements_daily(today=TODAY)

    assert report.tasks_overdue == [late.pk]
    assert report.agreements_expired == [ended.pk]
    statuses = dict(Task.objects.values_list("pk", "status"))
    assert statuses == {
        late.pk: TaskStatus.OVERDUE,
        on_time.pk: TaskStatus.NOT_STARTED,
        done.pk: TaskStatus.DONE,
    }
    assert Agreement.objects.get(pk=ended.pk).status == S.EXPIRED
    assert Agreement.objects.get(pk=draft.pk).status == S.DRAFT
    assert StatusChange.objects.get(agreement=ended, to_status=S.EXPIRED).by is None


def test_the_daily_job_mails_reviews_and_expiries_due_within_30_days_once(secretary):
    soon = in_force(title="Quy chế phối hợp khu vực Tây Nam Bộ", signed_on=dt.date(2023, 12, 20))
    soon.interim_review_months = 18
    soon.save()
    agreement_schedule_reviews(agreement=soon)  # due 20/06/2025
    expiring = in_force(title="Chương trình phối hợp năm 2025", effective_to=dt.date(2025, 7, 1))
    in_force(title="Xa", effective_to=dt.date(2025, 7, 2))  # 31 days away: not yet

    first = agreements_daily(today=TODAY)
    second = agreements_daily(today=TODAY)

    assert sorted(first.notices_sent) == sorted(
        [f"review:{soon.milestones.get().pk}:2025-06-20", f"expiry:{expiring.pk}:2025-07-01"]
    )
    assert second.notices_sent == []
    assert Notice.objects.count() == 2
    assert len(mail.outbox) == 2
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        "Hạn sơ kết, tổng kết ngày 20/06/2025: Quy chế phối hợp khu vực Tây Nam Bộ",
        "Văn bản phối hợp hết hiệu lực ngày 01/07/2025: Chương trình phối hợp năm 2025",
    ]
    assert all(message.to == ["thuky@example.vn"] for message in mail.outbox)


def test_a_draft_renewal_leaves_the_previous_in_force_until_it_comes_into_force():
    previous = in_force(title="Chương trình phối hợp năm 2023-2024")
    draft = make_agreement(title="Chương trình phối hợp năm 2025")
    agreement_supersede(agreement=draft, previous=previous, by=None)
    assert Agreement.objects.get(pk=previous.pk).status == S.IN_FORCE

    agreement_transition(agreement=draft, to=S.IN_FORCE, by=None)
    assert Agreement.objects.get(pk=previous.pk).status == S.REVISED
    assert list(StatusChange.objects.filter(agreement=previous).values_list("to_status", flat=True)) == [
        S.IN_FORCE,
        S.REVISED,
    ]


# --- One writer per rule: the same refusals as the admin's ----------------------------------------

LISTED_TWICE = "Một tổ chức được ghi hai lần trong các bên tham gia."
CANNOT_SUPERSEDE_EXPIRED = (
    "“Quy chế năm 2015” đang ở tình trạng “hết hiệu lực”: chỉ văn bản đang có hiệu lực hoặc "
    "đang sơ kết, tổng kết mới có thể được thay thế."
)


def test_agreement_save_refuses_a_party_listed_twice_and_saves_nothing():
    organization = OrganizationFactory()
    rows = Rows.of(
        AgreementParty, "agreement", *(AgreementParty(organization=organization) for _ in range(2))
    )

    with pytest.raises(ValidationError) as refused:
        agreement_save(
            agreement=Agreement(kind="plan", title="Kế hoạch", slug="ke-hoach"), by=None, rows=[rows]
        )

    assert refused.value.messages == [LISTED_TWICE]
    assert Agreement.objects.count() == 0


def test_agreement_save_keeps_a_party_that_owns_tasks():
    agreement = make_agreement()
    owner = agreement.parties.first()
    Task.objects.create(agreement=agreement, title="Hội thảo", owner=owner)
    AgreementParty.objects.create(agreement=agreement, organization=OrganizationFactory(), order=5)

    with pytest.raises(ValidationError) as refused:
        agreement_save(agreement=agreement, by=None, rows=[Rows(AgreementParty, "agreement", delete=[owner])])

    assert refused.value.messages == [
        f"“{owner.organization}” đang chủ trì nhiệm vụ của văn bản này: hãy giao các nhiệm vụ đó "
        "cho đơn vị khác và lưu, rồi mới bỏ đơn vị này khỏi các bên tham gia."
    ]
    assert agreement.parties.count() == 3


@pytest.mark.parametrize("supersede", ["agreement_save", "agreement_supersede"])
def test_an_expired_agreement_cannot_be_superseded_by_either_service(supersede):
    previous = in_force(title="Quy chế năm 2015")
    agreement_transition(agreement=previous, to=S.EXPIRED, by=None)
    newer = make_agreement(title="Quy chế năm 2020")

    with pytest.raises(ValidationError) as refused:
        if supersede == "agreement_save":
            newer.supersedes = previous
            agreement_save(agreement=newer, by=None)
        else:
            agreement_supersede(agreement=newer, previous=previous, by=None)

    assert refused.value.message_dict == {"supersedes": [CANNOT_SUPERSEDE_EXPIRED]}
    assert Agreement.objects.get(pk=newer.pk).supersedes is None


def test_agreement_save_records_the_new_predecessor_revised_and_the_history(admin_user):
    previous = in_force(title="Quy chế năm 2015")
    newer = in_force(title="Quy chế năm 2020")
    newer.supersedes = previous

    agreement_save(agreement=newer, by=admin_user)

    assert Agreement.objects.get(pk=previous.pk).status == S.REVISED
    assert [
        (entry.object_id, entry.user, entry.get_change_message()) for entry in LogEntry.objects.order_by("pk")
    ] == [
        (str(previous.pk), admin_user, "Đã chuyển tình trạng sang “đã được thay thế”."),
        (str(newer.pk), admin_user, "Đã thay đổi thay thế cho."),
    ]


def test_a_transition_records_the_admin_history_with_its_user_and_none_for_a_job(admin_user):
    agreement = make_agreement()

    agreement_transition(agreement=agreement, to=S.IN_FORCE, by=admin_user)
    agreement_transition(agreement=agreement, to=S.UNDER_REVIEW, by=None)

    assert list(LogEntry.objects.values_list("object_id", "user", "change_message")) == [
        (str(agreement.pk), admin_user.pk, "Đã chuyển tình trạng sang “đang có hiệu lực”.")
    ]


# --- Task statuses: one writer, with a history ------------------------------------------------------


def task_history(task: Task) -> list[tuple]:
    return list(task.status_changes.values_list("from_status", "to_status", "by", "note"))


def test_task_set_status_changes_the_status_and_keeps_who_when_and_from_what(admin_user):
    task = Task.objects.create(agreement=make_agreement(), title="Hội thảo", due_on=dt.date(2020, 12, 31))

    task = task_set_status(task=task, to=TaskStatus.IN_PROGRESS, by=admin_user, note="Đã khởi động")
    task_set_status(task=task, to=TaskStatus.IN_PROGRESS, by=admin_user)  # already so: no history

    assert Task.objects.get(pk=task.pk).status == TaskStatus.IN_PROGRESS
    assert task_history(task) == [
        (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, admin_user.pk, "Đã khởi động")
    ]
    assert task.status_changes.get().at is not None
    assert list(LogEntry.objects.values_list("object_id", "change_message")) == [
        (str(task.pk), "Đã chuyển tình trạng sang “đang thực hiện”.")
    ]


def test_a_task_created_with_a_status_has_no_history():
    agreement = make_agreement()
    agreement_save(
        agreement=agreement,
        by=None,
        rows=[Rows(Task, "agreement", save=[Row(Task(title="Hội thảo", status=TaskStatus.UNREPORTED))])],
    )

    task = agreement.tasks.get()
    assert (task.status, task_history(task)) == (TaskStatus.UNREPORTED, [])


def test_a_task_not_yet_due_cannot_be_marked_overdue(admin_user):
    task = Task.objects.create(agreement=make_agreement(), title="Hội thảo", due_on=dt.date(9999, 12, 31))

    with pytest.raises(ValidationError) as refused:
        task_set_status(task=task, to=TaskStatus.OVERDUE, by=admin_user)

    assert refused.value.messages == ["“Hội thảo” chưa quá hạn: hạn là 31/12/9999."]
    assert (Task.objects.get(pk=task.pk).status, task_history(task)) == (TaskStatus.NOT_STARTED, [])


def test_the_daily_job_keeps_the_history_of_the_tasks_it_marks_overdue_by_nobody():
    task = Task.objects.create(agreement=in_force(), title="Hội thảo", due_on=dt.date(2025, 5, 31))

    agreements_daily(today=TODAY)
    agreements_daily(today=TODAY)

    assert task_history(task) == [
        (TaskStatus.NOT_STARTED, TaskStatus.OVERDUE, None, "Quá hạn (tác vụ hằng ngày).")
    ]


def test_a_programme_past_its_period_covered_is_not_active_and_the_daily_job_expires_it(secretary):
    """Article 003's programme "năm 2025" (no in-force dates, the year 2025 covered): not in force
    from 01/01/2026 on any read, and expired by the daily job that day."""
    programme = in_force(covers_from=dt.date(2025, 1, 1), covers_to=dt.date(2025, 12, 31))
    open_ended = in_force(title="Quy chế phối hợp")
    new_year = dt.date(2026, 1, 1)

    assert set(agreements_active(today=dt.date(2025, 12, 31))) == {programme, open_ended}
    assert list(agreements_active(today=new_year)) == [open_ended]
    assert dashboard_figures(today=new_year).active == 1
    assert [row.count for row in dashboard_figures(today=new_year).active_by_region] == [1]
    assert list(agreements_expiring(today=dt.date(2025, 12, 1))) == [programme]

    assert agreements_daily(today=dt.date(2025, 12, 31)).agreements_expired == []
    report = agreements_daily(today=new_year)

    assert report.agreements_expired == [programme.pk]
    assert Agreement.objects.get(pk=programme.pk).status == S.EXPIRED
    assert Agreement.objects.get(pk=open_ended.pk).status == S.IN_FORCE


def test_the_expiry_reminder_reads_the_end_of_the_period_covered(secretary):
    programme = in_force(title="Chương trình phối hợp năm 2025", covers_to=dt.date(2025, 7, 1))

    report = agreements_daily(today=TODAY)

    assert report.notices_sent == [f"expiry:{programme.pk}:2025-07-01"]
    assert (
        mail.outbox[0].subject
        == "Văn bản phối hợp hết hiệu lực ngày 01/07/2025: Chương trình phối hợp năm 2025"
    )
