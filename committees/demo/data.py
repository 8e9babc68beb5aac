"""The registry's demo tables: every row cites the source article that states it (see the
package's docstring for the rules)."""

import datetime as dt
from typing import NamedTuple

from committees.models import (
    DecisionKind,
    LegalDocumentType,
    OrganizationKind,
    ProvinceKind,
    Role,
    TeamKind,
)
from portal.sources.seeds import SEEDS

TAY_NAM_BO, BAC_TRUNG_BO, NAM_BO = "tay-nam-bo", "bac-trung-bo", "nam-bo"
NGHE_AN, HCM_CITY = "nghe-an", "thanh-pho-ho-chi-minh"
HV = "hoc-vien-chinh-tri-quoc-gia-ho-chi-minh"
KV1 = "hoc-vien-chinh-tri-khu-vuc-i"
KV2 = "hoc-vien-chinh-tri-khu-vuc-ii"
KV4 = "hoc-vien-chinh-tri-khu-vuc-iv"
TNB_BOARDS = "ban-tuyen-giao-cac-tinh-thanh-uy-khu-vuc-tay-nam-bo"
NA_PARTY = "dang-bo-tinh-nghe-an"
NA_BOARD = "ban-tuyen-giao-tinh-uy-nghe-an"
NA_SCHOOL = "truong-chinh-tri-tinh-nghe-an"
QK4 = "quan-khu-4"


def party(slug: str) -> str:
    """Slug of the Party committee (Đảng ủy) of an academy or school."""
    return f"dang-uy-{slug}"


def bcd(slug: str) -> str:
    """Slug of an academy's Ban Chỉ đạo 35."""
    return f"ban-chi-dao-35-{slug}"


class Org(NamedTuple):
    slug: str
    name: str
    kind: str
    parent: str | None = None
    short_name: str = ""  # how title lines name a Party committee or unit inside its parent
    region: str | None = None
    province: str | None = None
    order: int = 0
    description: str = ""
    src: tuple = ()  # the source articles stating it ("000" … "004"), cited by the loader


class Dec(NamedTuple):
    slug: str
    kind: str
    title: str
    committee: str | None = None  # the issuing committee's organisation…
    organization: str | None = None  # …or the issuing organisation
    summary: str = ""
    src: tuple = ()  # the source articles stating it ("000" … "004"), cited by the loader


class Tm(NamedTuple):
    committee: str  # the committee's organisation
    name: str
    kind: str
    order: int
    founding_decision: str | None = None
    description: str = ""
    src: tuple = ()  # the source articles stating it ("000" … "004"), cited by the loader


class Pos(NamedTuple):
    person: str  # full name
    role: str
    body: str  # an organisation's slug or a committee's slug
    order: int
    title: str = ""  # the wording, for Role.OTHER
    in_title_line: bool = True
    src: tuple = ()  # the source articles stating it ("000" … "004"), cited by the loader


K, R = OrganizationKind, Role
HV_NAME = "Học viện Chính trị quốc gia Hồ Chí Minh"
VU_QLKH, VP_HV, CQDD = f"vu-quan-ly-khoa-hoc-{HV}", f"van-phong-{HV}", f"co-quan-dai-dien-phia-nam-{HV}"
BAN_QLKH = f"ban-quan-ly-khoa-hoc-va-hop-tac-quoc-te-{KV2}"
BAN_TCCB, CDCS_KV2 = f"ban-to-chuc-can-bo-{KV2}", f"cong-doan-co-so-{KV2}"
# Public text (summaries, descriptions, biographies) carries no article numbers: those are comments.
KV2_NOTE = (  # 001
    "TS. Nguyễn Đình Phong, Chánh Văn phòng Ban Chỉ đạo 35, công bố tại Hội nghị ngày 13/5/2021 "
    "của Ban Chỉ đạo 35 Học viện Chính trị khu vực II."
)

# fmt: off
REGIONS = (  # (slug, name, order)
    (BAC_TRUNG_BO, "Bắc Trung Bộ", 1),  # 003 "ở Nghệ An, khu vực Bắc Trung Bộ"
    (NAM_BO, "Nam Bộ", 2),  # 004 "ở khu vực Nam bộ"
    (TAY_NAM_BO, "Tây Nam Bộ", 3),  # 000 "Ban Tuyên giáo các tỉnh, thành ủy khu vực Tây Nam Bộ"
)
PROVINCES = (  # (slug, name, kind, region); the provinces of Tây Nam Bộ are not named in 000
    (NGHE_AN, "Nghệ An", ProvinceKind.PROVINCE, BAC_TRUNG_BO),  # 003
    (HCM_CITY, "Thành phố Hồ Chí Minh", ProvinceKind.CITY, None),  # 004; region not stated
)

