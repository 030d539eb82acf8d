"""A record's page never links to itself: a reference to the page's own record is shown in bold."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from conftest import build, soup


def self_links(site: Path) -> list[str]:
    """Every link on a record's or document's page that leads to that very page, as
    'page: href'. Links to an anchor (`#...`), on the page or spelt with its address, are fine."""
    found = []
    for page in sorted(site.glob("*/*/index.html")):
        url = "/" + page.parent.relative_to(site).as_posix() + "/"
        for link in soup(page).find_all("a", href=True):
            target = urlsplit(urljoin(url, link["href"]))
            if target.path == url and not target.fragment:
                found.append(f"{page.relative_to(site)}: {link['href']}")
    return found


def test_no_record_page_of_the_full_site_links_to_itself(full_site):
    run = build(full_site)
    assert run.code == 0, run.err
    assert self_links(full_site / "site") == []
    page = soup(full_site / "site/people/ana-nunez/index.html")
    # under "What they said" on her own page, a quote card does not name her again
    assert page.select_one("#quotes-h").get_text() == "What they said"
    assert page.select(".quote-card") and page.select_one(".quote-speaker") is None
    # other pages still link the speaker and the source
    quotes = soup(full_site / "site/quotes/index.html")
    assert quotes.select_one("#nunez-waited .quote-speaker a")["href"] == "/people/ana-nunez/"
    assert quotes.select_one("#nunez-waited .quote-source a")["href"] == "/sources/harbour-report/"


SITE = """\
-- content/site.yaml --
title: Harbour
-- seeds/report.txt --
Mayor Lina Ek said the pier "will open in May" after the vote.
-- content/sources/report.yaml --
title: Harbour report
file: seeds/report.txt
-- content/people/lina-ek.yaml --
name: Lina Ek
summary: "[[lina-ek]] is the mayor; see [her quotes](/people/lina-ek/#quotes-h) and [[pier-deal]]."
sources: [report]
-- content/quotes/ek-pier.yaml --
text: will open in May
speaker: lina-ek
source: report
date: 2024-05-02
context: "[[lina-ek|The mayor]] on the [[pier-deal]]."
related: [pier-deal]
-- content/events/pier-vote.yaml --
date: 2024-05-01
title: The council votes for the pier
participants: [lina-ek]
summary: Lina Ek and the council approve the [[pier-deal]].
sources: [report]
-- content/agreements/pier-deal.yaml --
title: Pier deal
status: signed
parties: [lina-ek]
terms:
  - The [[pier-deal|deal]] covers the new pier.
summary: "[This deal](/agreements/pier-deal/) was signed by [[lina-ek]]."
sources: [report]
-- content/articles/pier.md --
---
title: The pier
date: 2024-05-03
sources: [report]
---
This is [[pier]], about [[pier-deal]] and [[lina-ek]]. [Back to the top](/articles/pier/#main).
"""


def test_self_references_are_bold_wherever_a_page_shows_them(site_root):
    root = site_root(SITE)
    run = build(root)
    assert run.code == 0, run.err
    site = root / "site"
    assert self_links(site) == []

    def bold(path: str, selector: str) -> list[str]:
        return [str(s) for s in soup(site / path).select(f"{selector} strong.self-link")]

    mayor = '<strong aria-current="page" class="self-link">Lina Ek</strong>'
    person = "people/lina-ek/index.html"
    assert bold(person, ".summary") == [mayor]
    assert bold(person, ".quote-speaker") == []  # "What they said" does not name her again
    assert bold(person, ".quote-context") == ['<strong aria-current="page" class="self-link">The mayor</strong>']
    assert bold(person, ".timeline-summary") == [mayor]
    # a link to an anchor on the page itself stays a link
    assert soup(site / person).select_one(".summary a[href='/people/lina-ek/#quotes-h']").get_text() == "her quotes"
    deal = "agreements/pier-deal/index.html"
    assert bold(deal, ".summary") == ['<strong aria-current="page" class="self-link">This deal</strong>']
    assert bold(deal, ".terms") == ['<strong aria-current="page" class="self-link">deal</strong>']
    # a quote about the deal is linked under "Connected to", its card is on its speaker's page;
    # the source's page lists the quotes taken from it under "What relies on this source"
    assert [a.get_text() for a in soup(site / deal).select(".connections a")] == [
        "Lina Ek", "The council votes for the pier", "“will open in May”",
    ]
    relied = soup(site / "sources/report/index.html").select(".reliance-records a")
    assert [a.get_text() for a in relied] == ["quote of Lina Ek"]
    assert not soup(site / "sources/report/index.html").select(".quote-card")
    assert bold("articles/pier/index.html", ".prose") == ['<strong aria-current="page" class="self-link">The pier</strong>']
    # the same text on other pages links as before
    summary = soup(site / "timeline/index.html").select_one("#pier-vote .timeline-summary")
    assert [a["href"] for a in summary.find_all("a")] == ["/people/lina-ek/", "/agreements/pier-deal/"]
    context = soup(site / "quotes/index.html").select_one("#ek-pier .quote-context")
    assert [a["href"] for a in context.find_all("a")] == ["/people/lina-ek/", "/agreements/pier-deal/"]
