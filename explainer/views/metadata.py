"""Page metadata: what the head of every page says about it, JSON-LD included.

`Metadata` turns a page's render context into `PageMeta` (title, description, canonical URL, Open
Graph and Twitter card values, and schema.org JSON-LD). Everything is deterministic: dates come
from the content, never from the clock. The feed, sitemap and robots.txt are made in
`explainer.produce.feeds`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from explainer.content.kinds import BY_NAME, KINDS
from explainer.content.model import (
    Agreement,
    Document,
    Entity,
    Event,
    GlossaryTerm,
    Institution,
    Person,
    Place,
    Quote,
    Record,
    Source,
    corrections,
    last_updated,
    shown_aliases,
)
from explainer.core.dates import PartialDate
from explainer.markup.text import html_text
from explainer.site import urls
from explainer.site.index import SiteIndex
from explainer.views.builder import ViewBuilder

SCHEMA = "https://schema.org"
# Pages that exist for visitors but should not be in search engines or the sitemap.
NOINDEX = frozenset({urls.NOT_FOUND_FILE, urls.page_file(urls.SEARCH)})
NO_SITEMAP_NOTE = (
    "no sitemap.xml: the base URL has no host; set base_url to a full https:// address "
    "to get one (see docs/deploy.md)"
)

# Words in an institution's `kind` that make it a government body rather than a plain
# organization (checked word by word, lower-cased).
GOVERNMENT_WORDS = frozenset({
    "administration", "agency", "army", "authority", "bureau", "cabinet", "congress", "council",
    "court", "department", "embassy", "government", "legislature", "military", "ministry",
    "municipality", "parliament", "police", "presidency", "prison", "senate",
})
NGO_WORDS = frozenset({"ngo", "non-governmental", "nonprofit", "non-profit", "charity"})
PLACE_TYPES = {"country": "Country", "city": "City", "town": "City", "state": "State"}
REFERENCE_TYPES = {kind.name: kind.schema_type for kind in KINDS}
LEGAL_FORCE = {"in-force": f"{SCHEMA}/InForce", "ended": f"{SCHEMA}/NotInForce"}


@dataclass(frozen=True)
class PageMeta:
    """Everything the head of a page says about it."""

    title: str  # the page's own title, without the site name
    description: str
    canonical: str
    og_type: str  # "website" or "article"
    og_url: str  # the canonical URL when it is absolute, else "" (Open Graph needs a full URL)
    published: str  # ISO date of an article, else ""
    noindex: bool
    searchable: bool  # indexed by the site search (data-pagefind-body)
    json_ld: Markup  # safe to put inside <script type="application/ld+json">


def json_for_script(data: Any) -> Markup:
    """`data` as JSON that cannot end the <script> element it sits in.

    `<`, `>` and `&` are written as \\u003c, \\u003e and \\u0026 (the same string to a JSON
    parser), so `</script>` or `<!--` in content stays inside the JSON.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)  # escaped above for the script context


def iso_datetime(date: PartialDate) -> str:
    """An RFC 3339 timestamp for a content date: its first day, at midnight UTC."""
    return date.first_day().isoformat() + "T00:00:00Z"


def institution_type(institution: Institution) -> str:
    words = set((institution.kind or "").lower().replace("/", " ").split())
    if words & GOVERNMENT_WORDS:
        return "GovernmentOrganization"
    if words & NGO_WORDS:
        return "NGO"
    return "Organization"


def schema_type(entity: Entity) -> str:
    """The schema.org type of an entity: its collection's (`content/kinds.py`), made more precise
    for an institution (by its kind of body) and a place (by its kind), as the original words it."""
    entity = entity.original or entity
    if isinstance(entity, Institution):
        return institution_type(entity)
    if isinstance(entity, Place):
        return PLACE_TYPES.get((entity.kind or "").lower(), "Place")
    return BY_NAME[entity.collection].schema_type


