"""The typed records every stage shares: one frozen dataclass per kind of content.

Records carry the file and line they came from, so any later stage can report a problem at the
right place. Nothing here reads files or knows about URLs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from explainer.content.kinds import SINGULAR
from explainer.content.parts import Alias, Markdown, Ref
from explainer.content.settings import KeyFact, SiteConfig
from explainer.content.source_path import SourcePath, pickled_state
from explainer.core.dates import PartialDate
from explainer.core.i18n import N_


@dataclass(frozen=True)
class StatusWords:
    """How an agreement's status reads: its badge, and what it means (the agreements index's legend)."""

    badge: str
    meaning: str


# An agreement's statuses, ordered by how far it has got, each in the words journalists use
# (in English: pages translate them from the catalogs).
AGREEMENT_STATUS_WORDS: dict[str, StatusWords] = {
    "proposed": StatusWords(N_("Proposed"), N_("Put forward for discussion; no one has committed to it yet.")),
    "offered": StatusWords(N_("Offered"), N_("One side has offered it; the other has not been reported to accept.")),
    "promised": StatusWords(N_("Promised"), N_("A side has said it will do it; it has not been reported done.")),
    "concluded": StatusWords(
        N_("Concluded"), N_("The parties are reported to have reached it; no signature is reported."),
    ),
    "signed": StatusWords(N_("Signed"), N_("The parties have signed it; it is not yet in force.")),
    "in-force": StatusWords(N_("In force"), N_("It is signed and binding now.")),
    "ended": StatusWords(N_("Ended"), N_("It was in force and no longer is, or it was abandoned.")),
}
AGREEMENT_STATUSES = tuple(AGREEMENT_STATUS_WORDS)


@dataclass(frozen=True)
class Role:
    title: str
    line: int
    organization: Ref | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    line: int


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    line: int


@dataclass(frozen=True)
class Citation:
    """A passage of a source, word for word, that supports a record or a document: as a whole, or
    the one `field` named (a field's name, or for an institution a fact's label)."""

    source: Ref
    passage: str
    line: int
    field: str | None = None


@dataclass(frozen=True)
class Correction:
    """A public correction: when it was made and what it says (Markdown)."""

    date: PartialDate
    text: Markdown
    line: int


@dataclass(frozen=True, kw_only=True)
class Entity:
    """Anything with an id and a page or anchor: records, articles and pages."""

    collection: str
    id: str
    path: SourcePath = SourcePath()  # the file it was read from, a `Path`
    line: int
    # A digest of the text it was read from, file and position included: equal digests, equal entities.
    digest: str = field(default="", compare=False, repr=False)
    # In another language's edition: the language of an entity left untranslated (`content.editions`).
    fallback: str | None = None
    # In an edition in another language, the default language's entity this one translates: what
    # is read from words in the original (a place's kind decides its schema.org type) reads it.
    original: Entity | None = field(default=None, compare=False, repr=False)

    __getstate__ = pickled_state  # (the path as its string: see `SourcePath`)

    @property
    def display_name(self) -> str:
        raise NotImplementedError

    @property
    def kind_label(self) -> str:
        return SINGULAR[self.collection]


@dataclass(frozen=True, kw_only=True)
class Record(Entity):
    aliases: tuple[Alias, ...] = ()
    # Phrases used only to find mentions in Markdown (`explainer.markup.names`); never displayed.
    match: tuple[Alias, ...] = ()
    summary: Markdown | None = None
    related: tuple[Ref, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[Ref, ...] = ()
    cite: tuple[Citation, ...] = ()
    updated: PartialDate | None = None
    corrections: tuple[Correction, ...] = ()
    order: int | None = None  # editorial order in lists, lower first (`explainer.site.order`)
    field_lines: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def display_name(self) -> str:
        return getattr(self, "name", None) or getattr(self, "title", None) or self.id

    def line_of(self, field_name: str) -> int:
        return self.field_lines.get(field_name, self.line)


@dataclass(frozen=True, kw_only=True)
class Person(Record):
    name: str
    roles: tuple[Role, ...] = ()
    country: Ref | None = None
    links: tuple[Link, ...] = ()
    sort_name: str | None = None  # "Bukele, Nayib": how indexes sort the person


@dataclass(frozen=True, kw_only=True)
class Institution(Record):
    name: str
    short_name: str | None = None
    kind: str | None = None
    country: Ref | None = None
    parent: Ref | None = None
    founded: PartialDate | None = None
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Agreement(Record):
    title: str
    kind: str | None = None
    status: str | None = None
    date: PartialDate | None = None
    parties: tuple[Ref, ...] = ()
    signatories: tuple[Ref, ...] = ()
    terms: tuple[Markdown, ...] = ()
    event: Ref | None = None  # the event it was made or announced at (shown inside its timeline entry)


@dataclass(frozen=True, kw_only=True)
class Place(Record):
    name: str
    kind: str | None = None
    within: Ref | None = None


@dataclass(frozen=True, kw_only=True)
class Event(Record):
    date: PartialDate
    title: str
    end: PartialDate | None = None
    participants: tuple[Ref, ...] = ()
    place: Ref | None = None


@dataclass(frozen=True, kw_only=True)
class GlossaryTerm(Record):
    term: str
    definition: Markdown
    abbreviation: str | None = None
    see_also: tuple[Ref, ...] = ()

    @property
    def display_name(self) -> str:
        return self.term


@dataclass(frozen=True, kw_only=True)
class Quote(Record):
    text: str
    speaker: Ref
    source: Ref
    date: PartialDate | None = None
    context: Markdown | None = None
    reported_by: Ref | None = None
    # The quote in other languages (language -> text), shown beside the original; never verified.
    translation: dict = field(default_factory=dict, hash=False)
    event: Ref | None = None  # the event it was said at (shown inside its timeline entry)

    @property
    def display_name(self) -> str:
        return f"“{self.text}”"


@dataclass(frozen=True, kw_only=True)
class Source(Record):
    title: str
    publisher: str | None = None
    url: str | None = None
    date: PartialDate | None = None
    file: str | None = None


@dataclass(frozen=True, kw_only=True)
class Document(Entity):
    """An article or a page: front matter and a Markdown body."""

    title: str
    body: Markdown
    dek: str | None = None
    date: PartialDate | None = None
    byline: str | None = None
    sources: tuple[Ref, ...] = ()
    cite: tuple[Citation, ...] = ()
    updated: PartialDate | None = None
    corrections: tuple[Correction, ...] = ()
    order: int | None = None
    key_facts: tuple[KeyFact, ...] = ()
    field_lines: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    # In an edition in another language whose translation leaves the body empty: the language
    # the body stays in (the original's); else None.
    body_language: str | None = None

    @property
    def display_name(self) -> str:
        return self.title

    def line_of(self, field_name: str) -> int:
        return self.field_lines.get(field_name, self.line)


def shown_aliases(entity: Entity) -> tuple[str, ...]:
    """The aliases readers see ("Also called", JSON-LD): each once, none repeating the record's
    own names (name, title, term, short name, abbreviation), case ignored."""
    if not isinstance(entity, Record):
        return ()
    seen = {
        str(value).casefold() for value in (
            entity.display_name, getattr(entity, "short_name", None), getattr(entity, "abbreviation", None),
        ) if value
    }
    shown = []
    for alias in entity.aliases:
        key = alias.text.casefold()
        if key not in seen:
            seen.add(key)
            shown.append(alias.text)
    return tuple(shown)


def citations(entity: Entity) -> tuple[Citation, ...]:
    """The passages an entity cites (`cite`); every record, article and page may have some."""
    return getattr(entity, "cite", ())


def corrections(entity: Entity) -> tuple[Correction, ...]:
    """An entity's public corrections, in the order written."""
    return getattr(entity, "corrections", ())


