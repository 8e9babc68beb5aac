"""Uploaded files: checked by content and size, stored under random names.

Shared by every app that stores documents (decisions, event documents, reports).
"""

import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MEGABYTE = 1024 * 1024
PDF_MAX_SIZE = 20 * MEGABYTE


@deconstructible
class RandomName:
    """upload_to that keeps the folder and the (lower-cased) extension, and nothing of the client's name."""

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower()[:10]
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


@deconstructible
class MaxSizeValidator:
    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, file):
        if file.size > self.limit:
            raise ValidationError(
                _("The file is %(size)s; at most %(limit)s is allowed."),
                code="file_too_large",
                params={"size": filesizeformat(file.size), "limit": filesizeformat(self.limit)},
            )

    def __eq__(self, other):
        return isinstance(other, MaxSizeValidator) and other.limit == self.limit


def _head(file, length: int) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(length)
    file.seek(position)
    return head


def validate_pdf(file) -> None:
    """A PDF by its content ("%PDF-" at the start), whatever the name or the browser claimed."""
    if not _head(file, 5).startswith(b"%PDF-"):
        raise ValidationError(
            _("The file is not a PDF document. Upload the decision as a PDF file."),
            code="not_pdf",
        )


PDF_VALIDATORS = [MaxSizeValidator(PDF_MAX_SIZE), validate_pdf]
