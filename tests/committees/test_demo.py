"""The demo data drawn from the five source articles (committees.demo), loaded by `load_demo`."""

import datetime as dt
import io
from collections import Counter

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command

from committees import demo
from committees.models import (
    Decision,
    DecisionKind,
    LegalDocument,
    Organization,
    OrganizationKind,
    Person,
    Position,
    Province,
    Region,
    SteeringCommittee,
    Team,
    TeamKind,
)
from committees.selectors import people_with_positions, person_title_line
from committees.services import organization_rename, person_create
from tests.rows import rows_of

pytestmark = pytest.mark.django_db

ARTICLE_000 = dt.date(2021, 8, 25)
ARTICLE_001 = dt.date(2021, 5, 13)
ARTICLE_003 = dt.date(2024, 11, 19)
ARTICLE_004 = dt.date(2021, 7, 2)


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def loaded(demo_data):
    """The demo, loaded once for the module (tests/conftest.py)."""


def line(slug, day):
    return person_title_line(people_with_positions().get(slug=slug), on=day)


def test_demo_creates_the_organisations_of_the_sources_by_kind(loaded):
    assert Counter(Organization.objects.values_list("kind", flat=True)) == {
        OrganizationKind.NATIONAL_ACADEMY: 1,
        OrganizationKind.REGIONAL_ACADEMY: 3,
        OrganizationKind.PROVINCIAL_SCHOOL: 1,
        OrganizationKind.PROPAGANDA_BOARD: 1,
        OrganizationKind.PARTY_COMMITTEE: 6,
        OrganizationKind.UNIT: 13,
        OrganizationKind.OTHER: 2,
    }
    assert sorted(
        Organization.objects.filter(kind=OrganizationKind.OTHER).values_list("name", flat=True)
    ) == [
        "Ban Tuyên giáo các tỉnh, thành ủy khu vực Tây Nam Bộ",
        "Quân khu 4",
    ]
    assert sorted(
        Organization.objects.filter(kind=OrganizationKind.REGIONAL_ACADEMY).values_list("name", flat=True)
    ) == [
        "Học viện Chính trị khu vực I",
        "Học viện Chính trị khu vực II",
        "Học viện Chính trị khu vực IV",
    ]


def test_the_unnamed_boards_of_tay_nam_bo_are_one_party_named_as_the_source_names_them(loaded):
    boards = Organization.objects.get(slug=demo.TNB_BOARDS)
    assert (boards.slug, boards.name, boards.region.name, boards.parent, boards.province) == (
        demo.TNB_BOARDS,
        "Ban Tuyên giáo các tỉnh, thành ủy khu vực Tây Nam Bộ",
        "Tây Nam Bộ",
        None,
        None,
    )
    assert boards.description == (
        "Các Ban Tuyên giáo tỉnh ủy, thành ủy khu vực Tây Nam Bộ, ghi chung thành một bên phối hợp với "
        "Học viện Chính trị khu vực IV vì tên từng ban chưa được nêu."
    )


def test_demo_creates_the_people_committees_teams_decisions_and_documents_of_the_sources(loaded):
    counts = {
        "regions": Region.objects.count(),
        "provinces": Province.objects.count(),
        "people": Person.objects.count(),
        "positions": Position.objects.count(),
        "committees": SteeringCommittee.objects.count(),
        "teams": Team.objects.count(),
        "decisions": Decision.objects.count(),
        "legal documents": LegalDocument.objects.count(),
    }
    assert counts == {
        "regions": 3,
        "provinces": 2,
        "people": 16,
        "positions": 33,
        "committees": 4,
        "teams": 5,
        "decisions": 4,
        "legal documents": 9,
    }
    assert list(Region.objects.values_list("name", flat=True)) == ["Bắc Trung Bộ", "Nam Bộ", "Tây Nam Bộ"]
    assert Province.objects.get(slug="nghe-an").region.name == "Bắc Trung Bộ"


def test_running_the_demo_twice_changes_nothing(loaded):
    before = rows_of("committees")
    load_demo()
    assert rows_of("committees") == before


def test_the_demo_keeps_what_an_editor_filled_in_where_the_sources_are_silent(loaded):
    decision = Decision.objects.get(slug=demo.DECISIONS[0].slug)
    decision.number = "12-QĐ/BCĐ35"
    decision.issued_on = dt.date(2021, 5, 10)
    decision.save()
    load_demo()
    decision.refresh_from_db()
    assert (decision.number, decision.issued_on) == ("12-QĐ/BCĐ35", dt.date(2021, 5, 10))


