"""Mention linking (explainer.markup.mentions, explainer.markup.names, explainer.markup.trie): each
matching rule, on small sites built end to end or converted (explainer.markup.convert, through
`load_site`); the trie on its own, and read back from a pickle; the extension in plain
Python-Markdown."""

from __future__ import annotations

import pickle
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, soup

from explainer.build.pipeline import BuildOptions, load_site
from explainer.core.errors import Reporter
from explainer.markup.trie import NameTrie, Target, trie_keys

PEOPLE = """\
-- content/people/donald-trump.yaml --
name: Donald Trump
aliases: [Trump, President Donald Trump]
-- content/people/tammy-bruce.yaml --
name: Tammy Bruce
aliases: [Bruce, State Department spokeswoman Tammy Bruce]
-- content/people/nayib-bukele.yaml --
name: Nayib Bukele
aliases: [Bukele]
-- content/institutions/trump-administration.yaml --
name: Trump administration
-- content/institutions/state-department.yaml --
name: U.S. State Department
short_name: State Department
-- content/places/united-states.yaml --
name: United States
aliases: [U.S., the United States]
"""


def make_site(site_root, body: str, records: str = PEOPLE, policy: str = "first-per-page", extra: str = ""):
    spec = (
        f"-- content/site.yaml --\ntitle: Test\nlink_mentions: {policy}\n"
        f"{records}{extra}"
        f"-- content/articles/story.md --\n---\ntitle: Story\n---\n{body}"
    )
    root = site_root(spec)
    result = build(root)
    assert result.code == 0, result.err
    return root


def article(site_root, body: str, records: str = PEOPLE, policy: str = "first-per-page"):
    """The converted body of an article (loaded and converted, not rendered: faster)."""
    root = site_root(
        f"-- content/site.yaml --\ntitle: Test\nlink_mentions: {policy}\n{records}"
        f"-- content/articles/story.md --\n---\ntitle: Story\n---\n{body}"
    )
    options = BuildOptions(root / "content", root / "site", workers=1)
    model = load_site(options, Reporter(options.root))
    return BeautifulSoup(model.converted.get("story", "body"), "html.parser")


def mentions(prose) -> list[tuple[str, str]]:
    return [(a.get_text(), a["data-ref"]) for a in prose.select("a.mention")]


# Matching ------------------------------------------------------------------------------------


def test_longest_match_wins(site_root):
    prose = article(site_root, (
        "The Trump administration said so. State Department spokeswoman Tammy Bruce agreed.\n\n"
        "Later Trump and the State Department spoke.\n"
    ))
    assert mentions(prose) == [
        ("Trump administration", "trump-administration"),
        ("State Department spokeswoman Tammy Bruce", "tammy-bruce"),
        ("Trump", "donald-trump"),
        ("State Department", "state-department"),
    ]


def test_a_name_is_found_across_a_line_break(site_root):
    prose = article(site_root, "Then President Donald\nTrump spoke.\n")
    assert mentions(prose) == [("President Donald\nTrump", "donald-trump")]


def test_matching_is_case_sensitive(site_root):
    prose = article(site_root, "A bruce and a BUKELE are not names here.\n")
    assert mentions(prose) == []


def test_a_lowercase_name_also_matches_at_the_start_of_a_sentence(site_root):
    records = PEOPLE + "-- content/agreements/offer.yaml --\ntitle: The offer\naliases: [migratory agreement]\n"
    prose = article(site_root, "Migratory agreement talks began.\n", records=records)
    assert mentions(prose) == [("Migratory agreement", "offer")]


