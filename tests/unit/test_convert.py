"""Markdown converted once per build (`explainer.markup.convert`): which fields are Markdown, the
mention edges their links make, and conversions reused while entity and linkset are unchanged."""

from __future__ import annotations

from pathlib import Path

from conftest import write_site

from explainer.content.loader import load_content
from explainer.content.model import Agreement, Document, GlossaryTerm, Place, Quote
from explainer.content.parts import Markdown, Ref
from explainer.core.errors import Reporter
from explainer.markup.convert import (
    ConversionCache,
    ConvertedText,
    convert_all,
    markdown_fields,
    mention_edges,
)
from explainer.markup.renderer import LinkUse, MarkdownRenderer
from explainer.site.index import Edge, build_index

HERE = Path("/news/site/content/x.yaml")


def test_markdown_fields_of_each_kind_in_reading_order():
    body, summary, definition = Markdown("Body", 4), Markdown("Summary", 3), Markdown("A prison.", 2)
    article = Document(collection="articles", id="a", path=HERE, line=1, title="A", body=body)
    assert markdown_fields(article) == [("body", body, False)]
    term = GlossaryTerm(collection="glossary", id="g", path=HERE, line=1, term="G", definition=definition,
                        summary=summary)
    assert markdown_fields(term) == [("definition", definition, False), ("summary", summary, False)]
    assert markdown_fields(Place(collection="places", id="p", path=HERE, line=1, name="P")) == []
    context = Markdown("After the vote.", 5)
    quote = Quote(collection="quotes", id="q", path=HERE, line=1, text="Hi", speaker=Ref("p", 2),
                  source=Ref("s", 3), context=context)
    assert markdown_fields(quote) == [("context", context, True)]  # inline: no <p>
    first, second = Markdown("One.", 6), Markdown("Two.", 7)
    accord = Agreement(collection="agreements", id="ac", path=HERE, line=1, title="Ac", summary=summary,
                       terms=(first, second))
    assert markdown_fields(accord) == [
        ("summary", summary, False), ("terms.0", first, True), ("terms.1", second, True),
    ]


def test_mention_edges_one_per_target_without_self_links():
    links = [
        LinkUse("ana", "Ana spoke.", True),
        LinkUse("story", "This story.", True),  # a link to itself is no edge
        LinkUse("bo", "Bo listened.", False),
        LinkUse("ana", "Ana left.", False),  # the first sentence is kept
    ]
    assert mention_edges("story", links) == (
        Edge("story", "ana", "mention", "Ana spoke."), Edge("story", "bo", "mention", "Bo listened."),
    )


def test_converted_text_is_empty_for_a_field_never_converted():
    converted = ConvertedText({"ana": {"summary": "<p>Ana.</p>"}})
    assert converted.get("ana", "summary") == "<p>Ana.</p>"
    assert converted.get("ana", "body") == converted.get("bo", "summary") == ""


SITE = """\
-- content/site.yaml --
title: Harbour
-- content/people/ana-lopez.yaml --
name: Ana López
summary: She runs the [[ministry]]. She is *busy*.
-- content/institutions/ministry.yaml --
name: Ministry of Justice
-- content/agreements/accord.yaml --
title: The accord
terms:
  - The [[ministry]] pays.
  - Nobody else does.
-- content/articles/story.md --
---
title: The story
---
[[ana-lopez]] met the [[ministry]].
"""


def convert(root: Path, cache: ConversionCache, linkset: str = "names-1"):
    reporter = Reporter(root)
    index = build_index(load_content(root, root / "content", reporter), reporter)
    converted = convert_all(index, reporter, lambda local: MarkdownRenderer(index, local), 1, cache, linkset)
    return index, converted


def test_convert_all_converts_every_field_and_adds_mention_edges(tmp_path):
    root = write_site(tmp_path, SITE)
    index, converted = convert(root, ConversionCache())
    link = '<a class="ref ref-institutions" data-ref="ministry" href="/institutions/ministry/">Ministry of Justice</a>'
    assert converted.html == {
        "ana-lopez": {"summary": f"<p>She runs the {link}. She is <em>busy</em>.</p>"},
        "accord": {"terms.0": f"The {link} pays.", "terms.1": "Nobody else does."},
        "story": {"body": (
            '<p><a class="ref ref-people" data-ref="ana-lopez" href="/people/ana-lopez/">Ana López</a> '
            f"met the {link}.</p>"
        )},
    }
    assert converted.terms == {"accord": [f"The {link} pays.", "Nobody else does."]}
    assert [(e.source, e.context) for e in index.edges_to("ministry")] == [
        ("ana-lopez", "She runs the Ministry of Justice."), ("accord", "The Ministry of Justice pays."),
        ("story", "Ana López met the Ministry of Justice."),
    ]


def test_unchanged_entities_are_not_converted_again_while_the_linkset_holds(tmp_path):
    root = write_site(tmp_path, SITE)
    cache = ConversionCache()
    _, first = convert(root, cache)
    assert (cache.linkset, cache.reused) == ("names-1", 0)
    _, again = convert(root, cache)
    assert cache.reused == 4 and again.html == first.html
    (root / "content/agreements/accord.yaml").write_text("title: The accord\nterms:\n  - Everyone pays.\n")
    _, edited = convert(root, cache)
    assert cache.reused == 3  # all but the edited agreement
    assert edited.terms["accord"] == ["Everyone pays."]
    index, _ = convert(root, cache, linkset="names-2")  # a name changed: every link may read differently
    assert cache.reused == 0
    assert [e.source for e in index.edges_to("ministry")] == ["ana-lopez", "story"]


def test_the_longest_texts_are_converted_first(tmp_path, monkeypatch):
    """Worker processes take the next chunk when they are free: the costly texts go first, so they
    are shared out rather than left to one worker at the end (an article comes last in the
    content's order, after every record's short summary)."""
    from explainer.markup import convert as convert_module

    root = write_site(tmp_path, SITE.replace(
        "[[ana-lopez]] met the [[ministry]].", "[[ana-lopez]] met the [[ministry]]. " * 5,
    ))
    handed: list[str] = []

    def in_process(task, items, workers, progress=None):
        handed.extend(items)
        return [task(items)]

    monkeypatch.setattr(convert_module, "map_chunks", in_process)
    index, converted = convert(root, ConversionCache())
    assert list(index.entities) == ["ana-lopez", "ministry", "accord", "story"]
    assert handed == ["story", "ana-lopez", "accord", "ministry"]
    assert [(entity_id, *fields) for entity_id, fields in converted.html.items()] == [  # in the content's order
        ("ana-lopez", "summary"), ("accord", "terms.0", "terms.1"), ("story", "body"),
    ]
