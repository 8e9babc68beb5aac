"""The five source articles (../shared/seeds/) as news, with their categories, tags and links.

Each article's text is in `articles/<number>.txt`, as the page printed it without its furniture
("xem cỡ chữ", "In trang", "lượt xem", visitor counters, "Năm phát hành", "Phản hồi", "Tin cùng
chuyên mục" and the lists of other news, the site's banner): the first line is the lead (the
page's opening paragraph), then one paragraph a line; a line `[cover] <caption>` is the photo the
article opens with (the cover), `[figure] <caption>` a photo where the page has it. The photos
themselves are not in the sources: the loader generates placeholders carrying their captions.
The text is kept as printed, its typing slips included ("phướng hướng", "Học việnđội ngũ").

Publication times are those the pages give, in Asia/Ho_Chi_Minh:
- 000: 17:09 30/08/2021; 001: 09:47 14/05/2021 ("14/05/2021 09:47 AM"); 004: 10:55 08/07/2021.
- 002 and 003 print no time; the issue dates them by the event they report where the text gives it:
  - 003 reports the meeting of "Chiều ngày 19/11/2024" (an afternoon, no hour): dated 17:00 that
    day, the end of the working afternoon, so the article is never older than what it reports;
  - 002 is a results report, not an event, and gives no date of its own (it looks back on
    2018-2020 and ahead to the 13th Congress's resolution): `None`, published at the import.
"""

import datetime as dt
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from agreements.demo.data import KV4_REGULATION, NGHE_AN_2023_2024, NGHE_AN_2025
from committees.demo import DECISIONS as D
from committees.demo import HV, KV1, KV2, KV4, NA_BOARD, NA_SCHOOL, TNB_BOARDS
from events.demo.data import KV2_DECISIONS, KV2_HALF_YEAR, KV4_REVIEW, NGHE_AN_SIGNING
from portal.lib.text import slugify_vi
from portal.slugs import SLUG_MAX_LENGTH

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
TEXTS = Path(__file__).resolve().parent / "articles"


class Cat(NamedTuple):
    slug: str
    name: str
    parent: str | None  # the parent's slug
    order: int


class Art(NamedTuple):
    number: str  # of the source file, and of its text in articles/
    title: str
    published: dt.datetime | None  # None: at the import (see above)
    byline: str
    source: str  # the source organisation's slug
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    events: tuple[str, ...] = ()
    agreements: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    people: tuple[str, ...] = ()  # the people's slugs (committees.demo makes them from the names)
    decisions: tuple[str, ...] = ()
    featured: bool = False

    @property
    def slug(self) -> str:
        return slugify_vi(self.title, max_length=SLUG_MAX_LENGTH)

    def lines(self) -> list[str]:
        return (TEXTS / f"{self.number}.txt").read_text(encoding="utf-8").splitlines()


def at(year: int, month: int, day: int, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LOCAL)


CATEGORIES = (  # parents before children
    Cat("tin-hoat-dong", "Tin hoạt động", None, 1),
    Cat("hoi-nghi-hoi-thao", "Hội nghị, hội thảo", "tin-hoat-dong", 1),
    Cat("phoi-hop-thuc-hien", "Phối hợp thực hiện", "tin-hoat-dong", 2),
    Cat("thuc-hien-nghi-quyet-35", "Thực hiện Nghị quyết 35", None, 2),
    Cat("ket-qua-kinh-nghiem", "Kết quả, kinh nghiệm", "thuc-hien-nghi-quyet-35", 1),
    Cat("van-ban-chi-dao", "Văn bản chỉ đạo", None, 3),
)

TAGS = (  # (slug, name)
    ("nghi-quyet-35-nq-tw", "Nghị quyết 35-NQ/TW"),
    ("bao-ve-nen-tang-tu-tuong-cua-dang", "Bảo vệ nền tảng tư tưởng của Đảng"),
    ("quy-che-phoi-hop", "Quy chế phối hợp"),
    ("chuong-trinh-phoi-hop", "Chương trình phối hợp"),
    ("so-ket", "Sơ kết"),
    ("hoi-nghi-truc-tuyen", "Hội nghị trực tuyến"),
    ("khong-gian-mang", "Không gian mạng"),
    ("covid-19", "COVID-19"),
    ("tay-nam-bo", "Tây Nam Bộ"),
    ("nghe-an", "Nghệ An"),
)

