"""Publishing: head metadata and JSON-LD on every page, the Atom feed, sitemap, robots.txt, 404."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from conftest import build, soup

from explainer.produce import feeds, pagefind

BASE = "https://example.org/explainers/cecot/"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def json_ld(page: Path) -> dict:
    scripts = soup(page).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def types_of(data: dict) -> list[str]:
    return [node["@type"] for node in data.get("@graph", [data])]


def meta(page: Path) -> dict[str, str]:
    doc = soup(page)
    values = {tag.get("property") or tag.get("name"): tag["content"] for tag in doc.find_all("meta", content=True)}
    values["title"] = doc.title.get_text()
    values["canonical"] = doc.find("link", rel="canonical")["href"]
    return values


@pytest.fixture
def built(full_site: Path) -> Path:
    run = build(full_site, "--base-url", BASE)
    assert run.code == 0, run.err
    return full_site / "site"


EXPECTED_TYPES = {
    "index.html": ["WebSite"],
    "articles/lease-agreed/index.html": ["NewsArticle"],
    "pages/about/index.html": ["WebPage"],
    "people/ana-nunez/index.html": ["Person"],
    "people/index.html": ["CollectionPage"],
    "institutions/harbour-council/index.html": ["GovernmentOrganization"],
    "institutions/nordlys-shipping/index.html": ["Organization"],
    "agreements/terminal-lease/index.html": ["Legislation"],
    "places/port-alba/index.html": ["City"],
    "places/norway/index.html": ["Country"],
    "places/ferry-terminal/index.html": ["Place"],
    "sources/harbour-report/index.html": ["CreativeWork"],
    "glossary/index.html": ["DefinedTermSet"],
    "glossary/lease/index.html": ["DefinedTerm"],
    "timeline/index.html": ["WebPage", "Event", "Event", "Event"],
    "quotes/index.html": ["WebPage", "Quotation", "Quotation"],
    "search/index.html": ["WebPage"],
    "404.html": ["WebPage"],
}


def test_every_page_kind_has_fitting_json_ld(built):
    for page, expected in EXPECTED_TYPES.items():
        data = json_ld(built / page)
        assert data["@context"] == "https://schema.org", page
        assert types_of(data) == expected, page
    pages = {p.relative_to(built).as_posix() for p in built.rglob("*.html")}
    for page in pages:
        assert json_ld(built / page)["@context"] == "https://schema.org"


def test_person_json_ld_names_roles_and_same_as(built):
    data = json_ld(built / "people/ana-nunez/index.html")
    assert data == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Ana Núñez",
        "url": BASE + "people/ana-nunez/",
        "description": "Chair of the Harbour Council of Port Alba, who announced the lease.",
        "alternateName": ["Núñez"],
        "jobTitle": ["Council chair"],
        "affiliation": [{
            "@type": "Organization", "name": "Harbour Council of Port Alba",
            "url": BASE + "institutions/harbour-council/",
        }],
        "nationality": {"@type": "Place", "name": "Norway", "url": BASE + "places/norway/"},
        "sameAs": ["https://example.org/ana"],
        "subjectOf": [{
            "@type": "CreativeWork", "name": "Harbour council leases ferry terminal", "url": BASE + "sources/harbour-report/",
        }],
    }


def test_article_json_ld_is_a_news_article(built):
    data = json_ld(built / "articles/lease-agreed/index.html")
    assert data["headline"] == "Port Alba leases its old ferry terminal"
    assert data["datePublished"] == "2024-03-04"
    assert data["author"] == {"@type": "Person", "name": "Fixture Desk"}
    assert data["publisher"] == {"@type": "Organization", "name": "Fixture Desk"}
    assert data["mainEntityOfPage"] == BASE + "articles/lease-agreed/"
    assert [c["url"] for c in data["citation"]] == [
        BASE + "sources/harbour-report/", BASE + "sources/council-minutes/",
    ]


def test_timeline_events_and_quotes_are_described(built):
    events = json_ld(built / "timeline/index.html")["@graph"][1:]
    vote = next(e for e in events if e["name"] == "The council votes for the lease")
    assert vote["startDate"] == "2024-03-04"
    assert vote["url"] == BASE + "timeline/#lease-vote"
    assert vote["location"] == {"@type": "Place", "name": "Port Alba", "url": BASE + "places/port-alba/"}
    quotes = json_ld(built / "quotes/index.html")["@graph"][1:]
    fair = next(q for q in quotes if q["text"] == "a fair deal for both sides")
    assert fair["spokenByCharacter"]["name"] == "Øystein Berg"
    assert fair["citation"]["url"] == BASE + "sources/harbour-report/"


def test_head_metadata_of_an_article(built):
    values = meta(built / "articles/lease-agreed/index.html")
    assert values["title"] == "Port Alba leases its old ferry terminal · The Port Alba terminal lease"
    assert values["description"] == "The harbour council signs a lease with Nordlys Shipping."
    assert values["canonical"] == BASE + "articles/lease-agreed/"
    assert values["og:type"] == "article"
    assert values["og:title"] == "Port Alba leases its old ferry terminal"
    assert values["og:description"] == values["description"]
    assert values["og:url"] == BASE + "articles/lease-agreed/"
    assert values["og:site_name"] == "The Port Alba terminal lease"
    assert values["article:published_time"] == "2024-03-04"
    assert values["twitter:card"] == "summary"
    assert values["twitter:title"] == "Port Alba leases its old ferry terminal"
    assert "robots" not in values


def test_every_page_has_title_description_canonical_and_cards(built):
    for page in built.rglob("*.html"):
        values = meta(page)
        for key in ("title", "description", "canonical", "og:title", "og:description", "og:url",
                    "og:type", "twitter:card", "twitter:title", "twitter:description"):
            assert values.get(key), (page, key)
        assert values["canonical"].startswith(BASE)
        doc = soup(page)
        icon = doc.find("link", rel="icon")
        assert icon["type"] == "image/svg+xml"
        assert icon["href"].startswith("/explainers/cecot/static/favicon.") and icon["href"].endswith(".svg")
        feed_link = doc.find("link", rel="alternate", type="application/atom+xml")
        assert feed_link["href"] == "/explainers/cecot/feed.xml"


def test_404_and_search_pages_are_noindex(built):
    assert meta(built / "404.html")["robots"] == "noindex"
    assert meta(built / "search/index.html")["robots"] == "noindex"


def test_404_page_links_and_assets_are_absolute(built):
    doc = soup(built / "404.html")
    urls = [tag.get("href") or tag.get("src") for tag in doc.find_all(["a", "link", "script", "img", "form"])]
    urls += [form["action"] for form in doc.find_all("form")]
    urls = [u for u in urls if u]
    assert urls
    for url in urls:
        assert url.startswith(("/explainers/cecot/", BASE, "#")), url


def test_without_a_host_links_are_paths_and_og_url_is_left_out(full_site):
    run = build(full_site)
    assert run.code == 0, run.err
    values = meta(full_site / "site/people/ana-nunez/index.html")
    assert values["canonical"] == "/people/ana-nunez/"
    assert "og:url" not in values
    assert json_ld(full_site / "site/people/ana-nunez/index.html")["url"] == "/people/ana-nunez/"


def test_json_ld_cannot_break_out_of_its_script(site_root):
    root = site_root("""
