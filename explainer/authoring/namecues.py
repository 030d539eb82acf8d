"""Evidence for what a capitalised name is, from the words in and around it.

The word lists the name rules read: titles that introduce a person ("Secretary of State"),
role nouns ("spokeswoman"), institution words ("Department", "Watch") and nouns
("the newspaper"), place nouns and prefixes ("the provinces of", "Lake"), and the particles
that join the words of one name ("de la", "of the"). Beyond them, cues for geographic features
("the Lessa River basin", "the Tarvo Valley"), countries that no list knows but the text treats
as countries ("Estrelia’s Foreign Minister", "the government of Estrelia", "Hungary and
Estrelia"), places after a compass word ("in northern Estrelia"), and role nouns by their ending
("a hydrologist at …", "columnist Zoë Kowalczyk").

Each function looks at the text next to one name and returns what it found, or None; what the
name then is, and how sure, is decided in `namefinder.RuleFinder`.
"""

from __future__ import annotations

import re

from explainer.authoring.gazetteer import country_named

# Capitalised phrases that introduce a person's name; the longest match wins.
TITLES = (
    "Secretary of State", "Secretary-General", "Secretary General", "Vice President", "Prime Minister",
    "Attorney General", "Foreign Minister", "Interior Minister", "President", "Minister", "Secretary",
    "Senator", "Sen.", "Representative", "Rep.", "Governor", "Gov.", "Mayor", "Judge", "Justice",
    "Chancellor", "General", "Gen.", "Ambassador", "Rector", "Dean", "Professor", "Prof.", "Father",
    "Fr.", "Rev.", "Bishop", "Archbishop", "Cardinal", "Pope", "King", "Queen", "Prince", "Princess",
    "Sheikh", "Commissioner", "Director", "Chairman", "Chairwoman", "Chair", "Congressman",
    "Congresswoman", "Councillor", "Councilman", "Councilwoman", "Deputy", "Lt.", "Col.", "Sgt.",
    "Capt.", "Captain", "Colonel", "Lieutenant", "Sergeant", "Detective", "Officer", "Dr.", "Mr.",
    "Mrs.", "Ms.", "Sir", "Dame", "Lord", "Lady", "Don", "Doña", "Sr.", "Sra.",
)
HONORIFICS = {"Dr.", "Mr.", "Mrs.", "Ms.", "Sir", "Dame", "Lord", "Lady", "Don", "Doña", "Sr.", "Sra."}
# Lower-case nouns that, right before a name, say it is a person's ("spokeswoman Tammy Bruce").
ROLE_NOUNS = {
    "spokeswoman", "spokesman", "spokesperson", "billionaire", "millionaire", "activist", "lawyer",
    "attorney", "journalist", "reporter", "minister", "official", "analyst", "researcher",
    "economist", "director", "president", "secretary", "senator", "professor", "student", "priest",
    "mayor", "governor", "chairman", "chairwoman", "founder", "leader", "entrepreneur", "executive",
    "historian", "author", "writer", "artist", "singer", "actor", "actress", "player", "coach",
    "farmer", "doctor", "nurse", "teacher", "scientist", "judge", "prosecutor", "candidate",
    "lawmaker", "legislator", "diplomat", "ambassador", "commander", "officer", "soldier",
    "bishop", "pastor", "rabbi", "imam", "opponent", "critic", "adviser", "advisor", "aide",
    "envoy", "negotiator", "investor", "owner", "chief", "ceo", "spokesmen", "spokeswomen",
}
# Capitalised words that make a name an institution's ("Justice Department", "Human Rights Watch").
ORG_WORDS = {
    "Department", "Ministry", "Commission", "University", "Universidad", "Association", "Union",
    "Watch", "Police", "Council", "Court", "Party", "Agency", "Bank", "Institute", "Foundation",
    "Committee", "Authority", "Office", "Bureau", "Center", "Centre", "Service", "Services", "Army",
    "Navy", "Corporation", "Company", "Inc.", "Ltd", "Group", "Organization", "Organisation",
    "Federation", "Congress", "Senate", "Parliament", "Assembly", "Church", "Network",
    "International", "Fund", "Program", "Programme", "School", "College", "Hospital", "Club",
    "League", "Society", "Alliance", "Coalition", "Movement", "Cartel", "Administration",
    "Government", "Ministerio", "Secretaría", "Comisión", "Asociación", "Instituto", "Fundación",
    "Consejo", "Corte", "Partido", "Banco", "Policía", "Centro", "Tribunal", "Board", "Forces",
    "Guard", "Command", "Times", "Post", "Press", "Reuters", "Secretariat", "Front", "Frente",
    "Movimiento", "Unión", "Asamblea",
}
# Lower-case nouns after a name that make it an institution; the first two are part of the name.
ORG_NOUNS_IN_NAME = {"administration", "government"}
ORG_NOUNS = {"gang", "cartel", "militia", "party", "group", "company", "firm", "union", "ministry"}
# Lower-case nouns that, right before a name or as "the ruling party, X,", say it is an institution.
ORG_KIND_NOUNS = {
    "newspaper", "magazine", "broadcaster", "party", "movement", "group", "coalition", "company",
    "firm", "bank", "agency", "organization", "organisation", "charity", "union", "network",
    "gang", "cartel", "website", "channel", "daily", "weekly", "ministry", "court", "tribunal",
    "institute", "university", "foundation", "alliance", "militia", "outlet", "station",
}
# Plural and singular place nouns before "of": "the provinces of Petén and Alta Verapaz".
PLACE_OF_NOUNS = {
    "province", "provinces", "state", "states", "city", "cities", "town", "towns", "village",
    "villages", "region", "regions", "department", "departments", "district", "districts",
    "municipality", "municipalities", "county", "counties", "island", "islands",
}
PLACE_NOUNS = {
    "reservoir", "river", "lake", "province", "state", "city", "town", "village", "valley", "region",
    "district", "county", "island", "islands", "mountains", "desert", "dam", "canal", "port",
    "department", "municipality", "neighborhood", "neighbourhood", "prison",
}
PLACE_PREFIXES = {"Río", "Rio", "Lake", "Mount", "Cerro", "Sierra", "Lago", "Isla", "Port", "Fort", "Cape", "Gulf", "Bay"}
PLACE_PREPOSITIONS = {"in", "near", "outside", "across", "inside", "into"}
# Lower-case words inside one name ("Ministry of Culture", "Ana Ruiz de la Cruz"); the second
# set only after one of the first ("of the", "de la").
CONNECTORS_START = {"of", "de", "del", "for", "van", "von", "da", "di", "do", "dos", "du", "le", "la", "bin", "al"}
CONNECTORS_NEXT = {"the", "la", "las", "los", "el"}
CONNECTORS = CONNECTORS_START | CONNECTORS_NEXT
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
# Role nouns beyond ROLE_NOUNS, and endings that make a lower-case word a person's role.
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
