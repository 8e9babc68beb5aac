"""The review reports of the source articles (../shared/seeds/), as declarative tables.

Articles: 002 = the results report of Học viện Chính trị khu vực I's Party committee on
Resolution 35 (undated); 004 = the three unit reports presented at Học viện Chính trị khu vực
II's six-month review of 02/07/2021. Texts are the articles' own words: 002's items verbatim
(each heading the bolded first sentence, its text the paragraphs under it), 004's taken from
the sentences reporting each speaker, with the speaker's framing ("cho biết", "nhấn mạnh")
left out. Slips of the capture are mended where the meaning is plain, and said so: in 002
"Chinh trị", "tich cực", "giương mẫu", "đồng tỉnh" (đồng tình) and "Học việnđội ngũ" (Học viện
và đội ngũ).

Choices the sources leave open:
- 002's period: the article gives none and is undated. It reports from the founding of the
  committee's Steering Committee "ngay sau khi có chỉ đạo … cuối năm 2018", which could not come
  before Resolution 35 itself (22/10/2018), to the context it names last, the elections of the
  National Assembly and People's Councils (23/05/2021): explicit dates 22/10/2018–23/05/2021,
  the widest window the text vouches for.
- 002 states results and solutions only: no limitations, no directions. Its fifth solution has
  no paragraph of its own (the article's conclusion follows): its heading is "Thứ năm" and its
  text the sentence.
- 004's reports belong to the units that wrote them, each an organisation of the registry
  (the Academy, its Party committee, its trade union), and are "submitted": they were
  presented at the conference, which approved nothing the article reports. The trade union's
  report gives results only: the article reports none of its directions.
- Workflow times are when the portal moved the report (the loader, acting as nobody): the
  sources do not date submissions or approvals.
"""

import datetime as dt
from typing import NamedTuple

from committees.demo import KV1, KV2, party
from events.demo import KV2_HALF_YEAR
from reports.models import ReportKind, ReportStatus, SectionKind


class Item(NamedTuple):
    heading: str
    text: str
    src: tuple = ()  # the source articles stating it; none: those of its report


class Rep(NamedTuple):
    organization: str  # an organisation's slug
    kind: str
    title: str
    status: str
    start: dt.date  # the period: explicit dates, named a year or a half when they make one
    end: dt.date
    sections: dict  # SectionKind -> tuple of Item, in order
    event: str = ""  # the slug of the event it was presented at
    presenter: str = ""  # a person's slug
    author_unit: str = ""
    src: tuple = ()  # the source articles stating it ("000" … "004"), cited by the loader


S = SectionKind
CDCS_KV2 = f"cong-doan-co-so-{KV2}"
H1_2021 = (dt.date(2021, 1, 1), dt.date(2021, 6, 30))
HALF = "6 tháng đầu năm 2021, phương hướng, nhiệm vụ 6 tháng cuối năm 2021"

