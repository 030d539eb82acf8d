"""Automatic mention linking: a record's name or alias in any Markdown becomes a link to it.

This module owns the name table (every name and alias of every record, with clashes between
records reported at build time), the matcher (a word-level trie compiled once per build) and the
treeprocessor that rewrites the parsed Markdown tree. Glossary terms go through the same matcher
but are marked up as a term with its short definition in a CSS-only tooltip.

The rules, as a writer sees them:

- Names are matched on whole words in any script, case-sensitively. A name whose first letter is
  lowercase ("migratory agreement") also matches with that letter capitalized, so it is found at
  the start of a sentence. Text is compared in Unicode NFC; typographic and straight apostrophes
  are the same.
- The longest name wins, so "Trump administration" is one mention of the administration, never of
  Trump, and "State Department spokeswoman Tammy Bruce" is one mention of Tammy Bruce.
- Possessives: only the name is linked; the "'s" stays outside the link ("[Bukele]’s").
- Mentions are never linked inside an existing link, a heading, code or preformatted text, and
  never to the record that owns the text. A quote's context does not link the records the quote
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

import bisect
import contextlib
import functools
import gc
import re
import sys
import unicodedata
import xml.etree.ElementTree as etree  # noqa: N813 - the name Python-Markdown uses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import NamedTuple

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from explainer.content.model import (
    Agreement,
    Entity,
    Event,
    GlossaryTerm,
    Institution,
    Person,
    Place,
    Quote,
    Record,
    Source,
)
from explainer.core.errors import Reporter
from explainer.markup.renderer import ConversionState, MarkdownRenderer, first_sentence
from explainer.site.index import SiteIndex

POLICIES = ("first-per-page", "first-per-section", "all", "none")
# Elements whose text is never scanned: links, headings, code and anything that is not prose.
SKIPPED_TAGS = frozenset({
    "a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style",
    "textarea", "button", "svg", "math", "abbr",
})
SECTION_TAGS = frozenset({"h2", "h3"})
MAX_DEFINITION = 200
_END = None  # the trie key under which a node stores the name that ends there


def _mark_ranges(low: int, high: int) -> str:
    """The combining marks between two code points, as the body of a regex character class."""
    ranges: list[str] = []
    start = previous = -2
    for code in [*(c for c in range(low, high) if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me")), -2]:
        if code == previous + 1:
            previous = code
            continue
        if start >= 0:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous != start else ""))
        start = previous = code
    return "".join(ranges)


@functools.cache
def _token_pattern() -> re.Pattern:
    """A token: one optional space, then a word (letters, digits and the combining marks of any
    script) or a single other character. Text is scanned with its white space runs collapsed to
    one space, so the tokens cover it exactly and a name matches across a line break.

    Python's \\w leaves out combining marks, which would split words in scripts such as Devanagari,
    so they are added; they are all in U+0300..U+1FFFF apart from the variation selectors.
    """
    bmp = _mark_ranges(0x300, 0x10000)
    other = _mark_ranges(0x10000, 0x20000) + "\U000e0100-\U000e01ef"
    # Marks are only tried where a run of \w ends, and the long list of marks outside the Basic
    # Multilingual Plane only for characters there, which keeps the common case fast.
    mark = f"(?:[{bmp}]|(?=[\U00010000-\U0001ffff\U000e0100-\U000e01ef])[{other}])"
    word = f"\\w+(?:{mark}+\\w*)*"
    # Python-Markdown's placeholders (\x02...\x03) are one token that no name can match.
    return re.compile(" ?(?:\x02[^\x03]*\x03|" + word + "|\\S)")


_SPACE_RUN = re.compile(r"\s+")
_ODD_SPACE = re.compile(r"[^\S ]|  ")  # white space other than single spaces
# Characters that are the same for matching: apostrophes, and hyphens that do not break a line.
_SAME = (("'", "’", "ʼ"), ("-", "\u2010", "\u2011"))
_VARIANTS = {
    prefix + char: tuple(prefix + other for other in group)
    for group in _SAME for char in group for prefix in ("", " ")
}


def _keys(text: str) -> list[str]:
    """Trie keys of a name: its tokens, the first without its leading space."""
    words = text.split()
    if all(word.isalnum() for word in words):  # the common case, without the tokenizer
        return words[:1] + [" " + word for word in words[1:]]
    keys = _token_pattern().findall(_SPACE_RUN.sub(" ", text.strip()))
    return keys[:1] + keys[1:]


_WORD = re.compile(r"\w")


def _has_word(text: str) -> bool:
    return _WORD.search(text) is not None


@dataclass(frozen=True)
class Target:
    """What a name links to: the record, and whether the name is the record's abbreviation."""

    id: str
    abbreviation: bool = False


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    target: Target


