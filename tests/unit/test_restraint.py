"""Linking with restraint (explainer.markup.restraint, through explainer.markup.mentions): no
automatic link inside a quotation or in a dateline, and the warning for a paragraph with too many
linked words, at the paragraph's line; the default article measured."""

from __future__ import annotations

import xml.etree.ElementTree as etree  # noqa: N813 - the name Python-Markdown uses
from pathlib import Path

import pytest
from conftest import build, soup
from test_linking import PEOPLE, article, make_site

from explainer.markup.restraint import QuoteState, dateline_end, linked_share

ROOT = Path(__file__).resolve().parents[2]


def links(prose) -> list[tuple[str, str]]:
    """Every link's text and record, automatic or written."""
    return [(a.get_text(), a["data-ref"]) for a in prose.find_all("a")]


@pytest.mark.parametrize("body, linked", [
    ("Bukele said: “the U.S. pays,” according to Bruce.", ["Bukele", "Bruce"]),
    ('Bukele said: "the U.S. pays," according to Bruce.', ["Bukele", "Bruce"]),
    ("Bukele said: «the U.S. pays», according to Bruce.", ["Bukele", "Bruce"]),
    # the state is followed across emphasis and links, and quotations nest
    ("“The *U.S.* and “Trump” pay, says [[tammy-bruce]] to Bukele,” he said. Trump too.",
     ["Tammy Bruce", "Trump"]),
    # a quotation left open stops at the paragraph's end
    ("“Bukele pays.\n\nTrump too.", ["Trump"]),
    # the apostrophe is no quotation mark
    ("Bukele’s ‘offer’ to the U.S.", ["Bukele", "U.S."]),
])
def test_nothing_is_linked_inside_a_quotation(site_root, body, linked):
    assert [text for text, _ in links(article(site_root, body))] == linked


def test_a_name_in_a_quotation_is_linked_at_its_next_mention_outside(site_root):
    prose = article(site_root, "“The U.S. is grateful,” he said. The U.S. paid.")
    assert links(prose) == [("U.S.", "united-states")]
    assert prose.p.get_text() == "“The U.S. is grateful,” he said. The U.S. paid."
    assert str(prose.p) == (
        '<p>“The <span class="mention-quiet" data-ref="united-states">U.S.</span> is grateful,” he said. '
        'The <a class="mention mention-places" data-ref="united-states" href="/places/united-states/">U.S.</a> paid.</p>'
    )


@pytest.mark.parametrize("text, dateline", [
    ("SAN SALVADOR, El Salvador — Rubio said", "SAN SALVADOR, El Salvador — "),
    ("WASHINGTON — The", "WASHINGTON — "),
    ("WASHINGTON, D.C. (AP) — The", "WASHINGTON, D.C. (AP) — "),
    ("NEW YORK (AP) – The", "NEW YORK (AP) – "),
    ("  SÃO PAULO — Ele", "  SÃO PAULO — "),
    ("Washington — The", ""),  # not in capitals
    ("The U.S. — and Bukele", ""),
    ("A — b", ""),  # one letter is no place
    ("WASHINGTON said — the", ""),
    ("WASHINGTON, where the " + "long " * 10 + "story began — ", ""),  # longer than 60 characters
    ("WASHINGTON—The", ""),  # the dash stands between spaces
])
def test_a_dateline_is_a_place_in_capitals_then_a_dash(text, dateline):
    assert text[: dateline_end(text)] == dateline


def test_nothing_is_linked_in_the_dateline_of_the_first_paragraph_only(site_root):
    records = PEOPLE + "-- content/places/washington.yaml --\nname: Washington\naliases: [WASHINGTON]\n"
    prose = article(site_root, "WASHINGTON, United States — Bukele spoke.\n\nWASHINGTON, United States — again.",
                    records)
    assert links(prose) == [("Bukele", "nayib-bukele"), ("WASHINGTON", "washington"), ("United States", "united-states")]
    assert [a.parent.name for a in prose.find_all("a")] == ["p", "p", "p"]
    assert prose.find_all("p")[0].get_text() == "WASHINGTON, United States — Bukele spoke."


def test_quote_state_spans_include_the_marks_and_carry_on():
    state = QuoteState()
    assert state.spans("a “b” c “d") == [(2, 5), (8, 10)]
    assert state.quoted
    assert state.spans("e” f") == [(0, 2)]
    assert not state.quoted


def test_linked_share_counts_words_in_links_and_leaves_tooltips_out():
    paragraph = etree.fromstring(
        '<p><a href="/b/">Nayib Bukele</a>’s offer to the <span class="gloss"><a href="/g/">U.S.</a>'
        '<span role="tooltip">The United States of America</span></span> stands.</p>'
    )
    assert linked_share(paragraph) == (3, 7, ["Nayib", "Bukele’s", "offer", "to", "the", "U.S", "stands"])


DENSE = (
    "Intro line.\n\n"
    "President Donald Trump and State Department spokeswoman Tammy Bruce said the offer from\n"
    "[[nayib-bukele]] was one of many accords struck during the visit to the capital that day.\n\n"
    "Short: Trump, Bruce, Bukele.\n"
)


