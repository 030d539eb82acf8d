"""The site's settings (`SiteConfig`, from site.yaml and the command line) and the lines of its
key-facts box (`KeyFact`).

Apart from the records (`model`): the build cache's header keeps the settings, and a build that
finds nothing changed reads them without importing every kind of record.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from explainer.content.parts import Ref


@dataclass(frozen=True)
class KeyFact:
    """One line of a key-facts box (`key_facts` in site.yaml or a page's front matter): a label,
    its value, the source it comes from and, optionally, the source's exact words for it."""

    label: str
    value: str
    source: Ref
    line: int
    passage: str | None = None


@dataclass(frozen=True)
class SiteConfig:
    title: str
    description: str = ""
    language: str = "en"  # the language of this edition of the site (the default: the first)
    # Every language the site is published in, the default first; empty for a one-language site.
    languages: tuple[str, ...] = ()
    base_url: str = "/"
    author: str | None = None
    allow_html: bool = False
    link_mentions: str = "first-per-page"
    page_size: int = 50  # the most entries a list page shows (see explainer.site.paging)
    max_linked_share: float = 0.25  # above this share of a paragraph's words in links, a warning
    edit_url: str | None = None  # "Edit this page" links: this, then a file's path from the site root
    key_facts: tuple[KeyFact, ...] = ()  # the home page's key-facts box

    def overridden(self, base_url: str | None = None, edit_url: str | None = None) -> SiteConfig:
        """These settings with the addresses the command line gives instead (None: not given)."""
        return replace(
            self, base_url=self.base_url if base_url is None else base_url,
            edit_url=self.edit_url if edit_url is None else edit_url,
        )

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, always starting and ending with ``/``."""
        url = self.base_url
        if "://" in url:
            url = "/" + url.split("://", 1)[1].partition("/")[2]
        return "/" + url.strip("/") + "/" if url.strip("/") else "/"

    @property
    def absolute_base(self) -> str | None:
        """The full base URL when one is configured (``https://host/path/``), else None."""
        if "://" in self.base_url:
            return self.base_url.rstrip("/") + "/"
        return None
