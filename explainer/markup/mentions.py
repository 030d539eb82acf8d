"""Automatic mention linking: a record's name or alias in any Markdown becomes a link to it.

This module owns `MentionExtension`, the Python-Markdown extension whose treeprocessor rewrites
the parsed tree, and `MentionLinker`, what it links against: the trie of names (`names` owns the
names and their clashes, `trie` the matcher), where each record's mentions link, and the policy.
A site's linker is built once per build (`make_linker`) and shared by every conversion; each
`MarkdownRenderer` has its own extension, which keeps what the page has linked so far. Glossary
terms go through the same matcher, marked up as a term with its definition in a CSS-only tooltip.

The extension works in plain Python-Markdown too, with a table of names (name -> address):

    import markdown
    from explainer.markup.mentions import MentionExtension
    html = markdown.markdown("Bukele met Rubio. Bukele spoke.", extensions=[MentionExtension.from_names({"Bukele": "/bukele/", "Rubio": "/rubio/"})])

`html` is then `<p><a class="mention" href="/bukele/">Bukele</a> met <a class="mention"
href="/rubio/">Rubio</a>. Bukele spoke.</p>`: each document is a page of its own, and its links
have no `data-ref` (tests/unit/test_linking.py runs the example).

The rules, as a writer sees them:

- Names are matched on whole words in any script, case-sensitively. A name whose first letter is
  lowercase ("migratory agreement") also matches with that letter capitalized, so it is found at
  the start of a sentence. Text is compared in Unicode NFC; typographic and straight apostrophes
  are the same.
- The longest name wins, so "Trump administration" is one mention of the administration, never of
  Trump, and "State Department spokeswoman Tammy Bruce" is one mention of Tammy Bruce.
- Possessives: only the name is linked; the "'s" stays outside the link ("[Bukele]’s").
- Mentions are never linked inside an existing link, a heading, code or preformatted text, and
  never to the record that owns the text. `restraint` owns the rest of the restraint: none in a
  quotation or a dateline (there the first is kept as a mention, not linked), warnings for a
  paragraph with too many linked words. A quote's context does not link the records the quote
  card is shown beside (its speaker, reporter, source and related records).
- `link_mentions` decides which mentions are linked: `first-per-page` (default), `first-per-section`
  (a section is the part under one h2 or h3 heading; each Markdown field of a record starts its
  own section), `all`, or `none`. "Page" means every Markdown field a record or document owns, in
  reading order (definition, summary, terms): the second field does not link again what the first
  did. A quote's context is its own scope, since its card is shown on several pages.
- Explicit links win: when a record is linked with `[[id]]` or a Markdown link to its URL anywhere
  in a piece of Markdown, the automatic link to it is dropped in that scope (the page, or the
  section), before and after the explicit one. Under `all` every mention is linked anyway.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as etree  # noqa: N813 - the name Python-Markdown uses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from explainer.content.model import Document, Entity, GlossaryTerm, Quote
from explainer.content.schema import LINK_MENTIONS
from explainer.core.errors import Reporter
from explainer.markup.names import NameClaim, build_trie, names_of
from explainer.markup.renderer import MarkdownRenderer, conversion_state, first_sentence
from explainer.markup.restraint import BLOCKS, QuoteState, dateline_end, dense_warnings
from explainer.markup.text import html_text
from explainer.markup.trie import NameTrie, Target
from explainer.site.index import SiteIndex

POLICIES = LINK_MENTIONS  # the values of `link_mentions`, which the schema checks
# Elements whose text is never scanned: links, headings, code and anything that is not prose.
SKIPPED_TAGS = frozenset({
    "a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style",
    "textarea", "button", "svg", "math", "abbr",
})
SECTION_TAGS = frozenset({"h2", "h3"})
MAX_DEFINITION = 200


def short_definition(text: str, limit: int = MAX_DEFINITION) -> str:
    """The first sentence of a plain text, cut at a word if longer than `limit`."""
    sentence = first_sentence(text)
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


def short_definitions(index: SiteIndex, reporter: Reporter) -> dict[str, str]:
    """Each glossary term's first sentence as plain text, for its tooltip.

    Definitions are converted with their own Markdown instance (without mention linking), since
    the tooltips are needed while the rest of the site is being converted.
    """
    terms = [e for e in index.entities.values() if isinstance(e, GlossaryTerm)]
    if not terms:
        return {}
    renderer = MarkdownRenderer(index, reporter)
    return {
        term.id: short_definition(html_text(renderer.render(term.definition, term).html))
        for term in terms
    }


class Destination(NamedTuple):
    """What a mention of one record becomes: a link to `href` with class `css`, and `data-ref` (the
    record's id, for backlinks and previews) when `ref` is set; a glossary term's (`term` set) is
    wrapped with its short definition, `tip`, as a tooltip. (A named tuple: the cache has many.)"""

    href: str
    css: str = "mention"
    ref: str | None = None
    term: str | None = None
    tip: str = ""


class MentionLinker:
    """What mention linking links against, built once and shared by every conversion (and every
    worker process): the trie of names, each target's `Destination`, the addresses an explicit
    Markdown link may use for a target (`hrefs`), and the policy."""

    def __init__(self, trie: NameTrie, destinations: dict[str, Destination],
                 hrefs: dict[str, str] | None = None, policy: str = "first-per-page",
                 max_share: float | None = None):
        if policy not in POLICIES:
            raise ValueError(f"unknown link_mentions policy: {policy}")
        self.max_share = max_share  # `max_linked_share`: None, no warnings
        self.trie = trie
        self.destinations = destinations
        self.hrefs = hrefs if hrefs is not None else {d.href: target for target, d in destinations.items()}
        self.policy = policy

    @classmethod
    def from_names(cls, names: Mapping[str, str], policy: str = "first-per-page") -> MentionLinker:
        """A linker for a table of names, each -> the address it links to (names with one address
        are one target: under `first-per-page`, only the first of them is linked)."""
        return cls(NameTrie.from_names(names), {href: Destination(href) for href in names.values()}, policy=policy)

    def resolve_href(self, href: str) -> str | None:
        """The target an explicit Markdown link points to, if its URL is a target's."""
        target = self.hrefs.get(href)
        if target is None and "#" in href:
            target = self.hrefs.get(href.partition("#")[0])
        return target


def make_linker(index: SiteIndex, reporter: Reporter, policy: str | None = None) -> MentionLinker:
    """The site's mention linker; name clashes are reported to `reporter`. Everything it holds
    follows from the site's linkset (see `incremental.linkset_fingerprint`)."""
    trie = build_trie(index, reporter)
    definitions = short_definitions(index, reporter)
    destinations: dict[str, Destination] = {}
    hrefs: dict[str, str] = {}
    for entity_id, entity in index.entities.items():
        href = index.url_for(entity_id)
        hrefs.setdefault(href, entity_id)
        hrefs.setdefault(index.absolute_url(index.link_path(entity_id)), entity_id)
        term = entity.term if isinstance(entity, GlossaryTerm) else None
        destinations[entity_id] = Destination(
            href, f"mention mention-{entity.collection}", entity_id, term,
            (definitions.get(entity_id) or entity.term) if isinstance(entity, GlossaryTerm) else "",
        )
    config = index.config
    return MentionLinker(trie, destinations, hrefs, policy or config.link_mentions, config.max_linked_share)


def excluded(owner: Entity | None) -> set[str]:
    """Records the owner's Markdown must not link automatically: itself, and for a quote the
    records whose pages show the quote's card (see `views.ViewBuilder.quotes_for`)."""
    if owner is None:
        return set()
    found = {owner.id}
    if isinstance(owner, Quote):
        found.update((owner.speaker.id, owner.source.id, *(r.id for r in owner.related)))
        if owner.reported_by:
            found.add(owner.reported_by.id)
    return found


@dataclass
class _Scope:
    """What has been linked so far on one page (all Markdown fields of one owner; a document
    without an owner is a page of its own)."""

    owner: str | None
    linked: set[str] = field(default_factory=set)  # first-per-page
    quiet: set[str] = field(default_factory=set)  # named in a quotation or dateline, not linked
    linked_in_section: set[tuple[tuple[int, int], str]] = field(default_factory=set)
    documents: int = 0
    tips: int = 0


class MentionExtension(Extension):
    """Python-Markdown extension: names in the text become links, as `linker` says.

    Inside a `MarkdownRenderer` the owner of each document comes from the renderer
    (`renderer.conversion_state`), and the documents of one owner converted one after another are
    one page: `reset`, which Python-Markdown calls before each document, keeps the page then.
    """

    # After inline parsing (priority 20), so [[id]] links exist, and before links are collected for
    # backlinks (0); after `toc` (also 5, registered first), which gives headings their ids.
    PRIORITY = 5

    def __init__(self, linker: MentionLinker):
        super().__init__()
        self.linker = linker
        self.md: markdown.Markdown | None = None
        self.scope = _Scope(None)

    @classmethod
    def from_names(cls, names: Mapping[str, str], policy: str = "first-per-page") -> MentionExtension:
        """The extension for a table of names, each -> the address it links to."""
        return cls(MentionLinker.from_names(names, policy))

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        md.registerExtension(self)
        self.md = md
        md.treeprocessors.register(MentionProcessor(md, self), "explainer-mentions", self.PRIORITY)

    def owner(self) -> Entity | None:
        """The record or document that owns the text being converted, if known."""
        state = conversion_state(self.md) if self.md is not None else None
        return state.owner if state is not None else None

    def reset(self) -> None:
        """Before each document: a new page, unless the document has the last one's owner."""
        owner = self.owner()
        if owner is None or owner.id != self.scope.owner:
            self.scope = _Scope(None if owner is None else owner.id)


class MentionProcessor(Treeprocessor):
    """Rewrites one parsed Markdown document: names become links, glossary terms get tooltips."""

    def __init__(self, md: markdown.Markdown, extension: MentionExtension):
        super().__init__(md)
        self.extension = extension
        self.linker = extension.linker

    def run(self, root: etree.Element) -> None:
        scope = self.extension.scope
        scope.documents += 1
        explicit = self._explicit_links(root)
        if self.linker.policy != "none":
            walker = _Walker(self.linker, scope, explicit, excluded(self.extension.owner()))
            first = next(iter(root), None)
            walker.dateline = first if first is not None and first.tag == "p" else None
            walker.walk(root)
            if self.linker.policy == "first-per-page":
                scope.linked.update(target for targets in explicit.values() for target in targets)
        state = conversion_state(self.md)  # the renderer reports them, at their lines (prose only)
        if self.linker.max_share is not None and state is not None and isinstance(state.owner, Document):
            state.warnings += dense_warnings(root, self.linker.max_share)

    def _explicit_links(self, root: etree.Element) -> dict[int, set[str]]:
        """Targets linked explicitly, by section number; a Markdown link to a record's URL gets
        `data-ref` so that it counts for backlinks and previews too."""
        explicit: dict[int, set[str]] = {}
        section = 0
        for element in root.iter():
            if element.tag in SECTION_TAGS:
                section += 1
            elif element.tag == "a":
                target = element.get("data-ref")
                href = element.get("href")
                if target is None and href:
                    target = self.linker.resolve_href(href)
                    ref = self.linker.destinations[target].ref if target is not None else None
                    if ref is not None:
                        element.set("data-ref", ref)
                if target is not None:
                    explicit.setdefault(section, set()).add(target)
        return explicit


class _Walker:
    """One pass over a document in reading order, deciding which mentions to link."""

    def __init__(self, linker: MentionLinker, scope: _Scope, explicit: dict[int, set[str]],
                 excluded: set[str]):
        self.linker = linker
        self.scope = scope
        self.explicit = explicit
        self.explicit_anywhere = set().union(*explicit.values()) if explicit else set()
        self.excluded = excluded
        self.policy = linker.policy
        self.section = 0
        self.quotes = QuoteState()  # quotation marks read so far in the paragraph
        self.dateline: etree.Element | None = None  # the first paragraph, which may open with one

    def walk(self, element: etree.Element) -> None:
        if element.tag in SECTION_TAGS:
            self.section += 1
        if element.tag in SKIPPED_TAGS or element.get("role") == "tooltip":
            return
        if element.get("class") == "broken-ref":
            return
        if element.tag in BLOCKS:
            self.quotes = QuoteState()
        children = list(element)
        position = 0
        if element.text and not isinstance(element.text, AtomicString):
            element.text, made = self.link_text(element.text, element is self.dateline)
            for offset, made_element in enumerate(made):
                element.insert(offset, made_element)
            position = len(made)
        for child in children:
            self.walk(child)
            position += 1
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail, made = self.link_text(child.tail)
                for made_element in made:
                    element.insert(position, made_element)
                    position += 1

    def link_text(self, text: str, dateline: bool = False) -> tuple[str, list[etree.Element]]:
        """Split a text at the mentions to link: the leading text and the new elements (each
        carrying the text after it as its tail). Nothing is linked in quotations, nor in the
        dateline the text opens with when it is the start of the first paragraph."""
        if text.isspace():
            return text, []
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        kept_out = self.quotes.spans(text) + ([(0, dateline_end(text))] if dateline else [])
        made: list[etree.Element] = []
        head, last = text, 0
        for match in self.linker.trie.scan(text):
            words, target = text[match.start : match.end], match.target
            if any(start < match.end and match.start < end for start, end in kept_out):
                element = self.quiet(target.id, words)
            else:
                element = self.make_link(target, words) if self.wanted(target.id) else None
            if element is None:
                continue
            if made:
                made[-1].tail = text[last : match.start]
            else:
                head = text[: match.start]
            made.append(element)
            last = match.end
        if made:
            made[-1].tail = text[last:]
        return head, made

    def wanted(self, target: str) -> bool:
        if target in self.excluded:
            return False
        policy = self.policy
        if policy == "all":
            return True
        scope = self.scope
        if policy == "first-per-page":
            if target in scope.linked or target in self.explicit_anywhere:
                return False
            scope.linked.add(target)
            return True
        key = (scope.documents, self.section)
        if (key, target) in scope.linked_in_section or target in self.explicit.get(self.section, ()):
            return False
        scope.linked_in_section.add((key, target))
        return True

    def quiet(self, target: str, text: str) -> etree.Element | None:
        """A mention in a quotation or dateline, not linked but a backlink all the same the first
        time the page names the record: a span with `data-ref`."""
        if any(target in s for s in (self.excluded, self.scope.linked, self.scope.quiet, self.explicit_anywhere)):
            return None
        self.scope.quiet.add(target)
        (element := etree.Element("span", {"class": "mention-quiet", "data-ref": target})).text = text
        return element

    def make_link(self, target: Target, text: str) -> etree.Element:
        destination = self.linker.destinations[target.id]
        attributes = {"href": destination.href, "class": destination.css}
        if destination.ref is not None:
            attributes["data-ref"] = destination.ref
        if destination.term is None:
            link = etree.Element("a", attributes)
            link.text = text
            return link
        self.scope.tips += 1
        owner = self.scope.owner
        tip_id = f"tip-{owner}-{self.scope.tips}" if owner is not None else f"tip-{self.scope.tips}"
        wrapper = etree.Element("span", {"class": "gloss"})
        link = etree.SubElement(wrapper, "a", {**attributes, "aria-describedby": tip_id})
        if target.abbreviation:
            abbr = etree.SubElement(link, "abbr", {"title": destination.term})
            abbr.text = text
        else:
            link.text = text
        tip = etree.SubElement(
            wrapper, "span",
            {"role": "tooltip", "id": tip_id, "class": "gloss-tip", "data-pagefind-ignore": "all"},
        )
        tip.text = destination.tip
        return wrapper


__all__ = [
    "POLICIES", "Destination", "MentionExtension", "MentionLinker", "make_linker",
    # kept importable from here: they moved to `names`
    "NameClaim", "NameTrie", "Target", "build_trie", "names_of",
]