# fmt: off
KV1_RESULTS = (  # 002: "Một là" … "Năm là"
        Item(
            "Một là, công tác tuyên truyền, giáo dục chính trị tư tưởng, nâng cao nhận thức cho cán bộ, "
            "đảng viên, công chức, viên chức, người lao động và học viên về vai trò và tầm quan trọng của "
            "công tác bảo vệ nền tảng tư tưởng của Đảng; đấu tranh phản bác các quan điểm sai trái, thù "
            "địch được triển khai với nhiều nội dung, hình thức phong phú, hiệu quả.",
            "Ngay sau khi có chỉ đạo của Đảng ủy Học viện Chính trị quốc gia Hồ Chí Minh cuối năm 2018, "
            "Đảng bộ Học viện Chính trị khu vực I đã thành lập Ban Chỉ đạo thực hiện Nghị quyết số "
            "35-NQ/TW, hình thành Văn phòng Ban Chỉ đạo để duy trì điều hành thường xuyên. Cấp ủy các chi "
            "bộ, thủ trưởng các đơn vị và các đoàn thể chính trị - xã hội trong Học viện đã thực hiện "
            "nghiêm túc việc quán triệt nội dung Nghị quyết số 35-NQ/TW; chủ động nghiên cứu, lồng ghép "
            "nội dung Nghị quyết vào các chuyên đề giảng dạy các lớp đào tạo, bồi dưỡng lý luận chính trị,"
            " chuyên môn, nghiệp vụ; các hội nghị, hoạt động của đoàn thể, các buổi chào cờ đầu tháng, "
            "sinh hoạt chuyên đề, diễn đàn sinh hoạt chi bộ… Đặc biệt, Đảng ủy chú trọng việc cung cấp kịp"
            " thời các thông tin thời sự qua các hội nghị; đăng tải, chia sẻ thông tin trên trang thông "
            "tin điện tử của Học viện; phản bác các thông tin sai trái, vạch trần âm mưu của các thế lực "
            "thù địch trong và ngoài nước để cán bộ, đảng viên có cách nhìn đa chiều, nhận diện sâu hơn về"
            " các thủ đoạn chống phá, nhất là trên in-tơ-nét, mạng xã hội. Từ đó, nâng cao trách nhiệm cá "
            "nhân, tinh thần cảnh giác, chủ động đấu tranh với các luận điệu xuyên tạc của các thế lực thù"
            " địch. Ban Tuyên giáo đã tham mưu với Đảng ủy Học viện đã đưa nội dung Nghị quyết 35-NQ/TW "
            "thành một chuyên đề sinh hoạt năm 2020 đối với các chi bộ trong Đảng bộ.",
        ),
        Item(
            "Hai là, Học viện phát huy tốt hoạt động của Tạp chí Giáo dục lý luận, Trung tâm Thông tin thư"
            " viện, Website của Học viện và đội ngũ cán bộ, giảng viên, các nhà khoa học trong công tác "
            "tuyên truyền, đấu tranh phản bác các thông tin sai sự thật.",
            "Tạp chí Giáo dục lý luận, Trung tâm Thông tin thư viện và Website của Học viện trong những "
            "năm qua đã phát huy mạnh mẽ vai trò, tác dụng trong công tác tuyên truyền, định hướng thông "
            "tin, ổn định tình hình dư luận. Cấp ủy, thủ trưởng các đơn vị đã quan tâm, chỉ đạo viết bài "
            "đấu tranh chống các luận điệu xuyên tạc, nghiên cứu để tiến tới xây dựng chuyên mục “Người "
            "tốt, việc tốt”, nêu gương điển hình tiên tiến trong học tập và làm theo tư tưởng, đạo đức, "
            "phong cách Hồ Chí Minh, phát huy tác dụng tích cực nâng cao nhận thức chính trị, tư tưởng của"
            " cán bộ, đảng viên, công chức, viên chức, người lao động và học viên trong Học viện. Năm "
            "2020, Học viện xuất bản sách “Vận dụng tư tưởng Hồ Chí Minh về đạo đức cách mạng vào phòng, "
            "chống suy thoái đạo đức của cán bộ, đảng viên trong công tác xây dựng Đảng hiện nay”. Đây là "
            "tài liệu quan trọng, giúp cấp ủy, thủ trưởng các đơn vị và cán bộ, đảng viên trong Đảng bộ "
            "nghiên cứu, học tập và thực hành đạo đức đạt kết quả tốt. Học viện trang bị sách “Một số luận"
            " cứ phản bác các quan điểm sai trái, thù địch, chống phá Đại hội XIII của Đảng” do GS, TS. Vũ"
            " Văn Hiền chủ biên, Nhà xuất bản Chính trị quốc gia Sự thật ấn hành năm 2020 cho cán bộ, "
            "giảng viên trong Học viện làm tài liệu nghiên cứu, phục vụ kịp thời cho công tác giảng dạy và"
            " nghiên cứu khoa học tại Học viện.",
        ),
        Item(
            "Ba là, công tác theo dõi, phát hiện, xử lý, đấu tranh ngăn chặn, phản bác các thông tin sai "
            "trái, thù địch, phản động bước đầu có kết quả tốt.",
            "Những năm gần đây, cấp ủy, thủ trưởng các đơn vị trong Đảng bộ Học viện Chính trị khu vực I "
            "luôn coi trọng công tác quản lý đảng viên, công chức, viên chức; chủ động theo dõi, phát "
            "hiện, xử lý các trường hợp đăng tải các nội dung thông tin sai sự thật, không chuẩn xác. Giám"
            " đốc Học viện duy trì nghiêm túc chế độ tiếp công dân hằng tháng, tăng cường tổ chức đối "
            "thoại với cán bộ, đảng viên và học viên để nắm bắt tâm tư, nguyện vọng và kịp thời giải quyết"
            " những vấn đề nổi cộm, bức xúc. Bám sát các nghị định, Luật An ninh mạng và các văn bản chỉ "
            "đạo của cấp ủy cấp trên, Đảng bộ Học viện đã ban hành kịp thời hệ thống các văn bản điều "
            "hành, quy chế, quy định… nhằm nghiêm cấm và có chế tài xử lý kiên quyết các hành vi đăng tải "
            "thông tin sai sự thật, được cán bộ, đảng viên, người lao động và học viên đồng tình, ủng hộ. "
            "Do vậy, các văn bản như “Quy định về chi tiêu nội bộ”; “Quy chế đào tạo cao cấp lý luận chính"
            " trị”… được cán bộ, đảng viên và người lao động cùng tham gia xây dựng từ dự thảo cho đến quá"
            " trình tổ chức thực hiện. Đảng bộ Học viện không ngừng quan tâm cải thiện đời sống vật chất "
            "và tinh thần cho cán bộ, đảng viên và người lao động tại Học viện như cải tiến công tác phục "
            "vụ nhà ăn, khu giảng đường, chế độ đi công tác, đưa đón giảng viên, đầu tư nâng cấp sân thể "
            "thao, mua sắm dụng cụ rèn luyện thể chất, tổ chức nhiều phong trào văn hóa, thể thao sôi "
            "nổi,... nhờ vậy tạo được tình cảm của mỗi cán bộ, đảng viên, người lao động và học viên gắn "
            "bó, yên tâm về tư tưởng, tích cực tham gia cống hiến cho sự nghiệp xây dựng và phát triển Học"
            " viện.\nLà đơn vị hằng năm được phân công đào tạo học viên nước Cộng hòa Dân chủ Nhân dân Lào "
            "theo chỉ tiêu của Học viện Chính trị quốc gia Hồ Chí Minh, Đảng bộ Học viện chỉ đạo công tác "
            "xây dựng đề cương, viết giáo trình và yêu cầu đổi mới nội dung, phương pháp giảng dạy; đồng "
            "thời nắm và xử lý tốt các thông tin xấu, độc trên mạng xã hội có thể gây ảnh hưởng xấu đến "
            "quan hệ hai Đảng, hai nước. Học viện cũng quan tâm giải quyết tốt các chế độ, chính sách cho "
            "học viên Lào, phối hợp với Đại sứ quán Lào tổ chức Tết truyền thống cho học viên Lào và tạo "
            "điều kiện để học viên Lào tham gia hoạt động Tết cổ truyền của Việt Nam. Từ đó đã góp phần "
            "quan trọng củng cố tình đoàn kết gắn bó Việt Nam - Lào và khẳng định mối quan hệ bền vững "
            "giữa hai Đảng, hai nước. Nhiều học viên Lào sau khi tốt nghiệp đã bày tỏ tình cảm tri ân sâu "
            "sắc tới Học viện và mong muốn có dịp về thăm Học viện.",
        ),
        Item(
            "Bốn là, Đảng bộ Học viện giao cho các chi bộ, đơn vị trực thuộc chú trọng xây dựng, bồi dưỡng"
            " lực lượng tuyên truyền bảo đảm về số lượng chất lượng; chủ động, nhạy bén tham gia đấu "
            "tranh, phản bác các quan điểm sai trái.",
            "Việc xây dựng, tổ chức lực lượng làm nhiệm vụ tuyên truyền, đấu tranh, phản bác các thông tin"
            " xấu, độc được chú trọng triển khai trong toàn Đảng bộ. Hai năm gần đây, Đảng bộ Học viện "
            "Chính trị khu vực I tăng cường đầu tư, tập trung củng cố, nâng cao chất lượng đội ngũ cán bộ,"
            " giảng viên, đồng thời xây dựng, phát triển thêm lực lượng cộng tác viên; đẩy mạnh và nâng "
            "cao chất lượng văn hóa đọc, duy trì tốt các chuyên đề giới thiệu sách của Trung tâm Thông tin"
            " thư viện phối hợp với các khoa hằng tháng; mở nhiều hội thảo khoa học, trao đổi, tọa đàm, "
            "mời các chuyên gia giỏi, các nhà khoa học tiêu biểu đến nói chuyện thời sự cho cán bộ, đảng "
            "viên, học viên... Đảng bộ Học viện Chính trị khu vực I duy trì thực hiện nghiêm túc chế độ "
            "thông tin báo cáo đa chiều để bám, nắm tình hình tư tưởng, an ninh chính trị, định hướng dư "
            "luận trong cán bộ, đảng viên, học viên; phát hiện kịp thời thông tin trái chiều, thiếu đồng "
            "thuận có liên quan đến việc thực hiện chủ trương, chính sách của Đảng, pháp luật của Nhà nước"
            " và các quy định của Học viện để kịp thời báo cáo, cập nhật thông tin cho Ban Chỉ đạo thực "
            "hiện Nghị quyết 35 của Học viện tham mưu cho lãnh đạo Học viện nghiên cứu, xử lý.",
        ),
        Item(
            "Năm là, sự phối hợp giữa Học viện với cấp ủy, chính quyền các địa phương và lãnh đạo các bộ, "
            "ngành trong việc theo dõi, phát hiện, xử lý các thông tin xấu độc ngày càng nhịp nhàng, chặt "
            "chẽ.",
            "Học viện Chính trị khu vực I có nhiệm vụ đào tạo cho học viên các lớp không tập trung tại các"
            " địa phương, bộ, ngành. Đảng bộ Học viện xác định, việc bảo vệ nền tảng tư tưởng của Đảng, "
            "đấu tranh, phản bác các quan điểm sai trái thù địch là nhiệm vụ quan trọng, thường xuyên, lâu"
            " dài, yêu cầu tất cả cán bộ, đảng viên, học viên đều phải tích cực tham gia, do vậy sự phối "
            "hợp giữa Học viện với cấp ủy, chính quyền các địa phương, bộ, ngành, cơ quan, đơn vị là không"
            " thể thiếu. Để thực hiện tốt nội dung này, Học viện giao cho đội ngũ giáo viên chủ nhiệm "
            "triển khai nội quy Học viện đến người học, thường xuyên phối hợp với cấp ủy, chính quyền các "
            "địa phương, bộ, ngành thành lập ban chỉ đạo, ban tổ chức lớp học; thông qua đội ngũ giảng "
            "viên tăng cường các biện pháp quản lý, nắm tình hình học viên, chủ động phối hợp với cấp ủy "
            "địa phương, đơn vị lãnh đạo, chỉ đạo triển khai công tác bảo vệ nền tảng tư tưởng của Đảng, "
            "đấu tranh phản bác các quan điểm sai trái, thù địch. Đảng ủy Học viện xác định mỗi lớp học "
            "không tập trung là đầu mối chỉ đạo, xử lý thông tin nên phải xây dựng và tổ chức lực lượng "
            "đấu tranh, phản bác với các tư tưởng học đối phó, tiêu cực trong tuyển sinh, thi cử... ngay "
            "từ diễn đàn học tập. Do vậy, cấp ủy các địa phương, thủ trưởng các đơn vị luôn đồng tình với "
            "Học viện, chỉ đạo các cơ quan truyền thông, báo chí tăng cường công tác tuyên truyền, định "
            "hướng thông tin, quan tâm đầu tư bồi dưỡng, nâng cao chất lượng tin bài đấu tranh, phản bác; "
            "động viên, cổ vũ học viên đang công tác tại địa phương tích cực tham gia viết bài đấu tranh "
            "chống các quan điểm sai trái, thù địch, góp phần bảo vệ nền tảng tư tưởng của Đảng ngay tại "
            "cơ quan, đơn vị, góp phần khẳng định chất lượng cán bộ trong và sau đào tạo tại Học viện. Đến"
            " nay, hoạt động và sự liên kết, phối hợp giữa Học viện Chính trị khu vực I với cấp uỷ, chính "
            "quyền các địa phương, đơn vị trong công tác đào tạo, bồi dưỡng nói chung, hoạt động bảo vệ "
            "nền tảng tư tưởng của Đảng nói riêng khá nhịp nhàng, chặt chẽ, hiệu quả, không có trường hợp "
            "học viên nào vi phạm phải xử lý theo quy định.",
        ),
)
KV1_SOLUTIONS = (  # 002: "Thứ nhất" … "Thứ năm", the "giải pháp" the committee resolves to carry out
        Item(
            "Thứ nhất, thường xuyên nâng cao nhận thức cho cán bộ, đảng viên, người lao động và học viên "
            "trong Học viện thấy rõ các âm mưu, thủ đoạn chống phá cách mạng nước ta của các thế lực thù "
            "địch, luôn đề cao cảnh giác để đối phó thắng lợi.",
            "Học viện tiếp tục duy trì và đổi mới hoạt động giới thiệu sách, tổ chức các hội thảo khoa học"
            " về bảo vệ nền tảng tư tưởng của Đảng. Tăng cường nội dung thông tin trên Website, Tạp chí "
            "Giáo dục lý luận; Trung tâm Thông tin thư viện của Học viện; cải tiến chế độ phục vụ bạn đọc,"
            " tạo sự hấp dẫn cho phòng đọc; khuyến khích cán bộ, đảng viên, giảng viên, nhà khoa học "
            "nghiên cứu, viết bài về các hoạt động bảo vệ nền tảng tư tưởng của Đảng từ các chi bộ, khoa, "
            "phòng, ban; kể cả học viên các hệ tập trung, không tập trung và bồi dưỡng theo chức danh, học"
            " viên Lào, tiến tới hình thành chuyên mục bảo vệ nền tảng tư tưởng trên Website và Tạp chí "
            "Giáo dục lý luận của Học viện. Chủ động lựa chọn, cập nhật các thông tin mới để định hướng dư"
            " luận, coi trọng công tác tổng kết thực tiễn từ cách làm hay, sáng tạo mà các địa phương, đơn"
            " vị đã thực hiện. Học viện duy trì hoạt động chào cờ đầu tháng; có nội dung đánh giá công tác"
            " bảo vệ nền tảng tư tưởng và những định hướng mới phù hợp cho cán bộ, đảng viên khi tham gia "
            "viết bài cho các Hội thảo và Tạp chí Giáo dục lý luận.\nTrong sinh hoạt chi bộ, Đảng ủy yêu "
            "cầu nội dung đánh giá công tác bảo vệ nền tảng tư tưởng của Đảng được duy trì và triển khai "
            "nghiêm túc hằng tháng. Đề cao vai trò cấp ủy viên và đảng viên, nhất là người đứng đầu cấp "
            "ủy, thủ trưởng các đơn vị trực thuộc trong việc nắm bắt các thông tin xấu, độc, không chính "
            "thống, kịp thời phản ánh với Ban Chỉ đạo để có biện pháp ngăn ngừa kịp thời. Thực hiện tốt "
            "chế độ cam kết cá nhân đảng viên không vi phạm những nội dung không được làm được nêu trong "
            "Nghị quyết 35 và tổ chức các hoạt động kiểm tra, giám sát có hiệu quả. Đảng ủy duy trì nghiêm"
            " chế độ giao ban, phản ánh, các chế độ thông tin, báo cáo của đảng viên với chi bộ; của chi "
            "bộ và các đoàn thể với Đảng ủy để bảo đảm sự lãnh đạo toàn diện trên các lĩnh vực công tác, "
            "nhất là lãnh đạo công tác bảo vệ nền tảng tư tưởng của Đảng trong tình hình hiện nay.",
        ),
        Item(
            "Thứ hai, tập trung củng cố tổ chức bộ máy, bảo đảm đoàn kết, gắn bó, trách nhiệm và kiên "
            "quyết đấu tranh với các biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ.",
            "Đảng ủy và Lãnh đạo Học viện duy trì tốt các hoạt động tiếp công dân theo quy định, tăng "
            "cường lắng nghe, đối thoại với cán bộ, đảng viên, học viên và người lao động, phát hiện và "
            "giải quyết sớm, dứt điểm những thiếu sót, mâu thuẫn, tạo ra không khí dân chủ thực sự trong "
            "Học viện. Hình thành chế độ thông tin đa chiều như đường dây nóng (hotline) giữa lãnh đạo Học"
            " viện với học viên và cán bộ, giảng viên; tổ chức các hòm thư góp ý đặt tại các vị trí phục "
            "vụ công cộng như nhà ăn, phòng đọc, hành lang giảng đường… để kịp thời nắm thông tin về cán "
            "bộ, đảng viên, người lao động, học viên trong Học viện. Phối hợp tốt giữa thanh tra, kiểm "
            "tra, giám sát, giữa công tác đảng với công tác quản lý nhà nước và công tác đoàn thể để có "
            "giải pháp chỉ đạo đồng bộ, tránh chồng chéo hoặc bỏ sót. Kiên quyết chấn chỉnh, uốn nắn và xử"
            " lý nghiêm các sai phạm của cá nhân, tổ chức, chỉ đạo quyết liệt khắc phục hậu quả do các "
            "hành vi vi phạm gây nên. Đảng bộ và lãnh đạo Học viện thực hiện tốt công tác thi đua, khen "
            "thưởng và giải quyết tốt các chế độ chính sách, bảo đảm công khai, minh bạch. Đổi mới chế độ "
            "phân công công tác cho cấp ủy viên và đảng viên, bảo đảm nắm bắt kịp thời các thông tin và xử"
            " lý triệt để, không để kéo dài, gây hoài nghi trong nội bộ. Tiếp tục duy trì việc mời các "
            "chuyên gia giỏi, các nhà khoa học tiêu biểu đến nói chuyện thời sự; mời các nhà giáo lão "
            "thành tham gia giảng dạy, viết bài và nghiên cứu khoa học cho Học viện; khuyến khích cán bộ "
            "trẻ có năng lực tham gia các đề tài khoa học cấp Nhà nước, cải tiến hoạt động tài chính khoa "
            "học để cổ vũ các nhà khoa học và thực hiện tốt quy định của Kiểm toán nhà nước trong tất cả "
            "các hoạt động, nhất là công tác nghiên cứu khoa học, chấn chỉnh việc chấp hành kỷ luật phát "
            "ngôn.",
        ),
        Item(
            "Thứ ba, tăng cường công tác quản lý đảng viên, nhất là cán bộ lãnh đạo, quản lý và cán bộ "
            "giảng dạy, nghiên cứu khoa học.",
            "Công tác quản lý đảng viên được triển khai theo chế độ số hóa hồ sơ đảng viên, kiểm tra các "
            "văn bằng, chứng chỉ và kết quả thực hiện nhiệm vụ, các mối quan hệ của đảng viên và quá trình"
            " phối hợp với cấp ủy các địa phương, đơn vị. Phối hợp với cấp ủy nơi cư trú để nắm thông tin "
            "về đảng viên với vai trò gương mẫu, nêu gương của đảng viên và gia đình đảng viên ở khu dân "
            "cư. Với những thông tin chưa tốt về cán bộ, đảng viên, Đảng ủy yêu cầu các chi bộ thẩm tra, "
            "nếu cần giao cho Ủy ban Kiểm tra Đảng ủy tiến hành xác minh, hoặc kiểm tra dấu hiệu vi phạm, "
            "từ đó có thể minh oan cho cán bộ, đảng viên nếu đó là thông tin xấu; nhưng cũng có thể xử lý "
            "kỷ luật cán bộ, đảng viên nếu thông tin có đủ cơ sở kết luận đã sai phạm. Tiếp tục duy trì "
            "hoạt động cử cán bộ, giảng viên đi thực tế để bồi dưỡng, nâng cao kiến thức thực tiễn. Khuyến"
            " khích giảng viên trẻ đăng ký tham gia học tập các lớp bồi dưỡng, hoàn thành chứng chỉ chuyên"
            " môn; đăng ký nghiên cứu sinh trong và ngoài nước, hướng đến hình thành, phát triển đội ngũ "
            "cán bộ, giảng viên mạnh, đáp ứng yêu cầu đào tạo, bồi dưỡng trước mắt cũng như lâu dài.",
        ),
        Item(
            "Thứ tư, tranh thủ sự lãnh đạo của Đảng ủy Học viện Chính trị quốc gia Hồ Chí Minh và Ban Chỉ "
            "đạo 35 của cấp ủy cấp trên trong quá trình triển khai nhiệm vụ bảo vệ nền tảng tư tưởng của "
            "Đảng.",
            "Hằng tháng, Đảng ủy Học viện Chính trị khu vực I tiếp nhận thông tin từ Đảng ủy Học viện "
            "Chính trị quốc gia Hồ Chí Minh qua chế độ giao ban Đảng ủy và sinh hoạt với Ban Chỉ đạo 35 "
            "của cấp trên. Đây là căn cứ để Đảng ủy kết hợp với tình hình thực tế, đề ra các chủ trương "
            "công tác mới phù hợp, hiệu quả, tranh thủ những kinh nghiệm hay, những bài học bổ ích mà các "
            "đảng bộ trong hệ thống Học viện đã triển khai, cả thành công và chưa thành công, chủ động "
            "nghiên cứu, vận dụng sáng tạo vào điều kiện cụ thể của Học viện Chính trị khu vực I.",
        ),
        Item(
            "Thứ năm",
            "Thứ năm, coi trọng sơ, tổng kết, rút kinh nghiệm công tác lãnh đạo của Đảng bộ, nhất là lãnh "
            "đạo triển khai các hoạt động bảo vệ nền tảng tư tưởng của Đảng tại Đảng bộ; chỉ ra những hạn "
            "chế, bất cập của công tác đảng, công tác chuyên môn, công tác đoàn thể để khắc phục, điều "
            "chỉnh, bổ sung các nội dung công tác mới phù hợp hơn.",
        ),
)

