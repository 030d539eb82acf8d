"""Loading and checking translations (explainer.content.translations, explainer.content.editions):
every mistake an error at its file and line, missing translations warnings, and the overlay."""

from __future__ import annotations

from pathlib import Path

from conftest import build, run_build, soup

from explainer.content.editions import check_translations, edition, missing_translations
from explainer.content.languages import language_name, language_problem
from explainer.content.loader import load_content
from explainer.content.model import Document, Quote
from explainer.content.translations import sibling_name
from explainer.core.errors import Reporter

SITE = """
-- content/site.yaml --
title: T
languages: [en, es]
-- content/site.es.yaml --
title: T es
-- content/people/ana.yaml --
name: Ana
roles:
  - title: Chair
    organization: council
    start: 2021
summary: Ana chairs the [[council]].
-- content/people/ana.es.yaml --
roles:
  - title: Presidenta
summary: Ana preside el [[council]].
-- content/institutions.yaml --
- id: council
  name: Council
  summary: The council of [[ana]].
  translations:
    es: {name: Consejo, summary: "El consejo de [[ana]]."}
"""

# A source with its text on file.
NOTE = """
-- content/sources/note.yaml --
title: Note
file: seeds/note.txt
-- seeds/note.txt --
Ana said "we are ready" on Monday.
"""
# A quote of the source; its `translation:` follows.
QUOTE = NOTE + """-- content/quotes/ready.yaml --
text: we are ready
speaker: ana
source: note
translation:"""


def errors_of(site_root, spec: str, base: str = SITE) -> list[str]:
    root = site_root(base + spec)
    run = build(root, "--no-search")
    assert run.code == 1, run.err
    return [line for line in run.lines[:-1] if ": error: " in line]


def test_a_shared_field_in_a_sibling_translation_is_an_error_at_its_line(site_root):
    assert errors_of(site_root, """
-- content/events/vote.yaml --
date: 2024-03-04
title: The vote
participants: [ana]
-- content/events/vote.es.yaml --
title: La votación
date: 2024-03-05
""") == ["content/events/vote.es.yaml:2: error: 'date' is shared by every language; set it in events/vote.yaml"]


def test_a_shared_field_in_a_list_translation_and_in_a_role(site_root):
    assert errors_of(site_root, """
-- content/places.yaml --
- id: port
  name: Port
  within: land
  translations:
    es:
      name: Puerto
      within: land
- id: land
  name: Land
""") == ["content/places.yaml:7: error: 'within' is shared by every language; set it in places.yaml"]
    assert errors_of(site_root, """
-- content/people/bo.yaml --
name: Bo
roles: [{title: Clerk, organization: council}]
summary: Bo works for [[ana]].
-- content/people/bo.es.yaml --
roles:
  - title: Secretario
    organization: council
""") == ["content/people/bo.es.yaml:3: error: 'organization' is shared by every language; set it in people/bo.yaml"]


def test_a_sibling_without_its_original_suggests_the_closest_id(site_root):
    assert errors_of(site_root, """
-- content/people/anna.es.yaml --
summary: Una errata.
""") == [
        "content/people/anna.es.yaml:1: error: translation of person 'anna' has no original: "
        "there is no people/anna.yaml (did you mean 'ana'?)"
    ]


def test_a_translation_into_a_language_the_site_does_not_have(site_root):
    assert errors_of(site_root, """
-- content/people/ana.fr.yaml --
summary: Ana préside le conseil.
""") == [
        "content/people/ana.fr.yaml:1: error: translation into 'fr', which is not one of the site's "
        "languages (en, es): add it to 'languages' in site.yaml"
    ]


def test_a_quote_translation_into_a_language_the_site_does_not_have(site_root):
    assert errors_of(site_root, QUOTE + """
  fr: nous sommes prêts
""") == [
        "content/quotes/ready.yaml:4: error: translation into 'fr', which is not one of the site's "
        "languages (en, es): add it to 'languages' in site.yaml"
    ]


def test_both_language_and_languages_is_an_error_at_languages(site_root):
    root = site_root("""
-- content/site.yaml --
title: T
language: en
languages: [en, es]
""")
    run = build(root, "--no-search")
    assert run.code == 1
    assert run.lines[0] == (
        "content/site.yaml:3: error: give either 'language' (one language) or 'languages' "
        "(several, the default first), not both"
    )


def test_an_unknown_language_tag(site_root):
    run = build(site_root("""
-- content/site.yaml --
title: T
languages: [en, xx]
"""), "--no-search")
    assert run.lines[0] == "content/site.yaml:2: error: unknown language 'xx': use a BCP 47 tag such as 'en', 'es' or 'pt-BR'"