def test_the_demo_keeps_a_short_name_changed_through_the_rename_service(loaded):
    party_committee = Organization.objects.get(slug=demo.party(demo.KV2))
    organization_rename(
        by=None,
        organization=party_committee,
        new_name=party_committee.name,
        new_short_name="Đảng ủy Học viện",
        on=dt.date(2025, 7, 1),
    )
    load_demo()
    party_committee.refresh_from_db()
    assert (party_committee.short_name, party_committee.short_name_on(ARTICLE_004)) == (
        "Đảng ủy Học viện",
        "Đảng ủy",
    )


def test_the_demo_creates_its_people_through_the_service_as_nobody(monkeypatch):
    acting = []
    monkeypatch.setattr(
        demo, "person_create", lambda **kwargs: acting.append(kwargs["by"]) or person_create(**kwargs)
    )
    load_demo()
    assert acting == [None] * Person.objects.count()
    assert LogEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("slug", "day", "expected"),
    [
        (
            "hoang-phuc-lam",
            ARTICLE_000,
            "PGS, TS Hoàng Phúc Lâm, Phó Bí thư Đảng ủy, "
            "Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh, Phó Trưởng Ban Chỉ đạo 35",
        ),
        (
            "le-van-loi",
            ARTICLE_000,
            "PGS, TS Lê Văn Lợi, Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh, "
            "Phó Trưởng Ban Chỉ đạo 35",
        ),
        (
            "pham-duc-kien",
            ARTICLE_000,
            "PGS, TS Phạm Đức Kiên, Phó Vụ trưởng Vụ Quản lý Khoa học, "
            "Chánh Văn phòng Ban Chỉ đạo 35 Học viện Chính trị quốc gia Hồ Chí Minh",
        ),
        (
            "phan-cong-khanh",
            ARTICLE_000,
            "TS Phan Công Khanh, Bí thư Đảng ủy, Giám đốc Học viện Chính trị khu vực IV, "
            "Trưởng Ban Chỉ đạo 35",
        ),
        (
            "huynh-thanh-quang",
            ARTICLE_000,
            "NGƯT, TS Huỳnh Thanh Quang, Phó Bí thư Đảng ủy, Phó Giám đốc Học viện Chính trị khu vực IV, "
            "Phó Trưởng Ban Chỉ đạo 35",
        ),
        ("le-xuan-tao", ARTICLE_000, "TS Lê Xuân Tạo, Phó Giám đốc Học viện Chính trị khu vực IV"),
        (
            "nguyen-quoc-dung",
            ARTICLE_001,
            "PGS, TS Nguyễn Quốc Dũng, Ủy viên Ban Thường vụ Đảng ủy "
            "Học viện Chính trị quốc gia Hồ Chí Minh, Bí thư Đảng ủy, "
            "Giám đốc Học viện Chính trị khu vực II, Trưởng Ban Chỉ đạo 35",
        ),
        (
            "nguyen-dinh-phong",
            ARTICLE_001,
            "TS Nguyễn Đình Phong, Phó Trưởng Ban Quản lý khoa học và Hợp tác quốc tế, "
            "Chánh Văn phòng Ban Chỉ đạo 35 Học viện Chính trị khu vực II",
        ),
        (
            "vu-thi-thanh-xuan",
            ARTICLE_004,
            "PGS, TS Vũ Thị Thanh Xuân, Phó Chánh Văn phòng, "
            "Trưởng Cơ quan đại diện phía Nam Học viện Chính trị quốc gia Hồ Chí Minh",
        ),
        (
            "nguyen-tan-vinh",
            ARTICLE_004,
            "PGS, TS Nguyễn Tấn Vinh, Phó Bí thư Đảng ủy, Phó Giám đốc Học viện Chính trị khu vực II",
        ),
        (
            "nguyen-thi-tuyet-mai",
            ARTICLE_004,
            "TS Nguyễn Thị Tuyết Mai, Ủy viên Ban Thường vụ Đảng ủy, "
            "Phó Giám đốc Học viện Chính trị khu vực II",
        ),
        (
            "nguyen-dinh-phuc",
            ARTICLE_004,
            "TS Nguyễn Đình Phúc, Chủ tịch Công đoàn cơ sở Học viện Chính trị khu vực II",
        ),
        (
            "pham-thi-pha-le",
            ARTICLE_004,
            "TS Phạm Thị Pha Lê, Trưởng Ban Tổ chức - Cán bộ Học viện Chính trị khu vực II",
        ),
        (
            "nguyen-thi-hong-hoa",
            ARTICLE_003,
            "Nguyễn Thị Hồng Hoa, Ủy viên Ban Chấp hành Đảng bộ tỉnh Nghệ An, "
            "Trưởng Ban Tuyên giáo Tỉnh ủy Nghệ An",
        ),
        (
            "vuong-quang-minh",
            ARTICLE_003,
            "Vương Quang Minh, Bí thư Đảng ủy, Hiệu trưởng Trường Chính trị tỉnh Nghệ An",
        ),
        ("vu-van-hien", ARTICLE_000, "GS, TS Vũ Văn Hiền"),
    ],
)
def test_title_lines_read_as_the_articles_on_their_dates(loaded, slug, day, expected):
    assert line(slug, day) == expected