NQ35, NEN_TANG = "nghi-quyet-35-nq-tw", "bao-ve-nen-tang-tu-tuong-cua-dang"
LAM, DUNG, PHONG = "hoang-phuc-lam", "nguyen-quoc-dung", "nguyen-dinh-phong"

# fmt: off
ARTICLES = (
    Art(
        "000",
        "Hội nghị Sơ kết việc thực hiện Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban Tuyên "
        "giáo các tỉnh, thành ủy khu vực Tây Nam Bộ trong thực hiện Nghị quyết số 35-NQ/TW",
        at(2021, 8, 30, 17, 9),
        "Tác giả: Học viện Chính trị khu vực IV",
        KV4,
        ("hoi-nghi-hoi-thao", "phoi-hop-thuc-hien"),
        (NQ35, NEN_TANG, "quy-che-phoi-hop", "so-ket", "hoi-nghi-truc-tuyen", "tay-nam-bo"),
        events=(KV4_REVIEW,),
        agreements=(KV4_REGULATION,),
        organizations=(KV4, HV, TNB_BOARDS),
        people=(LAM, "le-van-loi", "pham-duc-kien", PHONG, "phan-cong-khanh", "huynh-thanh-quang",
                "le-xuan-tao"),
        featured=True,
    ),
    Art(
        "001",
        "Hội nghị công bố các Quyết định của Ban Chỉ đạo 35 của Học viện Chính trị khu vực II và triển khai "
        "hoạt động xây dựng các Quy chế thực hiện theo Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính "
        "trị",
        at(2021, 5, 14, 9, 47),
        "Tin và ảnh: Đức Anh",
        KV2,
        ("hoi-nghi-hoi-thao", "van-ban-chi-dao"),
        (NQ35, NEN_TANG, "khong-gian-mang"),
        events=(KV2_DECISIONS,),
        organizations=(KV2,),
        people=(DUNG, PHONG),
        decisions=(D[0].slug, D[1].slug, D[2].slug),
    ),
    Art(
        "002",
        "Kết quả triển khai Nghị quyết số 35-NQ/TW của Bộ Chính trị ở Đảng bộ Học viện Chính trị khu vực I",
        None,
        "",  # the page names no author
        KV1,
        ("ket-qua-kinh-nghiem",),
        (NQ35, NEN_TANG, "covid-19"),
        organizations=(KV1, HV),
        people=("vu-van-hien",),
    ),
    Art(
        "003",
        "Ký kết chương trình phối hợp giữa Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh",
        at(2024, 11, 19, 17, 0),
        "Ái Vân, Ban Tuyên giáo Tỉnh ủy",
        NA_BOARD,
        ("phoi-hop-thuc-hien",),
        (NQ35, NEN_TANG, "chuong-trinh-phoi-hop", "nghe-an"),
        events=(NGHE_AN_SIGNING,),
        agreements=(NGHE_AN_2023_2024, NGHE_AN_2025),
        organizations=(NA_BOARD, NA_SCHOOL),
        people=("nguyen-thi-hong-hoa", "vuong-quang-minh"),
        featured=True,
    ),
    Art(
        "004",
        "Hội nghị sơ kết các mặt công tác 6 tháng đầu năm 2021 và phương hướng 6 tháng cuối năm 2021",
        at(2021, 7, 8, 10, 55),
        "Tác giả: hcma1.hcma.vn",
        KV2,
        ("hoi-nghi-hoi-thao",),
        (NQ35, "so-ket", "hoi-nghi-truc-tuyen", "covid-19"),
        events=(KV2_HALF_YEAR,),
        organizations=(KV2, HV),
        people=(LAM, "vu-thi-thanh-xuan", DUNG, "nguyen-tan-vinh", "nguyen-thi-tuyet-mai", "nguyen-dinh-phuc",
                "pham-thi-pha-le"),
        decisions=(D[3].slug,),
    ),
)
# fmt: on
