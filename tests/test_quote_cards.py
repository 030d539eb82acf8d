"""Quote cards (templates/macros.html `quote_card`, explainer.views.viewtypes `QuoteView.shown`):
the words shown without the punctuation of the reporter's sentence around them, while the build
still verifies the words as written; one small check mark per card, explained once per page."""

from __future__ import annotations

import pytest
from conftest import REPO, build, soup

from explainer.views.viewtypes import QuoteView


@pytest.mark.parametrize("text, shown", [
    ("inhumane conditions,", "inhumane conditions"),
    ("legal residents; ", "legal residents"),
    ("as follows:", "as follows"),
    ("making our entire prison system sustainable.", "making our entire prison system sustainable."),
    ("Great idea!!", "Great idea!!"),
    ("Why?", "Why?"),
    (",", ","),  # nothing left: shown as written
])
def test_a_card_shows_the_words_without_the_sentences_punctuation(text, shown):
    assert QuoteView("q", text, None, None, None, "", "").shown == shown


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("quotes") / "site"
    result = build(REPO, "--out", str(out), "--no-search", "--strict")
    assert result.code == 0, result.err  # the words as written are verified against the source
    return out


def test_the_trimmed_quote_is_shown_and_the_words_as_written_kept(site):
    page = soup(site / "institutions/human-rights-watch/index.html")
    card = page.select_one("#hrw-inhumane-conditions")
    assert card.blockquote.get_text() == "“inhumane conditions”"
    source = (REPO / "content/quotes/hrw-inhumane-conditions.yaml").read_text(encoding="utf-8")
    assert 'text: "inhumane conditions,"' in source


def test_each_card_has_a_labelled_check_and_the_page_explains_it_once(site):
    page = soup(site / "people/marco-rubio/index.html")
    cards = page.select(".quote-card")
    assert len(cards) >= 3
    for card in cards:
        mark = card.select_one(".quote-source .verified")
        assert mark.select_one('[aria-hidden="true"]').get_text() == "✓"
        assert mark.select_one(".visually-hidden").get_text() == "verified"
        assert mark.has_attr("data-pagefind-ignore")
    notes = page.select(".quotes-note")
    assert [n.get_text() for n in notes] == [
        "Every quotation here is checked word for word against its source, and marked ✓."
    ]
    assert notes[0].select_one('.verified[role="img"]')["aria-label"] == "verified"
    assert notes[0].find_next(class_="quote-card") is cards[0]
    quotes = soup(site / "quotes/index.html")
    assert quotes.select_one(".dek").get_text().endswith("when the site is built, and marked ✓.")
