"""Reading the pages that tests fetch with Django's test client."""

import html
import re

INLINE_TAGS = re.compile(r"</?(?:a|abbr|em|span|strong|time)\b[^>]*>")


def html_of(response) -> str:
    """The page's HTML, which must have been served (200)."""
    assert response.status_code == 200
    return response.content.decode()


def text_of(response) -> str:
    """The page's main content as a reader sees it: inline tags dropped, other tags read as
    breaks, white space collapsed ("25/08/2021 14:00–17:30", not "14:00 – 17:30")."""
    page = html_of(response)
    main = INLINE_TAGS.sub("", page[page.index("<main") : page.index("</main>")])
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())