def test_a_translated_list_of_another_length(site_root):
    assert errors_of(site_root, """
-- content/agreements/deal.yaml --
title: Deal
parties: [council]
terms:
  - One.
  - Two.
-- content/agreements/deal.es.yaml --
terms:
  - Uno.
""") == [
        "content/agreements/deal.es.yaml:1: error: 'terms' has 1 item here but 2 in "
        "content/agreements/deal.yaml: a translation gives every item, in the same order"
    ]


def test_a_missing_translation_is_a_warning_and_an_error_with_strict(site_root):
    spec = SITE + """
-- content/places/port.yaml --
name: Port
summary: Where [[ana]] works.
-- content/events/vote.yaml --
date: 2024-03-04
title: The vote
summary: The vote in [[port]].
participants: [ana]
-- content/events/vote.es.yaml --
title: La votación
summary: La votación en [[port]].
"""
    run = build(site_root(spec), "--no-search")
    assert run.code == 0, run.err
    warning = "content/places/port.yaml:1: {}: place 'port' has no translation into 'es': its page shows the original text"
    assert warning.format("warning") in run.lines
    strict = build(site_root(spec), "--no-search", "--strict")
    assert strict.code == 1
    assert warning.format("error") in strict.lines


def test_check_translations_lists_what_is_missing_and_exits_0(site_root):
    root = site_root(SITE + """
-- content/places/port.yaml --
name: Port
summary: Where [[ana]] works.
""")
    import contextlib
    with contextlib.chdir(root):
        run = run_build("check", "--translations", "--content", "content")
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "es: 1 of 3 records, articles and pages have no translation",
        "  content/places/port.yaml:1: place 'port'",
    ]


def test_the_overlay_translates_text_and_keeps_what_is_shared(site_root):
    root = site_root(SITE + """
-- content/articles/story.md --
---
title: Story
dek: The dek.
date: 2024-03-04
---
The body, about [[ana]].
-- content/articles/story.es.md --
---
title: Historia
dek: La entradilla.
---
""")
    reporter = Reporter(root)
    content = load_content(root, root / "content", reporter)
    found = check_translations(content, reporter)
    assert reporter.errors == []
    es = edition(content, "es", found["es"], reporter)
    entities = {e.id: e for e in es.entities}
    ana = entities["ana"]
    assert [(r.title, r.organization.id, str(r.start)) for r in ana.roles] == [("Presidenta", "council", "2021")]
    assert ana.summary.text == "Ana preside el [[council]]."
    assert ana.path == root / "content/people/ana.es.yaml"
    assert entities["council"].display_name == "Consejo"
    story = entities["story"]
    assert isinstance(story, Document)
    assert (story.title, story.dek, story.body_language, str(story.date)) == ("Historia", "La entradilla.", "en", "2024-03-04")
    assert story.body.text.strip() == "The body, about [[ana]]."
    assert es.config.language == "es" and es.config.title == "T es"
    assert missing_translations(content, reporter) == {"es": []}


def test_a_quote_keeps_its_words_and_carries_its_translation(site_root):
    root = site_root(SITE + QUOTE + """
  es: estamos listos
""")
    reporter = Reporter(root)
    content = load_content(root, root / "content", reporter)
    [quote] = [r for r in content.records if isinstance(r, Quote)]
    assert (quote.text, quote.translation) == ("we are ready", {"es": "estamos listos"})
    assert [e.id for e in missing_translations(content, reporter)["es"]] == []


def test_sibling_names_and_language_tags():
    assert sibling_name("marco-rubio.es") == ("marco-rubio", "es")
    assert sibling_name("marco-rubio.pt-BR") == ("marco-rubio", "pt-BR")
    assert sibling_name("marco-rubio") is None
    assert language_problem("es") is None and language_problem("xx") is not None
    assert (language_name("es"), language_name("en", "es")) == ("Español", "inglés")


def test_a_one_language_site_with_a_translation_file_is_an_error(site_root):
    root = site_root("""
-- content/site.yaml --
title: T
-- content/people/ana.yaml --
name: Ana
-- content/people/ana.es.yaml --
name: Ana
""")
    run = build(root, "--no-search")
    assert run.code == 1
    assert run.lines[0] == (
        "content/people/ana.es.yaml:1: error: translation into 'es', which is not one of the site's "
        "languages (en): add it to 'languages' in site.yaml"
    )