-- content/site.yaml --
title: T
-- content/people/x.yaml --
name: "</script><script>alert(1)</script> & <!-- co"
summary: Plain.
-- content/pages/p.md --
---
title: P
---
[[x]]
""")
    assert build(root).code == 0
    html = (root / "site/people/x/index.html").read_text()
    head = html.split("</head>")[0]
    script = head.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in script and ">" not in script and "&" not in script
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 \\u003c!-- co" in script
    assert json.loads(script)["name"] == "</script><script>alert(1)</script> & <!-- co"


# sitemap and robots.txt ---------------------------------------------------------------------


def test_sitemap_lists_every_page_with_full_urls(built):
    root = ET.parse(built / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP_NS}urlset"
    locs = [url.find(f"{SITEMAP_NS}loc").text for url in root]
    pages = sorted(
        p.relative_to(built).as_posix() for p in built.rglob("*.html")
        if p.name != "404.html" and p.parent.name != "search"
    )
    assert sorted(locs) == sorted(BASE + p.removesuffix("index.html") for p in pages)
    assert len(locs) == len(set(locs))
    lastmod = {
        url.find(f"{SITEMAP_NS}loc").text: url.find(f"{SITEMAP_NS}lastmod").text
        for url in root if url.find(f"{SITEMAP_NS}lastmod") is not None
    }
    assert lastmod == {BASE + "articles/lease-agreed/": "2024-03-04"}


def test_a_site_over_the_sitemap_limit_gets_a_sitemap_index(full_site, monkeypatch):
    monkeypatch.setattr(feeds, "SITEMAP_MAX_URLS", 10)  # the protocol's 50,000, lowered
    run = build(full_site, "--base-url", BASE, "--no-search")
    assert run.code == 0, run.err
    built = full_site / "site"
    pages = sorted(
        BASE + p.relative_to(built).as_posix().removesuffix("index.html") for p in built.rglob("*.html")
        if p.name != "404.html" and p.parent.name != "search"
    )
    parts = -(-len(pages) // 10)
    assert parts >= 3
    index = ET.parse(built / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP_NS}sitemapindex"
    assert [s.find(f"{SITEMAP_NS}loc").text for s in index] == [f"{BASE}sitemap-{n}.xml" for n in range(1, parts + 1)]
    locs = []
    for n in range(1, parts + 1):
        sitemap = ET.parse(built / f"sitemap-{n}.xml").getroot()
        assert sitemap.tag == f"{SITEMAP_NS}urlset"
        assert len(sitemap) == (10 if n < parts else len(pages) - 10 * (parts - 1))
        locs += [url.find(f"{SITEMAP_NS}loc").text for url in sitemap]
    assert sorted(locs) == pages
    assert not (built / f"sitemap-{parts + 1}.xml").exists()
    assert (built / "robots.txt").read_text().endswith(f"\nSitemap: {BASE}sitemap.xml\n")


def test_a_sitemap_over_the_byte_limit_is_split_too(full_site, monkeypatch):
    monkeypatch.setattr(feeds, "SITEMAP_MAX_BYTES", 2000)
    run = build(full_site, "--base-url", BASE, "--no-search")
    assert run.code == 0, run.err
    built = full_site / "site"
    index = ET.parse(built / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP_NS}sitemapindex"
    names = [s.find(f"{SITEMAP_NS}loc").text.removeprefix(BASE) for s in index]
    assert len(names) > 1
    assert all((built / name).stat().st_size <= 2000 for name in names)
    locs = [url.find(f"{SITEMAP_NS}loc").text for name in names for url in ET.parse(built / name).getroot()]
    assert len(locs) == len(set(locs)) == len(list(built.rglob("*.html"))) - 1  # all but the 404


def test_robots_txt_names_the_sitemap(built):
    assert (built / "robots.txt").read_text() == (
        "User-agent: *\nDisallow:\n\nSitemap: https://example.org/explainers/cecot/sitemap.xml\n"
    )


def test_without_a_host_there_is_no_sitemap_and_the_build_says_so(full_site):
    run = build(full_site, "--base-url", "/explainers/cecot/")
    assert run.code == 0, run.err
    assert not (full_site / "site/sitemap.xml").exists()
    assert (full_site / "site/robots.txt").read_text() == "User-agent: *\nDisallow:\n"
    assert run.out.splitlines()[1:] == [
        "note: no sitemap.xml: the base URL has no host; set base_url to a full https:// address "
        "to get one (see docs/deploy.md)",
    ]
    assert run.err == ""


# feed ---------------------------------------------------------------------------------------


def test_feed_lists_articles_and_timeline_entries_newest_first(built):
    feed = feedparser.parse((built / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "The Port Alba terminal lease"
    assert feed.feed.updated == "2024-03-04T00:00:00Z"
    assert feed.feed.id == BASE
    assert [link.href for link in feed.feed.links] == [BASE + "feed.xml", BASE]
    entries = [(e.title, e.link, e.updated) for e in feed.entries]
    assert entries[0] == (
        "Port Alba leases its old ferry terminal", BASE + "articles/lease-agreed/", "2024-03-04T00:00:00Z",
    )
    links = [e.link for e in feed.entries]
    assert BASE + "timeline/#lease-vote" in links
    assert BASE + "timeline/#terminal-built" in links
    assert links.count(BASE + "articles/lease-agreed/") == 1, "the article is listed once"
    updated = [e.updated for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.entries[0].summary == "The harbour council signs a lease with Nordlys Shipping."
    assert feed.entries[0].author == "Fixture Desk"


def test_feed_without_a_host_has_stable_urn_ids(full_site, tmp_path):
    assert build(full_site).code == 0
    first = (full_site / "site/feed.xml").read_bytes()
    feed = feedparser.parse(first)
    assert not feed.bozo
    assert feed.feed.id.startswith("urn:uuid:")
    assert all(e.id.startswith("urn:uuid:") for e in feed.entries)
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    assert build(full_site).code == 0
    assert (full_site / "site/feed.xml").read_bytes() == first


def test_feed_of_a_site_without_dates(site_root):
    root = site_root("""
