"""A browser without a browser: HTTPS with cookies and CSRF tokens, redirects not followed."""

from __future__ import annotations

import gzip
import http.cookiejar
import re
import ssl
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit


@dataclass
class Answer:
    status: int
    headers: object  # email.message.Message: .get(), .get_all()
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def header_items(self) -> list[tuple[str, str]]:
        return list(self.headers.items())


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx is an answer to look at, not to follow


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    """A multipart/form-data body as a browser sends it: (body, Content-Type)."""
    boundary = f"----bcd35{uuid.uuid4().hex}"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value.encode()
            + b"\r\n"
        )
    for name, (filename, content, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """HTTPS through the proxy with cookies, the certificate checked against the stack's own.

    With `upstream` (a gunicorn's http://host:port) requests to paths go straight to that
    gunicorn with the headers nginx adds for a request to `origin`, cookies included (they are
    Secure, so urllib would not send them over plain HTTP): the answer comes from that instance.
    """

    def __init__(self, origin: str, context: ssl.SSLContext, *, upstream: str | None = None):
        self.origin = origin
        self.upstream = upstream
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies),
            urllib.request.HTTPSHandler(context=context),
            _KeepRedirects,
        )

    def request(self, path_or_url: str, *, data: bytes | None = None, headers: dict | None = None) -> Answer:
        headers = dict(headers or {})
        if "://" in path_or_url:
            url = path_or_url
        elif self.upstream:
            url = self.upstream + path_or_url
            headers |= {
                "Host": urlsplit(self.origin).netloc,
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": urlsplit(self.upstream).hostname,
            }
            if cookies := "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.cookies):
                headers["Cookie"] = cookies
        else:
            url = self.origin + path_or_url
        request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310
        try:
            with self.opener.open(request, timeout=30) as response:
                return Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:  # 3xx, 4xx and 5xx answers
            with error:
                return Answer(error.code, error.headers, error.read())

    def get(self, path: str, **headers) -> Answer:
        return self.request(path, headers=headers)

    def post(self, path: str, fields: dict[str, str], files: dict | None = None) -> Answer:
        """Posts the form at `path` as a browser does, with the CSRF token of a fresh GET of it."""
        page = self.get(path)
        token = CSRF_TOKEN.search(page.text)
        assert token, f"no CSRF token on {path} ({page.status})"
        fields = {"csrfmiddlewaretoken": token.group(1), **fields}
        if files:
            body, content_type = multipart(fields, files)
        else:
            body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
        headers = {"Content-Type": content_type, "Origin": self.origin, "Referer": self.origin + path}
        return self.request(path, data=body, headers=headers)


def gunzip(answer: Answer) -> str:
    return gzip.decompress(answer.body).decode("utf-8")
