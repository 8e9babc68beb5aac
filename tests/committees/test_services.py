import datetime as dt

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import ValidationError

from committees.models import (
    Decision,
    DecisionKind,
    LegalDocument,
    LegalDocumentType,
    Organization,
    OrganizationChange,
    OrganizationChangeKind,
    OrganizationKind,
    Person,
    Position,
    Province,
    Role,
)
from committees.services import (
    decision_save,
    legal_document_save,
    organization_close,
    organization_rename,
    organization_save,
    people_import,
    person_create,
    person_save,
    position_delete,
    position_save,
    province_merge,
)
from portal.slugs import unique_slug
from tests.committees.factories import OrganizationFactory, ProvinceFactory, SteeringCommitteeFactory
from tests.staff import sees_everything

pytestmark = pytest.mark.django_db

# The refusals the admin's pages show too (test_admin.py), word for word.
NO_NAME = "Phải nhập họ và tên."
SAME_NAME = "Hãy nhập tên mới khác tên hiện nay."
OWN_SUCCESSOR = "Một tổ chức không thể là đơn vị kế tục của chính nó."
NO_SUCCESSOR = "Hãy chọn đơn vị kế tục (trừ trường hợp giải thể)."
INTO_ITSELF = "Không thể hợp nhất một tỉnh vào chính nó."
ALREADY_MERGED = "Tỉnh này đã được hợp nhất vào một tỉnh khác."


@pytest.fixture
def staff(django_user_model):
    # The services' own rules, not the scope (tests/committees/test_scoping.py): every organisation's.
    return sees_everything(
        django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    )


def history(obj) -> list[tuple[int, str, str]]:
    """The admin history of `obj`: (action, who, message) in order."""
    entries = LogEntry.objects.filter(
        content_type__model=obj._meta.model_name, object_id=str(obj.pk)
    ).order_by("pk")
    return [(entry.action_flag, entry.user.username, entry.get_change_message()) for entry in entries]


def test_person_create_parses_the_written_titles_and_folds_d_in_the_slug():
    person = person_create(by=None, written_name="NGƯT, TS Huỳnh Thanh Quang")
    assert (person.full_name, person.honorific, person.academic_title, person.degree) == (
        "Huỳnh Thanh Quang",
        "NGƯT",
        "",
        "TS",
    )
    assert person.display_name == "NGƯT, TS Huỳnh Thanh Quang"
    assert person_create(by=None, written_name="TS. Nguyễn Đình Phong").slug == "nguyen-dinh-phong"


def test_namesakes_get_distinct_slugs():
    first = person_create(by=None, written_name="TS Nguyễn Văn Hùng")
    second = person_create(by=None, written_name="ThS Nguyễn Văn Hùng")
    assert (first.slug, second.slug) == ("nguyen-van-hung", "nguyen-van-hung-2")
    assert unique_slug(Person, "Nguyễn Văn Hùng") == "nguyen-van-hung-3"
    assert unique_slug(Person, "Nguyễn Văn Hùng", exclude_pk=first.pk) == "nguyen-van-hung"


@pytest.mark.parametrize("written", ["PGS, TS.", "   "], ids=["titles-only", "spaces"])
def test_person_create_refuses_a_name_of_titles_or_spaces_only(written):
    with pytest.raises(ValidationError) as refused:
        person_create(by=None, written_name=written)
    assert refused.value.message_dict == {"full_name": [NO_NAME]}
    assert Person.objects.count() == 0


def test_person_create_takes_the_form_fields_a_title_given_apart_winning_over_the_written_one():
    person = person_create(
        by=None, written_name="NGƯT, TS Huỳnh Thanh Quang", degree="ThS", slug="quang", bio="Sinh năm 1970."
    )
    assert Person.objects.values_list(
        "full_name", "honorific", "academic_title", "degree", "slug", "bio"
    ).get(pk=person.pk) == ("Huỳnh Thanh Quang", "NGƯT", "", "ThS", "quang", "Sinh năm 1970.")


def test_person_create_writes_the_addition_in_the_history_of_the_acting_user_only(staff):
    by_staff = person_create(written_name="TS Lê Văn An", by=staff)
    by_nobody = person_create(written_name="TS Lê Văn Bình", by=None)
    assert history(by_staff) == [(ADDITION, "thu-ky", "Được thêm.")]
    assert history(by_nobody) == []


