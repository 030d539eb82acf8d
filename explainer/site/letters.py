"""Letters: how names sort and which letter files them, for the glossary and for lists split by letter.

Sorting needs no system locale: a name sorts by its text with accents removed (`index.fold`),
special letters spelt out (æ as "ae", ø as "o", ß as "ss"), case ignored and punctuation skipped,
so "Ángel" files under A, between "Angel" and "Angola". `explainer.views.glossary` sorts and
groups the glossary this way; `explainer.site.paging` splits long lists by the same letters.
"""

from __future__ import annotations

from explainer.site.index import fold
from explainer.site.urls import OTHER_LETTER

ALPHABET = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
OTHER = OTHER_LETTER  # terms that start with a digit or a symbol
_SPELT_OUT = str.maketrans({
    "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "ı": "i",
})


def sort_text(text: str) -> str:
    """`text` as the glossary compares it: no accents or case, letters, digits and spaces only."""
    folded = fold(text).translate(_SPELT_OUT)
    kept = "".join(c if c.isalnum() else " " if c.isspace() else "" for c in folded)
    return " ".join(kept.split())


def term_sort_key(text: str, term_id: str = "") -> tuple[str, str, str, str]:
    return (sort_text(text), text.casefold(), text, term_id)


def letter_of(text: str) -> str:
    """The letter a term is filed under: A–Z, another script's letter, or '#'."""
    first = sort_text(text)[:1]
    return first.upper() if first.isalpha() else OTHER


def page_letter(text: str) -> str:
    """The letter page a name is listed on when a list is split: A–Z, or '#' for everything else."""
    letter = letter_of(text)
    return letter if letter in ALPHABET else OTHER


def letter_order(letter: str) -> tuple[int, str]:
    """Letters in the order lists show them: '#' first, then A–Z, then other scripts' letters."""
    if letter == OTHER:
        return (0, "")
    return (1, letter) if letter in ALPHABET else (2, letter)
