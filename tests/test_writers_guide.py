"""The writer's guide (docs/writing.md) documents every message the commands can print.

The messages are read from the engine's source with `ast`, never listed by hand, so a message
added anywhere in `explainer/` fails this test until the guide explains it. A message is:

- the message argument of a reporting call: ``reporter.error(path, line, MESSAGE)``,
  ``reporter.warning(...)``, ``report(line, MESSAGE)``, ``self.problem(page, MESSAGE, line)``
  (the argument is found by the callee's parameter named ``message``);
- the ``message`` given to one of the engine's own classes (``YamlProblem(line, message)``,
  ``Diagnostic(path, line, severity, message)``), and the text given to one of its own exception
  classes (``ScaffoldError(...)``); built-in exceptions are programming errors, not messages;
- the first argument of ``print(..., file=sys.stderr)``, ``sys.stderr.write`` and ``sys.exit``;
- a note a build adds to its `notes` (``model.notes.append(MISSING_NOTE)``), printed as ``note:``;
- a string that a function returns when it starts with ``error:`` or ``warning:``.

A message that is a variable is followed to the strings assigned to it in the same function, and
to the strings returned by the engine function that produced it (with the arguments of that call
filled in, so ``_wrong("roles", "a list of mappings with a 'title'", ...)`` is its own message).
A variable inside an f-string that is only ever given text is spelt out too, each of its texts
giving its own message.

Each message becomes a template: its constant parts in order, with a placeholder for every
formatted value (an id, a did-you-mean suffix, a plural "s"). The guide documents a message when
one of its lines holds every constant part, in order; what stands between them is free, so the
guide writes ``'<id>'`` where the message has the id.
"""

from __future__ import annotations

import ast
import itertools
import math
import re
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from explainer.cli import COMMANDS
from explainer.content.kinds import COLLECTIONS
from explainer.content.loader import load_content
from explainer.content.schema import LINK_MENTIONS, SITE_FIELDS
from explainer.core.errors import Reporter

REPO = Path(__file__).resolve().parent.parent
ENGINE = REPO / "explainer"
GUIDE = REPO / "docs" / "writing.md"

REPORTING_CALLS = frozenset({"error", "warning", "report", "problem"})
MESSAGE_PARAMETERS = ("message", "msg")
RETURNED_PREFIXES = ("error:", "warning:")
# Prefixes that say where a line comes from, not what went wrong: a message that is nothing but
# one of these and a placeholder wraps another message, which is documented on its own.
GENERIC_PREFIXES = ("build.py: error:", "error:", "warning:", "note:")
MAX_DEPTH = 4
MAX_VARIANTS = 32  # beyond this many spellings of one message, variable parts stay placeholders

# One piece of a template: constant text, or None for a formatted value.
Part = str | None
Template = tuple[Part, ...]


@dataclass(frozen=True)
class Message:
    """One message template and where the engine builds it."""

    where: str  # "explainer/content/schema.py:147"
    template: Template

    @property
    def fragments(self) -> tuple[str, ...]:
        """The constant parts, white space collapsed; each must appear in the guide, in order."""
        out = []
        for part in self.template:
            if part is not None:
                text = " ".join(part.split())
                if text:
                    out.append(text)
        return tuple(out)

    def __str__(self) -> str:
        shown = "".join("<…>" if part is None else part for part in _merged(self.template))
        return f"{self.where}: {shown}"


def _merged(template: Template) -> Template:
    """Adjacent constants joined and adjacent placeholders folded into one."""
    out: list[Part] = []
    for part in template:
        if part is None and out and out[-1] is None:
            continue
        if part is not None and out and out[-1] is not None:
            out[-1] += part
            continue
        out.append(part)
    return tuple(out)


def _is_generic(template: Template) -> bool:
    text = "".join(part for part in template if part is not None).strip()
    for prefix in GENERIC_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):]
            break
    return not re.search(r"[^\W\d_]", text)


@dataclass
class _Function:
    node: ast.FunctionDef | ast.AsyncFunctionDef
    module: str
    parameters: list[str]  # without self/cls


