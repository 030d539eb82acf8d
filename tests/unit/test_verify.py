"""Checks over the whole index (`explainer.site.verify`): quotes word for word against their
source's text, and records nothing links to; on records built directly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SITES

from explainer.build.pipeline import BuildOptions, load_site
from explainer.content.model import Content, Event, Person, Quote, Source
from explainer.content.parts import Ref
from explainer.content.settings import SiteConfig
from explainer.core.dates import PartialDate
from explainer.core.errors import Reporter
from explainer.site import citations, quotations, verify
from explainer.site.index import build_index
from explainer.site.verify import (
    closest_passage,
    first_difference,
    normalise_quote,
    verify_quotes,
    warn_orphans,
)

ROOT = Path("/news/site")
REPORT = "He said: “We are  grateful to the\npresident,” and left. ‘We’re ready,’ she said.\n"


def quote(id: str, text: str, source: str = "report") -> Quote:
    return Quote(
        collection="quotes", id=id, path=ROOT / f"content/quotes/{id}.yaml", line=1,
        field_lines={"text": 2}, text=text, speaker=Ref("ana", 3), source=Ref(source, 4),
    )


def index_of(*quotes: Quote):
    records = [
        Person(collection="people", id="ana", path=ROOT / "content/people/ana.yaml", line=1, name="Ana"),
        Source(collection="sources", id="report", path=ROOT / "content/sources/report.yaml", line=1,
               title="The report", file="seeds/report.txt"),
        Source(collection="sources", id="web", path=ROOT / "content/sources/web.yaml", line=1,
               title="A web page", url="https://example.org/"),
        *quotes,
    ]
    content = Content(ROOT, ROOT / "content", SiteConfig("Test"), records, [], {"report": REPORT})
    reporter = Reporter(ROOT)
    index = build_index(content, reporter)
    assert reporter.diagnostics == []
    return index


def test_normalise_quote_straightens_quote_marks_and_collapses_space():
    assert normalise_quote("  “We’re  here,”\n\tshe said ") == "\"We're here,\" she said"
    assert normalise_quote("«Oui» ‚so‛") == "\"Oui\" 'so'"


def test_a_quote_found_despite_spacing_and_quote_marks_passes():
    reporter = Reporter(ROOT)
    verify_quotes(index_of(quote("grateful", "We are grateful to the president,"),
                           quote("ready", "We're ready,")), reporter)
    assert reporter.diagnostics == []


def test_a_quote_not_in_its_source_is_an_error_with_the_closest_passage():
    reporter = Reporter(ROOT)
    verify_quotes(index_of(quote("thankful", "We are thankful to the president")), reporter)
    assert [str(d) for d in reporter.diagnostics] == [
        f"{ROOT}/content/quotes/thankful.yaml:2: error: quote not found word for word in seeds/report.txt "
        "(closest passage: \"We are grateful to the president\"; "
        "first difference: the quote has 'thankful' where the source has 'grateful')",
    ]


def test_a_quote_with_nothing_like_it_has_no_closest_passage():
    reporter = Reporter(ROOT)
    verify_quotes(index_of(quote("other", "Completely unrelated words")), reporter)
    assert [d.message for d in reporter.diagnostics] == ["quote not found word for word in seeds/report.txt (no passage comes close)"]


def test_a_source_without_a_text_is_not_checked():
    reporter = Reporter(ROOT)
    verify_quotes(index_of(quote("online", "Anything at all", source="web")), reporter)
    assert reporter.diagnostics == []


def test_only_the_quotes_asked_for_are_checked():
    wrong, right = quote("wrong", "Not in the report at all"), quote("right", "We're ready")
    index = index_of(wrong, right)
    reporter = Reporter(ROOT)
    verify_quotes(index, reporter, [right])
    assert reporter.diagnostics == []
    verify_quotes(index, reporter)
    assert [d.path for d in reporter.diagnostics] == [f"{ROOT}/content/quotes/wrong.yaml"]


def test_closest_passage_aligns_the_longest_match():
    assert closest_passage("the lazy cat sleeps", "the quick brown fox and the lazy dog") == "the lazy dog"
    assert closest_passage("short", "a short text") is None  # fewer than 8 characters in common


def test_records_nothing_links_to_are_warned_about_and_errors_under_strict():
    records = [
        Person(collection="people", id="ana", path=ROOT / "content/people/ana.yaml", line=1, name="Ana"),
        Person(collection="people", id="bo", path=ROOT / "content/people/bo.yaml", line=1, name="Bo"),
        Source(collection="sources", id="report", path=ROOT / "content/sources/report.yaml", line=1, title="R"),
        Event(collection="events", id="talks", path=ROOT / "content/events/talks.yaml", line=1,
              date=PartialDate(2024), title="Talks", participants=(Ref("ana", 4),)),
    ]
    index = build_index(Content(ROOT, ROOT / "content", SiteConfig("Test"), records, []), Reporter(ROOT))
    reporter = Reporter(ROOT)
    warn_orphans(index, reporter)
    # ana is linked from the event; the event itself is always listed on the timeline
    assert [str(d) for d in reporter.diagnostics] == [
        f"{ROOT}/content/people/bo.yaml:1: warning: person 'bo' is not linked from anywhere",
        f"{ROOT}/content/sources/report.yaml:1: warning: source 'report' is not linked from anywhere",
    ]
    strict = Reporter(ROOT, strict=True)
    warn_orphans(index, strict)
    assert [d.severity for d in strict.diagnostics] == ["error", "error"]


SOURCE = normalise_quote(
    "He said “the fee would be relatively low for the U.S.” on Monday,\n"
    "and added: “It’s   significant for us.” Then he left."
)


@pytest.mark.parametrize(("quote", "passage", "difference"), [
    ("the fee would be relatively cheap for the U.S.", "the fee would be relatively low for the U.S.",
     "the quote has 'cheap' where the source has 'low'"),
    ("the fee would be low for the U.S.", "the fee would be relatively low for the U.S.",
     "the quote leaves out 'relatively' after 'be'"),
    ("the fee would be relatively very low for the U.S.", "the fee would be relatively low for the U.S.",
     "the quote adds 'very' after 'relatively'"),
    ("The fee would be relatively low", "the fee would be relatively low",
     "the quote has 'The' where the source has 'the'"),
    # a word of several tokens, against a token of several words
    ("It is significant for us.", "It's significant for us.",
     "the quote has 'It is' where the source has 'It's'"),
    ("relatively low for the United States", "relatively low for the U.S.",
     "the quote has 'United States' where the source has 'U.S.'"),
    # punctuation is part of the words, and a quotation mark ends the passage
    ("significant for us!", "significant for us.", "the quote has 'us!' where the source has 'us.'"),
    ("relatively low for the U.S.,", "relatively low for the U.S.",
     "the quote has 'U.S.,' where the source has 'U.S.'"),
    ("relatively low for the U.S. said", "relatively low for the U.S.",
     "the quote adds 'said' after 'U.S.'"),
    # a quotation mark inside the quote's stretch of the source is shown and is the difference
    ("He said the fee would be", 'He said "the fee would be',
     "the quote has 'the' where the source has '\"the'"),
])
def test_closest_passage_and_its_first_difference(quote, passage, difference):
    assert closest_passage(quote, SOURCE) == passage
    assert first_difference(quote, passage) == difference


def test_nothing_close():
    assert closest_passage("Nothing of the kind was said.", SOURCE) is None


def test_a_difference_at_the_start_is_placed_before_the_next_word():
    assert first_difference("fee would be", "the fee would be") == "the quote leaves out 'the' before 'fee'"
    assert first_difference("so the fee", "the fee") == "the quote adds 'so' before 'the'"


def test_a_build_normalises_each_source_document_once(tmp_path, monkeypatch):
    root = tmp_path / "events"
    shutil.copytree(SITES / "events", root)
    monkeypatch.setattr(verify, "_NORMALISED", {})
    seen: list[str] = []
    real = verify.normalise_quote
    for module in (verify, quotations, citations):  # the quotes, the quotations in articles, the citations
        monkeypatch.setattr(module, "normalise_quote", lambda text: seen.append(text) or real(text))
    model = load_site(BuildOptions(root / "content", root / "site", workers=1, search=False), Reporter(root))
    documents = list(model.index.content.source_texts.values())
    assert documents and [seen.count(text) for text in documents] == [1] * len(documents)


def test_a_cached_build_takes_the_source_documents_normalised_by_the_last_one(tmp_path, monkeypatch):
    from explainer.build.command import build_site

    root = tmp_path / "events"
    shutil.copytree(SITES / "events", root)
    options = BuildOptions(root / "content", root / "site", workers=1, search=False)
    build_site(options)
    seen: list[str] = []
    real = verify.normalise_quote
    for module in (verify, quotations, citations):
        monkeypatch.setattr(module, "normalise_quote", lambda text: seen.append(text) or real(text))
    report = root / "seeds/report.txt"

    def rebuild() -> list[str]:
        """A cached build in a new process: the texts it normalised."""
        monkeypatch.setattr(verify, "_NORMALISED", {})
        seen.clear()
        assert build_site(options).rendered > 0
        return [text for text in seen if len(text) > 200]  # the documents (not the quotes)

    edited = root / "content/people/ben-ortiz.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Leader", "The leader"), encoding="utf-8")
    assert rebuild() == []
    report.write_text(report.read_text(encoding="utf-8") + "\nA later line.\n", encoding="utf-8")
    assert rebuild() == [report.read_text(encoding="utf-8")]  # the changed one, once
    edited.write_text(edited.read_text(encoding="utf-8").replace("The leader", "Leader"), encoding="utf-8")
    assert rebuild() == []