@pytest.mark.parametrize(("name", "text", "linked"), [
    ("Peña Nieto", "Enrique Peña Nieto spoke.", "Peña Nieto"),
    ("Peña", "The Peñas are a family.", None),
    ("Ana", "Anaïs spoke.", None),
    ("Øresund", "The Øresund bridge.", "Øresund"),
    ("Ñuñoa", "In Ñuñoa, votes.", "Ñuñoa"),
    ("Zoë", "Zoëlla is someone else.", None),
    ("नरेंद्र मोदी", "प्रधानमंत्री नरेंद्र मोदी ने कहा", "नरेंद्र मोदी"),
    ("नरे", "नरेंद्र मोदी ने कहा", None),  # a prefix of a word that goes on with vowel signs
    ("Αθήνα", "Η Αθήνα είπε", "Αθήνα"),
    ("Москва", "Москвы нет", None),
])
def test_word_boundaries_in_any_script(site_root, name, text, linked):
    records = f"-- content/places/somewhere.yaml --\nname: {name}\n"
    prose = article(site_root, text + "\n", records=records)
    assert mentions(prose) == ([(linked, "somewhere")] if linked else [])


def test_names_are_compared_in_nfc(site_root):
    decomposed = unicodedata.normalize("NFD", "José Peña")
    assert decomposed != "José Peña"
    records = "-- content/people/jose-pena.yaml --\nname: José Peña\n"
    prose = article(site_root, f"Then {decomposed} spoke.\n", records=records)
    assert mentions(prose) == [("José Peña", "jose-pena")]


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_possessives_link_the_name_and_leave_the_s_outside(site_root, apostrophe):
    prose = article(site_root, f"Bukele{apostrophe}s offer stood.\n")
    link = prose.select_one("a.mention")
    assert (link.get_text(), link["data-ref"]) == ("Bukele", "nayib-bukele")
    assert link.next_sibling == f"{apostrophe}s offer stood."


def test_an_alias_with_an_apostrophe_matches_either_apostrophe(site_root):
    records = "-- content/people/conor-obrien.yaml --\nname: Conor O’Brien\n"
    prose = article(site_root, "Conor O'Brien spoke.\n", records=records)
    assert mentions(prose) == [("Conor O'Brien", "conor-obrien")]


def test_abbreviations_with_full_stops_match_whole(site_root):
    prose = article(site_root, "Citizens of the U.S. were named.\n")
    assert mentions(prose) == [("U.S.", "united-states")]


# Where links never go --------------------------------------------------------------------------


def test_never_inside_links_headings_or_code(site_root):
    prose = article(site_root, (
        "## Bukele in a heading\n\n"
        "[Bukele in a link](https://example.org/) and `Bukele in code` and\n\n"
        "    Bukele in a code block\n\n"
        "Then Bukele in prose.\n"
    ))
    assert mentions(prose) == [("Bukele", "nayib-bukele")]
    assert prose.select_one("a.mention").parent.name == "p"
    for element in prose.select("h1, h2, h3, h4, h5, h6, a, code, pre"):
        assert not element.select("a"), element
    assert prose.find("h2").get_text() == "Bukele in a heading"


def test_no_link_from_a_record_to_itself(site_root):
    records = PEOPLE.replace("aliases: [Bukele]\n", "aliases: [Bukele]\nsummary: Bukele said Trump agreed.\n")
    root = make_site(site_root, "Nothing.\n", records=records)
    summary = soup(root / "site/people/nayib-bukele/index.html").select_one(".summary")
    assert mentions(summary) == [("Trump", "donald-trump")]


def test_a_quote_context_does_not_link_the_records_beside_its_card(site_root):
    extra = (
        "-- content/sources/report.yaml --\ntitle: The report\n"
        "-- content/quotes/fee.yaml --\ntext: A fee.\nspeaker: nayib-bukele\nsource: report\n"
        "related: [united-states]\ncontext: Bukele, on the fee the United States would pay Trump.\n"
    )
    root = make_site(site_root, "Nothing.\n", extra=extra)
    context = soup(root / "site/quotes/index.html").select_one(".quote-context")
    assert mentions(context) == [("Trump", "donald-trump")]


# Explicit links --------------------------------------------------------------------------------


def test_an_explicit_link_wins_before_and_after_it(site_root):
    prose = article(site_root, "Bukele spoke. Then [[nayib-bukele|the president]] left. Bukele returned.\n")
    assert mentions(prose) == []
    assert [a.get_text() for a in prose.select("a[data-ref]")] == ["the president"]