class MessageExtractor:
    """Finds every message template in a set of modules (name -> source text)."""

    def __init__(self, sources: dict[str, str]):
        self.trees = {name: ast.parse(text, filename=name) for name, text in sources.items()}
        self.classes: set[str] = set()
        self.class_fields: dict[str, list[str]] = {}
        self.constants: dict[str, list[ast.expr]] = {}  # module-level NAME = "text"
        self.functions: dict[str, list[_Function]] = {}
        for name, tree in self.trees.items():
            for node in tree.body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                    if node.targets[0].id.isupper() and _is_text(node.value):
                        self.constants.setdefault(node.targets[0].id, []).append(node.value)
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    self.classes.add(node.name)
                    # a dataclass's fields are its parameters, so Problem(page, message) is known
                    fields = [
                        item.target.id for item in node.body
                        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
                    ]
                    if fields:
                        self.class_fields[node.name] = fields
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    parameters = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
                    if parameters[:1] in (["self"], ["cls"]):
                        parameters = parameters[1:]
                    self.functions.setdefault(node.name, []).append(_Function(node, name, parameters))

    # Where messages are ---------------------------------------------------------------------
    def messages(self) -> list[Message]:
        found: dict[tuple[str, ...], Message] = {}
        for name, tree in self.trees.items():
            for function, node in _nodes_with_function(tree):
                for template in self._templates_at(node, function):
                    message = Message(f"{name}:{node.lineno}", _merged(template))
                    if _is_generic(message.template):
                        continue
                    found.setdefault(message.fragments, message)
        return sorted(found.values(), key=lambda m: (m.where.split(":")[0], int(m.where.split(":")[1])))

    def _templates_at(self, node: ast.AST, function: ast.AST | None) -> list[Template]:
        if isinstance(node, ast.Call):
            callee = _callee_name(node)
            if callee in REPORTING_CALLS:
                return self._templates(self._message_argument(node, callee), function, {}, 0)
            if callee in self.classes and self._has_message_parameter(callee):
                return self._templates(self._message_argument(node, callee), function, {}, 0)
            if callee in self.classes and callee.endswith("Error"):
                return [t for arg in node.args for t in self._templates(arg, function, {}, 0)]
            if node.args and (
                (callee == "print" and _to_stderr(node))
                # (`x.append(...)`, `x.write(...)`: a method; a function of that name is not)
                or (callee == "append" and isinstance(node.func, ast.Attribute) and _is_build_notes(node.func.value))
                or (callee == "write" and isinstance(node.func, ast.Attribute) and _is_stderr(node.func.value))
                or (callee == "exit" and _is_name(node.func, "sys"))
            ):
                return self._templates(node.args[0], function, {}, 0)
        if isinstance(node, ast.Return) and node.value is not None and _is_text(node.value):
            templates = self._templates(node.value, function, {}, 0)
            return [t for t in templates if _constant_start(t).startswith(RETURNED_PREFIXES)]
        return []

    def _signatures(self, callee: str) -> list[list[str]]:
        """The parameter lists a callee may have: its functions', or its dataclass fields."""
        found = [function.parameters for function in self.functions.get(callee, [])]
        return found + ([self.class_fields[callee]] if callee in self.class_fields else [])

    def _has_message_parameter(self, callee: str) -> bool:
        return any(p in parameters for parameters in self._signatures(callee) for p in MESSAGE_PARAMETERS)

    def _message_argument(self, call: ast.Call, callee: str) -> ast.expr | None:
        for keyword in call.keywords:
            if keyword.arg in MESSAGE_PARAMETERS:
                return keyword.value
        if not call.args:
            return None
        for parameters in self._signatures(callee):
            for parameter in MESSAGE_PARAMETERS:
                if parameter in parameters:
                    index = parameters.index(parameter)
                    if index < len(call.args):
                        return call.args[index]
        return call.args[-1]

    # What a message expression can be -------------------------------------------------------
    def _templates(
        self, expr: ast.expr | None, function: ast.AST | None, bound: dict[str, list[Template]], depth: int,
    ) -> list[Template]:
        if expr is None or depth > MAX_DEPTH:
            return []
        if isinstance(expr, ast.Constant):
            return [(expr.value,)] if isinstance(expr.value, str) else []
        if isinstance(expr, ast.JoinedStr):
            choices: list[list[Template]] = []
            for value in expr.values:
                if isinstance(value, ast.Constant):
                    choices.append([(str(value.value),)])
                elif isinstance(value, ast.FormattedValue):
                    inner = value.value
                    if isinstance(inner, ast.Name) and inner.id in bound and value.format_spec is None:
                        choices.append(bound[inner.id] or [(None,)])
                    elif isinstance(inner, ast.Name) and value.format_spec is None:
                        choices.append(self._local_choices(inner.id, function, depth) or [(None,)])
                    else:
                        choices.append([(None,)])
            if math.prod(len(choice) for choice in choices) > MAX_VARIANTS:
                choices = [choice if len(choice) == 1 else [(None,)] for choice in choices]
            return _products(choices)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            left = self._templates(expr.left, function, bound, depth)
            right = self._templates(expr.right, function, bound, depth)
            return _products([left or [(None,)], right or [(None,)]]) if left or right else []
        if isinstance(expr, ast.IfExp):
            return [
                *self._templates(expr.body, function, bound, depth),
                *self._templates(expr.orelse, function, bound, depth),
            ]
        if isinstance(expr, ast.Name):
            if expr.id in bound:
                return bound[expr.id]
            return self._assigned(expr.id, function, bound, depth)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name):
            return self._returned(expr, function, bound, depth)
        return []

    def _assigned(
        self, name: str, function: ast.AST | None, bound: dict[str, list[Template]], depth: int,
    ) -> list[Template]:
        """The strings a local variable is given in its function (`x = ...`, `x += ...`), or the
        text of a module's constant (`MISSING_NOTE = "..."`)."""
        if name in self.constants:
            return [t for value in self.constants[name] for t in self._templates(value, None, bound, depth + 1)]
        if function is None:
            return []
        found: list[Template] = []
        for node in ast.walk(function):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets
            ):
                found += self._templates(node.value, function, bound, depth + 1)
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
                found += self._templates(node.value, function, bound, depth + 1)
        return found

    def _local_choices(self, name: str, function: ast.AST | None, depth: int) -> list[Template]:
        """The texts a local variable inside an f-string may hold, when it is only ever given text:
        ``problem = "is a link" if link else "must be inside"`` gives both messages."""
        if function is None:
            return []
        values = [
            node.value for node in ast.walk(function)
            if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets))
            or (isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name)
        ]
        if not values or not all(_only_text(value) for value in values):
            return []
        return [t for value in values for t in self._templates(value, function, {}, depth + 1)]

    def _returned(
        self, call: ast.Call, caller: ast.AST | None, bound: dict[str, list[Template]], depth: int,
    ) -> list[Template]:
        """The strings an engine function returns, with the text arguments of `call` filled in."""
        found: list[Template] = []
        for function in self.functions.get(call.func.id, []):  # type: ignore[union-attr]
            arguments: dict[str, list[Template]] = {}
            for parameter, arg in zip(function.parameters, call.args, strict=False):
                if _is_text(arg):
                    arguments[parameter] = self._templates(arg, caller, bound, depth + 1)
            for keyword in call.keywords:
                if keyword.arg and _is_text(keyword.value):
                    arguments[keyword.arg] = self._templates(keyword.value, caller, bound, depth + 1)
            for node in ast.walk(function.node):
                if isinstance(node, ast.Return) and node.value is not None:
                    found += self._templates(node.value, function.node, arguments, depth + 1)
        return found

    def inlined(self) -> list[Message]:
        """Messages of helpers called with text arguments, specialised to those arguments:
        ``self._wrong("roles", "a list of mappings with a 'title'", item, line)``."""
        found: dict[tuple[str, ...], Message] = {}
        for name, tree in self.trees.items():
            for function, node in _nodes_with_function(tree):
                if not isinstance(node, ast.Call):
                    continue
                callee = _callee_name(node)
                if callee in REPORTING_CALLS or callee not in self.functions:
                    continue
                for helper in self.functions[callee]:
                    arguments = {
                        parameter: self._templates(arg, function, {}, 1)
                        for parameter, arg in zip(helper.parameters, node.args, strict=False)
                        if _is_text(arg)
                    }
                    if not arguments:
                        continue
                    for inner in ast.walk(helper.node):
                        if isinstance(inner, ast.Call) and _callee_name(inner) in REPORTING_CALLS:
                            argument = self._message_argument(inner, _callee_name(inner))
                            if not _uses_any(argument, arguments):
                                continue
                            for template in self._templates(argument, helper.node, arguments, 1):
                                message = Message(f"{name}:{node.lineno}", _merged(template))
                                if not _is_generic(message.template):
                                    found.setdefault(message.fragments, message)
        return list(found.values())

    def all_messages(self) -> list[Message]:
        found = {m.fragments: m for m in self.messages()}
        for message in self.inlined():
            found.setdefault(message.fragments, message)
        return list(found.values())


