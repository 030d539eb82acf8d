"""Quotations in a report and who said each.

`quote_spans` finds every passage between quotation marks inside one paragraph; a quoted name
(“Center for the Confinement of Terrorism”) is not a quotation (`looks_like_name`). The
`Attributor` decides the speaker from the attribution around a quotation: after it ("…,” Rubio
said", "…,” said Bruce", "…,” wrote columnist Zoë Kowalczyk", "he said", "the spokesman said")
or before it in its sentence ("according to Human Rights Watch", "Bukele wrote: “…”", "…,
saying, “…”"). A quotation with no attribution of its own that follows another continues its
speaker, marked unsure. The verbs of saying and the shapes of an attribution are in `speech`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from explainer.authoring.namecues import CONNECTORS, ROLE_NOUNS, is_role
from explainer.authoring.namegroups import INSTITUTIONS, PEOPLE, Mention, NameGroup
from explainer.authoring.report import Report, Span
from explainer.authoring.speech import (
    NOMINAL_VOICES,
    PARTICIPLES,
    SAY_VERBS,
    attribution_sentence,
    participle_attributes,
    role_before_name,
    speech_verb,
    verb_after_name,
)


@dataclass
class QuoteFind:
    """A quotation and who said it; `speaker` is None when the text does not say."""

    start: int  # the inner text, between the marks
    end: int
    text: str
    speaker: NameGroup | None = None
    how: str = ""
    unsure: str | None = None


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


_WORD = re.compile(r"[\w’'-]+")


class Attributor:
    """Who said a quotation, from the names the reading grouped and the words around it; the
    names it could not classify only block a guess ("…” comes after it and could be the one
    meant")."""

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
        offset = closing + (lead.end() if lead else 0)  # the pattern matches even nothing
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
    report: Report, groups: list[NameGroup], spans: list[Span], unclassified: Sequence[NameGroup] = ()
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
