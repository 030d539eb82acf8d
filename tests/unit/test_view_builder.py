"""View data for the templates (`explainer.views.builder`, `views.record_sections`): links, a record
page's sections and their relation words, summaries,
and the keys every read notes; on the model of tests/sites/full."""

from __future__ import annotations

import shutil

import pytest
from conftest import SITES

from explainer.build.pipeline import BuildOptions, load_site
from explainer.core.errors import Reporter
from explainer.views.builder import InfoRow, InfoValue, LinkView
from explainer.views.record_sections import section_ids
from explainer.views.viewtypes import Connection, ConnectionGroup, StoryMention

NORWAY = LinkView("/places/norway/", "Norway", "places", "norway")
COUNCIL = LinkView("/institutions/harbour-council/", "Harbour Council of Port Alba", "institutions", "harbour-council")


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    root = tmp_path_factory.mktemp("views") / "full"
    shutil.copytree(SITES / "full", root)
    return load_site(BuildOptions(root / "content", root / "site", workers=1), Reporter(root))


@pytest.fixture
def views(model):
    yield model.views
    model.views.reads = None


def test_a_link_shows_the_name_and_kind_and_notes_the_name_read(views):
    views.reads = set()
    assert views.link("norway") == NORWAY
    assert views.link("lease") == LinkView("/glossary/#lease", "lease", "glossary", "lease")
    assert views.reads == {("name", "norway"), ("name", "lease")}


def test_tracking_collects_the_reads_of_a_block_and_passes_them_on(views):
    views.reads = {("always",)}
    with views.tracking() as inner:
        views.html("port-alba", "summary")
        views.read("collection", "people")
    assert inner == {("entity", "port-alba"), ("collection", "people")}
    assert views.reads == {("always",), ("entity", "port-alba"), ("collection", "people")}


def test_a_record_page_says_each_connection_once_grouped_by_kind_with_plain_relation_words(views, model):
    page = views.record_page(model.index.entities["ana-nunez"])
    # the article that mentions her, with its sentence; her quote under "What they said" only
    assert page.in_story == [StoryMention(
        LinkView("/articles/lease-agreed/", "Port Alba leases its old ferry terminal", "articles", "lease-agreed"),
        "The council chair welcomed the deal.",
    )]
    assert [quote.id for quote in page.quotes] == ["nunez-waited"]
    # the council is both her role's organization and a mention in her summary: one entry
    assert page.connected == [
        ConnectionGroup("Institutions", (Connection(COUNCIL, "role at"),)),
        ConnectionGroup("Agreements", (Connection(
            LinkView("/agreements/terminal-lease/", "Ferry terminal lease", "agreements", "terminal-lease"), "signed",
        ),)),
        ConnectionGroup("Places", (Connection(NORWAY, "country"),)),
        ConnectionGroup("Events", (Connection(
            LinkView("/timeline/#lease-vote", "The council votes for the lease", "events", "lease-vote"), "took part in",
        ),)),
        ConnectionGroup("Glossary", (Connection(LinkView("/glossary/#lease", "lease", "glossary", "lease"), ""),)),
    ]
    assert page.section_totals == {"in-the-story": 1, "what-they-said": 1, "connected-to": 5}


def test_section_ids_leave_out_what_other_sections_show_and_read_only_the_links(views, model):
    views.reads = set()
    ids = section_ids(views, model.index.entities["ana-nunez"])
    assert ids.story == ("lease-agreed",)
    assert ids.said == ("nunez-waited",)  # not also under "Connected to"
    # by kind, then id (not name: a renamed record moves no entry, so no name need be read)
    assert ids.connected == ("harbour-council", "terminal-lease", "norway", "lease-vote", "lease")
    assert ids.overflowing() == ()
    assert views.reads == {
        ("edges-from", "ana-nunez"), ("edges-to", "ana-nunez"), ("quotes-of", "ana-nunez"), ("collection", "order:quotes"),
    }


def test_section_ids_are_worked_out_once_and_their_reads_noted_on_every_page_that_asks(views, model):
    entity = model.index.entities["port-alba"]
    views.reads = set()
    first = views.section_ids(entity)
    noted = set(views.reads)
    assert first == section_ids(views, entity)
    assert ("edges-from", "port-alba") in noted and ("edges-to", "port-alba") in noted
    views.reads = set()  # the next page
    assert views.section_ids(entity) is first
    assert views.reads == noted


def test_the_words_for_a_relation_depend_on_which_record_holds_the_ref(views, model):
    page = views.record_page(model.index.entities["port-alba"])
    assert [(c.link.id, c.relation) for group in page.connected for c in group.items] == [
        ("harbour-council", ""),  # a mention needs no word
        ("ferry-terminal", "contains"), ("norway", "within"), ("lease-vote", "took place here"),
    ]


def test_plain_summary_is_the_first_sentence_as_text_without_tooltips(views, model):
    entities = model.index.entities
    assert views.plain_summary(entities["lease-agreed"]) == "The harbour council signs a lease with Nordlys Shipping."
    # the summary links the glossary term "lease", whose definition is a tooltip: left out
    assert views.plain_summary(entities["ana-nunez"]) == (
        "Chair of the Harbour Council of Port Alba, who announced the lease."
    )
    assert views.plain_summary(entities["lease"]) == "A contract to use property for a time in return for payment."
    assert views.plain_summary(entities["norway"]) == ""


def test_infobox_rows_of_an_institution(views, model):
    assert views.infobox(model.index.entities["harbour-council"]) == [
        InfoRow("Short name", (InfoValue(text="Harbour Council"),), field="Short name"),
        InfoRow("Kind", (InfoValue(text="council"),), field="Kind"),
        InfoRow("Country", (InfoValue(link=NORWAY),), field="Country"),
        InfoRow("Founded", (InfoValue(text="1950"),), field="Founded"),
        InfoRow("Seat", (InfoValue(text="Port Alba"),), field="Seat"),
    ]


def test_quotes_for_a_person_and_collection_items_sorted_by_name(views):
    [quote] = views.quotes_for("ana-nunez")
    assert (quote.id, quote.text, quote.speaker.id, quote.source.id, quote.date, quote.context_html) == (
        "nunez-waited", "We have waited ten years for this,", "ana-nunez", "harbour-report", "March 4, 2024",
        "Speaking to reporters after the vote.",
    )
    assert quote.reported_by is None
    assert [(link.id, badge) for link, _, badge in views.collection_items("agreements")] == [
        ("terminal-lease", "signed"), ("crew-pledge", "offered"),  # the lead article mentions only the lease
    ]


def test_a_record_page_notes_every_key_it_reads(views, model):
    views.reads = set()
    page = views.record_page(model.index.entities["port-alba"])
    assert (page.title, page.kind_label, page.collection_title, page.description) == (
        "Port Alba", "place", "Places", "A harbour town.",
    )
    assert [group.title for group in page.connected] == ["Institutions", "Places", "Events"]
    assert [item.id for item in page.timeline] == ["lease-vote"]
    assert views.reads == {
        ("entity", "port-alba"), ("timeline-of", "port-alba"), ("quotes-of", "port-alba"),
        ("collection", "order:quotes"),
        ("edges-from", "port-alba"), ("edges-to", "port-alba"),
        ("name", "port-alba"), ("name", "norway"), ("name", "harbour-council"), ("name", "ferry-terminal"),
        ("name", "ana-nunez"), ("name", "lease-vote"), ("entity", "lease-vote"),  # the event's timeline item
        ("cites", "lease-vote"),  # the sources of the event's date, marked on its entry
    }
