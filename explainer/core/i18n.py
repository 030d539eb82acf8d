"""The interface's words in each language: gettext catalogs compiled in memory, CLDR list formatting.

Every word a reader sees that is not content (navigation, headings, labels, notes) is a message
of the catalogs under `explainer/locale/<lang>/LC_MESSAGES/messages.po` (the template of every
message is `explainer/locale/messages.pot`, extracted with `pybabel extract -F babel.cfg`; see
docs/architecture.md). A catalog is compiled when a build first asks for its language
(`translations_for`), straight from the `.po` into memory, so no compiled `.mo` is kept in the
repository to fall out of step with its source.

Python code marks a message where it is written and translates it where it is shown:
`N_("People")` in a table, `N_plural("%(num)d person", "%(num)d people")` for a counted one,
`translations_for(lang).gettext(...)` (or `ngettext` for a count) where the page is made. A language without a catalog shows the English messages.
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from babel import Locale
from babel.core import UnknownLocaleError
from babel.lists import format_list as _format_list
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
DEFAULT_LANGUAGE = "en"


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark, translate later"
    """Mark `message` for the catalogs without translating it here (it is translated where shown)."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - a sibling of N_
    """Mark a counted message for the catalogs (singular and plural), translated where shown with
    `ngettext(*message, n)`."""
    return singular, plural


def catalog_path(lang: str) -> Path:
    """The `.po` file of a language's interface messages."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def shipped_languages() -> tuple[str, ...]:
    """The languages with a catalog in the package, sorted."""
    return tuple(sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


def _catalog_language(lang: str) -> str | None:
    """The shipped catalog for a BCP 47 tag: its own ("pt-BR" as pt_BR), else its language ("es-MX": es)."""
    tag = lang.replace("-", "_")
    for candidate in (tag, tag.split("_")[0]):
        if catalog_path(candidate).is_file():
            return candidate
    return None


# The catalogs compiled so far, by catalog language: (a digest of the `.po`, the compiled `.mo`).
# A cached build hands in the last build's (`reuse_compiled`), so that a catalog that did not
# change is not compiled again: Babel's reading of a `.po`, and importing its reader, took 0.015 s
# of a one-record edit's build.
_compiled: dict[str, tuple[str, bytes]] = {}


def compiled_catalogs() -> dict[str, tuple[str, bytes]]:
    """The catalogs compiled (or reused) so far, for the next build (`reuse_compiled`)."""
    return dict(_compiled)


def reuse_compiled(catalogs: Mapping[str, tuple[str, bytes]]) -> None:
    """Catalogs an earlier build compiled: each is used while its `.po` has the same digest."""
    for lang, kept in catalogs.items():
        _compiled.setdefault(lang, kept)


def _compile(po: bytes, lang: str) -> bytes:
    from babel.messages.mofile import write_mo  # (imported only to compile: `reuse_compiled`)
    from babel.messages.pofile import read_po

    compiled = io.BytesIO()
    write_mo(compiled, read_po(io.BytesIO(po), locale=lang, domain=DOMAIN))
    return compiled.getvalue()


@functools.cache
def translations_for(lang: str) -> NullTranslations:
    """The interface messages of `lang`, compiled from its `.po` (English's messages without one)."""
    found = _catalog_language(lang)
    if found is None:
        return NullTranslations()
    po = catalog_path(found).read_bytes()
    digest = hashlib.blake2b(po, digest_size=16).hexdigest()
    kept = _compiled.get(found)
    if kept is None or kept[0] != digest:
        kept = _compiled[found] = (digest, _compile(po, found))
    return Translations(io.BytesIO(kept[1]), domain=DOMAIN)


@functools.cache
def locale_for(lang: str) -> Locale:
    """The CLDR locale of a language tag ("en", "es", "pt-BR"); English for a tag CLDR does not know."""
    try:
        return Locale.parse(lang, sep="-" if "-" in lang else "_")
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)


def format_list(items: Iterable[str], lang: str, style: Literal["standard", "or"] = "standard") -> str:
    """Items joined as the language joins a list: "a, b, and c"; "a, b y c"."""
    return _format_list(list(items), style=style, locale=locale_for(lang))


# Counts that fall in every plural category of the languages CLDR knows (0-199 covers all but
# the "many" of languages that count millions apart, such as Spanish's "1.000.000 de entradas").
PLURAL_SAMPLES = (*range(200), 1_000_000)


def plural_forms(lang: str, singular: str, plural: str) -> dict[str, str]:
    """A counted message as `lang` words it for each CLDR plural category ("one", "other", ...),
    its placeholders left in: for a script that counts on the page and picks the form with
    `Intl.PluralRules`, which names the same categories."""
    rule, translate = locale_for(lang).plural_form, translations_for(lang).ngettext
    forms: dict[str, str] = {}
    for n in PLURAL_SAMPLES:
        forms.setdefault(rule(n), translate(singular, plural, n))
    return forms
