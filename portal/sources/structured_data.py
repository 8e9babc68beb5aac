"""The sources of a record in schema.org terms, for the JSON-LD of the pages that have one."""

from collections.abc import Callable, Iterable

from portal.sources.models import Source, SourceKind

TYPES = {SourceKind.ARTICLE: "NewsArticle", SourceKind.WEB: "WebPage", SourceKind.DOCUMENT: "CreativeWork"}


def sources_json_ld(sources: Iterable[Source], *, absolute_url: Callable[[str], str]) -> list[dict]:
    """Each source as a schema.org CreativeWork (an event's `subjectOf`: the works about it)."""
    items = []
    for source in sources:
        item: dict = {"@type": TYPES.get(SourceKind(source.kind), "CreativeWork"), "name": source.title}
        if source.href:
            item["url"] = absolute_url(source.href)
        if source.published_on:
            item["datePublished"] = source.published_on.isoformat()
        if source.publisher:
            item["publisher"] = {"@type": "Organization", "name": source.publisher}
        items.append(item)
    return items
