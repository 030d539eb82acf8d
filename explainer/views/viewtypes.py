"""The view dataclasses: what each part of a page shows, as plain data for the templates.

`builder.ViewBuilder` and the modules beside it make them; the templates show them. The names are
importable from `explainer.views.builder` too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explainer.content.model import Entity


@dataclass(frozen=True)
class CiteMark:
    """A superscript link from a fact to the sentence of a source that supports it."""

    href: str  # the sentence's anchor on the source's page
    number: int  # the sentence's number in the document, shown
    label: str  # the accessible name: "Source: <source title>, sentence 12"
    passage: str  # the words cited, shown on hover
    position: int = 0  # where the words start in the document, to list passages in its order


@dataclass(frozen=True)
class PassageView:
    """One passage a page relies on, in its "Sources" section."""

    text: str
    mark: CiteMark
    supports: tuple[str, ...]  # the fields it supports ("status", "date"); empty: the whole record


@dataclass(frozen=True)
class EvidenceGroup:
    """One source of a page's "Sources" section, with the passages the page relies on in it."""

    source: LinkView
    passages: tuple[PassageView, ...]


@dataclass(frozen=True)
class KeyFactView:
    """One line of a key-facts box: the fact, and where it leads (the passage of the source that
    says it, or the source's page)."""

    label: str
    value: str
    href: str
    source_label: str  # the link's accessible name: "Source: <title>, sentence 12"
    passage: str = ""  # the source's words, shown on hover


@dataclass(frozen=True)
class CorrectionView:
    anchor: str  # its id on the page: "correction-1"
    date: str  # "5 February 2025"
    iso: str
    html: str


@dataclass(frozen=True)
class Piece:
    """A stretch of a sentence in the source viewer: plain text, a quoted passage (`quote`:
    highlighted, linked to its quote) or a mention of a record (`mention`: linked)."""

    text: str
    kind: str = ""
    href: str = ""
    ref: str = ""  # the id it links to
    css: str = ""
    note: str = ""  # for a quoted passage, whose words they are (its link's description)


@dataclass(frozen=True)
class SentenceView:
    anchor: str
    number: int
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class DocumentView:
    """A source's document, paragraph by paragraph, sentence by sentence."""

    paragraphs: tuple[tuple[SentenceView, ...], ...]
    sentences: int
    quoted: int  # how many quotes are highlighted in it


@dataclass(frozen=True)
class Reliance:
    """A passage of a source (on its page) and the records that rely on it."""

    mark: CiteMark
    text: str
    records: tuple[tuple[LinkView, str], ...]  # each record, and what the passage supports there


@dataclass(frozen=True)
class LinkView:
    href: str
    text: str
    collection: str = ""
    id: str = ""


@dataclass(frozen=True)
class InfoValue:
    text: str = ""
    link: LinkView | None = None
    html: str = ""
    badge: str = ""
    external: bool = False


@dataclass(frozen=True)
class InfoRow:
    label: str  # as shown, in the page's language
    values: tuple[InfoValue, ...]
    names: bool = False  # the record's other names: weighted up in site search
    cites: tuple[CiteMark, ...] = ()  # the sentences of sources that support the row
    field: str = ""  # what the row shows, in English ("Role"; an institution's fact: its label)


@dataclass(frozen=True)
class Backlink:
    link: LinkView
    relations: tuple[str, ...]
    context: str


@dataclass(frozen=True)
class StoryMention:
    """An article or page in "In the story", with the sentence that mentions the record."""

    link: LinkView
    context: str


@dataclass(frozen=True)
class Connection:
    """One record in "Connected to", with the words for how it is linked ("" for a mention)."""

    link: LinkView
    relation: str


@dataclass(frozen=True)
class ConnectionGroup:
    title: str  # the kind, plural: "People"
    items: tuple[Connection, ...]


# Punctuation at the end of a quote's words that belongs to the sentence around them.
SENTENCE_PUNCTUATION = ",;: \u00a0"


