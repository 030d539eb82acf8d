"""The source viewer in a real browser: a cited fact's mark opens the source's page at the
sentence that supports it (a plain link: JavaScript off), quoted passages link to their quote
cards and the cards link back to the sentence, and the pages pass axe in both themes, with a
sentence targeted. A corrected page and /corrections/ pass axe too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AGREEMENT = "agreements/bukele-prison-offer/"
SOURCE = "sources/report-2025-02-03/"
TARGET = """() => {
  const t = document.querySelector(':target');
  if (!t) return null;
  const r = t.getBoundingClientRect();
  return {id: t.id, cls: t.className, inView: r.bottom > 0 && r.top < innerHeight,
          outline: getComputedStyle(t).outlineStyle};
}"""


def test_a_cite_mark_opens_the_sentence_of_its_source_without_javascript(default_site_url, page):
    pg = page(javascript=False)
    assert pg.goto(default_site_url + AGREEMENT).status == 200
    status = pg.locator(".infobox tr", has=pg.locator("th", has_text="Status"))
    mark = status.locator("sup.cite a")
    label = mark.get_attribute("aria-label")
    assert re.fullmatch(r"Source: Report from San Salvador on El Salvador’s offer to jail U\.S\. prisoners, "
                        r"sentence \d+", label)
    number = mark.inner_text()
    anchor = mark.get_attribute("href").split("#")[1]
    mark.click()
    pg.wait_for_url(re.compile(re.escape(SOURCE) + "#" + anchor + "$"))
    target = pg.evaluate(TARGET)
    assert target is not None and target["id"] == anchor
    assert "sentence" in target["cls"] and target["inView"]
    assert target["outline"] != "none"  # the sentence is shown as the one meant
    sentence = pg.locator(f"#{anchor}")
    assert sentence.get_attribute("data-sentence") == number
    # the passage the agreement cites is in that sentence
    assert "Bukele confirmed the offer in a social media post" in sentence.inner_text()


def test_highlights_link_to_their_quote_and_the_quote_links_back(default_site_url, page):
    pg = page()
    assert pg.goto(default_site_url + SOURCE).status == 200
    highlights = pg.locator(".source-document a.quoted")
    assert highlights.count() >= 10
    first = highlights.first
    words = first.locator("mark").inner_text()
    sentence_id = first.evaluate("(a) => a.closest('.sentence').id")
    quote_id = first.get_attribute("data-ref")
    first.click()
    pg.wait_for_url(re.compile(r"/quotes/#" + re.escape(quote_id) + "$"))
    card = pg.locator(f"#{quote_id}")
    assert words.rstrip(",.") in card.locator("blockquote").inner_text()
    back = card.locator(".quote-source sup.cite a")
    assert back.get_attribute("href").endswith(f"#{sentence_id}")
    back.click()
    pg.wait_for_url(re.compile("#" + re.escape(sentence_id) + "$"))
    assert pg.evaluate(TARGET)["id"] == sentence_id
    assert pg.locator(f"#{sentence_id} a.quoted[data-ref='{quote_id}']").count() == 1


def test_every_cite_mark_on_the_site_resolves_to_a_sentence(built_default_site: Path, default_site_url, page):
    pg = page()
    anchors: dict[str, set[str]] = {}
    marks = []
    for path in sorted(built_default_site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        marks += re.findall(r'<sup class="cite"><a href="([^"#]+)#([^"]+)"', html)
    assert len(marks) > 20
    for folder, anchor in sorted(set(marks)):
        if folder not in anchors:
            pg.goto(default_site_url.rstrip("/") + folder)
            anchors[folder] = set(pg.eval_on_selector_all(".sentence", "(els) => els.map((e) => e.id)"))
        assert anchor in anchors[folder], (folder, anchor)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_source_viewer_passes_axe_with_a_sentence_targeted(default_site_url, page, axe_check, scheme):
    pg = page(color_scheme=scheme)
    pg.goto(default_site_url + SOURCE)
    anchor = pg.locator(".source-document .sentence").nth(1).get_attribute("id")
    pg.goto(default_site_url + SOURCE + "#" + anchor)
    pg.evaluate("document.fonts.ready")
    violations = axe_check(pg)
    assert not violations, violations.report()
    assert pg.console_errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_pages_with_cite_marks_pass_axe(default_site_url, page, axe_check, width):
    for path in (AGREEMENT, "institutions/cecot/", "timeline/", "quotes/"):
        pg = page(width=width)
        pg.goto(default_site_url + path)
        pg.evaluate("document.fonts.ready")
        violations = axe_check(pg)
        assert not violations, (path, violations.report())


CORRECTED_SITE = {
    "content/site.yaml": "title: Harbour\n",
    "seeds/report.txt": "The harbour council voted on 4 March 2024 to lease the ferry terminal.\n",
    "content/sources/report.yaml": "title: Harbour report\ndate: 2024-03-05\nfile: seeds/report.txt\n",
    "content/articles/vote.md": (
        "---\ntitle: The vote\ndate: 2024-03-05\nsources: [report]\n"
        "cite: [\"report: voted on 4 March 2024\"]\n"
        "corrections:\n  - date: 2024-03-06\n    text: An earlier version gave the wrong day for the vote.\n"
        "---\nThe council voted to lease the ferry terminal.\n"
    ),
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_corrected_page_and_the_corrections_page_pass_axe(tmp_path, static_server, page, axe_check, scheme):
    from explainer.build.command import build_site
    from explainer.core.options import BuildOptions

    for relative, text in CORRECTED_SITE.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    build_site(BuildOptions(tmp_path / "content", tmp_path / "site"), use_cache=False)
    base = static_server(tmp_path / "site")
    for path in ("articles/vote/", "corrections/"):
        pg = page(color_scheme=scheme)
        assert pg.goto(base + path).status == 200
        assert pg.locator("h2", has_text="Corrections").count() == (1 if path == "articles/vote/" else 0)
        violations = axe_check(pg)
        assert not violations, (path, violations.report())
