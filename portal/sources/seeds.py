"""The five source articles (../shared/seeds/) as sources, and the helper every app's demo
loader (`<app>/demo`) uses to cite them for the records it makes.

The article of the portal that publishes each one is made later by the news demo, which links it
to its source (`Source.record`).
"""

import datetime as dt
from typing import NamedTuple

from django.db import models

from portal.demo import upsert
from portal.sources.models import Source, SourceKind
from portal.sources.services import citation_add


class Seed(NamedTuple):
    title: str
    published_on: dt.date | None
    publisher: str


# fmt: off
SEEDS = {
    "000": Seed("Hội nghị Sơ kết việc thực hiện Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban "
                "Tuyên giáo các tỉnh, thành ủy khu vực Tây Nam Bộ trong thực hiện Nghị quyết số 35-NQ/TW",
                dt.date(2021, 8, 30), "Học viện Chính trị khu vực IV"),
    "001": Seed("Hội nghị công bố các Quyết định của Ban Chỉ đạo 35 của Học viện Chính trị khu vực II và "
                "triển khai hoạt động xây dựng các Quy chế thực hiện theo Nghị quyết số 35-NQ/TW ngày "
                "22/10/2018 của Bộ Chính trị", dt.date(2021, 5, 14), "Học viện Chính trị khu vực II"),
    "002": Seed("Kết quả triển khai Nghị quyết số 35-NQ/TW của Bộ Chính trị ở Đảng bộ Học viện Chính trị khu "
                "vực I", None, "Học viện Chính trị khu vực I"),
    "003": Seed("Ký kết chương trình phối hợp giữa Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh",
                dt.date(2024, 11, 19), "Ban Tuyên giáo Tỉnh ủy Nghệ An"),
    "004": Seed("Hội nghị sơ kết các mặt công tác 6 tháng đầu năm 2021 và phương hướng 6 tháng cuối năm 2021",
                dt.date(2021, 7, 8), "Học viện Chính trị khu vực II"),
}
# fmt: on


def seed_source(key: str) -> Source:
    """The source for seed article `key` ("000" … "004"), made on first use."""
    seed = SEEDS[key]
    return upsert(
        Source,
        {"kind": SourceKind.ARTICLE, "title": seed.title},
        {"published_on": seed.published_on, "publisher": seed.publisher},
    )


def cite(subject: models.Model, *keys: str, note: str = "") -> None:
    """Cite the seed articles `keys` for `subject` (a second run changes nothing)."""
    for key in keys:
        citation_add(subject=subject, source=seed_source(key), note=note, by=None)
