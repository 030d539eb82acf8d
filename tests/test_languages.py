"""A two-language site's output (tests/sites/bilingual): every page once per language, the
default at the root and Spanish under /es/, each with its `lang`, `hreflang` alternates both ways,
a language switcher to the same record, fallbacks marked, and per-language exports."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import SITES, build, soup

BASE = "https://example.org/port/"
XML_NAMES = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bilingual")
    shutil.copytree(SITES / "bilingual", root, dirs_exist_ok=True)
    run = build(root, "--base-url", BASE, "--no-search")
    assert run.code == 0, run.err
    assert run.lines == [
        "content/events.yaml:9: warning: event 'lease-reaction' has no translation into 'es': "
        "its page shows the original text",
    ]
    return root / "site"


def head_alternates(page) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in page.select('head link[rel="alternate"][hreflang]')}


def test_every_page_is_built_in_both_languages_with_its_lang(site):
    english = {p.relative_to(site).as_posix() for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("es/")}
    spanish = {p.relative_to(site / "es").as_posix() for p in (site / "es").rglob("*.html")}
    assert english == spanish
    assert soup(site / "people/ana-nunez/index.html").html["lang"] == "en"
    assert soup(site / "es/people/ana-nunez/index.html").html["lang"] == "es"
    assert not (site / "es/static").exists() and not (site / "es/robots.txt").exists()


def test_hreflang_alternates_point_both_ways(site):
    expected = {
        "en": BASE + "people/ana-nunez/", "es": BASE + "es/people/ana-nunez/", "x-default": BASE + "people/ana-nunez/",
    }
    assert head_alternates(soup(site / "people/ana-nunez/index.html")) == expected
    assert head_alternates(soup(site / "es/people/ana-nunez/index.html")) == expected
    assert head_alternates(soup(site / "es/index.html"))["en"] == BASE


def test_the_switcher_links_the_same_record_in_each_language(site):
    page = soup(site / "es/institutions/harbour-council/index.html")
    links = page.select("nav.language-switcher a")
    assert [(a["href"], a["hreflang"], a.get_text(), a.get("aria-current")) for a in links] == [
        ("/port/institutions/harbour-council/", "en", "English", None),
        ("/port/es/institutions/harbour-council/", "es", "Español", "true"),
    ]


def test_the_spanish_edition_shows_translated_text_and_links_within_itself(site):
    page = soup(site / "es/institutions/harbour-council/index.html")
    assert page.h1.get_text() == "Consejo Portuario de Port Alba"
    assert page.select_one("a.site-title").get_text() == "El arrendamiento de la terminal de Port Alba"
    hrefs = [a["href"] for a in page.select("main a[href^='/port/']")]
    assert hrefs and all(href.startswith("/port/es/") for href in hrefs)
    assert page.select_one('link[rel="stylesheet"]')["href"].startswith("/port/static/")


def test_a_quote_is_shown_in_its_words_with_its_translation_beside_it(site):
    card = soup(site / "es/quotes/index.html").select_one("#berg-fair-deal")
    assert card.blockquote["lang"] == "en"
    assert card.blockquote.get_text(strip=True) == "“a fair deal for both sides”"
    translation = card.select_one(".quote-translation")
    assert translation["lang"] == "es"
    assert translation.get_text() == "Traducción: “un trato justo para ambas partes”"
    assert soup(site / "quotes/index.html").select(".quote-translation") == []


def test_an_article_with_an_empty_translated_body_keeps_its_original_body_marked(site):
    page = soup(site / "es/articles/lease-agreed/index.html")
    assert page.h1.get_text() == "Port Alba arrienda su antigua terminal de ferris"
    assert page.select_one(".dek").get_text() == "El consejo portuario firma un arrendamiento con Nordlys Shipping."
    body = page.select_one(".prose")
    assert body["lang"] == "en"
    assert body.p.get_text().startswith("The Consejo Portuario de Port Alba agreed to lease")
    assert page.select_one("p.translation-note") is not None


def test_a_page_without_translation_is_marked_in_the_original_language(site, tmp_path):
    root = tmp_path / "bi"
    shutil.copytree(SITES / "bilingual", root)
    (root / "content/places/port-alba.es.yaml").unlink()
    run = build(root, "--no-search")
    assert run.code == 0, run.err
    page = soup(root / "site/es/places/port-alba/index.html")
    assert page.main["lang"] == "en"
    note = page.main.select_one("p.translation-note")
    assert note["lang"] == "es"
    assert "lang" not in soup(root / "site/es/places/norway/index.html").main.attrs


def test_an_entry_without_translation_on_a_list_page_is_marked_in_the_original_language(site):
    # 'lease-reaction' (an event: an anchor on the timeline, no page of its own) is not translated
    entries = {li["id"]: li for li in soup(site / "es/timeline/index.html").select("li.timeline-entry")}
    untranslated = entries["lease-reaction"]
    assert untranslated.select_one(".timeline-title")["lang"] == "en"
    assert untranslated.select_one("p.translation-note").get_text() == "Aún sin traducir: se muestra en inglés."
    assert "lang" not in untranslated.attrs  # the interface words around it are in Spanish
    others = [li for entry_id, li in entries.items() if entry_id != "lease-reaction"]
    assert others and not any(li.select(".translation-note, [lang]") for li in others)
    english = soup(site / "timeline/index.html").find(id="lease-reaction")
    assert not english.select(".translation-note, [lang]")


def test_the_sitemap_lists_every_page_in_each_language_with_its_alternates(site):
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    urls = {url.findtext("sitemap:loc", namespaces=XML_NAMES): url for url in sitemap.findall("sitemap:url", XML_NAMES)}
    assert BASE + "people/ana-nunez/" in urls and BASE + "es/people/ana-nunez/" in urls
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in urls[BASE + "es/people/ana-nunez/"].findall("xhtml:link", XML_NAMES)
    }
    assert alternates == {"en": BASE + "people/ana-nunez/", "es": BASE + "es/people/ana-nunez/"}
    assert len(urls) == 2 * len([u for u in urls if not u.startswith(BASE + "es/")])
    assert not (site / "es/sitemap.xml").exists()


def test_json_ld_names_the_language_of_each_edition(site):
    def in_language(path: str) -> str:
        data = json.loads(soup(site / path).select_one('script[type="application/ld+json"]').string)
        return data["inLanguage"]

    assert in_language("articles/lease-agreed/index.html") == "en"
    assert in_language("es/articles/lease-agreed/index.html") == "es"


def test_a_translated_kind_is_shown_but_the_schema_type_follows_the_original(site):
    def place(path: str) -> tuple[str, str]:
        page = soup(site / path)
        data = json.loads(page.select_one('script[type="application/ld+json"]').string)
        main_entity = data.get("mainEntity", data)
        return main_entity["@type"], page.select_one(".infobox").get_text(" ", strip=True)

    english, spanish = place("places/port-alba/index.html"), place("es/places/port-alba/index.html")
    assert english[0] == spanish[0] == "City"
    assert "town" in english[1] and "pueblo" in spanish[1] and "town" not in spanish[1]


def test_exports_are_made_per_language(site):
    for path, language in (("es/feed.xml", "es"), ("feed.xml", "en")):
        feed = ET.parse(site / path).getroot()
        assert (feed.tag, feed.get(XML_LANG)) == ("{http://www.w3.org/2005/Atom}feed", language)
    glossary = json.loads((site / "es/glossary.json").read_text())
    terms = {term["id"]: term for term in glossary["terms"]}
    assert terms["lease"]["term"] == "arrendamiento"
    assert terms["lease"]["url"].startswith(BASE + "es/")
    timeline = json.loads((site / "es/timeline.json").read_text())
    titles = {entry["id"]: entry["title"] for entry in timeline["entries"]}
    assert titles["lease-vote"] == "El consejo vota a favor del arrendamiento"
    assert titles["lease-reaction"] == "Nordlys welcomes the lease"
    assert "SUMMARY:Se construye la terminal de ferris" in (site / "es/timeline.ics").read_text()
    shard = next((site / "es/previews").glob("[0-9a-f]*.json"))
    assert any("Consejo" in json.dumps(piece, ensure_ascii=False) for piece in json.loads(shard.read_text()).values())
    assert soup(site / "es/people/ana-nunez/index.html").select_one('meta[name="explainer-previews"]')["content"] == "/port/es/previews/"


def test_mentions_link_with_each_languages_names(site_root):
    root = site_root("""
-- content/site.yaml --
title: T
languages: [en, es]
link_mentions: all
-- content/site.es.yaml --
title: T
-- content/places/spain.yaml --
name: Spain
-- content/places/spain.es.yaml --
name: España
-- content/pages/about.md --
---
title: About
---
A page about Spain and its people.
-- content/pages/about.es.md --
---
title: Acerca de
---
Una página sobre España y su gente.
""")
    run = build(root, "--no-search")
    assert run.code == 0, run.err
    english = soup(root / "site/pages/about/index.html").select_one(".prose a.mention")
    spanish = soup(root / "site/es/pages/about/index.html").select_one(".prose a.mention")
    assert (english.get_text(), english["href"]) == ("Spain", "/places/spain/")
    assert (spanish.get_text(), spanish["href"]) == ("España", "/es/places/spain/")
