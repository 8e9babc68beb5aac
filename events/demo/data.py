"""The events of the source articles (../shared/seeds/), as declarative tables.

Articles: 000 = KV IV's online review of its coordination regulation, 25/08/2021; 001 = KV II's
committee announces three decisions, 13/05/2021; 003 = Nghệ An board and school review 2023-2024
and sign their 2025 programme, 19/11/2024; 004 = KV II's online six-month review, 02/07/2021.
(002 is a report, not an event.) Each row cites its article; public text carries no article numbers.

Choices the sources leave open, and how they are made here:
- Title lines: left empty (filled from positions on the event's date) where the article's line
  names the same positions; written out (`line`) where the article prints another line.
- Chairs: only where the text says "chủ trì" (001, 003). In 000 the national academy's leaders
  "tham dự và chỉ đạo" and KV IV's director opens and closes; nobody is said to chair.
- In-person events (001, 003) name no venue, but attendee groups belong to a site: one main site
  at the host carries them.
- Speeches without a named speaker (000: the provinces' contributions; 001: the discussion;
  003: the review of 2023-2024) are told in the event's summary.
"""

import datetime as dt
from typing import NamedTuple

from committees import demo as registry
from committees.demo import HV, KV2, KV4, NA_BOARD, NA_PARTY, NA_SCHOOL, NQ_XIII, QK4, TNB_BOARDS
from events.models import EventFormat, EventKind, EventLevel, EventPurpose, PartOfDay, SpeechRole


class Site(NamedTuple):
    organization: str | None  # an organisation's slug…
    place: str = ""  # …or the place, written as the article does
    is_main: bool = False
    groups: str = ""  # the groups attending, as written


class Att(NamedTuple):
    person: str  # the person's slug
    site: int  # index into the event's sites
    note: str = ""  # capacity: "đại diện Ban Chỉ đạo 35 …"
    line: str = ""  # the printed title line, when the positions give another


class Chair(NamedTuple):
    person: str
    line: str = ""


class Talk(NamedTuple):
    person: str
    role: str
    summary: str
    title: str = ""  # of the report presented
    on_behalf_of: str = ""
    line: str = ""
    src: tuple = ()  # the source articles stating it; none: those of its event


class Prize(NamedTuple):
    collective: str
    reason: str
    decision: str  # a decision's slug


class Photo(NamedTuple):
    caption: str  # as the article prints it
    credit: str = ""


class Ev(NamedTuple):
    slug: str
    title: str
    kind: str
    purpose: str
    format: str
    start_date: dt.date
    part_of_day: str
    host: str
    summary: str
    co_organizers: tuple = ()
    legal_documents: tuple = ()  # numbers
    decisions: tuple = ()  # slugs of the decisions announced
    sites: tuple = ()
    attendees: tuple = ()
    chairs: tuple = ()
    speeches: tuple = ()
    awards: tuple = ()
    figures: tuple = ()  # (value, label)
    photos: tuple = ()
    level: str = ""  # written only when the article gives it
    end_date: dt.date | None = None  # with day_unknown: the last day of the window it lies in
    day_unknown: bool = False
    src: tuple = ()  # the source articles stating it ("000" … "004"), cited by the loader


D = registry.DECISIONS
R = SpeechRole
KV4_REVIEW = "hoi-nghi-so-ket-quy-che-phoi-hop-kv-iv-tay-nam-bo-2021"
KV2_DECISIONS = "hoi-nghi-cong-bo-quyet-dinh-ban-chi-dao-35-kv-ii-2021"
NGHE_AN_SIGNING = "ky-ket-chuong-trinh-phoi-hop-2025-ban-tuyen-giao-truong-chinh-tri-nghe-an"
KV2_HALF_YEAR = "hoi-nghi-so-ket-6-thang-dau-nam-2021-kv-ii"
# 004 prints both without their Ban Chỉ đạo 35 titles, which their positions would add.
LAM_004 = "PGS, TS Hoàng Phúc Lâm, Phó Bí thư Đảng ủy, Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh"
DUNG_004 = (
    "PGS, TS Nguyễn Quốc Dũng, Ủy viên Ban Thường vụ Đảng ủy Học viện Chính trị quốc gia Hồ Chí Minh, "
    "Bí thư Đảng ủy, Giám đốc Học viện Chính trị khu vực II"
)
HALF = "6 tháng đầu năm 2021, phương hướng, nhiệm vụ 6 tháng cuối năm 2021"

