"""Names: how they are compared, tokenized and matched in text.

This module owns the name table of mention linking (see `mentions`): which names each record may
be mentioned by (`names_of`), how a name is normalised (NFC, white space, a lowercase first letter
also capitalized), the clashes between records claiming one name (reported at build time), and
the matcher, a word-level trie (`NameTrie`) compiled once per build. It also owns `name_key`, how
the authoring commands (`new`, `extract`) compare names loosely.

Nothing here knows about Markdown or HTML: a trie maps token sequences to `Target`s, and `scan`
returns character offsets.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

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
from explainer.core.collector import collector_paused
from explainer.core.errors import Reporter
from explainer.site.index import SiteIndex

_END = None  # the trie key under which a node stores the name that ends there
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'"})


def name_key(name: str) -> str:
    """How the authoring commands compare names: case, spacing, apostrophe style and a leading
    "the" are ignored, and text is compared in Unicode NFC."""
    text = unicodedata.normalize("NFC", name).translate(_APOSTROPHES)
    text = " ".join(text.split()).casefold()
    return text[4:] if text.startswith("the ") else text


# Tokens ----------------------------------------------------------------------------------------


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
_WORD = re.compile(r"\w")


def trie_keys(text: str) -> list[str]:
    """Trie keys of a name: its tokens, the first without its leading space."""
    words = text.split()
    if all(word.isalnum() for word in words):  # the common case, without the tokenizer
        return words[:1] + [" " + word for word in words[1:]]
    keys = _token_pattern().findall(_SPACE_RUN.sub(" ", text.strip()))
    return keys[:1] + keys[1:]


def _has_word(text: str) -> bool:
    return _WORD.search(text) is not None


def _normal(text: str) -> str:
    """A name as it is matched: without surrounding white space, in NFC."""
    text = text.strip()
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _capitalized(text: str) -> str | None:
    """A name whose first letter is lowercase, with that letter capitalized (else None), so that
    "migratory agreement" is found at the start of a sentence."""
    first = text[:1]
    return first.upper() + text[1:] if first.islower() and first.upper() != first else None


# The trie ------------------------------------------------------------------------------------


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

    @classmethod
    def from_names(cls, names: Mapping[str, str]) -> NameTrie:
        """A trie of `names` (each name -> the id it stands for), normalised as a record's names
        are; a capitalized variant never takes a name away from a name given."""
        given = {}
        for name, target in names.items():
            text = _normal(name)
            if not _has_word(text):
                raise ValueError(f"name '{name}' has no letters or digits, so it cannot be found in text")
            given[tuple(trie_keys(text))] = target
        found = dict(given)
        for name, target in names.items():
            variant = _capitalized(_normal(name))
            if variant is not None:
                found.setdefault(tuple(trie_keys(variant)), target)
        trie = cls()
        for keys, target in found.items():
            trie.add(keys, Target(target))
        return trie

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

    def share_leaves(self) -> None:
        """Make every leaf (a node where names end and none goes on) one node per target, shared
        by all the names that end there: a third of a site's nodes are such leaves, most of them
        a record's aliases, and the cache on disk reads the trie back in proportion to its nodes.
        Only for a complete trie: adding a name after this could extend a shared leaf."""
        shared: dict[Target, dict] = {}
        walked: set[int] = set()
        stack = [self.root]
        while stack:
            node = stack.pop()
            for key, child in node.items():
                if key is _END or id(child) in walked:
                    continue
                if len(child) == 1 and _END in child:
                    node[key] = shared.setdefault(child[_END], child)
                else:
                    walked.add(id(child))
                    stack.append(child)

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


# The site's names ----------------------------------------------------------------------------


class NameClaim(NamedTuple):
    """One record claiming one name, and where it did."""

    text: str
    entity: Entity
    line: int
    priority: int = 0
    abbreviation: bool = False
    generated: bool = False  # a capitalized variant we added, not something the writer wrote
    label: str = "alias"  # what the writer wrote it as, for messages: "alias" or "match phrase"


def names_of(entity: Entity) -> Iterator[NameClaim]:
    """Every name a record may be mentioned by: its name fields, its aliases, then its `match`
    phrases (which find mentions like aliases, with the same priorities and clashes)."""
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
    for phrase in entity.match:
        yield NameClaim(phrase.text, entity, phrase.line, phrase.priority, label="match phrase")


def _with_variants(claims: Iterable[NameClaim]) -> Iterator[NameClaim]:
    for claim in claims:
        text = _normal(claim.text)
        if text != claim.text:
            claim = claim._replace(text=text)
        yield claim
        variant = _capitalized(text)
        if variant is not None:
            yield claim._replace(text=variant, generated=True)


def build_trie(index: SiteIndex, reporter: Reporter) -> NameTrie:
    """The trie of every record's names; a name two records claim equally is reported."""
    with collector_paused():
        claimed: dict[tuple[str, ...], NameClaim | dict[str, NameClaim]] = {}
        for entity in index.entities.values():
            for claim in _with_variants(names_of(entity)):
                keys = tuple(trie_keys(claim.text))
                if not keys or not _has_word(claim.text):
                    if not claim.generated:
                        reporter.error(
                            entity.path, claim.line,
                            f"{claim.label} '{claim.text}' has no letters or digits, so it cannot be found in text",
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
        targets: dict[tuple[str, bool], Target] = {}  # one per record and kind of name: shared by its names
        for keys, kept in claimed.items():
            winner = kept if isinstance(kept, NameClaim) else _resolve(list(kept.values()), order, reporter)
            if winner is not None:
                key = (winner.entity.id, winner.abbreviation)
                target = targets.get(key)
                if target is None:
                    target = targets[key] = Target(*key)
                trie.add(keys, target)
        trie.share_leaves()
    return trie


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
            f"{other.label} '{other.text}' belongs to both '{first.entity.id}' ({where}) and "
            f"'{other.entity.id}'",
        )
    return None