def test_a_markdown_link_to_a_record_counts_as_explicit_and_as_a_backlink(site_root):
    root = make_site(site_root, "See [the president](/people/nayib-bukele/). Bukele spoke.\n")
    prose = soup(root / "site/articles/story/index.html").select_one(".prose")
    assert mentions(prose) == []
    assert prose.select_one("a")["data-ref"] == "nayib-bukele"
    backlinks = soup(root / "site/people/nayib-bukele/index.html").select(".in-story li")
    assert [" ".join(li.get_text(" ").split()) for li in backlinks] == ["Story See the president."]


# Policies --------------------------------------------------------------------------------------

POLICY_BODY = (
    "Bukele spoke. Bukele again.\n\n"
    "## Later\n\n"
    "Bukele once more. Trump too.\n\n"
    "### Even later\n\n"
    "Bukele and Trump.\n"
)


@pytest.mark.parametrize(("policy", "expected"), [
    ("first-per-page", [("Bukele", "nayib-bukele"), ("Trump", "donald-trump")]),
    ("first-per-section", [
        ("Bukele", "nayib-bukele"),
        ("Bukele", "nayib-bukele"), ("Trump", "donald-trump"),
        ("Bukele", "nayib-bukele"), ("Trump", "donald-trump"),
    ]),
    ("all", [
        ("Bukele", "nayib-bukele"), ("Bukele", "nayib-bukele"),
        ("Bukele", "nayib-bukele"), ("Trump", "donald-trump"),
        ("Bukele", "nayib-bukele"), ("Trump", "donald-trump"),
    ]),
    ("none", []),
])
def test_link_mentions_policy(site_root, policy, expected):
    prose = article(site_root, POLICY_BODY, policy=policy)
    assert mentions(prose) == expected


def test_first_per_page_spans_every_markdown_field_of_a_record(site_root):
    records = PEOPLE + (
        "-- content/agreements/offer.yaml --\ntitle: The offer\n"
        "summary: Bukele made it.\nterms:\n  - Bukele would take prisoners.\n  - Trump would pay.\n"
    )
    root = make_site(site_root, "Nothing.\n", records=records)
    page = soup(root / "site/agreements/offer/index.html")
    assert mentions(page.select_one(".summary")) == [("Bukele", "nayib-bukele")]
    assert [mentions(li) for li in page.select(".terms li")] == [[], [("Trump", "donald-trump")]]


def test_first_per_section_treats_each_field_as_a_section(site_root):
    records = PEOPLE + (
        "-- content/agreements/offer.yaml --\ntitle: The offer\n"
        "summary: Bukele made it.\nterms:\n  - Bukele would take prisoners.\n"
    )
    root = make_site(site_root, "Nothing.\n", records=records, policy="first-per-section")
    page = soup(root / "site/agreements/offer/index.html")
    assert mentions(page.select_one(".summary")) == [("Bukele", "nayib-bukele")]
    assert mentions(page.select_one(".terms li")) == [("Bukele", "nayib-bukele")]


# Clashes ---------------------------------------------------------------------------------------

CLASH = """\
-- content/site.yaml --
title: Test
-- content/people/ana-lopez.yaml --
name: Ana López
aliases:
  - López
-- content/people/luis-lopez.yaml --
name: Luis López
aliases:
  - Lopez
  - López
"""


def test_an_alias_of_two_records_is_an_error_naming_both(site_root):
    root = site_root(CLASH)
    result = build(root)
    assert result.code == 1
    assert result.lines[0] == (
        "content/people/luis-lopez.yaml:4: error: alias 'López' belongs to both "
        "'ana-lopez' (content/people/ana-lopez.yaml:3) and 'luis-lopez'"
    )


def test_a_name_counts_as_an_alias_in_a_clash(site_root):
    root = site_root(
        "-- content/site.yaml --\ntitle: Test\n"
        "-- content/places/georgia.yaml --\nname: Georgia\n"
        "-- content/places/georgia-us.yaml --\nname: Georgia (U.S. state)\naliases: [Georgia]\n"
    )
    result = build(root)
    # The record read first (georgia-us.yaml sorts before georgia.yaml) is named first.
    assert result.lines[0] == (
        "content/places/georgia.yaml:1: error: alias 'Georgia' belongs to both "
        "'georgia-us' (content/places/georgia-us.yaml:2) and 'georgia'"
    )