# fmt: off
EVENTS = (
    Ev(  # 000
        KV4_REVIEW,
        "Hội nghị sơ kết việc thực hiện Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban Tuyên "
        "giáo các tỉnh, thành ủy khu vực Tây Nam Bộ trong thực hiện Nghị quyết số 35-NQ/TW",
        EventKind.CONFERENCE, EventPurpose.INTERIM_REVIEW, EventFormat.ONLINE, dt.date(2021, 8, 25), "", KV4,
        "Học viện Chính trị khu vực IV phối hợp với Ban Tuyên giáo các tỉnh, thành ủy khu vực Tây Nam Bộ "
        "tổ chức hội nghị theo hình thức trực tuyến, sơ kết hơn 18 tháng thực hiện Quy chế phối hợp trong "
        "thực hiện Nghị quyết số 35-NQ/TW. Hội nghị nghe ý kiến của lãnh đạo các Ban Tuyên giáo và Trường "
        "Chính trị tỉnh, thành phố đóng góp nội dung sơ kết: các đại biểu đánh giá cao ý nghĩa của việc ký "
        "kết Quy chế phối hợp, cơ bản thống nhất với dự thảo báo cáo sơ kết và đề nghị sửa đổi, bổ sung Quy "
        "chế theo hướng mở rộng mạng lưới, lực lượng phối hợp, nhất là với các trường chính trị, trường đại "
        "học trong khu vực.",
        # "Học viện Chính trị khu vực IV đã phối hợp với Ban Tuyên giáo các tỉnh, thành ủy khu vực Tây
        # Nam Bộ tổ chức Hội nghị": the boards co-organise, as the one group 000 names (committees.demo).
        co_organizers=(TNB_BOARDS,),
        legal_documents=("35-NQ/TW",),
        sites=(
            Site(HV),  # "tại điểm cầu Học viện Chính trị quốc gia Hồ Chí Minh"
            Site(None, "các tỉnh, thành phố khu vực Tây Nam Bộ",  # "Tại điểm cầu ở các địa phương"
                 groups="đại diện lãnh đạo Ban Tuyên giáo, Trường Chính trị tỉnh, thành phố"),
            Site(KV4, is_main=True, groups="các thành viên và Tổ thư ký Ban Chỉ đạo 35"),  # the host
        ),
        attendees=(
            Att("hoang-phuc-lam", 0), Att("le-van-loi", 0), Att("pham-duc-kien", 0),
            # "TS. Nguyễn Đình Phong, đại diện Ban Chỉ đạo 35 Học viện Chính trị khu vực II": no positions.
            Att("nguyen-dinh-phong", 1, "đại diện Ban Chỉ đạo 35 Học viện Chính trị khu vực II",
                "TS Nguyễn Đình Phong"),
            Att("phan-cong-khanh", 2), Att("huynh-thanh-quang", 2), Att("le-xuan-tao", 2),
        ),
        speeches=(
            Talk("phan-cong-khanh", R.OPENING,
                 "Chào mừng các đại biểu và nêu hai nội dung để hội nghị tập trung trao đổi: đánh giá kết "
                 "quả, hạn chế và nguyên nhân trong tổ chức thực hiện Quy chế phối hợp; góp ý sửa đổi, bổ "
                 "sung Quy chế và đề xuất giải pháp để tiếp tục thực hiện có hiệu quả."),
            Talk("huynh-thanh-quang", R.REPORT,
                 "Báo cáo nêu những kết quả nổi bật qua hơn 18 tháng thực hiện Quy chế phối hợp trong "
                 "nghiên cứu khoa học, tuyên truyền, tư vấn chính sách và cập nhật kiến thức, chỉ rõ hạn "
                 "chế, nguyên nhân và đề ra 3 phương hướng, 9 nhiệm vụ.",
                 "Báo cáo sơ kết việc thực hiện Quy chế phối hợp giữa Học viện và Ban Tuyên giáo các tỉnh, "
                 "thành ủy khu vực Tây Nam Bộ trong thực hiện Nghị quyết số 35-NQ/TW",
                 "Ban Chỉ đạo 35 Học viện Chính trị khu vực IV"),
            Talk("le-van-loi", R.DIRECTIVE,
                 "Thông tin hoạt động của toàn hệ thống Học viện trong thực hiện Nghị quyết 35-NQ/TW; "
                 "chỉ đạo Học viện Chính trị khu vực IV trở thành đầu mối kết nối với Ban Tuyên giáo, "
                 "Trường Chính trị, cụ thể hóa 3 phương hướng, 9 nhiệm vụ thành kế hoạch hoạt động, tiếp tục "
                 "tổ chức hội thảo, tọa đàm, các lớp cập nhật kiến thức và đẩy mạnh tuyên truyền.",
                 on_behalf_of="Ban Chỉ đạo 35 Học viện Chính trị quốc gia Hồ Chí Minh"),
            Talk("hoang-phuc-lam", R.DIRECTIVE,
                 "Ghi nhận, biểu dương Học viện Chính trị khu vực IV đã chủ động ký kết và thực hiện Quy chế "
                 "phối hợp; đề nghị tăng cường kết nối với các cơ quan, đơn vị khu vực Tây Nam Bộ, đổi mới "
                 "hình thức tuyên truyền, chủ động phản bác thông tin xấu, độc hại trên không gian mạng, xây "
                 "dựng đội ngũ cộng tác viên, giảng viên kiêm chức."),
            Talk("phan-cong-khanh", R.CLOSING,
                 "Khẳng định Học viện tiếp thu ý kiến của các đại biểu và ý kiến chỉ đạo để bổ sung, sửa đổi "
                 "Quy chế phối hợp, xây dựng kế hoạch cụ thể tiếp tục phối hợp thực hiện Nghị quyết "
                 "35-NQ/TW; cảm ơn các đại biểu."),
        ),
        figures=((3, "phương hướng"), (9, "nhiệm vụ")),  # "báo cáo đề ra 3 phương hướng, 9 nhiệm vụ"
        photos=(  # captions as printed; "Tác giả: Học viện Chính trị khu vực IV" credits the article
            Photo("Toàn cảnh Hội nghị Sơ kết Quy chế phối hợp giữa Học viện và Ban Tuyên giáo các tỉnh, "
                  "thành ủy khu vực Tây Nam Bộ trong thực hiện Nghị quyết số 35-NQ/TW"),
            Photo("PGS,TS Lê Văn Lợi, Phó Giám đốc, Phó Trưởng Ban Chỉ đạo 35 Học viện Chính trị quốc gia "
                  "Hồ Chí Minh phát biểu tại Hội nghị"),
            Photo("PGS, TS Hoàng Phúc Lâm, Phó Bí thư Đảng ủy, Phó Giám đốc, Phó Trưởng Ban Chỉ đạo 35 "
                  "Học viện Chính trị quốc gia Hồ Chí Minh phát biểu tại Hội nghị"),
        ),
        src=("000",),
    ),
    Ev(  # 001: held by KV II's committee, so its organisation hosts; "Chiều ngày 13/5/2021"
        KV2_DECISIONS,
        "Hội nghị công bố các Quyết định của Ban Chỉ đạo 35 của Học viện Chính trị khu vực II và triển "
        "khai hoạt động xây dựng các Quy chế thực hiện theo Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ "
        "Chính trị",
        EventKind.CONFERENCE, EventPurpose.ANNOUNCEMENT, EventFormat.IN_PERSON, dt.date(2021, 5, 13),
        PartOfDay.AFTERNOON, KV2,
        "Ban Chỉ đạo 35 của Học viện Chính trị khu vực II công bố ba quyết định và triển khai hoạt động xây "
        "dựng các Quy chế thực hiện Nghị quyết số 35-NQ/TW. Các chuyên gia và thành viên Ban Chỉ đạo 35 "
        "thảo luận nội dung triển khai xây dựng các Quy chế trong thời gian tới, chỉ rõ những khó khăn, "
        "vướng mắc và đề xuất phương án giải quyết để bảo đảm tiến độ và kế hoạch.",
        legal_documents=("35-NQ/TW",),
        decisions=(D[0].slug, D[1].slug, D[2].slug),
        sites=(Site(KV2, is_main=True, groups="các thành viên trong Ban Chỉ đạo 35 cùng một số thành viên "
                    "của nhóm chuyên gia thực hiện Nghị quyết số 35-NQ/TW"),),
        chairs=(Chair("nguyen-quoc-dung"),),  # "… Trưởng Ban Chỉ đạo 35 chủ trì Hội nghị"
        speeches=(
            Talk("nguyen-dinh-phong", R.ANNOUNCEMENT,
                 "Công bố ba quyết định của Ban Chỉ đạo 35: thành lập Tổ Tham mưu, định hướng và biên tập "
                 "bài viết đấu tranh trên không gian mạng; công nhận các hoạt động, công cụ đấu tranh trên "
                 "không gian mạng tại Học viện; thành lập Tổ Xây dựng các Quy chế hoạt động của Ban Chỉ "
                 "đạo."),
            Talk("nguyen-quoc-dung", R.DIRECTIVE,
                 "Nhấn mạnh thực hiện Nghị quyết số 35-NQ/TW là trách nhiệm của từng đảng viên, cán bộ, viên "
                 "chức, người lao động; đề nghị quán triệt trong giảng dạy, xây dựng chuyên đề đấu tranh "
                 "trực diện, tăng cường nghiên cứu khoa học, đẩy mạnh tuyên truyền trên Tạp chí Khoa học "
                 "chính trị, Cổng thông tin điện tử và các fanpage, bồi dưỡng kiến thức mới, phối hợp chặt "
                 "chẽ với các đơn vị địa phương."),
        ),
        photos=(  # "Tin và ảnh: Đức Anh"
            Photo("TS. Nguyễn Đình Phong - Phó Trưởng ban Quản lý khoa học và Hợp tác quốc tế, Chánh Văn "
                  "phòng Ban Chỉ đạo 35 công bố các quyết định", "Ảnh: Đức Anh"),
            Photo("PGS, TS. Nguyễn Quốc Dũng - Ủy viên Ban Thường vụ Đảng ủy Học viện Chính trị quốc gia Hồ "
                  "Chí Minh, Bí thư Đảng ủy, Giám đốc Học viện Chính trị khu vực II, Trưởng Ban Chỉ đạo 35 "
                  "phát biểu chỉ đạo tại Hội nghị", "Ảnh: Đức Anh"),
        ),
        src=("001",),
    ),
    Ev(  # 003: a "hội nghị" to sign, after reviewing 2023-2024. "Chiều ngày 19/11/2024"
        NGHE_AN_SIGNING,
        "Hội nghị đánh giá chương trình phối hợp năm 2023-2024 và ký kết chương trình phối hợp năm 2025 "
        "giữa Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh Nghệ An",
        EventKind.CONFERENCE, EventPurpose.SIGNING, EventFormat.IN_PERSON, dt.date(2024, 11, 19),
        PartOfDay.AFTERNOON, NA_BOARD,
        "Ban Tuyên giáo Tỉnh ủy phối hợp với Trường Chính trị tỉnh đánh giá chương trình phối hợp năm "
        "2023-2024 và triển khai nội dung chương trình phối hợp năm 2025. Hai bên đã phối hợp tổ chức thành "
        "công 04 hội thảo, tọa đàm khoa học cấp Bộ và 05 hội thảo khoa học cấp tỉnh; biên soạn tài liệu "
        "tuyên truyền, bồi dưỡng; tổ chức các hội nghị chuyên đề; bảo vệ nền tảng tư tưởng của Đảng theo "
        "Nghị quyết số 35-NQ/TW và thực hiện Kết luận số 01-KL/TW. Tại hội nghị, hai bên ký kết nội dung "
        "phối hợp công tác năm 2025.",
        co_organizers=(NA_SCHOOL,),
        # The work reviewed is "theo Nghị quyết số 35-NQ/TW", "thực hiện tốt Kết luận số 01-KL/TW" and
        # "theo Đề án số 05-ĐA/TU". 05-CT/TW is cited only as what 01-KL/TW continues, and 144-QĐ/TW
        # only as the theme of one 2024 workshop: neither is implemented by this event.
        legal_documents=("35-NQ/TW", "01-KL/TW", "05-ĐA/TU"),
        sites=(Site(NA_BOARD, is_main=True, groups="các đồng chí là trưởng, phó các phòng Ban Tuyên giáo "
                    "Tỉnh ủy; trưởng phó các phòng, khoa Trường Chính trị tỉnh"),),
        chairs=(Chair("nguyen-thi-hong-hoa"), Chair("vuong-quang-minh")),  # "Tham dự và chủ trì hội nghị"
        speeches=(
            Talk("nguyen-thi-hong-hoa", R.DIRECTIVE,
                 "Đánh giá cao hiệu quả phối hợp của hai đơn vị; nhấn mạnh năm 2025 có nhiều sự kiện "
                 "quan trọng, đề nghị cán bộ, giảng viên cập nhật chủ trương, nghị quyết và thông tin mới, "
                 "phối hợp thường xuyên, chặt chẽ, lựa chọn nội dung trọng tâm, xây dựng kế hoạch đào tạo lý "
                 "luận chính trị cho cán bộ sau sắp xếp đơn vị hành chính, kỹ năng chuyển đổi số, ngoại "
                 "ngữ."),
        ),
        figures=((4, "hội thảo, tọa đàm khoa học cấp Bộ"), (5, "hội thảo khoa học cấp tỉnh")),
        src=("003",),
    ),
    Ev(  # 004: "Sáng ngày 02/7/2021 … (theo hình thức trực tuyến)"
        KV2_HALF_YEAR,
        "Hội nghị sơ kết các mặt công tác 6 tháng đầu năm 2021 và phương hướng 6 tháng cuối năm 2021",
        EventKind.CONFERENCE, EventPurpose.PERIODIC_REVIEW, EventFormat.ONLINE, dt.date(2021, 7, 2),
        PartOfDay.MORNING, KV2,
        "Học viện Chính trị khu vực II sơ kết các mặt công tác 6 tháng đầu năm 2021 và đề ra phương hướng "
        "6 tháng cuối năm 2021, theo hình thức trực tuyến. Hội nghị nghe báo cáo sơ kết các mặt hoạt động, "
        "công tác Đảng và công tác công đoàn; công bố quyết định khen thưởng thành tích đột xuất đối với tập "
        "thể, cá nhân trong 6 tháng đầu năm 2021.",
        # The review and its commendation cover the implementation of 35-NQ/TW; the activities report
        # sets the next six months to carry out the XIII Congress's resolution and 05-CT/TW with it
        # (the Party report too, for the resolution), so the event cites the three.
        legal_documents=("35-NQ/TW", "05-CT/TW", NQ_XIII),
        decisions=(D[3].slug,),
        sites=(
            Site(HV),
            Site(KV2, is_main=True, groups="Chủ tịch công đoàn cơ sở, Bí thư Đoàn Thanh niên Học viện, Thủ "
                 "trưởng các đơn vị trực thuộc cùng toàn thể cán bộ, đảng viên, viên chức và người lao động"),
        ),
        attendees=(
            Att("hoang-phuc-lam", 0, line=LAM_004), Att("vu-thi-thanh-xuan", 0),
            Att("nguyen-quoc-dung", 1, line=DUNG_004), Att("nguyen-tan-vinh", 1),
            Att("nguyen-thi-tuyet-mai", 1),
        ),
        speeches=(
            Talk("nguyen-quoc-dung", R.OPENING,
                 "Điểm lại các sự kiện chính trị quan trọng và diễn biến phức tạp của dịch COVID-19 trong 6 "
                 "tháng đầu năm 2021; đề nghị cán bộ, viên chức, người lao động góp ý về chất lượng, tiến độ "
                 "thực hiện nhiệm vụ, hạn chế và nguyên nhân, dự báo tình hình để xây dựng kế hoạch 6 tháng "
                 "cuối năm và năm học mới.", line=DUNG_004),
            Talk("nguyen-thi-tuyet-mai", R.REPORT,
                 "Học viện thực hiện mục tiêu kép, vừa phòng, chống dịch hiệu quả, vừa thực hiện tốt nhiệm "
                 "vụ chính trị, chuyên môn; 6 tháng cuối năm tập trung phòng, chống dịch, đẩy mạnh đào tạo "
                 "trực tuyến, thực hiện Nghị quyết Đại hội XIII, Chỉ thị số 05-CT/TW và Nghị quyết số "
                 "35-NQ/TW trong giảng dạy, nghiên cứu khoa học và tuyên truyền.",
                 f"Báo cáo sơ kết các mặt hoạt động {HALF}"),
            Talk("nguyen-tan-vinh", R.REPORT,
                 "Đảng ủy chỉ đạo phòng, chống dịch COVID-19, hỗ trợ Trung tâm cách ly tập trung tại Học "
                 "viện, tiêm vắc-xin cho viên chức; lãnh đạo hoàn thành các chỉ tiêu đào tạo, vận dụng Văn "
                 "kiện Đại hội XIII vào bài giảng, quán triệt Nghị quyết số 35-NQ/TW.",
                 f"Báo cáo sơ kết công tác Đảng {HALF}"),
            Talk("nguyen-dinh-phuc", R.REPORT,
                 "Đội ngũ đoàn kết, hoàn thành tốt nhiệm vụ, không có vi phạm kỷ luật; Công đoàn cơ sở vận "
                 "động ủng hộ lực lượng tuyến đầu chống dịch tại khu cách ly tập trung của Học viện.",
                 f"Báo cáo công tác công đoàn {HALF}"),
            Talk("hoang-phuc-lam", R.DIRECTIVE,
                 "Biểu dương kết quả 6 tháng đầu năm 2021, ghi nhận điểm mới sáng tạo trong thực hiện Nghị "
                 "quyết số 35-NQ/TW; đề nghị nghiêm túc phòng, chống dịch, bám sát hoạt động của Học viện "
                 "Chính trị quốc gia Hồ Chí Minh, cập nhật Văn kiện Đại hội XIII và Nghị quyết số 35-NQ/TW "
                 "vào bài giảng, phối hợp chặt chẽ với Học viện Chính trị khu vực IV ở khu vực Nam Bộ.",
                 line=LAM_004),
            # A reply of thanks to the directive, which the article does not call a closing speech.
            Talk("nguyen-quoc-dung", R.OTHER,
                 "Cảm ơn ý kiến đánh giá của PGS, TS Hoàng Phúc Lâm; khẳng định tiếp thu các ý kiến đóng góp "
                 "để đưa vào hoạt động của Học viện.",
                 on_behalf_of="toàn thể cán bộ, viên chức và người lao động Học viện Chính trị khu vực II",
                 line=DUNG_004),
            # "Trong khuôn khổ diễn ra Hội nghị, thừa ủy quyền của Giám đốc Học viện, TS. Phạm Thị Pha Lê"
            Talk("pham-thi-pha-le", R.ANNOUNCEMENT,
                 "Thừa ủy quyền của Giám đốc Học viện, công bố quyết định khen thưởng thành tích đột xuất "
                 "đối với tập thể, cá nhân trong 6 tháng đầu năm 2021.",
                 on_behalf_of="Giám đốc Học viện Chính trị khu vực II"),
        ),
        awards=(Prize("tập thể, cá nhân có thành tích đột xuất trong 6 tháng đầu năm 2021",
                      "Thành tích đột xuất tập trung vào ba nhóm hoạt động: phòng, chống dịch bệnh COVID-19; "
                      "triển khai ứng dụng công nghệ thông tin trong giảng dạy trực tuyến và triển khai thực "
                      "hiện Nghị quyết số 35-NQ/TW của Bộ Chính trị.", D[3].slug),),
        photos=(  # "Tác giả: hcma1.hcma.vn" names the site, not a photographer
            Photo("Hội nghị sơ kết diễn ra theo hình thức trực tuyến"),
            Photo("PGS,TS. Nguyễn Quốc Dũng - Ủy viên Ban Thường vụ Đảng ủy Học viện Chính trị quốc gia Hồ "
                  "Chí Minh, Bí thư Đảng ủy, Giám đốc Học viện Chính trị khu vực II phát biểu khai mạc Hội "
                  "nghị"),
            Photo("TS. Nguyễn Thị Tuyết Mai - Ủy viên Ban Thường vụ Đảng ủy, Phó Giám đốc Học viện Chính trị "
                  f"khu vực II báo cáo sơ kết các mặt hoạt động {HALF}"),
            Photo("PGS,TS. Nguyễn Tấn Vinh - Phó Bí thư Đảng ủy, Phó Giám đốc Học viện Chính trị khu vực II "
                  f"báo cáo sơ kết công tác Đảng {HALF}"),
            # The article runs "2021phương hướng" together; the comma is restored.
            Photo("TS. Nguyễn Đình Phúc - Chủ tịch Công đoàn cơ sở Học viện Chính trị khu vực II báo cáo "
                  f"công tác công đoàn {HALF}"),
            Photo("PGS,TS. Hoàng Phúc Lâm - Phó Bí thư Đảng ủy, Phó Giám đốc Học viện Chính trị quốc gia Hồ "
                  "Chí Minh phát biểu chỉ đạo tại Hội nghị"),
        ),
        src=("004",),
    ),
)
# fmt: on


