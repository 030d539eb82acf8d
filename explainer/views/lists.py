"""What the pages of a split list show to find one's way: page numbers and the index of letters.

The split itself (which entry is on which page) is `explainer.site.paging`'s; this module turns it
into links for the templates (`macros.html`: `pagination`, `letter_index`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from explainer.core.i18n import translations_for
from explainer.site.index import SiteIndex
from explainer.site.paging import ALL_PAGES, AROUND, LetterLayout, ListPage


@dataclass(frozen=True)
class PageLink:
    number: int  # 0: a gap in the window ("…")
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
    """The page links of a list, or None when it fits on one page. A list of more than `ALL_PAGES`
    pages links to the first and the last, and to `AROUND` pages on each side of the current one,
    so that the links stay few however long the list."""
    if len(pages) < 2:
        return None
    position = current.number - 1
    shown: list[int] = list(range(len(pages)))
    if len(pages) > ALL_PAGES:
        near = {0, len(pages) - 1, *range(max(0, position - AROUND), min(len(pages), position + AROUND + 1))}
        near |= {n + 1 for n in near if n + 2 in near}  # a gap of one page shows the page instead
        shown = sorted(near)
    links: list[PageLink] = []
    previous = -1
    for number in shown:
        if previous >= 0 and number > previous + 1:  # pages skipped since the last link
            links.append(PageLink(0, "", False))
        page = pages[number]
        links.append(PageLink(page.number, index.url(page.folder), page.folder == current.folder))
        previous = number
    return Pagination(
        label, tuple(links),
        index.url(pages[position - 1].folder) if position > 0 else "",
        index.url(pages[position + 1].folder) if position + 1 < len(pages) else "",
        current.number, len(pages),
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


def page_title(title: str, page: ListPage, lang: str = "en") -> str:
    """A page's title, with its number after the first: "People: A, page 2"."""
    if page.number == 1:
        return title
    return translations_for(lang).gettext("%(title)s, page %(number)d") % {"title": title, "number": page.number}
