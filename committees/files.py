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
        if _already_stored(file):
            return
        if file.size > self.limit:
            raise ValidationError(
                _("The file is %(size)s; at most %(limit)s is allowed."),
                code="file_too_large",
                params={"size": filesizeformat(file.size), "limit": filesizeformat(self.limit)},
            )

    def __eq__(self, other):
        return isinstance(other, MaxSizeValidator) and other.limit == self.limit


def _already_stored(file) -> bool:
    """A file already in storage (an unchanged field on re-save) was checked when uploaded;
    reading it again would cost a download on remote storage."""
    return getattr(file, "_committed", False) is True


def _head(file, length: int) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(length)
    file.seek(position)
    return head


def validate_pdf(file) -> None:
    """A PDF by its content ("%PDF-" at the start), whatever the name or the browser claimed."""
    if _already_stored(file):
        return
    if not _head(file, 5).startswith(b"%PDF-"):
        raise ValidationError(
            _("The file is not a PDF document. Upload the decision as a PDF file."),
            code="not_pdf",
        )


PDF_VALIDATORS = [MaxSizeValidator(PDF_MAX_SIZE), validate_pdf]


IMAGE_MAX_SIZE = 10 * MEGABYTE
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
DOCUMENT_MAX_SIZE = 20 * MEGABYTE


def validate_image(file) -> None:
    """A JPEG, PNG or WebP picture by its content, decodable and of a sane pixel count."""
    if _already_stored(file):
        return
    from PIL import Image, UnidentifiedImageError

    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    try:
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("The file is not a picture that can be opened. Upload a JPEG, PNG or WebP photo."),
            code="not_image",
        ) from None
    finally:
        file.seek(position)
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _("Pictures must be JPEG, PNG or WebP; this one is %(format)s."),
            code="image_format",
            params={"format": image_format},
        )
    if width * height > IMAGE_MAX_PIXELS:
        raise ValidationError(
            _("The picture is %(width)s × %(height)s pixels; at most 40 megapixels are allowed."),
            code="image_too_large",
            params={"width": width, "height": height},
        )


def _is_docx(file) -> bool:
    import zipfile

    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        file.seek(position)
    return "[Content_Types].xml" in names and "word/document.xml" in names


def validate_document(file) -> None:
    """A PDF or a Word (DOCX) document by its content."""
    if _already_stored(file):
        return
    if _head(file, 5).startswith(b"%PDF-") or _is_docx(file):
        return
    raise ValidationError(
        _("The file is neither a PDF nor a Word (DOCX) document."),
        code="not_document",
    )


IMAGE_VALIDATORS = [MaxSizeValidator(IMAGE_MAX_SIZE), validate_image]
DOCUMENT_VALIDATORS = [MaxSizeValidator(DOCUMENT_MAX_SIZE), validate_document]