def test_a_higher_priority_resolves_a_clash(site_root):
    records = CLASH.replace("-- content/site.yaml --\ntitle: Test\n", "").replace(
        "  - López\n-- content/people/luis", "  - {text: López, priority: 1}\n-- content/people/luis"
    )
    prose = article(site_root, "López spoke.\n", records=records)
    assert mentions(prose) == [("López", "ana-lopez")]


# The trie on its own ---------------------------------------------------------------------------


def test_trie_scan_offsets_survive_collapsed_white_space():
    trie = NameTrie()
    for name in ("Marco Rubio", "Rubio", "El Salvador", "El Salvador’s president"):
        trie.add(trie_keys(name), Target(name))
    text = "Secretary Marco \n   Rubio said El Salvador's  president and El Salvador’s capital."
    found = [(text[m.start:m.end], m.target.id) for m in trie.scan(text)]
    assert found == [
        ("Marco \n   Rubio", "Marco Rubio"),
        ("El Salvador's  president", "El Salvador’s president"),
        ("El Salvador", "El Salvador"),
    ]


def test_the_leaves_of_a_complete_trie_are_one_node_per_target_and_find_the_same_names():
    trie = NameTrie()
    rubio, salvador = Target("rubio"), Target("el-salvador")
    for name, target in (("Marco Rubio", rubio), ("Rubio", rubio), ("Secretary Rubio", rubio),
                         ("El Salvador", salvador), ("Salvador", salvador), ("El Salvador’s president", rubio)):
        trie.add(trie_keys(name), target)
    text = "Secretary Rubio met Marco Rubio in El Salvador; El Salvador's president and Rubio spoke in Salvador."
    before = [(m.start, m.end, m.target) for m in trie.scan(text)]

    def leaves(node: dict) -> list[dict]:
        found = []
        for key, child in node.items():
            if key is not None:
                found += [child] if list(child) == [None] else leaves(child)
        return found

    assert len({id(leaf) for leaf in leaves(trie.root)}) == 5  # (the other ends go on: "El Salvador")
    trie.share_leaves()
    shared = {id(leaf): leaf for leaf in leaves(trie.root)}
    assert sorted(leaf[None].id for leaf in shared.values()) == ["el-salvador", "rubio"]
    assert [(m.start, m.end, m.target) for m in trie.scan(text)] == before


def test_a_trie_read_back_unpickles_only_the_subtrees_a_scan_looks_up_and_finds_the_same_names():
    trie = NameTrie()
    names = {"Marco Rubio": "rubio", "Rubio": "rubio", "El Salvador": "el-salvador", "El Salvador’s president": "bukele",
             "Nayib Bukele": "bukele", "CECOT": "cecot", "Terrorism Confinement Center": "cecot"}
    for name, target in names.items():
        trie.add(trie_keys(name), Target(target))
    trie.share_leaves()
    text = "Marco Rubio met Nayib Bukele. El Salvador's president showed him CECOT, and El Salvador agreed."
    expected = [(m.start, m.end, m.target) for m in trie.scan(text)]
    read = pickle.loads(pickle.dumps(trie))
    packed = {key: node for key, node in read.root.items()}
    assert {key: type(node).__name__ for key, node in packed.items()} == dict.fromkeys(trie.root, "_Packed")
    # a name's first token after a space and after punctuation share one pickled subtree
    assert packed["El"] is packed[" El"] and packed["El"] is not packed["Marco"]
    assert [(m.start, m.end, m.target) for m in read.scan("Rubio spoke.")] == [(0, 5, Target("rubio"))]
    assert [key for key, node in packed.items() if node.subtrees is not None] == ["Rubio", " Rubio"]  # only those
    assert [(m.start, m.end, m.target) for m in read.scan(text)] == expected
    assert {key for key, node in packed.items() if node.subtrees is None} == {"Terrorism", " Terrorism"}
    # saved again, the subtrees are the bytes they were read from; a name added later is found
    assert pickle.dumps(read) == pickle.dumps(trie)
    read.add(trie_keys("Terrorism Confinement"), Target("prison"))
    assert [m.target.id for m in read.scan("the Terrorism Confinement Center and the Terrorism Confinement")] == [
        "cecot", "prison"]