-- content/site.yaml --
title: T
-- content/pages/p.md --
---
title: P
---
Body.
""")
    assert build(root).code == 0
    feed = feedparser.parse((root / "site/feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.feed.updated == "1970-01-01T00:00:00Z"
    assert feed.entries == []


# base URL -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "message"), [
    ("explainers/cecot/", "invalid base URL 'explainers/cecot/': start it with / (did you mean "
                          "'/explainers/cecot/'?) or give a full https:// address"),
    ("ftp://example.org/x/", "invalid base URL 'ftp://example.org/x/': use https://host/path/ or a "
                             "path such as /explainers/cecot/"),
    ("https:///x/", "invalid base URL 'https:///x/': use https://host/path/ or a path such as "
                    "/explainers/cecot/"),
    ("/a b/", "invalid base URL '/a b/': it may not contain spaces, quotes, '?', '#' or backslashes"),
    ("/x/../y/", "invalid base URL '/x/../y/': its path may not contain '.', '..' or '//'"),
])
def test_bad_base_url_on_the_command_line_is_a_usage_error(full_site, url, message):
    run = build(full_site, "--base-url", url)
    assert run.code == 2
    assert run.err == f"build.py: error: --base-url: {message}\n"


def test_bad_base_url_in_site_yaml_is_reported_at_its_line(site_root):
    root = site_root("""
