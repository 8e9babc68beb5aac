"""Uploaded files: one rule per kind of upload, applied on every path that stores a file.

Every file field of the portal is an `UploadField` or `UploadImageField` naming its kind
(`PDF_DOCUMENT`, `DOCUMENT`, `PHOTO`, `PORTRAIT`, `LOGO`). For each upload:

- the size is checked against the kind's limit, and an empty file is refused;
- the type is detected from the content (`inspect_upload`), never from the name or the
  browser's claim, and must be one of the kind's types; the client's extension must be one
  of that type's extensions (a PNG named `.jpg`, a PDF named `.html`: refused);
- PDFs are parsed with pypdf (pure Python, maintained, BSD): a file that only starts
  with `%PDF-` is refused, as are PDFs that need a password or carry JavaScript;
  Word files must be DOCX packages without macros, of a sane unpacked size;
- pictures are opened by Pillow with the kind's pixel limit checked from the header,
  before anything is decoded, and decompression-bomb warnings are errors. They are then
  re-encoded (`clean_upload`), which drops EXIF (location included), comments, colour
  profiles (converted to sRGB first) and any chunk smuggled into the file;
- the stored name is random and its extension comes from the detected type
  (`RandomName`), never from the client.

The model fields run `inspect_upload` as their validator (forms show its message) and
`clean_upload` when the file is first saved, whatever path saves it: admin, services,
imports, the demo loader.
"""

from __future__ import annotations

import io
import logging
import uuid
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MEGABYTE = 1024 * 1024
# A stored name never gets other content (RandomName), so its size never changes.
SIZE_CACHE_SECONDS = 30 * 24 * 60 * 60


@dataclass(frozen=True)
class FileType:
    """A type the portal stores: its label, the extension it is stored under, the names it may arrive with."""

    label: str
    extension: str
    extensions: frozenset[str]
    mime: str
    is_image: bool = False


PDF = FileType("PDF", "pdf", frozenset({"pdf"}), "application/pdf")
DOCX = FileType(
    "Word (DOCX)",
    "docx",
    frozenset({"docx"}),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
JPEG = FileType("JPEG", "jpg", frozenset({"jpg", "jpeg"}), "image/jpeg", is_image=True)
PNG = FileType("PNG", "png", frozenset({"png"}), "image/png", is_image=True)
WEBP = FileType("WebP", "webp", frozenset({"webp"}), "image/webp", is_image=True)
GIF = FileType("GIF", "gif", frozenset({"gif"}), "image/gif", is_image=True)
FILE_TYPES = (PDF, DOCX, JPEG, PNG, WEBP, GIF)
STORED_EXTENSIONS = frozenset(file_type.extension for file_type in FILE_TYPES)
PILLOW_FORMATS = {"JPEG": JPEG, "PNG": PNG, "WEBP": WEBP, "GIF": GIF}


@dataclass(frozen=True)
class UploadKind:
    """What one kind of field accepts: types, size and, for pictures, pixels."""

    code: str
    types: tuple[FileType, ...]
    max_size: int
    max_pixels: int = 0

    @property
    def extensions(self) -> list[str]:
        return sorted({extension for file_type in self.types for extension in file_type.extensions})

    @property
    def labels(self) -> str:
        """The types for a message: "PDF", "PDF or Word (DOCX)", "JPEG, PNG or WebP" (translated)."""
        *others, last = [file_type.label for file_type in self.types]
        if not others:
            return last
        return gettext("%(types)s or %(last)s") % {"types": ", ".join(others), "last": last}

    @property
    def accept(self) -> str:
        """The file input's `accept`: the browser offers only these files (the server still checks)."""
        names = [f".{extension}" for extension in self.extensions]
        return ",".join([*names, *dict.fromkeys(file_type.mime for file_type in self.types)])

    @property
    def help_text(self):
        """The field's help, translated when shown."""
        return _lazy_help_text(self.code)


PDF_DOCUMENT = UploadKind("pdf", (PDF,), 20 * MEGABYTE)
DOCUMENT = UploadKind("document", (PDF, DOCX), 20 * MEGABYTE)
PHOTO = UploadKind("photo", (JPEG, PNG, WEBP), 10 * MEGABYTE, 40_000_000)
PORTRAIT = UploadKind("portrait", (JPEG, PNG, WEBP), 5 * MEGABYTE, 25_000_000)
LOGO = UploadKind("logo", (PNG, JPEG, WEBP), 2 * MEGABYTE, 16_000_000)
# Pictures placed in an article's body from the editor: a GIF too (a chart, a short animation).
BODY_IMAGE = UploadKind("body_image", (JPEG, PNG, WEBP, GIF), 10 * MEGABYTE, 40_000_000)
KINDS = {kind.code: kind for kind in (PDF_DOCUMENT, DOCUMENT, PHOTO, PORTRAIT, LOGO, BODY_IMAGE)}


def _help_text(code: str) -> str:
    kind = KINDS[code]
    params = {"types": kind.labels, "size": filesizeformat(kind.max_size)}
    if kind.max_pixels:
        return gettext("%(types)s, at most %(size)s and %(megapixels)s megapixels.") % {
            **params,
            "megapixels": kind.max_pixels // 1_000_000,
        }
    return gettext("%(types)s, at most %(size)s.") % params


_lazy_help_text = lazy(_help_text, str)

# Pictures of at most this many pixels are re-encoded in memory (about 4 bytes a pixel).
DOCX_MAX_UNPACKED = 200 * MEGABYTE


@dataclass(frozen=True)
class Inspection:
    """What the content of an upload turned out to be."""

    file_type: FileType
    width: int | None = None
    height: int | None = None


# --- Reading the content ----------------------------------------------------------------


def _read_all(file) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _sniff(head: bytes) -> FileType | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return DOCX
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:6] in {b"GIF87a", b"GIF89a"}:
        return GIF
    return None


