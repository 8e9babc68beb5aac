"""Sources on the public page of any record: `{% load sources_tags %}`, then

- `{% sources cited %}` where the page ends: the "Sources" section, every source cited for the
  page's record and the rows it shows;
- `{% row_sources cited row %}` in a row (a speech, a task): the row's own sources, those the
  record does not cite already.

`cited` is what `portal.sources.selectors.citations_of(record, rows…)` read for the view.
"""

from django import template

from portal.sources.selectors import Cited

register = template.Library()


@register.inclusion_tag("sources/_sources.html")
def sources(cited: Cited | None) -> dict:
    return {"sources": cited.sources() if cited else []}


@register.inclusion_tag("sources/_row_sources.html")
def row_sources(cited: Cited | None, row) -> dict:
    return {"sources": [citation.source for citation in cited.own(row)] if cited else []}
