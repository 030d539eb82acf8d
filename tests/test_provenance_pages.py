"""What readers get from provenance: a source's document on its page with anchored sentences,
cite marks that open the sentence of a cited fact, the "Sources" trail, and corrections on the
page, on /corrections/, in the feed, in JSON-LD and in corrections.json.

Built with the whole pipeline; the views are `explainer.views.provenance` and
`explainer.views.corrections`, the documents `explainer.site.sourcetext`."""

from __future__ import annotations

import hashlib
import json
import re

import feedparser
from conftest import build, soup

from explainer.site.sourcetext import SourceDocument, sentence_anchor
from explainer.site.verify import normalise_quote

SITE = """
-- content/site.yaml --
title: Harbour
base_url: https://example.org/harbour/
-- seeds/report.txt --
HARBOURTON — The harbour council voted on 4 March 2024 to lease the ferry terminal to <b>Tidewater</b> & Sons.
“We have waited ten years for this,” said Mayor Ana Núñez.

The lease runs for 20 years. The lease runs for 20 years.
-- content/sources/report.yaml --
title: Harbour report
date: 2024-03-05
file: seeds/report.txt
-- content/people/ana-nunez.yaml --
name: Ana Núñez
aliases: [Mayor Ana Núñez]
summary: Mayor of Harbourton.
sources: [report]
cite:
  - "report: said Mayor Ana Núñez"
-- content/quotes/nunez-waited.yaml --
text: We have waited ten years for this,
speaker: ana-nunez
source: report
-- content/agreements/lease.yaml --
title: Terminal lease
status: signed
summary: The council leased the terminal.
terms:
  - The lease runs for 20 years.
sources: [report]
cite:
  - source: report
    field: status
    passage: The harbour council voted on 4 March 2024 to lease the ferry terminal
  - {source: report, field: terms, passage: "The lease runs for 20 years."}
  - "report: lease the ferry terminal to <b>Tidewater</b> & Sons."
corrections:
  - date: 2024-03-07
    text: An earlier version said the lease ran for 25 years.
-- content/articles/vote.md --
---
title: The vote
date: 2024-03-05
updated: 2024-03-06
sources: [report]
cite: ["report: voted on 4 March 2024"]
corrections:
  - date: 2024-03-06
    text: An earlier version gave the wrong day for the vote.
---
The council voted to lease the ferry terminal, said [[ana-nunez]]. See [[lease]].
"""


def built(site_root, spec: str = SITE):
    root = site_root(spec)
    run = build(root, "--strict", "--no-search")
    assert run.code == 0, run.err
    return root