def test_renaming_twice_keeps_each_name_for_its_own_days():
    school = OrganizationFactory(name="Trường Đảng tỉnh", founded_on=dt.date(1950, 1, 1))
    organization_rename(
        by=None, organization=school, new_name="Trường Chính trị tỉnh Nghệ An", on=dt.date(1995, 1, 1)
    )
    organization_rename(
        by=None, organization=school, new_name="Trường Chính trị Nghệ An", on=dt.date(2025, 7, 1)
    )
    school.refresh_from_db()
    assert [school.name_on(dt.date(y, 6, 1)) for y in (1960, 2024, 2026)] == [
        "Trường Đảng tỉnh",
        "Trường Chính trị tỉnh Nghệ An",
        "Trường Chính trị Nghệ An",
    ]
    assert school.slug == Organization.objects.get(pk=school.pk).slug


@pytest.mark.parametrize(
    ("new_name", "on", "field"),
    [("Trường Chính trị tỉnh Nghệ An", dt.date(2025, 7, 1), "name"), ("Tên mới", dt.date(2020, 1, 1), "on")],
)
def test_a_rename_to_the_same_name_or_back_in_time_is_refused(new_name, on, field):
    school = OrganizationFactory(name="Trường Chính trị tỉnh Nghệ An")
    organization_rename(
        by=None, organization=school, new_name="Trường Chính trị Nghệ An", on=dt.date(2024, 1, 1)
    )
    organization_rename(
        by=None, organization=school, new_name="Trường Chính trị tỉnh Nghệ An", on=dt.date(2024, 6, 1)
    )
    with pytest.raises(ValidationError) as refused:
        organization_rename(by=None, organization=school, new_name=new_name, on=on)
    assert field in refused.value.message_dict
    assert school.former_names.count() == 2


def test_renaming_only_the_short_name_keeps_the_former_one_for_the_days_before(staff):
    committee = OrganizationFactory(
        name="Đảng ủy Học viện", short_name="Đảng ủy", founded_on=dt.date(1990, 1, 1)
    )
    organization_rename(
        organization=committee,
        new_name="Đảng ủy Học viện",
        new_short_name="ĐU",
        on=dt.date(2025, 7, 1),
        by=staff,
    )
    committee.refresh_from_db()
    assert [committee.short_name_on(day) for day in (dt.date(2025, 6, 30), dt.date(2025, 7, 1))] == [
        "Đảng ủy",
        "ĐU",
    ]
    assert history(committee) == [
        (CHANGE, "thu-ky", "Đã đổi tên ngắn từ “Đảng ủy” thành “ĐU” kể từ ngày 01/07/2025.")
    ]


def test_a_rename_that_changes_neither_name_is_refused():
    school = OrganizationFactory(name="Trường Chính trị Nghệ An", short_name="TCT")
    with pytest.raises(ValidationError) as refused:
        organization_rename(
            by=None,
            organization=school,
            new_name=" Trường Chính trị  Nghệ An",
            new_short_name="TCT",
            on=dt.date(2025, 7, 1),
        )
    assert refused.value.message_dict == {"name": [SAME_NAME]}
    assert (school.former_names.count(), LogEntry.objects.count()) == (0, 0)


def test_renaming_writes_the_history_with_the_acting_user_and_nothing_for_nobody(staff):
    school = OrganizationFactory(name="Trường Đảng tỉnh")
    organization_rename(
        organization=school, new_name="Trường Chính trị tỉnh", on=dt.date(1995, 1, 1), by=staff
    )
    organization_rename(organization=school, new_name="Trường Chính trị", on=dt.date(2025, 7, 1), by=None)
    assert history(school) == [
        (
            CHANGE,
            "thu-ky",
            "Đã đổi tên từ “Trường Đảng tỉnh” thành “Trường Chính trị tỉnh” kể từ ngày 01/01/1995.",
        )
    ]


def test_closing_by_merger_links_predecessor_and_successor():
    board = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy Nghệ An")
    mass = OrganizationFactory(name="Ban Dân vận Tỉnh ủy Nghệ An")
    merged = OrganizationFactory(name="Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An")
    for old in (board, mass):
        organization_close(
            by=None,
            organization=old,
            kind=OrganizationChangeKind.MERGED,
            on=dt.date(2025, 3, 1),
            successors=[merged],
        )
    board.refresh_from_db()
    assert board.closed_on == dt.date(2025, 3, 1)
    assert [c.successor for c in board.changes.all()] == [merged]
    assert sorted(c.predecessor.name for c in merged.origins.all()) == [
        "Ban Dân vận Tỉnh ủy Nghệ An",
        "Ban Tuyên giáo Tỉnh ủy Nghệ An",
    ]


