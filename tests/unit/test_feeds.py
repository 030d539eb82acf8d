"""The feed, robots.txt and the sitemap (`explainer.produce.feeds`), from a loaded site model
(tests/test_publishing.py parses the files a whole build writes)."""

from __future__ import annotations

import pytest
from conftest import write_site

from explainer.build.pipeline import BuildOptions, load_site
from explainer.core.errors import Reporter
from explainer.produce import feeds
from explainer.produce.feeds import FeedEntry, build_feed, feed, robots, sitemap
from explainer.views.metadata import NO_SITEMAP_NOTE

SITE = """\
-- content/site.yaml --
title: Harbour
description: A small story.
base_url: {base_url}
-- content/people/ana-lopez.yaml --
name: Ana López
-- content/events/talks.yaml --
date: 2024-02
title: Talks begin
participants: [ana-lopez]
summary: The two sides meet. They agree on nothing.
-- content/events/signing.yaml --
date: 2024-03-05
title: The accord is signed
participants: [ana-lopez]
-- content/articles/story.md --
---
title: The story
dek: What happened.
date: 2024-03-05
byline: Desk
---
[[ana-lopez]] signed.
-- content/articles/background.md --
---
title: Background
---
How it began.
-- content/pages/about.md --
---
title: About
date: 2024-01-02
---
About us.
"""


def load(tmp_path, base_url: str):
    root = write_site(tmp_path, SITE.format(base_url=base_url))
    options = BuildOptions(root / "content", root / "site", workers=1, search=False)
    return load_site(options, Reporter(options.root))


@pytest.fixture
def hosted(tmp_path):
    return load(tmp_path, "https://news.example.org/harbour/")


@pytest.fixture
def unhosted(tmp_path):
    return load(tmp_path, "/harbour/")


def test_entries_are_newest_first_with_articles_before_timeline_entries_of_their_day(hosted):
    result = build_feed(hosted)
    base = "https://news.example.org/harbour/"
    assert (result.id, result.self_url, result.home_url) == (base, base + "feed.xml", base)
    assert (result.title, result.subtitle, result.language) == ("Harbour", "A small story.", "en")
    assert result.author == "Harbour"  # no author in site.yaml: the site's title
    assert result.updated == "2024-03-05T00:00:00Z"  # the latest date in the content
    assert [(e.kind, e.title, e.updated) for e in result.entries] == [
        ("article", "Background", "2024-03-05T00:00:00Z"),  # undated: the latest date; ids break ties
        ("article", "The story", "2024-03-05T00:00:00Z"),
        ("event", "The accord is signed", "2024-03-05T00:00:00Z"),
        ("event", "Talks begin", "2024-02-01T00:00:00Z"),
    ]
    assert result.entries[1] == FeedEntry(
        id=base + "articles/story/", title="The story", url=base + "articles/story/",
        updated="2024-03-05T00:00:00Z", kind="article", summary="What happened.", author="Desk",
    )
    assert result.entries[3].url == base + "timeline/#talks"
    assert result.entries[3].summary == "The two sides meet."


def test_without_a_host_ids_are_name_based_uuids_and_urls_are_paths(unhosted, tmp_path):
    result = build_feed(unhosted)
    # uuid5(NAMESPACE_URL, "<title>\n<URL path>"): the same site gives the same ids
    assert result.id == "urn:uuid:79291f2f-3b6e-5891-bbaf-7a1dd67f686d"
    assert result.self_url == "/harbour/feed.xml"
    assert [e.url for e in result.entries] == [
        "/harbour/articles/background/", "/harbour/articles/story/", "/harbour/timeline/#signing",
        "/harbour/timeline/#talks",
    ]
    ids = [e.id for e in result.entries]
    assert all(i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == 4
    assert [e.id for e in build_feed(load(tmp_path / "again", "/harbour/")).entries] == ids


def test_the_feed_keeps_only_the_newest_entries(hosted, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_LIMIT", 2)
    assert [e.title for e in build_feed(hosted).entries] == ["Background", "The story"]


def test_the_feed_file_notes_what_it_reads(hosted):
    hosted.views.reads = set()
    try:
        [page] = feed(hosted)
        reads = hosted.views.reads
    finally:
        hosted.views.reads = None
    assert page.path == "feed.xml"
    assert page.data.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert b"<title>The story</title>" in page.data
    assert {("collection", "articles"), ("timeline",), ("entity", "story"), ("entity", "background")} <= reads


def test_robots_names_the_sitemap_only_when_there_is_a_host(hosted, unhosted):
    [with_host] = robots(hosted)
    assert with_host.data == b"User-agent: *\nDisallow:\n\nSitemap: https://news.example.org/harbour/sitemap.xml\n"
    [without] = robots(unhosted)
    assert without.data == b"User-agent: *\nDisallow:\n"


def test_the_sitemap_lists_html_pages_but_not_the_404_and_search_pages(hosted):
    paths = [
        "index.html", "404.html", "search/index.html", "articles/story/index.html", "pages/about/index.html",
        "people/ana-lopez/index.html", "feed.xml", "static/style.css",
    ]
    [page] = sitemap(hosted, paths)
    assert page.path == "sitemap.xml"
    text = page.data.decode()
    base = "https://news.example.org/harbour/"
    assert [line.strip() for line in text.splitlines() if "<url>" in line] == [
        f"<url><loc>{base}</loc></url>",
        f"<url><loc>{base}articles/story/</loc><lastmod>2024-03-05</lastmod></url>",
        f"<url><loc>{base}pages/about/</loc><lastmod>2024-01-02</lastmod></url>",
        f"<url><loc>{base}people/ana-lopez/</loc></url>",
    ]
    assert hosted.notes == []


def test_without_a_host_there_is_no_sitemap_and_a_note_says_why(unhosted):
    assert list(sitemap(unhosted, ["index.html"])) == []
    assert unhosted.notes == [NO_SITEMAP_NOTE]
