"""Names: which names each record may be mentioned by, and how the authoring commands compare them.

This module owns the name table of mention linking (see `mentions`): which names each record may
be mentioned by (`names_of`), the clashes between records claiming one name (reported at build
time), and the site's trie of names (`build_trie`; the matcher itself is `trie.NameTrie`,
compiled once per build). It also owns `name_key`, how the authoring commands (`new`,
`extract`) compare names loosely.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
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
from explainer.markup.trie import NameTrie, Target, capitalized, has_word, normal_name, trie_keys
from explainer.site.index import SiteIndex

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'"})


def name_key(name: str) -> str:
    """How the authoring commands compare names: case, spacing, apostrophe style and a leading
    "the" are ignored, and text is compared in Unicode NFC."""
    text = unicodedata.normalize("NFC", name).translate(_APOSTROPHES)
    text = " ".join(text.split()).casefold()
    return text[4:] if text.startswith("the ") else text


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
        text = normal_name(claim.text)
        if text != claim.text:
            claim = claim._replace(text=text)
        yield claim
        variant = capitalized(text)
        if variant is not None:
            yield claim._replace(text=variant, generated=True)


def build_trie(index: SiteIndex, reporter: Reporter) -> NameTrie:
    """The trie of every record's names; a name two records claim equally is reported."""
    with collector_paused():
        claimed: dict[tuple[str, ...], NameClaim | dict[str, NameClaim]] = {}
        for entity in index.entities.values():
            for claim in _with_variants(names_of(entity)):
                keys = tuple(trie_keys(claim.text))
                if not keys or not has_word(claim.text):
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
