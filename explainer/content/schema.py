"""What fields each kind of content has, and how a YAML value becomes a typed value.

The loader walks a record's mapping key by key through `FIELDS`; every problem is reported at the
line of the offending key, with a "did you mean" for unknown fields. A ref field's spec also says
which kinds it may point at (`REF_TARGETS`, checked by `index`), and the field tables of
docs/content.md are generated from these specs (`contract_doc`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from explainer.content.kinds import DOCUMENT_COLLECTIONS
from explainer.content.model import AGREEMENT_STATUSES, Alias, Fact, Link, Markdown, Ref, Role
from explainer.content.yamlsource import YList, YMap
from explainer.core.dates import parse_date
from explainer.core.errors import did_you_mean

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID_LENGTH = 120
SAFE_URL_RE = re.compile(r"^(https?://|mailto:)[^\s]+$", re.IGNORECASE)
LINK_MENTIONS = ("first-per-page", "first-per-section", "all", "none")


@dataclass(frozen=True)
class FieldSpec:
    type: str
    required: bool = False
    # for a ref or refs: the collections it may point at; empty: any record, article or page
    targets: tuple[str, ...] = ()


PEOPLE_OR_INSTITUTIONS = ("people", "institutions")
ACTORS = ("people", "institutions", "places")

COMMON = {
    "aliases": FieldSpec("aliases"),
    "summary": FieldSpec("markdown"),
    "related": FieldSpec("refs"),
    "tags": FieldSpec("texts"),
    "sources": FieldSpec("refs", targets=("sources",)),
}

FIELDS: dict[str, dict[str, FieldSpec]] = {
    "people": {
        "name": FieldSpec("text", True), "roles": FieldSpec("roles"),
        "country": FieldSpec("ref", targets=("places",)), "links": FieldSpec("links"),
    },
    "institutions": {
        "name": FieldSpec("text", True), "short_name": FieldSpec("text"),
        "kind": FieldSpec("text"), "country": FieldSpec("ref", targets=("places",)),
        "parent": FieldSpec("ref", targets=("institutions",)),
        "founded": FieldSpec("date"), "facts": FieldSpec("facts"),
    },
    "agreements": {
        "title": FieldSpec("text", True), "kind": FieldSpec("text"), "status": FieldSpec("status"),
        "date": FieldSpec("date"), "parties": FieldSpec("refs", targets=ACTORS),
        "signatories": FieldSpec("refs", targets=PEOPLE_OR_INSTITUTIONS),
        "terms": FieldSpec("markdowns"),
    },
    "places": {
        "name": FieldSpec("text", True), "kind": FieldSpec("text"),
        "within": FieldSpec("ref", targets=("places",)),
    },
    "events": {
        "date": FieldSpec("date", True), "title": FieldSpec("text", True),
        "end": FieldSpec("date"), "participants": FieldSpec("refs", targets=ACTORS),
        "place": FieldSpec("ref", targets=("places",)),
    },
    "glossary": {
        "term": FieldSpec("text", True), "definition": FieldSpec("markdown", True),
        "abbreviation": FieldSpec("text"), "see_also": FieldSpec("refs"),
    },
    "quotes": {
        "text": FieldSpec("text", True), "speaker": FieldSpec("ref", True, targets=PEOPLE_OR_INSTITUTIONS),
        "source": FieldSpec("ref", True, targets=("sources",)), "date": FieldSpec("date"),
        "context": FieldSpec("markdown"), "reported_by": FieldSpec("ref", targets=PEOPLE_OR_INSTITUTIONS),
    },
    "sources": {
        "title": FieldSpec("text", True), "publisher": FieldSpec("text"), "url": FieldSpec("url"),
        "date": FieldSpec("date"), "file": FieldSpec("text"),
    },
}
for _fields in FIELDS.values():
    _fields.update(COMMON)

DOCUMENT_FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec("text", True), "dek": FieldSpec("text"), "date": FieldSpec("date"),
    "byline": FieldSpec("text"), "sources": FieldSpec("refs", targets=("sources",)),
}

# The fields of the mappings inside a list field: a person's roles and links, an alias.
ROLE_FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec("text", True), "organization": FieldSpec("ref", targets=("institutions", "places")),
    "start": FieldSpec("date"), "end": FieldSpec("date"),
}
LINK_FIELDS: dict[str, FieldSpec] = {"title": FieldSpec("text", True), "url": FieldSpec("url", True)}
ALIAS_FIELDS: dict[str, FieldSpec] = {"text": FieldSpec("text", True), "priority": FieldSpec("int")}

# (collection, field) -> the collections a ref there may point at, read from the specs above (a
# role's `organization` counts as a field of people); fields not listed may point anywhere.
REF_TARGETS: dict[tuple[str, str], tuple[str, ...]] = {
    (collection, name): spec.targets
    for collection, fields in (
        *FIELDS.items(), *((c, DOCUMENT_FIELDS) for c in DOCUMENT_COLLECTIONS), ("people", ROLE_FIELDS),
    )
    for name, spec in fields.items()
    if spec.targets
}

SITE_FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec("text", True), "description": FieldSpec("text"),
    "language": FieldSpec("text"), "base_url": FieldSpec("base_url"), "author": FieldSpec("text"),
    "allow_html": FieldSpec("bool"), "link_mentions": FieldSpec("link_mentions"),
    "page_size": FieldSpec("count"),
}


# Letters that Unicode does not decompose into a base letter and accents (NFKD leaves "Ø" as it
# is), spelt out in ASCII; without this table "Øystein" would lose its first letter.
_TRANSLITERATE = str.maketrans({
    "ß": "ss", "Ø": "O", "ø": "o", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Đ": "D",
    "đ": "d", "Ð": "D", "ð": "d", "Ł": "L", "ł": "l", "Þ": "Th", "þ": "th", "ı": "i",
    "Ħ": "H", "ħ": "h", "Ŧ": "T", "ŧ": "t", "Ŋ": "N", "ŋ": "n",
})


def transliterate(text: str) -> str:
    """`text` in ASCII: accents dropped, special letters spelt out ("Ærø" becomes "Aero"), other
    characters without an ASCII form (other scripts, typographic quotes) left out. Record ids
    (`slugify`) and heading anchors (`markup`) are both made from it."""
    decomposed = unicodedata.normalize("NFKD", text).translate(_TRANSLITERATE)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slugify(name: str) -> str:
    """An id from a name: "José Simeón Cañas" becomes "jose-simeon-canas"."""
    ascii_text = transliterate(name).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:MAX_ID_LENGTH].strip("-")


def base_url_problem(value: str) -> str | None:
    """Why `value` cannot be a base URL ("/", "/explainers/cecot/" or "https://host/path/"), or None."""
    if any(c.isspace() for c in value) or any(c in value for c in "?#\\\"<>"):
        return f"invalid base URL '{value}': it may not contain spaces, quotes, '?', '#' or backslashes"
    if "://" in value:
        scheme, _, rest = value.partition("://")
        if scheme.lower() not in ("http", "https") or not rest.partition("/")[0]:
            return f"invalid base URL '{value}': use https://host/path/ or a path such as /explainers/cecot/"
        path = "/" + rest.partition("/")[2]
    elif value.startswith("/") and not value.startswith("//"):
        path = value
    else:
        return (
            f"invalid base URL '{value}': start it with / (did you mean '/{value.strip('/')}/'?) "
            "or give a full https:// address"
        )
    if any(part in (".", "..") for part in path.split("/")) or "//" in path:
        return f"invalid base URL '{value}': its path may not contain '.', '..' or '//'"
    return None


def id_problem(value: str, where: str = "") -> str | None:
    """Why `value` is not a valid id, or None when it is one. `where` says where it came from."""
    if len(value) > MAX_ID_LENGTH:
        return f"invalid id '{value[:40]}…'{where}: ids are at most {MAX_ID_LENGTH} characters"
    if not ID_RE.match(value):
        suggestion = slugify(value)
        hint = f"; did you mean '{suggestion}'?" if suggestion and ID_RE.match(suggestion) else ""
        return (
            f"invalid id '{value}'{where}: ids use lower-case letters a-z, digits and single "
            f"hyphens{hint}"
        )
    return None


Report = Callable[[int, str], None]


def _type_name(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a date" if hasattr(value, "year") else type(value).__name__


class Converter:
    """Turns one YAML value into the typed value its field expects, reporting what is wrong."""

    def __init__(self, report: Report):
        self.report = report

    def convert(self, name: str, spec: FieldSpec, value: object, line: int, value_line: int):
        method = getattr(self, "_" + spec.type)
        return method(name, value, line, value_line)

    def _wrong(self, name: str, expected: str, value: object, line: int) -> None:
        self.report(line, f"'{name}' must be {expected}, not {_type_name(value)}")

    def _text(self, name, value, line, value_line=0):
        if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
            self._wrong(name, "text", value, line)
            return None
        if hasattr(value, "year") and not isinstance(value, str):
            return value.isoformat()
        text = str(value)
        if not text.strip():
            self.report(line, f"'{name}' is empty")
            return None
        return text

    def _markdown(self, name, value, line, value_line):
        text = self._text(name, value, line)
        return Markdown(text, value_line) if text is not None else None

    def _bool(self, name, value, line, value_line):
        if not isinstance(value, bool):
            self._wrong(name, "true or false", value, line)
            return None
        return value

    def _url(self, name, value, line, value_line):
        text = self._text(name, value, line)
        if text is not None and not SAFE_URL_RE.match(text):
            self.report(line, f"'{name}' must be an http(s):// or mailto: address, not '{text}'")
            return None
        return text

    def _base_url(self, name, value, line, value_line):
        text = self._text(name, value, line)
        problem = base_url_problem(text) if text is not None else None
        if problem:
            self.report(line, problem)
            return None
        return text

    def _date(self, name, value, line, value_line):
        date = parse_date(value)
        if date is None:
            shown = value.isoformat() if hasattr(value, "isoformat") else value
            self.report(
                line, f"invalid date '{shown}' for '{name}': use YYYY, YYYY-MM or YYYY-MM-DD"
            )
        return date

    def _status(self, name, value, line, value_line):
        text = self._text(name, value, line)
        if text is not None and text not in AGREEMENT_STATUSES:
            self.report(
                line,
                f"unknown status '{text}'{did_you_mean(text, AGREEMENT_STATUSES)}: "
                f"use one of {', '.join(AGREEMENT_STATUSES)}",
            )
            return None
        return text

    def _link_mentions(self, name, value, line, value_line):
        text = self._text(name, value, line)
        if text is not None and text not in LINK_MENTIONS:
            self.report(
                line,
                f"unknown link_mentions '{text}'{did_you_mean(text, LINK_MENTIONS)}: "
                f"use one of {', '.join(LINK_MENTIONS)}",
            )
            return None
        return text

    def _ref(self, name, value, line, value_line=0):
        if not isinstance(value, str) or isinstance(value, bool):
            self._wrong(name, "an id", value, line)
            return None
        return Ref(value.strip(), line)

    def _list(self, name, value, line, what):
        if not isinstance(value, list):
            self._wrong(name, f"a list of {what}", value, line)
            return None
        lines = value.item_lines if isinstance(value, YList) else [line] * len(value)
        return list(zip(value, lines, strict=False))

    def _refs(self, name, value, line, value_line):
        items = self._list(name, value, line, "ids")
        if items is None:
            return ()
        refs = (self._ref(name, item, item_line) for item, item_line in items)
        return tuple(ref for ref in refs if ref is not None)

    def _texts(self, name, value, line, value_line):
        items = self._list(name, value, line, "texts")
        if items is None:
            return ()
        texts = (self._text(name, item, item_line) for item, item_line in items)
        return tuple(text for text in texts if text is not None)

    def _markdowns(self, name, value, line, value_line):
        items = self._list(name, value, line, "texts")
        if items is None:
            return ()
        texts = ((self._text(name, item, n), n) for item, n in items)
        return tuple(Markdown(text, n) for text, n in texts if text is not None)

    def _aliases(self, name, value, line, value_line):
        items = self._list(name, value, line, "names")
        if items is None:
            return ()
        aliases = []
        for item, item_line in items:
            if isinstance(item, dict):
                fields = self.mapping(item, ALIAS_FIELDS, "alias")
                if fields.get("text"):
                    aliases.append(Alias(fields["text"], item_line, fields.get("priority") or 0))
            else:
                text = self._text(name, item, item_line)
                if text is not None:
                    aliases.append(Alias(text, item_line))
        return tuple(aliases)

    def _int(self, name, value, line, value_line):
        if isinstance(value, bool) or not isinstance(value, int):
            return self._wrong(name, "a whole number", value, line)
        return value

    def _count(self, name, value, line, value_line):
        number = self._int(name, value, line, value_line)
        if number is not None and number < 1:
            return self.report(line, f"'{name}' must be a whole number of at least 1, not {number}")
        return number

    def _roles(self, name, value, line, value_line):
        items = self._list(name, value, line, "roles")
        if items is None:
            return ()
        roles = []
        for item, item_line in items:
            if not isinstance(item, dict):
                self._wrong("roles", "a list of mappings with a 'title'", item, item_line)
                continue
            fields = self.mapping(item, ROLE_FIELDS, "role")
            if fields.get("title"):
                roles.append(Role(line=item_line, **fields))
        return tuple(roles)

    def _links(self, name, value, line, value_line):
        items = self._list(name, value, line, "links")
        if items is None:
            return ()
        links = []
        for item, item_line in items:
            if not isinstance(item, dict):
                self._wrong("links", "a list of mappings with 'title' and 'url'", item, item_line)
                continue
            fields = self.mapping(item, LINK_FIELDS, "link")
            if fields.get("title") and fields.get("url"):
                links.append(Link(line=item_line, **fields))
        return tuple(links)

    def _facts(self, name, value, line, value_line):
        if not isinstance(value, dict):
            self._wrong(name, "a mapping of label to value", value, line)
            return ()
        facts = []
        for label, fact in value.items():
            fact_line = value.line_of(label) if isinstance(value, YMap) else line
            text = self._text(f"{name}: {label}", fact, fact_line)
            if text is not None:
                facts.append(Fact(str(label), text, fact_line))
        return tuple(facts)

    def mapping(self, data: dict, spec: dict[str, FieldSpec], what: str) -> dict:
        """Convert every known key of `data`; report unknown and missing ones."""
        line = data.line if isinstance(data, YMap) else 1
        out: dict = {}
        for key, value in data.items():
            key_line = data.line_of(key) if isinstance(data, YMap) else line
            field_spec = spec.get(key) if isinstance(key, str) else None
            if field_spec is None:
                self.report(key_line, f"unknown field '{key}' in {what}{did_you_mean(str(key), spec)}")
                continue
            if value is None:
                continue
            value_line = data.value_line_of(key) if isinstance(data, YMap) else key_line
            converted = self.convert(key, field_spec, value, key_line, value_line)
            if converted is not None:
                out[key] = converted
        for key, field_spec in spec.items():
            if field_spec.required and data.get(key) is None:
                self.report(line, f"missing required field '{key}' in {what}")
        return out