ORGANIZATIONS = (  # parents before children
    Org(HV, HV_NAME, K.NATIONAL_ACADEMY, order=1, src=("000", "001", "002", "003", "004")),  # 000-004
    Org(party(HV), f"Đảng ủy {HV_NAME}", K.PARTY_COMMITTEE, HV, "Đảng ủy",
        src=("000", "001", "002", "004")),  # 000, 001, 002, 004
    Org(VU_QLKH, f"Vụ Quản lý Khoa học {HV_NAME}", K.UNIT, HV, "Vụ Quản lý Khoa học", src=("000",)),  # 000
    Org(VP_HV, f"Văn phòng {HV_NAME}", K.UNIT, HV, "Văn phòng", src=("004",)),  # 004
    Org(CQDD, f"Cơ quan đại diện phía Nam {HV_NAME}", K.UNIT, HV, "Cơ quan đại diện phía Nam",
        src=("004",)),  # 004
    Org(f"cong-doan-{HV}", f"Công đoàn {HV_NAME}", K.UNIT, HV, "Công đoàn", src=("004",)),  # 004
    # 002: KV I, its Party organisation and the units the report names. No region: none of the five
    # articles places KV I ("khu vực I" is its number in the system, not an area), unlike KV II and
    # KV IV, which 004 and 000 place in Nam Bộ and Tây Nam Bộ.
    Org(KV1, "Học viện Chính trị khu vực I", K.REGIONAL_ACADEMY, HV, order=2, src=("002",)),
    Org(party(KV1), "Đảng ủy Học viện Chính trị khu vực I", K.PARTY_COMMITTEE, KV1, "Đảng ủy",
        description="Lãnh đạo Đảng bộ Học viện triển khai Nghị quyết số 35-NQ/TW.", src=("002",)),
    Org(f"ban-tuyen-giao-{party(KV1)}", "Ban Tuyên giáo Đảng ủy Học viện Chính trị khu vực I", K.UNIT,
        party(KV1), "Ban Tuyên giáo",
        description="Tham mưu Đảng ủy đưa Nghị quyết 35-NQ/TW thành chuyên đề sinh hoạt năm 2020.",
        src=("002",)),
    Org(f"uy-ban-kiem-tra-{party(KV1)}", "Ủy ban Kiểm tra Đảng ủy Học viện Chính trị khu vực I", K.UNIT,
        party(KV1), "Ủy ban Kiểm tra", src=("002",)),
    Org("tap-chi-giao-duc-ly-luan", "Tạp chí Giáo dục lý luận", K.UNIT, KV1, "Tạp chí Giáo dục lý luận",
        src=("002",)),
    Org(f"trung-tam-thong-tin-thu-vien-{KV1}", "Trung tâm Thông tin thư viện Học viện Chính trị khu vực I",
        K.UNIT, KV1, "Trung tâm Thông tin thư viện", src=("002",)),
    # 001, 004: KV II; 004 asks it to work with KV IV "ở khu vực Nam bộ".
    Org(KV2, "Học viện Chính trị khu vực II", K.REGIONAL_ACADEMY, HV, region=NAM_BO, order=3,
        src=("001", "004")),
    Org(party(KV2), "Đảng ủy Học viện Chính trị khu vực II", K.PARTY_COMMITTEE, KV2, "Đảng ủy",
        src=("001", "004")),
    Org(BAN_QLKH, "Ban Quản lý khoa học và Hợp tác quốc tế Học viện Chính trị khu vực II", K.UNIT, KV2,
        "Ban Quản lý khoa học và Hợp tác quốc tế", src=("001",)),  # 001
    Org(BAN_TCCB, "Ban Tổ chức - Cán bộ Học viện Chính trị khu vực II", K.UNIT, KV2,
        "Ban Tổ chức - Cán bộ", src=("004",)),  # 004
    Org(CDCS_KV2, "Công đoàn cơ sở Học viện Chính trị khu vực II", K.UNIT, KV2, "Công đoàn cơ sở",
        src=("004",)),  # 004
    Org(f"doan-thanh-nien-{KV2}", "Đoàn Thanh niên Học viện Chính trị khu vực II", K.UNIT, KV2,
        "Đoàn Thanh niên", src=("004",)),  # 004 "Bí thư Đoàn Thanh niên Học viện"
    Org("tap-chi-khoa-hoc-chinh-tri", "Tạp chí Khoa học chính trị", K.UNIT, KV2,
        "Tạp chí Khoa học chính trị", src=("001",)),  # 001
    # 000: KV IV works with the propaganda boards of Tây Nam Bộ.
    Org(KV4, "Học viện Chính trị khu vực IV", K.REGIONAL_ACADEMY, HV, region=TAY_NAM_BO, order=4,
        src=("000", "003", "004")),
    Org(party(KV4), "Đảng ủy Học viện Chính trị khu vực IV", K.PARTY_COMMITTEE, KV4, "Đảng ủy", src=("000",)),
    # 000 "Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban Tuyên giáo các tỉnh, thành ủy khu
    # vực Tây Nam Bộ": the other party, a group whose provinces 000 does not list.
    Org(TNB_BOARDS, "Ban Tuyên giáo các tỉnh, thành ủy khu vực Tây Nam Bộ", K.OTHER, region=TAY_NAM_BO,
        order=5, description="Các Ban Tuyên giáo tỉnh ủy, thành ủy khu vực Tây Nam Bộ, ghi chung thành "
        "một bên phối hợp với Học viện Chính trị khu vực IV vì tên từng ban chưa được nêu.", src=("000",)),
    # 003: Nghệ An. "Ủy viên Ban Chấp hành Đảng bộ tỉnh" is a position in the provincial Party organisation.
    Org(NA_PARTY, "Đảng bộ tỉnh Nghệ An", K.PARTY_COMMITTEE, region=BAC_TRUNG_BO, province=NGHE_AN,
        order=10, src=("003",)),
    Org(NA_BOARD, "Ban Tuyên giáo Tỉnh ủy Nghệ An", K.PROPAGANDA_BOARD, NA_PARTY, region=BAC_TRUNG_BO,
        province=NGHE_AN, order=11, src=("003",)),
    Org(NA_SCHOOL, "Trường Chính trị tỉnh Nghệ An", K.PROVINCIAL_SCHOOL, region=BAC_TRUNG_BO,
        province=NGHE_AN, order=12, src=("003",)),
    Org(party(NA_SCHOOL), "Đảng ủy Trường Chính trị tỉnh Nghệ An", K.PARTY_COMMITTEE, NA_SCHOOL, "Đảng ủy",
        region=BAC_TRUNG_BO, province=NGHE_AN, src=("003",)),
    # 003: Tỉnh ủy and Quân khu 4 organised the 2024 workshop on Điện Biên Phủ (events.demo). Where it
    # stands is not said: no region or province.
    Org(QK4, "Quân khu 4", K.OTHER, order=13,
        description="Phối hợp với Tỉnh ủy Nghệ An tổ chức Hội thảo khoa học cấp tỉnh kỷ niệm 70 năm chiến "
        "thắng lịch sử Điện Biên Phủ (2024).", src=("003",)),
)

