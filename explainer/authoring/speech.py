"""Verbs of saying and the shapes of an attribution, for the speaker rules in `quotations`; and
the words of a quotation as a record keeps them.

A report attributes words with many verbs besides "said" ("wrote", "told", "added", "argued",
"noted", "posted", "cautioned" …), in either order ("…,” Kowalczyk wrote" and "…,” wrote
Kowalczyk"), with a role or an appositive in between ("…,” wrote columnist Zoë Kowalczyk",
"…,” Kowalczyk, a columnist for the Daily Star, wrote"). The functions here recognise those
shapes in the text next to a quotation; which name they point at is decided by
`quotations.Attributor`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Verbs of saying, by their base form; `_forms` makes "adds", "added" and "adding".
_LEMMAS = """
add acknowledge admit agree announce answer argue ask assert boast call caution claim comment
complain concede conclude confirm continue contend counter declare emphasise emphasize exclaim
explain insist joke lament maintain muse note object observe plead point post predict promise
protest quip recall recount reflect remark reply respond retort say shout state stress suggest
tell testify tweet urge vow warn whisper write
""".split()
# Lemmas whose present form is more often a noun ("the posts", "protests", "comments"): only
# their past form attributes.
_PAST_ONLY = {"answer", "comment", "counter", "object", "point", "post", "promise", "protest", "tweet"}
_IRREGULAR = {
    "say": ("said", "says", "say", "saying"),
    "tell": ("told", "tells", "telling"),
    "write": ("wrote", "writes", "writing"),
    "admit": ("admitted", "admits", "admitting"),
    "quip": ("quipped", "quips", "quipping"),
    "plead": ("pleaded", "pled", "pleads", "pleading"),
}


def _forms(lemma: str) -> tuple[set[str], set[str]]:
    """(finite forms, -ing form) of a regular verb: "argue" → {argued, argues}, {arguing}."""
    if lemma in _IRREGULAR:
        forms = set(_IRREGULAR[lemma])
        return {f for f in forms if not f.endswith("ing")}, {f for f in forms if f.endswith("ing")}
    if lemma.endswith("ee"):
        return {lemma + "d", lemma + "s"}, {lemma + "ing"}
    if lemma.endswith("e"):
        return {lemma + "d", lemma + "s"}, {lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return {lemma[:-1] + "ied", lemma[:-1] + "ies"}, {lemma + "ing"}
    plural = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s")
    return {lemma + "ed", plural}, {lemma + "ing"}


def _all_forms() -> tuple[frozenset[str], frozenset[str]]:
    finite: set[str] = set()
    participles: set[str] = set()
    for lemma in _LEMMAS:
        done, going = _forms(lemma)
        if lemma in _PAST_ONLY:
            done = {form for form in done if form.endswith("ed")}
        finite |= done
        participles |= going
    return frozenset(finite), frozenset(participles)


SAY_VERBS, PARTICIPLES = _all_forms()
# The participles that attribute a quotation anywhere later in their sentence ("…, saying El
# Salvador had offered “…”"); the others only when the quotation follows them closely
# ("…, cautioning that “…”"), since many are also adjectives ("a promising start").
LOOSE_PARTICIPLES = frozenset(
    {"saying", "adding", "writing", "telling", "calling", "declaring", "noting", "warning", "arguing"}
)
# "pointed" says something only with its "out"
_NEEDS_PARTICLE = {"pointed": "out"}
# "the spokesman said": an unnamed voice of the last institution named.
NOMINAL_VOICES = {
    "spokesman", "spokeswoman", "spokesperson", "statement", "ministry", "department", "agency",
    "commission", "union", "association", "organization", "organisation", "group", "company",
    "police", "government", "administration", "council", "committee", "office", "court", "report",
}


def speech_verb(words: str) -> str | None:
    """The verb of saying `words` starts with ("pointed out" → "pointed out"), or None."""
    match = re.match(r"([a-z]+)\b(?:\s+(out)\b)?", words)
    if not match:
        return None
    verb = match.group(1)
    if verb not in SAY_VERBS:
        return None
    particle = _NEEDS_PARTICLE.get(verb)
    if particle:
        return f"{verb} {particle}" if match.group(2) == particle else None
    return verb


def is_speech_verb(word: str) -> bool:
    return word in SAY_VERBS and word not in _NEEDS_PARTICLE


def participle_attributes(participle: str, between: str) -> bool:
    """Whether `participle` attributes the quotation that opens after `between`, the text from
    the participle's end to the opening mark."""
    if participle in LOOSE_PARTICIPLES:
        return True
    if participle not in PARTICIPLES or participle == "pointing":
        return False
    return bool(re.fullmatch(r"\s*[,:]?\s*(?:that\b[^“”\"]{0,60})?", between))


# After a name, before its verb: "’s", an adverb, or an appositive between commas
# (", a columnist for the Daily Star,"), which must not hold a quotation or end the sentence.
_TO_VERB = re.compile(
    r"(?:[’']s)?(?:\s*,\s+(?!and\b|but\b|or\b)[^,“”\"\n.!?;]{1,90},)?\s+(?:[a-z]+ly\s+)?(?=[a-z])"
)


def verb_after_name(text: str) -> tuple[str, int] | None:
    """The verb of saying that follows a name, when `text` starts right after the name:
    " wrote" and ", a columnist for the Daily Star, wrote" → ("wrote", offset of its end)."""
    lead = _TO_VERB.match(text)
    if not lead:
        return None
    verb = speech_verb(text[lead.end():])
    if verb is None:
        return None
    return verb, lead.end() + len(verb)


def role_before_name(text: str, is_role: Callable[[str], bool]) -> int:
    """How many characters of `text` (which follows a verb of saying) are a role before a name:
    " columnist " or " the veteran columnist " in "…,” wrote the veteran columnist Zoë K."; 0 when
    there is none. `is_role` says whether a lower-case word is a role noun."""
    match = re.match(r"\s*(?:(?:the|a|an)\s+)?((?:[a-z-]+\s+){0,2})([a-z-]+)\s+(?=[^\W\d_])", text)
    if not match or not is_role(match.group(2)) or not text[match.end()].isupper():
        return 0
    return match.end()


def attribution_sentence(text: str) -> bool:
    """Whether `text`, a sentence that follows a quotation ending in a full stop, is its
    attribution ("Zoë Kowalczyk added.", "Kowalczyk, a columnist, wrote on her blog."): a verb of
    saying within its first words, and the sentence ends soon after, before any other quotation."""
    sentence = re.match(r"[^.!?“”\"]{0,160}?[.!?]", text)
    if not sentence:
        return False
    words = sentence.group()
    for verb in re.finditer(r"\b[a-z]+\b", words):
        found = speech_verb(words[verb.start():])
        if found:
            before = words[: verb.start()]
            after = words[verb.start() + len(found) : -1]
            return len(before) <= 110 and len(after.split()) <= 5
    return False


# Punctuation before the closing mark that belongs to the sentence around the quotation
_CLOSING = re.compile(r"\s*[,.;:]\s*$")
_KEEPS_ITS_STOP = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Jr|Sr|Inc|Ltd|Co|St|etc)\.|\.\.\.)\s*$")


def trim_quote(text: str) -> str:
    """A quotation's words without the comma or full stop that ends the sentence around it:
    "Nobody lost today," → "Nobody lost today". A question or exclamation mark is the speaker's
    and stays, as does the full stop of an abbreviation ("the U.S.") or an ellipsis."""
    text = text.strip()
    if _KEEPS_ITS_STOP.search(text):
        return text
    trimmed = _CLOSING.sub("", text)
    return trimmed if trimmed else text
