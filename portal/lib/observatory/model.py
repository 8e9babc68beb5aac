"""What a scan looks at (a response, the plain-HTTP redirect chain) and what it finds."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from portal.lib.observatory.outcomes import OUTCOMES

# The Origin the Observatory's CORS probe sends; any foreign origin does.
PROBE_ORIGIN = "https://http-observatory.security.mozilla.org"
HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass(frozen=True)
class Response:
    """One HTTP response: the URL asked for, the status, every header in order, the body."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: str = ""
    verified: bool = True  # the certificate chain was checked (HTTPS)

    def values(self, name: str) -> list[str]:
        lowered = name.lower()
        return [value for key, value in self.headers if key.lower() == lowered]

    def first(self, name: str) -> str | None:
        values = self.values(name)
        return values[0] if values else None


@dataclass(frozen=True)
class Scan:
    """What the Observatory gathers about a site.

    `response` answers a GET of the HTTPS page sent with `Origin: cors_origin`;
    `http_route` is the plain-HTTP URL followed by every redirect from it, or None when
    nothing answers over plain HTTP.
    """

    response: Response
    http_route: tuple[str, ...] | None
    cors_origin: str = PROBE_ORIGIN


@dataclass(frozen=True)
class CheckResult:
    name: str
    outcome: str
    passed: bool

    @property
    def modifier(self) -> int:
        return OUTCOMES[self.outcome][0]

    @property
    def description(self) -> str:
        return OUTCOMES[self.outcome][1]


@dataclass(frozen=True)
class Report:
    score: int
    grade: str
    tests: tuple[CheckResult, ...] = field(default=())

    def outcome(self, name: str) -> str:
        return next(test.outcome for test in self.tests if test.name == name)


# --- The HTML of the page: <script> tags and <meta http-equiv> -----------------------------


@dataclass
class Page:
    is_html: bool = False
    scripts: list[dict[str, str | None]] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)


class PageParser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): value for name, value in attrs}
        http_equiv, content = attributes.get("http-equiv"), attributes.get("content")
        if tag == "script":
            self.page.scripts.append(attributes)
        elif tag == "meta" and http_equiv and content is not None:
            self.page.meta.setdefault(http_equiv.strip().lower(), []).append(content)
        elif tag == "meta" and (attributes.get("name") or "").lower() == "referrer":
            # <meta name="referrer"> sets the policy too; the Observatory counts it with the header.
            self.page.meta.setdefault("referrer-policy", []).append(attributes.get("content") or "")


def parse_html(response: Response) -> Page:
    mime = (response.first("Content-Type") or "").split(";")[0].strip().lower()
    page = Page(is_html=not mime or mime in HTML_TYPES)
    if page.is_html and response.body:
        PageParser(page).feed(response.body)
    return page
