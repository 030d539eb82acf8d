"""Reading YAML and front matter while keeping the line of every key and list item.

PyYAML's composer (libyaml when available) gives a node tree with marks; we turn it into plain
dicts and lists that remember their lines (`YMap`, `YList`), so every later check can name the
exact line of the offending key. Anchors and aliases are refused: they are never needed in content
and are the door to "billion laughs" expansion.
"""

from __future__ import annotations

import datetime
import re
import sys
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

_BaseLoader: type[yaml.CBaseLoader] | type[yaml.BaseLoader]
try:
    _BaseLoader = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.BaseLoader

_DEFAULT_TAGS = {
    ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG,
    SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
    MappingNode: BaseResolver.DEFAULT_MAPPING_TAG,
}


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """The base loader, resolving tags without a call into the resolver's machinery per node.

    The base resolver has no implicit and no path resolvers, so every node it is asked about gets
    its kind's default tag: here that answer is looked up, and the resolver's path bookkeeping
    (which does nothing without path resolvers) is skipped. libyaml's composer asks for every node.
    """

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _DEFAULT_TAGS[kind]


_FAST_RESOLVE = not BaseResolver.yaml_implicit_resolvers and not BaseResolver.yaml_path_resolvers
_Composer = _Loader if _FAST_RESOLVE else _BaseLoader

MAX_DEPTH = 40
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_NULL = {"", "~", "null", "Null", "NULL"}
_NUMERIC_START = "0123456789+-."  # how an int, a float or a date can start
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# Below this bound on a text's nesting, libyaml's composer is safe to run without the pre-scan.
_SAFE_NESTING_BOUND = 1000


def plain_scalar(value: str) -> object:
    """The value of an unquoted scalar, by the YAML 1.2 core schema plus dates.

    Only true/false are booleans (so "No" and "Norway" stay text); quoted scalars are always text.
    A date that does not exist ("2025-13-01") stays text, for the field's own check to report.
    """
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value[:1] not in _NUMERIC_START:  # text: neither a number nor a date
        return value
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    match = _DATE.fullmatch(value)
    if match:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            return value
    return value


class YMap(dict):
    """A YAML mapping that knows its own line and the line of each key."""

    line: int = 1
    key_lines: dict
    value_lines: dict
    span: tuple[int, int] = (0, 0)  # character offsets of the mapping in the text

    def line_of(self, key: object) -> int:
        return self.key_lines.get(key, self.line)

    def value_line_of(self, key: object) -> int:
        """The line a value's text starts on (the line after ``|`` or ``>`` for block scalars)."""
        return self.value_lines.get(key, self.line_of(key))


class YList(list):
    """A YAML sequence that knows its own line and the line of each item."""

    line: int = 1
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


@dataclass(frozen=True)
class YamlProblem:
    line: int
    message: str


class YamlError(Exception):
    def __init__(self, problem: YamlProblem):
        super().__init__(problem.message)
        self.problem = problem


def load_yaml(text: str, first_line: int = 1) -> object:
    """Parse one YAML document. Lines are counted from `first_line` (for front matter).

    Raises `YamlError` with the line and a readable message.
    """
    offset = first_line - 1
    loader = _Composer(text)
    try:
        _refuse_deep_nesting(text, offset)
        node = loader.get_single_node()
        if node is None:
            return None
        return _Builder(offset).build(node, 0)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        problem = exc.problem or exc.context or "could not be read"
        raise YamlError(YamlProblem(line, f"invalid YAML: {problem}")) from None
    except yaml.YAMLError as exc:
        raise YamlError(YamlProblem(first_line, f"invalid YAML: {exc}")) from None
    except RecursionError:
        raise YamlError(YamlProblem(first_line, "invalid YAML: nested too deeply")) from None
    finally:
        loader.dispose()


def _nesting_bound(text: str) -> int:
    """An upper bound on how deeply `text` can nest, found without parsing.

    Flow collections need a bracket per level; block collections need a column per level (two
    for a sequence under a mapping key), so no line can be more deeply nested than it is long.
    """
    longest = max(map(len, text.split("\n")), default=0)
    return text.count("[") + text.count("{") + 2 * longest + 2


