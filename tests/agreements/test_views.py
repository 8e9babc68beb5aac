"""The public pages of agreements (list, agreement page), and what event and organisation pages show."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from agreements.models import AgreementKind, AgreementStatus, PartyRole, TaskStatus
from agreements.selectors import CHAIN_LIMIT
from agreements.services import agreement_schedule_reviews, agreement_supersede, agreement_transition
from committees.models import OrganizationKind, Region, Role
from committees.services import organization_rename, person_create
from events.models import EventKind
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
    PositionFactory,
    RegionFactory,
)
from tests.events.factories import EventFactory
from tests.pages import html_of, text_of
from tests.staff import member_of

pytestmark = pytest.mark.django_db

ROW_COUNTS = pytest.mark.parametrize("rows", [1, 5])
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
S = AgreementStatus


def listed_titles(response) -> list[str]:
    """Titles of the list's cards, in order (in force first, then past)."""
    return re.findall(r'<h3 class="agreement-card__title"><a href="[^"]+">([^<]+)</a>', html_of(response))


def at(day: dt.date) -> dt.datetime:
    """09:00 in Hà Nội on `day`: when staff record a change."""
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=HANOI)


@pytest.fixture
def secretary(academy):
    user = User.objects.create_user("thuky", first_name="Nguyễn Thị", last_name="Thư Ký", is_staff=True)
    return member_of(user, academy)  # the academy leads the regulation they move through its lifecycle


@pytest.fixture
def tay_nam_bo():
    return RegionFactory(name="Tây Nam Bộ", slug="tay-nam-bo", order=4)


@pytest.fixture
def bac_trung_bo():
    return RegionFactory(name="Bắc Trung Bộ", slug="bac-trung-bo", order=2)


@pytest.fixture
def academy(tay_nam_bo):
    return OrganizationFactory(name="Học viện Chính trị khu vực IV", slug="hv4", region=tay_nam_bo)


@pytest.fixture
def can_tho(tay_nam_bo):
    """A board renamed in 2025: agreements signed before name it by its old name."""
    board = OrganizationFactory(
        name="Ban Tuyên giáo Thành ủy Cần Thơ",
        slug="btg-can-tho",
        kind=OrganizationKind.PROPAGANDA_BOARD,
        region=tay_nam_bo,
    )
    return organization_rename(
        by=None,
        organization=board,
        new_name="Ban Tuyên giáo và Dân vận Thành ủy Cần Thơ",
        on=dt.date(2025, 7, 1),
    )


@pytest.fixture
def nghe_an(bac_trung_bo):
    return OrganizationFactory(
        name="Ban Tuyên giáo Tỉnh ủy Nghệ An",
        slug="btg-nghe-an",
        kind=OrganizationKind.PROPAGANDA_BOARD,
        region=bac_trung_bo,
    )


@pytest.fixture
def nghe_an_school(bac_trung_bo):
    return OrganizationFactory(
        name="Trường Chính trị tỉnh Nghệ An",
        slug="tct-nghe-an",
        kind=OrganizationKind.PROVINCIAL_SCHOOL,
        region=bac_trung_bo,
    )


