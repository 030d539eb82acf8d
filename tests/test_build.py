"""Building whole sites: pages, links, sub-paths, atomic writes, determinism, safety."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO, build, run_build, soup
from linkcheck import broken_links


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_full_site_uses_every_collection_in_both_forms(full_site):
    run = build(full_site, "--strict")
    assert run.code == 0, run.err
    site = full_site / "site"
    for page in (
        "index.html", "404.html", "articles/lease-agreed/index.html", "pages/about/index.html",
        "people/ana-nunez/index.html", "people/oystein-berg/index.html", "people/index.html",
        "institutions/harbour-council/index.html", "institutions/nordlys-shipping/index.html",
        "agreements/terminal-lease/index.html", "agreements/crew-pledge/index.html",
        "places/port-alba/index.html", "places/norway/index.html", "places/ferry-terminal/index.html",
        "sources/harbour-report/index.html", "sources/council-minutes/index.html",
        "glossary/index.html", "glossary/lease/index.html", "glossary/ferry/index.html",
        "timeline/index.html", "quotes/index.html",
    ):
        assert (site / page).is_file(), page
    timeline = soup(site / "timeline/index.html")
    assert {"terminal-built", "lease-vote", "lease-reaction"} <= {li.get("id") for li in timeline.find_all("li")}
    quotes = soup(site / "quotes/index.html")
    assert quotes.find(id="nunez-waited") and quotes.find(id="berg-fair-deal")


def test_every_internal_link_and_anchor_resolves(full_site):
    assert build(full_site).code == 0
    assert broken_links(full_site / "site") == []


def test_links_work_under_a_sub_path(full_site):
    run = build(full_site, "--base-url", "https://example.org/explainers/cecot/")
    assert run.code == 0, run.err
    site = full_site / "site"
    assert broken_links(site, "/explainers/cecot/") == []
    page = soup(site / "people/ana-nunez/index.html")
    assert page.find("link", rel="canonical")["href"] == "https://example.org/explainers/cecot/people/ana-nunez/"
    hrefs = {a["href"] for a in page.find_all("a")}
    assert "/explainers/cecot/institutions/harbour-council/" in hrefs
    assert all(h.startswith(("/explainers/cecot/", "https://", "#")) for h in hrefs), hrefs


def test_record_page_shows_infobox_the_story_connections_and_timeline(full_site):
    assert build(full_site).code == 0
    page = soup(full_site / "site/people/ana-nunez/index.html")
    assert page.h1.get_text() == "Ana Núñez"
    rows = {tr.th.get_text(): tr.td.get_text(" ", strip=True) for tr in page.select(".infobox tr")}
    assert rows["Role"] == "Council chair (since May 2021), Harbour Council of Port Alba"
    assert rows["Country"] == "Norway"
    story = page.find(id="in-story-h").find_parent("section")
    article = story.find("a", href="/articles/lease-agreed/")
    assert article.get_text() == "Port Alba leases its old ferry terminal"
    context = article.find_parent("li").find("blockquote").get_text()
    assert context == "The council chair welcomed the deal."
    connected = page.find(id="connected-h").find_parent("section")
    signatory = connected.find("a", href="/agreements/terminal-lease/").find_parent("li")
    assert signatory.get_text(" ", strip=True) == "Ferry terminal lease signed"
    # her quote is under "What they said" and the article under "In the story": not on the timeline
    times = [t.get_text() for t in page.select(".timeline time")]
    assert times == ["May 2021", "March 4, 2024", "March 4, 2024"]


def test_wiki_links_render_with_names_and_labels(full_site):
    assert build(full_site).code == 0
    page = soup(full_site / "site/articles/lease-agreed/index.html")
    links = [(a["href"], a.get_text()) for a in page.select(".prose a")]
    assert links == [
        ("/institutions/harbour-council/", "Harbour Council of Port Alba"),
        ("/places/ferry-terminal/", "Old ferry terminal"),
        ("/institutions/nordlys-shipping/", "Nordlys Shipping"),
        ("/people/ana-nunez/", "The council chair"),
        ("/agreements/terminal-lease/", "deal"),
        ("/glossary/#lease", "lease"),
        ("/glossary/#ferry", "ferry"),
    ]


def test_two_builds_are_byte_identical(full_site, tmp_path):
    assert build(full_site).code == 0
    first = tree(full_site / "site")
    assert run_build("--content", str(full_site / "content"), "--out", str(tmp_path / "again")).code == 0
    assert tree(tmp_path / "again") == first


def test_failed_build_leaves_previous_site_untouched(full_site):
    assert build(full_site).code == 0
    before = tree(full_site / "site")
    person = full_site / "content/people/ana-nunez.yaml"
    person.write_text(person.read_text() + "unknown_field: 1\n")
    run = build(full_site)
    assert run.code == 1
    assert tree(full_site / "site") == before
    leftovers = [p.name for p in full_site.glob(".site.*") if ".tmp-" in p.name or ".old-" in p.name]
    assert leftovers == [], "no temporary folder is left behind"


def test_files_from_earlier_builds_do_not_linger(full_site):
    assert build(full_site).code == 0
    (full_site / "site/stale.html").write_text("old")
    (full_site / "content/pages/about.md").unlink()
    assert build(full_site).code == 0
    assert not (full_site / "site/stale.html").exists()
    assert not (full_site / "site/pages/about").exists()


def test_text_from_yaml_is_escaped(site_root):
    root = site_root("""