COMMITTEES = (  # (organisation, description, source articles): each academy's "Ban Chỉ đạo 35"
    (HV, "", ("000",)),  # 000
    # 002: only "cuối năm 2018" is known, so founded_on stays empty.
    (KV1, "Ban Chỉ đạo thực hiện Nghị quyết số 35-NQ/TW, do Đảng bộ Học viện thành lập ngay sau khi có "
          "chỉ đạo của Đảng ủy Học viện Chính trị quốc gia Hồ Chí Minh cuối năm 2018.", ("002",)),
    (KV2, "", ("001",)),  # 001
    (KV4, "", ("000",)),  # 000
)

DECISIONS = (
    # 001: the three decisions of KV II's committee, in the order announced.
    Dec("quyet-dinh-thanh-lap-to-tham-muu-dinh-huong-va-bien-tap-bai-viet-dau-tranh-tren-khong-gian-mang"
        "-kv-ii", DecisionKind.FOUND_TEAM,
        "Quyết định thành lập Tổ Tham mưu, định hướng và biên tập bài viết đấu tranh trên không gian mạng "
        "thực hiện Nghị quyết số 35-NQ/TW của Bộ Chính trị", KV2, summary=KV2_NOTE, src=("001",)),
    Dec("quyet-dinh-cong-nhan-cac-hoat-dong-cong-cu-dau-tranh-tren-khong-gian-mang-kv-ii",
        DecisionKind.RECOGNISE,
        "Quyết định công nhận các hoạt động, công cụ đấu tranh trên không gian mạng thực hiện Nghị quyết "
        "số 35-NQ/TW của Bộ Chính trị tại Học viện Chính trị khu vực II", KV2, summary=KV2_NOTE,
        src=("001",)),
    Dec("quyet-dinh-thanh-lap-to-xay-dung-cac-quy-che-hoat-dong-cua-ban-chi-dao-kv-ii",
        DecisionKind.FOUND_TEAM,
        "Quyết định thành lập Tổ Xây dựng các Quy chế hoạt động của Ban Chỉ đạo thực hiện Nghị quyết "
        "số 35-NQ/TW của Bộ Chính trị", KV2, summary=KV2_NOTE, src=("001",)),
    # 004: announced at KV II's six-month review on 02/07/2021.
    Dec("quyet-dinh-khen-thuong-thanh-tich-dot-xuat-6-thang-dau-nam-2021-kv-ii", DecisionKind.COMMEND,
        "Quyết định khen thưởng thành tích đột xuất đối với tập thể, cá nhân trong 6 tháng đầu năm 2021",
        organization=KV2,
        summary="Tập trung vào ba nhóm hoạt động: phòng, chống dịch bệnh COVID-19; triển khai ứng dụng "
        "công nghệ thông tin trong giảng dạy trực tuyến và triển khai thực hiện Nghị quyết số 35-NQ/TW "
        "của Bộ Chính trị. TS. Phạm Thị Pha Lê, Trưởng Ban Tổ chức - Cán bộ, thừa ủy quyền của Giám đốc "
        "Học viện công bố tại Hội nghị sơ kết ngày 02/7/2021.", src=("004",)),
)