@pytest.fixture
def regulation(academy, can_tho, secretary):
    """The regulation of the academy and the Cần Thơ board: in force since 25/02/2020, two
    directions and four tasks, its interim review held, and a spell under review."""
    lam = person_create(by=None, written_name="PGS,TS Hoàng Phúc Lâm")
    PositionFactory(person=lam, role=Role.DEPUTY_DIRECTOR, organization=academy,
                    start_date=dt.date(2016, 1, 1), end_date=dt.date(2022, 12, 31))  # fmt: skip
    PositionFactory(person=lam, role=Role.DIRECTOR, organization=academy, start_date=dt.date(2023, 1, 1))
    binh = person_create(by=None, written_name="ThS Trần Văn Bình")
    PositionFactory(person=binh, role=Role.HEAD, organization=can_tho, start_date=dt.date(2019, 1, 1))
    signing = EventFactory(
        title="Hội nghị ký kết Quy chế phối hợp",
        slug="ky-ket-quy-che",
        kind=EventKind.SIGNING,
        start_date=dt.date(2020, 2, 25),
        host=academy,
    )
    agreement = AgreementFactory(
        kind=AgreementKind.REGULATION,
        title="Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban Tuyên giáo Thành ủy Cần Thơ",
        slug="quy-che-hv4-can-tho",
        number="01-QC/HVCTKVIV-BTGTU",
        signed_on=dt.date(2020, 2, 25),
        signing_event=signing,
        effective_from=dt.date(2020, 3, 1),
        effective_to=dt.date(2030, 12, 31),
        covers_from=dt.date(2020, 1, 1),
        covers_to=dt.date(2030, 12, 31),
        interim_review_months=18,
        final_review_months=60,
        summary="Phối hợp nghiên cứu, tuyên truyền, đấu tranh phản bác các quan điểm sai trái, thù địch.",
        text="Điều 1. Phạm vi phối hợp.",
        file="agreements/quy-che.pdf",
        legal_documents=[
            LegalDocumentFactory(
                number="35-NQ/TW", title="Về tăng cường bảo vệ nền tảng tư tưởng", slug="nq-35"
            )
        ],
    )
    # The board is entered first, the academy marked lead: the lead is listed first anyway.
    board = AgreementPartyFactory(agreement=agreement, organization=can_tho, signatory=binh, order=0)
    lead = AgreementPartyFactory(
        agreement=agreement, organization=academy, role=PartyRole.LEAD, signatory=lam, order=1
    )
    research = DirectionFactory(agreement=agreement, title="Phối hợp nghiên cứu, tổng kết thực tiễn", order=1)
    outreach = DirectionFactory(
        agreement=agreement, title="Phối hợp tuyên truyền, đấu tranh phản bác", order=2
    )
    TaskFactory(
        direction=research,
        owner=lead,
        title="Tổ chức hội thảo khoa học cấp khu vực",
        due_on=dt.date(2020, 12, 31),
        status=TaskStatus.DONE,
        order=1,
        evidence_events=[
            EventFactory(
                title="Hội thảo bảo vệ nền tảng tư tưởng của Đảng",
                slug="hoi-thao-2020",
                start_date=dt.date(2020, 11, 20),
            )
        ],
        evidence_decisions=[
            DecisionFactory(number="12-QĐ/BCĐ35", title="Quyết định tổ chức hội thảo", slug="qd-12")
        ],
        evidence_note="Kỷ yếu: https://hv4.vn/ky-yeu-2020",
    )
    TaskFactory(direction=research, owner=board, title="Biên soạn tài liệu tham khảo",
                due_on=dt.date(2021, 6, 30), status=TaskStatus.IN_PROGRESS, order=2)  # fmt: skip
    TaskFactory(direction=outreach, owner=board, title="Xây dựng lực lượng cộng tác viên",
                due_on=dt.date(2021, 3, 31), status=TaskStatus.OVERDUE, order=3)  # fmt: skip
    TaskFactory(agreement=agreement, title="Báo cáo kết quả hằng năm", due_on=None,
                status=TaskStatus.DONE, order=4)  # fmt: skip

    agreement = agreement_transition(
        agreement=agreement, to=S.IN_FORCE, by=secretary, at=at(dt.date(2020, 2, 25))
    )
    interim, _final = agreement_schedule_reviews(agreement=agreement)
    interim.held_on = dt.date(2021, 8, 26)
    interim.event = EventFactory(
        title="Hội nghị sơ kết 18 tháng thực hiện Quy chế phối hợp",
        slug="so-ket-18-thang",
        start_date=dt.date(2021, 8, 26),
        host=academy,
    )
    interim.outcome = "Thống nhất bổ sung hai nhiệm vụ."
    interim.report = "agreements/reports/bao-cao-so-ket.pdf"
    interim.revision_decision = DecisionFactory(
        number="15-QĐ/BCĐ35", title="Quyết định sửa đổi Quy chế phối hợp", slug="qd-15"
    )
    interim.save()
    agreement_transition(agreement=agreement, to=S.UNDER_REVIEW, by=secretary, at=at(dt.date(2021, 8, 20)))
    return agreement_transition(agreement=agreement, to=S.IN_FORCE, by=secretary, at=at(dt.date(2021, 9, 1)))


@pytest.fixture
def programmes(nghe_an, nghe_an_school):
    """Three programmes of the Nghệ An board and school, each replacing the one before; the
    latest under review."""
    parties = [nghe_an, nghe_an_school]
    first = agreement_in_force(parties=parties, kind=AgreementKind.PROGRAMME, number="",
                               title="Chương trình phối hợp giai đoạn 2020-2022", slug="ctph-2020",
                               signed_on=dt.date(2020, 3, 1))  # fmt: skip
    second = agreement_in_force(parties=parties, kind=AgreementKind.PROGRAMME, number="02-CTr/BTG-TCT",
                                title="Chương trình phối hợp giai đoạn 2023-2024", slug="ctph-2023",
                                signed_on=dt.date(2023, 1, 10))  # fmt: skip
    agreement_supersede(agreement=second, previous=first, by=None)
    third = agreement_in_force(parties=parties, kind=AgreementKind.PROGRAMME, number="05-CTr/BTG-TCT",
                               title="Chương trình phối hợp năm 2025", slug="ctph-2025",
                               signed_on=dt.date(2025, 1, 15),
                               effective_from=dt.date(2025, 1, 15))  # fmt: skip
    agreement_supersede(agreement=third, previous=second, by=None)
    third = agreement_transition(agreement=third, to=S.UNDER_REVIEW, by=None)
    return {"first": first, "second": second, "third": third}


@pytest.fixture
def listed(regulation, programmes, academy, nghe_an):
    """Besides the regulation and the programmes: an expired plan and a draft."""
    plan = agreement_in_force(parties=[nghe_an, academy], kind=AgreementKind.PLAN, number="",
                              title="Kế hoạch phối hợp tuyên truyền năm 2022", slug="ke-hoach-2022",
                              signed_on=dt.date(2022, 1, 5), effective_from=dt.date(2022, 1, 5),
                              effective_to=dt.date(2022, 12, 31))  # fmt: skip
    agreement_transition(agreement=plan, to=S.EXPIRED, by=None)
    AgreementFactory(parties=[academy, nghe_an], title="Dự thảo quy chế phối hợp mới", slug="du-thao")
    return {"regulation": regulation, "plan": plan, **programmes}


# --- Navigation ------------------------------------------------------------------------


def test_every_page_links_the_agreements_in_the_main_navigation(client):
    page = html_of(client.get("/"))
    nav = page[page.index('<nav class="site-nav"') : page.index("</nav>")]

    assert '<a href="/phoi-hop/">Phối hợp</a>' in nav
    assert '<a href="/phoi-hop/" aria-current="page">Phối hợp</a>' in html_of(client.get("/phoi-hop/"))


# --- List ------------------------------------------------------------------------------