# 003 counts the workshops that the Nghệ An board and school co-organised under their 2023-2024
# programme ("04 Hội thảo, Tọa đàm khoa học cấp Bộ … và 05 hội thảo khoa học cấp tỉnh") without
# dating them: each is recorded with the day unknown, in the window the article allows, so that
# the reports' indicators count them and agree with the signing event's key figures.
# - Window: the programme's 2023-2024, reviewed on 19/11/2024 (so held by then); the year 2024
#   where the article says "trong năm 2024".
# - Ministry level: "do Học viện Chính trị Quốc gia Hồ Chí Minh, Ban Chủ nhiệm Đề tài nghiên cứu
#   khoa học cấp Nhà nước của Học viện … và Học viện Chính trị Khu vực IV chủ trì", without saying
#   which chaired which: each is hosted by the national academy (the team is its own and KV IV
#   is one of its academies), and the summary quotes the three. Their topics are listed together
#   ("văn hóa, đạo đức, dân tộc, tôn giáo, vận dụng tư tưởng Hồ Chí Minh xây dựng nhà nước pháp
#   quyền và … sức khỏe nhân dân"); read here as four, one each. All four are recorded as
#   workshops: the article does not say which were roundtables (tọa đàm).
# - Province level: two named in 2024 ("chủ trì phối hợp tham mưu Tỉnh ủy, Quân khu 4 tổ chức"),
#   hosted by the Tỉnh ủy (the provincial Party organisation); two more by topic; the fifth's
#   topic is not given. Those three are hosted by the school with the board (the programme's two
#   parties; the article names no other organiser).
NA_WINDOW = (dt.date(2023, 1, 1), dt.date(2024, 11, 19))
IN_2024 = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
MINISTRY_HOSTS = (
    "Hội thảo do Học viện Chính trị quốc gia Hồ Chí Minh, Ban Chủ nhiệm Đề tài nghiên cứu khoa học cấp "
    "Nhà nước của Học viện Chính trị quốc gia Hồ Chí Minh và Học viện Chính trị khu vực IV chủ trì"
)
NA_PARTNERS = "Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh Nghệ An phối hợp tổ chức"
UNDATED = "Nguồn tin không nêu ngày tổ chức"
DBP_WORKSHOP = (
    "Hội thảo khoa học cấp tỉnh “70 năm chiến thắng lịch sử Điện Biên Phủ (1954 - 2024) và những đóng góp "
    "to lớn của quân - dân Nghệ An”"
)