def test_a_split_records_one_change_per_successor_and_dissolution_none():
    old = OrganizationFactory()
    changes = organization_close(
        by=None,
        organization=old,
        kind=OrganizationChangeKind.SPLIT,
        on=dt.date(2025, 1, 1),
        successors=[OrganizationFactory(), OrganizationFactory()],
    )
    assert len(changes) == 2
    gone = OrganizationFactory()
    [dissolution] = organization_close(
        by=None, organization=gone, kind=OrganizationChangeKind.DISSOLVED, on=dt.date(2025, 1, 1)
    )
    assert dissolution.successor is None


@pytest.mark.parametrize("kind", [OrganizationChangeKind.MERGED, OrganizationChangeKind.RENAMED])
def test_a_merger_without_successor_or_into_itself_is_refused(kind):
    organization = OrganizationFactory()
    with pytest.raises(ValidationError) as without_successor:
        organization_close(by=None, organization=organization, kind=kind, on=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError) as into_itself:
        organization_close(
            by=None, organization=organization, kind=kind, on=dt.date(2025, 1, 1), successors=[organization]
        )
    assert (without_successor.value.messages, into_itself.value.messages) == ([NO_SUCCESSOR], [OWN_SUCCESSOR])
    organization.refresh_from_db()
    assert organization.closed_on is None
    assert OrganizationChange.objects.count() == 0


def test_province_merge_keeps_history_and_refuses_itself(staff):
    nghe_an, ha_tinh = ProvinceFactory(name="Nghệ An"), ProvinceFactory(name="Hà Tĩnh")
    province_merge(provinces=[ha_tinh], into=nghe_an, on=dt.date(2025, 7, 1), by=staff)
    ha_tinh.refresh_from_db()
    assert (ha_tinh.merged_into, ha_tinh.valid_to, ha_tinh.is_current) == (
        nghe_an,
        dt.date(2025, 6, 30),
        False,
    )
    assert history(ha_tinh) == [(CHANGE, "thu-ky", "Đã hợp nhất vào Nghệ An kể từ ngày 01/07/2025.")]
    with pytest.raises(ValidationError) as refused:
        province_merge(by=None, provinces=[nghe_an], into=nghe_an, on=dt.date(2025, 7, 1))
    assert refused.value.message_dict == {"merged_into": [INTO_ITSELF]}
    assert history(nghe_an) == []


def test_a_province_already_merged_is_not_merged_again():
    nghe_an, ha_tinh, quang_binh = ProvinceFactory(), ProvinceFactory(), ProvinceFactory()
    province_merge(by=None, provinces=[ha_tinh], into=nghe_an, on=dt.date(2025, 7, 1))
    with pytest.raises(ValidationError) as refused:
        province_merge(by=None, provinces=[ha_tinh], into=quang_binh, on=dt.date(2025, 8, 1))
    assert refused.value.messages == [ALREADY_MERGED]
    assert Province.objects.filter(pk=ha_tinh.pk).values_list("merged_into", "valid_to").get() == (
        nghe_an.pk,
        dt.date(2025, 6, 30),
    )


def test_a_rename_on_or_before_the_founding_day_is_refused_cleanly():
    school = OrganizationFactory(name="Trường Chính trị tỉnh Nghệ An", founded_on=dt.date(2000, 1, 1))
    with pytest.raises(ValidationError) as refused:
        organization_rename(
            by=None, organization=school, new_name="Trường Chính trị Nghệ An", on=dt.date(2000, 1, 1)
        )
    assert refused.value.message_dict["on"] == [
        "Tên mới phải có hiệu lực sau ngày bắt đầu dùng tên hiện nay."
    ]
    assert school.former_names.count() == 0


def test_a_rename_on_the_day_after_the_previous_one_is_refused_cleanly():
    school = OrganizationFactory(name="Tên A")
    organization_rename(by=None, organization=school, new_name="Tên B", on=dt.date(2024, 1, 1))
    with pytest.raises(ValidationError) as refused:
        organization_rename(by=None, organization=school, new_name="Tên C", on=dt.date(2024, 1, 1))
    assert refused.value.message_dict["on"] == [
        "Tên mới phải có hiệu lực sau ngày bắt đầu dùng tên hiện nay."
    ]
    assert school.former_names.count() == 1


