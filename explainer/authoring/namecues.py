"""Evidence for what a capitalised name is, from the words in and around it, beyond the first
rules in `textscan`: geographic features ("the Lessa River basin", "the Tarvo Valley"),
countries that no list knows but the text treats as countries ("Estrelia’s Foreign Minister",
"the government of Estrelia", "Hungary and Estrelia"), places after a compass word ("in northern
Estrelia"), and role nouns by their ending ("a hydrologist at …", "columnist Zoë Kowalczyk").

Each function looks at the text next to one name and returns what it found, or None; what the
name then is, and how sure, is decided in `textscan.RuleFinder`.
"""

from __future__ import annotations

import re

from explainer.authoring.gazetteer import country_named

# A capitalised last word that makes a name a geographic feature, and the kind it gives.
FEATURE_WORDS = {
    "River": "river", "Lake": "lake", "Valley": "valley", "Basin": "basin", "Delta": "delta",
    "Fjord": "fjord", "Dam": "dam", "Reservoir": "reservoir", "Canal": "canal", "Sea": "sea",
    "Ocean": "ocean", "Bay": "bay", "Gulf": "gulf", "Strait": "strait", "Straits": "strait",
    "Sound": "sound", "Island": "island", "Islands": "islands", "Peninsula": "peninsula",
    "Mountains": "mountains", "Mountain": "mountain", "Hills": "hills", "Highlands": "highlands",
    "Desert": "desert", "Plateau": "plateau", "Plain": "plain", "Plains": "plains",
    "Falls": "waterfall", "Glacier": "glacier", "Creek": "creek", "Canyon": "canyon",
    "Forest": "forest", "Coast": "coast", "Lagoon": "lagoon", "Marshes": "marshes",
    "Wetlands": "wetlands", "Estuary": "estuary", "Province": "province", "Region": "region",
}
# A first word that does the same ("Lake Chad", "Río Bravo"); None: a place of no stated kind.
PREFIX_KINDS = {
    "Río": "river", "Rio": "river", "Lake": "lake", "Lago": "lake", "Mount": "mountain",
    "Isla": "island", "Gulf": "gulf", "Bay": "bay", "Cape": "cape", "Cerro": None, "Sierra": None,
    "Port": None, "Fort": None,
}
# Lower-case nouns after a river or lake that belong to its name: "the Lessa River basin".
EXTENSIONS = {"basin", "delta", "valley", "watershed", "estuary", "catchment", "floodplain", "headwaters"}
# "the provinces of X and Y" → province
PLACE_OF_KINDS = {
    "province": "province", "provinces": "province", "state": "state", "states": "state",
    "city": "city", "cities": "city", "town": "town", "towns": "town", "village": "village",
    "villages": "village", "region": "region", "regions": "region", "department": "department",
    "departments": "department", "district": "district", "districts": "district",
    "municipality": "municipality", "municipalities": "municipality", "county": "county",
    "counties": "county", "island": "island", "islands": "island",
}
COMPASS = {
    "northern", "southern", "eastern", "western", "central", "north-eastern", "north-western",
    "south-eastern", "south-western", "northeastern", "northwestern", "southeastern", "southwestern",
}
# What only a country has, after its possessive: "Estrelia’s Foreign Minister", "… parliament".
_STATE_AFTER_POSSESSIVE = re.compile(
    r"[’']s\s+(?:[A-Za-z-]+\s+){0,2}?(?:ministers?|ministry|parliament|capital|embassy|ambassador|"
    r"borders?|army|navy|armed\s+forces|constitution|head\s+of\s+state)\b",
    re.IGNORECASE,
)
# … and before "of": "the government of Estrelia", "the ambassador to Estrelia".
_STATE_BEFORE = re.compile(
    r"\b(?:government|parliament|embassy|constitution|(?:prime|foreign)\s+minister)\s+of\s+(?:the\s+)?$"
    r"|\bambassador\s+to\s+(?:the\s+)?$|\bborder\s+with\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CAPITAL = "[" + re.escape("".join(c for c in map(chr, range(0x2000)) if c.isupper())) + "]"
_NAME = rf"{_CAPITAL}[\w’'.-]*(?:\s+(?:of\s+)?{_CAPITAL}[\w’'.-]*){{0,3}}"
_COUNTRIES_NOUN = re.compile(r"\b(?:two|both|the)\s+(?:neighbouring\s+|neighboring\s+)?(?:countries|nations)\b")
# Role nouns beyond textscan's list, and endings that make a lower-case word a person's role.
MORE_ROLE_NOUNS = {
    "columnist", "editor", "member", "head", "manager", "partner", "worker", "engineer",
    "consultant", "mediator", "observer", "delegate", "representative", "veteran", "resident",
    "survivor", "widow", "mother", "father", "daughter", "son", "wife", "husband", "chair",
    "magistrate", "campaigner", "organiser", "organizer", "supporter", "protester", "trader",
    "banker", "planner", "designer", "producer", "publisher", "presenter", "host", "pilot",
    "captain", "negotiator", "premier", "monarch", "deputy", "counsel", "superintendent",
}
_ROLE_ENDINGS = ("ologist", "ician", "ist", "man", "woman", "men", "women")
_NOT_ROLES = {"human", "list", "mist", "twist", "wrist", "gist", "exist", "assist", "insist", "persist", "resist"}


def is_role(word: str, known: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether a lower-case `word` names a person's role: in `known` or the list above, or by its
    ending ("hydrologist", "politician", "fisherman")."""
    if not word.islower():
        return False
    return (
        word in known or word in MORE_ROLE_NOUNS
        or (word.endswith(_ROLE_ENDINGS) and word not in _NOT_ROLES and len(word) > 4)
    )


def feature_kind(words: list[str]) -> tuple[str | None, bool] | None:
    """(kind, by its last word) when `words` name a geographic feature: ["Tarvo", "Valley"] →
    ("valley", True), ["Lake", "Chad"] → ("lake", False); None otherwise."""
    if len(words) < 2:
        return None
    if words[-1] in FEATURE_WORDS:
        return FEATURE_WORDS[words[-1]], True
    if words[0] in PREFIX_KINDS:
        return PREFIX_KINDS[words[0]], False
    return None


def extension(kind: str | None, after: str) -> str | None:
    """The lower-case noun that continues a river's or lake's name ("basin" in " basin, where"),
    when `after` (the text right after the name) starts with one."""
    if kind not in ("river", "lake"):
        return None
    match = re.match(r"\s+([a-z]+)\b", after)
    return match.group(1) if match and match.group(1) in EXTENSIONS else None


def feature_stem(name: str) -> str | None:
    """A feature's name without its feature words: "Lessa River basin" → "Lessa"."""
    words = name.split()
    while words and words[-1] in EXTENSIONS:
        words.pop()
    if len(words) > 1 and words[-1] in FEATURE_WORDS:
        return " ".join(words[:-1])
    return None


def _neighbours(text: str, start: int, end: int) -> list[str]:
    """The names coordinated with the one at start..end: "Hungary and Slovenia", "X, Y and Z"."""
    found = []
    before = re.search(rf"({_NAME})(?:,\s+|\s+(?:and|or)\s+|,\s+(?:and|or)\s+)(?:the\s+)?$", text[max(0, start - 80) : start])
    if before:
        found.append(before.group(1))
    after = re.match(rf"(?:[’']s)?(?:,\s+|\s+(?:and|or)\s+|,\s+(?:and|or)\s+)(?:the\s+)?({_NAME})", text[end : end + 80])
    if after:
        found.append(after.group(1))
    return found


def country_cue(text: str, start: int, end: int, sentence: str) -> str | None:
    """Why the name at start..end is a country no list knows, or None: a possessive followed by
    what only a country has, "the government of …", a known country beside it in a list, or a
    pair of names that the sentence calls "the two countries"."""
    state = _STATE_AFTER_POSSESSIVE.match(text, end)
    if state:
        return f"“{' '.join(state.group().split())}” after it"
    lead = _STATE_BEFORE.search(text[max(0, start - 40) : start])
    if lead:
        return f"“{' '.join(lead.group().split())}” before it"
    neighbours = _neighbours(text, start, end)
    for name in neighbours:
        if country_named(name):
            return f"listed with {country_named(name)}"
    countries = _COUNTRIES_NOUN.search(sentence) if neighbours else None
    if countries:
        return f"“{countries.group()}” in its sentence"
    return None


def compass_before(before: str) -> str | None:
    """ "northern" when `before` (the text up to a name) ends with a compass word: "in northern"."""
    match = re.search(r"\b([a-z-]+)\s+$", before)
    return match.group(1) if match and match.group(1) in COMPASS else None


def role_appositive_before(before: str, after: str, known: set[str] | frozenset[str]) -> str | None:
    """The role noun when a name stands in apposition to it: "Its leader, Rasmus Holm, posted"
    (`before` ends with "leader, ", `after` starts with a comma or full stop)."""
    match = re.search(r"\b([a-z-]+),\s+$", before)
    if match and is_role(match.group(1), known) and re.match(r"[,.;]", after):
        return match.group(1)
    return None


_APPOSITIVE_STOP = {
    "of", "at", "for", "from", "in", "on", "with", "who", "whose", "which", "that", "and", "to", "since", "by",
}


def appositive_role(after: str, known: set[str] | frozenset[str]) -> str | None:
    """The role noun of an appositive after a name: ", a retired judge of the court" → "judge",
    ", the association’s chairman and …" → "chairman"; None when its head is not a role."""
    match = re.match(r"\s*,\s+(?:the|a|an)\s+([^,.;:()“”\"]{1,80})", after)
    if not match:
        return None
    head = None
    for word in re.findall(r"[\w’'-]+", match.group(1)):
        if word in _APPOSITIVE_STOP:
            break
        head = word
    return head if head and is_role(head, known) else None