def test_a_large_trie_is_saved_in_a_few_hundred_pickles_and_a_scan_opens_those_it_looks_up():
    trie = NameTrie()
    for number in range(3000):
        trie.add(trie_keys(f"Person{number} Surname"), Target(f"p{number}"))
        trie.add(trie_keys(f"Person{number}"), Target(f"p{number}"))
    trie.share_leaves()
    text = "Person7 Surname met Person2999, and Person7 left; Person3000 did not."
    read = pickle.loads(pickle.dumps(trie))
    buckets = {id(node): node for node in read.root.values()}
    assert len(buckets) == 256  # a name's spellings (after a space or not) in the same one
    assert read.root["Person7"] is read.root[" Person7"]
    assert read.scan(text) == trie.scan(text) and [m.target.id for m in read.scan(text)] == ["p7", "p2999", "p7"]
    assert sum(node.subtrees is not None for node in buckets.values()) == 2


# Glossary terms --------------------------------------------------------------------------------

GLOSSARY = """\
-- content/glossary/waiver.yaml --
term: waiver
definition: An official decision to set aside a rule. It is rarely given.
-- content/glossary/mou.yaml --
term: memorandum of understanding
abbreviation: MOU
definition: A document that records an understanding.
"""


def test_a_glossary_term_links_to_its_entry_with_an_accessible_tooltip(site_root):
    prose = article(site_root, "Rubio promised a waiver. Another waiver followed.\n", records=GLOSSARY)
    (gloss,) = prose.select(".gloss")
    link = gloss.select_one("a")
    assert (link["href"], link["data-ref"], link["class"]) == (
        "/glossary/#waiver", "waiver", ["mention", "mention-glossary"],
    )
    tip = gloss.select_one("[role=tooltip]")
    assert link["aria-describedby"] == tip["id"] == "tip-story-1"
    assert tip.get_text() == "An official decision to set aside a rule."
    assert tip["class"] == ["gloss-tip"]
    assert link.get_text() == "waiver"


def test_an_abbreviation_is_marked_up_with_its_term(site_root):
    prose = article(site_root, "The MOU was signed.\n", records=GLOSSARY)
    abbr = prose.select_one(".gloss a abbr")
    assert (abbr.get_text(), abbr["title"]) == ("MOU", "memorandum of understanding")
    assert prose.select_one(".gloss [role=tooltip]").get_text() == "A document that records an understanding."


def test_glossary_tooltips_show_on_hover_and_focus_in_css():
    css = (Path(__file__).resolve().parents[2] / "static/style.css").read_text()
    assert ".gloss:hover .gloss-tip, .gloss:focus-within .gloss-tip { display: block; }" in css


def test_a_tooltip_is_not_part_of_summaries_or_backlink_contexts(site_root):
    records = PEOPLE + GLOSSARY.replace(
        "term: waiver\n", "term: waiver\nsummary: Bukele asked for a waiver. Then more.\n"
    ) + "-- content/places/el-salvador.yaml --\nname: El Salvador\nsummary: A waiver for Bukele.\n"
    root = make_site(site_root, "Bukele wanted a waiver, said Trump.\n", records=records)
    page = soup(root / "site/people/nayib-bukele/index.html")
    contexts = [" ".join(li.get_text(" ").split()) for li in page.select(".in-story li")]
    assert contexts == ["Story Bukele wanted a waiver, said Trump."]
    # the records whose summaries mention him are under "Connected to", without the sentence
    assert [li.get_text() for li in page.select(".connections li")] == ["El Salvador", "waiver"]
    place = soup(root / "site/places/el-salvador/index.html")
    assert place.find("meta", attrs={"name": "description"})["content"] == "A waiver for Bukele."


# Backlinks -------------------------------------------------------------------------------------


