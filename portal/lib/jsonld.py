"""JSON for a <script type="application/ld+json"> element (no Django needed).

Script content is raw text: HTML entities are not decoded there, so the JSON cannot be
HTML-escaped; instead the characters that could end the element or open a comment ("<",
">", "&") are written as JSON escapes, which parsers read back as the same characters
(as Django's `json_script` does for application/json).
"""

import json

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_for_script(data: object) -> str:
    """`data` as JSON, safe to place between <script type="application/ld+json"> tags."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