def _nodes_with_function(tree: ast.AST):
    """Every node of a module with the innermost function holding it (None at module level)."""
    def visit(node: ast.AST, function: ast.AST | None):
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            yield inner, child
            yield from visit(child, inner)
    yield from visit(tree, None)


def _callee_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _to_stderr(call: ast.Call) -> bool:
    return any(k.arg == "file" and _is_stderr(k.value) for k in call.keywords)


def _is_text(expr: ast.expr) -> bool:
    """Whether an expression is written as text: a string, an f-string, or a choice of them."""
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, str)
    if isinstance(expr, ast.JoinedStr):
        return True
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return _is_text(expr.left) or _is_text(expr.right)
    if isinstance(expr, ast.IfExp):
        return _is_text(expr.body) or _is_text(expr.orelse)
    return False


def _only_text(expr: ast.expr) -> bool:
    """Whether every value an expression can have is written as text."""
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, str)
    if isinstance(expr, ast.JoinedStr):
        return True
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return _only_text(expr.left) and _only_text(expr.right)
    if isinstance(expr, ast.IfExp):
        return _only_text(expr.body) and _only_text(expr.orelse)
    return False


def _is_name(expr: ast.expr, name: str) -> bool:
    return isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == name


def _is_attribute(expr: ast.expr, name: str) -> bool:
    return isinstance(expr, ast.Attribute) and expr.attr == name


