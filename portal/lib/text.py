"""Vietnamese text folding for search keys and URL slugs (no Django needed).

Unicode decomposition strips tone and vowel marks, but `đ`/`Đ` is a letter of its
own, not `d` plus a mark, so it must be mapped explicitly — Django's slugify drops it
("Đảng" → "ang").
"""

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def strip_diacritics(value: str) -> str:
    """Remove Vietnamese marks, keep the case: "Đảng ủy" → "Dang uy"."""
    decomposed = unicodedata.normalize("NFD", value.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def fold(value: str) -> str:
    """Search key: lowercase, no diacritics, `đ` → `d`, runs of white space collapsed."""
    return _SPACES.sub(" ", strip_diacritics(value).casefold()).strip()


def slugify_vi(value: str, *, max_length: int | None = None) -> str:
    """URL slug of Vietnamese text: "Đảng ủy Học viện" → "dang-uy-hoc-vien".

    With max_length the slug is cut at a word boundary where possible.
    """
    slug = _NON_WORD.sub("-", fold(value)).strip("-")
    if max_length is not None and len(slug) > max_length:
        cut = slug[:max_length]
        if "-" in cut and slug[max_length] != "-":
            cut = cut.rsplit("-", 1)[0]
        slug = cut.strip("-")
    return slug


_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def clean_plain_text(value: str, *, multiline: bool = True) -> str:
    """Plain text as stored: NFC, line breaks as "\\n", no control characters (NUL, escape…),
    no white space at either end. On one line (`multiline=False`) breaks and tabs become spaces.

    Text pasted from a word processor or typed through an API reaches the database as the
    same letters a reader sees, and nothing that cuts a PostgreSQL string (NUL) or a terminal.
    """
    text = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", value))
    kept = "\n\t" if multiline else ""
    text = "".join(
        ch if ch in kept or unicodedata.category(ch) != "Cc" else (" " if ch in "\n\t" else "") for ch in text
    )
    return text.strip()