@dataclass(frozen=True)
class QuoteView:
    id: str
    text: str  # as written (and verified against the source)
    speaker: LinkView | None
    reported_by: LinkView | None
    source: LinkView | None
    date: str
    context_html: str
    cite: CiteMark | None = None  # the sentence of the source the words are in
    # In an edition in another language: the language of the words as said (the default
    # language's), and the quote's translation into the page's language (never verified).
    text_lang: str = ""
    translation: str = ""
    context_lang: str = ""  # the context's language when the quote has no translation (marked)

    @property
    def shown(self) -> str:
        """The words as the card shows them, inside quotation marks of its own: without the
        comma, semicolon or colon that belongs to the reporter's sentence around them
        ("inhumane conditions," is shown “inhumane conditions”). A full stop, ! and ? stay."""
        return self.text.rstrip(SENTENCE_PUNCTUATION) or self.text


@dataclass(frozen=True)
class AttachedView:
    """A quote or an agreement inside its event's timeline entry."""

    link: LinkView  # the quote's place on the quotes page, or the agreement's page
    text: str  # an agreement's title and status; a quote's words, in quotation marks
    speaker: LinkView | None = None


@dataclass(frozen=True)
class SpokeView:
    """"Marco Rubio spoke": a speaker at an event, linked to their first quote there (record pages,
    which show the quotes' words in their own section)."""

    name: str
    href: str
    quote_id: str
    count: int


@dataclass(frozen=True)
class TimelineItem:
    id: str
    label: str
    iso: str
    kind: str
    title: str
    link: LinkView | None
    records: tuple[LinkView, ...]  # the records involved, without the linked one
    sources: tuple[LinkView, ...]
    kind_label: str = ""
    record_ids: tuple[str, ...] = ()  # every record involved, for filtering
    summary_html: str = ""
    on_timeline: bool = False  # the link points at this entry on the timeline page
    cites: tuple[CiteMark, ...] = ()  # the sentences of sources that support the date
    agreements: tuple[AttachedView, ...] = ()  # an event's: made or announced there
    quotes: tuple[AttachedView, ...] = ()  # an event's: said there
    speakers: tuple[SpokeView, ...] = ()  # who said them, once each
    short_title: str = ""  # a quote's entry on a record page: "Marco Rubio spoke", not the words
    # In an edition in another language: the language of the title and summary when the record has
    # no translation and shows the original's text (marked on the page); else "".
    original_lang: str = ""

    @property
    def record_ids_text(self) -> str:
        """The ids of every record involved, space-separated (for filtering in the browser)."""
        return " ".join(self.record_ids)

    def others(self, current: str) -> tuple[LinkView, ...]:
        """The records involved, without the one whose page shows the entry."""
        return tuple(r for r in self.records if r.id != current) if current else self.records


@dataclass
class RecordPage:
    entity: Entity
    kind_label: str
    collection_title: str
    title: str
    summary_html: str
    description: str
    infobox: list[InfoRow]
    quotes: list[QuoteView]  # "What they said": the quotes it is the speaker of (the first few)
    timeline: list[TimelineItem]
    in_story: list[StoryMention]  # "In the story" (the first few; `views.record_sections`)
    connected: list[ConnectionGroup]  # "Connected to" (the first few records)
    sources: list[LinkView]
    body_html: str = ""
    terms_html: list[str] = field(default_factory=list)
    timeline_total: int = 0  # `timeline` holds the latest entries (`paging.record_timeline_length`)
    # How many entries each bounded section has in all, by its name in `record_sections.SECTIONS`.
    section_totals: dict[str, int] = field(default_factory=dict)
    timeline_all: int = 0  # the record's entries on the full timeline, quotes included
    # Provenance (`views.provenance`): the marks of cited facts that are not in the infobox, by
    # where they are shown ("summary", "terms", "date"), the "Sources" trail, the public record
    # of changes, and for a source its document and what relies on it.
    cites: dict[str, tuple[CiteMark, ...]] = field(default_factory=dict)
    evidence: list[EvidenceGroup] = field(default_factory=list)
    updated_label: str = ""  # when it last changed in public ("5 February 2025"), if it says
    updated_iso: str = ""
    corrections: list[CorrectionView] = field(default_factory=list)
    document: DocumentView | None = None
    relied_on: list[Reliance] = field(default_factory=list)
    key_facts: list[KeyFactView] = field(default_factory=list)  # a document's key-facts box
