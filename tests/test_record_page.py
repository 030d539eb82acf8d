"""A record's page says each thing once (`views.record_sections`): its sections by name and in
order for every kind, each connection once, each quote's words once, every section bounded with an
"and N more" link to pages that have the rest; and the key facts of the home page and of a page,
with their mistakes reported at their line; the pages in the navigation; the latest events."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, soup
from record_site import SPEC, build_record_site

SECTIONS = {
    "people/lina-ek": ["In the story", "What they said", "Timeline", "Connected to", "Sources"],
    "people/jon-berg": ["Connected to"],
    "institutions/council": ["In the story", "What they said", "Timeline", "Connected to", "Sources"],
    "agreements/pier-deal": ["In the story", "Timeline", "Connected to", "Sources"],
    "places/alba": ["In the story", "Timeline", "Connected to"],
    "sources/report": ["The document", "What relies on this source", "In the story", "Connected to"],
    "articles/new-pier": ["Connected to", "Sources"],
    "pages/what-was-agreed": ["Key facts", "Connected to"],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_record_site(tmp_path_factory.mktemp("record") / "site")


def page(site: Path, path: str):
    return soup(site / path / "index.html")


@pytest.mark.parametrize("path", sorted(SECTIONS))
def test_each_kind_of_page_has_its_sections_in_order_under_plain_names(site, path):
    assert [h2.get_text() for h2 in page(site, path).select("article h2")] == SECTIONS[path]


def test_a_person_page_lists_each_connection_once_grouped_by_kind_with_its_word(site):
    person = page(site, "people/lina-ek")
    groups = [
        (dt.get_text(), [li.get_text(" ", strip=True) for li in dt.find_next("dd").select("li")])
        for dt in person.select(".connections dt")
    ]
    assert groups == [
        ("People", ["Jon Berg"]),
        ("Institutions", ["Harbour Council role at"]),
        ("Agreements", ["Ferry line party to", "Pier deal signed"]),
        ("Places", ["Alba", "Ruritania country"]),
        ("Events", ["The pier ceremony took part in", "The council votes for the pier took part in"]),
    ]
    # the article under "In the story", with its sentence; the source under "Sources" only
    story = [" ".join(li.get_text(" ").split()) for li in person.select(".in-story li")]
    assert story == [
        "Alba votes for a new pier ALBA — Mayor Lina Ek signed the Pier deal after the council vote.",
        "What was agreed Lina Ek signed the Pier deal.",
    ]
    assert [a.get_text() for a in person.select(".evidence a")] == ["Harbour report"]


@pytest.mark.parametrize("path", sorted(SECTIONS))
def test_no_record_is_listed_twice_on_a_page(site, path):
    shown = page(site, path)
    hrefs = [a["href"] for a in shown.select(".in-story li > a, .connections a, .evidence-list > li > a")]
    assert len(hrefs) == len(set(hrefs)), hrefs


def test_no_quote_is_shown_twice_on_any_page_of_a_record(site):
    quotes = ["will open in May", "We are proud of Alba", "It is a good day for the harbour", "welcomes the deal"]
    for path in SECTIONS:
        main = page(site, path).select_one("main")
        # a source's page shows its document, which holds the words; the drawing of the connections
        # is closed, out of view, until the reader opens it
        for decoration in main.select(".document-text, .reliance, [role=tooltip], details.graph-details"):
            decoration.decompose()
        text = main.get_text(" ")
        for words in quotes:
            assert text.count(words) <= 1, (path, words)
    person = page(site, "people/lina-ek")
    assert [q.select_one("blockquote").get_text(strip=True) for q in person.select(".said .quote-card")] == [
        "“will open in May”", "“It is a good day for the harbour”", "“We are proud of Alba”",
    ]
    assert person.select(".quote-card .quote-speaker") == []  # her own page does not name her again
    assert not person.select(".timeline .kind-quote")


def test_the_pages_with_an_order_lead_the_navigation_and_mark_themselves(site):
    nav = [(a.get_text(), a["href"]) for a in page(site, "pages/what-was-agreed").select(".site-header nav a")][:3]
    assert nav == [("Background", "/pages/background/"), ("What was agreed", "/pages/what-was-agreed/"), ("People", "/people/")]
    current = page(site, "pages/what-was-agreed").select(".site-header nav a[aria-current=page]")
    assert [a.get_text() for a in current] == ["What was agreed"]
    assert "Notes" not in [a.get_text() for a in page(site, "").select(".site-header nav a")]


def test_key_facts_on_the_home_page_link_the_passage_or_the_source(site):
    box = page(site, "").select_one("aside.key-facts")
    assert box["aria-labelledby"] == "key-facts-h" and box.h2.get_text() == "Key facts"
    facts = [(div.dt.get_text(), div.dd.contents[0].strip(), div.a["href"]) for div in box.select(".key-fact")]
    source = page(site, "sources/report")
    anchor = source.find(string=lambda s: "300 metres long" in s).find_parent(class_="sentence")["id"]
    assert facts == [
        ("Pier length", "300 metres", f"/sources/report/#{anchor}"),
        ("Opening", "In May", "/sources/report/"),
    ]
    first, second = box.select("a.key-fact-source")
    assert first["aria-label"] == "Source: Harbour report, sentence 2" and first["title"] == "“The pier will be 300 metres long.”"
    assert second["aria-label"] == "Source: Harbour report" and not second.has_attr("title")


def test_a_page_shows_the_key_facts_of_its_front_matter(site):
    box = page(site, "pages/what-was-agreed").select_one("article > aside.key-facts")
    assert [(d.dt.get_text(), d.dd.contents[0].strip()) for d in box.select(".key-fact")] == [("Signed by", "Mayor Lina Ek")]
    assert box.a["href"].startswith("/sources/report/#s-")


def test_latest_events_are_the_latest_day_first_in_story_order_within_a_day(site_root):
    spec = SPEC.replace("-- content/events/ceremony.yaml --", """-- content/events/speech.yaml --
