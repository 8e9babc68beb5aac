"""Search keys and highlighting of Vietnamese text (no Django needed).

Text and queries are cut into the same words: folded (portal.lib.text.fold: lowercase, no
diacritics, `đ` → `d`) runs of letters and digits. A reader's "dang uy" and an article's
"Đảng ủy" are then the same two words, whichever way either was typed.
"""

import html
import re
import unicodedata

from portal.lib.text import fold

_WORD = re.compile(r"[a-z0-9]+")
# A query longer than this is cut: no reader types more, and each word costs the database.
MAX_QUERY_WORDS = 12
MAX_WORD_LENGTH = 40


def words(text: str) -> list[str]:
    """The folded words of `text`: "Đảng ủy 35-NQ/TW" → ["dang", "uy", "35", "nq", "tw"]."""
    return _WORD.findall(fold(text))


def query_words(query: str) -> list[str]:
    """The distinct words a search looks for, in the order typed, at most MAX_QUERY_WORDS."""
    found: list[str] = []
    for word in words(query):
        word = word[:MAX_WORD_LENGTH]
        if word not in found:
            found.append(word)
    return found[:MAX_QUERY_WORDS]


def search_key(text: str) -> str:
    """The folded words of `text` between single spaces, with a space at each end, so that
    " word " is found only as a whole word: "Hội nghị" → " hoi nghi "."""
    return f" {' '.join(words(text))} "


class _FoldTable(dict):
    """str.translate's table folding one character at a time, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold(chr(code)) or " "
        return folded


_FOLD_TABLE = _FoldTable()


def _spans(text: str, wanted: set[str]) -> list[tuple[int, int]]:
    """Where in `text` (NFC) the words folding to one of `wanted` stand, as (start, end)."""
    folded = text.translate(_FOLD_TABLE)
    if len(folded) == len(text):  # each character folded to one: positions are the same
        return [match.span() for match in _WORD.finditer(folded) if match.group() in wanted]
    characters: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded_char in _FOLD_TABLE[ord(char)]:
            characters.append(folded_char)
            origin.append(index)
    joined = "".join(characters)
    return [
        (origin[match.start()], origin[match.end() - 1] + 1)
        for match in _WORD.finditer(joined)
        if match.group() in wanted
    ]


def highlight(text: str, wanted: list[str]) -> str:
    """`text` as HTML, escaped, with the words of `wanted` (folded) inside <mark>."""
    text = unicodedata.normalize("NFC", text)
    parts, last = [], 0
    for start, end in _spans(text, set(wanted)):
        parts += [html.escape(text[last:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        last = end
    parts.append(html.escape(text[last:]))
    return "".join(parts)


def snippet(text: str, wanted: list[str], *, length: int = 240) -> str:
    """About `length` characters of `text` around its first word of `wanted`, highlighted, with
    "…" where it was cut; the start of the text when no word of it is wanted."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    spans = _spans(text, set(wanted))
    start = max(0, spans[0][0] - length // 4) if spans else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = start + length
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    cut = text[start:end]
    return ("…" if start else "") + highlight(cut, wanted) + ("…" if end < len(text) else "")