def test_the_translation_report_names_each_missing_record(site_root):
    from explainer.authoring.translation_report import translation_report
    from explainer.core.options import BuildOptions

    root = site_root(SITE + """
-- content/places/port.yaml --
name: Port
""")
    report = translation_report(BuildOptions(root / "content", root / "site"))
    assert report.missing.keys() == {"es"}
    assert [line.split(": ", 1)[1] for line in report.missing["es"]] == ["place 'port'"]


def test_alternates_are_the_same_path_in_every_edition_that_has_it():
    from dataclasses import replace as with_settings

    from explainer.content.model import Content
    from explainer.content.settings import SiteConfig
    from explainer.site.index import SiteIndex
    from explainer.views.languages import alternates, has_page

    config = SiteConfig("T", language="es", languages=("en", "es"), base_url="https://example.org/x/")
    index = SiteIndex(Content(Path("."), Path("content"), config, [], []), {})
    pages = {"en": frozenset({"people/a/index.html", "people/b/index.html"}), "es": frozenset({"people/a/index.html"})}
    assert [(a.language, a.href, a.link, a.current) for a in alternates(index, "people/a/index.html", pages)] == [
        ("en", "https://example.org/x/people/a/", "/x/people/a/", False),
        ("es", "https://example.org/x/es/people/a/", "/x/es/people/a/", True),
    ]
    assert not has_page(pages, "es", "people/b/index.html")
    assert has_page(pages, "es", "graph/index.html")  # a page no edition lists: every edition has it
    one = SiteIndex(Content(Path("."), Path("content"), with_settings(config, languages=()), [], []), {})
    assert alternates(one, "people/a/index.html", pages) == []


def test_check_content_only_reads_each_editions_markdown(site_root):
    import contextlib

    root = site_root(SITE + """
-- content/places/port.yaml --
name: Port
summary: Where [[ana]] works.
-- content/places/port.es.yaml --
summary: Donde trabaja [[anna]].
""")
    with contextlib.chdir(root):
        run = run_build("check", "--content-only", "--content", "content")
    assert run.code == 1
    assert run.lines == [
        "content/places/port.es.yaml:1: error: unknown id 'anna' in [[...]] link (did you mean 'ana'?)",
        "content check failed: 1 error",
    ]


# A site whose home page has two key facts, both from the note.
KEY_FACTS = """
-- content/site.yaml --
title: T
languages: [en, es]
key_facts:
  - label: Who
    value: Ana
    source: note
    passage: Ana said
  - label: When
    value: Monday
    source: note
-- content/people/ana.yaml --
name: Ana
summary: Ana is ready.
-- content/people/ana.es.yaml --
summary: Ana está lista.
-- content/sources/note.es.yaml --
title: Nota
""" + NOTE


def test_the_site_key_facts_translate_their_labels_and_values(site_root):
    root = site_root(KEY_FACTS + """
-- content/site.es.yaml --
title: T es
key_facts:
  - label: Quién
    value: Ana
  - label: Cuándo
    value: El lunes
""")
    run = build(root, "--no-search")
    assert run.code == 0, run.err
    facts = soup(root / "site/es/index.html").select(".key-fact")
    assert [(f.dt.get_text(), f.dd.contents[0].strip()) for f in facts] == [("Quién", "Ana"), ("Cuándo", "El lunes")]
    english = soup(root / "site/index.html").select(".key-fact")
    assert [f.dt.get_text() for f in english] == ["Who", "When"]
    # the source and its passage are the original's, shared
    links = [f.select_one("a.key-fact-source") for f in (*facts, *english)]
    assert [a["href"].removeprefix("/es") for a in links[:2]] == [a["href"] for a in links[2:]]
    assert links[0]["title"] == links[2]["title"] == "“Ana said”"
    assert links[0].get_text() == "Fuente" and links[2].get_text() == "Source"


def test_site_key_facts_of_another_length_or_with_a_source_are_errors_at_their_lines(site_root):
    first = """
-- content/site.es.yaml --
title: T es
key_facts:
  - label: Quién
    value: Ana
"""
    assert errors_of(site_root, first, KEY_FACTS) == [
        "content/site.es.yaml:2: error: 'key_facts' has 1 item here but 2 in "
        "content/site.yaml: a translation gives every item, in the same order"
    ]
    assert errors_of(site_root, first + """    source: note
  - label: Cuándo
    value: El lunes
    passage: on Monday
""", KEY_FACTS) == [
        "content/site.es.yaml:5: error: 'source' is shared by every language; set it in site.yaml",
        "content/site.es.yaml:8: error: 'passage' is shared by every language; set it in site.yaml",
    ]