TEAMS = (
    Tm(KV1, "Văn phòng", TeamKind.OFFICE, 1, description="Duy trì điều hành thường xuyên.",
        src=("002",)),  # 002
    Tm(KV2, "Tổ Tham mưu, định hướng và biên tập bài viết đấu tranh trên không gian mạng",
       TeamKind.ADVISORY, 1, DECISIONS[0].slug, src=("001",)),  # 001, decision 1
    Tm(KV2, "Tổ Xây dựng các Quy chế hoạt động của Ban Chỉ đạo", TeamKind.DRAFTING, 2,
       DECISIONS[2].slug, src=("001",)),  # 001, decision 3
    Tm(KV2, "Nhóm chuyên gia", TeamKind.EXPERT_GROUP, 3,
       description="Nhóm chuyên gia thực hiện Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị.",
       src=("001",)),
    Tm(KV4, "Tổ thư ký", TeamKind.SECRETARIAT, 1,
        src=("000",)),  # 000 "các thành viên và Tổ thư ký Ban Chỉ đạo 35"
)

PEOPLE = (  # (name as the article writes it, short biography, source articles)
    ("PGS,TS Hoàng Phúc Lâm", "", ("000", "004")),  # 000, 004
    ("PGS,TS Lê Văn Lợi", "", ("000",)),  # 000
    ("PGS,TS Phạm Đức Kiên", "", ("000",)),  # 000
    ("TS. Nguyễn Đình Phong", "", ("000", "001")),  # 000, 001
    ("TS Phan Công Khanh", "", ("000",)),  # 000
    ("NGƯT, TS Huỳnh Thanh Quang", "", ("000",)),  # 000
    ("TS Lê Xuân Tạo", "", ("000",)),  # 000
    ("PGS, TS. Nguyễn Quốc Dũng", "", ("001", "004")),  # 001, 004
    ("PGS,TS. Vũ Thị Thanh Xuân", "", ("004",)),  # 004
    ("PGS,TS. Nguyễn Tấn Vinh", "", ("004",)),  # 004
    ("TS. Nguyễn Thị Tuyết Mai", "", ("004",)),  # 004
    ("TS. Nguyễn Đình Phúc", "", ("004",)),  # 004
    ("TS. Phạm Thị Pha Lê", "", ("004",)),  # 004
    ("Nguyễn Thị Hồng Hoa", "", ("003",)),  # 003
    ("Vương Quang Minh", "", ("003",)),  # 003
    ("GS, TS. Vũ Văn Hiền", "Chủ biên sách “Một số luận cứ phản bác các quan điểm sai trái, thù địch, "
     "chống phá Đại hội XIII của Đảng”, Nhà xuất bản Chính trị quốc gia Sự thật ấn hành năm 2020.",
     ("002",)),  # 002
)

