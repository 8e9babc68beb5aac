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


def media_headers(path: str) -> dict[str, str]:
    """The headers of the stored file at `path` (relative to MEDIA_ROOT); Http404 for a type never served."""
    name = PurePosixPath(path).name
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    if extension not in MEDIA_TYPES:
        raise Http404(path)
    headers = {"Content-Type": MEDIA_TYPES[extension], **MEDIA_HEADERS}
    if extension in DOWNLOAD_EXTENSIONS:
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return headers


def serve(request, path: str):
    """Django's static file view on MEDIA_ROOT, limited to the media types and with the headers above."""
    headers = media_headers(path)
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    for header, value in headers.items():
        response[header] = value
    return response