# 004: "Báo cáo sơ kết các mặt hoạt động, TS. Nguyễn Thị Tuyết Mai cho biết: …"; the article runs
# "Giám đốc Học viện Học viện Chính trị quốc gia" together: the repeated word is dropped.
KV2_ACTIVITIES = {
    S.RESULTS: (
        Item(
            "",
            "6 tháng đầu năm 2021 mặc dù bị ảnh hưởng bởi dịch bệnh COVID-19 nhưng Học viện Chính trị khu "
            "vực II vẫn thực hiện mục tiêu kép đảm bảo vừa phòng chống dịch hiệu quả, vừa thực hiện tốt "
            "nhiệm vụ chính trị, chuyên môn. Mọi hoạt động của Học viện Chính trị khu vực II từng bước được"
            " nâng lên, chất lượng công tác đào tạo và nghiên cứu khoa học có nhiều tiến bộ.",
        ),
        Item(
            "",
            "Các đơn vị nghiên cứu và giảng dạy tập trung bám sát nhiệm vụ chính trị của Học viện, đồng "
            "thời điều chỉnh linh hoạt các hoạt động theo tình hình thực tế của địa phương và cả nước. Bên "
            "cạnh đó, hoạt động của khối hậu cần đáp ứng được các yêu cầu phục vụ cho việc giảng dạy, học "
            "tập, nghiên cứu khoa học, đặc biệt là trong công tác phòng, chống dịch bệnh COVID-19.",
        ),
        Item(
            "",
            "Với tinh thần đoàn kết, quyết tâm cao của tập thể cán bộ, viên chức, cùng với sự chỉ đạo sát "
            "sao của Đảng ủy, sự điều hành quyết liệt của Ban Giám đốc, kết quả thực hiện các nhiệm vụ của "
            "Học viện Chính trị khu vực II trong 6 tháng đầu năm 2021 có sự linh động tích cực. Theo đó, "
            "chỉ tiêu đào tạo, bồi dưỡng đảm bảo, chất lượng giảng dạy và học tập được cũng được điều chỉnh"
            " kịp thời; hoạt động nghiên cứu khoa học luôn gắn liền với thực tiễn công tác giảng dạy; các "
            "nội dung, chương trình hợp tác quốc tế đa dạng đã góp phần tích cực trong việc giới thiệu về "
            "hoạt động và trao đổi học thuật giữa các nhà khoa học của Học viện Chính trị khu vực II với "
            "các trường đại học, học viện uy tín trong khu vực và trên thế giới.",
        ),
    ),
    S.DIRECTIONS: (
        Item(
            "",
            "Tập trung thực hiện nghiêm các chỉ đạo của Bộ Chính trị, Ban Bí thư, Chính phủ, Kết luận của "
            "Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh về công tác phòng, chống dịch, cũng như thực "
            "hiện các nhiệm vụ chuyên môn nhằm đảm bảo tiếp tục thực hiện tốt mục tiêu kép, vừa chống dịch,"
            " vừa hoàn thành xuất sắc nhiệm vụ chính trị.",
        ),
        Item(
            "",
            "Kịp thời khắc phục những hạn chế trong quá trình tổ chức thực hiện chương trình đào tạo Cao "
            "cấp lý luận chính trị, đẩy mạnh đào tạo theo hình thức trực tuyến trong tình hình mới.",
        ),
        Item(
            "",
            "Tiếp tục đẩy mạnh thực hiện Nghị quyết Đại hội lần thứ XIII của Đảng, Chỉ thị số 05-CT/TW ngày"
            " 15/5/2016 của Bộ Chính trị về “Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ "
            "Chí Minh”, Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị về “Bảo vệ nền tảng tư "
            "tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới” trong"
            " công tác giảng dạy, học tập, nghiên cứu khoa học, tuyên truyền và phối hợp với thực hiện xây "
            "dựng Văn hóa trường Đảng.",
        ),
        Item(
            "",
            "Tăng cường đổi mới công tác nghiên cứu khoa học; tập trung nâng cao chất lượng, mở rộng phối "
            "hợp các địa phương, đơn vị, gắn trách nhiệm và khẳng định vị thế trong thực hiện nhiệm vụ "
            "nghiên cứu khoa học.",
        ),
    ),
}
# 004: "Báo cáo sơ kết công tác Đảng, PGS,TS. Nguyễn Tấn Vinh nhấn mạnh: …"; the article runs
# "Bộ Chính trịTriển khai" together: two sentences, restored.
KV2_PARTY = {
    S.RESULTS: (
        Item(
            "",
            "Đảng ủy Học viện thường xuyên chỉ đạo cán bộ, đảng viên, viên chức, người lao động chấp hành "
            "nghiêm chỉnh các yêu cầu, quy định về công tác phòng, chống dịch bệnh COVID-19; triển khai các"
            " kế hoạch phòng, chống dịch bệnh COVID-19 an toàn, hiệu quả và phối hợp với chính quyền địa "
            "phương, cơ quan chuyên môn hỗ trợ Trung tâm cách ly tập trung tại Học viện Chính trị khu vực "
            "II hoàn thành tốt nhiệm vụ.",
        ),
        Item(
            "",
            "Đảng ủy, Ban Giám đốc tích cực phối hợp cơ quan chuyên môn và chính quyền địa phương tiến hành"
            " tiêm vắc-xin ngừa COVID-19 (mũi 1) cho công chức, viên chức, người lao động của Học viện.",
        ),
        Item(
            "",
            "Đảng ủy Học viện đã lãnh đạo thực hiện công tác đào tạo, bồi dưỡng cơ bản hoàn thành các chỉ "
            "tiêu đào tạo tập trung, tại chức, hệ bồi dưỡng được giao. Chỉ đạo các đơn vị giảng dạy kịp "
            "thời vận dụng Văn kiện Đại hội lần thứ XIII của Đảng vào biên soạn đề cương bài giảng, cập "
            "nhật giáo án, đề thi các hệ đào tạo.",
        ),
        Item(
            "",
            "Thường xuyên theo dõi, nắm bắt tình hình tư tưởng và tăng cường công tác giáo dục chính trị, "
            "tư tưởng và định hướng đến cán bộ, đảng viên và người lao động trong Đảng bộ; thường xuyên "
            "quán triệt các tổ chức đảng, đảng viên thực hiện Nghị quyết Đại hội lần thứ XIII của Đảng, "
            "Nghị quyết số 35-NQ/TW của Bộ Chính trị. Triển khai Hội nghị tuyên truyền bầu cử đại biểu Quốc"
            " hội khóa XV và Hội đồng nhân dân các cấp nhiệm kỳ 2021 - 2026.",
        ),
    ),
    S.DIRECTIONS: (
        Item(
            "",
            "Đảng ủy Học viện sẽ tiến hành các biện pháp tuyên truyền cho cán bộ, đảng viên, viên chức, "
            "người lao động nâng cao hơn nữa ý thức phòng, chống dịch và tiếp tục có những việc làm ý nghĩa"
            " trong việc chung tay đẩy lùi dịch bệnh COVID-19.",
        ),
        Item(
            "",
            "Chỉ đạo thực hiện các nhiệm vụ phục vụ công tác đào tạo, bồi dưỡng, nhiệm vụ nghiên cứu khoa "
            "học và các hoạt động chuyên môn khác của Học viện theo đúng tiến độ, kế hoạch đề ra.",
        ),
    ),
}
# 004: "Báo cáo về công tác công đoàn, TS. Nguyễn Đình Phúc cho biết, …"
KV2_UNION = {
    S.RESULTS: (
        Item(
            "",
            "Các hoạt động của công đoàn luôn nhận được sự quan tâm, giúp đỡ sát sao, chu đáo của Công đoàn"
            " Học viện Chính trị quốc gia Hồ Chí Minh, sự chỉ đạo và tạo điều kiện của Đảng ủy, Ban Giám "
            "đốc Học viện, sự ủng hộ và tham gia nhiệt tình của Ban Chấp hành các công đoàn bộ phận và toàn"
            " thể công đoàn viên; cán bộ công đoàn luôn phát huy tinh thần trách nhiệm, nhiệt tình, đi đầu "
            "trong các phong trào, hoạt động.",
        ),
        Item(
            "",
            "Trong 6 tháng đầu năm 2021, đội ngũ cán bộ, công chức, viên chức, lao động của Học viện được "
            "đào tạo, rèn luyện qua thực tiễn công tác, tận tụy với công việc, luôn tin tưởng và góp sức "
            "mình vào sự nghiệp phát triển chung của Học viện; có ý thức phấn đấu học tập nâng cao trình độ"
            " mọi mặt, tiếp thu những kiến thức mới về giảng dạy, nghiên cứu khoa học, tham mưu và phục vụ,"
            " vươn lên hoàn thành tốt nhiệm vụ được giao; nội bộ đoàn kết, có tính thống nhất cao, hỗ trợ "
            "giúp đỡ nhau lúc khó khăn, thực hiện tốt nội quy, quy chế cơ quan, không có cá nhân, đơn vị vi"
            " phạm kỷ luật.",
        ),
        Item(
            "",
            "Một trong các hoạt động ý nghĩa nhân văn và thiết thực vì sức khỏe cộng đồng, nhằm sớm đẩy lùi"
            " dịch bệnh COVID-19, Công đoàn cơ sở kêu gọi, vận động các đơn vị và toàn thể công đoàn viên, "
            "nêu cao tinh thần đoàn kết, \"tương thân, tương ái\", tùy theo khả năng của mình cùng chung tay,"
            " tự nguyện đóng góp vật chất và tinh thần để ủng hộ đội ngũ cán bộ, chiến sĩ, nhân viên y tế "
            "trên tuyến đầu chống dịch, nhất là cán bộ y sĩ, bác sĩ, dân quân, dân phòng,… đang ngày đêm "
            "trực chiến trong khu cách ly tập trung của Học viện Chính trị khu vực II.",
        ),
    ),
}

