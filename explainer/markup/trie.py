"""The matcher of mention linking: a word-level trie of names (`NameTrie`) and the tokens it is
keyed by.

A trie maps token sequences to `Target`s; `scan` returns character offsets of the leftmost-longest
matches in a text. How a name is tokenized (`trie_keys`) and normalised (`normal_name`: NFC and
white space; `capitalized`: a lowercase first letter also capitalized) is decided here, and so is
how a trie is saved: the subtrees under the root's tokens in 256 pickles, each unpickled only when
a text is scanned for one of its tokens (`NameTrie.__reduce__`), so that a cached build that
converts one record's Markdown reads back a few of the trie's nodes, not all of them.
Nothing here knows about records, Markdown or HTML (`names` says which names a record has).
"""

from __future__ import annotations

import bisect
import functools
import pickle
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from explainer.markup.marks import mark_ranges

_END = None  # the trie key under which a node stores the name that ends there

# Tokens ----------------------------------------------------------------------------------------


def _mark_ranges(low: int, high: int) -> str:
    """The combining marks between two code points, as the body of a regex character class."""
    ranges: list[str] = []
    for first, last in mark_ranges():
        first, last = max(first, low), min(last, high - 1)
        if first <= last:
            ranges.append(re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last != first else ""))
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


def has_word(text: str) -> bool:
    return _WORD.search(text) is not None


def normal_name(text: str) -> str:
    """A name as it is matched: without surrounding white space, in NFC."""
    text = text.strip()
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def capitalized(text: str) -> str | None:
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
        self.packed = False  # some subtrees of the root are still pickled (`_Packed`)

    def __reduce__(self) -> tuple:
        """Pickled as the root's tokens, each with the bucket its subtree is pickled in (one of
        `_BUCKETS`; the tokens that share a subtree, a name's spellings, share one), to be
        unpickled when a scan first looks one of its tokens up: a text of a few hundred words
        looks up a few dozen of the thousands."""
        if self.packed:  # read back and never opened whole: saved again as it was read
            return (_packed_trie, (self.root, self.size))
        buckets: list[dict] = [{} for _ in range(_BUCKETS)]
        subtrees: dict[int, int] = {}  # the number of each subtree, by its id, in order
        for key, node in self.root.items():
            buckets[subtrees.setdefault(id(node), len(subtrees)) % _BUCKETS][key] = node
        packed = [_Packed(pickle.dumps(bucket, pickle.HIGHEST_PROTOCOL)) for bucket in buckets]
        root = {key: packed[subtrees[id(node)] % _BUCKETS] for key, node in self.root.items()}
        return (_packed_trie, (root, self.size))

    def _unpack(self) -> None:
        """Every subtree unpickled, before the trie is changed."""
        if self.packed:
            self.root = {key: packed.open()[key] for key, packed in self.root.items()}
            self.packed = False

    @classmethod
    def from_names(cls, names: Mapping[str, str]) -> NameTrie:
        """A trie of `names` (each name -> the id it stands for), normalised as a record's names
        are; a capitalized variant never takes a name away from a name given."""
        given = {}
        for name, target in names.items():
            text = normal_name(name)
            if not has_word(text):
                raise ValueError(f"name '{name}' has no letters or digits, so it cannot be found in text")
            given[tuple(trie_keys(text))] = target
        found = dict(given)
        for name, target in names.items():
            variant = capitalized(normal_name(name))
            if variant is not None:
                found.setdefault(tuple(trie_keys(variant)), target)
        trie = cls()
        for keys, target in found.items():
            trie.add(keys, Target(target))
        return trie

    def add(self, keys: Iterable[str], target: Target) -> None:
        self._unpack()
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
        self._unpack()
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
            if type(node) is _Packed:
                node = node.open()[tokens[i]]
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


# How many pickles a saved trie's root is split into: a few dozen subtrees in each at 10,000
# records, so that a scan unpickles little more than the subtrees it looks up, while saving a
# trie pickles a few hundred objects, not one per subtree (ten times as slow).
_BUCKETS = 256


class _Packed:
    """Subtrees of a trie's root by their tokens, pickled; unpickled the first time one is looked up."""

    __slots__ = ("data", "subtrees")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.subtrees: dict | None = None

    def open(self) -> dict:
        if self.subtrees is None:
            self.subtrees = pickle.loads(self.data)
        return self.subtrees

    def __reduce__(self) -> tuple:
        return (_Packed, (self.data,))


def _packed_trie(root: dict[str, _Packed], size: int) -> NameTrie:
    trie = NameTrie()
    trie.root, trie.size, trie.packed = root, size, True
    return trie


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