POSITIONS = (
    # 000, 004 "PGS,TS Hoàng Phúc Lâm, Phó Bí thư Đảng ủy, Phó Giám đốc, Phó Trưởng Ban Chỉ đạo 35 Học viện"
    Pos("Hoàng Phúc Lâm", R.DEPUTY_SECRETARY, party(HV), 1, src=("000", "004")),
    Pos("Hoàng Phúc Lâm", R.DEPUTY_DIRECTOR, HV, 2, src=("000", "004")),
    Pos("Hoàng Phúc Lâm", R.DEPUTY_HEAD, bcd(HV), 3, src=("000", "004")),
    # 000 "người phụ trách, chỉ đạo trực tiếp các mặt hoạt động của Học viện Chính trị khu vực IV":
    # a duty, not a title the articles write after his name.
    Pos("Hoàng Phúc Lâm", R.OTHER, KV4, 4, "Phụ trách, chỉ đạo trực tiếp các mặt hoạt động của", False,
        src=("000",)),
    # 000 "PGS,TS Lê Văn Lợi, Phó Giám đốc, Phó Trưởng Ban Chỉ đạo 35 Học viện"
    Pos("Lê Văn Lợi", R.DEPUTY_DIRECTOR, HV, 1, src=("000",)),
    Pos("Lê Văn Lợi", R.DEPUTY_HEAD, bcd(HV), 2, src=("000",)),
    # 000 "PGS,TS Phạm Đức Kiên, Phó Vụ trưởng Vụ Quản lý Khoa học, Chánh Văn phòng Ban Chỉ đạo 35 Học viện"
    Pos("Phạm Đức Kiên", R.DEPUTY_DEPARTMENT_DIRECTOR, VU_QLKH, 1, src=("000",)),
    Pos("Phạm Đức Kiên", R.CHIEF_OF_OFFICE, bcd(HV), 2, src=("000",)),
    # 001 "TS. Nguyễn Đình Phong - Phó Trưởng ban Quản lý khoa học và Hợp tác quốc tế, Chánh Văn phòng
    # Ban Chỉ đạo 35" (KV II); 000 calls him "đại diện Ban Chỉ đạo 35 Học viện Chính trị khu vực II"
    Pos("Nguyễn Đình Phong", R.DEPUTY_HEAD, BAN_QLKH, 1, src=("001",)),
    Pos("Nguyễn Đình Phong", R.CHIEF_OF_OFFICE, bcd(KV2), 2, src=("001",)),
    # 000 "TS Phan Công Khanh, Bí thư Đảng ủy, Giám đốc, Trưởng Ban Chỉ đạo 35 Học viện" (KV IV)
    Pos("Phan Công Khanh", R.SECRETARY, party(KV4), 1, src=("000",)),
    Pos("Phan Công Khanh", R.DIRECTOR, KV4, 2, src=("000",)),
    Pos("Phan Công Khanh", R.HEAD, bcd(KV4), 3, src=("000",)),
    # 000 "NGƯT, TS Huỳnh Thanh Quang, Phó Bí thư Đảng ủy, Phó Giám đốc, Phó Trưởng Ban Chỉ đạo 35 Học viện"
    Pos("Huỳnh Thanh Quang", R.DEPUTY_SECRETARY, party(KV4), 1, src=("000",)),
    Pos("Huỳnh Thanh Quang", R.DEPUTY_DIRECTOR, KV4, 2, src=("000",)),
    Pos("Huỳnh Thanh Quang", R.DEPUTY_HEAD, bcd(KV4), 3, src=("000",)),
    Pos("Lê Xuân Tạo", R.DEPUTY_DIRECTOR, KV4, 1,
        src=("000",)),  # 000 "TS Lê Xuân Tạo, Phó Giám đốc Học viện"
    # 001 (and 004) "PGS, TS. Nguyễn Quốc Dũng - Ủy viên Ban Thường vụ Đảng ủy Học viện Chính trị quốc gia
    # Hồ Chí Minh, Bí thư Đảng ủy, Giám đốc Học viện Chính trị khu vực II, Trưởng Ban Chỉ đạo 35"
    Pos("Nguyễn Quốc Dũng", R.STANDING_COMMITTEE_MEMBER, party(HV), 1, src=("001", "004")),
    Pos("Nguyễn Quốc Dũng", R.SECRETARY, party(KV2), 2, src=("001", "004")),
    Pos("Nguyễn Quốc Dũng", R.DIRECTOR, KV2, 3, src=("001", "004")),
    Pos("Nguyễn Quốc Dũng", R.HEAD, bcd(KV2), 4, src=("001", "004")),
    # 004 "PGS,TS. Vũ Thị Thanh Xuân - Phó Chánh Văn phòng, Trưởng Cơ quan đại diện phía Nam" (of the
    # Academy). She is in the unit "Văn phòng", so the role word is "Phó Chánh": Role has none for it.
    Pos("Vũ Thị Thanh Xuân", R.OTHER, VP_HV, 1, "Phó Chánh", src=("004",)),
    Pos("Vũ Thị Thanh Xuân", R.HEAD, CQDD, 2, src=("004",)),
    # 004 "PGS,TS. Nguyễn Tấn Vinh - Phó Bí thư Đảng ủy, Phó Giám đốc Học viện Chính trị khu vực II"
    Pos("Nguyễn Tấn Vinh", R.DEPUTY_SECRETARY, party(KV2), 1, src=("004",)),
    Pos("Nguyễn Tấn Vinh", R.DEPUTY_DIRECTOR, KV2, 2, src=("004",)),
    # 004 "TS. Nguyễn Thị Tuyết Mai - Ủy viên Ban Thường vụ Đảng ủy, Phó Giám đốc Học viện Chính trị
    # khu vực II"
    Pos("Nguyễn Thị Tuyết Mai", R.STANDING_COMMITTEE_MEMBER, party(KV2), 1, src=("004",)),
    Pos("Nguyễn Thị Tuyết Mai", R.DEPUTY_DIRECTOR, KV2, 2, src=("004",)),
    # 004 "TS. Nguyễn Đình Phúc - Chủ tịch Công đoàn cơ sở Học viện Chính trị khu vực II"
    Pos("Nguyễn Đình Phúc", R.CHAIR, CDCS_KV2, 1, src=("004",)),
    # 004 "TS. Phạm Thị Pha Lê - Trưởng Ban Tổ chức - Cán bộ" (KV II)
    Pos("Phạm Thị Pha Lê", R.HEAD, BAN_TCCB, 1, src=("004",)),
    # 003 "Nguyễn Thị Hồng Hoa, Uỷ viên Ban Chấp hành Đảng bộ tỉnh, Trưởng Ban Tuyên giáo Tỉnh ủy"
    Pos("Nguyễn Thị Hồng Hoa", R.EXECUTIVE_COMMITTEE_MEMBER, NA_PARTY, 1, src=("003",)),
    Pos("Nguyễn Thị Hồng Hoa", R.HEAD, NA_BOARD, 2, src=("003",)),
    # 003 "Vương Quang Minh - Bí thư Đảng ủy, Hiệu trưởng Trường Chính trị tỉnh"
    Pos("Vương Quang Minh", R.SECRETARY, party(NA_SCHOOL), 1, src=("003",)),
    Pos("Vương Quang Minh", R.RECTOR, NA_SCHOOL, 2, src=("003",)),
)