-- content/site.yaml --
title: "<b>Bold</b> & co"
-- content/people/x.yaml --
name: "<script>alert(1)</script>"
summary: Plain.
-- content/pages/p.md --
---
title: P
---
[[x]]
""")
    assert build(root).code == 0
    html = (root / "site/people/x/index.html").read_text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = soup(root / "site/people/x/index.html")
    assert page.h1.get_text() == "<script>alert(1)</script>"
    assert page.title.get_text() == "<script>alert(1)</script> · <b>Bold</b> & co"


RAW_HTML = """
-- content/pages/p.md --
---
title: P
---
<div onclick="steal()">Block</div>

Inline <img src=x onerror=alert(1)> and [a link](javascript:alert(1)).
"""


def test_raw_html_in_markdown_is_shown_as_text_by_default(site_root):
    root = site_root("-- content/site.yaml --\ntitle: T\n" + RAW_HTML)
    assert build(root).code == 0
    page = soup(root / "site/pages/p/index.html")
    prose = page.select_one(".prose")
    assert prose.find("div", onclick=True) is None
    assert prose.find("img") is None
    assert '<div onclick="steal()">Block</div>' in prose.get_text()
    link = prose.find("a", string="a link")
    assert link is not None and link.get("href") is None


def test_allow_html_lets_raw_html_through(site_root):
    root = site_root("-- content/site.yaml --\ntitle: T\nallow_html: true\n" + RAW_HTML)
    assert build(root).code == 0
    prose = soup(root / "site/pages/p/index.html").select_one(".prose")
    assert prose.find("div", onclick=True) is not None


def test_default_content_builds_strict_from_the_command_line(tmp_path):
    out = tmp_path / "site"
    run = subprocess.run(
        [sys.executable, "build.py", "--strict", "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert (out / "index.html").is_file()


def test_help_lists_the_commands():
    run = run_build("--help")
    assert run.code == 0
    assert "build" in run.out and "COMMAND" in run.out


def test_usage_errors_exit_2(tmp_path):
    assert run_build("--no-such-option").code == 2
    missing = run_build("--content", str(tmp_path / "nope"))
    assert missing.code == 2
    assert missing.err == f"build.py: error: content folder not found: {tmp_path / 'nope'}\n"


def said(run) -> tuple[int, str, list[str]]:
    """What a build printed, its time left out (and the `--timings` table)."""
    out = [re.sub(r" in \d+\.\d\d s$", " in S s", line) for line in run.out.splitlines() if not line.startswith("  ")]
    return run.code, run.err, out


def test_a_build_with_nothing_to_redo_prints_what_the_full_build_printed(site_root):
    root = site_root("""
-- content/site.yaml --
title: T
-- content/people/a.yaml --
name: A
""")
    first = build(root, "--timings")
    # The full build's stages, importing them among them (a build with nothing to redo does not).
    assert [line.split()[0] for line in first.out.splitlines() if line.startswith("  ")] == [
        "cache", "import", "load", "index", "markdown", "verify", "prepare", "render", "extras", "commit", "search",
    ]
    pages = len(list((root / "site").rglob("*.html")))
    assert said(first) == (0, "content/people/a.yaml:1: warning: person 'a' is not linked from anywhere\n", [
        f"built {pages} pages into {root / 'site'}/ in S s",
        "note: no sitemap.xml: the base URL has no host; set base_url to a full https:// address to get "
        "one (see docs/deploy.md)",
    ])
    again = build(root, "--timings")
    assert [line.split()[0] for line in again.out.splitlines() if line.startswith("  ")] == ["cache"]
    assert said(again) == said(first)
