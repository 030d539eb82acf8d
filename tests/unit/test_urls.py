"""Where everything is published (`explainer.site.urls`), read from the collections table
(`explainer.content.kinds`)."""

from __future__ import annotations

from explainer.content.kinds import BY_NAME, COLLECTIONS, DOCUMENT_COLLECTIONS, KINDS, SINGULAR, names_where
from explainer.site import urls


def test_a_record_with_a_page_of_its_own_is_linked_to_that_page():
    assert urls.record_folder("people", "ana-lopez") == "people/ana-lopez/"
    assert urls.link_path("people", "ana-lopez") == "people/ana-lopez/"
    assert urls.link_path("articles", "story") == "articles/story/"
    assert urls.page_file(urls.record_folder("sources", "report") or "") == "sources/report/index.html"


def test_a_record_without_a_page_is_an_anchor_on_its_list_page():
    assert urls.record_folder("events", "signing") is None
    assert urls.link_path("events", "signing") == "timeline/#signing"
    assert urls.record_folder("quotes", "grateful") is None
    assert urls.link_path("quotes", "grateful") == "quotes/#grateful"


def test_a_glossary_term_has_a_page_but_links_go_to_the_glossary():
    assert urls.record_folder("glossary", "mou") == "glossary/mou/"
    assert urls.link_path("glossary", "mou") == "glossary/#mou"


def test_list_pages_and_files():
    assert urls.collection_folder("people") == "people/"
    assert urls.page_file(urls.HOME) == "index.html"
    assert urls.page_file(urls.TIMELINE) == "timeline/index.html"
    assert urls.anchor(urls.TIMELINE, "x") == "timeline/#x"
    assert urls.NOT_FOUND_FILE == "404.html"


def test_the_table_orders_collections_and_answers_each_question_once():
    assert COLLECTIONS == ("people", "institutions", "agreements", "places", "events", "glossary", "quotes", "sources")
    assert DOCUMENT_COLLECTIONS == ("articles", "pages")
    assert [kind.name for kind in KINDS] == [*COLLECTIONS, *DOCUMENT_COLLECTIONS]
    assert SINGULAR["glossary"] == "glossary term"
    assert names_where("listed") == ("people", "institutions", "agreements", "places", "sources")
    assert names_where("in_nav") == ("people", "institutions", "agreements", "places")
    assert names_where("on_story_graph") == ("people", "institutions", "agreements", "places", "events")
    assert names_where("timeline_filter") == ("people", "institutions", "agreements", "places", "articles")
    assert BY_NAME["institutions"].a_singular == "an institution"
    assert BY_NAME["glossary"].a_singular == "a glossary term"
    assert BY_NAME["agreements"].schema_type == "Legislation"
