"""Academic titles, degrees and honorifics as the sources write them, and one canonical form.

The articles write the same prefix many ways — "PGS,TS", "PGS, TS.", "PGS,TS.",
"NGƯT, TS", "NGƯT,TS", "TS." — so the parts are stored separately and rendered one way:
honorific, academic title, degree, each separated by ", " ("NGƯT, PGS, TS").
"""

import re
from dataclasses import dataclass

HONORIFICS = ("NGND", "NGƯT")  # Nhà giáo Nhân dân, Nhà giáo Ưu tú
ACADEMIC_TITLES = ("GS", "PGS")  # Giáo sư, Phó Giáo sư
DEGREES = ("TSKH", "TS", "ThS", "CN")  # Tiến sĩ khoa học, Tiến sĩ, Thạc sĩ, Cử nhân

_KNOWN = {token.casefold(): token for token in (*HONORIFICS, *ACADEMIC_TITLES, *DEGREES)}
# A prefix token: letters followed by a separator (comma, dot, space) or the end.
_TOKEN = re.compile(r"\s*([^\W\d_]+)\s*[.,]?\s*")


@dataclass(frozen=True)
class ParsedName:
    full_name: str
    honorific: str = ""
    academic_title: str = ""
    degree: str = ""

    @property
    def prefix(self) -> str:
        return title_prefix(honorific=self.honorific, academic_title=self.academic_title, degree=self.degree)


def parse_name(written: str) -> ParsedName:
    """Split "PGS, TS. Nguyễn Quốc Dũng" into its title parts and the person's name.

    Tokens are read from the left while they are known titles; "đồng chí" (comrade) is
    dropped. The rest, with white space collapsed, is the name.
    """
    text = " ".join(written.split())
    if text.casefold().startswith("đồng chí "):
        text = text[len("đồng chí ") :]
    found: dict[str, str] = {}
    position = 0
    while True:
        match = _TOKEN.match(text, position)
        if not match:
            break
        token = _KNOWN.get(match.group(1).casefold())
        if token is None or match.end() == len(text) and not found:
            break
        kind = _kind_of(token)
        if kind in found:
            break
        found[kind] = token
        position = match.end()
    name = text[position:].strip(" ,.")
    return ParsedName(full_name=name, **found)


def _kind_of(token: str) -> str:
    if token in HONORIFICS:
        return "honorific"
    if token in ACADEMIC_TITLES:
        return "academic_title"
    return "degree"


def title_prefix(*, honorific: str = "", academic_title: str = "", degree: str = "") -> str:
    """The canonical prefix: "NGƯT, PGS, TS"; empty when the person has none."""
    return ", ".join(part for part in (honorific, academic_title, degree) if part)


def name_with_titles(
    full_name: str, *, honorific: str = "", academic_title: str = "", degree: str = ""
) -> str:
    """ "PGS, TS Hoàng Phúc Lâm" """
    prefix = title_prefix(honorific=honorific, academic_title=academic_title, degree=degree)
    return f"{prefix} {full_name}" if prefix else full_name