def _not_a(kind: UploadKind) -> ValidationError:
    return ValidationError(
        _("The file cannot be opened as %(types)s; it may be damaged."),
        code="unreadable",
        params={"types": kind.labels},
    )


def _check_pdf(data: bytes, kind: UploadKind) -> None:
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR + 10)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise ValidationError(
                    _("The PDF is protected by a password. Upload it without the password."),
                    code="pdf_encrypted",
                )
            if len(reader.pages) < 1:
                raise _not_a(kind)
            catalog = reader.trailer["/Root"].get_object()
            names = catalog.get("/Names")
            names = names.get_object() if names is not None else DictionaryObject()
            open_action = catalog.get("/OpenAction")
            open_action = open_action.get_object() if open_action is not None else None
            scripted = (
                "/JavaScript" in names
                or "/AA" in catalog
                or (isinstance(open_action, dict) and open_action.get("/S") in {"/JavaScript", "/Launch"})
                or b"/JavaScript" in data
                or b"/Launch" in data
            )
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of errors on a damaged file
        raise _not_a(kind) from None
    finally:
        pypdf_logger.setLevel(level)
    if scripted:
        raise ValidationError(
            _("The PDF contains JavaScript or actions that open programs; such files are not accepted."),
            code="pdf_scripted",
        )


def _check_docx(file, kind: UploadKind) -> None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _not_a(kind) from None
    finally:
        file.seek(0)
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise _not_a(kind)
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(
            _("The Word document contains macros; save it as a plain .docx document and upload it again."),
            code="docx_macros",
        )
    if sum(member.file_size for member in members) > DOCX_MAX_UNPACKED:
        raise _not_a(kind)