# fmt: off
def undated(slug: str, title: str, kind: str, level: str, window: tuple, host: str, summary: str,
            co_organizers: tuple, **fields) -> Ev:
    """An event the article counts without its day: held at some time within `window`, in a format
    the article does not state either (left empty)."""
    start, end = window
    return Ev(slug, title, kind, "", "", start, "", host, summary,
              co_organizers=co_organizers, level=level, end_date=end, day_unknown=True, **fields)


def ministry_workshop(slug: str, topic: str) -> Ev:
    return undated(
        f"hoi-thao-cap-bo-{slug}-nghe-an-2023-2024", f"Hội thảo, tọa đàm khoa học cấp Bộ về {topic}",
        EventKind.WORKSHOP, EventLevel.MINISTRY, NA_WINDOW, HV,
        f"{MINISTRY_HOSTS}; {NA_PARTNERS} trong chương trình phối hợp năm 2023-2024, gắn với nội dung về "
        f"{topic}. {UNDATED} và đơn vị chủ trì riêng của hội thảo này.",
        (NA_SCHOOL, NA_BOARD),
        src=("003",),
    )


def province_workshop(slug: str, title: str, summary: str) -> Ev:
    return undated(
        f"hoi-thao-cap-tinh-{slug}-nghe-an-2023-2024", title, EventKind.WORKSHOP, EventLevel.PROVINCE,
        NA_WINDOW, NA_SCHOOL, f"{summary} {UNDATED}.", (NA_BOARD,), src=("003",),
    )