date: 2024-05-02
title: The mayor speaks
-- content/events/ceremony.yaml --""")
    root = site_root(spec)
    assert build(root).code == 0
    events = [li.a.get_text() for li in soup(root / "site/index.html").select("#home-events ~ ol li")]
    timeline = [li.select_one(".timeline-title").get_text(strip=True) for li in soup(root / "site/timeline/index.html").select(".kind-event")]
    assert timeline == ["The council votes for the pier", "The pier ceremony", "The mayor speaks"]
    assert events == ["The pier ceremony", "The mayor speaks", "The council votes for the pier"]


# Bounds ----------------------------------------------------------------------------------------

def crowded_site(site_root) -> Path:
    """A person linked from 20 people and mentioned in 14 articles, speaker of 7 quotes."""
    words = [f"Word number {n} is said." for n in range(7)]
    spec = "-- content/site.yaml --\ntitle: Crowd\npage_size: 10\n"
    spec += "-- seeds/talk.txt --\n" + " ".join(words) + "\n"
    spec += "-- content/sources/talk.yaml --\ntitle: Talk\nfile: seeds/talk.txt\n"
    spec += "-- content/people/hub.yaml --\nname: Hanna Hub\n"
    for n in range(20):
        spec += f"-- content/people/p{n:02}.yaml --\nname: Person {n:02}\nrelated: [hub]\n"
    for n in range(14):
        spec += f"-- content/articles/a{n:02}.md --\n---\ntitle: Story {n:02}\n---\nHanna Hub spoke, story {n}.\n"
    for n, text in enumerate(words):
        spec += f"-- content/quotes/q{n}.yaml --\ntext: {text}\nspeaker: hub\nsource: talk\n"
    root = site_root(spec)
    run = build(root)
    assert run.code == 0, run.err
    return root / "site"


def all_pages(site: Path, href: str) -> list:
    """Every page of a list, following each page's link to the next."""
    found = []
    while href:
        shown = soup(site / href.strip("/") / "index.html")
        found.append(shown)
        following = shown.select_one(".pagination a[rel=next]")
        href = following["href"] if following else ""
    return found