def test_written_names_are_stored_as_honorific_academic_title_degree_and_name(loaded):
    people = {p.slug: (p.honorific, p.academic_title, p.degree, p.full_name) for p in Person.objects.all()}
    assert people["huynh-thanh-quang"] == ("NGƯT", "", "TS", "Huỳnh Thanh Quang")
    assert people["vu-van-hien"] == ("", "GS", "TS", "Vũ Văn Hiền")
    assert people["nguyen-quoc-dung"] == ("", "PGS", "TS", "Nguyễn Quốc Dũng")
    assert people["nguyen-thi-hong-hoa"] == ("", "", "", "Nguyễn Thị Hồng Hoa")


def test_a_person_cited_only_as_an_author_has_no_positions(loaded):
    hien = Person.objects.get(slug="vu-van-hien")
    assert hien.positions.count() == 0
    assert hien.bio.endswith("Nhà xuất bản Chính trị quốc gia Sự thật ấn hành năm 2020.")


def test_a_duty_the_articles_do_not_write_as_a_title_is_recorded_outside_title_lines(loaded):
    duty = Position.objects.get(person__slug="hoang-phuc-lam", organization__slug=demo.KV4)
    assert (duty.in_title_line, duty.label_on(ARTICLE_000)) == (
        False,
        "Phụ trách, chỉ đạo trực tiếp các mặt hoạt động của Học viện Chính trị khu vực IV",
    )


def test_positions_have_unknown_start_and_end_dates(loaded):
    assert not Position.objects.filter(start_date__isnull=False).exists()
    assert not Position.objects.filter(end_date__isnull=False).exists()


@pytest.mark.parametrize(
    ("full_name", "reported_on"),
    [
        ("Hoàng Phúc Lâm", dt.date(2021, 8, 30)),  # 000 (30/08/2021) and 004 (08/07/2021): the latest
        ("Nguyễn Quốc Dũng", dt.date(2021, 7, 8)),  # 001 (14/05/2021) and 004
        ("Nguyễn Đình Phong", dt.date(2021, 5, 14)),  # 001; 000 only calls him a representative
        ("Phan Công Khanh", dt.date(2021, 8, 30)),  # 000
        ("Vương Quang Minh", dt.date(2024, 11, 19)),  # 003
    ],
)
def test_positions_are_reported_on_the_date_of_the_latest_article_stating_them(
    loaded, full_name, reported_on
):
    positions = Position.objects.filter(person__full_name=full_name)

    assert set(positions.values_list("reported_on", flat=True)) == {reported_on}


def test_kv2_committee_announced_three_decisions_two_of_which_founded_its_teams(loaded):
    committee = SteeringCommittee.objects.get(slug=demo.bcd(demo.KV2))
    decisions = committee.decisions.order_by("pk")
    assert [(d.kind, d.number, d.issued_on) for d in decisions] == [
        (DecisionKind.FOUND_TEAM, "", None),
        (DecisionKind.RECOGNISE, "", None),
        (DecisionKind.FOUND_TEAM, "", None),
    ]
    teams = {team.name: (team.kind, team.founding_decision_id) for team in committee.teams.all()}
    assert teams == {
        "Tổ Tham mưu, định hướng và biên tập bài viết đấu tranh trên không gian mạng": (
            TeamKind.ADVISORY,
            decisions[0].pk,
        ),
        "Tổ Xây dựng các Quy chế hoạt động của Ban Chỉ đạo": (TeamKind.DRAFTING, decisions[2].pk),
        "Nhóm chuyên gia": (TeamKind.EXPERT_GROUP, None),
    }
    assert decisions[1].title == (
        "Quyết định công nhận các hoạt động, công cụ đấu tranh trên không gian mạng thực hiện Nghị quyết "
        "số 35-NQ/TW của Bộ Chính trị tại Học viện Chính trị khu vực II"
    )


def test_kv2_commendation_decision_is_issued_by_the_academy(loaded):
    decision = Decision.objects.get(kind=DecisionKind.COMMEND)
    assert (decision.issuer_organization.slug, decision.issuer_committee, decision.number) == (
        demo.KV2,
        None,
        "",
    )


def test_each_academy_has_its_steering_committee_and_kv1s_founding_date_is_unknown(loaded):
    assert sorted(SteeringCommittee.objects.values_list("organization__name", flat=True)) == [
        "Học viện Chính trị khu vực I",
        "Học viện Chính trị khu vực II",
        "Học viện Chính trị khu vực IV",
        "Học viện Chính trị quốc gia Hồ Chí Minh",
    ]
    kv1 = SteeringCommittee.objects.get(organization__slug=demo.KV1)
    assert kv1.founded_on is None
    assert "cuối năm 2018" in kv1.description
    assert list(kv1.teams.values_list("kind", "name")) == [(TeamKind.OFFICE, "Văn phòng")]
    assert list(
        Team.objects.filter(kind=TeamKind.SECRETARIAT).values_list("committee__organization__slug", "name")
    ) == [(demo.KV4, "Tổ thư ký")]