NGHE_AN_WORKSHOPS = (
    ministry_workshop("van-hoa-dao-duc", "văn hóa, đạo đức"),
    ministry_workshop("dan-toc-ton-giao", "dân tộc, tôn giáo"),
    ministry_workshop("nha-nuoc-phap-quyen",
                      "vận dụng tư tưởng Hồ Chí Minh xây dựng nhà nước pháp quyền"),
    ministry_workshop("cham-soc-suc-khoe-nhan-dan",
                      "công tác bảo vệ, chăm sóc sức khỏe nhân dân ở Nghệ An, khu vực Bắc Trung Bộ"),
    province_workshop(
        "nong-thon-moi", "Hội thảo khoa học cấp tỉnh về xây dựng nông thôn mới ở vùng đặc biệt khó khăn",
        f"{NA_PARTNERS} trong chương trình phối hợp năm 2023-2024."),
    province_workshop(
        "doi-ngu-can-bo",
        "Hội thảo khoa học cấp tỉnh về xây dựng đội ngũ cán bộ các cấp, nhất là cán bộ chủ chốt, người đứng "
        "đầu gắn với đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị ở Đảng bộ tỉnh Nghệ An",
        f"{NA_PARTNERS} trong chương trình phối hợp năm 2023-2024, góp phần xây dựng tổ chức bộ máy của hệ "
        "thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả đáp ứng yêu cầu, nhiệm vụ trong tình hình "
        "mới."),
    province_workshop(
        "chu-de-chua-neu", "Hội thảo khoa học cấp tỉnh năm 2023-2024 (chủ đề chưa được nêu)",
        f"Một trong 05 hội thảo khoa học cấp tỉnh do {NA_PARTNERS} trong chương trình phối hợp năm "
        "2023-2024; nguồn tin không nêu chủ đề riêng của hội thảo này."),
    undated(
        "hoi-thao-70-nam-chien-thang-dien-bien-phu-nghe-an-2024", DBP_WORKSHOP,
        EventKind.WORKSHOP, EventLevel.PROVINCE, IN_2024, NA_PARTY,
        "Nhân kỷ niệm 70 năm chiến thắng Điện Biên Phủ, Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh chủ "
        "trì phối hợp tham mưu Tỉnh ủy, Quân khu 4 tổ chức thành công hội thảo, gắn với triển lãm chuyên đề "
        f"“Điện Biên Phủ - Một thiên sử vàng”. {UNDATED}.",
        (QK4, NA_BOARD, NA_SCHOOL),
        src=("003",),
    ),
    undated(
        "trien-lam-dien-bien-phu-mot-thien-su-vang-nghe-an-2024",
        "Triển lãm chuyên đề “Điện Biên Phủ - Một thiên sử vàng”",
        EventKind.OTHER, "", IN_2024, NA_PARTY,
        f"Triển lãm chuyên đề gắn với {DBP_WORKSHOP[0].lower()}{DBP_WORKSHOP[1:]}, do Tỉnh ủy, Quân khu 4 tổ "
        f"chức năm 2024. {UNDATED}.",
        (QK4, NA_BOARD, NA_SCHOOL),
        src=("003",),
    ),
    # The article prints "chuẩn mực đạo đức cách mạnh": a typing slip for "cách mạng", corrected.
    undated(
        "hoi-thao-hoc-tap-lam-theo-tu-tuong-ho-chi-minh-quy-dinh-144-nghe-an-2024",
        "Hội thảo khoa học cấp tỉnh “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với "
        "thực hiện Quy định số 144-QĐ/TW về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên giai đoạn mới”",
        EventKind.WORKSHOP, EventLevel.PROVINCE, IN_2024, NA_PARTY,
        "Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh chủ trì phối hợp tham mưu Tỉnh ủy tổ chức thành "
        f"công hội thảo trong năm 2024. {UNDATED}.",
        (NA_BOARD, NA_SCHOOL),
        legal_documents=("144-QĐ/TW",),
        src=("003",),
    ),
)
# fmt: on
EVENTS = EVENTS + NGHE_AN_WORKSHOPS