def test_list_shows_agreements_in_force_then_past_ones_latest_signed_first(client, listed):
    text = text_of(client.get("/phoi-hop/"))

    assert text[text.index("Đang có hiệu lực Chương trình") :] == (
        "Đang có hiệu lực "
        "Chương trình phối hợp Chương trình phối hợp năm 2025 Đang sơ kết, tổng kết "
        "Số, ký hiệu 05-CTr/BTG-TCT Ngày ký 15/01/2025 Hiệu lực từ 15/01/2025, không xác định thời hạn "
        "Các bên tham gia Ban Tuyên giáo Tỉnh ủy Nghệ An (chủ trì); Trường Chính trị tỉnh Nghệ An "
        "Quy chế phối hợp "
        "Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban Tuyên giáo Thành ủy Cần Thơ "
        "Đang có hiệu lực Số, ký hiệu 01-QC/HVCTKVIV-BTGTU Ngày ký 25/02/2020 "
        "Hiệu lực 01/03/2020 – 31/12/2030 "
        "Các bên tham gia Học viện Chính trị khu vực IV (chủ trì); Ban Tuyên giáo Thành ủy Cần Thơ "
        "Đã được thay thế, hết hiệu lực hoặc chấm dứt "
        "Chương trình phối hợp Chương trình phối hợp giai đoạn 2023-2024 Đã được thay thế "
        "Số, ký hiệu 02-CTr/BTG-TCT Ngày ký 10/01/2023 "
        "Các bên tham gia Ban Tuyên giáo Tỉnh ủy Nghệ An (chủ trì); Trường Chính trị tỉnh Nghệ An "
        "Kế hoạch phối hợp Kế hoạch phối hợp tuyên truyền năm 2022 Hết hiệu lực "
        "Ngày ký 05/01/2022 Hiệu lực 05/01/2022 – 31/12/2022 "
        "Các bên tham gia Ban Tuyên giáo Tỉnh ủy Nghệ An (chủ trì); Học viện Chính trị khu vực IV "
        "Chương trình phối hợp Chương trình phối hợp giai đoạn 2020-2022 Đã được thay thế "
        "Ngày ký 01/03/2020 "
        "Các bên tham gia Ban Tuyên giáo Tỉnh ủy Nghệ An (chủ trì); Trường Chính trị tỉnh Nghệ An"
    )


def test_list_links_each_agreement_page_and_never_shows_drafts(client, listed):
    response = client.get("/phoi-hop/")

    assert listed_titles(response) == [
        "Chương trình phối hợp năm 2025",
        "Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban Tuyên giáo Thành ủy Cần Thơ",
        "Chương trình phối hợp giai đoạn 2023-2024",
        "Kế hoạch phối hợp tuyên truyền năm 2022",
        "Chương trình phối hợp giai đoạn 2020-2022",
    ]
    assert '<a href="/phoi-hop/quy-che-hv4-can-tho/">Quy chế phối hợp giữa' in html_of(response)
    assert "Dự thảo" not in html_of(response)


def test_past_agreements_are_folded_unless_nothing_is_in_force(client, listed):
    assert '<details class="agreement-section agreement-section--past">' in html_of(client.get("/phoi-hop/"))
    assert '<details class="agreement-section agreement-section--past" open>' in html_of(
        client.get("/phoi-hop/", {"loai": AgreementKind.PLAN})
    )


def test_list_without_agreements_says_so(client):
    text = text_of(client.get("/phoi-hop/"))

    assert "Đang có hiệu lực Chưa có văn bản phối hợp nào đang có hiệu lực." in text
    assert "Đã được thay thế" not in text


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        (
            {"loai": "programme"},
            ["Chương trình phối hợp năm 2025", "Chương trình phối hợp giai đoạn 2023-2024",
             "Chương trình phối hợp giai đoạn 2020-2022"],
        ),
        ({"loai": "plan"}, ["Kế hoạch phối hợp tuyên truyền năm 2022"]),
        (
            {"khu_vuc": "tay-nam-bo"},
            ["Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban Tuyên giáo Thành ủy Cần Thơ",
             "Kế hoạch phối hợp tuyên truyền năm 2022"],
        ),
        ({"khu_vuc": "bac-trung-bo", "loai": "plan"}, ["Kế hoạch phối hợp tuyên truyền năm 2022"]),
        ({"khu_vuc": "tay-nam-bo", "loai": "programme"}, []),
    ],
)  # fmt: skip
def test_list_filters_give_exactly_the_matching_agreements(client, listed, query, titles):
    assert listed_titles(client.get("/phoi-hop/", query)) == titles


def test_a_filter_matching_nothing_in_force_says_so(client, listed):
    text = text_of(client.get("/phoi-hop/", {"khu_vuc": "tay-nam-bo", "loai": "programme"}))

    assert "Không có văn bản phối hợp đang có hiệu lực nào khớp với bộ lọc." in text
    assert '<a href="/phoi-hop/">Bỏ lọc</a>' in html_of(client.get("/phoi-hop/", {"loai": "plan"}))


def test_region_filter_offers_only_regions_of_parties_to_public_agreements(client, listed):
    RegionFactory(name="Tây Nguyên", slug="tay-nguyen")
    southeast = RegionFactory(name="Đông Nam Bộ", slug="dnb")
    AgreementFactory(parties=[OrganizationFactory(region=southeast), OrganizationFactory(region=southeast)])

    page = html_of(client.get("/phoi-hop/"))

    assert re.findall(r'<option value="([^"]*)"', page[page.index('name="khu_vuc"') :]) == [
        "",
        "bac-trung-bo",
        "tay-nam-bo",
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"loai": "nghi-quyet"}, "Hãy chọn một loại văn bản phối hợp trong danh sách."),
        ({"khu_vuc": "khong-co"}, "Hãy chọn khu vực trong danh sách."),
    ],
)
def test_a_bad_filter_value_is_a_translated_form_error_not_a_server_error(client, listed, query, message):
    response = client.get("/phoi-hop/", query)
    text = text_of(response)

    assert message in text
    assert "Hãy sửa bộ lọc ở trên để xem các văn bản phối hợp." in text
    assert listed_titles(response) == []