def _open_image(file, kind: UploadKind, expected: FileType):
    """The picture opened by Pillow, its size checked from the header before any decoding.

    Pillow's own bomb warning starts above every kind's limit, so it is silenced here and
    the kind's limit is checked instead, with the picture's size in the message; a header
    claiming more than twice Pillow's limit is refused by Pillow before any size is known.
    """
    from PIL import Image

    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            formats = [name for name, file_type in PILLOW_FORMATS.items() if file_type == expected]
            image = Image.open(file, formats=formats)
        except Image.DecompressionBombError:
            raise _too_many_pixels(kind) from None
        except Exception:  # noqa: BLE001 - Pillow raises many kinds of errors on a damaged file
            raise _not_a(kind) from None
    width, height = image.size
    frames = getattr(image, "n_frames", 1)
    if width * height * frames > kind.max_pixels:
        image.close()
        raise _too_many_pixels(kind, width, height)
    return image


def _too_many_pixels(kind: UploadKind, width: int | None = None, height: int | None = None):
    if width is None:
        return ValidationError(
            _("The picture has too many pixels; at most %(megapixels)s megapixels are allowed."),
            code="image_too_large",
            params={"megapixels": kind.max_pixels // 1_000_000},
        )
    return ValidationError(
        _("The picture is %(width)s × %(height)s pixels; at most %(megapixels)s megapixels are allowed."),
        code="image_too_large",
        params={"width": width, "height": height, "megapixels": kind.max_pixels // 1_000_000},
    )


def _decode_image(file, kind: UploadKind, expected: FileType):
    """The picture fully decoded (so a truncated or corrupt file is caught here)."""
    from PIL import Image

    image = _open_image(file, kind, expected)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image.load()
        except Exception:  # noqa: BLE001
            image.close()
            raise _not_a(kind) from None
        finally:
            file.seek(0)
    return image


def inspect_upload(file, kind: UploadKind) -> Inspection:
    """What `file` is, if `kind` accepts it; a ValidationError with the reason otherwise."""
    size = file.size
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > kind.max_size:
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s is allowed."),
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(kind.max_size)},
        )
    extension = PurePosixPath(file.name or "").suffix.lower().lstrip(".")
    if extension not in kind.extensions:
        raise ValidationError(
            _("Files named .%(extension)s are not accepted here; upload %(types)s."),
            code="extension",
            params={"extension": extension or "?", "types": kind.labels},
        )
    file.seek(0)
    detected = _sniff(file.read(16))
    file.seek(0)
    if detected is None or detected not in kind.types:
        raise ValidationError(
            _("The file is not %(types)s by its content, whatever its name says."),
            code="wrong_type",
            params={"types": kind.labels},
        )
    if extension not in detected.extensions:
        raise ValidationError(
            _(
                "The file is named .%(extension)s but its content is %(type)s; "
                "rename it or upload the right file."
            ),
            code="extension_mismatch",
            params={"extension": extension, "type": detected.label},
        )
    if detected is PDF:
        _check_pdf(_read_all(file), kind)
        return Inspection(PDF)
    if detected is DOCX:
        _check_docx(file, kind)
        return Inspection(DOCX)
    with _decode_image(file, kind, detected) as image:
        return Inspection(detected, *image.size)


def clean_upload(file, kind: UploadKind) -> ContentFile:
    """The content to store for `file`: checked, pictures re-encoded without metadata, named
    `upload.<extension of the detected type>` (the storage adds a random name)."""
    inspection = inspect_upload(file, kind)
    file_type = inspection.file_type
    if not file_type.is_image:
        return ContentFile(_read_all(file), name=f"upload.{file_type.extension}")
    with _decode_image(file, kind, file_type) as image:
        data = _reencode(image, file_type)
    return ContentFile(data, name=f"upload.{file_type.extension}")


def _reencode(image, file_type: FileType) -> bytes:
    """The picture saved afresh: upright, in sRGB, with nothing but its pixels."""
    from PIL import ImageOps

    animated = getattr(image, "n_frames", 1) > 1 and file_type is GIF
    if not animated:
        image = ImageOps.exif_transpose(image)
        image = _to_srgb(image)
    buffer = io.BytesIO()
    if file_type is JPEG:
        image.convert("RGB").save(buffer, "JPEG", quality=90, optimize=True)
    elif file_type is PNG:
        if image.mode not in {"1", "L", "LA", "P", "RGB", "RGBA", "I;16"}:
            image = image.convert("RGBA")
        image.save(buffer, "PNG", optimize=True)
    elif file_type is WEBP:
        image = image.convert("RGBA" if image.mode in {"RGBA", "LA", "P"} else "RGB")
        image.save(buffer, "WEBP", quality=90)
    else:
        image.save(buffer, "GIF", save_all=animated)
    return buffer.getvalue()


