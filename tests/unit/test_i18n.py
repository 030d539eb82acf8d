"""The interface in several languages: complete catalogs, CLDR dates, collation, a Spanish site."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from explainer.core.dates import PartialDate, month_name, range_label
from explainer.core.i18n import LOCALE_DIR, catalog_path, format_list, shipped_languages, translations_for
from explainer.render.environment import install_translations, make_environment
from explainer.site.letters import alphabet, letter_of, page_letter, term_sort_key
from tests.conftest import build, soup

ROOT = Path(__file__).resolve().parents[2]
METHODS = [("explainer/**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.xml", "jinja2")]


def _interface_folder(path: str) -> bool:
    """Whether extraction walks into `path`: the repository's root, the engine and the templates
    only (not a virtual environment, benchmark sites or a built site inside the checkout)."""
    parts = Path(path).relative_to(ROOT).parts
    return not parts or (parts[0] in ("explainer", "templates") and parts[-1] != "__pycache__")


def extracted() -> set[str | tuple[str, ...]]:
    """Every interface message in the engine's Python and templates now, as `pybabel extract` finds it."""
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "N_plural": (1, 2)}
    found: set[str | tuple[str, ...]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), METHODS, keywords=keywords, options_map={"templates/**.html": {"trim_blocks": "true"}},
        directory_filter=_interface_folder,
    ):
        found.add(message)
    return found


def test_every_shipped_catalog_translates_every_interface_message():
    messages = extracted()
    assert "Glossary" in messages and ("%(num)d correction", "%(num)d corrections") in messages
    assert shipped_languages() == ("en", "es")
    for lang in shipped_languages():
        with catalog_path(lang).open("rb") as po:
            catalog = read_po(po, locale=lang)
        ids = {m.id for m in catalog if m.id}
        assert not [m for m in messages if m not in ids], f"{lang}: messages missing from the catalog"
        assert not [m for m in ids if m not in messages], f"{lang}: messages no longer in the interface"
        for m in catalog:
            if not m.id:
                continue
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            assert all(strings), f"{lang}: untranslated: {m.id!r}"
            assert not m.fuzzy, f"{lang}: fuzzy: {m.id!r}"
        assert not catalog.obsolete, f"{lang}: obsolete messages"


def test_template_catalog_matches_the_interface():
    with (LOCALE_DIR / "messages.pot").open("rb") as pot:
        assert {m.id for m in read_po(pot) if m.id} == extracted()


def test_translations_are_compiled_from_the_po_files():
    spanish = translations_for("es")
    assert spanish.gettext("Glossary") == "Glosario"
    assert spanish.ngettext("%(num)d correction", "%(num)d corrections", 2) == "%(num)d correcciones"
    assert translations_for("es-MX").gettext("Timeline") == "Cronología"
    assert translations_for("de").gettext("Timeline") == "Timeline"  # no catalog: English


def test_templates_render_in_the_language_installed():
    env = make_environment([ROOT / "templates"])
    template = env.from_string('{{ _("Skip to content") }} {{ ngettext("%(num)d correction", "%(num)d corrections", 3) }}')
    assert template.render() == "Skip to content 3 corrections"
    install_translations(env, "es")
    assert template.render() == "Saltar al contenido 3 correcciones"
    escaped = env.from_string('{{ _("Source: %(source)s", source=name) }}').render(name="<b>")
    assert escaped == "Fuente: &lt;b&gt;"