def last_updated(entity: Entity) -> PartialDate | None:
    """When an entity last changed in public: its `updated` date or its newest correction's."""
    dates = [c.date for c in corrections(entity)]
    updated = getattr(entity, "updated", None)
    if updated is not None:
        dates.append(updated)
    return max(dates, default=None)


RECORD_CLASSES: dict[str, type[Record]] = {
    "people": Person, "institutions": Institution, "agreements": Agreement, "places": Place,
    "events": Event, "glossary": GlossaryTerm, "quotes": Quote, "sources": Source,
}


@dataclass(frozen=True)
class Translation:
    """The translated fields of one record, document or of the site (`collection` "site") in one
    language: a sibling file (`people/<id>.es.yaml`, `articles/<id>.es.md`, `site.es.yaml`) or an
    item of a list file's `translations:` mapping. `original` is the file the original is (or
    should be) in; `fields` are converted like the original's."""

    collection: str
    id: str
    language: str
    path: Path
    line: int
    original: Path
    fields: dict = field(hash=False)
    field_lines: dict = field(hash=False)
    digest: str = ""


@dataclass
class Content:
    """Everything the loader read: the site settings, records and documents, in a stable order."""

    root: Path
    content_dir: Path
    config: SiteConfig
    records: list[Record]
    documents: list[Document]
    source_texts: dict[str, str] = field(default_factory=dict)  # source id -> file text
    # What the translations give, before they are checked and laid over the originals
    # (`explainer.content.editions`): records' and documents', and the site's own (`site.<lang>.yaml`).
    translations: list[Translation] = field(default_factory=list)

    @property
    def entities(self) -> list[Entity]:
        return [*self.records, *self.documents]