def test_automatic_mentions_are_backlinks_the_story_with_its_sentence_records_grouped_by_kind(site_root):
    records = PEOPLE + (
        "-- content/agreements/offer.yaml --\ntitle: The offer\n"
        "summary: First sentence. The U.S. offer came from Bukele, it said.\n"
        "-- content/pages/about.md --\n---\ntitle: About\n---\nWe follow Bukele.\n"
    )
    body = "It began. Then Trump and the U.S. heard Bukele speak. It ended.\n"
    root = make_site(site_root, body, records=records)
    page = soup(root / "site/people/nayib-bukele/index.html")
    story = [" ".join(li.get_text(" ").split()) for li in page.select(".in-story li")]
    assert story == ["Story Then Trump and the U.S. heard Bukele speak.", "About We follow Bukele."]
    groups = [(dt.get_text(), dt.find_next("dd").get_text(" ", strip=True)) for dt in page.select(".connections dt")]
    assert groups == [("Agreements", "The offer")]
    story_link = page.select_one(".in-story a")
    assert (story_link["href"], story_link.get_text()) == ("/articles/story/", "Story")


# The extension in plain Python-Markdown ----------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
# The example in docs/architecture.md ("Using the mention linker in your own Markdown") and in the
# docstring of explainer/markup/mentions.py, line for line.
EXAMPLE = """\
import markdown
from explainer.markup.mentions import MentionExtension
html = markdown.markdown("Bukele met Rubio. Bukele spoke.", extensions=[MentionExtension.from_names({"Bukele": "/bukele/", "Rubio": "/rubio/"})])
"""


def test_the_documented_example_links_the_first_mention_of_each_name():
    namespace: dict = {}
    exec(EXAMPLE, namespace)
    assert namespace["html"] == (
        '<p><a class="mention" href="/bukele/">Bukele</a> met <a class="mention" href="/rubio/">Rubio</a>.'
        " Bukele spoke.</p>"
    )


def test_the_example_is_the_one_the_docs_show():
    docs = (REPO / "docs/architecture.md").read_text(encoding="utf-8")
    assert "```python\n" + EXAMPLE + "```\n" in docs
    docstring = (REPO / "explainer/markup/mentions.py").read_text(encoding="utf-8")
    assert "".join("    " + line + "\n" for line in EXAMPLE.splitlines()) in docstring


def test_the_extension_follows_python_markdown_conventions():
    import markdown

    from explainer.markup.mentions import MentionExtension

    extension = MentionExtension.from_names({"Nayib Bukele": "/bukele/", "Bukele": "/bukele/",
                                             "migratory agreement": "/offer/"})
    md = markdown.Markdown(extensions=[extension])
    assert "explainer-mentions" in md.treeprocessors
    assert extension in md.registeredExtensions  # so that `Markdown.reset` resets it
    # One page: an explicit link to an address wins over its names; a lowercase name also matches
    # capitalized; code and headings are left alone.
    assert md.convert("## Bukele\n\nNayib Bukele [spoke](/bukele/). Migratory agreement, `Bukele`.") == (
        "<h2>Bukele</h2>\n"
        '<p>Nayib Bukele <a href="/bukele/">spoke</a>. <a class="mention" href="/offer/">Migratory agreement</a>,'
        " <code>Bukele</code>.</p>"
    )
    md.reset()  # a new document: a new page
    assert md.convert("Bukele spoke.") == '<p><a class="mention" href="/bukele/">Bukele</a> spoke.</p>'


def test_a_records_names_share_one_target_in_the_trie(site_root):
    """Each record's names end on one `Target` object (one per record, and one for its
    abbreviation): the trie is saved with the build cache, and 70,000 names at 10,000 records
    were as many objects to pickle."""
    root = make_site(site_root, "Trump spoke.")
    model = load_site(BuildOptions(root / "content", root / "site", workers=1), Reporter(root))
    trie = model.views.names
    ends = [trie.root[key] for key in ("Trump", "Donald")]
    assert ends[0][None] is ends[1][" Trump"][None] == Target("donald-trump")
