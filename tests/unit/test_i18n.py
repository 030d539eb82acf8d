"""The interface in several languages: complete catalogs, CLDR dates, collation, a Spanish site."""

from __future__ import annotations

import re
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


def extracted() -> set[str | tuple[str, ...]]:
    """Every interface message in the engine's Python and templates now, as `pybabel extract` finds it."""
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "N_plural": (1, 2)}
    found: set[str | tuple[str, ...]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), METHODS, keywords=keywords, options_map={"templates/**.html": {"trim_blocks": "true"}},
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


def _english_messages() -> list[re.Pattern]:
    """The English messages the Spanish catalog words differently, as patterns of a whole text."""
    with catalog_path("es").open("rb") as po:
        catalog = read_po(po, locale="es")
    patterns = []
    for m in catalog:
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for english in ids:
            if not english or english in strings or "<" in english or english.startswith("%("):
                continue
            patterns.append(re.compile("^" + re.sub(r"%\\\(\w+\\\)[sd]", ".+?", re.escape(english)) + "$"))
    return patterns


def test_a_spanish_site_has_no_english_interface_words(full_site):
    config = full_site / "content" / "site.yaml"
    config.write_text(config.read_text().replace("language: en", "language: es"))
    assert build(full_site, "--no-search").code == 0
    site = full_site / "site"
    patterns = _english_messages()
    pages = ["index.html", "404.html", "glossary/index.html", "quotes/index.html", "people/index.html",
             "agreements/index.html", "sources/index.html"]
    for page in pages:
        html = soup(site / page)
        assert html.html["lang"] == "es"
        texts = [s.strip() for s in html.find_all(string=True) if s.strip()]
        texts += [tag[a] for tag in html.find_all(True) for a in ("aria-label", "title", "placeholder") if tag.get(a)]
        left = [t for t in texts for p in patterns if p.match(t)]
        assert not left, f"{page}: English interface words: {left}"
    home = soup(site / "index.html")
    assert [a.get_text() for a in home.select("nav[aria-label=Secciones] a")][:2] == ["Personas", "Instituciones"]
    assert home.select_one(".skip-link").get_text() == "Saltar al contenido"
    assert soup(site / "agreements" / "index.html").select_one("#status-legend").get_text() == "Qué significa cada estado"
