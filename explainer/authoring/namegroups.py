"""The names in a report, once found: a `Mention` where a name occurs, with the kind of thing
the evidence says it is, and a `NameGroup` for each person, institution or place with every
mention of it.

`group_mentions` decides which mentions are one thing: the same words (case, spacing and a
leading "the" aside), the forms of one country ("U.S." and "the United States"), an acronym and
its long form (CECOT, the Center for the Confinement of Terrorism), a surname and the one full
name that has it ("Rubio", "Marco Rubio"), and a feature by its stem ("the Lessa", "the Lessa
River basin"). A group whose mentions disagree about its kind is left unclassified, with a note
saying why.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from explainer.authoring.gazetteer import country_named
from explainer.authoring.namecues import CONNECTORS, feature_stem
from explainer.markup.names import name_key

# The kinds of thing a name can be (the collections its record goes to), and how strongly a cue
# says so.
PEOPLE, INSTITUTIONS, PLACES = "people", "institutions", "places"
STRONG, WEAK = 2, 1


@dataclass
class Mention:
    """A name as it occurs in the text, with what kind of thing the evidence says it is."""

    start: int
    end: int
    text: str
    kind: str | None = None
    strength: int = 0
    cue: str = ""
    title: str | None = None  # a role title seen with a person ("Secretary of State")
    title_org: str | None = None  # the institution named with that title ("State Department")
    in_quote: bool = False
    place_kind: str | None = None  # "country", "city"
    within: str | None = None  # for a dateline city: the region after it


@dataclass(eq=False)  # compared and hashed by identity: one group is one thing in the text
class NameGroup:
    """One person, institution or place: every mention of it, and what it is called."""

    name: str
    mentions: list[Mention]
    kind: str | None
    forms: list[str] = field(default_factory=list)  # other names the text uses, in order
    title: str | None = None
    title_org: str | None = None
    place_kind: str | None = None
    within: str | None = None
    short_name: str | None = None
    notes: list[str] = field(default_factory=list)  # why it is unsure

    @property
    def first(self) -> Mention:
        return min(self.mentions, key=lambda m: m.start)


def acronym_of(acronym: str, long_form: str) -> bool:
    """Whether `acronym` abbreviates `long_form`, each word giving a prefix: CECOT = CEnter for
    the COnfinement of Terrorism."""
    words = [w for w in re.findall(r"\w+", long_form) if w.lower() not in CONNECTORS | {"and", "y"}]
    letters = acronym.lower()

    def fits(i: int, w: int) -> bool:
        if i == len(letters):
            return w == len(words)
        if w == len(words):
            return False
        word = words[w].lower()
        return any(word.startswith(letters[i : i + n]) and fits(i + n, w + 1) for n in range(1, 4) if i + n <= len(letters))

    return len(words) >= 2 and fits(0, 0)


def group_mentions(mentions: list[Mention]) -> tuple[list[NameGroup], list[NameGroup]]:
    """Mentions of the same thing as one group each: (classified groups, unclassified ones)."""
    buckets: dict[str, list[Mention]] = {}
    for mention in mentions:
        buckets.setdefault(name_key(mention.text), []).append(mention)
    groups: list[NameGroup] = []
    for bucket in buckets.values():
        groups.append(_make_group(bucket))
    country_groups: dict[str, NameGroup] = {}
    for group in list(groups):
        # "U.S." and "the United States" are one country
        country = country_named(group.name) if group.kind == PLACES else None
        if country:
            if country in country_groups:
                _merge(country_groups[country], group)
                groups.remove(group)
            else:
                country_groups[country] = group
                if group.name != country:
                    group.forms.insert(0, group.name)
                    group.name = country
    _link_acronyms(groups)
    _link_surnames(groups)
    _link_feature_stems(groups)
    for group in groups:
        group.forms = [f for f in dict.fromkeys(group.forms) if name_key(f) != name_key(group.name)]
        group.mentions.sort(key=lambda m: m.start)
    groups.sort(key=lambda g: g.first.start)
    classified = [g for g in groups if g.kind]
    unclassified = [g for g in groups if not g.kind]
    return classified, unclassified


def _make_group(bucket: list[Mention]) -> NameGroup:
    votes: Counter[str] = Counter()
    for mention in bucket:
        if mention.kind:
            votes[mention.kind] += mention.strength
    ranked = votes.most_common()
    kind = ranked[0][0] if ranked else None
    notes = []
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        notes.append(f"the text suggests both {ranked[0][0]} and {ranked[1][0]}")
        kind = None
    name = max((m.text for m in bucket), key=lambda t: (sum(c.isupper() for c in t) < len(t) / 2, len(t)))
    group = NameGroup(name, list(bucket), kind, [m.text for m in bucket], notes=notes)
    for mention in bucket:
        group.title = group.title or mention.title
        group.title_org = group.title_org or mention.title_org
        group.place_kind = group.place_kind or mention.place_kind
        group.within = group.within or mention.within
    return group


def _merge(into: NameGroup, other: NameGroup) -> None:
    into.mentions.extend(other.mentions)
    into.forms.extend([other.name, *other.forms])
    into.title = into.title or other.title
    into.title_org = into.title_org or other.title_org
    into.place_kind = into.place_kind or other.place_kind
    into.notes.extend(other.notes)


def _strength(group: NameGroup) -> int:
    return max((m.strength for m in group.mentions if m.kind == group.kind), default=0)


def _link_acronyms(groups: list[NameGroup]) -> None:
    for group in list(groups):
        if not re.fullmatch(r"[A-Z]{2,6}", group.name) or _strength(group) >= STRONG:
            continue
        matches = [g for g in groups if g is not group and g.kind == INSTITUTIONS and acronym_of(group.name, g.name)]
        if len(matches) == 1:
            matches[0].short_name = group.name
            _merge(matches[0], group)
            matches[0].notes.append(f"“{group.name}” taken to abbreviate “{matches[0].name}”")
            groups.remove(group)


def _link_surnames(groups: list[NameGroup]) -> None:
    """ "Rubio" is "Marco Rubio" when exactly one person in the text has that name. A full name
    the text gave no evidence for ("Ingrid Sæther has farmed …") is that person too, when it
    comes first and no classified person has the surname ("Sæther, who chairs …")."""
    people = [g for g in groups if g.kind == PEOPLE and len(g.name.split()) > 1]
    unnamed = [g for g in groups if g.kind is None and len(g.name.split()) > 1]
    for group in list(groups):
        if len(group.name.split()) != 1 or group in people:
            continue
        if group.kind not in (None, PEOPLE) and _strength(group) >= STRONG:
            continue
        owners = [p for p in people if group.name in p.name.split()[1:]]
        if not owners and group.kind == PEOPLE:
            owners = [
                g for g in unnamed if g.name.split()[-1] == group.name and g.first.start < group.first.start
                and not any(w in CONNECTORS for w in g.name.split())
            ]
            if len(owners) == 1:
                owners[0].kind = PEOPLE
        if len(owners) == 1:
            _merge(owners[0], group)
            groups.remove(group)
        elif len(owners) > 1:
            names = " and ".join(o.name for o in owners)
            group.notes.append(f"“{group.name}” could be {names}")
            group.kind = None


def _link_feature_stems(groups: list[NameGroup]) -> None:
    """ "the Lessa" and "the Lessa River" are "the Lessa River basin" when that is the one
    feature of that name; the name the text used first stays the record's name."""
    features = [g for g in groups if g.kind == PLACES and feature_stem(g.name)]
    for group in list(groups):
        if group.kind not in (None, PLACES) or (group.kind == PLACES and _strength(group) >= STRONG and group not in features):
            continue
        stem = feature_stem(group.name) or group.name
        owners = [f for f in features if f is not group and feature_stem(f.name) == stem and f in groups]
        if len(owners) != 1:
            continue
        owner = owners[0]
        if group in features and group.first.start < owner.first.start:
            owner, group = group, owner
        _merge(owner, group)
        owner.kind = PLACES
        groups.remove(group)