def list_with(rows: int) -> None:
    """`rows` agreements in force and `rows` expired, each with a lead and `rows` other parties
    renamed since, and a draft."""
    region = RegionFactory()
    for _index in range(rows):
        for expired in (False, True):
            parties = OrganizationFactory.create_batch(rows + 1, region=region)
            for organization in parties:
                organization_rename(by=None, organization=organization, new_name=f"{organization.name} mới",
                                    on=dt.date(2025, 7, 1))  # fmt: skip
            agreement = agreement_in_force(parties=parties)
            if expired:
                agreement_transition(agreement=agreement, to=S.EXPIRED, by=None)
    AgreementFactory(parties=OrganizationFactory.create_batch(2, region=region))


@ROW_COUNTS
def test_list_query_count_does_not_grow_with_agreements_or_parties(client, django_assert_num_queries, rows):
    list_with(rows)

    # The regions and parties of the filter (then cached); how many agreements; a page of them;
    # their parties with organisations; former names.
    with django_assert_num_queries(6):
        response = client.get("/phoi-hop/")

    assert len(listed_titles(response)) == 2 * rows
    listed = text_of(response).split("Đang có hiệu lực", 1)[1]  # after the filter's current names
    assert " mới" not in listed  # the parties are named as on the signing date


@ROW_COUNTS
def test_filtered_list_query_count_does_not_grow(client, django_assert_num_queries, rows):
    list_with(rows)
    slug = Region.objects.get().slug

    with django_assert_num_queries(6):
        response = client.get("/phoi-hop/", {"khu_vuc": slug, "loai": "regulation"})

    assert len(listed_titles(response)) == 2 * rows


@ROW_COUNTS
def test_list_with_a_bad_filter_reads_only_the_filters_choices(client, django_assert_num_queries, rows):
    list_with(rows)

    with django_assert_num_queries(2):
        response = client.get("/phoi-hop/", {"loai": "abc"})

    assert response.status_code == 200


# --- Agreement page --------------------------------------------------------------------


def test_agreement_page_shows_its_facts_parties_and_signatories_of_the_signing_date(client, regulation):
    text = text_of(client.get("/phoi-hop/quy-che-hv4-can-tho/"))

    assert (
        "Quy chế phối hợp "
        "Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban Tuyên giáo Thành ủy Cần Thơ "
        "01-QC/HVCTKVIV-BTGTU · Đang có hiệu lực "
        "Loại Quy chế phối hợp Số, ký hiệu 01-QC/HVCTKVIV-BTGTU Tình trạng Đang có hiệu lực "
        "Ngày ký 25/02/2020 Sự kiện ký kết Hội nghị ký kết Quy chế phối hợp "
        "Hiệu lực 01/03/2020 – 31/12/2030 Thời kỳ thực hiện 01/01/2020 – 31/12/2030 "
        "Các bên tham gia "
        "Học viện Chính trị khu vực IV Chủ trì "
        "Người ký: PGS, TS Hoàng Phúc Lâm, Phó Giám đốc Học viện Chính trị khu vực IV "
        "Ban Tuyên giáo Thành ủy Cần Thơ Phối hợp "
        "Người ký: ThS Trần Văn Bình, Trưởng Ban Tuyên giáo Thành ủy Cần Thơ "
        "Tóm tắt Phối hợp nghiên cứu, tuyên truyền, đấu tranh phản bác các quan điểm sai trái, thù địch. "
        "Toàn văn Điều 1. Phạm vi phối hợp. "
        "Văn bản triển khai thực hiện Nghị quyết 35-NQ/TW Về tăng cường bảo vệ nền tảng tư tưởng"
    ) in text


def test_agreement_page_links_parties_signatories_documents_and_the_file(client, regulation, academy):
    page = html_of(client.get(regulation.get_absolute_url()))
    lam = regulation.parties.get(role=PartyRole.LEAD).signatory

    assert '<a class="party__name" href="/to-chuc/hv4/">Học viện Chính trị khu vực IV</a>' in page
    assert f'<a href="{lam.get_absolute_url()}">PGS, TS Hoàng Phúc Lâm, Phó Giám đốc' in page
    assert '<a href="/van-ban/van-kien/nq-35/">Nghị quyết 35-NQ/TW</a>' in page
    assert '<a href="/su-kien/ky-ket-quy-che/">Hội nghị ký kết Quy chế phối hợp</a>' in page
    assert (
        '<a class="button" href="/media/agreements/quy-che.pdf" type="application/pdf">Tải tệp PDF</a>'
    ) in page


