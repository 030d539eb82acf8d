"""What the pages of a split list show to find one's way: page numbers and the index of letters.

The split itself (which entry is on which page) is `explainer.site.paging`'s; this module turns it
into links for the templates (`macros.html`: `pagination`, `letter_index`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from explainer.site.index import SiteIndex
from explainer.site.paging import LetterLayout, ListPage


@dataclass(frozen=True)
class PageLink:
    number: int
    href: str
    current: bool


@dataclass(frozen=True)
class Pagination:
    """Links to every page of one list, and to the pages before and after the current one."""

    label: str  # names the navigation for assistive technology: "Pages of A"
    pages: tuple[PageLink, ...]
    previous: str  # href, or "" on the first page
    next: str  # href, or "" on the last page
    number: int
    count: int


def pagination(index: SiteIndex, pages: Sequence[ListPage], current: ListPage, label: str) -> Pagination | None:
    """The page links of a list, or None when it fits on one page."""
    if len(pages) < 2:
        return None
    links = tuple(PageLink(page.number, index.url(page.folder), page.folder == current.folder) for page in pages)
    position = current.number - 1
    return Pagination(
        label, links,
        links[position - 1].href if position > 0 else "",
        links[position + 1].href if position + 1 < len(links) else "",
        current.number, len(links),
    )


@dataclass(frozen=True)
class LetterLink:
    letter: str
    href: str
    count: int
    current: bool


def letter_links(index: SiteIndex, layout: LetterLayout, current: str = "") -> tuple[LetterLink, ...]:
    """A link to each letter's first page (`current`: the folder of the letter being shown)."""
    return tuple(
        LetterLink(letter.letter, index.url(letter.folder), letter.count, letter.folder == current)
        for letter in layout.letters
    )


def page_title(title: str, page: ListPage) -> str:
    """A page's title, with its number after the first: "People: A, page 2"."""
    return title if page.number == 1 else f"{title}, page {page.number}"
