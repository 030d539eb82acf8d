"""Source documents (`explainer.site.sourcetext`), the quotations found in Markdown
(`explainer.site.quotations`), and the modules split out of others whose names stay importable
where they were: `explainer.content.ids` (from `schema`) and `explainer.views.viewtypes` (from
`views.builder`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.content.model import Content
from explainer.content.parts import Markdown
from explainer.content.settings import SiteConfig
from explainer.site.index import SiteIndex
from explainer.site.quotations import quotations
from explainer.site.sourcetext import NormalisedText, SourceDocument, SourceLibrary, sentence_anchor
from explainer.views import builder, viewtypes


def test_the_split_modules_keep_their_names_importable_where_they_were():
    for name in ("LinkView", "InfoRow", "QuoteView", "TimelineItem", "RecordPage", "CiteMark"):
        assert getattr(builder, name) is getattr(viewtypes, name)


def test_normalised_offsets_lead_back_to_the_original_text():
    text = "  One\t\ttwo “three”\n\n  four  "
    normal = NormalisedText(text)
    assert normal.text == 'One two "three" four'
    assert "".join(text[normal.original(i)] for i in range(len(normal.text))) == "One\ttwo “three”\nfour"
    assert list(normal.find_all('two "three" four')) == [(7, 26)]
    assert text[7:26] == "two “three”\n\n  four"


def test_paragraphs_are_blocks_between_blank_lines_or_else_lines():
    assert SourceDocument("One.\nTwo.\n\n  Three.\n").paragraphs == [(0, 9), (13, 19)]
    assert SourceDocument("One.\n  Two.  \n").paragraphs == [(0, 4), (7, 11)]


def test_sentences_are_numbered_and_abbreviations_do_not_end_them():
    document = SourceDocument(
        "U.S. officials met Mr. Smith. “It went well,” he said! Did it? Yes.\n\nA new paragraph.")
    texts = [document.text[s.start:s.end] for s in document.sentences]
    assert texts == [
        "U.S. officials met Mr. Smith.", "“It went well,” he said!", "Did it?", "Yes.", "A new paragraph.",
    ]
    assert [(s.number, s.paragraph) for s in document.sentences] == [(1, 0), (2, 0), (3, 0), (4, 0), (5, 1)]


def test_a_repeated_sentence_gets_a_numbered_anchor_and_anchors_ignore_quote_style():
    document = SourceDocument("Yes. Maybe. Yes.\nYes.")
    anchors = [s.anchor for s in document.sentences]
    assert anchors == [sentence_anchor("Yes."), sentence_anchor("Maybe."), sentence_anchor("Yes.") + "-2",
                       sentence_anchor("Yes.") + "-3"]
    assert sentence_anchor("He said “no.”") == sentence_anchor('He said "no."')
    assert len(sentence_anchor("x")) == len("s-") + 10


def test_a_passage_is_found_at_its_first_sentence():
    document = SourceDocument("First one. Then “the words\nthat matter,” she said.")
    assert document.sentence_of('the words that matter,').number == 2
    assert document.sentence_of("not there") is None


def test_the_library_splits_each_document_once_and_keeps_unchanged_ones():
    texts = {"a": "One. Two.", "b": "Three."}
    first = SourceLibrary(texts)
    document = first.document("a")
    assert first.document("a") is document and first.document("missing") is None
    assert SourceLibrary(dict(texts), first).document("a") is document
    assert SourceLibrary({"a": "One. Two!"}, first).document("a") is not document


@pytest.fixture
def index(tmp_path: Path) -> SiteIndex:
    content = Content(tmp_path, tmp_path / "content", SiteConfig("T"), [], [])
    return SiteIndex(content, {})


def test_quotations_are_found_with_their_lines_without_code_or_apostrophes(index):
    body = Markdown(
        "She said “one\ntwo,” and it’s the *council’s* ‘own words’.\n\n"
        'A "straight one" and «un autre». `"code"` and [a link](https://x.org/ "title").\n\n'
        "```\n“fenced”\n```\n",
        10,
    )
    assert list(quotations(body, index)) == [
        ("one two,", 10), ("own words", 11), ("straight one", 13), ("un autre", 13),
    ]


def test_a_quotation_is_read_as_the_reader_sees_it(index):
    body = Markdown("“The [[lease|terminal]] *lease*, [see](/x/) \\[sic\\] &amp; more”", 1)
    assert list(quotations(body, index)) == [("The terminal lease, see [sic] & more", 1)]