def test_agreement_page_lists_directions_with_their_tasks_owners_due_dates_and_evidence(client, regulation):
    text = text_of(client.get(regulation.get_absolute_url()))

    assert (
        "Phương hướng, nhiệm vụ 2/4 nhiệm vụ đã hoàn thành "
        "Đang thực hiện 1 Đã hoàn thành 2 Quá hạn 1 "
        "Phối hợp nghiên cứu, tổng kết thực tiễn "
        "Tổ chức hội thảo khoa học cấp khu vực Đã hoàn thành "
        "Đơn vị chủ trì: Học viện Chính trị khu vực IV · Thời hạn: 31/12/2020 "
        "Minh chứng: Hội thảo bảo vệ nền tảng tư tưởng của Đảng 20/11/2020 "
        "12-QĐ/BCĐ35: Quyết định tổ chức hội thảo Kỷ yếu: https://hv4.vn/ky-yeu-2020 "
        "Biên soạn tài liệu tham khảo Đang thực hiện "
        "Đơn vị chủ trì: Ban Tuyên giáo Thành ủy Cần Thơ · Thời hạn: 30/06/2021 "
        "Phối hợp tuyên truyền, đấu tranh phản bác "
        "Xây dựng lực lượng cộng tác viên Quá hạn "
        "Đơn vị chủ trì: Ban Tuyên giáo Thành ủy Cần Thơ · Thời hạn: 31/03/2021 "
        "Nhiệm vụ khác Báo cáo kết quả hằng năm Đã hoàn thành "
        "Ký kết, sơ kết, tổng kết"
    ) in text


def test_task_evidence_links_the_event_and_decision_pages(client, regulation):
    page = html_of(client.get(regulation.get_absolute_url()))

    assert '<a href="/su-kien/hoi-thao-2020/">Hội thảo bảo vệ nền tảng tư tưởng của Đảng</a>' in page
    assert '<a href="/van-ban/quyet-dinh/qd-12/">12-QĐ/BCĐ35: Quyết định tổ chức hội thảo</a>' in page
    assert '<a href="https://hv4.vn/ky-yeu-2020" rel="nofollow">https://hv4.vn/ky-yeu-2020</a>' in page
    assert '<span class="badge badge--task-overdue">Quá hạn</span>' in page


def test_review_history_lists_the_signing_then_reviews_in_date_order_with_links(client, regulation):
    response = client.get(regulation.get_absolute_url())
    text = text_of(response)
    page = html_of(response)

    assert (
        "Ký kết, sơ kết, tổng kết "
        "Ký kết 25/02/2020 Sự kiện: Hội nghị ký kết Quy chế phối hợp "
        "Sơ kết Thời hạn: 25/08/2021 · Ngày tổ chức: 26/08/2021 "
        "Sự kiện: Hội nghị sơ kết 18 tháng thực hiện Quy chế phối hợp "
        "Thống nhất bổ sung hai nhiệm vụ. "
        "Báo cáo sơ kết, tổng kết "
        "Quyết định sửa đổi: 15-QĐ/BCĐ35: Quyết định sửa đổi Quy chế phối hợp "
        "Tổng kết Thời hạn: 25/02/2025 · Chưa tổ chức"
    ) in text
    assert '<a href="/su-kien/so-ket-18-thang/">Hội nghị sơ kết 18 tháng' in page
    assert 'Sự kiện: <a href="/su-kien/ky-ket-quy-che/">' in page
    assert '<a href="/media/agreements/reports/bao-cao-so-ket.pdf">Báo cáo sơ kết, tổng kết</a>' in page
    assert '<a href="/van-ban/quyet-dinh/qd-15/">15-QĐ/BCĐ35: Quyết định sửa đổi' in page


def test_status_history_gives_dates_and_statuses_but_no_user(client, regulation, secretary):
    text = text_of(client.get(regulation.get_absolute_url()))

    assert (
        "Lịch sử tình trạng "
        "25/02/2020: Dự thảo → Đang có hiệu lực "
        "20/08/2021: Đang có hiệu lực → Đang sơ kết, tổng kết "
        "01/09/2021: Đang sơ kết, tổng kết → Đang có hiệu lực"
    ) in text
    assert "thuky" not in text
    assert "Thư Ký" not in text


def test_agreement_page_shows_the_chain_of_revisions_both_ways_with_links(client, programmes):
    middle = text_of(client.get("/phoi-hop/ctph-2023/"))
    middle_page = html_of(client.get("/phoi-hop/ctph-2023/"))

    assert (
        "Thay thế cho Chương trình phối hợp giai đoạn 2020-2022 (ký ngày 01/03/2020) "
        "Được thay thế bởi Chương trình phối hợp năm 2025 (05-CTr/BTG-TCT, ký ngày 15/01/2025)"
    ) in middle
    assert (
        "Quá trình sửa đổi, thay thế "
        "Chương trình phối hợp giai đoạn 2020-2022 (ký ngày 01/03/2020) "
        "Chương trình phối hợp giai đoạn 2023-2024 (văn bản này) "
        "Chương trình phối hợp năm 2025 (05-CTr/BTG-TCT, ký ngày 15/01/2025)"
    ) in middle
    assert "Văn bản này đã được thay thế. Văn bản mới nhất: Chương trình phối hợp năm 2025" in middle
    assert '<dd><a href="/phoi-hop/ctph-2020/">Chương trình phối hợp giai đoạn 2020-2022</a>' in middle_page
    assert '<dd><a href="/phoi-hop/ctph-2025/">Chương trình phối hợp năm 2025</a>' in middle_page


def test_the_whole_chain_is_shown_from_either_end(client, programmes):
    chain = (
        "Quá trình sửa đổi, thay thế "
        "Chương trình phối hợp giai đoạn 2020-2022{first} "
        "Chương trình phối hợp giai đoạn 2023-2024{second} "
        "Chương trình phối hợp năm 2025{third}"
    )
    first = text_of(client.get("/phoi-hop/ctph-2020/"))
    third = text_of(client.get("/phoi-hop/ctph-2025/"))

    assert chain.format(
        first=" (văn bản này)", second=" (02-CTr/BTG-TCT, ký ngày 10/01/2023)",
        third=" (05-CTr/BTG-TCT, ký ngày 15/01/2025)",
    ) in first  # fmt: skip
    assert "Được thay thế bởi Chương trình phối hợp giai đoạn 2023-2024" in first
    assert "Thay thế cho" not in first
    assert "Văn bản mới nhất: Chương trình phối hợp năm 2025" in first
    assert (
        chain.format(
            first=" (ký ngày 01/03/2020)",
            second=" (02-CTr/BTG-TCT, ký ngày 10/01/2023)",
            third=" (văn bản này)",
        )
        in third
    )
    assert "Thay thế cho Chương trình phối hợp giai đoạn 2023-2024" in third
    assert "Được thay thế bởi" not in third


