"""The space around a page's main content in a real browser: the headline stands clear of the
navigation and the last line of the page clear of the footer (static/style.css: `main`'s padding,
which `.wrap` on the same element must not override), on the home page and a record page, on a
phone and a laptop."""

from __future__ import annotations

import pytest

from .test_design import open_page

pytestmark = pytest.mark.browser

# main's padding: 1.5rem above, 3.5rem below (the root font size is 16px).
ABOVE, BELOW = 24, 56

GAPS = """() => {
  const main = document.querySelector('main');
  const header = document.querySelector('.site-header').getBoundingClientRect();
  const nav = document.querySelector('.site-header nav').getBoundingClientRect();
  const first = main.firstElementChild.getBoundingClientRect();
  const h1 = main.querySelector('h1').getBoundingClientRect();
  const footer = document.querySelector('.site-footer').getBoundingClientRect();
  // the bottom of the last thing drawn in main: text and boxes, not main itself
  let last = 0;
  for (const el of main.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.height > 0 && getComputedStyle(el).visibility !== 'hidden') last = Math.max(last, box.bottom);
  }
  return {header: first.top - header.bottom, above: h1.top - nav.bottom, below: footer.top - last};
}"""


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", ["", "people/nayib-bukele/", "articles/el-salvador-offers-to-jail-us-prisoners/"])
def test_the_headline_and_the_last_line_stand_clear_of_nav_and_footer(
    built_default_site, default_site_url, page, path, width
):
    pg = open_page(page, default_site_url, path, width=width)
    gaps = pg.evaluate(GAPS)
    assert gaps["header"] >= ABOVE, gaps  # the breadcrumbs or the headline, whichever comes first
    assert gaps["above"] >= ABOVE, gaps
    assert gaps["below"] >= BELOW, gaps
    padding = pg.evaluate("getComputedStyle(document.querySelector('main')).padding")
    assert padding.split()[0] == "24px" and padding.split()[2] == "56px"
