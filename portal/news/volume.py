"""The news' part of the volume (portal/volume.py): at scale 1, 20,000 published articles from
2018 on in ten categories, Vietnamese titles and bodies built from the phrases these portals
use, some read thousands of times, each with its search entry; and the search entries of the
records the earlier generators made (events, organisations, people, documents).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

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
]
SUBJECTS = [
    "bảo vệ nền tảng tư tưởng của Đảng",
    "đấu tranh phản bác các quan điểm sai trái, thù địch",
    "thực hiện Nghị quyết số 35-NQ/TW",
    "công tác tuyên truyền trên không gian mạng",
    "xây dựng đội ngũ báo cáo viên",
    "phát huy vai trò của cán bộ, giảng viên",
    "nâng cao chất lượng công tác giáo dục lý luận chính trị",
    "tăng cường công tác thông tin đối ngoại",
    "ngăn chặn thông tin xấu, độc",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
]
PLACES = [
    "Học viện Chính trị quốc gia Hồ Chí Minh",
    "Học viện Chính trị khu vực I",
    "Học viện Chính trị khu vực II",
    "Học viện Chính trị khu vực III",
    "Học viện Chính trị khu vực IV",
    "Học viện Báo chí và Tuyên truyền",
    "Đảng ủy Khối các cơ quan Trung ương",
    "Tỉnh ủy Cần Thơ",
    "Thành ủy Hà Nội",
    "Tỉnh ủy Đắk Lắk",
    "Tỉnh ủy Quảng Ninh",
    "Thành ủy Đà Nẵng",
]
SENTENCES = [
    "Dự hội nghị có các đồng chí lãnh đạo, cán bộ, giảng viên và đại diện các đơn vị trực thuộc.",
    "Phát biểu khai mạc, đồng chí Trưởng ban nhấn mạnh ý nghĩa của công tác bảo vệ nền tảng tư tưởng.",
    "Các đại biểu đánh giá kết quả đạt được và chỉ ra những hạn chế cần khắc phục.",
    "Hội nghị đã nghe tham luận của các chi bộ, khoa, viện về kinh nghiệm đấu tranh trên không gian mạng.",
    "Đồng chí Phó Giám đốc đề nghị tiếp tục đổi mới nội dung, phương thức tuyên truyền.",
    "Ban Chỉ đạo 35 sẽ tăng cường kiểm tra, giám sát việc thực hiện nhiệm vụ được giao.",
    "Nhiều bài viết có chất lượng đã được đăng tải trên các báo, tạp chí và trang thông tin điện tử.",
    "Kết thúc hội nghị, Ban Tổ chức đã trao giấy khen cho các tập thể, cá nhân có thành tích xuất sắc.",
    "Các thế lực thù địch lợi dụng mạng xã hội để xuyên tạc đường lối, chủ trương của Đảng.",
    "Đội ngũ cộng tác viên cần được bồi dưỡng kỹ năng phát hiện và phản bác thông tin sai lệch.",
    "Sáng nay, đoàn công tác đã làm việc với Ban Thường vụ Tỉnh ủy về kết quả sơ kết 18 tháng.",
    "Phương hướng, nhiệm vụ thời gian tới được thảo luận và thống nhất cao.",
]
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
        title = f"{rng.choice(ACTIONS)} {rng.choice(SUBJECTS)} tại {rng.choice(PLACES)}"
        paragraphs = [" ".join(rng.sample(SENTENCES, 3)) for _ in range(rng.randint(3, 6))]
        published = FIRST + dt.timedelta(seconds=rng.randrange(span))
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
