"""The rule-based mention finder: what kind of thing each run of capitalised words names.

A run becomes a name of a known kind only with evidence: a title ("Secretary of State Marco
Rubio", and the institution before it: "State Department spokeswoman Tammy Bruce"), an
institution word ("Department", "Watch"), a country, a geographic feature, a dateline, a role
noun or an appositive ("spokeswoman …", "…, the association’s chairman"), a noun after it
("… administration", "… river"), a list ("the provinces of X and Y"), a verb of saying next to
it. Without evidence it is reported unclassified rather than guessed. The word lists and cues
are in `namecues`; the runs come from `nameruns`.

`find_mentions` is the finder `textscan.analyse` uses unless it is given another one.
"""

from __future__ import annotations

import re

from explainer.authoring.gazetteer import DEMONYMS, country_named, region_kind
from explainer.authoring.namecues import (
    CONNECTORS,
    HONORIFICS,
    ORG_KIND_NOUNS,
    ORG_NOUNS,
    ORG_NOUNS_IN_NAME,
    ORG_WORDS,
    PLACE_NOUNS,
    PLACE_OF_KINDS,
    PLACE_OF_NOUNS,
    PLACE_PREFIXES,
    PLACE_PREPOSITIONS,
    ROLE_NOUNS,
    TITLES,
    appositive_role,
    compass_before,
    country_cue,
    extension,
    feature_kind,
    is_role,
    role_appositive_before,
)
from explainer.authoring.namegroups import INSTITUTIONS, PEOPLE, PLACES, STRONG, WEAK, Mention
from explainer.authoring.nameruns import (
    Token,
    capitalised_runs,
    gap_between,
    seen_inside,
    trim_run,
    word_tokens,
)
from explainer.authoring.report import Report, Span
from explainer.authoring.speech import SAY_VERBS


def _match_title(run: list[Token], at: int) -> int:
    """How many tokens of a title start at `at` (0 when none)."""
    best = 0
    for title in TITLES:
        words = title.split()
        if [t.text for t in run[at : at + len(words)]] == words:
            best = max(best, len(words))
    return best


def _words(run: list[Token]) -> str:
    return " ".join(t.text for t in run)


class RuleFinder:
    """Finds names with capitalisation, titles, institution words, countries and context cues."""

    def __call__(self, report: Report, quotes: list[Span]) -> list[Mention]:
        self.report = report
        self.text = report.text
        self.quotes = quotes
        tokens = word_tokens(report, quotes)
        self.tokens = tokens
        self.index_of = {t.start: i for i, t in enumerate(tokens)}
        seen = seen_inside(tokens)
        mentions: list[Mention] = []
        for run in capitalised_runs(report, tokens):
            run = trim_run(run, seen)
            if run:
                mentions.extend(self._classify(run))
        mentions.extend(self._dateline())
        for mention in mentions:
            mention.in_quote = any(q.start <= mention.start < q.end for q in quotes)
        return sorted(mentions, key=lambda m: m.start)

    def _before(self, token: Token, n: int = 1) -> list[Token]:
        """Up to `n` tokens before `token`, if only white space separates them."""
        index = self.index_of[token.start]
        found: list[Token] = []
        current = token
        for k in range(index - 1, max(index - 1 - n, -1), -1):
            previous = self.tokens[k]
            if gap_between(self.text, previous, current).strip():
                break
            found.insert(0, previous)
            current = previous
        return found

    def _after_text(self, token: Token, length: int = 40) -> str:
        return self.text[token.end : token.end + length]

    def _classify(self, run: list[Token]) -> list[Mention]:
        if _match_title(run, 0) == len(run) or _words(run) in DEMONYMS or all(
            t.text in DEMONYMS or _match_title([t], 0) for t in run
        ):
            return []  # a title alone: "President", "Secretary of State"
        # Titles: "Secretary of State Marco Rubio", "Salvadoran President Nayib Bukele"
        for at in range(len(run) - 1, -1, -1):
            size = _match_title(run, at)
            if not size or at + size >= len(run) or run[at + size].text in CONNECTORS:
                continue
            name_tokens: list[Token] = []
            rest: list[Token] = []
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

    def _strip_demonyms(self, run: list[Token]) -> list[Token]:
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

    def _rest(self, rest: list[Token]) -> list[Mention]:
        """ "of Santa Catarina" after a titled person: where they serve (an institution or place)."""
        while rest and rest[0].text in CONNECTORS:
            rest = rest[1:]
        if not rest:
            return []
        mention = self._untitled(rest)
        if mention.kind is None:
            mention.kind, mention.strength, mention.cue = PLACES, WEAK, "“of …” after a person's title"
        return [mention]

    def _untitled(self, run: list[Token]) -> Mention:
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
        if following and next_word in ORG_NOUNS_IN_NAME:
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

    def _feature(self, run: list[Token], kind: str | None, cue: str) -> Mention:
        """A geographic feature, with a lower-case "basin" or "delta" that continues its name."""
        mention = self._mention(run, PLACES, STRONG, cue)
        mention.place_kind = kind
        more = extension(kind, self._after_text(run[-1]))
        if more:
            mention.end = self.text.index(more, run[-1].end) + len(more)
            mention.text = self.text[mention.start : mention.end]
            mention.place_kind = f"{kind} {more}"
        return mention

    def _org_before(self, token: Token) -> str | None:
        """The institution named right before a role noun: "State Department spokeswoman"."""
        words = self._before(token, 6)
        while words and not words[0].capitalised:
            words = words[1:]
        if words and all(w.capitalised or w.text in CONNECTORS for w in words) and any(w.text in ORG_WORDS for w in words):
            return " ".join(w.text for w in words)
        return None

    def _mention(self, run: list[Token], kind: str | None, strength: int, cue: str) -> Mention:
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
