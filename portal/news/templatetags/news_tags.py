"""Template helpers of the news pages' <head>: canonical addresses and the article's metadata."""

from urllib.parse import urlencode

from django import template
from django.utils.safestring import SafeString, mark_safe

from portal.lib.jsonld import json_for_script
from portal.news import structured_data

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context: template.Context, page=None, keep: str = "") -> str:
    """This page's own absolute address: the path, the parameter named by `keep` (the category
    page's year, which its view has checked), and the page number past the first; any other
    parameter dropped."""
    request = context["request"]
    query = {keep: request.GET[keep]} if keep and request.GET.get(keep) else {}
    if page is not None and page.number > 1:
        query["trang"] = page.number
    url = request.build_absolute_uri(request.path)
    return f"{url}?{urlencode(query)}" if query else url


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, path: str) -> str:
    """`path` ("/tin-tuc/…", a media URL) as an absolute address on this site's host; an
    address already absolute (media in object storage) is left as it is."""
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def article_json_ld(context: template.Context, article) -> SafeString:
    """The article's schema.org NewsArticle, as JSON safe inside a <script> element."""
    data = structured_data.article_json_ld(article, absolute_url=context["request"].build_absolute_uri)
    return mark_safe(json_for_script(data))  # noqa: S308 - json_for_script escapes <, > and &
