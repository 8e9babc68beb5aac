"""Uploads in S3-compatible object storage (MEDIA_STORAGE=s3), for web machines that share no disk.

Every object is written with the headers nginx gives a local file (portal/media.py): the
Content-Type of its stored extension, never the browser's claim nor a guess from its bytes,
and `Content-Disposition: attachment` for documents. An object cannot carry
`X-Content-Type-Options` or `Content-Security-Policy`: the proxy or CDN in front of the bucket
adds them (deploy/nginx/media-s3/, README "Growing past one machine").
"""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError
from django.core.cache import cache
from storages.backends.s3 import S3Storage

from portal.media import object_headers

# A stored name never gets other content (portal.files.RandomName), so its size never changes.
SIZE_CACHE_SECONDS = 30 * 24 * 60 * 60


class MediaS3Storage(S3Storage):
    """django-storages' S3 backend with the portal's per-object headers."""

    def get_object_parameters(self, name: str) -> dict[str, str]:
        headers = object_headers(name)
        parameters = {**super().get_object_parameters(name), "ContentType": headers["Content-Type"]}
        if "Content-Disposition" in headers:
            parameters["ContentDisposition"] = headers["Content-Disposition"]
        return parameters


def stored_file_size(file) -> int | None:
    """The size in bytes of a stored file, None when it is missing or the storage does not answer.

    In a bucket each size is a request, so it is kept in the cache (Redis, shared by every web
    machine) under the stored name: a page listing documents asks the bucket once per file.
    """
    if not file:
        return None
    key = f"stored-size:{file.name}"
    size = cache.get(key)
    if size is None:
        try:
            size = file.size
        except (OSError, ValueError, BotoCoreError, ClientError):
            return None
        cache.set(key, size, SIZE_CACHE_SECONDS)
    return size
