"""Language tags: which the site may be published in (`languages:` in site.yaml), and their names.

A tag is a BCP 47 tag that Babel (CLDR) knows: `en`, `es`, `pt-BR`. Its name, in its own language,
is what the language switcher shows (`español`).
"""

from __future__ import annotations

import functools

from babel import Locale, UnknownLocaleError


@functools.lru_cache(maxsize=64)
def _locale(tag: str) -> Locale | None:
    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def language_problem(tag: str) -> str | None:
    """Why `tag` cannot be a language of the site, or None when it can."""
    if _locale(tag) is None:
        return f"unknown language '{tag}': use a BCP 47 tag such as 'en', 'es' or 'pt-BR'"
    return None


def language_name(tag: str, in_language: str | None = None) -> str:
    """The name of the language `tag`, in `in_language` (by default its own): `español`."""
    locale = _locale(tag)
    if locale is None:
        return tag
    name = locale.get_display_name(_locale(in_language or tag) or locale) or tag
    return name[:1].upper() + name[1:] if in_language is None else name