REPORTS = (
    Rep(party(KV1), ReportKind.RESULTS,
        "Kết quả triển khai Nghị quyết số 35-NQ/TW của Bộ Chính trị ở Đảng bộ Học viện Chính trị khu vực I",
        ReportStatus.APPROVED, dt.date(2018, 10, 22), dt.date(2021, 5, 23),
        {S.RESULTS: KV1_RESULTS, S.TASKS: KV1_SOLUTIONS}, src=("002",)),
    Rep(KV2, ReportKind.SIX_MONTH, f"Báo cáo sơ kết các mặt hoạt động {HALF}", ReportStatus.SUBMITTED,
        *H1_2021, KV2_ACTIVITIES, KV2_HALF_YEAR, "nguyen-thi-tuyet-mai", src=("004",)),
    Rep(party(KV2), ReportKind.SIX_MONTH, f"Báo cáo sơ kết công tác Đảng {HALF}", ReportStatus.SUBMITTED,
        *H1_2021, KV2_PARTY, KV2_HALF_YEAR, "nguyen-tan-vinh", src=("004",)),
    # The article runs "2021phương hướng" together in this report's title: the comma is restored.
    Rep(CDCS_KV2, ReportKind.SIX_MONTH, f"Báo cáo công tác công đoàn {HALF}", ReportStatus.SUBMITTED,
        *H1_2021, KV2_UNION, KV2_HALF_YEAR, "nguyen-dinh-phuc", src=("004",)),
)
# fmt: on