def _refuse_deep_nesting(text: str, offset: int) -> None:
    """Refuse absurd nesting before libyaml's composer sees it.

    The composer recurses on the C stack (100,000 nested `[` crash the process) and libyaml's
    scanner takes time quadratic in the depth of flow collections. Its parser, which yields one
    event at a time from an explicit stack, is safe: we read events until the depth passes the
    limit, which costs a fraction of a parse and never goes deeper than MAX_DEPTH + 1 levels.
    Events come in the order `_Builder` visits nodes and a node's depth is the number of
    collections open around it, so this refuses the same node the builder would.
    """
    if _nesting_bound(text) <= _SAFE_NESTING_BOUND:
        return
    parser = _BaseLoader(text)
    try:
        depth = 0
        while (event := parser.get_event()) is not None:
            if isinstance(event, yaml.NodeEvent) and depth > MAX_DEPTH:
                line = (event.start_mark.line + 1 if event.start_mark else 1) + offset
                raise YamlError(YamlProblem(line, f"nesting deeper than {MAX_DEPTH} levels"))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        parser.dispose()


_MERGE_TAG = "tag:yaml.org,2002:merge"
_BLOCK_STYLES = ("|", ">")


class _Builder:
    def __init__(self, offset: int):
        self.offset = offset
        self.seen: set[int] = set()

    def line(self, node: Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def build(self, node: Node, depth: int) -> object:
        if depth > MAX_DEPTH:
            raise YamlError(YamlProblem(self.line(node), f"nesting deeper than {MAX_DEPTH} levels"))
        if isinstance(node, ScalarNode):
            return plain_scalar(node.value) if not node.style else node.value
        if id(node) in self.seen:
            raise YamlError(
                YamlProblem(self.line(node), "YAML anchors and aliases (&name, *name) are not supported")
            )
        self.seen.add(id(node))
        offset = self.offset
        if isinstance(node, SequenceNode):
            items = YList(self.build(child, depth + 1) for child in node.value)
            items.line = node.start_mark.line + 1 + offset
            items.item_lines = [child.start_mark.line + 1 + offset for child in node.value]
            return items
        if isinstance(node, MappingNode):
            return self.mapping(node, depth)
        raise YamlError(YamlProblem(self.line(node), "unsupported YAML node"))  # pragma: no cover

    def mapping(self, node: MappingNode, depth: int) -> YMap:
        """A mapping node's values. A scalar key or value not too deep is made here, as `build`
        would make it, without a call per node."""
        offset, deeper = self.offset, depth + 1
        scalars = deeper <= MAX_DEPTH  # else `build` reports the first key or value as too deep
        mapping = YMap()
        mapping.line = node.start_mark.line + 1 + offset
        key_lines: dict = {}
        value_lines: dict = {}
        mapping.key_lines, mapping.value_lines = key_lines, value_lines
        mapping.span = (node.start_mark.index, node.end_mark.index)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + offset
            if key_node.tag == _MERGE_TAG:
                raise YamlError(YamlProblem(key_line, "YAML merge keys (<<) are not supported"))
            if scalars and isinstance(key_node, ScalarNode):
                key = plain_scalar(key_node.value) if not key_node.style else key_node.value
            else:
                key = self.build(key_node, deeper)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise YamlError(YamlProblem(key_line, "a key must be plain text"))
            if isinstance(key, str):
                # One string per field name, however many files name it: the build cache holds
                # every file's keys, and reads back an object for each distinct one.
                key = sys.intern(key)
            if key in key_lines:
                raise YamlError(
                    YamlProblem(key_line, f"duplicate key '{key}' (first at line {key_lines[key]})")
                )
            key_lines[key] = key_line
            value_line = value_node.start_mark.line + 1 + offset
            if isinstance(value_node, ScalarNode):
                style = value_node.style
                value_lines[key] = value_line + 1 if style in _BLOCK_STYLES else value_line
                if scalars:
                    mapping[key] = plain_scalar(value_node.value) if not style else value_node.value
                    continue
            else:
                value_lines[key] = value_line
            mapping[key] = self.build(value_node, deeper)
        return mapping


@dataclass(frozen=True)
class FrontMatterSplit:
    front_matter: str | None
    front_matter_line: int  # the line the front matter's first key is on
    body: str
    body_line: int  # the line the body starts on


def split_front_matter(text: str) -> FrontMatterSplit:
    """Split ``---`` delimited YAML front matter from a Markdown body."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return FrontMatterSplit(None, 1, text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return FrontMatterSplit(front, 2, body, index + 2)
    return FrontMatterSplit(None, 1, text, 1)
