"""How a YAML value becomes the typed value its field expects (`Converter`), reporting what is wrong.

The loader walks a record's mapping key by key through the field tables of
`explainer.content.schema`; every problem is reported at the line of the offending key or item,
with a "did you mean" for unknown fields.
"""

from __future__ import annotations

from explainer.content.ids import id_problem
from explainer.content.languages import language_problem
from explainer.content.limits import field_problems
from explainer.content.model import AGREEMENT_STATUSES, Citation, Correction, Fact, Link, Role
from explainer.content.parts import Alias, Markdown, Ref
from explainer.content.schema import (
    ALIAS_FIELDS,
    CITATION_FIELDS,
    CORRECTION_FIELDS,
    KEY_FACT_FIELDS,
    LINK_FIELDS,
    LINK_MENTIONS,
    ROLE_FIELDS,
    SAFE_URL_RE,
    SHORT_CITATION,
    TRANSLATED_KEY_FACT_FIELDS,
    FieldSpec,
    Report,
)
from explainer.content.settings import KeyFact
from explainer.content.url_settings import base_url_problem, edit_url_problem, with_slash
from explainer.content.yamlsource import YList, YMap
from explainer.core.dates import DateError, read_date
from explainer.core.errors import did_you_mean


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

    def _edit_url(self, name, value, line, value_line):
        text = self._text(name, value, line)
        problem = edit_url_problem(text) if text is not None else None
        if problem:
            self.report(line, problem)
            return None
        return with_slash(text) if text is not None else None

    def _date(self, name, value, line, value_line):
        try:
            return read_date(value)
        except DateError as problem:
            shown = value.isoformat() if hasattr(value, "isoformat") else value
            self.report(line, f"invalid date '{shown}' for '{name}': {problem}")
            return None

    def _status(self, name, value, line, value_line):
        return self._one_of(name, value, line, AGREEMENT_STATUSES)

    def _link_mentions(self, name, value, line, value_line):
        return self._one_of(name, value, line, LINK_MENTIONS)

    def _one_of(self, name: str, value: object, line: int, choices: tuple[str, ...]) -> str | None:
        text = self._text(name, value, line)
        if text is not None and text not in choices:
            self.report(line, f"unknown {name} '{text}'{did_you_mean(text, choices)}: use one of {', '.join(choices)}")
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
            self._wrong(name, "a whole number", value, line)
            return None
        return value

    def _count(self, name, value, line, value_line):
        number = self._int(name, value, line, value_line)
        if number is not None and number < 1:
            self.report(line, f"'{name}' must be a whole number of at least 1, not {number}")
            return None
        return number

    def _share(self, name, value, line, value_line):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            self.report(line, f"'{name}' must be a number from 0 to 1, such as 0.25, not {value!r}")
            return None
        return float(value)

    def _languages(self, name, value, line, value_line):
        items = self._list(name, value, line, "language tags")
        if not items:
            if items is not None:
                self.report(line, f"'{name}' needs at least one language")
            return None
        tags: list[str] = []
        for item, item_line in items:
            tag = self._text(name, item, item_line)
            if tag is None:
                continue
            problem = language_problem(tag)
            if problem:
                self.report(item_line, problem)
            elif tag in tags:
                self.report(item_line, f"language '{tag}' is listed twice in '{name}'")
            else:
                tags.append(tag)
        return tuple(tags) if tags else None

    def _language_texts(self, name, value, line, value_line):
        if not isinstance(value, dict):
            self._wrong(name, "a mapping of language to text", value, line)
            return None
        texts = {}
        for tag, text in value.items():
            tag_line = value.line_of(tag) if isinstance(value, YMap) else line
            converted = self._text(f"{name}: {tag}", text, tag_line)
            if converted is not None:
                texts[str(tag)] = converted
        return texts

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

    def _key_fact_items(self, name, value, line, spec: dict[str, FieldSpec], expected: str) -> list[tuple[dict, int]]:
        """The key facts of a list that have every required field of `spec`, with their lines."""
        items = self._list(name, value, line, "key facts")
        facts = []
        for item, item_line in items or ():
            if not isinstance(item, dict):
                self._wrong(name, f"a list of mappings with {expected}", item, item_line)
                continue
            fields = self.mapping(item, spec, "key fact")
            if {field for field, field_spec in spec.items() if field_spec.required} <= set(fields):
                facts.append((fields, item_line))
        return facts

    def _key_facts(self, name, value, line, value_line):
        items = self._key_fact_items(name, value, line, KEY_FACT_FIELDS, "'label', 'value' and 'source'")
        return tuple(KeyFact(line=item_line, **fields) for fields, item_line in items)

    def _key_fact_texts(self, name, value, line, value_line):
        """A translation's key facts: each one's label and value, in the original's order."""
        items = self._key_fact_items(name, value, line, TRANSLATED_KEY_FACT_FIELDS, "'label' and 'value'")
        return tuple(Fact(fields["label"], fields["value"], item_line) for fields, item_line in items)

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

    def _citations(self, name, value, line, value_line):
        items = self._list(name, value, line, "citations")
        if items is None:
            return ()
        citations = (self._citation(item, item_line) for item, item_line in items)
        return tuple(citation for citation in citations if citation is not None)

    def _citation(self, item: object, line: int) -> Citation | None:
        """One item of `cite`: "<source id>: <exact words>", or a mapping with `source`, `passage`
        and `field`. Unquoted, YAML reads the short form as a mapping of the id to the words."""
        if isinstance(item, dict) and len(item) == 1 and not set(item) & set(CITATION_FIELDS):
            ((key, words),) = item.items()
            item = f"{key}: {words}" if isinstance(key, str) and isinstance(words, str) else item
        if isinstance(item, str):
            source, colon, passage = item.partition(":")
            if not colon or not passage.strip() or id_problem(source.strip()) is not None:
                self.report(line, f"a citation written as text must be {SHORT_CITATION}, not '{item}'")
                return None
            return Citation(Ref(source.strip(), line), passage.strip(), line)
        if not isinstance(item, dict):
            self.report(
                line, f"each citation must be {SHORT_CITATION} or a mapping with 'source' and 'passage', "
                f"not {_type_name(item)}",
            )
            return None
        fields = self.mapping(item, CITATION_FIELDS, "citation")
        if "source" not in fields or "passage" not in fields:
            return None
        return Citation(fields["source"], fields["passage"], line, fields.get("field"))

    def _corrections(self, name, value, line, value_line):
        items = self._list(name, value, line, "corrections")
        if items is None:
            return ()
        corrections = []
        for item, item_line in items:
            if not isinstance(item, dict):
                self._wrong("corrections", "a list of mappings with 'date' and 'text'", item, item_line)
                continue
            fields = self.mapping(item, CORRECTION_FIELDS, "correction")
            if "date" in fields and "text" in fields:
                text = fields["text"]
                for line, message in field_problems(text):
                    self.report(line, message)
                corrections.append(Correction(fields["date"], text, item_line))
        return tuple(corrections)

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