def test_closing_writes_the_history_with_the_acting_user(staff):
    board = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy Nghệ An")
    merged = OrganizationFactory(name="Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An")
    organization_close(
        organization=board,
        kind=OrganizationChangeKind.MERGED,
        on=dt.date(2025, 3, 1),
        successors=[merged],
        by=staff,
    )
    assert history(board) == [
        (
            CHANGE,
            "thu-ky",
            "Đã ghi nhận thay đổi ngày 01/03/2025 (sáp nhập, hợp nhất); "
            "đơn vị kế tục: Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An.",
        )
    ]


def test_closing_an_organisation_twice_is_refused():
    old = OrganizationFactory()
    organization_close(
        by=None, organization=old, kind=OrganizationChangeKind.DISSOLVED, on=dt.date(2025, 1, 1)
    )
    with pytest.raises(ValidationError) as refused:
        organization_close(
            by=None, organization=old, kind=OrganizationChangeKind.DISSOLVED, on=dt.date(2025, 2, 1)
        )
    assert refused.value.messages == ["Tổ chức này đã chấm dứt hoạt động từ ngày 01/01/2025."]
    assert OrganizationChange.objects.count() == 1


# --- the services of the spreadsheets' imports -------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"written_name": "PGS, TS"}, "full_name"),
        ({"written_name": "   "}, "full_name"),
        ({"written_name": "Nguyễn " * 30}, "full_name"),
        ({"written_name": "Lê Văn Lợi", "degree": "BS"}, "degree"),
        ({"written_name": "Lê Văn Lợi", "honorific": "AHLĐ"}, "honorific"),
        ({"written_name": "Lê Văn Lợi", "slug": "lê văn lợi"}, "slug"),
    ],
    ids=["titles-only", "blank", "too-long", "unknown-degree", "unknown-honorific", "bad-slug"],
)
def test_people_import_refuses_what_person_create_refuses(kwargs, field):
    with pytest.raises(ValidationError) as created:
        person_create(by=None, **kwargs)
    assert field in created.value.message_dict
    person = Person(
        full_name=kwargs["written_name"],
        honorific=kwargs.get("honorific", ""),
        degree=kwargs.get("degree", ""),
        slug=kwargs.get("slug", ""),
    )
    with pytest.raises(ValidationError) as imported:
        people_import(created=[person], updated=[], by=None)
    assert created.value.messages[0] in imported.value.messages[0]
    assert Person.objects.count() == 0


def test_people_import_refuses_a_code_already_taken_as_person_create_does():
    person_create(by=None, written_name="Lê Văn Lợi", slug="le-van-loi")
    with pytest.raises(ValidationError):
        person_create(by=None, written_name="Lê Văn Lợi", slug="le-van-loi")
    with pytest.raises(ValidationError) as caught:
        people_import(created=[Person(full_name="Lê Văn Lợi", slug="le-van-loi")], updated=[], by=None)
    assert caught.value.messages == ["Mã “le-van-loi” đã được dùng cho một người khác."]
    assert Person.objects.count() == 1


def test_people_import_parses_titles_makes_unique_slugs_and_logs_in_bulk(staff, django_assert_num_queries):
    stored = person_create(by=None, written_name="TS Nguyễn Văn Hùng")
    unchanged = person_create(by=None, written_name="Trần Thị Mai")
    stored.degree, stored.bio = "TSKH", "Mới."
    new = [Person(full_name="ThS Nguyễn Văn Hùng"), Person(full_name="NGƯT, PGS, TS Huỳnh Thanh Quang")]
    # Every person read once, the inserts, the update, two history inserts (in a savepoint);
    # + 2: the audit history of the people added and of those changed (one insert each);
    # + 2: the user's permissions, read once for their scope (portal.scoping).
    with django_assert_num_queries(7 + 2 + 2):
        people_import(created=new, updated=[stored, unchanged], by=staff)
    assert list(
        Person.objects.order_by("pk").values_list(
            "full_name", "honorific", "academic_title", "degree", "slug", "bio"
        )
    ) == [
        ("Nguyễn Văn Hùng", "", "", "TSKH", "nguyen-van-hung", "Mới."),
        ("Trần Thị Mai", "", "", "", "tran-thi-mai", ""),
        ("Nguyễn Văn Hùng", "", "", "ThS", "nguyen-van-hung-2", ""),
        ("Huỳnh Thanh Quang", "NGƯT", "PGS", "TS", "huynh-thanh-quang", ""),
    ]
    assert history(stored) == [(CHANGE, "thu-ky", "Đã thay đổi học vị và tiểu sử tóm tắt.")]
    assert history(unchanged) == []
    assert history(new[1]) == [(ADDITION, "thu-ky", "Được thêm.")]