def test_party_committees_and_units_hang_under_their_organisation(loaded):
    rows = Organization.objects.filter(kind=OrganizationKind.PARTY_COMMITTEE).values_list(
        "name", "short_name", "parent__name"
    )
    assert sorted(rows, key=lambda row: row[0]) == [
        ("Đảng bộ tỉnh Nghệ An", "", None),
        ("Đảng ủy Học viện Chính trị khu vực I", "Đảng ủy", "Học viện Chính trị khu vực I"),
        ("Đảng ủy Học viện Chính trị khu vực II", "Đảng ủy", "Học viện Chính trị khu vực II"),
        ("Đảng ủy Học viện Chính trị khu vực IV", "Đảng ủy", "Học viện Chính trị khu vực IV"),
        (
            "Đảng ủy Học viện Chính trị quốc gia Hồ Chí Minh",
            "Đảng ủy",
            "Học viện Chính trị quốc gia Hồ Chí Minh",
        ),
        ("Đảng ủy Trường Chính trị tỉnh Nghệ An", "Đảng ủy", "Trường Chính trị tỉnh Nghệ An"),
    ]
    regionals = Organization.objects.filter(kind=OrganizationKind.REGIONAL_ACADEMY)
    assert set(regionals.values_list("parent__slug", flat=True)) == {demo.HV}
    assert dict(regionals.values_list("slug", "region__name")) == {
        demo.KV1: None,
        demo.KV2: "Nam Bộ",
        demo.KV4: "Tây Nam Bộ",
    }


def test_legal_documents_are_cited_as_the_sources_cite_them(loaded):
    citations = {doc.number: doc.citation for doc in LegalDocument.objects.exclude(number="")}
    assert citations == {
        "35-NQ/TW": "Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị khóa XII",
        "01-KL/TW": "Kết luận số 01-KL/TW ngày 18/05/2021 của Bộ Chính trị",
        "05-CT/TW": "Chỉ thị số 05-CT/TW ngày 15/05/2016 của Bộ Chính trị khóa XII",
        "144-QĐ/TW": "Quy định số 144-QĐ/TW của Trung ương",
        "05-ĐA/TU": "Đề án số 05-ĐA/TU của Ban Thường vụ Tỉnh ủy Nghệ An",
    }
    assert LegalDocument.objects.get(number="35-NQ/TW").title == (
        "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, "
        "thù địch trong tình hình mới"
    )
    assert LegalDocument.objects.get(number="05-ĐA/TU").slug == "05-da-tu"


def test_documents_cited_without_a_number_are_recorded_by_their_title_and_cite_their_articles(loaded):
    from django.contrib.contenttypes.models import ContentType

    from portal.sources.models import Citation
    from portal.sources.seeds import SEEDS

    unnumbered = LegalDocument.objects.filter(number="").order_by("slug")
    kv1 = "Đảng bộ Học viện Chính trị khu vực I"
    assert [(d.slug, d.doc_type, d.issuer, d.citation, d.issued_on) for d in unnumbered] == [
        (demo.LUAT_ANM, "law", "Quốc hội", "Luật An ninh mạng", None),
        (
            demo.NQ_XIII,
            "resolution",
            "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
            "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
            None,
        ),
        (
            "quy-che-dao-tao-cao-cap-ly-luan-chinh-tri-kv-i",
            "other",
            kv1,
            "Quy chế đào tạo cao cấp lý luận chính trị",
            None,
        ),
        ("quy-dinh-ve-chi-tieu-noi-bo-kv-i", "regulation", kv1, "Quy định về chi tiêu nội bộ", None),
    ]
    assert unnumbered.get(slug=demo.NQ_XIII).abstract.startswith("Đại hội nhấn mạnh: “Tăng cường bảo vệ")
    cited = {
        document.slug: [
            c.source.title
            for c in Citation.objects.filter(
                subject_type=ContentType.objects.get_for_model(LegalDocument), subject_id=document.pk
            ).order_by("order")
        ]
        for document in unnumbered
    }
    assert cited == {
        "quy-che-dao-tao-cao-cap-ly-luan-chinh-tri-kv-i": [SEEDS["002"].title],
        "quy-dinh-ve-chi-tieu-noi-bo-kv-i": [SEEDS["002"].title],
        demo.LUAT_ANM: [SEEDS["002"].title],
        demo.NQ_XIII: [SEEDS["000"].title, SEEDS["002"].title, SEEDS["004"].title],
    }