-- content/site.yaml --
title: T
base_url: explainers/cecot
""")
    run = build(root)
    assert run.code == 1
    assert run.lines[0] == (
        "content/site.yaml:2: error: invalid base URL 'explainers/cecot': start it with / (did you "
        "mean '/explainers/cecot/'?) or give a full https:// address"
    )


# search (explainer.produce.search: the search page and Pagefind's index) --------------------


def test_search_page_and_header_form(built):
    page = soup(built / "search/index.html")
    ui = page.find(id="search")
    assert ui["data-bundle-path"] == "/explainers/cecot/pagefind/"
    assert ui["data-base-url"] == "/explainers/cecot/"
    assert page.find("script", src="/explainers/cecot/pagefind/pagefind-ui.js") is not None
    assert (built / "pagefind/pagefind-ui.js").is_file()
    assert (built / "pagefind/pagefind-entry.json").is_file()
    form = soup(built / "people/ana-nunez/index.html").find("form", role="search")
    assert form["action"] == "/explainers/cecot/search/"
    assert form.find("input")["name"] == "q"


def test_only_record_document_and_timeline_pages_are_indexed(built):
    indexed = sorted(
        p.relative_to(built).as_posix() for p in built.rglob("*.html")
        if soup(p).find(attrs={"data-pagefind-body": True})
    )
    assert "people/ana-nunez/index.html" in indexed
    assert "articles/lease-agreed/index.html" in indexed
    assert "timeline/index.html" in indexed
    for left_out in ("index.html", "people/index.html", "glossary/index.html", "quotes/index.html",
                     "404.html", "search/index.html"):
        assert left_out not in indexed
    person = soup(built / "people/ana-nunez/index.html")
    assert person.h1["data-pagefind-weight"] == "10"
    aliases = person.find("th", string="Also called").parent
    assert aliases["data-pagefind-weight"] == "7"
    # Sections that repeat other pages' words (the story's sentences, the connections and their
    # drawing) are not indexed.
    assert person.find(class_="in-story").has_attr("data-pagefind-ignore")
    assert person.find(class_="connected").has_attr("data-pagefind-ignore")
    assert person.find(class_="graph-details").find_parent(class_="connected") is not None


def test_no_search_leaves_out_the_index_page_and_form(full_site):
    # The third build updates the first one's folder (the spare generation), index and all.
    assert build(full_site).code == 0
    assert build(full_site, "--no-search").code == 0
    (full_site / "content/pages/about.md").write_text("---\ntitle: Changed\n---\nBody.\n")
    run = build(full_site, "--no-search")
    assert run.code == 0, run.err
    site = full_site / "site"
    assert not (site / "search").exists()
    assert not (site / "pagefind").exists()
    assert soup(site / "index.html").find("form", role="search") is None


def test_missing_pagefind_is_one_note_and_the_site_still_builds(full_site, monkeypatch):
    monkeypatch.setattr(pagefind, "find_pagefind", lambda: None)
    run = build(full_site, "--base-url", BASE)
    assert run.code == 0, run.err
    assert run.out.splitlines()[1:] == [
        "note: search is off: Pagefind is not installed (pip install -r requirements.txt, or build "
        "with --no-search to silence this)",
    ]
    assert not (full_site / "site/search").exists()
    assert (full_site / "site/index.html").is_file()


def test_pagefind_failure_fails_the_build_and_keeps_the_old_site(full_site, monkeypatch, tmp_path):
    assert build(full_site).code == 0
    before = (full_site / "site/index.html").read_bytes()
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: out of cheese' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pagefind, "find_pagefind", lambda: str(fake))
    (full_site / "content/pages/about.md").write_text("---\ntitle: Changed\n---\nBody.\n")
    run = build(full_site)
    assert run.code == 1
    assert run.lines == [
        "error: Pagefind failed: Error: out of cheese",
        f"build failed; {full_site / 'site'}/ was left unchanged",
    ]
    assert (full_site / "site/index.html").read_bytes() == before