def _is_build_notes(expr: ast.expr) -> bool:
    """`model.notes`: what the build prints as `note:` lines (the notes the extractor writes into
    REVIEW.md go elsewhere, and are not messages)."""
    return _is_attribute(expr, "notes") and isinstance(expr.value, ast.Name) and expr.value.id == "model"


def _is_stderr(expr: ast.expr) -> bool:
    return _is_attribute(expr, "stderr")


def _uses_any(expr: ast.expr | None, names: dict[str, list[Template]]) -> bool:
    return expr is not None and any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(expr))


def _constant_start(template: Template) -> str:
    return (template[0] or "").lstrip() if template else ""


def _products(choices: list[list[Template]]) -> list[Template]:
    return [tuple(itertools.chain.from_iterable(combo)) for combo in itertools.product(*choices)]


def undocumented(messages: list[Message], guide: str) -> list[Message]:
    """The messages no line of the guide documents (every constant part there, in order)."""
    lines = [" ".join(line.split()) for line in guide.splitlines()]
    return [m for m in messages if not any(_in_order(m.fragments, line) for line in lines)]


def _in_order(fragments: tuple[str, ...], line: str) -> bool:
    position = 0
    for fragment in fragments:
        found = line.find(fragment, position)
        if found < 0:
            return False
        position = found + len(fragment)
    return True


def engine_messages() -> list[Message]:
    sources = {
        path.relative_to(REPO).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(ENGINE.rglob("*.py"))
    }
    return MessageExtractor(sources).all_messages()


# The guide ----------------------------------------------------------------------------------

def test_every_message_is_in_the_guide():
    messages = engine_messages()
    missing = undocumented(messages, GUIDE.read_text(encoding="utf-8"))
    if missing:
        pytest.fail(
            f"docs/writing.md does not document {len(missing)} of {len(messages)} messages "
            "(write each on one line, its fixed text in order):\n" + "\n".join(str(m) for m in missing),
            pytrace=False,
        )