def _to_srgb(image):
    profile = image.info.get("icc_profile")
    if not profile:
        return image
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        mode = "RGBA" if "A" in image.mode else "RGB"
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


# --- Model fields ---------------------------------------------------------------------------


@deconstructible
class RandomName:
    """upload_to: `<folder>/<random>.<extension>`, with an extension the portal stores and
    nothing of the client's name."""

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        extension = PurePosixPath(filename).suffix.lower().lstrip(".")
        if extension not in STORED_EXTENSIONS:
            extension = "bin"
        return f"{self.folder}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


@deconstructible
class UploadValidator:
    """The field validator: the checks of `inspect_upload` for a kind, on new uploads only."""

    def __init__(self, kind_code: str):
        self.kind_code = kind_code

    def __call__(self, file) -> None:
        if getattr(file, "_committed", False) is True:
            # A file already stored was checked when uploaded; re-reading it would cost a
            # download on remote storage.
            return
        inspect_upload(file, KINDS[self.kind_code])

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and other.kind_code == self.kind_code


class _UploadFieldMixin:
    def __init__(self, verbose_name=None, *, kind: str, folder: str, **kwargs):
        self.kind = KINDS[kind]
        self.folder = folder
        kwargs["upload_to"] = RandomName(folder)
        kwargs["validators"] = [UploadValidator(kind)]
        kwargs.setdefault("max_length", 255)
        self._default_help_text = "help_text" not in kwargs
        kwargs.setdefault("help_text", self.kind.help_text)
        super().__init__(verbose_name, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("upload_to", None)
        kwargs.pop("validators", None)
        if self._default_help_text:
            kwargs.pop("help_text", None)
        kwargs["kind"] = self.kind.code
        kwargs["folder"] = self.folder
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            content = clean_upload(file, self.kind)
            file.save(content.name, content, save=False)
        return file

    def formfield(self, **kwargs):
        # A plain file field: the validator's messages, not Django's generic "upload a valid image".
        kwargs["form_class"] = forms.FileField
        field = super().formfield(**kwargs)
        field.widget.attrs.setdefault("accept", self.kind.accept)
        return field


class UploadField(_UploadFieldMixin, models.FileField):
    """A document upload of one kind (`PDF_DOCUMENT`, `DOCUMENT`)."""


class UploadImageField(_UploadFieldMixin, models.ImageField):
    """A picture upload of one kind (`PHOTO`, `PORTRAIT`, `LOGO`), re-encoded when stored."""

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        # Django reads the size of a new picture as soon as it is assigned, before any
        # validator runs; a decompression bomb or a fake picture would fail there. Its size
        # is left empty then, and the validator refuses the file with its message.
        try:
            super().update_dimension_fields(instance, force, *args, **kwargs)
        except Exception:  # noqa: BLE001 - Pillow raises many kinds of errors on hostile files
            for field_name in (self.width_field, self.height_field):
                if field_name:
                    setattr(instance, field_name, None)


def stored_file_size(file) -> int | None:
    """The size in bytes of a stored file, None when it is missing or the storage cannot say.

    In a bucket (MEDIA_STORAGE=s3) each size is a request, so it is kept in the cache (Redis,
    shared by every web machine) under the stored name: a page listing documents asks once per file.
    """
    if not file:
        return None
    key = f"stored-size:{file.name}"
    size = cache.get(key)
    if size is None:
        try:
            size = file.size
        except (OSError, ValueError):
            return None
        cache.set(key, size, SIZE_CACHE_SECONDS)
    return size
