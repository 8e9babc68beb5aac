"""The other nine tests (MDN HTTP Observatory `src/analyzer/tests/*.js`)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from portal.lib.observatory.csp import CspAnalysis
from portal.lib.observatory.model import CheckResult, Page, Response

# "15768000 is six months, but a lot of sites use 15552000" (strict-transport-security.js).
SIX_MONTHS = 15_552_000


# --- Cookies -------------------------------------------------------------------------------

_COOKIE_BADNESS = (
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
)


@dataclass(frozen=True)
class _Cookie:
    name: str
    secure: bool
    http_only: bool
    same_site: str | None
    same_site_invalid: bool


def _parse_set_cookie(header: str) -> _Cookie | None:
    name_value, *attributes = header.split(";")
    name = name_value.split("=", 1)[0].strip()
    if not name:
        return None
    secure = http_only = False
    same_site = None
    same_site_invalid = False
    for attribute in attributes:
        key, _, value = attribute.strip().partition("=")
        key, value = key.strip().lower(), value.strip().lower()
        if key == "secure":
            secure = True
        elif key == "httponly":
            http_only = True
        elif key == "samesite":
            if value in {"lax", "strict", "none"}:
                same_site = value
            else:
                same_site_invalid = True
    return _Cookie(name, secure, http_only, same_site, same_site_invalid)


def _worse(new: str, current: str | None) -> str:
    if current is None or _COOKIE_BADNESS.index(new) > _COOKIE_BADNESS.index(current):
        return new
    return current


def cookies(response: Response, *, hsts_passed: bool) -> CheckResult:
    """The cookies the page sets: session cookies (names with "sess" or "login") need Secure and
    HttpOnly, anti-CSRF ones ("csrf") SameSite; the worst finding wins."""
    name = "cookies"
    jar = [cookie for cookie in map(_parse_set_cookie, response.values("Set-Cookie")) if cookie]
    if not jar:
        return CheckResult(name, "cookies-not-found", passed=True)
    outcome = None
    for cookie in jar:
        key = cookie.name.lower()
        session = "login" in key or "sess" in key
        anti_csrf = "csrf" in key
        if cookie.same_site_invalid or (cookie.same_site == "none" and not cookie.secure):
            outcome = _worse("cookies-samesite-flag-invalid", outcome)
        if not cookie.secure:
            outcome = _worse(
                "cookies-without-secure-flag-but-protected-by-hsts"
                if hsts_passed
                else "cookies-without-secure-flag",
                outcome,
            )
        if anti_csrf and not cookie.same_site:
            outcome = _worse("cookies-anticsrf-without-samesite-flag", outcome)
        if session and not cookie.secure:
            outcome = _worse(
                "cookies-session-without-secure-flag-but-protected-by-hsts"
                if hsts_passed
                else "cookies-session-without-secure-flag",
                outcome,
            )
        if session and not cookie.http_only:
            outcome = _worse("cookies-session-without-httponly-flag", outcome)
    if outcome is None:
        if all(cookie.same_site for cookie in jar):
            outcome = "cookies-secure-with-httponly-sessions-and-samesite"
        else:
            outcome = "cookies-secure-with-httponly-sessions"
    passed = outcome in {
        "cookies-secure-with-httponly-sessions-and-samesite",
        "cookies-secure-with-httponly-sessions",
    }
    return CheckResult(name, outcome, passed)


# --- The other headers ---------------------------------------------------------------------


def cors(response: Response, origin: str) -> CheckResult:
    name = "cross-origin-resource-sharing"
    allowed = response.first("Access-Control-Allow-Origin")
    if not allowed:
        return CheckResult(name, "cross-origin-resource-sharing-not-implemented", passed=True)
    allowed = allowed[:256].strip().lower()
    credentials = (response.first("Access-Control-Allow-Credentials") or "").strip().lower() == "true"
    if allowed == "*":
        return CheckResult(name, "cross-origin-resource-sharing-implemented-with-public-access", passed=True)
    if allowed == origin.lower() and credentials:
        return CheckResult(
            name, "cross-origin-resource-sharing-implemented-with-universal-access", passed=False
        )
    return CheckResult(name, "cross-origin-resource-sharing-implemented-with-restricted-access", passed=True)


def redirection(route: tuple[str, ...] | None) -> CheckResult:
    name = "redirection"
    if route is None:
        return CheckResult(name, "redirection-not-needed-no-http", passed=True)
    hops = [urlsplit(url) for url in route]
    if len(hops) == 1:
        outcome = "redirection-missing"
    elif hops[-1].scheme != "https":
        outcome = "redirection-not-to-https"
    elif hops[1].scheme == "http":
        outcome = "redirection-not-to-https-on-initial-redirection"
    elif hops[0].hostname != hops[1].hostname:
        outcome = "redirection-off-host-from-http"
    else:
        outcome = "redirection-to-https"
    return CheckResult(name, outcome, passed=outcome == "redirection-to-https")


_REFERRER_PRIVATE = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
_REFERRER_UNSAFE = {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}


def referrer_policy(response: Response, page: Page) -> CheckResult:
    name = "referrer-policy"
    values = response.values("Referrer-Policy") + page.meta.get("referrer-policy", [])
    if not values:
        return CheckResult(name, "referrer-policy-not-implemented", passed=True)
    # The last policy a browser recognises wins.
    tokens = [token.strip().lower() for token in ", ".join(values).split(",")]
    known = [token for token in tokens if token in _REFERRER_PRIVATE | _REFERRER_UNSAFE]
    policy = known[-1] if known else ""
    if policy in _REFERRER_PRIVATE:
        return CheckResult(name, "referrer-policy-private", passed=True)
    if policy in _REFERRER_UNSAFE:
        return CheckResult(name, "referrer-policy-unsafe", passed=False)
    return CheckResult(name, "referrer-policy-header-invalid", passed=False)


def strict_transport_security(response: Response) -> CheckResult:
    name = "strict-transport-security"
    if urlsplit(response.url).scheme != "https":
        return CheckResult(name, "hsts-not-implemented-no-https", passed=False)
    if not response.verified:
        return CheckResult(name, "hsts-invalid-cert", passed=False)
    header = response.first("Strict-Transport-Security")
    if header is None:
        return CheckResult(name, "hsts-not-implemented", passed=False)
    header = header[:1024]
    max_age = None
    if "," not in header:  # a comma means the header was sent twice
        for parameter in header.split(";"):
            parameter = parameter.strip().lower()
            if parameter.startswith("max-age="):
                digits = parameter[len("max-age=") :].strip('"')
                max_age = int(digits) if digits.isdigit() else None
    if max_age is None:
        return CheckResult(name, "hsts-header-invalid", passed=False)
    if max_age < SIX_MONTHS:
        return CheckResult(name, "hsts-implemented-max-age-less-than-six-months", passed=False)
    return CheckResult(name, "hsts-implemented-max-age-at-least-six-months", passed=True)


_SRI_BADNESS = (
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-implemented-and-external-scripts-loaded-securely",
    "sri-implemented-but-external-scripts-not-loaded-securely",
    "sri-not-implemented-but-external-scripts-loaded-securely",
    "sri-not-implemented-and-external-scripts-not-loaded-securely",
    "sri-not-implemented-response-not-html",
)
# Second-level labels under which registrable domains sit one level deeper (gov.vn, co.uk…).
_GENERIC_SECOND_LEVEL = {"ac", "co", "com", "edu", "gov", "int", "net", "org"}


def _site(host: str | None) -> str:
    """The registrable domain, approximately: the Observatory asks the Public Suffix List."""
    host = (host or "").lower().rstrip(".")
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _GENERIC_SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def subresource_integrity(response: Response, page: Page) -> CheckResult:
    name = "subresource-integrity"
    if not page.is_html:
        return CheckResult(name, "sri-not-implemented-response-not-html", passed=True)
    page_url = urlsplit(response.url)
    outcome = None
    foreign = False
    for script in page.scripts:
        src = (script.get("src") or "").strip()
        if not src:
            continue
        integrity = script.get("integrity")
        protocol_relative = src.startswith("//") and not src.startswith("///")
        absolute = src.lower().startswith(("http://", "https://"))
        relative = not protocol_relative and not absolute
        same_site = relative or protocol_relative or _site(urlsplit(src).hostname) == _site(page_url.hostname)
        if relative or (same_site and not protocol_relative):
            if integrity and (relative and page_url.scheme == "https" or src.lower().startswith("https://")):
                outcome = outcome or "sri-implemented-and-all-scripts-loaded-securely"
            continue
        foreign = True
        secure = absolute and src.lower().startswith("https://")
        if integrity and not secure:
            new = "sri-implemented-but-external-scripts-not-loaded-securely"
        elif not integrity and secure:
            new = "sri-not-implemented-but-external-scripts-loaded-securely"
        elif not integrity:
            new = "sri-not-implemented-and-external-scripts-not-loaded-securely"
        else:
            continue
        if outcome is None or _SRI_BADNESS.index(new) > _SRI_BADNESS.index(outcome):
            outcome = new
    if not page.scripts:
        outcome = "sri-not-implemented-but-no-scripts-loaded"
    elif outcome is None:
        outcome = (
            "sri-implemented-and-external-scripts-loaded-securely"
            if foreign
            else "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
        )
    passed = outcome in {
        "sri-implemented-and-all-scripts-loaded-securely",
        "sri-implemented-and-external-scripts-loaded-securely",
        "sri-not-implemented-response-not-html",
        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        "sri-not-implemented-but-no-scripts-loaded",
    }
    return CheckResult(name, outcome, passed)


def x_content_type_options(response: Response) -> CheckResult:
    name = "x-content-type-options"
    header = response.first("X-Content-Type-Options")
    if header is None:
        return CheckResult(name, "x-content-type-options-not-implemented", passed=False)
    if header[:256].strip().lower() == "nosniff":
        return CheckResult(name, "x-content-type-options-nosniff", passed=True)
    return CheckResult(name, "x-content-type-options-header-invalid", passed=False)


def x_frame_options(response: Response, csp: CspAnalysis) -> CheckResult:
    name = "x-frame-options"
    # frame-ancestors works only in a header, never in <meta>.
    if "frame-ancestors" in csp.header_directives:
        return CheckResult(name, "x-frame-options-implemented-via-csp", passed=True)
    header = response.first("X-Frame-Options")
    if header is None:
        return CheckResult(name, "x-frame-options-not-implemented", passed=False)
    value = header[:1024].strip().lower()
    if value in {"deny", "sameorigin"}:
        return CheckResult(name, "x-frame-options-sameorigin-or-deny", passed=True)
    if value.startswith("allow-from"):
        return CheckResult(name, "x-frame-options-allow-from-origin", passed=True)
    return CheckResult(name, "x-frame-options-header-invalid", passed=False)


def cross_origin_resource_policy(response: Response, page: Page) -> CheckResult:
    name = "cross-origin-resource-policy"
    header = response.first("Cross-Origin-Resource-Policy")
    meta = page.meta.get("cross-origin-resource-policy", [])
    value = header if header else (meta[-1] if meta else None)
    if not value:
        return CheckResult(name, "cross-origin-resource-policy-not-implemented", passed=True)
    outcome = {
        "same-site": "cross-origin-resource-policy-implemented-with-same-site",
        "same-origin": "cross-origin-resource-policy-implemented-with-same-origin",
        "cross-origin": "cross-origin-resource-policy-implemented-with-cross-origin",
    }.get(value[:256].strip().lower(), "cross-origin-resource-policy-header-invalid")
    return CheckResult(name, outcome, passed=outcome != "cross-origin-resource-policy-header-invalid")
