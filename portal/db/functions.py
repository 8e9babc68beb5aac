"""Database functions the portal's queries share.

`Fold(expression)` is the folded words of a text (portal.lib.search.words) between single
spaces, computed by the database: lowercase, without Vietnamese marks, `đ` → `d`, punctuation
as space — "Đảng ủy (Học viện)" → "dang uy hoc vien" — so that "hoc vien" matches "Học viện"
in any query. On SQLite it calls the Python function itself (registered on every connection by
portal.db.backends.sqlite3); on PostgreSQL it is TRANSLATE of every precomposed Latin letter with
marks to its base letter (lone combining marks removed), LOWER, then every run of other
characters made one space: no extension needed.
"""

import unicodedata

from django.db.models import Func, TextField, Value
from django.db.models.functions import Cast, Lower, Trim

from portal.lib.search import words
from portal.lib.text import fold

SQLITE_FUNCTION = "portal_fold"


def _translate_table() -> tuple[str, str]:
    """(from, to) for TRANSLATE: each letter with marks in the Latin blocks whose fold is one
    ASCII letter, then the combining marks, which TRANSLATE drops (no letter to map them to)."""
    source, target = [], []
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded.isascii() and folded != char.lower():
            source.append(char)
            target.append(folded)
    marks = [chr(code) for code in range(0x300, 0x370) if unicodedata.combining(chr(code))]
    return "".join(source) + "".join(marks), "".join(target)


TRANSLATE_FROM, TRANSLATE_TO = _translate_table()


def sqlite_fold(value):
    """The SQLite function: the folded words of a text, NULL stays NULL."""
    return None if value is None else " ".join(words(str(value)))


class Fold(Func):
    """The folded text of an expression (any type: it is cast to text first)."""

    function = SQLITE_FUNCTION
    arity = 1
    output_field = TextField()

    def __init__(self, expression, **extra):
        super().__init__(Cast(expression, output_field=TextField()), **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        translated = Func(
            self.source_expressions[0],
            Value(TRANSLATE_FROM),
            Value(TRANSLATE_TO),
            function="TRANSLATE",
            output_field=TextField(),
        )
        spaced = Func(
            Lower(translated),
            Value("[^a-z0-9]+"),
            Value(" "),
            Value("g"),
            function="REGEXP_REPLACE",
            output_field=TextField(),
        )
        return Trim(spaced).as_sql(compiler, connection, **extra_context)
