"""The built site as a host serves it: under a sub-path, over HTTP, crawled from the home page."""

from __future__ import annotations

import functools
import http.server
import json
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest
from conftest import REPO, run_build

PREFIX = "/explainers/cecot/"
BASE_URL = "https://example.org" + PREFIX
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder under PREFIX only, as a host serving the explainer there would."""

    def translate_path(self, path: str) -> str:
        decoded = unquote(urlsplit(path).path)
        if not decoded.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + decoded[len(PREFIX):])

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(SubPathHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class Links(HTMLParser):
    """Every href/src of a page, every id, and its JSON-LD."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()
        self.json_ld: list[str] = []
        self._in_json = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name):
                self.urls.append(values[name])
        if tag == "form" and values.get("action"):
            self.urls.append(values["action"])
        self._in_json = tag == "script" and values.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_json:
            self.json_ld.append(data)

    def handle_endtag(self, tag):
        self._in_json = False


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, "", b""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hosted") / "site"
    run = run_build("build", "--content", str(REPO / "content"), "--out", str(out), "--base-url", BASE_URL)
    assert run.code == 0, run.err
    return out


@pytest.fixture(scope="module")
def crawl(site):
    """Crawl from the home page, following every internal href and src; (pages, problems)."""
    with serve(site) as origin:
        pages: dict[str, Links] = {}
        fetched: dict[str, int] = {}
        anchors: list[tuple[str, str, str]] = []
        queue = [origin + PREFIX]
        problems = []
        while queue:
            url = queue.pop()
            if url in fetched:
                continue
            status, kind, body = fetch(url)
            fetched[url] = status
            if status != 200:
                continue
            if kind == "text/html":
                links = Links()
                links.feed(body.decode("utf-8"))
                pages[url] = links
                for raw in links.urls:
                    target = urljoin(url, raw)
                    parts = urlsplit(target)
                    if target.startswith(BASE_URL):  # the canonical URL: the same page on the real host
                        target = origin + parts.path
                        parts = urlsplit(target)
                    if not target.startswith(origin):
                        continue
                    if not parts.path.startswith(PREFIX):
                        problems.append(f"{url}: {raw} leaves the sub-path")
                        continue
                    page_url = origin + parts.path
                    if parts.fragment:
                        anchors.append((url, raw, page_url))
                    queue.append(page_url)
        for url, status in fetched.items():
            if status != 200:
                referrers = [p for p, links in pages.items() if any(urljoin(p, u).split("#")[0] == url for u in links.urls)]
                problems.append(f"{url}: HTTP {status} (linked from {referrers[:3]})")
        for url, raw, page_url in anchors:
            fragment = unquote(urlsplit(raw).fragment)
            target = pages.get(page_url)
            if target is not None and fragment not in target.ids:
                problems.append(f"{url}: {raw}: no id '{fragment}'")
        yield origin, pages, problems


def test_crawl_from_the_home_page_finds_no_broken_link_anchor_or_asset(crawl, site):
    origin, pages, problems = crawl
    assert problems == []
    crawled = {urlsplit(url).path[len(PREFIX):] for url in pages}
    on_disk = {
        p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html")
        if p.name != "404.html"
    }
    assert crawled == on_disk, "every page is reachable from the home page"


def test_the_404_page_works_at_the_root_of_the_sub_path(site, crawl):
    origin, pages, _ = crawl
    links = Links()
    links.feed((site / "404.html").read_text(encoding="utf-8"))
    for raw in links.urls:
        target = urljoin(origin + PREFIX + "no/such/page/", raw)
        if target.startswith(origin) and not raw.startswith("#"):
            assert fetch(target.split("#")[0])[0] == 200, raw


EXPECTED_TYPES = {
    "": {"WebSite"},
    "articles/el-salvador-offers-to-jail-us-prisoners/": {"NewsArticle"},
    "pages/what-was-agreed/": {"WebPage"},
    "people/marco-rubio/": {"Person"},
    "institutions/cecot/": {"GovernmentOrganization"},
    "institutions/human-rights-watch/": {"Organization"},
    "places/el-salvador/": {"Country"},
    "agreements/bukele-prison-offer/": {"Legislation"},
    "sources/report-2025-02-03/": {"CreativeWork"},
    "glossary/": {"DefinedTermSet"},
    "glossary/mega-prison/": {"DefinedTerm"},
    "timeline/": {"WebPage", "Event"},
    "quotes/": {"WebPage", "Quotation"},
    "people/": {"CollectionPage"},
}


def test_every_page_has_json_ld_of_its_kind(crawl):
    origin, pages, _ = crawl
    for url, links in pages.items():
        assert len(links.json_ld) == 1, url
        data = json.loads("".join(links.json_ld))
        assert data["@context"] == "https://schema.org", url
        types = {node["@type"] for node in data.get("@graph", [data])}
        expected = EXPECTED_TYPES.get(url[len(origin + PREFIX):])
        if expected is not None:
            assert types == expected, url


def test_sitemap_and_feed_parse_and_point_at_served_pages(crawl):
    origin, pages, _ = crawl
    status, _, body = fetch(origin + PREFIX + "sitemap.xml")
    assert status == 200
    locs = [loc.text for loc in ET.fromstring(body).iter(f"{SITEMAP_NS}loc")]
    assert locs and all(loc.startswith(BASE_URL) for loc in locs)
    for loc in locs:
        assert origin + urlsplit(loc).path in pages, loc
    status, _, robots = fetch(origin + PREFIX + "robots.txt")
    assert status == 200 and f"Sitemap: {BASE_URL}sitemap.xml" in robots.decode()

    status, _, body = fetch(origin + PREFIX + "feed.xml")
    assert status == 200
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.updated == "2025-02-03T00:00:00Z"
    assert feed.entries[0].title == "El Salvador offers to jail prisoners from the United States"
    for entry in feed.entries:
        assert entry.link.startswith(BASE_URL)
        page_url, _, fragment = (origin + urlsplit(entry.link).path + "#" + urlsplit(entry.link).fragment).partition("#")
        assert page_url in pages, entry.link
        if fragment:
            assert fragment in pages[page_url].ids, entry.link