def test_a_draft_that_will_replace_an_agreement_is_not_shown_in_its_chain(client, programmes):
    draft = AgreementFactory(parties=[OrganizationFactory(), OrganizationFactory()], title="Dự thảo 2026")
    draft.supersedes = programmes["third"]  # as the admin form records it, before coming into force
    draft.full_clean()
    draft.save()

    text = text_of(client.get("/phoi-hop/ctph-2020/"))

    assert "Dự thảo 2026" not in text
    assert "Được thay thế bởi" not in text_of(client.get("/phoi-hop/ctph-2025/"))


def test_a_chain_longer_than_the_limit_is_cut_at_the_limit(client, nghe_an, nghe_an_school):
    versions = []
    for index in range(CHAIN_LIMIT + 3):
        version = agreement_in_force(parties=[nghe_an, nghe_an_school], title=f"Phiên bản {index:02}")
        if versions:
            agreement_supersede(agreement=version, previous=versions[-1], by=None)
        versions.append(version)

    page = html_of(client.get(versions[0].get_absolute_url()))

    assert len(re.findall(r'<li><a href="/phoi-hop/[^"]+/">Phiên bản', page)) == CHAIN_LIMIT
    assert f"Phiên bản {CHAIN_LIMIT:02}" in page
    assert f"Phiên bản {CHAIN_LIMIT + 1:02}" not in page


def test_an_agreement_without_tasks_reviews_or_file_says_so(client, nghe_an, nghe_an_school):
    agreement = agreement_in_force(parties=[nghe_an, nghe_an_school], signed_on=None, number="")

    text = text_of(client.get(agreement.get_absolute_url()))

    assert "Chưa rõ ngày, số hiệu" in text
    assert "Số, ký hiệu" not in text
    assert "Ngày ký" not in text
    assert "không rõ" not in text
    assert "Phương hướng, nhiệm vụ Chưa ghi nhận nhiệm vụ nào của văn bản này." in text
    assert "Ký kết Chưa có lịch sơ kết, tổng kết của văn bản này." in text
    assert "Văn bản này chưa có tệp đính kèm." in text


def test_a_draft_abandoned_is_never_public_but_an_agreement_ended_is(client, academy, nghe_an):
    abandoned = AgreementFactory(parties=[academy, nghe_an], title="Dự thảo bị hủy bỏ", slug="du-thao-huy")
    agreement_transition(agreement=abandoned, to=S.TERMINATED, by=None)
    ended = agreement_in_force(parties=[academy, nghe_an], title="Quy chế đã chấm dứt", slug="qc-cham-dut")
    agreement_transition(agreement=ended, to=S.TERMINATED, by=None)

    assert client.get("/phoi-hop/du-thao-huy/").status_code == 404
    assert client.get("/phoi-hop/qc-cham-dut/").status_code == 200
    assert listed_titles(client.get("/phoi-hop/")) == ["Quy chế đã chấm dứt"]
    assert "Dự thảo bị hủy bỏ" not in text_of(client.get(academy.get_absolute_url()))


def test_a_draft_agreement_is_a_404(client, academy, nghe_an):
    draft = AgreementFactory(parties=[academy, nghe_an], slug="du-thao")

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_unknown_agreement_is_a_404(client):
    assert client.get("/phoi-hop/khong-co/").status_code == 404


def agreement_with(rows: int, *, revised: bool = True):
    """An agreement between `rows` + 1 parties (renamed since, each signatory with a position),
    with `rows` directions, 2 × `rows` tasks with evidence, `rows` reviews held at events,
    documents and events; when `revised`, between an earlier and a later version."""
    agreement = AgreementFactory(
        signing_event=EventFactory(),
        legal_documents=LegalDocumentFactory.create_batch(rows),
        events=EventFactory.create_batch(rows),
    )
    for index in range(rows + 1):
        organization = OrganizationFactory()
        organization_rename(by=None, organization=organization, new_name="Tên mới", on=dt.date(2025, 7, 1))
        signatory = person_create(by=None, written_name=f"TS Lê Văn {index}")
        PositionFactory(person=signatory, organization=organization, role=Role.DIRECTOR)
        AgreementPartyFactory(agreement=agreement, organization=organization, signatory=signatory,
                              role=PartyRole.LEAD if index == 0 else PartyRole.MEMBER)  # fmt: skip
    owner = agreement.parties.first()
    for _index in range(rows):
        direction = DirectionFactory(agreement=agreement)
        TaskFactory(direction=direction, owner=owner, status=TaskStatus.DONE,
                    evidence_events=[EventFactory()], evidence_decisions=[DecisionFactory()])  # fmt: skip
        TaskFactory(agreement=agreement)
        MilestoneFactory(agreement=agreement, event=EventFactory(), revision_decision=DecisionFactory())
    agreement = agreement_transition(agreement=agreement, to=S.IN_FORCE, by=None)
    if revised:
        agreement_supersede(agreement=agreement, previous=agreement_in_force(), by=None)
        agreement_supersede(agreement=agreement_in_force(), previous=agreement, by=None)
    return agreement


