"""The output checker on hand-written HTML: links, anchors, assets and the per-page rules."""

from __future__ import annotations

import textwrap
from pathlib import Path

from explainer.content.settings import SiteConfig
from explainer.output.check import SiteChecker, check_output

GOOD_HEAD = '<meta charset="utf-8"><title>T</title><meta name="description" content="D">'


def write(out: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return out


def page(body: str, head: str = GOOD_HEAD, lang: str = ' lang="en"') -> str:
    return f"<!doctype html>\n<html{lang}>\n<head>{head}</head>\n<body>\n{body}\n</body>\n</html>\n"


def problems(out: Path, base_url: str = "/") -> list[str]:
    checker = SiteChecker(out, SiteConfig(title="T", base_url=base_url))
    checker.run()
    return [str(p) for p in checker.problems]


def test_a_clean_site_has_no_problems(tmp_path):
    out = write(tmp_path, {
        "index.html": page('<h1 id="top">Home</h1>\n<a href="/a/#x">A</a> <a href="a/">A</a> '
                           '<img src="/s/i.png" alt=""> <a href="#top">up</a> '
                           '<a href="https://example.com/">out</a> <a href="mailto:x@example.com">m</a>'),
        "a/index.html": page('<h1 id="x">A</h1>\n<a href="../">home</a> <a href="/feed.xml">feed</a>'),
        "s/i.png": "png",
        "feed.xml": "<feed/>",
    })
    checker = SiteChecker(out, SiteConfig(title="T"))
    checker.run()
    assert checker.problems == []
    assert checker.external == {"https://example.com/": {"index.html"}}


def test_broken_links_anchors_and_assets_are_named_with_page_and_line(tmp_path):
    out = write(tmp_path, {
        "index.html": page('<h1>Home</h1>\n<a href="/nope/">x</a>\n<a href="/a/#missing">y</a>\n'
                           '<a href="#here">z</a>\n<img src="/i.png" alt="">\n<a href="/a">no slash</a>'),
        "a/index.html": page("<h1>A</h1>"),
    })
    assert problems(out) == [
        "index.html: line 6: broken link to /nope/: no such file in the output",
        "index.html: line 7: broken anchor in /a/#missing: no id 'missing' on a/index.html",
        "index.html: line 8: broken anchor in #here: no id 'here' on this page",
        "index.html: line 9: broken link to /i.png: no such file in the output",
        "index.html: line 10: link to /a lacks the trailing slash (some hosts do not redirect)",
    ]


def test_page_rules_h1_lang_title_description_alt(tmp_path):
    out = write(tmp_path, {
        "index.html": page("<h1>One</h1><h1>Two</h1>\n<img src='/i.png'>", head="<title> </title>", lang=""),
        "i.png": "png",
        "b.html": page("<p>no heading</p>"),
    })
    assert problems(out) == [
        "b.html: has 0 <h1> elements; a page needs exactly one",
        "index.html: has 2 <h1> elements; a page needs exactly one",
        "index.html: the <html> element has no lang",
        "index.html: has no <title>",
        'index.html: has no <meta name="description">',
        "index.html: line 6: an <img> has no alt text",
    ]


def test_links_under_a_sub_path_and_with_a_host(tmp_path):
    out = write(tmp_path, {
        "index.html": page(
            '<h1>Home</h1>\n<a href="/explainers/cecot/a/">ok</a>\n<a href="/elsewhere/">out</a>\n'
            '<a href="https://example.org/explainers/cecot/a/">full</a>\n'
            '<a href="https://example.org/explainers/cecot/gone/">gone</a>\n'
            '<a href="https://other.example/">external</a>'
        ),
        "a/index.html": page("<h1>A</h1>"),
    })
    assert problems(out, "https://example.org/explainers/cecot/") == [
        "index.html: line 7: link to /elsewhere/ points outside the site (/explainers/cecot/)",
        "index.html: line 9: broken link to https://example.org/explainers/cecot/gone/: no such file in the output",
    ]


def test_json_ld_must_parse(tmp_path):
    out = write(tmp_path, {
        "index.html": page('<h1>H</h1>\n<script type="application/ld+json">{"@type": </script>\n'
                           '<script type="application/ld+json">{"name": "x"}</script>'),
    })
    assert problems(out) == [
        "index.html: line 6: JSON-LD does not parse: Expecting value: line 1 column 11 (char 10)",
        "index.html: line 7: JSON-LD has no @context and @type",
    ]


def test_sitemap_and_feed_urls_must_resolve(tmp_path):
    out = write(tmp_path, {
        "index.html": page("<h1>H</h1>"),
        "sitemap.xml": """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>https://example.org/x/</loc></url>
              <url><loc>https://example.org/x/gone/</loc></url>
              <url><loc>/x/relative/</loc></url>
            </urlset>
        """,
        "feed.xml": """
            <feed xmlns="http://www.w3.org/2005/Atom"><link href="https://other.example/"/>
            <link href="https://example.org/x/"/></feed>
        """,
    })
    assert problems(out, "https://example.org/x/") == [
        "feed.xml: <link> https://other.example/ is not a URL of this site",
        "sitemap.xml: <loc> /x/relative/ is not a full URL",
        "sitemap.xml: broken link to https://example.org/x/gone/: no such file in the output",
        "sitemap.xml: broken link to /x/relative/: no such file in the output",
    ]


def test_without_java_validation_is_skipped_with_a_note(tmp_path, monkeypatch):
    out = write(tmp_path, {"index.html": page("<h1>H</h1>")})
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("CI", raising=False)
    report = check_output(out, SiteConfig(title="T"))
    assert report.problems == []
    assert report.notes == ["HTML validation skipped: Java is not installed"]


def test_without_java_in_ci_validation_is_a_problem(tmp_path, monkeypatch):
    out = write(tmp_path, {"index.html": page("<h1>H</h1>")})
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("CI", "true")
    report = check_output(out, SiteConfig(title="T"))
    assert [str(p) for p in report.problems] == [
        "(site): HTML validation skipped: Java is not installed, and CI is set, so it is required",
    ]


def test_a_sitemap_index_is_followed_into_the_sitemaps_it_lists(tmp_path):
    out = write(tmp_path, {
        "index.html": page("<h1>H</h1>"),
        "sitemap.xml": """
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>https://example.org/x/sitemap-1.xml</loc></sitemap>
              <sitemap><loc>https://example.org/x/sitemap-2.xml</loc></sitemap>
              <sitemap><loc>https://other.example/sitemap-3.xml</loc></sitemap>
            </sitemapindex>
        """,
        "sitemap-1.xml": """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>https://example.org/x/</loc></url>
              <url><loc>https://example.org/x/gone/</loc></url>
            </urlset>
        """,
    })
    assert problems(out, "https://example.org/x/") == [
        "sitemap.xml: broken link to https://example.org/x/sitemap-2.xml: no such file in the output",
        "sitemap.xml: <loc> https://other.example/sitemap-3.xml is not a URL of this site",
        "sitemap-1.xml: broken link to https://example.org/x/gone/: no such file in the output",
    ]