def test_the_extraction_finds_the_messages_it_must():
    shown = {str(m).split(": ", 1)[1] for m in engine_messages()}
    for expected in (
        "unknown field '<…>' in <…>",  # a did-you-mean suffix is a placeholder
        "'roles' must be a list of mappings with a 'title', not <…>",  # a helper, specialised
        "invalid id '<…>' (from the file name): ids use lower-case letters a-z, digits and single "
        "hyphens; did you mean '<…>'?",  # returned by id_problem, with the caller's text filled in
        "'<…>' is already the name of <…> '<…>' (<…>:<…>)",  # a local variable's texts
        "quote not found word for word in <…>",  # assigned, then reported
        " (closest passage: \"<…>\"; first difference: the quote has '<…>' where the source has '<…>')",
        # appended with +=, holding the texts first_difference returns
        "nesting deeper than <…> levels",  # a YamlProblem, raised inside a YamlError
        "warning: serving on <…>, which other machines can reach",  # returned, then printed
        "build failed: <…> error<…>; <…>/ was left unchanged",  # printed to stderr
    ):
        assert expected in shown, expected
    assert len(shown) > 80


def test_the_guide_covers_every_command_collection_and_setting():
    guide = GUIDE.read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"python build.py {command}" in guide, command
    for collection in COLLECTIONS:
        assert f"### {collection.capitalize()}" in guide, collection
    for heading in ("### Articles and pages", "### Site settings"):
        assert heading in guide
    for setting in SITE_FIELDS:
        assert f"`{setting}`" in guide, setting
    for policy in LINK_MENTIONS:
        assert f"`{policy}`" in guide, policy
    assert "](content.md)" in guide