def test_dates_come_from_cldr_at_their_precision():
    assert [PartialDate(2024).label("es"), PartialDate(2024, 5).label("es"), PartialDate(2024, 5, 14).label("es")] == [
        "2024", "mayo de 2024", "14 de mayo de 2024",
    ]
    assert [PartialDate(2024).label(), PartialDate(2024, 5).label(), PartialDate(2024, 5, 14).label()] == [
        "2024", "May 2024", "May 14, 2024",
    ]
    assert month_name(2, "es") == "febrero" and month_name(9, "en", "abbreviated") == "Sep"
    assert range_label(PartialDate(2025, 2, 3), PartialDate(2025, 2, 5), "es") == "3–5 de febrero de 2025"
    assert range_label(PartialDate(2025, 2, 3), PartialDate(2025, 2, 5)) == "February 3\u2009–\u20095, 2025"
    assert range_label(PartialDate(2025, 1, 30), PartialDate(2025, 2, 2)) == "January 30\u2009–\u2009February 2, 2025"
    assert range_label(PartialDate(2024), PartialDate(2025, 3), "es") == "2024\u2009–\u2009marzo de 2025"
    assert format_list(["Ana", "Luis", "Marta"], "es") == "Ana, Luis y Marta"
    assert format_list(["Ana", "Luis", "Marta"], "en") == "Ana, Luis, and Marta"


def test_spanish_collation_files_n_tilde_after_n_and_ignores_other_accents():
    words = ["ñandú", "Nube", "Ángel", "Angola", "Oro", "Niño", "ninguno"]
    assert sorted(words, key=lambda w: term_sort_key(w, lang="es")) == [
        "Ángel", "Angola", "ninguno", "Niño", "Nube", "ñandú", "Oro",
    ]
    assert [letter_of(w, "es") for w in ("ñandú", "Ángel", "Niño")] == ["Ñ", "A", "N"]
    assert alphabet("es")[13:16] == ("N", "Ñ", "O")
    assert page_letter("ñandú", "es") == "Ñ" and page_letter("ñandú", "en") == "N"
    assert sorted(words, key=term_sort_key)[:3] == ["Ángel", "Angola", "ñandú"]  # English: ñ is an n


def _english_messages() -> re.Pattern:
    """The English messages the Spanish catalog words differently, as one pattern of a whole text."""
    with catalog_path("es").open("rb") as po:
        catalog = read_po(po, locale="es")
    patterns = []
    for m in catalog:
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for english in ids:
            if not english or english in strings or "<" in english or english.startswith("%("):
                continue
            patterns.append(re.sub(r"%\\\(\w+\\\)[sd]", ".+?", re.escape(english)))
    return re.compile("^(?:" + "|".join(patterns) + ")$")


def _english_left(page: Path, english: re.Pattern, lang: str = "es", content: str = "") -> list[str]:
    """The interface texts of `page` (its text, and its labels, titles and placeholders) that are
    an English message; text inside an element in another language (a quote's own words, a body
    not yet translated) or matching the selector `content` is content, not interface."""
    html = soup(page)
    assert html.html["lang"] == lang, page
    for element in html.select(content) if content else ():
        element.decompose()

    def own_language(node) -> bool:
        marked = node if getattr(node, "attrs", None) and node.get("lang") else node.find_parent(lang=True)
        return marked is None or marked["lang"] == lang

    texts = [s.strip() for s in html.find_all(string=True) if s.strip() and own_language(s)]
    texts += [tag[a] for tag in html.find_all(True) for a in ("aria-label", "title", "placeholder")
              if tag.get(a) and own_language(tag)]
    return [text for text in texts if english.match(text)]


