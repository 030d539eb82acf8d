"""Quote cards as a reader sees them in a real browser: one small check mark per quotation with
"verified" for screen readers, the word itself not repeated on the page, one note explaining the
mark, and the words without the reporter's comma."""

from __future__ import annotations

import pytest

from .test_design import open_page

pytestmark = pytest.mark.browser

VISIBLE_TEXT = """() => {
  // the text drawn on screen: visually hidden text (1px, clipped) left out
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  let out = '';
  while (walker.nextNode()) {
    const box = walker.currentNode.parentElement.getBoundingClientRect();
    if (box.width > 1 && box.height > 1) out += walker.currentNode.textContent;
  }
  return out;
}"""


@pytest.mark.parametrize("width", [1280, 375])
def test_a_record_page_shows_one_mark_per_quote_and_explains_it_once(built_default_site, default_site_url, page, width):
    pg = open_page(page, default_site_url, "people/marco-rubio/", width=width)
    cards = pg.locator(".quote-card")
    count = cards.count()
    assert count >= 3
    shown = pg.evaluate(VISIBLE_TEXT)
    assert "verified" not in shown.lower()
    assert shown.count("✓") == count + 1  # one per card, one in the note
    assert shown.count("checked word for word") == 1
    for n in range(count):
        mark = cards.nth(n).locator(".verified")
        assert mark.inner_text().replace("\n", "") == "✓verified"  # the word only for screen readers
        assert cards.nth(n).get_by_text("verified", exact=True).count() == 1
    assert pg.locator(".quotes-note").get_by_role("img", name="verified").count() == 1
    note = pg.locator(".quotes-note")
    assert note.bounding_box()["y"] < cards.first.bounding_box()["y"]


def test_the_card_shows_the_words_without_the_reporters_comma(built_default_site, default_site_url, page):
    pg = open_page(page, default_site_url, "institutions/human-rights-watch/")
    assert pg.locator("#hrw-inhumane-conditions blockquote").inner_text() == "“inhumane conditions”"
