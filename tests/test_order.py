"""Editorial order (`explainer.site.order`): explicit `order`, then first mention in the lead article,
on the default story and on a small site; people by `sort_name`, also when an index is split by
letter; and the messages for bad `order` and `sort_name` values."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, build, soup

from explainer.site.order import default_sort_name

SITE = """
-- content/site.yaml --
title: Test site
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("order")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "seeds", root / "seeds")
    run = build(root, "--strict", "--no-search")
    assert run.code == 0, run.err
    return root


def hrefs(page, selector: str, folder: str) -> list[str]:
    return [a["href"].strip("/").split("/")[-1] for a in page.select(selector) if a["href"].startswith(folder)]


AGREEMENTS = [
    "bukele-prison-offer",  # `order: 1`: the headline's offer
    "migratory-agreement",  # then as the report first mentions them
    "migrant-acceptance-promise", "civil-nuclear-mou", "waiver-promise",
]


def test_the_home_page_lists_the_main_agreement_first(story):
    home = soup(story / "site/index.html")
    assert hrefs(home, "main li a", "/agreements/") == AGREEMENTS


def test_the_agreements_index_is_in_editorial_order(story):
    page = soup(story / "site/agreements/index.html")
    assert hrefs(page, ".collection-list .item-title a", "/agreements/") == AGREEMENTS


QUOTES = [
    "rubio-dangerous-american-criminals", "rubio-extraordinary-migratory-agreement", "rubio-offered-to-house",
    "rubio-incredibly-grateful", "hrw-inhumane-conditions", "bukele-outsource-prison-system",
    "bukele-willing-to-take-in", "bukele-fee", "musk-great-idea", "bruce-extraordinary-gesture",
    "bruce-violent-illegal-immigrants", "bruce-unfreeze-assistance",
]


def test_quotes_are_in_the_order_the_lead_article_quotes_them(story):
    page = soup(story / "site/quotes/index.html")
    assert [f["id"] for f in page.select("figure.quote-card")] == QUOTES


def test_a_record_page_shows_its_lead_quote_first(story):
    page = soup(story / "site/people/nayib-bukele/index.html")
    assert [f["id"] for f in page.select("figure.quote-card")] == [
        "bukele-outsource-prison-system", "bukele-willing-to-take-in", "bukele-fee",  # not in file-name order
    ]


def test_same_day_entries_are_events_with_their_agreements_and_quotes_as_first_mentioned(story):
    page = soup(story / "site/timeline/index.html")
    day = [li["id"] for li in page.select("li.timeline-entry") if li.time and li.time.get("datetime") == "2025-02-03"]
    # The quotes and agreements are inside the events they belong to (`event:`), not entries.
    assert day == [
        "signing-ceremony", "rubio-remarks", "bukele-social-media-post", "musk-endorsement", "bruce-statement",
        "el-salvador-offers-to-jail-us-prisoners-published",
    ]
    inside = {
        li["id"]: [a["data-ref"] for a in li.select(".timeline-agreements a, .timeline-quotes a")]
        for li in page.select("li.timeline-entry") if li.select(".timeline-attached")
    }
    # agreements first, then quotes, each in editorial order (the main agreement's `order`, then
    # the lead article's first mention)
    assert inside == {
        "signing-ceremony": ["rubio-offered-to-house"],
        "rubio-remarks": [
            "bukele-prison-offer", "migratory-agreement", "rubio-dangerous-american-criminals",
            "rubio-extraordinary-migratory-agreement", "rubio-incredibly-grateful",
        ],
        "bukele-social-media-post": ["bukele-outsource-prison-system", "bukele-willing-to-take-in", "bukele-fee"],
        "musk-endorsement": ["musk-great-idea"],
        "bruce-statement": [
            "migrant-acceptance-promise", "civil-nuclear-mou", "waiver-promise",
            "bruce-extraordinary-gesture", "bruce-violent-illegal-immigrants", "bruce-unfreeze-assistance",
        ],
    }


def test_people_are_indexed_by_family_name_and_shown_as_written(story):
    page = soup(story / "site/people/index.html")
    assert [a.get_text() for a in page.select(".collection-list .item-title a")] == [
        "Tammy Bruce", "Nayib Bukele", "Elon Musk", "Marco Rubio", "Donald Trump",
    ]