class NameTrie:
    """A word-level trie of names; `scan` finds leftmost-longest matches in one pass over a text.

    Each token of the text is looked up once in the root; from a hit the trie is walked only as
    far as the text keeps matching some name, so the cost grows with the text, not with the
    number of names. Keys are the tokens as the tokenizer returns them (" word" after a space,
    "word" after punctuation), so scanning needs no per-token work; equivalent characters
    (apostrophes) share one child node.
    """

    def __init__(self) -> None:
        self.root: dict = {}
        self.size = 0

    def add(self, keys: Iterable[str], target: Target) -> None:
        node = self.root
        for number, key in enumerate(keys):
            child = node.get(key)
            if child is None:
                child = {}
                spellings = _VARIANTS.get(key, (key,))
                if number == 0:  # a name may start after a space or after punctuation
                    spellings = (*spellings, *(" " + k for k in spellings))
                for spelling in spellings:
                    child = node.setdefault(spelling, child)
            node = child
        if _END not in node:
            self.size += 1
        node[_END] = target

    def scan(self, text: str) -> list[Match]:
        """Leftmost-longest matches of names in `text`, as offsets into `text`."""
        normal = _SPACE_RUN.sub(" ", text) if _ODD_SPACE.search(text) else text
        tokens = _token_pattern().findall(normal)
        root = self.root
        count = len(tokens)
        found: list[tuple[int, int, Target]] = []
        free = 0  # the first token not inside a match
        # Only tokens that can start a name need the walk; finding them is one fast pass.
        for i in [i for i, token in enumerate(tokens) if token in root]:
            if i < free:
                continue
            node = root[tokens[i]]
            best = node.get(_END)
            last = i
            j = i + 1
            while j < count:
                node = node.get(tokens[j])
                if node is None:
                    break
                if _END in node:
                    best, last = node[_END], j
                j += 1
            if best is not None:
                found.append((i, last, best))
                free = last + 1
        if not found:
            return []
        return _offsets(text, normal, tokens, found)


def _offsets(text: str, normal: str, tokens: list[str], found: list[tuple[int, int, Target]]) -> list[Match]:
    """Turn token spans into character offsets in the original text."""
    shifts: list[tuple[int, int]] = []  # (offset in `normal` from which, added to get `text`'s)
    if normal is not text:
        shift = 0
        for run in _SPACE_RUN.finditer(text):
            shift += run.end() - run.start() - 1
            shifts.append((run.start() - (shift - (run.end() - run.start() - 1)) + 1, shift))

    def original(offset: int) -> int:
        position = bisect.bisect_right(shifts, (offset, sys.maxsize)) - 1
        return offset + (shifts[position][1] if position >= 0 else 0)

    matches = []
    done, chars = 0, 0
    for first, last, target in found:
        chars += sum(map(len, tokens[done:first]))
        start = chars + (tokens[first][0] == " ")
        chars += sum(map(len, tokens[first : last + 1]))
        done = last + 1
        matches.append(Match(original(start), original(chars), target))
    return matches


class NameClaim(NamedTuple):
    """One record claiming one name, and where it did."""

    text: str
    entity: Entity
    line: int
    priority: int = 0
    abbreviation: bool = False
    generated: bool = False  # a capitalized variant we added, not something the writer wrote


def names_of(entity: Entity) -> Iterator[NameClaim]:
    """Every name a record may be mentioned by: its name fields, then its aliases."""
    if not isinstance(entity, Record) or isinstance(entity, Quote):
        return
    fields: tuple[str, ...] = ()
    if isinstance(entity, (Person, Place)):
        fields = ("name",)
    elif isinstance(entity, Institution):
        fields = ("name", "short_name")
    elif isinstance(entity, (Agreement, Event, Source)):
        fields = ("title",)
    elif isinstance(entity, GlossaryTerm):
        fields = ("term",)
    for name in fields:
        value = getattr(entity, name, None)
        if value:
            yield NameClaim(value, entity, entity.line_of(name))
    if isinstance(entity, GlossaryTerm) and entity.abbreviation:
        yield NameClaim(entity.abbreviation, entity, entity.line_of("abbreviation"), abbreviation=True)
    for alias in entity.aliases:
        yield NameClaim(alias.text, entity, alias.line, alias.priority)


def _with_variants(claims: Iterable[NameClaim]) -> Iterator[NameClaim]:
    for claim in claims:
        text = claim.text.strip()
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if text != claim.text:
            claim = claim._replace(text=text)
        yield claim
        first = text[:1]
        if first.islower() and first.upper() != first:
            yield claim._replace(text=first.upper() + text[1:], generated=True)