def _compact(data: dict) -> dict:
    """Drop empty values so the JSON-LD says only what the content says."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


class Metadata:
    """Builds `PageMeta` for every page from its render context.

    Like all view code it reads site data through the `ViewBuilder`'s keys (`views.read`), so
    incremental builds know which pages' metadata a change touches.
    """

    def __init__(self, index: SiteIndex, views: ViewBuilder):
        self.index = index
        self.views = views
        self.config = index.config

    # URLs -----------------------------------------------------------------------------------
    def entity_url(self, entity_id: str) -> str:
        return self.index.absolute_url(self.index.link_path(entity_id))

    def reference(self, entity_id: str) -> dict | None:
        """A short JSON-LD node naming another record, or None when the id is unknown."""
        if entity_id not in self.index.entities:
            return None
        link = self.views.link(entity_id)
        # The type follows the collection alone, as a link does, so that a page naming a record
        # depends only on its name (see incremental.py).
        return {"@type": REFERENCE_TYPES[link.collection], "name": link.text, "url": self.entity_url(entity_id)}

    def references(self, refs) -> list[dict]:
        nodes = (self.reference(ref.id) for ref in refs)
        return [node for node in nodes if node is not None]

    def website(self) -> dict:
        return _compact({
            "@type": "WebSite", "name": self.config.title, "url": self.index.absolute_url(""),
            "inLanguage": self.config.language,
        })

    def publisher(self) -> dict | None:
        return {"@type": "Organization", "name": self.config.author} if self.config.author else None

    # the head of a page ---------------------------------------------------------------------
    def page_meta(self, path: str, context: dict) -> PageMeta:
        title = context.get("title") or self.config.title
        description = context.get("description") or self.config.description or title
        canonical = context["canonical"]
        page = context.get("page")
        entity = getattr(page, "entity", None)
        if context.get("structured_data"):  # the page kind made its own (glossary term pages)
            data = context["structured_data"]
        elif entity is not None:
            data = self.entity_data(entity, canonical, description)
        else:
            data = self.listing_data(path, title, canonical, description, context.get("listing"))
        # Listings and the home page repeat what the record pages say; indexing them would let
        # passing mentions outrank the records. Events have no page of their own: the timeline's
        # pages are where they live (they say so: `searchable`).
        searchable = entity is not None or bool(context.get("searchable"))
        article = entity if isinstance(entity, Document) and entity.collection == "articles" else None
        is_article = article is not None
        published = article.date.iso() if article is not None and article.date else ""
        return PageMeta(
            title=title, description=description, canonical=canonical,
            og_type="article" if is_article else "website",
            og_url=canonical if "://" in canonical else "",
            published=published, noindex=path in NOINDEX, searchable=searchable,
            json_ld=json_for_script(data),
        )

    # JSON-LD ----------------------------------------------------------------------------------
    def entity_data(self, entity: Entity, canonical: str, description: str) -> dict:
        """The JSON-LD of a record's or document's own page."""
        self.views.read("entity", entity.id)
        data: dict[str, Any] = {
            "@context": SCHEMA, "@type": schema_type(entity), "name": entity.display_name,
            "url": canonical, "description": description,
        }
        if also := shown_aliases(entity):
            data["alternateName"] = list(also)
        if isinstance(entity, Person):
            data["jobTitle"] = [role.title for role in entity.roles]
            data["affiliation"] = self.references(r.organization for r in entity.roles if r.organization)
            data["nationality"] = self.reference(entity.country.id) if entity.country else None
            data["sameAs"] = [link.url for link in entity.links]
        elif isinstance(entity, Institution):
            if entity.short_name:
                data["alternateName"] = [entity.short_name, *data.get("alternateName", [])]
            data["foundingDate"] = entity.founded.iso() if entity.founded else None
            data["parentOrganization"] = self.reference(entity.parent.id) if entity.parent else None
            data["location"] = self.reference(entity.country.id) if entity.country else None
        elif isinstance(entity, Place):
            data["containedInPlace"] = self.reference(entity.within.id) if entity.within else None
        elif isinstance(entity, Agreement):
            data["legislationType"] = entity.kind
            data["legislationDate"] = entity.date.iso() if entity.date else None
            data["legislationLegalForce"] = LEGAL_FORCE.get(entity.status or "")
            data["creativeWorkStatus"] = entity.status
            data["legislationPassedBy"] = self.references((*entity.parties, *entity.signatories))
        elif isinstance(entity, GlossaryTerm):
            data["termCode"] = entity.abbreviation
            data["inDefinedTermSet"] = {
                "@type": "DefinedTermSet", "name": "Glossary", "url": self.index.absolute_url(urls.GLOSSARY),
            }
        elif isinstance(entity, Source):
            data["name"] = entity.title
            data["publisher"] = {"@type": "Organization", "name": entity.publisher} if entity.publisher else None
            data["datePublished"] = entity.date.iso() if entity.date else None
            data["sameAs"] = entity.url
        elif isinstance(entity, Document):
            data = self.document_data(entity, canonical, description)
        if isinstance(entity, Record):
            data["subjectOf" if isinstance(entity, (Person, Institution, Place)) else "citation"] = (
                self.references(entity.sources)
            )
        data.update(self.change_data(entity))
        return _compact(data)

    def change_data(self, entity: Entity) -> dict:
        """`dateModified` (its `updated` date or newest correction's) and each correction as a
        schema.org `CorrectionComment`."""
        updated = last_updated(entity)
        return {
            "dateModified": updated.iso() if updated else None,
            "correction": [
                {
                    "@type": "CorrectionComment", "datePublished": correction.date.iso(),
                    "text": html_text(self.views.html(entity.id, f"corrections.{number}")),
                }
                for number, correction in enumerate(corrections(entity))
            ],
        }

    def document_data(self, doc: Document, canonical: str, description: str) -> dict:
        data: dict[str, Any] = {
            "@context": SCHEMA, "@type": schema_type(doc), "name": doc.title, "url": canonical,
            "description": description, "inLanguage": self.config.language,
            "isPartOf": self.website(), "citation": self.references(doc.sources),
        }
        if doc.collection == "articles":
            data["headline"] = doc.title
            data["mainEntityOfPage"] = canonical
            data["datePublished"] = doc.date.iso() if doc.date else None
            data["publisher"] = self.publisher()
            if doc.byline:
                name = doc.byline.removeprefix("By ").removeprefix("by ").strip()
                data["author"] = {"@type": "Person", "name": name}
            else:
                data["author"] = self.publisher()
        return data

    def listing_data(
        self, path: str, title: str, canonical: str, description: str,
        listing: tuple[str, list[str]] | None = None,
    ) -> dict:
        """The JSON-LD of a page that is not one record's: home, lists, timeline, glossary.
        `listing` says what a list page shows: ("events" | "glossary" | "quotes" | "collection",
        the ids of the records on it)."""
        page = {
            "@type": "WebPage", "name": title, "url": canonical, "description": description,
            "inLanguage": self.config.language, "isPartOf": self.website(),
        }
        if path == "index.html":
            website = {**self.website(), "description": description, "publisher": self.publisher()}
            return _compact({"@context": SCHEMA, **website})
        kind, ids = listing or ("", [])
        if kind == "glossary":
            terms = [
                _compact({
                    "@type": "DefinedTerm", "name": term.term, "termCode": term.abbreviation,
                    "url": self.index.absolute_url(self.index.page_path(term.id) or ""),
                    "description": self.views.plain_summary(term),
                })
                for term in self.listed(ids)
                if isinstance(term, GlossaryTerm)
            ]
            return _compact({
                "@context": SCHEMA, "@type": "DefinedTermSet", "name": title, "url": canonical,
                "description": description, "hasDefinedTerm": terms,
            })
        if kind == "events":
            events = [self.event_data(e) for e in self.listed(ids) if isinstance(e, Event)]
            return {"@context": SCHEMA, "@graph": [_compact(page), *events]}
        if kind == "quotes":
            quotes = [self.quote_data(q) for q in self.listed(ids) if isinstance(q, Quote)]
            return {"@context": SCHEMA, "@graph": [_compact(page), *quotes]}
        if kind == "collection":
            page["@type"] = "CollectionPage"
        return _compact({"@context": SCHEMA, **page})

    def listed(self, ids: list[str]) -> list[Entity]:
        """The records a list page shows, noting that the page reads them."""
        self.views.read_all(("entity", entity_id) for entity_id in ids)
        return [self.index.entities[entity_id] for entity_id in ids]

    def event_data(self, event: Event) -> dict:
        return _compact({
            "@type": "Event", "name": event.title, "startDate": event.date.iso(),
            "endDate": event.end.iso() if event.end else None, "url": self.entity_url(event.id),
            "description": self.views.plain_summary(event),
            "location": self.reference(event.place.id) if event.place else None,
            "attendee": self.references(event.participants), **self.change_data(event),
        })

    def quote_data(self, quote: Quote) -> dict:
        return _compact({
            "@type": "Quotation", "text": quote.text, "url": self.entity_url(quote.id),
            "spokenByCharacter": self.reference(quote.speaker.id),
            "citation": self.reference(quote.source.id),
            "dateCreated": quote.date.iso() if quote.date else None, **self.change_data(quote),
        })
