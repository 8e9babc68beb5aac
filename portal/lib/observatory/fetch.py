"""Asking a site what the Observatory asks: the HTTPS page and the plain-HTTP redirects."""

from __future__ import annotations

import http.client
import ssl
from urllib.parse import urljoin, urlsplit

from portal.lib.observatory.model import PROBE_ORIGIN, Response, Scan

MAX_REDIRECTS = 10
MAX_BODY = 2 * 1024 * 1024
# What a request that got no usable answer raises (refused, reset, timed out, not HTTP, bad URL).
UNANSWERED = (OSError, ValueError, http.client.HTTPException)


def fetch(
    url: str,
    *,
    context: ssl.SSLContext | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10,
) -> Response:
    """GET `url` once, following no redirect. Over HTTPS the certificate is checked with
    `context` (the system's trust store by default); when it fails the page is fetched
    anyway, unverified, and the response says so, as the Observatory does."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = parts.hostname
    try:
        return _get(url, host=host, context=context, headers=headers, timeout=timeout, verified=True)
    except ssl.SSLCertVerificationError:
        unverified = ssl.create_default_context()
        unverified.check_hostname = False
        unverified.verify_mode = ssl.CERT_NONE
        return _get(url, host=host, context=unverified, headers=headers, timeout=timeout, verified=False)


def _get(
    url: str,
    *,
    host: str,
    context: ssl.SSLContext | None,
    headers: dict[str, str] | None,
    timeout: float,
    verified: bool,
) -> Response:
    parts = urlsplit(url)
    if parts.scheme == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            host, parts.port, timeout=timeout, context=context or ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(host, parts.port, timeout=timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request("GET", path, headers={"User-Agent": "bcd35-check-headers", **(headers or {})})
        answer = connection.getresponse()
        raw = answer.read(MAX_BODY)
        charset = answer.headers.get_content_charset() or "utf-8"
        return Response(
            url=url,
            status=answer.status,
            headers=tuple(answer.getheaders()),
            body=raw.decode(charset, errors="replace"),
            verified=verified and parts.scheme == "https",
        )
    finally:
        connection.close()


def http_route(
    url: str, *, context: ssl.SSLContext | None = None, timeout: float = 10
) -> tuple[str, ...] | None:
    """The plain-HTTP `url` and every URL it redirects to, in order; None when nothing
    answers over plain HTTP. A hop that cannot be fetched ends the route where it points."""
    route = [url]
    try:
        response = fetch(url, context=context, timeout=timeout)
    except UNANSWERED:
        return None
    for _ in range(MAX_REDIRECTS):
        location = response.first("Location")
        if response.status not in {301, 302, 303, 307, 308} or not location:
            break
        route.append(urljoin(route[-1], location))
        try:
            response = fetch(route[-1], context=context, timeout=timeout)
        except UNANSWERED:
            break
    return tuple(route)


def scan_site(
    url: str,
    *,
    http_url: str | None = None,
    context: ssl.SSLContext | None = None,
    timeout: float = 10,
) -> Scan:
    """What the Observatory asks of the HTTPS page `url`; `http_url` is its plain-HTTP
    address (by default the same host and path on port 80)."""
    parts = urlsplit(url)
    if http_url is None:
        host = f"[{parts.hostname}]" if ":" in (parts.hostname or "") else parts.hostname or ""
        http_url = parts._replace(scheme="http", netloc=host).geturl()
    response = fetch(url, context=context, headers={"Origin": PROBE_ORIGIN}, timeout=timeout)
    return Scan(response=response, http_route=http_route(http_url, context=context, timeout=timeout))
