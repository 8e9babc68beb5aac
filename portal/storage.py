"""Uploads in S3-compatible object storage (MEDIA_STORAGE=s3), for web machines that share no disk.

Every object is written with the headers nginx gives a local file (portal/media.py): the
Content-Type of its stored extension, never the browser's claim nor a guess from its bytes,
and `Content-Disposition: attachment` for documents. An object cannot carry
`X-Content-Type-Options` or `Content-Security-Policy`: the proxy or CDN in front of the bucket
adds them (deploy/nginx/media-s3/, README "Growing past one machine").
"""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

from portal.media import object_headers


class MediaS3Storage(S3Storage):
    """django-storages' S3 backend with the portal's per-object headers."""

    def get_object_parameters(self, name: str) -> dict[str, str]:
        headers = object_headers(name)
        parameters = {**super().get_object_parameters(name), "ContentType": headers["Content-Type"]}
        if "Content-Disposition" in headers:
            parameters["ContentDisposition"] = headers["Content-Disposition"]
        return parameters

    def size(self, name: str) -> int:
        """The object's size; OSError, as from a disk, when the bucket cannot say (a page showing
        sizes then leaves this one out instead of failing)."""
        try:
            return super().size(name)
        except (BotoCoreError, ClientError) as exc:
            raise OSError(f"the media bucket did not give the size of {name}: {exc}") from exc