# The points of speeches, where the article numbers them, in its order and without the ordinal:
# (event's slug, speech's order) -> points. Kept apart from the speeches' rows so that each of
# those rows reads as one turn.
# fmt: off
SPEECH_POINTS = {
    # 000: Phan Công Khanh's opening "nêu ra một số nội dung chủ yếu …: (1) … (2) …"
    (KV4_REVIEW, 1): (
        "Đánh giá, làm rõ những kết quả đạt được cũng như hạn chế và nguyên nhân ưu điểm, hạn chế trong tổ "
        "chức thực hiện Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban Tuyên giáo các tỉnh, "
        "thành ủy khu vực Tây Nam Bộ trong thực hiện Nghị quyết 35-NQ/TW thời gian qua.",
        "Trên cơ sở đó, góp ý kiến những nội dung cần sửa đổi, bổ sung Quy chế phối hợp, cũng như đề xuất "
        "một số giải pháp nhằm tiếp tục thực hiện có hiệu quả Quy chế phối hợp trong thời gian tới.",
    ),
    # 001: Nguyễn Quốc Dũng's directive "đề nghị: Thứ nhất, … Thứ sáu, …"
    (KV2_DECISIONS, 2): (
        "Trong hoạt động giảng dạy, tinh thần bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các "
        "quan điểm sai trái, thù địch trong tình hình mới cần tiếp tục được quán triệt và làm tốt hơn nữa.",
        "Xây dựng các chuyên đề để đấu tranh trực diện với các thế lực thù địch.",
        "Tăng cường các hoạt động nghiên cứu khoa học có nội dung, chủ đề liên quan đến việc thực hiện Nghị "
        "quyết.",
        "Đẩy mạnh công tác tuyên truyền theo tinh thần của Nghị quyết trên Tạp chí Khoa học chính trị, trên "
        "không gian mạng qua Cổng thông tin điện tử và các fanpage của Học viện.",
        "Tiến hành công tác bồi dưỡng, cập nhật kiến thức mới, luận cứ mới về các nội dung trong hoạt động "
        "bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình "
        "hình mới cho cán bộ, viên chức, người lao động của Học viện.",
        "Phối hợp chặt chẽ với các đơn vị địa phương trong thực hiện Nghị quyết số 35-NQ/TW của Bộ Chính "
        "trị.",
    ),
    # 004: Nguyễn Quốc Dũng's opening asks for views on "các nội dung sau: (1) … (2) … (3) …"
    (KV2_HALF_YEAR, 1): (
        "Đánh giá chất lượng và tiến độ thực hiện các nhiệm vụ được giao trên tất cả các lĩnh vực.",
        "Phân tích những hạn chế, thiếu sót, đánh giá nguyên nhân khách quan, chủ quan trong quá trình thực "
        "hiện nhiệm vụ trên tất cả các mặt hoạt động. Đề xuất các giải pháp phát huy kết quả đạt được và "
        "khắc phục những hạn chế, thiếu sót.",
        "Căn cứ nhiệm vụ chính trị trong năm 2021, đi sâu phân tích, dự báo tình hình thuận lợi, khó khăn, "
        "từ đó giúp cho lãnh đạo Học viện Chính trị khu vực II xây dựng chương trình, kế hoạch công tác "
        "trong 6 tháng cuối năm và năm học mới đúng trọng tâm, trọng điểm và thiết thực.",
    ),
}

