"""Sources for the tests of portal/sources, made through its services."""

import datetime as dt

from portal.sources.models import Source, SourceKind
from portal.sources.services import source_save


def web_source(**fields) -> Source:
    """A page elsewhere on the web, published 25/08/2021 by Học viện Chính trị khu vực IV."""
    fields.setdefault("kind", SourceKind.WEB)
    fields.setdefault("title", "Hội nghị sơ kết Quy chế phối hợp")
    fields.setdefault("url", "https://hcma4.example/tin-tuc/hoi-nghi-so-ket")
    fields.setdefault("published_on", dt.date(2021, 8, 25))
    fields.setdefault("publisher", "Học viện Chính trị khu vực IV")
    return source_save(source=Source(**fields), by=None)
