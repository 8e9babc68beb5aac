"""Serving uploaded files so that nothing uploaded can run in the site's origin.

In production the reverse proxy serves `/media/` (`deploy/nginx/`) with the headers
below; `tests/deploy/` checks that both send the same ones. Django serves media itself
only when `SERVE_MEDIA` is on (the embedded demo, the browser tests), through `serve`.

- Only the types the upload validators can store are served (`MEDIA_TYPES`), each with
  its own Content-Type, whatever a stored name might say; any other file is a 404.
- Every response says `X-Content-Type-Options: nosniff` and `Content-Security-Policy:
  sandbox`, so even a file that slipped past the checks cannot run script here.
- Documents are downloads (`Content-Disposition: attachment`), never rendered in a tab.
"""

import re
from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404
from django.views import static

MEDIA_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DOWNLOAD_EXTENSIONS = frozenset({"pdf", "docx"})
MEDIA_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
MEDIA_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": MEDIA_CSP,
    "Cross-Origin-Resource-Policy": "same-site",
    "Referrer-Policy": "no-referrer",
}


# The stored name goes into Content-Disposition only when it is plain ASCII (RandomName stores
# hex names), as in the nginx templates' map.
PLAIN_NAME = re.compile(r"[A-Za-z0-9_.-]+")


def _extension(path: str) -> str:
    return PurePosixPath(path).suffix.lower().lstrip(".")


def _attachment(path: str) -> str:
    name = PurePosixPath(path).name
    return f'attachment; filename="{name}"' if PLAIN_NAME.fullmatch(name) else "attachment"


def object_headers(path: str) -> dict[str, str]:
    """What the stored file at `path` carries in object storage (portal/storage.py): the
    Content-Type of its extension and, for documents, `attachment`. A type the portal never
    stores is an opaque download."""
    extension = _extension(path)
    if extension not in MEDIA_TYPES:
        return {"Content-Type": "application/octet-stream", "Content-Disposition": _attachment(path)}
    headers = {"Content-Type": MEDIA_TYPES[extension]}
    if extension in DOWNLOAD_EXTENSIONS:
        headers["Content-Disposition"] = _attachment(path)
    return headers


def media_headers(path: str) -> dict[str, str]:
    """The headers of the stored file at `path` (relative to MEDIA_ROOT); Http404 for a type never served."""
    if _extension(path) not in MEDIA_TYPES:
        raise Http404(path)
    return {**object_headers(path), **MEDIA_HEADERS}


def serve(request, path: str):
    """Django's static file view on MEDIA_ROOT, limited to the media types and with the headers above."""
    headers = media_headers(path)
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    for header, value in headers.items():
        response[header] = value
    return response