def build_trie(index: SiteIndex, reporter: Reporter) -> NameTrie:
    """The trie of every record's names; a name two records claim equally is reported."""
    with collector_paused():
        claimed: dict[tuple[str, ...], NameClaim | dict[str, NameClaim]] = {}
        for entity in index.entities.values():
            for claim in _with_variants(names_of(entity)):
                keys = tuple(_keys(claim.text))
                if not keys or not _has_word(claim.text):
                    if not claim.generated:
                        reporter.error(
                            entity.path, claim.line,
                            f"alias '{claim.text}' has no letters or digits, so it cannot be found in text",
                        )
                    continue
                kept = claimed.get(keys)
                if kept is None:
                    claimed[keys] = claim
                    continue
                if isinstance(kept, NameClaim):
                    kept = claimed[keys] = {kept.entity.id: kept}
                other = kept.get(entity.id)
                if other is None or _rank(claim) > _rank(other):
                    kept[entity.id] = claim
        order = {entity_id: n for n, entity_id in enumerate(index.entities)}
        trie = NameTrie()
        for keys, kept in claimed.items():
            winner = kept if isinstance(kept, NameClaim) else _resolve(list(kept.values()), order, reporter)
            if winner is not None:
                trie.add(keys, Target(winner.entity.id, winner.abbreviation))
    return trie


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building the trie: its tens of thousands of new
    dicts would otherwise set off repeated full collections, which cost more than the build."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rank(claim: NameClaim) -> tuple[bool, int]:
    return (not claim.generated, claim.priority)


def _resolve(claims: list[NameClaim], order: dict[str, int], reporter: Reporter) -> NameClaim | None:
    """The record a name belongs to: the one claiming it with the highest priority. A tie between
    names the writers wrote is an error naming both records."""
    claims.sort(key=_rank, reverse=True)
    top = [c for c in claims if _rank(c) == _rank(claims[0])]
    if len(top) == 1:
        return top[0]
    if top[0].generated:
        return None  # the writers' own spellings already clash, and that is reported
    top.sort(key=lambda c: (order[c.entity.id], c.line))
    first = top[0]
    where = f"{reporter.display_path(first.entity.path)}:{first.line}"
    for other in top[1:]:
        reporter.error(
            other.entity.path, other.line,
            f"alias '{other.text}' belongs to both '{first.entity.id}' ({where}) and "
            f"'{other.entity.id}'",
        )
    return None


class _PlainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain(html: str) -> str:
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


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
        term.id: short_definition(_plain(renderer.render(term.definition, term).html))
        for term in terms
    }


@dataclass
class _Scope:
    """What has been linked so far on one page (all Markdown fields of one owner)."""

    owner: str
    linked: set[str] = field(default_factory=set)  # first-per-page
    linked_in_section: set[tuple[int, str]] = field(default_factory=set)
    documents: int = 0
    tips: int = 0


class MentionLinker:
    """Everything mention linking needs, built once per site: names, URLs, glossary tooltips."""

    def __init__(self, index: SiteIndex, reporter: Reporter, policy: str | None = None):
        self.index = index
        self.policy = policy or index.config.link_mentions
        if self.policy not in POLICIES:
            raise ValueError(f"unknown link_mentions policy: {self.policy}")
        self.trie = build_trie(index, reporter)
        self.definitions = short_definitions(index, reporter)
        self.hrefs: dict[str, str] = {}
        for entity_id in index.entities:
            self.hrefs.setdefault(index.url_for(entity_id), entity_id)
            self.hrefs.setdefault(index.absolute_url(index.link_path(entity_id)), entity_id)

    def factory(self, md: markdown.Markdown, state: ConversionState) -> tuple[Treeprocessor, str, int]:
        """For `MarkdownRenderer(extra_treeprocessors=...)`: runs after inline parsing (priority 20)
        and before links are collected for backlinks (priority 0)."""
        return MentionProcessor(md, state, self), "explainer-mentions", 5

    def excluded(self, owner: Entity) -> set[str]:
        """Records the owner's Markdown must not link automatically: itself, and for a quote the
        records whose pages show the quote's card (see `views.ViewBuilder.quotes_for`)."""
        excluded = {owner.id}
        if isinstance(owner, Quote):
            excluded.update((owner.speaker.id, owner.source.id, *(r.id for r in owner.related)))
            if owner.reported_by:
                excluded.add(owner.reported_by.id)
        return excluded

    def resolve_href(self, href: str) -> str | None:
        """The record an explicit Markdown link points to, if its URL is a record's."""
        entity_id = self.hrefs.get(href)
        if entity_id is None and "#" in href:
            entity_id = self.hrefs.get(href.partition("#")[0])
        return entity_id