@ROW_COUNTS
def test_agreement_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    agreement = agreement_with(rows)

    # Agreement; its signing event if public; parties with their organisations and signatories;
    # the organisations' former names; the signatories' positions and their organisations'
    # former names; documents; directions; tasks, their public events and decisions; reviews
    # with decisions, then their public events; status changes; related public events; the
    # chain of revisions: both neighbours, then the successor of the later one (two); the news
    # about it (portal/news/panels.py).
    with django_assert_num_queries(18 + 1):  # + 1: the sources
        response = client.get(agreement.get_absolute_url())

    text = text_of(response)
    assert f"{rows}/{2 * rows} nhiệm vụ đã hoàn thành" in text
    assert text.count(", Giám đốc Học viện Chính trị khu vực") == rows + 1
    assert text.count("Sơ kết Thời hạn: 25/08/2021") == rows
    assert "Tên mới" not in text


def test_a_never_revised_agreement_reads_its_chain_in_one_query(client, django_assert_num_queries):
    agreement = agreement_with(1, revised=False)

    # The 18 of a revised agreement (above) less the chain's second step.
    with django_assert_num_queries(17 + 1):  # + 1: the sources
        response = client.get(agreement.get_absolute_url())

    assert "Quá trình sửa đổi, thay thế" not in text_of(response)


# --- What the event and organisation pages show of agreements ----------------------------


def test_event_page_lists_the_agreement_signed_there(client, regulation):
    text = text_of(client.get("/su-kien/ky-ket-quy-che/"))

    assert (
        "Quy chế, chương trình phối hợp "
        "Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban Tuyên giáo Thành ủy Cần Thơ "
        "Đang có hiệu lực Quy chế phối hợp 01-QC/HVCTKVIV-BTGTU · ký kết tại sự kiện này"
    ) in text
    assert '<a href="/phoi-hop/quy-che-hv4-can-tho/">Quy chế phối hợp giữa' in html_of(
        client.get("/su-kien/ky-ket-quy-che/")
    )


def test_event_page_lists_the_agreement_reviewed_there_and_those_it_was_held_under(client, regulation):
    review = regulation.milestones.get(kind="interim_review").event
    regulation.events.add(review)
    programme = agreement_in_force(title="Chương trình phối hợp năm 2021", kind=AgreementKind.PROGRAMME,
                                   number="", signed_on=dt.date(2021, 1, 4), events=[review])  # fmt: skip
    AgreementFactory(parties=[OrganizationFactory(), OrganizationFactory()], title="Dự thảo", events=[review])

    text = text_of(client.get(review.get_absolute_url()))

    assert (
        "Quy chế, chương trình phối hợp "
        f"{programme.title} Đang có hiệu lực Chương trình phối hợp · hoạt động thực hiện văn bản "
        f"{regulation.title} Đang có hiệu lực Quy chế phối hợp 01-QC/HVCTKVIV-BTGTU · sơ kết tại sự kiện này"
    ) in text
    assert "Dự thảo" not in text


def test_event_page_without_agreements_has_no_such_section(client, academy):
    event = EventFactory(host=academy)

    assert "Quy chế, chương trình phối hợp" not in text_of(client.get(event.get_absolute_url()))


def test_organisation_page_lists_the_agreements_it_is_a_party_to(client, listed, can_tho, nghe_an):
    board = text_of(client.get(can_tho.get_absolute_url()))
    nghe_an_text = text_of(client.get(nghe_an.get_absolute_url()))

    assert (
        "Quy chế, chương trình phối hợp "
        "Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban Tuyên giáo Thành ủy Cần Thơ "
        "Đang có hiệu lực Quy chế phối hợp 01-QC/HVCTKVIV-BTGTU · ký ngày 25/02/2020 · vai trò: phối hợp"
    ) in board
    assert (
        "Quy chế, chương trình phối hợp "
        "Chương trình phối hợp năm 2025 Đang sơ kết, tổng kết "
        "Chương trình phối hợp 05-CTr/BTG-TCT · ký ngày 15/01/2025 · vai trò: chủ trì "
        "Chương trình phối hợp giai đoạn 2023-2024 Đã được thay thế "
        "Chương trình phối hợp 02-CTr/BTG-TCT · ký ngày 10/01/2023 · vai trò: chủ trì "
        "Kế hoạch phối hợp tuyên truyền năm 2022 Hết hiệu lực "
        "Kế hoạch phối hợp · ký ngày 05/01/2022 · vai trò: chủ trì "
        "Chương trình phối hợp giai đoạn 2020-2022 Đã được thay thế "
        "Chương trình phối hợp · ký ngày 01/03/2020 · vai trò: chủ trì"
    ) in nghe_an_text
    assert "Dự thảo" not in nghe_an_text


def test_organisation_page_without_agreements_has_no_such_section(client, academy):
    assert "Quy chế, chương trình phối hợp" not in text_of(client.get(academy.get_absolute_url()))


@ROW_COUNTS
def test_event_and_organisation_pages_read_their_agreements_in_one_query(
    client, django_assert_num_queries, rows
):
    organization = OrganizationFactory()
    event = EventFactory()
    for _index in range(rows):
        agreement_in_force(parties=[organization, OrganizationFactory()], signing_event=event)
        reviewed = agreement_in_force()
        MilestoneFactory(agreement=reviewed, event=event)
        agreement_in_force(events=[event])

    # The event page's 13 and one for news (tests/events/test_views.py) and the organisation
    # page's 7 and one each for its events and news (tests/committees/test_views.py), and one
    # for agreements.
    with django_assert_num_queries(13 + 1 + 1 + 1):  # + 1: the sources
        event_page = client.get(event.get_absolute_url())
    with django_assert_num_queries(7 + 1 + 1 + 1 + 1):  # + 1: the sources
        organization_page = client.get(organization.get_absolute_url())

    assert text_of(event_page).count("· ký kết tại sự kiện này") == rows
    assert text_of(event_page).count("· sơ kết tại sự kiện này") == rows
    assert text_of(event_page).count("· hoạt động thực hiện văn bản") == rows
    assert text_of(organization_page).count("· vai trò: chủ trì") == rows