def test_a_spanish_site_has_no_english_interface_words(full_site):
    """Every page of a Spanish site, of every kind: record pages of each collection and a record's
    section pages, the timeline and its periods' pages, the graph, the glossary and its terms,
    quotes, search, 404 and the lists split into pages."""
    config = full_site / "content" / "site.yaml"
    config.write_text(config.read_text().replace("language: en", "language: es") + "page_size: 2\n")
    places = full_site / "content" / "places.yaml"  # a kind of place is content, and "country" a message too
    places.write_text(places.read_text().replace("kind: country", "kind: país"))
    for n in range(1, 14):  # enough places in Port Alba for its "Connected to" to need pages of its own
        (full_site / "content" / "places" / f"quay-{n}.yaml").write_text(f"name: Quay {n}\nkind: quay\nwithin: port-alba\n")
    assert build(full_site).code == 0
    site = full_site / "site"
    pages = sorted(site.rglob("*.html"))
    kinds = {page.relative_to(site).parts[0] for page in pages}
    assert {"people", "institutions", "agreements", "places", "sources", "articles", "pages", "glossary", "quotes",
            "timeline", "graph", "search", "404.html", "index.html"} <= kinds
    for must in ("timeline/2024/index.html", "places/port-alba/connected-to/index.html", "glossary/lease/index.html",
                 "people/ana-nunez/timeline/index.html"):
        assert site / must in pages, must
    english = _english_messages()
    left = {str(page.relative_to(site)): found for page in pages if (found := _english_left(page, english))}
    assert not left, f"English interface words: {left}"
    home = soup(site / "index.html")
    assert [a.get_text() for a in home.select("nav[aria-label=Secciones] a")][:2] == ["Personas", "Instituciones"]
    assert home.select_one(".skip-link").get_text() == "Saltar al contenido"
    assert soup(site / "agreements" / "index.html").select_one("#status-legend").get_text() == "Qué significa cada estado"
    port = soup(site / "places/port-alba/index.html")
    assert port.select_one("#connected-h").get_text() == "Conectado con"
    assert port.select_one(".section-more a").get_text() == "y 5 más"
    section = soup(site / "places/port-alba/connected-to/index.html")
    assert section.h1.get_text() == "Port Alba: conectado con"
    assert [dt.get_text() for dt in section.select(".connections dt")] == ["Instituciones", "Lugares"]
    assert section.select_one(".connections .relation").get_text() == "contiene"
    timeline = soup(site / "timeline/2024/index.html")
    assert timeline.h1.get_text() == "Cronología: 2024"
    words = json.loads(soup(site / "timeline/2024/03/index.html").select_one("#timeline-words").string)
    assert words["entries"] == {"one": "%(num)d entrada", "many": "%(num)d entradas", "other": "%(num)d entradas"}


def test_the_default_storys_spanish_edition_has_no_english_interface_words(tmp_path):
    """No message of the English catalog is interface text in the default story's Spanish edition
    (`site/es/`), on any of its pages; its key facts are in Spanish too."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    assert build(tmp_path, "--no-search").code == 0
    spanish = tmp_path / "site" / "es"
    pages = sorted(spanish.rglob("*.html"))
    assert len(pages) > 40
    english = _english_messages()
    # an infobox's values are content (a place's `kind` is not translated there yet)
    left = {
        str(page.relative_to(spanish)): found
        for page in pages if (found := _english_left(page, english, content=".infobox td"))
    }
    assert not left, f"English interface words: {left}"
    facts = soup(spanish / "index.html").select(".key-fact dt")
    assert [dt.get_text() for dt in facts] == ["La oferta", "Capacidad de la cárcel", "Anunciado por", "Ciudadanos estadounidenses"]


def test_a_catalog_an_earlier_build_compiled_is_used_while_its_po_is_the_same(monkeypatch):
    import hashlib

    from explainer.core import i18n

    po = catalog_path("es").read_bytes()
    digest = hashlib.blake2b(po, digest_size=16).hexdigest()
    # What an earlier build compiled, told apart from what compiling the .po gives.
    earlier = i18n._compile(po.replace(b'msgid "Home"\nmsgstr "Inicio"', b'msgid "Home"\nmsgstr "Portada"'), "es")
    translations_for.cache_clear()
    try:
        monkeypatch.setattr(i18n, "_compiled", {})
        i18n.reuse_compiled({"es": (digest, earlier)})
        assert translations_for("es").gettext("Home") == "Portada"  # not compiled again
        translations_for.cache_clear()
        monkeypatch.setattr(i18n, "_compiled", {})
        i18n.reuse_compiled({"es": ("the digest of another .po", earlier)})
        assert translations_for("es").gettext("Home") == "Inicio"  # the .po changed since: compiled
        assert i18n.compiled_catalogs()["es"][0] == digest  # what the next build is handed
    finally:
        translations_for.cache_clear()
