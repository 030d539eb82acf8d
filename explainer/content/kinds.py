"""The one table of collections: every fact about a kind of content, in one row.

A collection's folder under `content/`, its names, where its records are shown, which lists and
checks include it, and its schema.org type are read from here by every layer (the loader, the
index and its URLs, the views, the renderer, the metadata, the producers). Adding a collection
is one row here, its fields in `explainer.content.schema`, its record class in
`explainer.content.model`, and its template.

The order of the rows is the order of collections everywhere a site lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.core.i18n import N_, N_plural


@dataclass(frozen=True)
class CollectionKind:
    name: str  # the folder under content/ and the first segment of its URLs
    singular: str  # "person": in messages and labels (English: pages translate it, `N_`)
    title: str  # "People": headings and navigation (English: pages translate it, `N_`)
    schema_type: str  # schema.org type of one of its records (JSON-LD)
    document: bool = False  # Markdown files with front matter (articles, pages), not YAML records
    own_page: bool = True  # each record has its page at /<name>/<id>/
    # Where links to a record go when not to its own page: a list page's folder, where the
    # record is an anchor (events: /timeline/#<id>). Empty: links go to the record's own page.
    linked_on: str = ""
    listed: bool = False  # has an index page at /<name>/ (and a place in the navigation if `in_nav`)
    in_nav: bool = False
    orphan_checked: bool = False  # a record nothing links to is worth a warning
    on_story_graph: bool = False  # drawn on /graph/
    timeline_filter: bool = False  # offered as a filter on /timeline/
    article_involves: bool = False  # an article mentioning it puts the article on its timeline
    indefinite: str = ""  # "a person": the singular with its article, for messages

    @property
    def a_singular(self) -> str:
        """The singular with its article: "a person", "an institution"."""
        return self.indefinite or ("an " if self.singular[:1] in "aeiou" else "a ") + self.singular


KINDS: tuple[CollectionKind, ...] = (
    CollectionKind("people", N_("person"), N_("People"), "Person", listed=True, in_nav=True,
                   orphan_checked=True, on_story_graph=True, timeline_filter=True, article_involves=True),
    CollectionKind("institutions", N_("institution"), N_("Institutions"), "Organization", listed=True,
                   in_nav=True, orphan_checked=True, on_story_graph=True, timeline_filter=True,
                   article_involves=True),
    CollectionKind("agreements", N_("agreement"), N_("Agreements"), "Legislation", listed=True, in_nav=True,
                   orphan_checked=True, on_story_graph=True, timeline_filter=True, article_involves=True),
    CollectionKind("places", N_("place"), N_("Places"), "Place", listed=True, in_nav=True, orphan_checked=True,
                   on_story_graph=True, timeline_filter=True, article_involves=True),
    CollectionKind("events", N_("event"), N_("Events"), "Event", own_page=False, linked_on="timeline/",
                   on_story_graph=True),
    CollectionKind("glossary", N_("glossary term"), N_("Glossary"), "DefinedTerm", linked_on="glossary/"),
    CollectionKind("quotes", N_("quote"), N_("Quotes"), "Quotation", own_page=False, linked_on="quotes/"),
    CollectionKind("sources", N_("source"), N_("Sources"), "CreativeWork", listed=True, orphan_checked=True),
    CollectionKind("articles", N_("article"), N_("Articles"), "NewsArticle", document=True, timeline_filter=True),
    CollectionKind("pages", N_("page"), N_("Pages"), "WebPage", document=True),
)

BY_NAME: dict[str, CollectionKind] = {kind.name: kind for kind in KINDS}

# Records (YAML) and documents (Markdown), each in table order.
COLLECTIONS: tuple[str, ...] = tuple(kind.name for kind in KINDS if not kind.document)
DOCUMENT_COLLECTIONS: tuple[str, ...] = tuple(kind.name for kind in KINDS if kind.document)
SINGULAR: dict[str, str] = {kind.name: kind.singular for kind in KINDS}
TITLES: dict[str, str] = {kind.name: kind.title for kind in KINDS}
# A number of records of each kind, singular and plural ("%(num)d people"): English, pages translate
# them with `ngettext`.
COUNTED: dict[str, tuple[str, str]] = {
    "people": N_plural("%(num)d person", "%(num)d people"),
    "institutions": N_plural("%(num)d institution", "%(num)d institutions"),
    "agreements": N_plural("%(num)d agreement", "%(num)d agreements"),
    "places": N_plural("%(num)d place", "%(num)d places"),
    "events": N_plural("%(num)d event", "%(num)d events"),
    "glossary": N_plural("%(num)d glossary term", "%(num)d glossary terms"),
    "quotes": N_plural("%(num)d quote", "%(num)d quotes"),
    "sources": N_plural("%(num)d source", "%(num)d sources"),
    "articles": N_plural("%(num)d article", "%(num)d articles"),
    "pages": N_plural("%(num)d page", "%(num)d pages"),
}


def names_where(flag: str) -> tuple[str, ...]:
    """The collections whose row has `flag` set (`"listed"`, `"orphan_checked"`, …), in table order."""
    return tuple(kind.name for kind in KINDS if getattr(kind, flag))