EXAMPLE_LABEL = re.compile(r"`(content/[^`]+)`[^`]*:$")
FENCE = re.compile(r"^```(yaml|markdown)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def guide_examples() -> dict[str, str]:
    """Each example the guide labels with its file ("`content/people/marco-rubio.yaml`:")."""
    guide = GUIDE.read_text(encoding="utf-8")
    examples = {}
    for fence in FENCE.finditer(guide):
        before = guide[: fence.start()].rstrip().splitlines()
        label = EXAMPLE_LABEL.search(before[-1]) if before else None
        if label:
            examples[label.group(1)] = fence.group(2)
    return examples


def test_the_examples_are_valid_content(tmp_path):
    examples = guide_examples()
    kinds = {Path(path).parts[1].removesuffix(".yaml").removesuffix(".md") for path in examples}
    assert kinds >= {*COLLECTIONS, "site", "pages"}
    for relative, text in examples.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    reporter = Reporter(tmp_path)
    load_content(tmp_path, tmp_path / "content", reporter)
    assert [str(d) for d in reporter.errors] == []


def test_the_examples_are_the_shipped_story():
    """An example is the story's own record, so that the guide never states an invented fact."""
    for relative, text in guide_examples().items():
        shipped = (REPO / relative).read_text(encoding="utf-8")
        if relative.endswith(".md"):
            assert " ".join(shipped.split()).startswith(" ".join(text.split())), relative
            continue
        example, story = yaml.safe_load(text), yaml.safe_load(shipped)
        if isinstance(example, list):  # one record of a list file
            story = [record for record in story if record["id"] in {r["id"] for r in example}]
            # Its translations into other languages are shown in "Publishing in two languages".
            story = [{k: v for k, v in record.items() if k != "translations"} for record in story]
        assert example == story, f"docs/writing.md's example of {relative} is not the file's content"


# The checker itself -------------------------------------------------------------------------

FAKE_ENGINE = textwrap.dedent('''
    import sys

    class FakeError(Exception):
        pass

    def did_you_mean(word, choices):
        return f" (did you mean '{word}'?)"

    def id_trouble(value, where=""):
        return f"bad id '{value}'{where}: use lower case"

    class Converter:
        def _wrong(self, name, expected, line):
            self.report(line, f"'{name}' must be {expected}")

        def links(self, line):
            self._wrong("links", "a list of links", line)

    def check(reporter, path, key, count, strict):
        reporter.error(path, 1, f"unknown field '{key}'{did_you_mean(key, [])}")
        reporter.warning(path, 2, "record is lonely" if strict else "record is alone")
        message = f"quote not found in {path}"
        message += f" (closest: {key})"
        reporter.error(path, 3, message)
        problem = id_trouble(key, " (from the file name)")
        reporter.error(path, 4, problem)
        print(f"{count} error{'s' if count != 1 else ''}; nothing written", file=sys.stderr)
        print(f"built {count} pages")
        print(f"error: {key}", file=sys.stderr)
        raise FakeError(f"cannot make an id from '{key}'")

    def internal(policy):
        raise ValueError(f"unknown policy: {policy}")

    def failure(exc):
        return f"error: the build stopped: {exc}"

    class Note:
        path: str
        message: str

    def more(path, file, linked, target, page):
        problem = "is a link out of" if linked else "must be inside"
        print(f"file '{file}' {problem} the seeds/ folder", file=sys.stderr)
        where = "this page" if target == page else target
        print(f"no anchor on {where}", file=sys.stderr)
        Note(path, f"could not save the cache: {file}")
        sys.stderr.write(f"cannot lock {path}")
        sys.exit(f"stopped at {path}")
        exit(0)

    SEARCH_NOTE = "search is off"

    def notes(model, group):
        model.notes.append(SEARCH_NOTE)
        group.notes.append("a note for the review folder")
''')


def fake_messages() -> list[Message]:
    return MessageExtractor({"fake.py": FAKE_ENGINE}).all_messages()


def test_extraction_of_a_fake_engine():
    assert sorted(str(m) for m in fake_messages()) == [
        "fake.py:15: '<…>' must be <…>",
        "fake.py:18: 'links' must be a list of links",
        "fake.py:21: unknown field '<…>'<…>",
        "fake.py:22: record is alone",
        "fake.py:22: record is lonely",
        "fake.py:25:  (closest: <…>)",
        "fake.py:25: quote not found in <…>",
        "fake.py:27: bad id '<…>' (from the file name): use lower case",
        "fake.py:28: <…> error<…>; nothing written",
        "fake.py:31: cannot make an id from '<…>'",
        "fake.py:37: error: the build stopped: <…>",
        "fake.py:45: file '<…>' is a link out of the seeds/ folder",
        "fake.py:45: file '<…>' must be inside the seeds/ folder",
        "fake.py:47: no anchor on <…>",  # `where` is not always text: it stays a placeholder
        "fake.py:48: could not save the cache: <…>",
        "fake.py:49: cannot lock <…>",
        "fake.py:50: stopped at <…>",
        "fake.py:56: search is off",
    ]


def test_checker_lists_what_the_guide_leaves_out():
    guide = textwrap.dedent("""
        | message | fix |
        | --- | --- |
        | `unknown field '<name>'` (with a did-you-mean) | spell it as content.md does |
        | `record is lonely`, `record is alone` | link it |
        | `quote not found in <file> (closest: <passage>)` | copy the words exactly |
        | `'<field>' must be <what>` | give it the right type |
        | `'links' must be a list of links` | a list |
        | `<n> errors; nothing written` | fix them |
        | `cannot make an id from '<name>'` | use --id |
        | `error: the build stopped: <reason>` | report it |
        | `file '<file>' must be inside the seeds/ folder` | move it |
        | `no anchor on <page>`, `could not save the cache: <reason>` | |
        | `cannot lock <folder>`, `stopped at <folder>` | |
        | `note: search is off` | |
    """)
    missing = [str(m) for m in undocumented(fake_messages(), guide)]
    assert missing == [
        "fake.py:27: bad id '<…>' (from the file name): use lower case",
        "fake.py:45: file '<…>' is a link out of the seeds/ folder",  # one spelling is not enough
    ]


def test_fragments_must_be_on_one_line_and_in_order():
    message = Message("x.py:1", ("unknown id '", None, "' in '", None, "'"))
    assert undocumented([message], "`unknown id '<id>' in '<field>'`") == []
    assert undocumented([message], "`' in '<field>' unknown id '<id>`") == [message]
    assert undocumented([message], "`unknown id '<id>'\n in '<field>'`") == [message]