def test_organization_save_makes_the_slug_and_logs_the_addition_then_the_change(staff):
    organization = organization_save(
        organization=Organization(
            name="Học viện Chính trị khu vực II", kind=OrganizationKind.REGIONAL_ACADEMY
        ),
        by=staff,
    )
    assert organization.slug == "hoc-vien-chinh-tri-khu-vuc-ii"
    organization.order = 3
    organization_save(organization=organization, changed=["order"], by=staff)
    assert history(organization) == [
        (ADDITION, "thu-ky", "Được thêm."),
        (CHANGE, "thu-ky", "Đã thay đổi thứ tự."),
    ]
    with pytest.raises(ValidationError) as caught:
        organization_save(organization=Organization(name="X", kind="nope"), by=staff)
    assert list(caught.value.message_dict) == ["kind"]


def test_position_save_refuses_a_position_in_two_bodies():
    person = person_create(by=None, written_name="Lê Văn Lợi")
    academy = OrganizationFactory()
    committee = SteeringCommitteeFactory()
    with pytest.raises(ValidationError) as caught:
        position_save(
            position=Position(person=person, role=Role.MEMBER, organization=academy, committee=committee),
            by=None,
        )
    assert caught.value.messages == ["Chọn đúng một trong: tổ chức, ban chỉ đạo, tổ."]
    assert Position.objects.count() == 0


def test_decision_save_sets_the_documents_and_logs_their_change(staff):
    committee = SteeringCommitteeFactory()
    first = legal_document_save(
        document=LegalDocument(
            number="35-NQ/TW", doc_type=LegalDocumentType.RESOLUTION, issuer="Bộ Chính trị", title="A"
        ),
        by=None,
    )
    second = legal_document_save(
        document=LegalDocument(doc_type=LegalDocumentType.LAW, issuer="Quốc hội", title="Luật An ninh mạng"),
        by=None,
    )
    assert (first.slug, second.slug) == ("nghi-quyet-35-nq-tw", "luat-an-ninh-mang")
    decision = decision_save(
        decision=Decision(
            number="12-QĐ/BCĐ35", issuer_committee=committee, kind=DecisionKind.OTHER, title="Thành lập"
        ),
        legal_documents=[first],
        by=staff,
    )
    decision_save(decision=decision, legal_documents=[first, second], by=staff)
    assert sorted(decision.legal_documents.values_list("title", flat=True)) == ["A", "Luật An ninh mạng"]
    assert decision.slug == "12-qd-bcd35"
    assert history(decision) == [
        (ADDITION, "thu-ky", "Được thêm."),
        (CHANGE, "thu-ky", "Đã thay đổi văn bản căn cứ."),
    ]


def test_person_save_changes_a_stored_person_with_its_history_and_refuses_a_new_one(staff):
    person = person_create(written_name="TS Lê Văn Lợi", by=None)
    person.academic_title = "PGS"
    person_save(person=person, changed=["academic_title"], by=staff)
    person.refresh_from_db()
    assert (person.academic_title, person.degree) == ("PGS", "TS")
    entry = LogEntry.objects.get(object_id=str(person.pk), action_flag=CHANGE)
    assert (entry.user, entry.get_change_message()) == (staff, "Đã thay đổi học hàm.")
    with pytest.raises(ValueError):
        person_save(person=Person(full_name="Người mới", slug="nguoi-moi"), by=staff)
    person.degree = "XYZ"
    with pytest.raises(ValidationError):
        person_save(person=person, by=staff)


def test_position_delete_removes_the_line_and_says_so_in_the_persons_history(staff):
    person = person_create(written_name="Nguyễn Văn Minh", by=None)
    academy = OrganizationFactory(name="Học viện Chính trị khu vực II")
    director = Position(person=person, role=Role.DIRECTOR, organization=academy)
    position = position_save(position=director, by=None)

    position_delete(position=position, by=staff)

    assert Position.objects.filter(person=person).count() == 0
    entry = LogEntry.objects.get(object_id=str(person.pk), action_flag=CHANGE)
    assert entry.user == staff
    assert entry.get_change_message().startswith("Đã xóa chức vụ")