def test_every_section_is_bounded_and_leads_to_pages_that_have_the_rest(site_root):
    site = crowded_site(site_root)
    person = soup(site / "people/hub/index.html")
    assert len(person.select(".in-story li")) == 12
    assert len(person.select(".said .quote-card")) == 5
    assert len(person.select(".connections li")) == 12
    more = {
        section["class"][0]: (a.get_text(), a["href"])
        for section in person.select("article section") for a in section.select(".section-more a")
    }
    assert more == {
        "in-story": ("and 2 more", "/people/hub/in-the-story/"),
        "said": ("and 2 more", "/people/hub/what-they-said/"),
        "connected": ("and 8 more", "/people/hub/connected-to/"),
    }
    story = all_pages(site, more["in-story"][1])
    assert [len(p.select(".story-list li")) for p in story] == [10, 4]
    assert story[0].h1.get_text() == "Hanna Hub: in the story"
    assert sorted(a.get_text() for p in story for a in p.select(".story-list li > a")) == [f"Story {n:02}" for n in range(14)]
    said = all_pages(site, more["said"][1])
    assert [len(p.select(".quote-card")) for p in said] == [7]
    connected = all_pages(site, more["connected"][1])
    names = [a.get_text() for p in connected for a in p.select(".connections a")]
    assert names == [f"Person {n:02}" for n in range(20)]
    assert [a.get_text() for a in connected[0].select(".breadcrumbs a")] == ["Home", "People", "Hanna Hub"]


def test_a_section_that_fits_has_no_more_link_and_no_pages_of_its_own(site):
    assert page(site, "people/lina-ek").select(".section-more") == []
    assert not (site / "people/lina-ek/connected-to").exists()


# Key facts: mistakes -----------------------------------------------------------------------------

FACT_SHAPES = """\
-- content/site.yaml --
title: Facts
key_facts:
  - label: Length
    value: 300 metres
  - labl: Width
    value: 20 metres
    source: report
  - Just text
"""


def test_key_facts_of_the_wrong_shape_are_reported_at_their_line(site_root):
    run = build(site_root(FACT_SHAPES))
    assert run.code == 1
    assert [line for line in run.lines if ": error: " in line] == [
        "content/site.yaml:3: error: missing required field 'source' in key fact",
        "content/site.yaml:5: error: missing required field 'label' in key fact",
        "content/site.yaml:5: error: unknown field 'labl' in key fact (did you mean 'label'?)",
        "content/site.yaml:8: error: 'key_facts' must be a list of mappings with 'label', 'value' and 'source', not text",
    ]


FACTS = """\
-- content/site.yaml --
title: Facts
key_facts:
  - label: Length
    value: 300 metres
    source: reprot
  - label: Mayor
    value: Lina Ek
    source: lina-ek
  - label: Opening
    value: In May
    source: report
    passage: "will open in June"
-- seeds/report.txt --
Mayor Lina Ek said the pier "will open in May" after the vote.
-- content/sources/report.yaml --
title: Harbour report
file: seeds/report.txt
-- content/people/lina-ek.yaml --
name: Lina Ek
sources: [report]
-- content/pages/about.md --
---
title: About
key_facts:
  - label: Opening
    value: In May
    source: report
    passage: "Mayor Lina Ek sayd the pier"
---
Lina Ek.
"""


def test_a_key_fact_with_an_unknown_source_or_a_passage_not_in_it_is_reported_at_its_line(site_root):
    run = build(site_root(FACTS))
    assert run.code == 1
    assert [line for line in run.lines if ": error: " in line] == [
        "content/pages/about.md:4: error: passage not found word for word in seeds/report.txt "
        "(closest passage: \"Mayor Lina Ek said the pier\"; first difference: "
        "the passage has 'sayd' where the source has 'said')",
        "content/site.yaml:3: error: unknown source 'reprot' in 'key_facts' (did you mean 'report'?)",
        "content/site.yaml:6: error: 'lina-ek' is a person, but 'key_facts' must refer to a source",
        "content/site.yaml:9: error: passage not found word for word in seeds/report.txt "
        "(closest passage: \"will open in May\"; first difference: the passage has 'June' where the source has 'May')",
    ]


def test_every_relation_has_its_plain_words():
    from explainer.site.index import PLAIN_RELATIONS, RELATIONS

    assert set(PLAIN_RELATIONS) == set(RELATIONS)