@pytest.mark.parametrize(("name", "sort_name"), [
    ("Nayib Bukele", "Bukele, Nayib"),
    ("Martin Luther King Jr.", "King, Martin Luther, Jr."),
    ("Sammy Davis Jr. III", "Davis, Sammy, Jr. III"),
    ("Madonna", "Madonna"),
    ("Donald J. Trump", "Trump, Donald J."),
])
def test_the_default_sort_name_puts_the_family_name_first(name, sort_name):
    assert default_sort_name(name) == sort_name


SMALL = SITE + """
-- content/people/ana-de-la-cruz.yaml --
name: Ana de la Cruz
sort_name: De la Cruz, Ana
-- content/people/zed-adams.yaml --
name: Zed Adams
-- content/people/bob-young.yaml --
name: Bob Young Jr.
-- content/people/carla-baker.yaml --
name: Carla Baker
-- content/agreements.yaml --
- id: alpha
  title: Alpha pact
- id: beta
  title: Beta pact
- id: gamma
  title: Gamma pact
  order: 2
- id: delta
  title: Delta pact
  order: 1
-- content/articles/old.md --
---
title: Old
date: 2020-01-01
---
Alpha pact, then Beta pact.
-- content/articles/new.md --
---
title: New
date: 2021-01-01
---
The Beta pact came before the Alpha pact.
"""


def test_explicit_order_then_first_mention_in_the_newest_article(site_root):
    root = site_root(SMALL)
    run = build(root, "--no-search")
    assert run.code == 0, run.err
    page = soup(root / "site/agreements/index.html")
    assert hrefs(page, ".collection-list .item-title a", "/agreements/") == ["delta", "gamma", "beta", "alpha"]
    home = soup(root / "site/index.html")
    assert hrefs(home, "main li a", "/agreements/") == ["delta", "gamma", "beta", "alpha"]


def test_sort_name_orders_people_and_their_letters_when_split(site_root):
    root = site_root(SMALL)
    run = build(root, "--no-search")
    assert run.code == 0, run.err
    page = soup(root / "site/people/index.html")
    assert [a.get_text() for a in page.select(".collection-list .item-title a")] == [
        "Zed Adams", "Carla Baker", "Ana de la Cruz", "Bob Young Jr.",
    ]
    split = site_root(SMALL.replace("title: Test site", "title: Test site\npage_size: 1"))
    run = build(split, "--no-search")
    assert run.code == 0, run.err
    overview = soup(split / "site/people/index.html")
    assert [a.get_text(" ", strip=True).split()[0] for a in overview.select("main nav a")][:4] == ["A", "B", "D", "Y"]
    assert [a.get_text() for a in soup(split / "site/people/d/index.html").select(".item-title a")] == ["Ana de la Cruz"]
    assert [a.get_text() for a in soup(split / "site/people/a/index.html").select(".item-title a")] == ["Zed Adams"]


@pytest.mark.parametrize(("spec", "message"), [
    ("-- content/people/a.yaml --\nname: A\norder: first\n",
     "content/people/a.yaml:2: error: 'order' must be a whole number, not text"),
    ("-- content/people/a.yaml --\nname: A\nsort_name: [A, B]\n",
     "content/people/a.yaml:2: error: 'sort_name' must be text, not a list"),
    ("-- content/people/a.yaml --\nname: A\nsort_name: ''\n",
     "content/people/a.yaml:2: error: 'sort_name' is empty"),
    ("-- content/places/a.yaml --\nname: A\nsort_name: A\n",
     "content/places/a.yaml:2: error: unknown field 'sort_name' in place (did you mean 'name'?)"),
    ("-- content/articles/a.md --\n---\ntitle: A\norder: 1.5\n---\nText.\n",
     "content/articles/a.md:3: error: 'order' must be a whole number, not a number"),
])
def test_bad_order_and_sort_name_values_are_reported_at_their_line(site_root, spec, message):
    root = site_root(SITE + spec)
    run = build(root)
    assert run.code == 1
    assert run.lines[:-1] == [message]
