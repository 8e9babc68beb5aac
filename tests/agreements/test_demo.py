"""The three agreements of the source articles (agreements.demo), loaded by `load_demo` after the
registry and the events."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from agreements import demo
from agreements.models import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    Direction,
    Milestone,
    MilestoneKind,
    Notice,
    PartyRole,
    StatusChange,
    Task,
    TaskOrigin,
    TaskStatus,
)
from committees import demo as registry
from committees.models import Person
from events import demo as events_demo
from tests.rows import rows_of

pytestmark = pytest.mark.django_db

S = AgreementStatus
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
REVIEW_000 = dt.date(2021, 8, 25)
SIGNING_003 = dt.date(2024, 11, 19)
UNDATED = "Nguồn không nêu ngày có hiệu lực."
TITLE_2025 = "Chương trình phối hợp năm 2025 giữa Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh Nghệ An"


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def loaded(demo_data):
    """The demo, loaded once for the module (tests/conftest.py); returns the window in which the
    loader ran."""
    return demo_data.started, demo_data.finished


def agreement(slug):
    return Agreement.objects.get(slug=slug)


def history(slug):
    return list(
        StatusChange.objects.filter(agreement__slug=slug)
        .order_by("pk")
        .values_list("from_status", "to_status", "at", "by", "note")
    )


def test_demo_creates_the_three_agreements_and_exactly_their_rows(loaded):
    counts = {
        model.__name__: model.objects.count()
        for model in (Agreement, AgreementParty, StatusChange, Direction, Task, Milestone, Notice)
    }
    assert counts == {
        "Agreement": 3,
        "AgreementParty": 6,
        "StatusChange": 5,
        "Direction": 0,
        "Task": 17,
        "Milestone": 2,
        "Notice": 0,
    }
    assert dict(Agreement.objects.values_list("slug", "status")) == {
        demo.KV4_REGULATION: S.UNDER_REVIEW,
        demo.NGHE_AN_2023_2024: S.REVISED,
        demo.NGHE_AN_2025: S.IN_FORCE,
    }
    assert dict(Agreement.objects.values_list("slug", "kind")) == {
        demo.KV4_REGULATION: AgreementKind.REGULATION,
        demo.NGHE_AN_2023_2024: AgreementKind.PROGRAMME,
        demo.NGHE_AN_2025: AgreementKind.PROGRAMME,
    }


def test_fields_the_sources_do_not_give_stay_empty(loaded):
    empty = Agreement.objects.values_list(
        "number",
        "effective_from",
        "effective_to",
        "interim_review_months",
        "final_review_months",
        "file",
        "text",
    )
    assert set(empty) == {("", None, None, None, None, "", "")}
    assert not AgreementParty.objects.filter(signatory__isnull=False).exists()
    assert set(Task.objects.values_list("due_on", "status", "direction", "evidence_note")) == {
        (None, TaskStatus.UNREPORTED, None, "")
    }
    assert not Task.evidence_events.through.objects.exists()
    assert not Task.evidence_decisions.through.objects.exists()
    assert not Agreement.events.through.objects.exists()


def test_the_kv4_regulation_binds_kv4_and_the_boards_of_tay_nam_bo_under_resolution_35(loaded):
    regulation = agreement(demo.KV4_REGULATION)
    assert regulation.title == (
        "Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban Tuyên giáo các tỉnh, thành ủy khu vực "
        "Tây Nam Bộ trong thực hiện Nghị quyết số 35-NQ/TW"
    )
    assert (regulation.signed_on, regulation.signing_event, regulation.covers_from, regulation.covers_to) == (
        None,
        None,
        None,
        None,
    )
    assert regulation.interim_review_months is None
    assert list(regulation.parties.values_list("organization__slug", "role", "order")) == [
        (registry.KV4, PartyRole.LEAD, 1),
        (registry.TNB_BOARDS, PartyRole.MEMBER, 2),
    ]
    assert list(regulation.parties.values_list("organization__name", flat=True)) == [
        "Học viện Chính trị khu vực IV",
        "Ban Tuyên giáo các tỉnh, thành ủy khu vực Tây Nam Bộ",
    ]
    assert list(regulation.legal_documents.values_list("number", flat=True)) == ["35-NQ/TW"]
    assert regulation.summary.startswith(
        "Quy chế do Học viện Chính trị khu vực IV chủ động ký kết với Ban Tuyên giáo các tỉnh"
    )


def test_the_kv4_regulations_interim_review_is_the_25_08_2021_conference(loaded):
    review = Milestone.objects.get(agreement__slug=demo.KV4_REGULATION)
    assert (review.kind, review.due_on, review.held_on, review.event.slug, review.revision_decision) == (
        MilestoneKind.INTERIM_REVIEW,
        None,
        REVIEW_000,
        events_demo.KV4_REVIEW,
        None,
    )
    assert review.event.start_date == REVIEW_000
    assert review.is_held
    assert review.outcome.startswith(
        "Báo cáo sơ kết do Ban Chỉ đạo 35 Học viện Chính trị khu vực IV trình bày nêu những kết quả nổi bật "
        "qua hơn 18 tháng thực hiện Quy chế"
    )
    assert "đề ra 3 phương hướng, 9 nhiệm vụ" in review.outcome
    assert (
        "đề nghị sửa đổi, bổ sung Quy chế theo hướng mở rộng mạng lưới, lực lượng phối hợp" in review.outcome
    )
    assert review.event.agreement_reviews.get() == review


def test_the_kv4_regulation_came_into_force_undated_and_went_under_review_on_25_08_2021(loaded):
    started, finished = loaded
    (into_force, under_review) = history(demo.KV4_REGULATION)
    assert into_force[:2] == (S.DRAFT, S.IN_FORCE)
    assert into_force[2] is None  # no source dates it: recorded undated
    assert into_force[3:] == (
        None,
        "Quy chế đã được ký kết; đến Hội nghị sơ kết ngày 25/8/2021 đã thực hiện hơn 18 tháng. "
        f"Ngày ký chưa được công bố. {UNDATED}",
    )
    assert under_review == (
        S.IN_FORCE,
        S.UNDER_REVIEW,
        dt.datetime(2021, 8, 25, tzinfo=LOCAL),
        None,
        "Hội nghị sơ kết ngày 25/8/2021 góp ý sửa đổi, bổ sung Quy chế phối hợp.",
    )


def test_the_kv4_regulations_tasks_are_what_the_review_names_without_due_dates(loaded):
    tasks = list(
        Task.objects.filter(agreement__slug=demo.KV4_REGULATION).values_list(
            "order", "owner__organization__slug", "title"
        )
    )
    assert [order for order, _, _ in tasks] == list(range(1, 14))
    assert [owner for _, owner, _ in tasks] == [registry.KV4, registry.KV4, None] + [registry.KV4] * 10
    titles = [title for _, _, title in tasks]
    assert titles[0] == (
        "Sửa đổi, bổ sung Quy chế phối hợp theo hướng mở rộng mạng lưới, lực lượng phối hợp, nhất là với "
        "các trường chính trị, trường đại học trong khu vực"
    )
    assert titles[2] == "Tiếp tục phối hợp trong công tác đào tạo, bồi dưỡng cán bộ"
    assert (
        titles[4]
        == "Cụ thể hóa 3 phương hướng, 9 nhiệm vụ trong Báo cáo sơ kết thành kế hoạch hoạt động cụ thể"
    )
    assert titles[8] == "Đẩy mạnh công tác tuyên truyền"
    assert titles[9] == (
        "Phối hợp với các Ban Tuyên giáo và Đài Phát thanh và Truyền hình các tỉnh, thành phố xây dựng các "
        "clip có nội dung bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù "
        "địch để đăng tải rộng rãi, đa dạng trên các trang mạng xã hội"
    )
    assert titles[12] == (
        "Tăng cường xây dựng đội ngũ cộng tác viên, giảng viên kiêm chức từ Ban Tuyên giáo các tỉnh, thành ủy"
    )
    assert not Direction.objects.filter(agreement__slug=demo.KV4_REGULATION).exists()


def test_the_2025_programme_was_signed_on_19_11_2024_at_the_003_event_and_is_in_force(loaded):
    programme = agreement(demo.NGHE_AN_2025)
    assert programme.title == TITLE_2025
    assert (programme.signed_on, programme.signing_event.slug, programme.signing_event.start_date) == (
        SIGNING_003,
        events_demo.NGHE_AN_SIGNING,
        SIGNING_003,
    )
    assert (programme.covers_from, programme.covers_to) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert (programme.effective_from, programme.effective_to) == (None, None)
    assert programme.is_active
    assert list(programme.parties.values_list("organization__slug", "role", "order")) == [
        (registry.NA_BOARD, PartyRole.LEAD, 1),
        (registry.NA_SCHOOL, PartyRole.MEMBER, 2),
    ]
    assert programme.legal_documents.count() == 0
    assert list(programme.signing_event.agreements_signed.all()) == [programme]
    assert history(demo.NGHE_AN_2025) == [
        (
            S.DRAFT,
            S.IN_FORCE,
            dt.datetime(2024, 11, 19, tzinfo=LOCAL),
            None,
            "Ký kết tại hội nghị ngày 19/11/2024.",
        )
    ]
    assert programme.milestones.count() == 0


def test_the_2025_programmes_tasks_are_the_directions_given_at_the_signing(loaded):
    tasks = Task.objects.filter(agreement__slug=demo.NGHE_AN_2025)
    assert list(tasks.values_list("order", "owner", "title")) == [
        (
            1,
            None,
            "Cập nhật các chủ trương, nghị quyết, bổ sung thêm kiến thức thực tiễn, nhất là thông tin mới, "
            "vấn đề đang được thực tiễn dư luận quan tâm để tuyên truyền, giáo dục chính trị",
        ),
        (2, None, "Triển khai phối hợp thường xuyên, chặt chẽ và sâu sắc"),
        (
            3,
            None,
            "Lựa chọn nội dung, hoạt động trọng tâm để triển khai thực hiện với tư duy, phương pháp và cách "
            "làm mới",
        ),
        (
            4,
            None,
            "Xây dựng kế hoạch phối hợp trong công tác đào tạo lý luận chính trị cho đội ngũ cán bộ sau sắp "
            "xếp đơn vị hành chính, kỹ năng về chuyển đổi số, ngoại ngữ cho đội ngũ cán bộ các cấp",
        ),
    ]


def test_the_2025_programme_supersedes_2023_2024_which_is_revised_and_the_chain_goes_both_ways(loaded):
    started, finished = loaded
    newer, earlier = agreement(demo.NGHE_AN_2025), agreement(demo.NGHE_AN_2023_2024)
    assert newer.supersedes == earlier
    assert earlier.superseded_by == newer
    assert earlier.supersedes is None
    assert not hasattr(newer, "superseded_by")
    assert Agreement.objects.get(superseded_by__slug=demo.NGHE_AN_2025) == earlier
    assert Agreement.objects.get(supersedes__slug=demo.NGHE_AN_2023_2024) == newer
    assert earlier.status == S.REVISED and not earlier.is_active
    assert earlier.title == (
        "Chương trình phối hợp năm 2023-2024 giữa Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh Nghệ An"
    )
    assert (earlier.signed_on, earlier.signing_event, earlier.covers_from, earlier.covers_to) == (
        None,
        None,
        dt.date(2023, 1, 1),
        dt.date(2024, 12, 31),
    )
    assert sorted(earlier.legal_documents.values_list("number", flat=True)) == [
        "01-KL/TW",
        "05-ĐA/TU",
        "35-NQ/TW",
    ]
    assert list(earlier.parties.values_list("organization__slug", "role")) == [
        (registry.NA_BOARD, PartyRole.LEAD),
        (registry.NA_SCHOOL, PartyRole.MEMBER),
    ]
    into_force, revised = history(demo.NGHE_AN_2023_2024)
    assert into_force[:2] == (S.DRAFT, S.IN_FORCE)
    assert into_force[2] is None
    assert into_force[3:] == (None, f"Ngày ký chưa được công bố. {UNDATED}")
    assert revised == (S.IN_FORCE, S.REVISED, dt.datetime(2024, 11, 19, tzinfo=LOCAL), None, TITLE_2025)
    assert earlier.tasks.count() == 0


def test_the_2023_2024_programmes_final_review_was_held_at_the_003_event_with_its_results(loaded):
    review = Milestone.objects.get(agreement__slug=demo.NGHE_AN_2023_2024)
    assert (review.kind, review.due_on, review.held_on, review.event.slug) == (
        MilestoneKind.FINAL_REVIEW,
        None,
        SIGNING_003,
        events_demo.NGHE_AN_SIGNING,
    )
    assert review.outcome.startswith(
        "Công tác phối hợp góp phần làm tốt công tác tham mưu cho Ban Thường vụ Tỉnh ủy, UBND tỉnh"
    )
    for result in (
        "04 hội thảo, tọa đàm khoa học cấp Bộ",
        "05 hội thảo khoa học cấp tỉnh",
        "“70 năm chiến thắng lịch sử Điện Biên Phủ (1954 - 2024) và những đóng góp to lớn của quân - dân "
        "Nghệ An”",
        "chuẩn mực đạo đức cách mạng của cán bộ, đảng viên giai đoạn mới",
        "theo Đề án số 05-ĐA/TU",
    ):
        assert result in review.outcome
    assert review.outcome.endswith(
        "Trưởng ban Tuyên giáo Tỉnh ủy Nguyễn Thị Hồng Hoa đánh giá cao hiệu quả phối hợp của hai đơn vị."
    )
    signing = review.event
    assert list(signing.agreement_reviews.all()) == [review]
    assert list(signing.agreements_signed.values_list("slug", flat=True)) == [demo.NGHE_AN_2025]


def test_public_text_carries_no_article_numbers(loaded):
    texts = [
        *Agreement.objects.values_list("title", flat=True),
        *Agreement.objects.values_list("summary", flat=True),
        *Milestone.objects.values_list("outcome", flat=True),
        *Task.objects.values_list("title", flat=True),
        *StatusChange.objects.values_list("note", flat=True),
    ]
    for marker in ("000", "003", "article"):
        assert not [text for text in texts if marker in text]


def test_running_the_demo_twice_changes_nothing(loaded):
    before = rows_of("agreements")
    pks = sorted(Agreement.objects.values_list("pk", flat=True))
    changes = StatusChange.objects.count()
    load_demo()
    assert rows_of("agreements") == before
    assert sorted(Agreement.objects.values_list("pk", flat=True)) == pks
    assert StatusChange.objects.count() == changes == 5


def test_the_demo_keeps_what_an_editor_filled_in_where_the_sources_are_silent(loaded):
    earlier = agreement(demo.NGHE_AN_2023_2024)
    earlier.number = "05-CTr/BTG-TCT"
    earlier.signed_on = dt.date(2023, 1, 10)
    earlier.save()
    signer = Person.objects.get(slug="vuong-quang-minh")
    party = AgreementParty.objects.get(
        agreement__slug=demo.NGHE_AN_2025, organization__slug=registry.NA_SCHOOL
    )
    party.signatory = signer
    party.save()
    task = Task.objects.get(agreement__slug=demo.NGHE_AN_2025, order=4)
    task.owner = party
    task.due_on = dt.date(2025, 3, 31)
    task.status = TaskStatus.IN_PROGRESS
    task.save()
    load_demo()
    earlier.refresh_from_db()
    party.refresh_from_db()
    task.refresh_from_db()
    assert (earlier.number, earlier.signed_on, earlier.status) == (
        "05-CTr/BTG-TCT",
        dt.date(2023, 1, 10),
        S.REVISED,
    )
    assert party.signatory == signer
    assert (task.owner, task.due_on, task.status) == (party, dt.date(2025, 3, 31), TaskStatus.IN_PROGRESS)
    assert StatusChange.objects.count() == 5


def test_an_agreement_an_editor_moved_elsewhere_is_left_where_it_is(loaded):
    from agreements.services import agreement_transition

    agreement_transition(agreement=agreement(demo.KV4_REGULATION), to=S.IN_FORCE, note="Đã sửa đổi.", by=None)
    load_demo()
    assert agreement(demo.KV4_REGULATION).status == S.IN_FORCE
    assert StatusChange.objects.filter(agreement__slug=demo.KV4_REGULATION).count() == 3


def test_demo_tasks_say_their_progress_is_not_reported(loaded):
    from agreements.models import Task, TaskStatus

    assert set(Task.objects.values_list("status", flat=True)) == {TaskStatus.UNREPORTED}


# --- Issue 14, point 6: the count of tasks article 000 states, and where the recorded ones come from --


def test_the_kv4_review_records_the_3_directions_and_9_tasks_its_report_states(loaded):
    # 000 "báo cáo đề ra 3 phương hướng, 9 nhiệm vụ": counted, never listed.
    review = Milestone.objects.get(agreement__slug=demo.KV4_REGULATION, held_on=REVIEW_000)
    assert (review.directions_stated, review.tasks_stated) == (3, 9)
    assert review.stated_counts == "3 phương hướng, 9 nhiệm vụ"
    others = Milestone.objects.exclude(pk=review.pk)
    assert list(others.values_list("directions_stated", "tasks_stated")) == [(None, None)]


def test_none_of_the_13_kv4_tasks_is_recorded_as_named_a_task_by_the_source(loaded):
    # 1-3: the delegates' proposals; 4-10: Lê Văn Lợi's directives; 11-13: Hoàng Phúc Lâm's.
    origins = list(
        Task.objects.filter(agreement__slug=demo.KV4_REGULATION)
        .order_by("order")
        .values_list("origin", flat=True)
    )
    assert origins == [TaskOrigin.PROPOSAL] * 3 + [TaskOrigin.DIRECTIVE] * 10
    nghe_an = Task.objects.filter(agreement__slug=demo.NGHE_AN_2025).values_list("origin", flat=True)
    assert list(nghe_an) == [TaskOrigin.STATED] * 4


def test_the_agreement_page_says_what_the_review_states_and_where_each_task_comes_from(
    loaded, client, django_assert_num_queries
):
    # The counts and origins are read with the rows; + 1: the public review events; + 2: the
    # sources and the portal's articles they are.
    with django_assert_num_queries(14 + 1 + 2):
        response = client.get(agreement(demo.KV4_REGULATION).get_absolute_url())
    html = response.content.decode()
    assert html.count("Báo cáo đề ra: 3 phương hướng, 9 nhiệm vụ.") == 1  # under the review
    assert (
        html.count("Báo cáo sơ kết ngày 25/08/2021 đề ra 3 phương hướng, 9 nhiệm vụ.") == 1
    )  # above the tasks
    assert html.count("Nguồn gốc: Đề xuất của đại biểu") == 3
    assert html.count("Nguồn gốc: Ý kiến chỉ đạo của lãnh đạo") == 10
