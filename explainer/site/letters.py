"""Letters: how names sort and which letter files them, for the glossary and for lists split by letter.

Sorting needs no system locale: a name sorts by its text with accents removed (`index.fold`),
special letters spelt out (æ as "ae", ø as "o", ß as "ss"), case ignored and punctuation skipped,
so "Ángel" files under A, between "Angel" and "Angola". `explainer.views.glossary` sorts and
groups the glossary this way; `explainer.site.paging` splits long lists by the same letters.

The order follows the page's language (its collation, as CLDR describes it): a language whose
alphabet has a letter of its own that is written as an accented letter keeps it apart (Spanish
files "Ñandú" under Ñ, after every N, and "Ángel" still under A). That is a small table of such
letters (`OWN_LETTERS`) on top of the decomposition, rather than ICU: PyICU needs the ICU C
library and a compiler to install, for the few tailorings Latin-script alphabets need.
"""

from __future__ import annotations

import unicodedata

from explainer.site.index import fold
from explainer.site.urls import OTHER_LETTER

ALPHABET = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
OTHER = OTHER_LETTER  # terms that start with a digit or a symbol
# Per language, the letters its alphabet files apart though they decompose to a base letter, each
# with the letter it follows ("ñ" comes after every "n" in Spanish: "nz" < "ña" < "o").
OWN_LETTERS: dict[str, dict[str, str]] = {"es": {"ñ": "n"}}
_AFTER_ALL = "\U0010ffff"  # sorts after every letter: "n" + this comes after "nz"
_SPELT_OUT = str.maketrans({
    "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "ı": "i",
})


def _own_letters(lang: str) -> dict[str, str]:
    return OWN_LETTERS.get(lang.replace("_", "-").split("-")[0].lower(), {})


def alphabet(lang: str = "en") -> tuple[str, ...]:
    """The capital letters a language files names under, in its order (Spanish: … N, Ñ, O …)."""
    letters = list(ALPHABET)
    for own, after in _own_letters(lang).items():
        letters.insert(letters.index(after.upper()) + 1, own.upper())
    return tuple(letters)


def sort_text(text: str, lang: str = "en") -> str:
    """`text` as the glossary compares it: no accents or case, letters, digits and spaces only
    (the language's own letters kept: "ñ" in Spanish)."""
    own = _own_letters(lang)
    if own and any(c.lower() in own for c in text):
        folded = "".join(
            c.lower() if c.lower() in own else fold(c) for c in unicodedata.normalize("NFC", text)
        ).translate(_SPELT_OUT)
    else:
        folded = fold(text).translate(_SPELT_OUT)
    kept = "".join(c if c.isalnum() else " " if c.isspace() else "" for c in folded)
    return " ".join(kept.split())


def collation_key(text: str, lang: str = "en") -> str:
    """What names are ordered by in `lang`: `sort_text`, each of the language's own letters put
    after every word spelt with its base letter."""
    key = sort_text(text, lang)
    for own, after in _own_letters(lang).items():
        key = key.replace(own, after + _AFTER_ALL)
    return key


def term_sort_key(text: str, term_id: str = "", lang: str = "en") -> tuple[str, str, str, str]:
    return (collation_key(text, lang), text.casefold(), text, term_id)


def letter_of(text: str, lang: str = "en") -> str:
    """The letter a term is filed under: the language's A–Z, another script's letter, or '#'."""
    first = sort_text(text, lang)[:1]
    return first.upper() if first.isalpha() else OTHER


def page_letter(text: str, lang: str = "en") -> str:
    """The letter page a name is listed on when a list is split: A–Z, or '#' for everything else."""
    letter = letter_of(text, lang)
    return letter if letter in alphabet(lang) else OTHER


def letter_order(letter: str, lang: str = "en") -> tuple[int, int, str]:
    """Letters in the order lists show them: '#' first, then the language's A–Z, then other scripts' letters."""
    if letter == OTHER:
        return (0, 0, "")
    letters = alphabet(lang)
    return (1, letters.index(letter), "") if letter in letters else (2, 0, letter)
