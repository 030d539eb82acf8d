"""A page in the site's other languages: its `hreflang` alternates and the language switcher.

Every edition has the same paths (`site.urls.edition_folder` puts an edition's under its folder),
so a page's alternates are the same path in every edition that has it: `pages` holds each
edition's HTML pages (a list split by letter can differ, its letters following the names).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from explainer.content.languages import language_name
from explainer.site import urls
from explainer.site.index import SiteIndex


@dataclass(frozen=True)
class Alternate:
    """The page in one language: `<link rel="alternate" hreflang>` and the switcher's link."""

    language: str
    href: str  # a full URL when the base URL has a host (`hreflang` wants one)
    link: str  # the URL path, for links on the page (the preview serves them too)
    name: str  # the language's name in itself: "Español"
    current: bool


def has_page(pages: Mapping[str, frozenset[str]], language: str, path: str) -> bool:
    """Whether the edition in `language` has the page at output `path`: one of its pages, or a
    page no edition lists among its own (the search page, the graph: every edition has them)."""
    return path in pages.get(language, ()) or not any(path in own for own in pages.values())


def alternates(index: SiteIndex, path: str, pages: Mapping[str, frozenset[str]]) -> list[Alternate]:
    """The page at output `path` in each language whose edition has it, in `languages` order;
    none for a one-language site."""
    config = index.config
    if not config.languages or not pages:
        return []
    folder = path.removesuffix("index.html")
    return [
        Alternate(
            language, index.edition_url(language, folder),
            config.base_path + urls.edition_folder(language, config.languages) + folder,
            language_name(language), language == config.language,
        )
        for language in config.languages
        if has_page(pages, language, path)
    ]
