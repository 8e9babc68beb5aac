"""The news' part of the volume (portal/volume.py): at scale 1, 20,000 published articles from
2018 on in ten categories, Vietnamese titles and bodies built from the phrases these portals
use (with the registry's provinces and names, so that words are spread as in real news), some
read thousands of times, each with its search entry; and the search entries of the records the
earlier generators made (events, organisations, people, documents).
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from committees.volume import GIVEN_NAMES, MIDDLE_NAMES, PROVINCES, SURNAMES
from portal.lib.text import slugify_vi
from portal.news.indexing import article_entry, search_entries_write, search_refresh
from portal.news.models import Article, ArticleStatus, Category, SearchEntry, SearchKind
from portal.slugs import SLUG_MAX_LENGTH
from portal.volume import SLUG_PREFIX, Volume

CATEGORIES = [
    "Tin hoạt động",
    "Đấu tranh phản bác",
    "Nghiên cứu - Trao đổi",
    "Hội nghị, hội thảo",
    "Chỉ đạo, điều hành",
    "Gương sáng",
    "Văn bản mới",
    "Tập huấn, bồi dưỡng",
    "Địa phương",
    "Thông tin cần biết",
]
ACTIONS = [
    "Hội nghị sơ kết",
    "Hội nghị tổng kết",
    "Hội thảo khoa học về",
    "Tọa đàm",
    "Tập huấn",
    "Đảng ủy triển khai",
    "Ban Chỉ đạo 35 kiểm tra",
    "Giao ban công tác",
    "Ký kết quy chế phối hợp",
    "Bồi dưỡng nghiệp vụ",
    "Phát động cuộc thi viết về",
    "Trao giải báo chí về",
    "Sinh hoạt chuyên đề",
    "Quán triệt chỉ thị về",
    "Đối thoại chính sách về",
    "Khảo sát thực tế",
    "Ra mắt tủ sách",
    "Nghiệm thu đề tài",
    "Tổng kết mô hình",
    "Gặp mặt cộng tác viên",
]
SUBJECTS = [
    "bảo vệ nền tảng tư tưởng của Đảng",
    "đấu tranh phản bác các quan điểm sai trái, thù địch",
    "thực hiện Nghị quyết số 35-NQ/TW",
    "công tác tuyên truyền trên không gian mạng",
    "xây dựng đội ngũ báo cáo viên",
    "phát huy vai trò của cán bộ, giảng viên",
    "nâng cao chất lượng giáo dục lý luận chính trị",
    "tăng cường công tác thông tin đối ngoại",
    "ngăn chặn thông tin xấu, độc",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "chuyển đổi số trong công tác tuyên giáo",
    "phòng, chống diễn biến hòa bình",
    "xây dựng văn hóa học đường",
    "định hướng dư luận xã hội",
    "phát triển kinh tế vùng đồng bào dân tộc",
    "bảo vệ chủ quyền biển, đảo",
    "công tác dân vận khéo",
    "phòng, chống tham nhũng, tiêu cực",
    "đào tạo thạc sĩ, tiến sĩ lý luận",
    "lịch sử Đảng bộ địa phương",
]
ORGANS = ["Tỉnh ủy", "Thành ủy", "Ban Tuyên giáo", "Trường Chính trị", "Ban Dân vận", "Hội Nhà báo"]
ACADEMIES = [
    "Học viện Chính trị quốc gia Hồ Chí Minh",
    "Học viện Chính trị khu vực I",
    "Học viện Chính trị khu vực II",
    "Học viện Chính trị khu vực III",
    "Học viện Chính trị khu vực IV",
    "Học viện Báo chí và Tuyên truyền",
    "Đảng ủy Khối các cơ quan Trung ương",
]
SENTENCES = [
    "Tham dự có đồng chí {person}, {role}, cùng đại diện lãnh đạo {place}.",
    "Phát biểu khai mạc, đồng chí {person} nhấn mạnh yêu cầu {subject}.",
    "Các đại biểu đánh giá kết quả đạt được trong {number} tháng và chỉ ra những hạn chế cần khắc phục.",
    "Đã có {number} tham luận gửi đến, trong đó nhiều ý kiến đề xuất giải pháp {subject}.",
    "Đồng chí {person} đề nghị tiếp tục đổi mới nội dung, phương thức tuyên truyền tại {place}.",
    "Thời gian tới, {place} sẽ tăng cường kiểm tra, giám sát việc {subject}.",
    "Trong năm, {number} bài viết đã được đăng tải trên báo, tạp chí và trang thông tin điện tử.",
    "Dịp này, {number} tập thể, cá nhân được khen thưởng vì có thành tích xuất sắc.",
    "Các thế lực thù địch lợi dụng mạng xã hội để xuyên tạc đường lối, chủ trương của Đảng.",
    "Đội ngũ cộng tác viên cần được bồi dưỡng kỹ năng phát hiện và phản bác thông tin sai lệch.",
    "Đoàn công tác đã làm việc với {place} về kết quả triển khai nhiệm vụ năm {year}.",
    "Phương hướng, nhiệm vụ thời gian tới được thảo luận và thống nhất cao.",
    "Học viên được trang bị kiến thức về {subject}, kỹ năng viết bài và sử dụng mạng xã hội.",
    "Chương trình kéo dài {number} ngày với sự tham gia của giảng viên các khoa, viện.",
    "Cuộc thi thu hút {number} tác phẩm của cán bộ, đảng viên, hội viên và nhân dân.",
    "Ban Tổ chức cho biết các tác phẩm đoạt giải sẽ được giới thiệu rộng rãi tại {place}.",
    "Mô hình được nhân rộng ra {number} xã, phường trên địa bàn {province}.",
    "Tỷ lệ cán bộ tham gia học tập đạt {number} phần trăm, vượt chỉ tiêu đề ra.",
    "Nhiều ý kiến đề nghị cần có cơ chế đãi ngộ phù hợp với đội ngũ làm công tác này.",
    "Đề tài được hội đồng nghiệm thu đánh giá đạt loại xuất sắc.",
    "Bộ sách gồm {number} cuốn, tập hợp các bài viết tiêu biểu giai đoạn {year} đến nay.",
    "Người dân {province} đồng tình, ủng hộ và tích cực tham gia các phong trào thi đua.",
]
ROLES = ["Giám đốc", "Phó Giám đốc", "Trưởng ban", "Phó Trưởng ban", "Bí thư", "Phó Bí thư", "Chủ tịch"]
BYLINES = ["Tin và ảnh: Ban Biên tập", "Tác giả: Phòng Tuyên truyền", "Tin: Văn phòng Ban Chỉ đạo", ""]
FIRST = dt.datetime(2018, 1, 1, tzinfo=dt.UTC)
LAST = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)


def generate(volume: Volume) -> None:
    rng = volume.rng
    categories = volume.bulk(
        Category,
        [
            Category(name=name, slug=f"{SLUG_PREFIX}{slugify_vi(name)}", order=order)
            for order, name in enumerate(CATEGORIES)
        ],
    )
    last = min(LAST, timezone.now())
    span = int((last - FIRST).total_seconds())
    articles = []
    for index in range(volume.count(20000)):
        published = FIRST + dt.timedelta(seconds=rng.randrange(span))
        province = rng.choice(PROVINCES)[0]
        place = rng.choice(ACADEMIES) if rng.random() < 0.3 else f"{rng.choice(ORGANS)} {province}"
        subject = rng.choice(SUBJECTS)
        title = f"{rng.choice(ACTIONS)} {subject} tại {place}"

        facts = {"place": place, "province": province, "subject": subject, "year": published.year}
        paragraphs = [" ".join(_sentence(rng, **facts) for _ in range(3)) for _ in range(rng.randint(3, 6))]
        articles.append(
            Article(
                title=title,
                slug=f"{SLUG_PREFIX}{slugify_vi(title, max_length=SLUG_MAX_LENGTH - 12)}-{index}",
                lead=paragraphs[0][:300],
                body="".join(f"<p>{paragraph}</p>" for paragraph in paragraphs[1:]),
                byline=rng.choice(BYLINES),
                featured=rng.random() < 0.01,
                status=ArticleStatus.PUBLISHED,
                submitted_at=published,
                approved_at=published,
                published_at=published,
                view_count=rng.randint(100, 20000) if rng.random() < 0.3 else rng.randint(0, 99),
            )
        )
    articles = volume.bulk(Article, articles)
    through = Article.categories.through
    volume.link(
        through,
        [
            through(article=article, category=category)
            for article in articles
            for category in rng.sample(categories, rng.choice([1, 1, 1, 2]))
        ],
    )
    made = search_entries_write(article_entry(article) for article in articles)
    made += search_refresh(kinds=[kind for kind in SearchKind.values if kind != SearchKind.ARTICLE])
    volume.made[SearchEntry._meta.label] = made


def _sentence(rng: random.Random, *, place: str, province: str, subject: str, year: int) -> str:
    """A sentence of an article about `subject` at `place`, with a name and figures of its own."""
    return rng.choice(SENTENCES).format(
        person=f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}",
        role=rng.choice(ROLES),
        place=place,
        province=province,
        subject=rng.choice([subject, rng.choice(SUBJECTS)]),
        number=rng.randint(2, 300),
        year=year - rng.randint(0, 3),
    )