# 000: Hoàng Phúc Lâm "cảm ơn sự tham gia tích cực của Ban Tuyên giáo, Trường Chính trị các tỉnh, thành
# phố khu vực Tây Nam Bộ trong cuộc thi viết chính luận khoa học về bảo vệ nền tảng tư tưởng của Đảng do
# Học viện Chính trị quốc gia Hồ Chí Minh tổ chức". The review does not launch it: the national academy
# organises it, and by 25/08/2021 the boards and schools had taken part. When it ran is not said: it is
# recorded with its day unknown between 35-NQ/TW (22/10/2018), whose subject it takes, and the review
# that thanks its participants. Its format, rules and results are not given. The participants are
# plural groups the registry does not record one by one (committees.demo): the summary names them.
WRITING_CONTEST = "cuoc-thi-viet-chinh-luan-khoa-hoc-bao-ve-nen-tang-tu-tuong-cua-dang-hv"
CONTEST_WINDOW = (dt.date(2018, 10, 22), dt.date(2021, 8, 25))
CONTESTS = (
    undated(
        WRITING_CONTEST,
        "Cuộc thi viết chính luận khoa học về bảo vệ nền tảng tư tưởng của Đảng",
        EventKind.OTHER, "", CONTEST_WINDOW, HV,
        "Cuộc thi viết chính luận khoa học về bảo vệ nền tảng tư tưởng của Đảng do Học viện Chính trị quốc "
        "gia Hồ Chí Minh tổ chức. Ban Tuyên giáo, Trường Chính trị các tỉnh, thành phố khu vực Tây Nam Bộ "
        "đã tham gia tích cực; tại Hội nghị sơ kết Quy chế phối hợp ngày 25/8/2021 của Học viện Chính trị "
        "khu vực IV, PGS,TS Hoàng Phúc Lâm, Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh, cảm ơn sự "
        "tham gia đó. Nguồn tin không nêu thời gian tổ chức, thể lệ và kết quả cuộc thi.",
        (),
    ),
)
# fmt: on
EVENTS = EVENTS + CONTESTS
# The seed articles that state the events added after the sources' skeleton, cited by the loader.
CITED = {WRITING_CONTEST: ("000",)}
