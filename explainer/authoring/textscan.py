"""Reading a news report: paragraphs, sentences, dateline, names, quotations and dates.

Everything here works on the plain text and keeps character offsets, so every finding can cite
the sentence it came from. The reading is rule-based and cautious: a capitalised run of words
becomes a name of a known kind only with evidence (a title such as "Secretary of State", an
institution word such as "Department" or "Watch", a country, a dateline, a role noun such as
"spokeswoman", an attribution verb); without evidence it is reported as unclassified rather
than guessed. Who said a quotation is decided from the attribution around it ("…,” Rubio said",
"said Bruce", "according to Human Rights Watch", "…, saying, “…”", "he wrote").
The verbs of saying and the shapes of an attribution are in `speech`; the cues for geographic
features, countries no list knows and role nouns by their ending are in `namecues`.

`analyse` runs the whole reading; the mention finder is a parameter, so another named-entity
recogniser can be compared with these rules on the same quotations, dates and grouping.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from explainer.authoring.gazetteer import DEMONYMS, country_named, region_kind
from explainer.authoring.namecues import (
    PLACE_OF_KINDS,
    appositive_role,
    compass_before,
    country_cue,
    extension,
    feature_kind,
    feature_stem,
    is_role,
    role_appositive_before,
)
from explainer.authoring.speech import (
    PARTICIPLES,
    SAY_VERBS,
    attribution_sentence,
    participle_attributes,
    role_before_name,
    speech_verb,
    verb_after_name,
)
from explainer.core.dates import MONTHS, PartialDate
from explainer.markup.names import name_key
from explainer.markup.renderer import sentence_breaks

PEOPLE, INSTITUTIONS, PLACES = "people", "institutions", "places"
STRONG, WEAK = 2, 1

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
# Attribution verbs ("X said", "said X", "X called it …") are in `speech`.
PRONOUNS = {"he", "she"}
# "the spokesman said": an unnamed voice of the last institution named.
NOMINAL_VOICES = {
    "spokesman", "spokeswoman", "spokesperson", "statement", "ministry", "department", "agency",
    "commission", "union", "association", "organization", "organisation", "group", "company",
    "police", "government", "administration", "council", "committee", "office", "court", "report",
}
CONNECTORS_START = {"of", "de", "del", "for", "van", "von", "da", "di", "do", "dos", "du", "le", "la", "bin", "al"}
CONNECTORS_NEXT = {"the", "la", "las", "los", "el"}
CONNECTORS = CONNECTORS_START | CONNECTORS_NEXT
# Words that start a sentence without being a name.
FUNCTION_WORDS = set("""
a an the it its he she they we i you this that these those there here in on at by for from with
without but and or if as any not no under over after before when while since until what who why how
where each every all some many most much more less one two three asked according meanwhile however
also still yet so then than both either neither other another our your their his her my nothing
everyone everything someone something nobody none later earlier last next first second
""".split())
WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
MONTH_NAMES = set(MONTHS)

TOKEN_RE = re.compile(
    r"(?:[A-Z]\.){2,}|(?:Dr|Mr|Mrs|Ms|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Jr|Sr|Sra|Prof|Rev|Fr|Inc)\."
    r"|\w+(?:[-’']\w+)*"
)
OPEN_QUOTES = "“\"‘'(["
# any capital letter, not only Latin-1's: "ŁÓDŹ", "TROMSØ", "ÞINGVELLIR"
_CAPITALS = re.escape("".join(c for c in map(chr, range(0x2000)) if c.isupper()))
DATELINE_RE = re.compile(
    rf"(?P<city>[{_CAPITALS}][{_CAPITALS}.’' -]*[{_CAPITALS}.])"
    r"(?:,\s*(?P<region>[^—–()\n,]+?))?\s*(?:\((?P<date>[^)\n]{2,40})\))?\s*(?:—|–|--)\s*"
)
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
DATE_PATTERNS = (
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? {_MONTH},? (?P<year>\d{{4}})\b"),
    re.compile(rf"\b{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<year>\d{{4}})\b"),
    re.compile(rf"\b{_MONTH},? (?P<year>\d{{4}})\b"),
    re.compile(
        r"\b(?:[Ii]n|[Ss]ince|by|[Uu]ntil|till|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter|of|early|late|"
        r"mid-|between|around|throughout)\s+(?P<year>1\d{3}|20\d{2})\b(?![,.]?\d)"
    ),
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Dateline:
    span: Span
    city: str
    region: str | None
    date: PartialDate | None


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


@dataclass
class QuoteFind:
    """A quotation and who said it; `speaker` is None when the text does not say."""

    start: int  # the inner text, between the marks
    end: int
    text: str
    speaker: NameGroup | None = None
    how: str = ""
    unsure: str | None = None


@dataclass(frozen=True)
class DateFind:
    start: int
    end: int
    date: PartialDate


@dataclass
class Reading:
    """Everything `analyse` found in one text."""

    report: Report
    groups: list[NameGroup]
    unclassified: list[NameGroup]
    quotes: list[QuoteFind]
    skipped_quotes: list[tuple[Span, str]]  # (span, why) for passages not proposed as quotes
    dates: list[DateFind]


class Report:
    """The text split into paragraphs and sentences, with its dateline and headline."""

    def __init__(self, text: str):
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        self.text = text
        self.paragraphs = _paragraphs(text)
        self.headline: Span | None = None
        if len(self.paragraphs) > 1:
            first = self.paragraphs[0]
            line = text[first.start : first.end]
            if len(line) <= 120 and line.rstrip()[-1:] not in ".!?”\"’'" and not DATELINE_RE.match(line):
                self.headline = first
        self.dateline = self._find_dateline()
        self.sentences: list[Span] = []
        for paragraph in self.body_paragraphs:
            start = self.dateline.span.end if self.dateline and paragraph.start <= self.dateline.span.start < paragraph.end else paragraph.start
            chunk = text[start : paragraph.end]
            begin = 0
            for stop, next_start in sentence_breaks(chunk):
                self.sentences.append(Span(start + begin, start + stop))
                begin = next_start
            if chunk[begin:].strip():
                self.sentences.append(Span(start + begin, paragraph.end))
        self._sentence_starts = [s.start for s in self.sentences]

    @property
    def body_paragraphs(self) -> list[Span]:
        return [p for p in self.paragraphs if p is not self.headline]

    def _find_dateline(self) -> Dateline | None:
        paragraphs = self.body_paragraphs
        if not paragraphs:
            return None
        first = paragraphs[0]
        match = DATELINE_RE.match(self.text, first.start, first.end)
        if not match or not any(c.isupper() for c in match.group("city")):
            return None
        date = None
        if match.group("date"):
            found = find_dates_in(match.group("date"))
            date = found[0].date if found else None
        region = match.group("region").strip() if match.group("region") else None
        return Dateline(Span(match.start(), match.end()), title_case(match.group("city")), region, date)

    def sentence_of(self, offset: int) -> Span:
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index < 0:
            return Span(0, 0)
        return self.sentences[index]

    def paragraph_of(self, offset: int) -> Span:
        for paragraph in self.paragraphs:
            if paragraph.start <= offset < paragraph.end:
                return paragraph
        return Span(0, 0)

    def snippet(self, span: Span) -> str:
        return " ".join(self.text[span.start : span.end].split())

    def sentence_text(self, offset: int) -> str:
        """The sentence around `offset` (with the dateline when it is the first one)."""
        if self.dateline and self.dateline.span.start <= offset < self.dateline.span.end:
            offset = self.dateline.span.end
        sentence = self.sentence_of(offset)
        if self.dateline and sentence.start == self.dateline.span.end:
            sentence = Span(self.dateline.span.start, sentence.end)
        return self.snippet(sentence)


def _paragraphs(text: str) -> list[Span]:
    """Blocks separated by blank lines; a text without blank lines has one paragraph a line."""
    blocks = list(re.finditer(r"\S(?:.|\n(?!\s*\n))*", text))
    if len(blocks) == 1 and "\n" in blocks[0].group().strip():
        blocks = list(re.finditer(r"\S.*", text))
    return [Span(m.start(), m.start() + len(m.group().rstrip())) for m in blocks]


def title_case(words: str) -> str:
    """ "SAN SALVADOR" → "San Salvador", keeping particles lower-case ("de la")."""
    parts = []
    for i, word in enumerate(words.split()):
        lower = word.lower()
        parts.append(lower if i and lower in CONNECTORS else word[:1] + word[1:].lower())
    return " ".join(parts)


# ------------------------------------------------------------------------------------------
# Quotations


def quote_spans(report: Report) -> tuple[list[Span], list[Span]]:
    """Every passage between “ and ” (or a pair of straight " marks) inside one paragraph, and
    the paragraphs whose straight marks do not pair up (an odd number: which pair is which?)."""
    spans: list[Span] = []
    unpaired: list[Span] = []
    text = report.text
    for paragraph in report.body_paragraphs:
        chunk = text[paragraph.start : paragraph.end]
        for match in re.finditer(r"“([^“”]*)”", chunk):
            spans.append(Span(paragraph.start + match.start(1), paragraph.start + match.end(1)))
        marks = [m.start() for m in re.finditer('"', chunk)]
        if len(marks) % 2:
            unpaired.append(paragraph)
            continue
        for opening, closing in zip(marks[::2], marks[1::2], strict=False):
            spans.append(Span(paragraph.start + opening + 1, paragraph.start + closing))
    return sorted(spans, key=lambda s: s.start), unpaired


def looks_like_name(words: str) -> bool:
    """A quoted title-case phrase such as “Center for the Confinement of Terrorism”."""
    tokens = words.split()
    if not tokens or len(tokens) > 8 or words.rstrip()[-1:] in ".,!?;:":
        return False
    return all(t[:1].isupper() or t in CONNECTORS for t in tokens) and tokens[0][:1].isupper()


# ------------------------------------------------------------------------------------------
# Names (the rule-based mention finder)


@dataclass
class _Token:
    start: int
    end: int
    text: str
    initial: bool = False  # first word of a sentence or of a quotation
    paragraph: int = 0
    possessive: bool = False

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def _tokens(report: Report, quotes: list[Span]) -> list[_Token]:
    text = report.text
    starts = {s.start for s in report.sentences} | {q.start for q in quotes}
    tokens: list[_Token] = []
    for number, paragraph in enumerate(report.body_paragraphs):
        begin = paragraph.start
        if report.dateline and paragraph.start == report.dateline.span.start:
            begin = report.dateline.span.end
        for match in TOKEN_RE.finditer(text, begin, paragraph.end):
            word = match.group()
            end = match.end()
            possessive = word.endswith(("’s", "'s")) and len(word) > 2
            if possessive:
                word, end = word[:-2], end - 2
            # the first word of a sentence or quotation, behind any opening marks
            lead = match.start()
            initial = lead in starts or lead == begin
            while not initial and lead > begin and text[lead - 1] in OPEN_QUOTES:
                lead -= 1
                initial = lead in starts or lead == begin
            tokens.append(_Token(match.start(), end, word, initial, number, possessive))
    return tokens


def _gap(text: str, left: _Token, right: _Token) -> str:
    return text[left.end : right.start]


def _runs(report: Report, tokens: list[_Token]) -> list[list[_Token]]:
    """Maximal runs of capitalised words, joined by connectors ("Ministry of Culture")."""
    text = report.text
    runs: list[list[_Token]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not token.capitalised or token.text in WEEKDAYS or token.text in MONTH_NAMES or token.text == "I":
            i += 1
            continue
        run = [token]
        j = i + 1
        while j < len(tokens):
            previous = run[-1]
            nxt = tokens[j]
            # punctuation between, a new paragraph, or a possessive ("Bukele’s") ends a name
            if _gap(text, previous, nxt).strip() or previous.possessive or nxt.paragraph != previous.paragraph:
                break
            if nxt.capitalised and nxt.text not in WEEKDAYS and nxt.text not in MONTH_NAMES:
                run.append(nxt)
                j += 1
                continue
            # connectors: "of", "of the", "de la" between two capitalised words
            k = j
            chain: list[_Token] = []
            while k < len(tokens) and tokens[k].text in (CONNECTORS_START if not chain else CONNECTORS_NEXT) and len(chain) < 2:
                if _gap(text, tokens[k - 1], tokens[k]).strip():
                    break
                chain.append(tokens[k])
                k += 1
            if (
                chain and k < len(tokens) and tokens[k].capitalised
                and not _gap(text, tokens[k - 1], tokens[k]).strip()
                and tokens[k].text not in MONTH_NAMES and tokens[k].text not in WEEKDAYS
            ):
                run.extend(chain)
                run.append(tokens[k])
                j = k + 1
                continue
            break
        runs.append(run)
        i = j
    return runs


def _seen_inside(tokens: list[_Token]) -> set[str]:
    """Capitalised words that occur somewhere other than the start of a sentence."""
    return {t.text for t in tokens if t.capitalised and not t.initial}


def _match_title(run: list[_Token], at: int) -> int:
    """How many tokens of a title start at `at` (0 when none)."""
    best = 0
    for title in TITLES:
        words = title.split()
        if [t.text for t in run[at : at + len(words)]] == words:
            best = max(best, len(words))
    return best


def _words(run: list[_Token]) -> str:
    return " ".join(t.text for t in run)


class RuleFinder:
    """Finds names with capitalisation, titles, institution words, countries and context cues."""

    def __call__(self, report: Report, quotes: list[Span]) -> list[Mention]:
        self.report = report
        self.text = report.text
        self.quotes = quotes
        tokens = _tokens(report, quotes)
        self.tokens = tokens
        self.index_of = {t.start: i for i, t in enumerate(tokens)}
        seen = _seen_inside(tokens)
        mentions: list[Mention] = []
        for run in _runs(report, tokens):
            run = self._trim(run, seen)
            if run:
                mentions.extend(self._classify(run))
        mentions.extend(self._dateline())
        for mention in mentions:
            mention.in_quote = any(q.start <= mention.start < q.end for q in quotes)
        return sorted(mentions, key=lambda m: m.start)

    def _trim(self, run: list[_Token], seen: set[str]) -> list[_Token]:
        # A sentence's first word is a name only when the text capitalises it elsewhere too.
        while run and run[0].initial and (
            run[0].text.lower() in FUNCTION_WORDS
            or (len(run) == 1 and run[0].text not in seen and not run[0].possessive and not country_named(run[0].text))
        ):
            run = run[1:]
            if run:
                run[0] = _Token(run[0].start, run[0].end, run[0].text, False)
        while run and run[0].text in CONNECTORS:
            run = run[1:]
        while run and run[-1].text in CONNECTORS:
            run = run[:-1]
        return run

    def _before(self, token: _Token, n: int = 1) -> list[_Token]:
        """Up to `n` tokens before `token`, if only white space separates them."""
        index = self.index_of[token.start]
        found: list[_Token] = []
        current = token
        for k in range(index - 1, max(index - 1 - n, -1), -1):
            previous = self.tokens[k]
            if _gap(self.text, previous, current).strip():
                break
            found.insert(0, previous)
            current = previous
        return found

    def _after_text(self, token: _Token, length: int = 40) -> str:
        return self.text[token.end : token.end + length]

    def _classify(self, run: list[_Token]) -> list[Mention]:
        if _match_title(run, 0) == len(run) or _words(run) in DEMONYMS or all(
            t.text in DEMONYMS or _match_title([t], 0) for t in run
        ):
            return []  # a title alone: "President", "Secretary of State"
        # Titles: "Secretary of State Marco Rubio", "Salvadoran President Nayib Bukele"
        for at in range(len(run) - 1, -1, -1):
            size = _match_title(run, at)
            if not size or at + size >= len(run) or run[at + size].text in CONNECTORS:
                continue
            name_tokens: list[_Token] = []
            rest: list[_Token] = []
            for k in range(at + size, len(run)):
                if run[k].text in ("of", "for") or rest:
                    rest.append(run[k])
                else:
                    name_tokens.append(run[k])
            # "Mayor Ana Ruiz de la Cruz" keeps "de la"; a trailing connector does not belong
            while name_tokens and name_tokens[-1].text in CONNECTORS:
                rest.insert(0, name_tokens.pop())
            if not name_tokens or _match_title(name_tokens, 0) or any(t.text in ORG_WORDS for t in name_tokens):
                continue  # "General Motors", "Justice Department": not a title
            prefix = run[:at]
            title_words = [t.text for t in run[at : at + size]]
            found: list[Mention] = []
            org_prefix = None
            if prefix and any(t.text in ORG_WORDS for t in prefix):
                org_prefix = self._mention(prefix, INSTITUTIONS, STRONG, "an institution word")
                found.append(org_prefix)
            elif prefix:
                modifiers = [t.text for t in prefix if t.text not in DEMONYMS]
                title_words = modifiers + title_words
            title = " ".join(title_words)
            person = self._mention(name_tokens, PEOPLE, STRONG, f"the title “{title}”")
            if title not in HONORIFICS:
                person.title = title
                person.title_org = org_prefix.text if org_prefix else None
            found.append(person)
            found.extend(self._rest(rest))
            return found
        run = self._strip_demonyms(run)
        if not run:
            return []
        return [self._untitled(run)]

    def _strip_demonyms(self, run: list[_Token]) -> list[_Token]:
        while run:
            if run[0].text in DEMONYMS:
                run = run[1:]
            elif len(run) > 1 and _words(run[:2]) in DEMONYMS:  # "Costa Rican"
                run = run[2:]
            else:
                break
        while run and run[0].text in CONNECTORS:
            run = run[1:]
        if run and all(t.text in DEMONYMS for t in run):
            return []
        return run

    def _rest(self, rest: list[_Token]) -> list[Mention]:
        """ "of Santa Catarina" after a titled person: where they serve (an institution or place)."""
        while rest and rest[0].text in CONNECTORS:
            rest = rest[1:]
        if not rest:
            return []
        mention = self._untitled(rest)
        if mention.kind is None:
            mention.kind, mention.strength, mention.cue = PLACES, WEAK, "“of …” after a person's title"
        return [mention]

    def _untitled(self, run: list[_Token]) -> Mention:
        words = _words(run)
        first, last = run[0], run[-1]
        country = country_named(words)
        if country:
            mention = self._mention(run, PLACES, STRONG, "a country name")
            mention.place_kind = "country"
            return mention
        if any(t.text in ORG_WORDS for t in run):
            return self._mention(run, INSTITUTIONS, STRONG, "an institution word")
        feature = feature_kind([t.text for t in run])
        if feature and feature[1]:
            return self._feature(run, feature[0], f"“{last.text}” in the name")
        following = re.match(r"\s+([a-z]+)", self._after_text(last))
        next_word = following.group(1) if following else ""
        if next_word in ORG_NOUNS_IN_NAME:
            mention = self._mention(run, INSTITUTIONS, STRONG, f"“{next_word}” after it")
            mention.end = last.end + following.end()
            mention.text = self.text[mention.start : mention.end]
            return mention
        if next_word in ORG_NOUNS:
            return self._mention(run, INSTITUTIONS, STRONG, f"“{next_word}” after it")
        if next_word in PLACE_NOUNS:
            mention = self._mention(run, PLACES, STRONG, f"“{next_word}” after it")
            mention.place_kind = next_word
            return mention
        if first.text in PLACE_PREFIXES and len(run) > 1:
            return self._feature(run, feature[0] if feature else None, f"“{first.text}” in the name")
        if len(run) == 1 and re.fullmatch(r"[A-Z]{2,6}", first.text):
            return self._mention(run, None, 0, "an acronym")
        before = self._before(first, 2)
        previous = before[-1].text if before else ""
        if previous in ORG_KIND_NOUNS and previous not in ROLE_NOUNS:
            return self._mention(run, INSTITUTIONS, STRONG, f"“{previous}” before it")
        sentence = self.report.sentence_of(first.start)
        lead_in = self.text[sentence.start : first.start]
        appositive = re.fullmatch(r"[“\"]?The\s+(?:[a-z-]+\s+)?([a-z]+),\s*", lead_in)
        if appositive and appositive.group(1) in ORG_KIND_NOUNS and self.text[last.end : last.end + 1] == ",":
            return self._mention(run, INSTITUTIONS, STRONG, f"“the {appositive.group(1)}, …,” before it")
        if len(before) == 2 and before[-1].text == "of" and before[0].text in PLACE_OF_NOUNS:
            mention = self._mention(run, PLACES, STRONG, f"“{before[0].text} of” before it")
            mention.place_kind = PLACE_OF_KINDS.get(before[0].text)
            self._place_list = mention
            return mention
        listed = getattr(self, "_place_list", None)
        if previous in ("and", "or") and listed and re.fullmatch(r"\s+(?:and|or)\s+", self.text[listed.end : first.start]):
            mention = self._mention(run, PLACES, STRONG, f"listed with {listed.text}")
            mention.place_kind = listed.place_kind
            self._place_list = mention
            return mention
        if is_role(previous, ROLE_NOUNS):
            mention = self._mention(run, PEOPLE, STRONG, f"“{previous}” before it")
            if previous.startswith("spokes"):
                mention.title = previous
                mention.title_org = self._org_before(before[-1])
            return mention
        after = self._after_text(last, 90)
        if re.match(r"\s*,\s+(?:who|whom|whose)\b", after):
            return self._mention(run, PEOPLE, STRONG, "“, who” after it")
        role = appositive_role(after, ROLE_NOUNS)
        if role:
            return self._mention(run, PEOPLE, STRONG, f"“, the {role}” after it")
        role = role_appositive_before(self.text[max(0, first.start - 40) : first.start], after, ROLE_NOUNS)
        if role:
            return self._mention(run, PEOPLE, STRONG, f"“{role}, …,” before it")
        cue = country_cue(self.text, first.start, last.end, self.text[sentence.start : sentence.end])
        if cue:
            mention = self._mention(run, PLACES, WEAK, cue)
            mention.place_kind = "country"
            return mention
        if next_word in SAY_VERBS or previous in SAY_VERBS:
            return self._mention(run, PEOPLE, WEAK, f"“{next_word or previous}” next to it")
        if previous in PLACE_PREPOSITIONS:
            return self._mention(run, PLACES, WEAK, f"“{previous}” before it")
        if compass_before(self.text[max(0, first.start - 20) : first.start]):
            return self._mention(run, PLACES, WEAK, f"“{previous}” before it")
        return self._mention(run, None, 0, "")

    def _feature(self, run: list[_Token], kind: str | None, cue: str) -> Mention:
        """A geographic feature, with a lower-case "basin" or "delta" that continues its name."""
        mention = self._mention(run, PLACES, STRONG, cue)
        mention.place_kind = kind
        more = extension(kind, self._after_text(run[-1]))
        if more:
            mention.end = self.text.index(more, run[-1].end) + len(more)
            mention.text = self.text[mention.start : mention.end]
            mention.place_kind = f"{kind} {more}"
        return mention

    def _org_before(self, token: _Token) -> str | None:
        """The institution named right before a role noun: "State Department spokeswoman"."""
        words = self._before(token, 6)
        while words and not words[0].capitalised:
            words = words[1:]
        if words and all(w.capitalised or w.text in CONNECTORS for w in words) and any(w.text in ORG_WORDS for w in words):
            return " ".join(w.text for w in words)
        return None

    def _mention(self, run: list[_Token], kind: str | None, strength: int, cue: str) -> Mention:
        start, end = run[0].start, run[-1].end
        return Mention(start, end, self.text[start:end], kind, strength, cue)

    def _dateline(self) -> list[Mention]:
        dateline = self.report.dateline
        if dateline is None:
            return []
        start = dateline.span.start
        city = Mention(start, start + len(dateline.city), dateline.city, PLACES, STRONG, "the dateline")
        city.place_kind = "city"
        city.within = dateline.region
        found = [city]
        if dateline.region:
            offset = self.text.index(dateline.region, start)
            region = Mention(offset, offset + len(dateline.region), dateline.region, PLACES, STRONG, "the dateline")
            region.place_kind = region_kind(dateline.region) or "country"
            found.append(region)
        return found


find_mentions = RuleFinder()


# ------------------------------------------------------------------------------------------
# Grouping mentions into people, institutions and places


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


# ------------------------------------------------------------------------------------------
# Who said each quotation


_WORD = re.compile(r"[\w’'-]+")


class Attributor:
    def __init__(self, report: Report, groups: list[NameGroup], quotes: list[Span], unclassified: list[NameGroup]):
        self.report = report
        self.text = report.text
        self.quotes = quotes
        self.unclassified = sorted(
            (m for g in unclassified for m in g.mentions if not m.in_quote), key=lambda m: m.start
        )
        self.blocked: str | None = None
        self.by_start: dict[int, tuple[Mention, NameGroup]] = {}
        for group in groups:
            for mention in group.mentions:
                self.by_start[mention.start] = (mention, group)
        self.ordered = sorted(self.by_start.values(), key=lambda mg: mg[0].start)

    # Mentions next to a position ---------------------------------------------------------
    def mention_at(self, offset: int) -> tuple[Mention, NameGroup] | None:
        """The mention starting at `offset`, allowing a title before it ("Rector Andrés …"), in
        the same paragraph."""
        text = self.text[: self.report.paragraph_of(offset).end] if offset < len(self.text) else ""
        while offset < len(text) and text[offset] == " ":
            offset += 1
        if text.startswith(("the ", "The "), offset):
            offset += 4
        for _ in range(4):
            if offset in self.by_start:
                return self.by_start[offset]
            word = _WORD.match(text, offset)
            if not word or not word.group()[:1].isupper():
                return None
            offset = word.end()
            if text[offset : offset + 1] == ".":
                offset += 1
            while offset < len(text) and text[offset] in " \n":
                offset += 1
        return None

    def mention_ending(self, offset: int) -> tuple[Mention, NameGroup] | None:
        """The mention ending right before `offset` (an adverb may sit between: "Rubio quickly said")."""
        candidates = [mg for mg in self.ordered if mg[0].end <= offset and not mg[0].in_quote]
        if not candidates:
            return None
        mention, group = candidates[-1]
        between = self.text[mention.end : offset]
        between = re.sub(r"^[’']s?", "", between)
        if re.fullmatch(r"\s*(?:[a-z]+ly\s+)?", between):
            return mention, group
        if re.fullmatch(r"\s*,\s*", between) and re.search(r"[a-z],\s+$", self.text[max(0, mention.start - 30) : mention.start]):
            return mention, group  # a name in apposition: "Its leader, Rasmus Holm, posted"
        clause = re.fullmatch(r"\s*,\s+(?:who|whom|whose|the|a|an)\b[^,“”\"]*,\s*", between)
        if clause:
            return mention, group
        # "X, who leads the Y Union, says": skip back over the clause to X
        for mention_b, group_b in reversed(candidates[:-1]):
            between = self.text[mention_b.end : offset]
            if re.fullmatch(r"\s*,\s+(?:who|whom|whose|the|a|an)\b[^,“”\"]*,\s*", between):
                return mention_b, group_b
            if mention_b.end < offset - 160:
                break
        return None

    def last_before(self, offset: int, kind: str) -> NameGroup | None:
        """The last person (or institution) named before `offset`, outside quotations; None when
        a name the reading could not classify comes after it (it may be the one meant)."""
        for mention, group in reversed(self.ordered):
            if mention.start < offset and not mention.in_quote and group.kind == kind:
                between = [m for m in self.unclassified if mention.end <= m.start < offset]
                if between:
                    self.blocked = (
                        f"the last {'person' if kind == PEOPLE else 'institution'} named is {group.name}, "
                        f"but “{between[-1].text}” comes after it and could be the one meant"
                    )
                    return None
                return group
        return None

    def first_in(self, span: Span, before: int) -> NameGroup | None:
        for mention, group in self.ordered:
            if span.start <= mention.start < before and not mention.in_quote and group.kind in (PEOPLE, INSTITUTIONS):
                return group
        return None

    # The rules -------------------------------------------------------------------------------
    def speaker(self, quote: Span) -> tuple[NameGroup | None, str, str | None]:
        """(speaker, the attribution it came from, why it is unsure or None)."""
        self.blocked = None
        for found in (self._after(quote), self._before(quote)):
            if found and found[0].kind in (PEOPLE, INSTITUTIONS):
                return found
        return None, "", self.blocked

    def _after(self, quote: Span):
        """An attribution right after the closing mark: "…,” Rubio said", "…,” said Bruce"."""
        closing = quote.end + 1
        paragraph = self.report.paragraph_of(quote.start)
        lead = re.match(r"\s*[,.!?]?\s*", self.text[closing : paragraph.end])
        offset = closing + lead.end()
        rest = self.text[offset : min(offset + 120, paragraph.end)]
        if not rest:
            return None
        ends_sentence = self.text[quote.start : quote.end].rstrip()[-1:] in ".!?"
        if ends_sentence and rest[:1].isupper() and not attribution_sentence(rest):
            return None  # a new sentence: "…country.” The agreement was …"
        according = re.match(r"according to\s+", rest, re.I)
        if according:
            found = self.mention_at(offset + according.end())
            if found:
                return found[1], f"according to {found[0].text}", None
        verb = speech_verb(rest)
        if verb:
            after_verb = offset + len(verb)
            # "…,” wrote Zoë Kowalczyk", "…,” wrote the columnist Zoë Kowalczyk"
            skip = role_before_name(self.text[after_verb : paragraph.end], lambda word: is_role(word, ROLE_NOUNS))
            found = self.mention_at(after_verb) or (self.mention_at(after_verb + skip) if skip else None)
            if found:
                return found[1], f"{verb} {found[0].text}", None
        pronoun = re.match(r"(he|she)\s+(?:[a-z]+ly\s+)?([a-z]+)\b", rest)
        if pronoun and speech_verb(rest[pronoun.start(2) :]):
            group = self.last_before(closing, PEOPLE)
            if group:
                return group, f"{pronoun.group(1)} {pronoun.group(2)}", None
        nominal = re.match(r"(?:the|a|an)\s+(?:[a-z]+\s+)?([a-z]+)\s+(?:[a-z]+ly\s+)?([a-z]+)\b", rest)
        if nominal and nominal.group(1) in NOMINAL_VOICES and speech_verb(rest[nominal.start(2) :]):
            group = self.last_before(closing, INSTITUTIONS)
            if group:
                words = f"the {nominal.group(1)}"
                return group, f"{words} {nominal.group(2)}", f"“{words}” taken to be {group.name}’s"
        found = self.mention_at(offset)
        if found:
            # "…,” Kowalczyk wrote", "…,” Kowalczyk, a columnist for the Daily Star, wrote"
            end = found[0].end
            tail = verb_after_name(self.text[end : min(end + 140, paragraph.end)])
            if tail:
                return found[1], f"{found[0].text} {tail[0]}", None
        return None

    def _before(self, quote: Span):
        """The last attribution in the sentence before the opening mark."""
        span = Span(self.report.sentence_of(quote.start - 1).start, quote.start - 1)
        text = self.text[span.start : span.end]
        verbs = [
            m for m in re.finditer(r"\b([A-Za-z]+)\b(?:\s+to\b)?", text)
            if speech_verb(text[m.start() :].lower()) or m.group(1).lower() in PARTICIPLES
            or m.group(0).lower().startswith("according to")
        ]
        for verb in reversed(verbs):
            word = verb.group(1).lower()
            at = span.start + verb.start()
            end = span.start + verb.end()
            if word == "according" and verb.group(0).lower() == "according to":
                found = self.mention_at(end)
                if found:
                    return found[1], f"according to {found[0].text}", None
                continue
            if word in PARTICIPLES:
                if not participle_attributes(word, self.text[end : quote.start - 1]):
                    continue
                group = self.first_in(span, at)
                if group:
                    return group, f"{group.name} …, {word}", None
                continue
            found = self.mention_ending(at)
            if found and self.report.sentence_of(found[0].start) == self.report.sentence_of(at):
                return found[1], f"{found[0].text} {word}", None
            pronoun = re.search(r"\b(he|she|He|She)\s+(?:[a-z]+ly\s+)?$", self.text[span.start : at])
            if pronoun:
                group = self.last_before(at, PEOPLE)
                if group:
                    return group, f"{pronoun.group(1)} {word}", None
            following = self.mention_at(end)
            if following and word in SAY_VERBS:
                return following[1], f"{word} {following[0].text}", None
        return None


def attribute(
    report: Report, groups: list[NameGroup], spans: list[Span], unclassified: list[NameGroup] = ()
) -> list[QuoteFind]:
    """A speaker for every quotation the text attributes; a following quotation with no
    attribution of its own continues the previous speaker (and says it is unsure)."""
    attributor = Attributor(report, groups, spans, list(unclassified))
    finds: list[QuoteFind] = []
    previous: QuoteFind | None = None
    for span in spans:
        words = report.text[span.start : span.end]
        find = QuoteFind(span.start, span.end, words)
        speaker, how, unsure = attributor.speaker(span)
        if speaker is None and unsure is None and previous is not None and previous.speaker is not None:
            gap = report.text[previous.end + 1 : span.start - 1]
            same_or_next = len(re.findall(r"\n\s*\n|\n", gap)) <= 1 and len(gap) < 200
            sentence = report.sentence_of(span.start - 1)
            starts_sentence = not report.text[sentence.start : span.start - 1].strip()
            if same_or_next and starts_sentence:
                speaker, how = previous.speaker, "continues the quotation before it"
                unsure = f"no attribution of its own; taken to continue the previous quotation, by {speaker.name}"
        find.speaker, find.how, find.unsure = speaker, how, unsure
        finds.append(find)
        previous = find
    return finds


# ------------------------------------------------------------------------------------------
# Dates


def _month_number(word: str) -> int:
    word = word.rstrip(".")[:3].lower()
    return [m[:3].lower() for m in MONTHS].index(word) + 1


def find_dates_in(text: str, offset: int = 0) -> list[DateFind]:
    """Dates written out in `text`: "February 3, 2025" (a day), "August 2023" (a month) and a year
    after a preposition ("in 2023"); each at the precision written."""
    taken: list[tuple[int, int]] = []
    found: list[DateFind] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            span = match.span("year") if "month" not in pattern.groupindex else match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            year = int(match.group("year"))
            month = _month_number(match.group("month")) if "month" in pattern.groupindex else 0
            day = int(match.group("day")) if "day" in pattern.groupindex else 0
            try:
                date = PartialDate(year, month, day)
                date.first_day()
            except ValueError:
                continue
            taken.append(match.span())
            found.append(DateFind(offset + span[0], offset + span[1], date))
    return sorted(found, key=lambda d: d.start)


def find_dates(report: Report) -> list[DateFind]:
    found: list[DateFind] = []
    for paragraph in report.body_paragraphs:
        start = paragraph.start
        if report.dateline and report.dateline.span.start == paragraph.start:
            start = report.dateline.span.end
        found.extend(find_dates_in(report.text[start : paragraph.end], start))
    return found


# ------------------------------------------------------------------------------------------

MentionFinder = Callable[[Report, list[Span]], list[Mention]]
DateFinder = Callable[[Report], list[DateFind]]


def analyse(
    text: str, finder: MentionFinder = find_mentions, date_finder: DateFinder = find_dates
) -> Reading:
    """Read `text`: its structure, the names in it, who said each quotation, and its dates."""
    report = Report(text)
    skipped: list[tuple[Span, str]] = []
    spans = []
    found, unpaired = quote_spans(report)
    for paragraph in unpaired:
        skipped.append((paragraph, "straight quotation marks that do not pair up; no quotation taken from it"))
    for span in found:
        words = report.text[span.start : span.end]
        if not words.strip():
            continue
        if looks_like_name(words):
            skipped.append((span, "a name in quotation marks, not a quotation"))
            continue
        spans.append(span)
    mentions = finder(report, spans)
    groups, unclassified = group_mentions(mentions)
    quotes = attribute(report, groups, spans, unclassified)
    return Reading(report, groups, unclassified, quotes, skipped, date_finder(report))