def _site(site_root, body: str, setting: str = "") -> Path:
    return site_root(
        f"-- content/site.yaml --\ntitle: Test\n{setting}{PEOPLE}"
        f"-- content/articles/story.md --\n---\ntitle: Story\n---\n{body}"
    )


def test_a_paragraph_with_too_many_linked_words_is_warned_about_at_its_line(site_root):
    result = build(_site(site_root, DENSE))
    assert result.code == 0
    # 3 + 5 + 2 of 29 words: "President Donald Trump", "State Department spokeswoman Tammy Bruce",
    # the explicit "Nayib Bukele"; the short paragraph under 20 words is not counted
    assert [line for line in result.err.splitlines() if "paragraph" in line] == [
        "content/articles/story.md:6: warning: paragraph links 10 of its 29 words (more than 25%); link fewer names"
    ]


def test_the_warning_names_the_dense_paragraph_not_an_earlier_one_that_starts_alike(site_root):
    # the dense paragraph's first three words also start the paragraph before it
    body = (
        "The visit to the port ended early.\n\n"
        "The visit to the capital by President Donald Trump and State Department spokeswoman\n"
        "Tammy Bruce brought the offer from [[nayib-bukele]], one of many accords struck that day.\n"
    )
    result = build(_site(site_root, body))
    assert [line for line in result.err.splitlines() if "paragraph" in line] == [
        "content/articles/story.md:6: warning: paragraph links 10 of its 28 words (more than 25%); link fewer names"
    ]


def test_max_linked_share_sets_the_limit_and_strict_makes_it_an_error(site_root):
    assert "paragraph" not in build(_site(site_root, DENSE, "max_linked_share: 0.4\n")).err
    result = build(_site(site_root, DENSE, "max_linked_share: 0.3\n"), "--strict")
    assert result.code != 0
    assert "content/articles/story.md:6: error: paragraph links 10 of its 29 words (more than 30%)" in result.err


@pytest.mark.parametrize("value", ["1.5", "lots", "true", "-0.1"])
def test_max_linked_share_must_be_a_share(site_root, value):
    result = build(_site(site_root, "Text.\n", f"max_linked_share: {value}\n"))
    assert result.code != 0
    assert "'max_linked_share' must be a number from 0 to 1, such as 0.25, not " in result.err


ARTICLE = "articles/el-salvador-offers-to-jail-us-prisoners/index.html"


@pytest.fixture(scope="module")
def default_article(tmp_path_factory):
    out = tmp_path_factory.mktemp("default") / "site"
    result = build(ROOT, "--out", str(out), "--no-search")
    assert result.code == 0, result.err
    return soup(out / ARTICLE)


def test_the_default_article_links_nothing_in_its_quotations_or_dateline(default_article):
    prose = default_article.select_one(".prose")
    links = [a.get_text() for a in prose.find_all("a")]
    paragraphs = prose.find_all("p")
    # was 24 links in 9 paragraphs: 5, 3, 2, 0, 2, 1, 5, 4, 2
    assert [len(p.find_all("a")) for p in paragraphs] == [2, 2, 3, 0, 2, 0, 2, 2, 2]
    assert len(links) == 15
    assert paragraphs[0].get_text().startswith("SAN SALVADOR, El Salvador — ")
    assert paragraphs[0].find("a").get_text() == "Secretary of State Marco Rubio"
    for paragraph in paragraphs:
        for link in paragraph.find_all("a"):
            before = "".join(s for s in link.find_all_previous(string=True) if s.find_parent("p") is paragraph)
            assert before.count("“") == before.count("”"), link.get_text()


def test_a_record_summary_is_not_measured(site_root):
    records = PEOPLE + (
        "-- content/events.yaml --\n- id: visit\n  date: 2025-02-03\n  title: Visit\n  summary: >-\n"
        + "    " + DENSE.split("\n\n")[1].replace("\n", "\n    ") + "\n"
    )
    root = site_root(f"-- content/site.yaml --\ntitle: Test\n{records}")
    assert "paragraph links" not in build(root).err


def test_the_first_name_in_a_quotation_is_a_mention_not_a_link(site_root):
    prose = article(site_root, "“Bukele and Bukele,” said Bruce. Bukele agreed.")
    quiet = prose.select("span.mention-quiet")
    assert [(s.get_text(), s["data-ref"]) for s in quiet] == [("Bukele", "nayib-bukele")]
    assert links(prose) == [("Bruce", "tammy-bruce"), ("Bukele", "nayib-bukele")]


def test_a_mention_in_a_quotation_is_a_backlink(site_root):
    root = make_site(site_root, "WASHINGTON — “The U.S. pays,” said Bruce.",
                     PEOPLE + "-- content/places/washington.yaml --\nname: Washington\naliases: [WASHINGTON]\n")
    for page, sentence in (("places/united-states", "WASHINGTON — “The U.S. pays,” said Bruce."),
                           ("places/washington", "WASHINGTON — “The U.S. pays,” said Bruce.")):
        backlinks = soup(root / "site" / page / "index.html").select_one("#in-story-h").find_parent("section")
        assert sentence in " ".join(backlinks.get_text().split())
