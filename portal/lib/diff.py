"""Differences between two versions of a text, as escaped HTML with <del>/<ins> marks (no Django needed).

Texts are compared word by word, markup tags counting as words, so a changed word is marked
alone and a rich-text body shows its tags as text: an image or a link added is seen as such.
Everything is escaped; only the <del> and <ins> marks are HTML.
"""

import difflib
import re
from html import escape

# A tag, a run of white space, or a run of anything else up to the next tag or space.
_TOKEN = re.compile(r"<[^>]*>?|\s+|[^\s<]+")
# Block tags start a new line of the shown body, so a long body reads as paragraphs.
_BLOCK_START = re.compile(r"(?<!\n)(<(?:p|h[1-6]|ul|ol|li|blockquote|figure|table|tr|hr)\b)", re.IGNORECASE)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def html_diff(old: str, new: str, *, markup: bool = False) -> str:
    """`new` with what `old` had and it lacks in <del>, what it adds in <ins>, all escaped.

    With `markup`, block tags begin new lines (shown with white-space: pre-wrap)."""
    if markup:
        old, new = _BLOCK_START.sub(r"\n\1", old).lstrip("\n"), _BLOCK_START.sub(r"\n\1", new).lstrip("\n")
    before, after = tokens(old), tokens(new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(escape("".join(after[j1:j2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(before[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(after[j1:j2]))}</ins>")
    return "".join(parts)
