"""The files that tell the world about the site: the Atom feed, `robots.txt` and `sitemap.xml`.

The producers `feed` and `robots` and the summary producer `sitemap` (given every output path)
add `feed.xml`, `robots.txt` and `sitemap.xml`. Everything is deterministic: dates come from the
content, never from the clock.

A sitemap must list full URLs, so `sitemap.xml` (and the `Sitemap:` line of robots.txt) is only
written when the base URL has a host; the build says so in a note otherwise. The protocol allows
50,000 URLs and 50 MB per file: a larger site gets a sitemap index as `sitemap.xml`, listing
`sitemap-1.xml`, `sitemap-2.xml`, … (robots.txt names the index, as it would the one sitemap).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from explainer.content.model import Document, Event, last_updated
from explainer.core.dates import PartialDate
from explainer.markup.text import html_text
from explainer.produce.site import SiteModel
from explainer.render.renderer import PageOutput
from explainer.render.template_errors import render_template
from explainer.site import urls
from explainer.site.index import SiteIndex
from explainer.views.corrections import all_corrections
from explainer.views.languages import Alternate, alternates, has_page
from explainer.views.metadata import NO_SITEMAP_NOTE, NOINDEX, iso_datetime

FEED_PATH = "feed.xml"
SITEMAP_PATH = "sitemap.xml"
SITEMAP_MAX_URLS = 50_000  # the sitemap protocol's limits for one file
SITEMAP_MAX_BYTES = 50 * 1024 * 1024
FEED_LIMIT = 100  # newest entries only: a feed is a "what's new", not an archive
EPOCH = "1970-01-01T00:00:00Z"  # `updated` of a feed with no dated content at all


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    url: str
    updated: str
    kind: str
    summary: str
    author: str


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    subtitle: str
    language: str
    self_url: str
    home_url: str
    updated: str
    author: str
    entries: list[FeedEntry]


def _feed_id(index: SiteIndex, path: str) -> str:
    """An Atom id: the entry's full URL, or a name-based UUID when the base URL has no host."""
    if index.config.absolute_base:
        return index.absolute_url(path)
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{index.config.title}\n{index.url(path)}"))


def build_feed(model: SiteModel) -> Feed:
    """The newest articles, timeline entries and corrections, newest first.

    `updated` is the latest date in the content; an undated article takes that date too.
    """
    index = model.index
    articles = [d for d in index.by_collection("articles") if isinstance(d, Document)]
    fixes = all_corrections(model.views)
    latest = max(
        [e.date for e in model.timeline] + [d.date for d in articles if d.date] + [c.date for c in fixes],
        default=None,
    )
    updated = iso_datetime(latest) if latest else EPOCH
    items: list[tuple[tuple, FeedEntry]] = []
    for doc in articles:
        path = index.link_path(doc.id)
        date = doc.date or latest
        items.append(((date or PartialDate(1), 0, doc.id), FeedEntry(
            id=_feed_id(index, path), title=doc.title, url=index.absolute_url(path),
            updated=iso_datetime(date) if date else updated, kind="article",
            summary=model.views.plain_summary(doc), author=doc.byline or "",
        )))
    for entry in model.timeline:
        if entry.kind == "article":  # the article itself is in the feed
            continue
        # the id stays what it was before the timeline had pages, whichever page shows the entry
        path = urls.anchor(urls.TIMELINE, entry.id)
        linked = index.entities.get(entry.link or "")
        items.append(((entry.date, 1, entry.order), FeedEntry(
            id=_feed_id(index, path), title=entry.title, url=index.absolute_url(index.entry_path(entry.id)),
            updated=iso_datetime(entry.date), kind=entry.kind,
            summary=model.views.plain_summary(linked) if isinstance(linked, Event) else "",
            author="",
        )))
    for number, fix in enumerate(fixes):  # a correction is news too: an entry of its own
        items.append(((fix.date, 2, number), FeedEntry(
            id=_feed_id(index, fix.path), title=model.views.gettext("Correction: %(page)s") % {"page": fix.page.text},
            url=index.absolute_url(fix.path), updated=iso_datetime(fix.date), kind="correction",
            summary=html_text(fix.html), author="",
        )))
    # Newest first; on one day, articles first, then timeline entries in their timeline order,
    # then corrections.
    items.sort(key=lambda item: item[0][1:])
    items.sort(key=lambda item: item[0][0], reverse=True)
    config = index.config
    return Feed(
        id=_feed_id(index, ""), title=config.title, subtitle=config.description,
        language=config.language, self_url=index.absolute_url(FEED_PATH),
        home_url=index.absolute_url(""), updated=updated, author=config.author or config.title,
        entries=[entry for _, entry in items[:FEED_LIMIT]],
    )


