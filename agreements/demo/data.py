"""The agreements' demo tables: every row cites the source article that states it (see the
package's docstring for the rules)."""

import datetime as dt
from typing import NamedTuple
from zoneinfo import ZoneInfo

from agreements.models import AgreementKind, AgreementStatus, MilestoneKind, PartyRole, TaskOrigin
from committees.demo import KV4, NA_BOARD, NA_SCHOOL, TNB_BOARDS
from events.demo import KV4_REVIEW, NGHE_AN_SIGNING

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
KV4_REGULATION = "quy-che-phoi-hop-kv-iv-ban-tuyen-giao-tay-nam-bo-thuc-hien-nghi-quyet-35"
NGHE_AN_2023_2024 = "chuong-trinh-phoi-hop-2023-2024-ban-tuyen-giao-truong-chinh-tri-nghe-an"
NGHE_AN_2025 = "chuong-trinh-phoi-hop-2025-ban-tuyen-giao-truong-chinh-tri-nghe-an"
REVIEW_000 = dt.date(2021, 8, 25)
SIGNING_003 = dt.date(2024, 11, 19)


def on(day: dt.date) -> dt.datetime:
    """The start of `day` in Hà Nội time: a status change the source dates but does not time."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=LOCAL)


class Party(NamedTuple):
    organization: str  # an organisation's slug
    role: str


class Step(NamedTuple):
    to: str
    at: dt.datetime | None  # None: no source dates it, the change is recorded undated
    note: str


class Review(NamedTuple):
    kind: str
    held_on: dt.date
    event: str  # the event's slug
    outcome: str


class Job(NamedTuple):
    title: str
    owner: str | None = None  # the party's organisation, when the source says who is to do it
    src: tuple = ()  # the source articles stating it; none: those of its agreement


class Agr(NamedTuple):
    slug: str
    kind: str
    title: str
    summary: str
    parties: tuple
    signed_on: dt.date | None = None
    signing_event: str | None = None  # the event's slug
    covers_from: dt.date | None = None
    covers_to: dt.date | None = None
    legal_documents: tuple = ()  # numbers
    steps: tuple = ()  # from draft, in order
    reviews: tuple = ()
    tasks: tuple = ()
    supersedes: str | None = None  # the earlier agreement's slug; it becomes "revised" on `signed_on`
    src: tuple = ()  # the source articles stating it ("000" … "004"), cited by the loader


S = AgreementStatus
UNDATED = "Nguồn không nêu ngày có hiệu lực."

# fmt: off
AGREEMENTS = (
    Agr(  # 000
        KV4_REGULATION, AgreementKind.REGULATION,
        # 000's headline: "Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban Tuyên giáo các
        # tỉnh, thành ủy khu vực Tây Nam Bộ trong thực hiện Nghị quyết số 35-NQ/TW"
        "Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban Tuyên giáo các tỉnh, thành ủy khu vực "
        "Tây Nam Bộ trong thực hiện Nghị quyết số 35-NQ/TW",
        # 000: KV IV "đã chủ động ký kết Quy chế phối hợp"; the report covers "hơn 18 tháng thực hiện"
        # and the results "trong nghiên cứu khoa học, công tác tuyên truyền, tư vấn chính sách và cập
        # nhật kiến thức".
        "Quy chế do Học viện Chính trị khu vực IV chủ động ký kết với Ban Tuyên giáo các tỉnh, thành ủy "
        "khu vực Tây Nam Bộ để phối hợp thực hiện Nghị quyết số 35-NQ/TW. Đến Hội nghị sơ kết ngày "
        "25/8/2021, Quy chế đã được thực hiện hơn 18 tháng; các bên đã phối hợp nhiều hoạt động trong "
        "nghiên cứu khoa học, công tác tuyên truyền, tư vấn chính sách và cập nhật kiến thức.",
        # KV IV leads: 000 "Học viện Chính trị khu vực IV đã phối hợp với Ban Tuyên giáo … tổ chức",
        # and it is to be the Academy's "đầu mối" with the boards. The boards are one party because
        # 000 never names them one by one (see committees.demo). No signatory is named.
        parties=(Party(KV4, PartyRole.LEAD), Party(TNB_BOARDS, PartyRole.MEMBER)),
        # signed_on stays empty: 000 gives no date, and 25/08/2021 minus "hơn 18 tháng" is no date.
        # interim_review_months stays empty too: "hơn 18 tháng" is how long the regulation had run
        # when it was reviewed, not a rule of the regulation saying when its review is due.
        legal_documents=("35-NQ/TW",),
        steps=(
            # 000 says it was signed and carried out, not when it came into force.
            Step(S.IN_FORCE, None, "Quy chế đã được ký kết; đến Hội nghị sơ kết ngày 25/8/2021 đã thực "
                 f"hiện hơn 18 tháng. Ngày ký chưa được công bố. {UNDATED}"),
            # 000: the review asks to amend it ("sửa đổi, bổ sung Quy chế phối hợp"); no amended
            # regulation is reported, so it stays under review.
            Step(S.UNDER_REVIEW, on(REVIEW_000),
                 "Hội nghị sơ kết ngày 25/8/2021 góp ý sửa đổi, bổ sung Quy chế phối hợp."),
        ),
        reviews=(
            Review(MilestoneKind.INTERIM_REVIEW, REVIEW_000, KV4_REVIEW,
                   # 000: the report (Huỳnh Thanh Quang, for KV IV's committee), the delegates'
                   # opinions and Phan Công Khanh's conclusion.
                   "Báo cáo sơ kết do Ban Chỉ đạo 35 Học viện Chính trị khu vực IV trình bày nêu những kết "
                   "quả nổi bật qua hơn 18 tháng thực hiện Quy chế: các bên nhận thức được ý nghĩa, tầm "
                   "quan trọng của công tác phối hợp thực hiện Nghị quyết 35-NQ/TW; sự phối hợp ngày càng "
                   "chặt chẽ, thông tin trao đổi hai chiều thường xuyên, thông suốt; các bên phối hợp "
                   "nhiều hoạt động trong nghiên cứu khoa học, công tác tuyên truyền, tư vấn chính sách và "
                   "cập nhật kiến thức. Báo cáo chỉ rõ một số hạn chế, nguyên nhân và đề ra 3 phương "
                   "hướng, 9 nhiệm vụ để thực hiện tốt hơn Quy chế trong thời gian tới. Các đại biểu cơ "
                   "bản thống nhất với dự thảo báo cáo sơ kết và đề nghị sửa đổi, bổ sung Quy chế theo "
                   "hướng mở rộng mạng lưới, lực lượng phối hợp, nhất là với các trường chính trị, trường "
                   "đại học trong khu vực. Kết luận hội nghị, Học viện Chính trị khu vực IV tiếp thu ý kiến "
                   "của các đại biểu và ý kiến chỉ đạo của lãnh đạo Học viện Chính trị quốc gia Hồ Chí Minh "
                   "để bổ sung, sửa đổi Quy chế phối hợp, tăng cường kết nối, mở rộng lực lượng tham gia "
                   "phối hợp, và xây dựng kế hoạch cụ thể để tiếp tục phối hợp thực hiện Nghị quyết "
                   "35-NQ/TW."),
        ),
        # No Direction rows: the report's "3 phương hướng, 9 nhiệm vụ" are counted in 000 but never
        # listed. The tasks are what 000 does list, in its order: the delegates' proposals, then
        # what Lê Văn Lợi and Hoàng Phúc Lâm directed KV IV to do (KV IV's conclusion takes them
        # up). No due dates are given; an owner only where 000 says who is to act.
        tasks=(
            # 000 delegates: "cần sửa đổi, bổ sung Quy chế phối hợp theo hướng mở rộng mạng lưới, lực
            # lượng phối hợp…"; KV IV's conclusion: the Academy will "bổ sung, sửa đổi Quy chế".
            Job("Sửa đổi, bổ sung Quy chế phối hợp theo hướng mở rộng mạng lưới, lực lượng phối hợp, nhất "
                "là với các trường chính trị, trường đại học trong khu vực", KV4),
            # 000 delegates: "đề nghị Học viện Chính trị khu vực IV tiếp tục chia sẻ thông tin…"
            Job("Tiếp tục chia sẻ thông tin về những vấn đề khoa học lý luận nhằm cung cấp luận cứ phục vụ "
                "công tác tuyên truyền bảo vệ nền tảng tư tưởng của Đảng", KV4),
            # 000 delegates: "tiếp tục phối hợp trong công tác đào tạo, bồi dưỡng cán bộ" (both sides)
            Job("Tiếp tục phối hợp trong công tác đào tạo, bồi dưỡng cán bộ"),
            # 000 Lê Văn Lợi "chỉ đạo Học viện Chính trị khu vực IV phải trở thành đầu mối…"
            Job("Trở thành đầu mối của Học viện Chính trị quốc gia Hồ Chí Minh trong việc kết nối với Ban "
                "Tuyên giáo, Trường Chính trị nhằm triển khai các nhiệm vụ cụ thể trong thực hiện Nghị quyết "
                "35-NQ/TW gắn với đặc thù của khu vực Tây Nam Bộ như vấn đề lịch sử, dân tộc, tôn giáo", KV4),
            # 000 Lê Văn Lợi; KV IV's conclusion: "Học viện sẽ xây dựng kế hoạch cụ thể"
            Job("Cụ thể hóa 3 phương hướng, 9 nhiệm vụ trong Báo cáo sơ kết thành kế hoạch hoạt động cụ "
                "thể", KV4),
            Job("Tiếp tục phối hợp với Ban Tuyên giáo các tỉnh, thành ủy tổ chức các sinh hoạt khoa học như "
                "hội thảo, tọa đàm, trao đổi kinh nghiệm trong việc thực hiện Nghị quyết 35-NQ/TW", KV4),
            Job("Tiếp tục tổ chức các lớp cập nhật kiến thức và bồi dưỡng kỹ năng, nghiệp vụ trong công tác "
                "bảo vệ nền tảng tư tưởng của Đảng", KV4),
            Job("Tăng cường kết nối, trao đổi thông tin chặt chẽ, đa dạng qua nhiều kênh liên lạc", KV4),
            Job("Đẩy mạnh công tác tuyên truyền", KV4),  # 000 prints "tuyên tuyền…"
            # 000 Lê Văn Lợi: KV IV "có thể phối hợp" (a suggestion) "với các Ban Tuyên giáo và Đài phát
            # thanh và Truyền hình các tỉnh, thành phố"; the stations are no organisations here.
            Job("Phối hợp với các Ban Tuyên giáo và Đài Phát thanh và Truyền hình các tỉnh, thành phố xây "
                "dựng các clip có nội dung bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan "
                "điểm sai trái, thù địch để đăng tải rộng rãi, đa dạng trên các trang mạng xã hội", KV4),
            # 000 Hoàng Phúc Lâm: "Học viện Chính trị khu vực IV cần tiếp tục…"
            Job("Tiếp tục tăng cường kết nối, phối hợp với các cơ quan, đơn vị trong khu vực Tây Nam Bộ "
                "trong thực hiện Quy chế, cũng như các nhiệm vụ chính trị khác", KV4),
            Job("Tiếp tục đổi mới hình thức bài viết, hình thức tuyên truyền; phối hợp với các Ban Tuyên "
                "giáo tích cực, chủ động phản bác các thông tin có nội dung xấu, độc hại, nhất là trên không "
                "gian mạng", KV4),
            Job("Tăng cường xây dựng đội ngũ cộng tác viên, giảng viên kiêm chức từ Ban Tuyên giáo các tỉnh, "
                "thành ủy", KV4),
        ),
        src=("000",),
    ),
    Agr(  # 003: the programme reviewed on 19/11/2024
        NGHE_AN_2023_2024, AgreementKind.PROGRAMME,
        # 003 "đánh giá chương trình phối hợp năm 2023-2024 … giữa Ban Tuyên giáo Tỉnh ủy với Trường
        # Chính trị tỉnh"
        "Chương trình phối hợp năm 2023-2024 giữa Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh Nghệ An",
        "Chương trình phối hợp giữa Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh Nghệ An trong hai năm "
        "2023-2024, được đánh giá tại hội nghị ngày 19/11/2024 và được tiếp nối bằng chương trình phối hợp "
        "năm 2025.",
        # The board leads, read as KV IV is in 000: "Ban Tuyên giáo Tỉnh ủy phối hợp với Trường Chính
        # trị tỉnh tổ chức"; it also hosts the event. Signatories are not named.
        parties=(Party(NA_BOARD, PartyRole.LEAD), Party(NA_SCHOOL, PartyRole.MEMBER)),
        # Signing date unknown; the period is the years the name gives.
        covers_from=dt.date(2023, 1, 1), covers_to=dt.date(2024, 12, 31),
        # 003, of the work reviewed: "theo Nghị quyết số 35-NQ/TW", "thực hiện tốt Kết luận số
        # 01-KL/TW", "theo Đề án số 05-ĐA/TU". 05-CT/TW is only what 01-KL/TW continues, 144-QĐ/TW
        # only a workshop's theme (as in events.demo).
        legal_documents=("35-NQ/TW", "01-KL/TW", "05-ĐA/TU"),
        steps=(Step(S.IN_FORCE, None, f"Ngày ký chưa được công bố. {UNDATED}"),),
        reviews=(
            # 003: the results listed; "trong thời gian qua", "đặc biệt trong năm 2024". The article
            # writes "cách mạnh", a typo for "cách mạng", and leaves one quotation unopened.
            Review(MilestoneKind.FINAL_REVIEW, SIGNING_003, NGHE_AN_SIGNING,
                   "Công tác phối hợp góp phần làm tốt công tác tham mưu cho Ban Thường vụ Tỉnh ủy, UBND "
                   "tỉnh và đạt nhiều kết quả. Hai bên phối hợp tổ chức thành công 04 hội thảo, tọa đàm "
                   "khoa học cấp Bộ do Học viện Chính trị quốc gia Hồ Chí Minh, Ban Chủ nhiệm Đề tài "
                   "nghiên cứu khoa học cấp Nhà nước của Học viện Chính trị quốc gia Hồ Chí Minh và Học "
                   "viện Chính trị khu vực IV chủ trì, về văn hóa, đạo đức, dân tộc, tôn giáo, vận dụng tư "
                   "tưởng Hồ Chí Minh xây dựng nhà nước pháp quyền và công tác bảo vệ, chăm sóc sức khỏe "
                   "nhân dân ở Nghệ An, khu vực Bắc Trung Bộ; và 05 hội thảo khoa học cấp tỉnh về xây "
                   "dựng nông thôn mới ở vùng đặc biệt khó khăn, xây dựng đội ngũ cán bộ các cấp, nhất là "
                   "cán bộ chủ chốt, người đứng đầu gắn với đổi mới, sắp xếp tổ chức bộ máy của hệ thống "
                   "chính trị. Năm 2024, nhân kỷ niệm 70 năm chiến thắng Điện Biên Phủ, chủ trì phối hợp "
                   "tham mưu Tỉnh ủy, Quân khu 4 tổ chức thành công Hội thảo khoa học cấp tỉnh “70 năm "
                   "chiến thắng lịch sử Điện Biên Phủ (1954 - 2024) và những đóng góp to lớn của quân - dân "
                   "Nghệ An” gắn với triển lãm chuyên đề “Điện Biên Phủ - Một thiên sử vàng”, và Hội thảo "
                   "khoa học cấp tỉnh “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn "
                   "với thực hiện Quy định số 144-QĐ/TW về chuẩn mực đạo đức cách mạng của cán bộ, đảng "
                   "viên giai đoạn mới”. Ban Tuyên giáo Tỉnh ủy mời giảng viên Trường Chính trị tỉnh dự "
                   "một số lớp tập huấn chuyên đề, hội nghị báo cáo viên hàng tháng; hai bên phối hợp biên "
                   "soạn tài liệu phục vụ tuyên truyền, giáo dục lý luận chính trị, học tập và làm theo tư "
                   "tưởng, đạo đức, phong cách Hồ Chí Minh, biên soạn, thẩm định tài liệu bồi dưỡng cán "
                   "bộ, công chức cấp xã theo Đề án số 05-ĐA/TU; tổ chức các hội nghị chuyên đề cho cán bộ "
                   "làm công tác tuyên giáo, giảng viên và báo cáo viên cấp huyện; phối hợp bảo vệ nền "
                   "tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch theo Nghị "
                   "quyết số 35-NQ/TW; phối hợp trong hoạt động của Ban Chỉ đạo 35 và thực hiện Kết luận "
                   "số 01-KL/TW; kiểm tra, đánh giá chất lượng giảng dạy, học tập lý luận chính trị tại "
                   "trung tâm chính trị cấp huyện; xây dựng kế hoạch đào tạo, bồi dưỡng lý luận chính trị "
                   "và tập huấn nâng cao phương pháp giảng dạy cho giảng viên trung tâm chính trị cấp "
                   "huyện. Trưởng ban Tuyên giáo Tỉnh ủy Nguyễn Thị Hồng Hoa đánh giá cao hiệu quả phối hợp "
                   "của hai đơn vị."),
        ),
        # No tasks: 003 lists what was done, not what the programme committed the parties to.
        src=("003",),
    ),
    Agr(  # 003: "Tại hội nghị, Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh ký kết nội dung phối hợp
        # công tác năm 2025."
        NGHE_AN_2025, AgreementKind.PROGRAMME,
        "Chương trình phối hợp năm 2025 giữa Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh Nghệ An",
        "Nội dung phối hợp công tác năm 2025 giữa Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh Nghệ An, "
        "ký kết ngày 19/11/2024 tại hội nghị đánh giá chương trình phối hợp năm 2023-2024. Trưởng ban "
        "Tuyên giáo Tỉnh ủy Nguyễn Thị Hồng Hoa lưu ý năm 2025 có nhiều sự kiện quan trọng: Đại hội Đảng "
        "các cấp gắn với các ngày lễ lớn, các sự kiện của đất nước, của tỉnh. Các nhiệm vụ ghi ở đây theo "
        "ý kiến chỉ đạo của đồng chí tại hội nghị.",
        parties=(Party(NA_BOARD, PartyRole.LEAD), Party(NA_SCHOOL, PartyRole.MEMBER)),
        signed_on=SIGNING_003, signing_event=NGHE_AN_SIGNING,
        covers_from=dt.date(2025, 1, 1), covers_to=dt.date(2025, 12, 31),  # "năm 2025"
        # No legal documents: 003 does not say what the 2025 content implements (only "cập nhật các
        # chủ trương, nghị quyết"); 35-NQ/TW, 01-KL/TW and 05-ĐA/TU are cited for the work reviewed.
        # In force from the signing (003 gives no other date; effective_from/to stay empty).
        steps=(Step(S.IN_FORCE, on(SIGNING_003), "Ký kết tại hội nghị ngày 19/11/2024."),),
        # 003: the signed content is not published; the tasks are Nguyễn Thị Hồng Hoa's directions to
        # "cán bộ, giảng viên của Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh" / "hai đơn vị":
        # both parties, which one owner cannot say, so no owner. No due dates.
        tasks=(
            Job("Cập nhật các chủ trương, nghị quyết, bổ sung thêm kiến thức thực tiễn, nhất là thông tin "
                "mới, vấn đề đang được thực tiễn dư luận quan tâm để tuyên truyền, giáo dục chính trị"),
            Job("Triển khai phối hợp thường xuyên, chặt chẽ và sâu sắc"),
            Job("Lựa chọn nội dung, hoạt động trọng tâm để triển khai thực hiện với tư duy, phương pháp và "
                "cách làm mới"),
            Job("Xây dựng kế hoạch phối hợp trong công tác đào tạo lý luận chính trị cho đội ngũ cán bộ sau "
                "sắp xếp đơn vị hành chính, kỹ năng về chuyển đổi số, ngoại ngữ cho đội ngũ cán bộ các cấp"),
        ),
        # 003 "đánh giá chương trình phối hợp năm 2023-2024, triển khai nội dung chương trình phối hợp
        # năm 2025": the 2025 programme renews 2023-2024, which is "revised" from the signing.
        supersedes=NGHE_AN_2023_2024,
        src=("003",),
    ),
)
# fmt: on


# 000: what the review's report "đề ra": "3 phương hướng, 9 nhiệm vụ", counted and never listed
# (the article repeats the count in Lê Văn Lợi's directive). Recorded on the review as stated
# counts: (agreement's slug, day held) -> (directions, tasks).
STATED_COUNTS = {(KV4_REGULATION, REVIEW_000): (3, 9)}

# 000 names none of the report's 9 tasks. The 13 tasks recorded for KV IV's regulation are, in
# their order, the delegates' proposals ("các đại biểu nhấn mạnh cần…", "các ý kiến đề nghị…": 1-3)
# and the directives of Lê Văn Lợi ("chỉ đạo…", "cần…", "có thể phối hợp…": 4-10) and of Hoàng Phúc
# Lâm ("cần tiếp tục…": 11-13). The source calls none of them a "nhiệm vụ", so no task is recorded
# as named as one: (agreement's slug) -> the origin of each task, by order.
P, D = TaskOrigin.PROPOSAL, TaskOrigin.DIRECTIVE
TASK_ORIGINS = {KV4_REGULATION: (P, P, P, D, D, D, D, D, D, D, D, D, D)}
