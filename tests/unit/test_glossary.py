"""The glossary: locale-free A–Z order, letter groups, term pages, backlinks and glossary.json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from explainer.build.command import build_site
from explainer.core.options import BuildOptions
from explainer.views.glossary import letter_of, sort_text, term_sort_key

TESTS = Path(__file__).resolve().parents[1]
FIXTURE = TESTS / "sites" / "timeline"
REPO = TESTS.parent

FIXTURE_ORDER = [
    ("number", "9/11 Commission"),
    ("angel-plain", "Angel"),
    ("angel-clause", "Ángel clause"),
    ("angola-rule", "Angola rule"),
    ("mou", "memorandum of understanding"),
    ("oeuvre", "Œuvre"),
    ("zulu", "Zulu time"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("glossary") / "root"
    shutil.copytree(FIXTURE, root)
    build_site(BuildOptions(root / "content", root / "site"))
    return root / "site"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def glossary(site) -> BeautifulSoup:
    return page(site, "glossary/index.html")


def test_accents_sort_with_their_base_letter():
    terms = ["Angola", "ángel", "Ångström", "Angel", "Ángel", "Ærø", "Zulu", "angle"]
    assert sorted(terms, key=term_sort_key) == [
        "Ærø", "Angel", "Ángel", "ángel", "angle", "Angola", "Ångström", "Zulu",
    ]
    assert [letter_of(t) for t in ("Ángel", "Œuvre", "ßtraße", "9/11", "“Quoted”", "Ωmega")] == [
        "A", "O", "S", "#", "Q", "Ω",
    ]
    assert sort_text("  Mega-prison, the ") == "megaprison the"


def test_terms_in_order_under_their_letters(glossary):
    sections = [
        (s.h2["id"], s.h2.get_text(), [(dt["id"], dt.dfn.get_text()) for dt in s.select("dt")])
        for s in glossary.select("main section.glossary-letter")
    ]
    assert sections == [
        ("letter_other", "#", [FIXTURE_ORDER[0]]),
        ("letter_a", "A", FIXTURE_ORDER[1:4]),
        ("letter_m", "M", [FIXTURE_ORDER[4]]),
        ("letter_o", "O", [FIXTURE_ORDER[5]]),
        ("letter_z", "Z", [FIXTURE_ORDER[6]]),
    ]


def test_letter_index_links_present_letters_only(glossary):
    items = glossary.select("nav.letter-index li")
    assert [li.get_text(strip=True) for li in items] == ["#", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    links = [(a.get_text(), a["href"]) for a in glossary.select("nav.letter-index a")]
    assert links == [
        ("#", "#letter_other"), ("A", "#letter_a"), ("M", "#letter_m"), ("O", "#letter_o"), ("Z", "#letter_z"),
    ]


def test_each_term_has_definition_aliases_see_also_and_uses(glossary):
    dt = glossary.find("dt", id="angel-clause")
    assert dt.a["href"] == "/ruritania/glossary/angel-clause/"
    dd = dt.find_next_sibling("dd")
    assert dd.select_one(".glossary-definition").get_text(" ", strip=True) == (
        "A clause named after Ángel, a negotiator. See The accord ."
    )
    assert dd.select_one(".aliases").get_text() == "Also called: Angel clause"
    see_also = [(a.get_text(), a["href"]) for a in dd.select(".see-also a")]
    assert see_also == [("Angola rule", "/ruritania/glossary/#angola-rule")]
    used = [(a.get_text(), a["href"]) for a in dd.select(".used-in a")]
    assert used == [
        ("The accord is signed", "/ruritania/articles/story/"),
        ("memorandum of understanding", "/ruritania/glossary/#mou"),
    ]


def test_abbreviation(glossary):
    dt = glossary.find("dt", id="mou")
    assert dt.get_text(" ", strip=True) == "memorandum of understanding ( MOU )"
    assert (dt.abbr.get_text(), dt.abbr["title"]) == ("MOU", "memorandum of understanding")


def test_term_page(site):
    soup = page(site, "glossary/angel-clause/index.html")
    assert soup.h1.get_text(" ", strip=True) == "Ángel clause"
    assert [a.get_text() for a in soup.select("nav.breadcrumbs a")] == ["Home", "Glossary"]
    assert soup.select_one(".glossary-definition").get_text(" ", strip=True) == (
        "A clause named after Ángel, a negotiator. See The accord ."
    )
    # the sections of every record's page: the article with its sentence, then the other records
    assert [h2.get_text() for h2 in soup.select("article h2")] == ["In the story", "Connected to", "Sources"]
    assert [" ".join(li.get_text(" ").split()) for li in soup.select(".in-story li")] == [
        "The accord is signed Ana López signed The accord for Ruritania; the Ángel clause applies.",
    ]
    assert [li.get_text(" ", strip=True) for li in soup.select(".connections li")] == [
        "The accord", "Angola rule see also", "memorandum of understanding see also",
    ]
    nav = {li["class"][0]: (li.a.get_text(" ", strip=True), li.a["href"]) for li in soup.select("nav.term-nav li")}
    assert nav == {
        "term-previous": ("← Angel", "/ruritania/glossary/angel-plain/"),
        "term-all": ("All terms, A–Z", "/ruritania/glossary/#angel-clause"),
        "term-next": ("Angola rule →", "/ruritania/glossary/angola-rule/"),
    }
    assert soup.find("link", rel="canonical")["href"] == "https://news.example.org/ruritania/glossary/angel-clause/"
    structured = json.loads(soup.find("script", type="application/ld+json").string)
    assert structured == {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": "Ángel clause",
        "description": "A clause named after Ángel, a negotiator. See The accord.",
        "url": "https://news.example.org/ruritania/glossary/angel-clause/",
        "inDefinedTermSet": "https://news.example.org/ruritania/glossary/",
    }


def test_first_and_last_terms_have_one_neighbour(site):
    first = page(site, "glossary/number/index.html")
    assert [li["class"][0] for li in first.select("nav.term-nav li")] == ["term-all", "term-next"]
    last = page(site, "glossary/zulu/index.html")
    assert [li["class"][0] for li in last.select("nav.term-nav li")] == ["term-previous", "term-all"]


def test_glossary_json(site):
    data = json.loads((site / "glossary.json").read_text(encoding="utf-8"))
    assert set(data) == {"title", "url", "terms"}
    assert [(t["id"], t["term"]) for t in data["terms"]] == FIXTURE_ORDER
    terms = {t["id"]: t for t in data["terms"]}
    assert terms["angel-clause"] == {
        "id": "angel-clause",
        "term": "Ángel clause",
        "url": "https://news.example.org/ruritania/glossary/angel-clause/",
        "anchor_url": "https://news.example.org/ruritania/glossary/#angel-clause",
        "abbreviation": None,
        "aliases": ["Angel clause"],
        "definition_html": (
            '<p>A clause named after Ángel, a negotiator. See <a class="ref ref-agreements" '
            'data-ref="accord" href="/ruritania/agreements/accord/">The accord</a>.</p>'
        ),
        "definition_text": "A clause named after Ángel, a negotiator. See The accord.",
        "see_also": [{
            "id": "angola-rule", "name": "Angola rule",
            "url": "https://news.example.org/ruritania/glossary/#angola-rule",
        }],
        "used_in": [
            {"id": "story", "name": "The accord is signed",
             "url": "https://news.example.org/ruritania/articles/story/"},
            {"id": "mou", "name": "memorandum of understanding",
             "url": "https://news.example.org/ruritania/glossary/#mou"},
        ],
    }
    assert terms["mou"]["abbreviation"] == "MOU"


def test_default_site_glossary_order(tmp_path):
    build_site(BuildOptions(REPO / "content", tmp_path / "site"))
    soup = page(tmp_path / "site", "glossary/index.html")
    terms = [dt.dfn.get_text() for dt in soup.select("main dt")]
    assert terms == sorted(terms, key=term_sort_key)
    assert "memorandum of understanding" in terms
    for term_id in (dt["id"] for dt in soup.select("main dt")):
        assert (tmp_path / "site" / "glossary" / term_id / "index.html").is_file()