def _render(model: SiteModel, template: str, **context) -> bytes:
    return render_template(model.renderer.env, template, context).encode("utf-8")


def feed(model: SiteModel) -> Iterable[PageOutput]:
    """`feed.xml`: an Atom feed of articles and timeline entries."""
    views = model.views
    views.read("collection", "articles")
    views.read("timeline")
    for doc in model.index.by_collection("articles"):
        views.read("entity", doc.id)  # its title, date and byline
    yield PageOutput(FEED_PATH, _render(model, "feed.xml", feed=build_feed(model)))


def robots(model: SiteModel) -> Iterable[PageOutput]:
    """`robots.txt`, naming the sitemap when there is one."""
    if model.index.edition:  # the default language's names the one sitemap
        return
    lines = ["User-agent: *", "Disallow:"]
    if model.index.config.absolute_base:
        lines += ["", f"Sitemap: {model.index.absolute_url(SITEMAP_PATH)}"]
    yield PageOutput("robots.txt", ("\n".join(lines) + "\n").encode("utf-8"))


@dataclass(frozen=True)
class SitemapUrl:
    loc: str
    lastmod: str
    alternates: list[Alternate]  # the page in every language (`xhtml:link`), when there are several


def sitemap(model: SiteModel, paths: list[str]) -> Iterable[PageOutput]:
    """`sitemap.xml`: every HTML page but the 404 and search pages, with full URLs."""
    index = model.index
    if index.edition:  # the default language's sitemap lists every edition's pages
        return
    if not index.config.absolute_base:
        model.notes.append(NO_SITEMAP_NOTE)
        return
    for collection in ("articles", "pages"):  # their dates
        model.views.read("collection", collection)
        for doc in index.by_collection(collection):
            model.views.read("entity", doc.id)
    lastmod = {  # when it was published, or last updated (corrections included)
        f"{doc.collection}/{doc.id}/index.html": max(filter(None, (doc.date, last_updated(doc)))).iso()
        for doc in (*index.by_collection("articles"), *index.by_collection("pages"))
        if isinstance(doc, Document) and (doc.date or last_updated(doc))
    }
    editions = model.renderer.edition_pages
    urls = [
        SitemapUrl(
            index.edition_url(language, path.removesuffix("index.html")), lastmod.get(path, ""),
            alternates(index, path, editions),
        )
        for language in (index.config.languages or (index.config.language,))
        for path in [*paths, *sorted(editions.get(language, frozenset()) - set(paths))]
        if path.endswith(".html") and path not in NOINDEX and (not editions or has_page(editions, language, path))
    ]
    parts = _sitemap_parts(model, urls)
    if len(parts) == 1:
        yield PageOutput(SITEMAP_PATH, parts[0])
        return
    names = [f"sitemap-{number}.xml" for number in range(1, len(parts) + 1)]
    yield from (PageOutput(name, data) for name, data in zip(names, parts, strict=True))
    yield PageOutput(
        SITEMAP_PATH, _render(model, "sitemap_index.xml", sitemaps=[index.absolute_url(name) for name in names]),
    )


def _sitemap_parts(model: SiteModel, urls: list[SitemapUrl]) -> list[bytes]:
    """The sitemap files for `urls`, in order: as few as the protocol's limits allow (one for most
    sites), each at most `SITEMAP_MAX_URLS` URLs and `SITEMAP_MAX_BYTES` bytes."""
    parts: list[bytes] = []
    chunks = [urls[start : start + SITEMAP_MAX_URLS] for start in range(0, len(urls), SITEMAP_MAX_URLS)] or [[]]
    while chunks:
        chunk = chunks.pop(0)
        data = _render(model, "sitemap.xml", urls=chunk)
        if len(data) > SITEMAP_MAX_BYTES and len(chunk) > 1:
            half = len(chunk) // 2
            chunks[:0] = [chunk[:half], chunk[half:]]
        else:
            parts.append(data)
    return parts