class MentionProcessor(Treeprocessor):
    """Rewrites one parsed Markdown document: names become links, glossary terms get tooltips."""

    def __init__(self, md: markdown.Markdown, state: ConversionState, linker: MentionLinker):
        super().__init__(md)
        self.state = state
        self.linker = linker
        self.scope: _Scope | None = None

    def run(self, root: etree.Element) -> None:
        owner = self.state.owner
        if owner is None:
            return
        if self.scope is None or self.scope.owner != owner.id:
            self.scope = _Scope(owner.id)
        scope = self.scope
        scope.documents += 1
        explicit = self._explicit_links(root)
        if self.linker.policy == "none":
            return
        walker = _Walker(self, scope, explicit, self.linker.excluded(owner))
        walker.walk(root)
        if self.linker.policy == "first-per-page":
            scope.linked.update(target for targets in explicit.values() for target in targets)

    def _explicit_links(self, root: etree.Element) -> dict[int, set[str]]:
        """Records linked explicitly, by section number; Markdown links to a record's URL get
        `data-ref` so that they count for backlinks and previews too."""
        explicit: dict[int, set[str]] = {}
        section = 0
        for element in root.iter():
            if element.tag in SECTION_TAGS:
                section += 1
            elif element.tag == "a":
                target = element.get("data-ref")
                if target is None and element.get("href"):
                    target = self.linker.resolve_href(element.get("href"))
                    if target is not None:
                        element.set("data-ref", target)
                if target is not None:
                    explicit.setdefault(section, set()).add(target)
        return explicit


class _Walker:
    """One pass over a document in reading order, deciding which mentions to link."""

    def __init__(self, processor: MentionProcessor, scope: _Scope, explicit: dict[int, set[str]],
                 excluded: set[str]):
        self.linker = processor.linker
        self.index = processor.linker.index
        self.scope = scope
        self.explicit = explicit
        self.explicit_anywhere = set().union(*explicit.values()) if explicit else set()
        self.excluded = excluded
        self.policy = processor.linker.policy
        self.section = 0

    def walk(self, element: etree.Element) -> None:
        if element.tag in SECTION_TAGS:
            self.section += 1
        if element.tag in SKIPPED_TAGS or element.get("role") == "tooltip":
            return
        if element.get("class") == "broken-ref":
            return
        children = list(element)
        position = 0
        if element.text and not isinstance(element.text, AtomicString):
            element.text, made = self.link_text(element.text)
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

    def link_text(self, text: str) -> tuple[str, list[etree.Element]]:
        """Split a text at the mentions to link: the leading text and the new elements (each
        carrying the text after it as its tail)."""
        if text.isspace():
            return text, []
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        made: list[etree.Element] = []
        head = text
        last = 0
        for match in self.linker.trie.scan(text):
            if not self.wanted(match.target.id):
                continue
            element = self.make_link(match.target, text[match.start : match.end])
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

    def make_link(self, target: Target, text: str) -> etree.Element:
        entity = self.index.entities[target.id]
        attributes = {
            "href": self.index.url_for(target.id),
            "class": f"mention mention-{entity.collection}",
            "data-ref": target.id,
        }
        if not isinstance(entity, GlossaryTerm):
            link = etree.Element("a", attributes)
            link.text = text
            return link
        self.scope.tips += 1
        tip_id = f"tip-{self.scope.owner}-{self.scope.tips}"
        wrapper = etree.Element("span", {"class": "gloss"})
        link = etree.SubElement(wrapper, "a", {**attributes, "aria-describedby": tip_id})
        if target.abbreviation:
            abbr = etree.SubElement(link, "abbr", {"title": entity.term})
            abbr.text = text
        else:
            link.text = text
        tip = etree.SubElement(
            wrapper, "span",
            {"role": "tooltip", "id": tip_id, "class": "gloss-tip", "data-pagefind-ignore": "all"},
        )
        tip.text = self.linker.definitions.get(target.id) or entity.term
        return wrapper


def make_linker(index: SiteIndex, reporter: Reporter) -> MentionLinker:
    """The site's mention linker; name clashes are reported to `reporter`."""
    return MentionLinker(index, reporter)


__all__ = [
    "POLICIES", "MentionLinker", "NameClaim", "NameTrie", "Target", "build_trie", "collector_paused",
    "make_linker", "names_of",
]