def test_legal_document_page_lists_the_public_agreements_implementing_it(client):
    resolution = LegalDocumentFactory(slug="nghi-quyet-35")
    agreement_in_force(
        title="Quy chế phối hợp năm 2020", number="01-QC/HV", signed_on=dt.date(2020, 2, 25),
        legal_documents=[resolution],
    )  # fmt: skip
    agreement_in_force(
        title="Chương trình phối hợp năm 2023", kind=AgreementKind.PROGRAMME, number="",
        signed_on=dt.date(2023, 1, 10), legal_documents=[resolution],
    )  # fmt: skip
    AgreementFactory(parties=[OrganizationFactory(), OrganizationFactory()], title="Dự thảo",
                     legal_documents=[resolution])  # fmt: skip

    text = text_of(client.get("/van-ban/van-kien/nghi-quyet-35/"))

    assert (
        "Các quy chế, chương trình phối hợp triển khai văn bản này "
        "Chương trình phối hợp năm 2023 Đang có hiệu lực Chương trình phối hợp · ký ngày 10/01/2023 "
        "Quy chế phối hợp năm 2020 Đang có hiệu lực Quy chế phối hợp 01-QC/HV · ký ngày 25/02/2020"
    ) in text
    assert "Dự thảo" not in text


@ROW_COUNTS
def test_legal_document_page_reads_its_decisions_events_and_agreements_in_one_query_each(
    client, django_assert_num_queries, rows
):
    document = LegalDocumentFactory()
    for _index in range(rows):
        DecisionFactory().legal_documents.add(document)
        EventFactory(legal_documents=[document])
        agreement_in_force(legal_documents=[document])

    # The document, its decisions, its events (events/panels.py), its agreements, its sources.
    with django_assert_num_queries(4 + 1):
        response = client.get(document.get_absolute_url())

    text = text_of(response)
    assert text.count("Quyết định thành lập Tổ") == rows
    assert text.count("Hội nghị Ban Chỉ đạo 35 số") == rows
    assert text.count("Đang có hiệu lực") == rows


# --- An agreement past its end ---------------------------------------------------------


@pytest.fixture
def programme_2025(nghe_an, nghe_an_school):
    """Article 003's programme "năm 2025": in force from its signing, its period covered the
    year 2025, no other end; nobody recorded its expiry."""
    return agreement_in_force(parties=[nghe_an, nghe_an_school], kind=AgreementKind.PROGRAMME,
                              title="Chương trình phối hợp năm 2025", slug="ctph-2025",
                              signed_on=dt.date(2024, 11, 19), covers_from=dt.date(2025, 1, 1),
                              covers_to=dt.date(2025, 12, 31))  # fmt: skip


def test_a_programme_whose_period_covered_has_ended_reads_expired_everywhere(client, programme_2025, nghe_an):
    detail = text_of(client.get(programme_2025.get_absolute_url()))
    listing = client.get("/phoi-hop/")
    panel = text_of(client.get(nghe_an.get_absolute_url()))

    assert programme_2025.status == AgreementStatus.IN_FORCE  # the daily job has not run
    assert "Tình trạng Hết hiệu lực " in detail
    assert "Hiệu lực đến 31/12/2025 Thời kỳ thực hiện 01/01/2025 – 31/12/2025" in detail
    assert "Đang có hiệu lực" not in detail.replace("Dự thảo → Đang có hiệu lực", "")  # but its history
    assert "Dự thảo → Đang có hiệu lực Sau ngày 31/12/2025 (hết thời hạn): Hết hiệu lực" in detail
    assert listed_titles(listing) == ["Chương trình phối hợp năm 2025"]
    assert "Chưa có văn bản phối hợp nào đang có hiệu lực." in text_of(listing)
    assert '<span class="badge badge--agreement-expired">Hết hiệu lực</span>' in html_of(listing)
    assert "Chương trình phối hợp năm 2025 Hết hiệu lực Chương trình phối hợp" in panel


def test_a_programme_is_in_force_on_the_last_day_of_its_period(client, nghe_an, nghe_an_school):
    today = timezone.localdate()
    agreement = agreement_in_force(parties=[nghe_an, nghe_an_school], kind=AgreementKind.PROGRAMME,
                                   title="Chương trình phối hợp", slug="ctph", covers_to=today)  # fmt: skip

    detail = text_of(client.get(agreement.get_absolute_url()))

    assert "Tình trạng Đang có hiệu lực " in detail
    assert f"Hiệu lực đến {today:%d/%m/%Y}" in detail


def test_an_agreement_in_force_with_no_end_date_says_so(client, nghe_an, nghe_an_school):
    open_ended = agreement_in_force(parties=[nghe_an, nghe_an_school], title="Quy chế phối hợp",
                                    slug="qc", effective_from=dt.date(2020, 3, 1))  # fmt: skip
    undated = agreement_in_force(parties=[nghe_an, nghe_an_school], title="Quy chế khác", slug="qc-khac")

    assert "Hiệu lực từ 01/03/2020, không xác định thời hạn" in text_of(
        client.get(open_ended.get_absolute_url())
    )
    assert "Hiệu lực không xác định thời hạn" in text_of(client.get(undated.get_absolute_url()))