def test_a_source_page_shows_its_document_escaped_paragraph_by_paragraph(site_root):
    root = built(site_root)
    page = soup(root / "site/sources/report/index.html")
    paragraphs = page.select(".source-document .document-text > p")
    text = (root / "seeds/report.txt").read_text(encoding="utf-8")
    # blank lines part paragraphs; a line break inside one is white space
    assert [" ".join(p.get_text().split()) for p in paragraphs] == [
        " ".join(block.split()) for block in text.strip().split("\n\n")
    ]
    assert not page.select(".source-document b")  # the seed's text is text, never HTML
    html = (root / "site/sources/report/index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Tidewater&lt;/b&gt; &amp; Sons" in html
    sentences = page.select(".source-document .sentence")
    assert [s["data-sentence"] for s in sentences] == ["1", "2", "3", "4"]
    document = SourceDocument(text)
    assert [s["id"] for s in sentences] == [s.anchor for s in document.sentences]
    # the same sentence twice: the second gets -2
    assert sentences[3]["id"] == sentences[2]["id"] + "-2"


def test_a_sentence_anchor_is_a_short_hash_of_its_normalised_words():
    sentence = "“We have waited ten years for this,” said Mayor Ana Núñez."
    digest = hashlib.blake2b(normalise_quote(sentence).encode("utf-8"), digest_size=5).hexdigest()
    assert sentence_anchor(sentence) == "s-" + digest
    assert sentence_anchor('"We have waited ten years  for this,"\nsaid Mayor Ana Núñez.') == "s-" + digest


def test_anchors_survive_edits_elsewhere_in_the_file(site_root):
    root = built(site_root)
    before = {s.get_text(): s["id"] for s in soup(root / "site/sources/report/index.html").select(".sentence")}
    seed = root / "seeds/report.txt"
    seed.write_text("A new first paragraph. It says more.\n\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    assert build(root, "--strict", "--no-search").code == 0
    after = {s.get_text(): s["id"] for s in soup(root / "site/sources/report/index.html").select(".sentence")}
    assert all(after[text] == anchor for text, anchor in before.items())
    assert len(after) == len(before) + 2


def test_quotes_are_highlighted_and_linked_both_ways(site_root):
    root = built(site_root)
    source = soup(root / "site/sources/report/index.html")
    [quoted] = source.select(".source-document a.quoted")
    assert quoted["href"] == "/harbour/quotes/#nunez-waited"
    assert quoted.mark.get_text() == "We have waited ten years for this,"
    sentence = quoted.find_parent(class_="sentence")
    card = soup(root / "site/quotes/index.html").select_one("#nunez-waited")
    mark = card.select_one(".quote-source sup.cite a")
    assert mark["href"] == f"/harbour/sources/report/#{sentence['id']}"
    assert mark["aria-label"] == "Source: Harbour report, sentence 2"
    assert mark.get_text() == "2"


def test_records_mentioned_in_the_document_are_linked(site_root):
    root = built(site_root)
    source = soup(root / "site/sources/report/index.html")
    links = {a["data-ref"]: a.get_text() for a in source.select(".source-document a.mention")}
    assert links == {"ana-nunez": "Mayor Ana Núñez"}


def test_cited_facts_carry_marks_that_open_their_sentence(site_root):
    root = built(site_root)
    page = soup(root / "site/agreements/lease/index.html")
    anchors = {s["id"]: s["data-sentence"] for s in soup(root / "site/sources/report/index.html").select(".sentence")}
    status = next(tr for tr in page.select(".infobox tr") if tr.th.get_text() == "Status")
    [mark] = status.select("sup.cite a")
    assert anchors[mark["href"].split("#")[1]] == "1"
    assert mark["aria-label"] == "Source: Harbour report, sentence 1"
    [terms] = page.select(".terms li sup.cite a")
    assert terms["aria-label"] == "Source: Harbour report, sentence 3"
    [general] = page.select(".summary sup.cite a")  # the citation without a field: the whole record
    assert general["aria-label"] == "Source: Harbour report, sentence 1"
    article = soup(root / "site/articles/vote/index.html")
    assert article.select_one(".article-header .meta-cites sup.cite a")["aria-label"] == (
        "Source: Harbour report, sentence 1")


def test_each_page_ends_with_the_passages_it_relies_on_and_the_source_lists_who_relies_on_what(site_root):
    root = built(site_root)
    page = soup(root / "site/agreements/lease/index.html")
    [group] = page.select("section.evidence .evidence-list > li")
    assert group.a["href"] == "/harbour/sources/report/"
    assert [(a.get_text(), a.find_next_sibling("span").get_text()) for a in group.select("a.passage")] == [
        ("“The harbour council voted on 4 March 2024 to lease the ferry terminal”", "sentence 1; supports: status"),
        ("“lease the ferry terminal to <b>Tidewater</b> & Sons.”", "sentence 1"),
        ("“The lease runs for 20 years.”", "sentence 3; supports: terms"),
    ]
    source = soup(root / "site/sources/report/index.html")
    relied = [
        (li.select_one("a.passage").get_text(), [a["data-ref"] for a in li.select(".reliance-records a")])
        for li in source.select(".reliance > li")
    ]
    assert relied == [
        ("Sentence 1", ["lease"]),
        ("Sentence 1", ["vote"]),
        ("Sentence 1", ["lease"]),
        ("Sentence 2", ["nunez-waited"]),
        ("Sentence 2", ["ana-nunez"]),
        ("Sentence 3", ["lease"]),
    ]


CORRECTION_TEXTS = {
    "lease": "An earlier version said the lease ran for 25 years.",
    "vote": "An earlier version gave the wrong day for the vote.",
}


def test_a_corrected_page_says_when_it_was_updated_and_lists_its_corrections_at_the_end(site_root):
    root = built(site_root)
    page = soup(root / "site/articles/vote/index.html")
    updated = page.select_one(".article-header .updated time")
    assert (updated["datetime"], updated.get_text()) == ("2024-03-06", "March 6, 2024")
    section = page.select("article section")[-1]
    assert section.h2.get_text() == "Corrections"
    [item] = section.select("li")
    assert item["id"] == "correction-1"
    assert item.time["datetime"] == "2024-03-06"
    assert item.select_one(".prose").get_text().strip() == CORRECTION_TEXTS["vote"]


def test_corrections_are_listed_newest_first_on_their_own_page(site_root):
    root = built(site_root)
    page = soup(root / "site/corrections/index.html")
    items = page.select(".correction-index > li")
    assert [li["id"] for li in items] == ["correction-lease-1", "correction-vote-1"]
    assert [li.select_one(".correction-date a")["href"] for li in items] == [
        "/harbour/agreements/lease/#correction-1", "/harbour/articles/vote/#correction-1",
    ]
    footer = soup(root / "site/people/ana-nunez/index.html").select_one(".site-footer a")
    assert footer["href"] == "/harbour/corrections/"


def test_without_corrections_there_is_no_corrections_page_or_file(site_root):
    plain = re.sub(r"corrections:\n  - date: .*\n    text: .*\n", "", SITE)
    assert "corrections:" not in plain
    root = built(site_root, plain)
    assert not (root / "site/corrections").exists()
    assert not (root / "site/corrections.json").exists()
    assert not soup(root / "site/index.html").select(".site-footer a")


def test_a_long_list_of_corrections_is_paginated(site_root):
    many = "".join(f"  - date: 2024-04-{day:02d}\n    text: Correction number {day}.\n" for day in range(1, 31))
    many += "".join(f"  - date: 2024-05-{day:02d}\n    text: Correction number {30 + day}.\n" for day in range(1, 31))
    root = built(site_root, SITE.replace(
        "  - date: 2024-03-07\n    text: An earlier version said the lease ran for 25 years.\n", many))
    first = soup(root / "site/corrections/index.html")
    second = soup(root / "site/corrections/2/index.html")
    assert len(first.select(".correction-index > li")) == 50
    assert len(second.select(".correction-index > li")) == 11
    assert first.select_one('.pagination a[rel="next"]')["href"] == "/harbour/corrections/2/"
    assert second.select_one('.pagination a[rel="prev"]')["href"] == "/harbour/corrections/"
    assert first.select_one(".correction-index > li .prose").get_text().strip() == "Correction number 60."


def test_the_feed_carries_an_entry_per_correction(site_root):
    root = built(site_root)
    feed = feedparser.parse((root / "site/feed.xml").read_bytes())
    assert not feed.bozo
    corrections = [e for e in feed.entries if e.tags[0].term == "correction"]
    assert [(e.title, e.link, e.updated, e.summary) for e in corrections] == [
        ("Correction: Terminal lease", "https://example.org/harbour/agreements/lease/#correction-1",
         "2024-03-07T00:00:00Z", CORRECTION_TEXTS["lease"]),
        ("Correction: The vote", "https://example.org/harbour/articles/vote/#correction-1",
         "2024-03-06T00:00:00Z", CORRECTION_TEXTS["vote"]),
    ]
    assert feed.entries[0].title == "Correction: Terminal lease"  # the newest thing on the site
    assert feed.feed.updated == "2024-03-07T00:00:00Z"


def _json_ld(path) -> dict:
    return json.loads(soup(path).select_one('script[type="application/ld+json"]').string)


def test_json_ld_has_date_modified_and_correction_comments(site_root):
    root = built(site_root)
    article = _json_ld(root / "site/articles/vote/index.html")
    assert article["@type"] == "NewsArticle"
    assert article["datePublished"] == "2024-03-05"
    assert article["dateModified"] == "2024-03-06"
    assert article["correction"] == [
        {"@type": "CorrectionComment", "datePublished": "2024-03-06", "text": CORRECTION_TEXTS["vote"]},
    ]
    lease = _json_ld(root / "site/agreements/lease/index.html")
    assert lease["dateModified"] == "2024-03-07"
    assert [c["@type"] for c in lease["correction"]] == ["CorrectionComment"]
    person = _json_ld(root / "site/people/ana-nunez/index.html")
    assert "dateModified" not in person and "correction" not in person


def test_corrections_json_lists_every_correction_with_a_digest_of_its_words(site_root):
    root = built(site_root)
    data = json.loads((root / "site/corrections.json").read_text(encoding="utf-8"))
    assert data["url"] == "https://example.org/harbour/corrections/"
    assert [(c["id"], c["page"], c["url"], c["date"], c["text"]) for c in data["corrections"]] == [
        ("lease", "/harbour/agreements/lease/", "https://example.org/harbour/agreements/lease/#correction-1",
         "2024-03-07", CORRECTION_TEXTS["lease"]),
        ("vote", "/harbour/articles/vote/", "https://example.org/harbour/articles/vote/#correction-1",
         "2024-03-06", CORRECTION_TEXTS["vote"]),
    ]
    assert all(len(c["digest"]) == 16 for c in data["corrections"])
