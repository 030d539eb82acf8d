"""Ids, and the names they are made from: what an id may be, and the id a name gives (`slugify`,
through `transliterate`).

The schema (`explainer.content.schema`) checks fields with these; the authoring commands make ids
with them; heading anchors are spelt with `transliterate` too.
"""

from __future__ import annotations

import re
import unicodedata

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID_LENGTH = 120


# Letters that Unicode does not decompose into a base letter and accents (NFKD leaves "Ø" as it
# is), spelt out in ASCII; without this table "Øystein" would lose its first letter.
_TRANSLITERATE = str.maketrans({
    "ß": "ss", "Ø": "O", "ø": "o", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Đ": "D",
    "đ": "d", "Ð": "D", "ð": "d", "Ł": "L", "ł": "l", "Þ": "Th", "þ": "th", "ı": "i",
    "Ħ": "H", "ħ": "h", "Ŧ": "T", "ŧ": "t", "Ŋ": "N", "ŋ": "n",
})


def transliterate(text: str) -> str:
    """`text` in ASCII: accents dropped, special letters spelt out ("Ærø" becomes "Aero"), other
    characters without an ASCII form (other scripts, typographic quotes) left out. Record ids
    (`slugify`) and heading anchors (`markup`) are both made from it."""
    decomposed = unicodedata.normalize("NFKD", text).translate(_TRANSLITERATE)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slugify(name: str) -> str:
    """An id from a name: "José Simeón Cañas" becomes "jose-simeon-canas"."""
    ascii_text = transliterate(name).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:MAX_ID_LENGTH].strip("-")


def id_problem(value: str, where: str = "") -> str | None:
    """Why `value` is not a valid id, or None when it is one. `where` says where it came from."""
    if len(value) > MAX_ID_LENGTH:
        return f"invalid id '{value[:40]}…'{where}: ids are at most {MAX_ID_LENGTH} characters"
    if not ID_RE.match(value):
        suggestion = slugify(value)
        hint = f"; did you mean '{suggestion}'?" if suggestion and ID_RE.match(suggestion) else ""
        return (
            f"invalid id '{value}'{where}: ids use lower-case letters a-z, digits and single "
            f"hyphens{hint}"
        )
    return None