def reported_on(articles: tuple[str, ...]) -> dt.date | None:
    """The date a demo position is reported on ("theo tin ngày …"): the publication date of the
    latest article that states it (its row's `src`). 002 is undated, so a position only it states
    has no date of report."""
    dates = [SEEDS[number].published_on for number in articles if SEEDS[number].published_on]
    return max(dates, default=None)


LEGAL_DOCUMENTS = (  # (number, type, date issued, issuer, term, title, abstract, source articles)
    # 000 (also 001, 004)
    ("35-NQ/TW", LegalDocumentType.RESOLUTION, dt.date(2018, 10, 22), "Bộ Chính trị", "khóa XII",
     "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, "
     "thù địch trong tình hình mới", "", ("000", "001", "004")),
    # 003; its term is not stated
    ("01-KL/TW", LegalDocumentType.CONCLUSION, dt.date(2021, 5, 18), "Bộ Chính trị", "",
     "Về tiếp tục thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị khóa XII về đẩy mạnh "
     "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "", ("003",)),
    # 003 (also 004)
    ("05-CT/TW", LegalDocumentType.DIRECTIVE, dt.date(2016, 5, 15), "Bộ Chính trị", "khóa XII",
     "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "", ("003", "004")),
    # 003: date and issuer not stated; the issuer is what "/TW" in the number says. The article
    # writes "cách mạnh", a typo for "cách mạng".
    ("144-QĐ/TW", LegalDocumentType.REGULATION, None, "Trung ương", "",
     "Về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên giai đoạn mới", "", ("003",)),
    # 003: date and title not stated; the title is how the article refers to it.
    ("05-ĐA/TU", LegalDocumentType.PROJECT, None, "Ban Thường vụ Tỉnh ủy Nghệ An", "",
     "Đề án số 05-ĐA/TU của Ban Thường vụ Tỉnh ủy Nghệ An",
     "Theo Đề án, Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh phối hợp biên soạn, thẩm định các bộ "
     "tài liệu bồi dưỡng, cập nhật kiến thức, kỹ năng công tác cho cán bộ, công chức cấp xã.", ("003",)),
)
# fmt: on

# Documents the articles cite without a number, found by their slug. "Nghị quyết Đại hội XIII":
# 000 (Lê Văn Lợi: "thực hiện thắng lợi Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"),
# 002 (the solutions' preamble) and 004 (both review reports); 002 quotes it. "Luật An ninh mạng":
# 002 ("Bám sát các nghị định, Luật An ninh mạng…"); a law's issuer is the National Assembly.
# (slug, type, issuer, title, abstract, articles citing it)
NQ_XIII = "nghi-quyet-dai-hoi-dai-bieu-toan-quoc-lan-thu-xiii-cua-dang"
LUAT_ANM = "luat-an-ninh-mang"
KV1_RULES = (
    "Một trong các văn bản điều hành, quy chế, quy định do Đảng bộ Học viện Chính trị khu vực I ban hành; "
    "cán bộ, đảng viên và người lao động cùng tham gia xây dựng từ dự thảo cho đến quá trình tổ chức thực "
    "hiện."
)
# fmt: off
UNNUMBERED_DOCUMENTS = (
    (NQ_XIII, LegalDocumentType.RESOLUTION, "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
     "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
     "Đại hội nhấn mạnh: “Tăng cường bảo vệ nền tảng tư tưởng của Đảng, kiên quyết và thường xuyên đấu "
     "tranh, phản bác các quan điểm sai trái, thù địch; chủ động cung cấp thông tin kịp thời, chính xác, "
     "khách quan, đúng định hướng để phòng, chống “diễn biến hòa bình”, thông tin xấu, độc trên in-tơ-nét, "
     "mạng xã hội”.", ("000", "002", "004")),
    (LUAT_ANM, LegalDocumentType.LAW, "Quốc hội", "Luật An ninh mạng", "", ("002",)),
    # 002: "Đảng bộ Học viện đã ban hành kịp thời hệ thống các văn bản điều hành, quy chế, quy định… Do
    # vậy, các văn bản như “Quy định về chi tiêu nội bộ”; “Quy chế đào tạo cao cấp lý luận chính trị”…
    # được cán bộ, đảng viên và người lao động cùng tham gia xây dựng". The two it names, issued as it says.
    ("quy-dinh-ve-chi-tieu-noi-bo-kv-i", LegalDocumentType.REGULATION,
     "Đảng bộ Học viện Chính trị khu vực I", "Quy định về chi tiêu nội bộ", KV1_RULES, ("002",)),
    ("quy-che-dao-tao-cao-cap-ly-luan-chinh-tri-kv-i", LegalDocumentType.OTHER,
     "Đảng bộ Học viện Chính trị khu vực I", "Quy chế đào tạo cao cấp lý luận chính trị", KV1_RULES,
     ("002",)),
)
# fmt: on
