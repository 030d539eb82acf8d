"""The page functions (`explainer.render.renderer`): which pages a site has, in which order, the
navigation and what the home page picks; on tests/sites/full."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from explainer.build.pipeline import BuildOptions, load_site
from explainer.core.errors import Reporter
from explainer.render.renderer import NavItem, Renderer

FULL = Path(__file__).resolve().parents[1] / "sites" / "full"


@pytest.fixture(scope="module")
def renderer(tmp_path_factory) -> Renderer:
    out = tmp_path_factory.mktemp("out") / "site"
    return load_site(BuildOptions(FULL / "content", out, workers=1), Reporter(FULL)).renderer


def test_every_page_is_a_job_in_a_stable_order(renderer):
    assert [(job.path, job.kind, job.key) for job in renderer.jobs()] == [
        ("index.html", "home", ""),
        ("articles/lease-agreed/index.html", "document", "lease-agreed"),
        ("pages/about/index.html", "document", "about"),
        ("people/ana-nunez/index.html", "record", "ana-nunez"),
        ("people/oystein-berg/index.html", "record", "oystein-berg"),
        ("people/index.html", "collection_index", "people"),
        ("institutions/harbour-council/index.html", "record", "harbour-council"),
        ("institutions/nordlys-shipping/index.html", "record", "nordlys-shipping"),
        ("institutions/index.html", "collection_index", "institutions"),
        ("agreements/terminal-lease/index.html", "record", "terminal-lease"),
        ("agreements/crew-pledge/index.html", "record", "crew-pledge"),
        ("agreements/index.html", "collection_index", "agreements"),
        ("places/port-alba/index.html", "record", "port-alba"),
        ("places/norway/index.html", "record", "norway"),
        ("places/ferry-terminal/index.html", "record", "ferry-terminal"),
        ("places/index.html", "collection_index", "places"),
        ("glossary/lease/index.html", "glossary_term", "lease"),
        ("glossary/ferry/index.html", "glossary_term", "ferry"),
        ("sources/harbour-report/index.html", "record", "harbour-report"),
        ("sources/council-minutes/index.html", "record", "council-minutes"),
        ("sources/index.html", "collection_index", "sources"),
        ("timeline/index.html", "timeline_page", ""),
        ("glossary/index.html", "glossary_page", ""),
        ("quotes/index.html", "quotes_page", ""),
        ("404.html", "not_found", ""),
    ]


def test_the_navigation_lists_what_the_site_has(renderer):
    assert renderer.nav() == [
        NavItem("/people/", "People", "people"),
        NavItem("/institutions/", "Institutions", "institutions"),
        NavItem("/agreements/", "Agreements", "agreements"),
        NavItem("/places/", "Places", "places"),
        NavItem("/timeline/", "Timeline", "timeline"),
        NavItem("/graph/", "Connections", "graph"),
        NavItem("/glossary/", "Glossary", "glossary"),
        NavItem("/quotes/", "Quotes", "quotes"),
    ]


def test_the_home_page_picks_the_newest_article_and_the_most_linked_records(renderer):
    chosen = renderer.home_selection
    assert chosen.articles == ("lease-agreed",)
    assert chosen.pages == ("about",)
    assert chosen.people == ("ana-nunez", "oystein-berg")
    assert chosen.institutions == ("nordlys-shipping", "harbour-council")
    assert [entry.id for entry in chosen.events] == ["terminal-built", "lease-vote", "lease-reaction"]


def test_a_rendered_page_is_its_path_and_html(renderer):
    page = renderer.render(renderer.jobs()[3])
    assert page.path == "people/ana-nunez/index.html"
    html = BeautifulSoup(page.data, "html.parser")
    assert html.h1.get_text(" ", strip=True) == "Ana Núñez"
    assert html.title.string == "Ana Núñez · The Port Alba terminal lease"
