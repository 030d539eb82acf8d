"""The entity graph (`explainer.site.index`): URLs per kind, references checked by kind, backlinks,
sort keys, on records built directly (no files are read)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from explainer.content.model import (
    Agreement,
    Content,
    Document,
    Event,
    GlossaryTerm,
    Institution,
    Person,
    Place,
    Quote,
    Role,
    Source,
)
from explainer.content.parts import Markdown, Ref
from explainer.content.settings import SiteConfig
from explainer.core.dates import PartialDate
from explainer.core.errors import Reporter
from explainer.site.index import Edge, SiteIndex, build_index, fold, iter_refs

ROOT = Path("/news/site")


def at(collection: str, name: str) -> Path:
    return ROOT / "content" / collection / f"{name}.yaml"


def person(id: str, name: str, **fields) -> Person:
    return Person(collection="people", id=id, path=at("people", id), line=1, name=name, **fields)


def place(id: str, name: str, **fields) -> Place:
    return Place(collection="places", id=id, path=at("places", id), line=1, name=name, **fields)


def institution(id: str, name: str, **fields) -> Institution:
    return Institution(collection="institutions", id=id, path=at("institutions", id), line=1, name=name, **fields)


def make_content(entities, base_url: str = "/") -> Content:
    records = [e for e in entities if not isinstance(e, Document)]
    documents = [e for e in entities if isinstance(e, Document)]
    return Content(ROOT, ROOT / "content", SiteConfig("Harbour", base_url=base_url), records, documents)


def story(base_url: str = "/") -> list:
    return [
        person(
            "ana-lopez", "Ana López", country=Ref("ruritania", 2),
            roles=(Role("Minister", 3, organization=Ref("ministry", 4)),), sources=(Ref("report", 6),),
        ),
        person("bo-ek", "Bo Ek"),
        institution("ministry", "Ministry of Justice", country=Ref("ruritania", 2)),
        place("ruritania", "Ruritania"),
        Agreement(collection="agreements", id="accord", path=at("agreements", "accord"), line=1,
                  title="The accord", parties=(Ref("ruritania", 2),), signatories=(Ref("ana-lopez", 3), Ref("bo-ek", 3))),
        Event(collection="events", id="talks", path=at("events", "talks"), line=1,
              date=PartialDate(2024, 2), title="Talks", participants=(Ref("ana-lopez", 3),), place=Ref("ruritania", 4)),
        GlossaryTerm(collection="glossary", id="cecot", path=at("glossary", "cecot"), line=1,
                     term="CECOT", definition=Markdown("A prison.", 2)),
        Quote(collection="quotes", id="thanks", path=at("quotes", "thanks"), line=1,
              text="Thank you", speaker=Ref("ana-lopez", 2), source=Ref("report", 3)),
        Source(collection="sources", id="report", path=at("sources", "report"), line=1, title="The report"),
        Document(collection="articles", id="story", path=ROOT / "content/articles/story.md", line=1,
                 title="The story", body=Markdown("", 4)),
        Document(collection="pages", id="about", path=ROOT / "content/pages/about.md", line=1,
                 title="About", body=Markdown("", 4)),
    ]


@pytest.fixture
def index() -> SiteIndex:
    reporter = Reporter(ROOT)
    built = build_index(make_content(story()), reporter)
    assert reporter.diagnostics == []
    return built


def test_each_kind_has_its_page_or_anchor(index):
    links = {entity_id: index.link_path(entity_id) for entity_id in index.entities}
    assert links == {
        "ana-lopez": "people/ana-lopez/", "bo-ek": "people/bo-ek/", "ministry": "institutions/ministry/",
        "ruritania": "places/ruritania/", "accord": "agreements/accord/", "talks": "timeline/#talks",
        "cecot": "glossary/#cecot", "thanks": "quotes/#thanks", "report": "sources/report/",
        "story": "articles/story/", "about": "pages/about/",
    }
    pages = {entity_id: index.page_path(entity_id) for entity_id in index.entities}
    assert pages["cecot"] == "glossary/cecot/"
    assert pages["talks"] is None and pages["thanks"] is None
    assert pages["story"] == "articles/story/"


def test_urls_follow_the_base_url():
    plain = SiteIndex(make_content(story()), {})
    assert plain.url("timeline/") == "/timeline/"
    assert plain.absolute_url("feed.xml") == "/feed.xml"

    entities = story()
    under = SiteIndex(make_content(entities, "/explainers/cecot"), {e.id: e for e in entities})
    assert under.url_for("talks") == "/explainers/cecot/timeline/#talks"
    assert under.absolute_url("feed.xml") == "/explainers/cecot/feed.xml"

    hosted = SiteIndex(make_content(entities, "https://example.org/cecot"), {e.id: e for e in entities})
    assert hosted.url_for("ana-lopez") == "/cecot/people/ana-lopez/"
    assert hosted.absolute_url("people/ana-lopez/") == "https://example.org/cecot/people/ana-lopez/"


def test_references_become_edges_in_field_order(index):
    assert index.edges_from("ana-lopez") == [
        Edge("ana-lopez", "ruritania", "country"),
        Edge("ana-lopez", "ministry", "organization"),
        Edge("ana-lopez", "report", "sources"),
    ]
    assert [(field, ref.id) for field, ref in iter_refs(index.entities["accord"])] == [
        ("parties", "ruritania"), ("signatories", "ana-lopez"), ("signatories", "bo-ek"),
    ]


def test_known_links_are_taken_as_they_were_found_and_the_others_found_again(index):
    # A cached build hands over the links the unchanged entities made last time (mentions among
    # them, which conversion adds): they are not looked for again, the others' are.
    known = {
        "ana-lopez": (("ruritania", "country", ""), ("bo-ek", "mention", "She met Bo Ek.")),
        "accord": (("ruritania", "parties", ""),),
    }
    reporter = Reporter(ROOT)
    cached = build_index(make_content(story()), reporter, known)
    assert reporter.diagnostics == []
    assert cached.edges_from("ana-lopez") == [Edge("ana-lopez", "ruritania", "country")]
    assert cached.edges_from("accord") == [Edge("accord", "ruritania", "parties")]
    assert cached.edges_from("ministry") == index.edges_from("ministry") == [Edge("ministry", "ruritania", "country")]
    assert cached.edges_to("ruritania") == [
        Edge("ana-lopez", "ruritania", "country"), Edge("ministry", "ruritania", "country"),
        Edge("accord", "ruritania", "parties"), Edge("talks", "ruritania", "place"),
    ]


def test_backlinks_list_every_record_that_refers_to_one(index):
    assert [(e.source, e.field) for e in index.edges_to("ruritania")] == [
        ("ana-lopez", "country"), ("ministry", "country"), ("accord", "parties"), ("talks", "place"),
    ]
    assert [(e.source, e.field) for e in index.edges_to("ana-lopez")] == [
        ("accord", "signatories"), ("talks", "participants"), ("thanks", "speaker"),
    ]
    assert index.edges_to("about") == []
    index.add_edges([Edge("story", "ana-lopez", "mention", "Ana López signed.")])
    assert index.edges_to("ana-lopez")[-1].context == "Ana López signed."
    assert index.edges_from("story") == [Edge("story", "ana-lopez", "mention", "Ana López signed.")]


def test_replace_edges_puts_references_before_mentions_in_entity_order(index):
    index.add_edges([Edge("story", "ruritania", "mention")])
    positions = {entity_id: n for n, entity_id in enumerate(index.entities)}
    patched = SiteIndex(index.content, index.entities)
    # ana-lopez now names ruritania only in her Markdown, and no longer refers to the ministry
    patched.replace_edges(index, {"ana-lopez"}, [Edge("ana-lopez", "ruritania", "mention")], positions)
    assert [(e.source, e.field) for e in patched.edges_to("ruritania")] == [
        ("ministry", "country"), ("accord", "parties"), ("talks", "place"),
        ("ana-lopez", "mention"), ("story", "mention"),
    ]
    assert patched.edges_to("ministry") == []
    assert len(index.edges_to("ministry")) == 1  # the base is left as it was


def test_a_reference_to_the_wrong_kind_or_nowhere_is_an_error():
    entities = [
        person("ana-lopez", "Ana López", country=Ref("ministry", 2), sources=(Ref("reprot", 5),)),
        institution("ministry", "Ministry", parent=Ref("ministry", 3)),
        Source(collection="sources", id="report", path=at("sources", "report"), line=1, title="The report"),
        Person(collection="people", id="ana-lopez", path=ROOT / "content/people.yaml", line=7, name="Ana Lopez"),
    ]
    reporter = Reporter(ROOT)
    index = build_index(make_content(entities), reporter)
    assert [str(d) for d in reporter.diagnostics] == [
        f"{ROOT}/content/institutions/ministry.yaml:3: error: 'ministry' refers to itself in 'parent'",
        f"{ROOT}/content/people.yaml:7: error: duplicate id 'ana-lopez' (also defined at {ROOT}/content/people/ana-lopez.yaml:1)",
        f"{ROOT}/content/people/ana-lopez.yaml:1: error: duplicate id 'ana-lopez' (also defined at {ROOT}/content/people.yaml:7)",
        f"{ROOT}/content/people/ana-lopez.yaml:2: error: 'ministry' is an institution, but 'country' must refer to a place",
        f"{ROOT}/content/people/ana-lopez.yaml:5: error: unknown id 'reprot' in 'sources' (did you mean 'report'?)",
    ]
    assert index.entities["ana-lopez"].display_name == "Ana López"  # the first one is kept
    assert index.edges_from("ana-lopez") == []


def test_fold_sorts_accented_letters_with_their_base_letter():
    assert fold("Ángel Núñez") == "angel nunez"
    assert fold("ÉCOLE") == "ecole"
    assert sorted(["Zoe", "Ángel", "Bo"], key=fold) == ["Ángel", "Bo", "Zoe"]


def test_sort_key_orders_by_collection_then_folded_name(index):
    ordered = sorted(index.entities, key=index.sort_key)
    assert ordered == [
        "story", "about", "ana-lopez", "bo-ek", "ministry", "accord", "ruritania", "talks", "cecot",
        "thanks", "report",
    ]


def test_collections_keep_content_order(index):
    assert [e.id for e in index.by_collection("people")] == ["ana-lopez", "bo-ek"]
    assert index.by_collection("nothing") == []
    assert list(index.collections()) == [
        "people", "institutions", "places", "agreements", "events", "glossary", "quotes", "sources",
        "articles", "pages",
    ]
    assert [q.id for q in index.records("quotes")] == ["thanks"]


def test_incoming_counts_and_unlinked_entities_follow_the_links(index):
    assert index.incoming_counts("people") == {"ana-lopez": 3, "bo-ek": 1}
    assert index.incoming_counts("places") == {"ruritania": 4}
    assert index.incoming_counts("nothing") == {}
    assert [e.id for e in index.unlinked({"people", "institutions", "glossary", "pages"})] == ["cecot", "about"]
    index.add_edges([Edge("story", "cecot", "mention")])
    assert [e.id for e in index.unlinked({"people", "institutions", "glossary", "pages"})] == ["about"]


def test_fold_drops_every_combining_mark_and_only_those():
    def letter_by_letter(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()

    assert fold("Ángel NÚÑEZ") == "angel nunez"
    assert fold("“Ça ira,” dit-il") == "“ca ira,” dit-il"
    assert fold("Смирнова Ё") == "смирнова е"
    for point in range(0x10000):
        if not 0xD800 <= point <= 0xDFFF:
            letter = chr(point)
            assert fold(f"a{letter}é{letter}") == letter_by_letter(f"a{letter}é{letter}"), hex(point)
