"""The Jinja2 environment pages are rendered with: autoescaping, strict undefined, fast escaping.

Templates come from the site's own `templates/` folder first, then the defaults. `{{ ... }}` in an
autoescaped template compiles to `escape_output`, which writes the same text as markupsafe's
escape without building a Markup object per expression. `CompiledTemplates` keeps compiled
templates between the preview server's builds.

Templates write every interface word through gettext (`{{ _("Glossary") }}`, `ngettext` for a
count; Jinja's i18n extension, new-style: autoescaped, `%(name)s` placeholders escaped).
`install_translations(env, lang)` gives an environment the catalog of a language
(`explainer.core.i18n.translations_for`); a build in several languages calls it before each
language's pages. `{{ tag | language_name }}` names a language in the page's ("inglés").
"""

from __future__ import annotations

import itertools
import types
from collections import ChainMap
from collections.abc import Callable, KeysView, MutableMapping
from pathlib import Path
from typing import Any, cast

import jinja2
import jinja2.bccache
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.utils import _PassArg
from markupsafe import Markup
from markupsafe import escape as _markup_escape

from explainer.content.languages import language_name
from explainer.content.model import AGREEMENT_STATUS_WORDS
from explainer.core.i18n import DEFAULT_LANGUAGE, translations_for
from explainer.markup.renderer import unlink_self


@jinja2.pass_context
def _language_name(context: jinja2.runtime.Context, tag: str) -> str:
    """The name of the language `tag` in the language of the page being rendered ("inglés")."""
    return language_name(tag, context["lang"])


def _escape_in_python(text: str) -> str:
    return str.__str__(_markup_escape(text))


_escape_text: Callable[[str], str]
try:  # markupsafe's C escaper: the text of markupsafe.escape without the Markup object around it
    from markupsafe._speedups import _escape_inner as _escape_text
except ImportError:  # pragma: no cover - markupsafe without its C extension, or a newer layout
    _escape_text = _escape_in_python


def escape_output(value: object) -> str:
    """What `{{ value }}` writes in an autoescaped template: the same text as markupsafe.escape.

    markupsafe.escape wraps every result in a new Markup object that is then only joined into the
    page; with hundreds of expressions a page, building those objects was a tenth of the render.
    """
    if type(value) is str:
        return _escape_text(value)
    if type(value) is Markup:  # what its `__html__` gives, as text
        return str.__str__(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return str(html())
    return _escape_text(str(value))


class _OutputCodeGenerator(CodeGenerator):
    """Compiles `{{ ... }}` in autoescaped templates to `escape_output` (above).

    Everything else is Jinja's own code generation; expressions whose autoescaping is decided at
    run time (`{% autoescape %}` blocks with a variable) keep Jinja's own escaping.
    """

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:  # noqa: N802 (Jinja's name)
        self.writeline("_escape_text = environment.escape_text")  # a name of the template's module
        super().visit_Template(node, frame)

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
        elif finalize.src is None:  # a string escaped here, without calling `escape_output`
            self.write("(_escape_text(_out) if type(_out := ")
        else:
            self.write("environment.escape_output(" + finalize.src)

    def _output_child_post(self, node, frame, finalize) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape or finalize.src is not None:
            super()._output_child_post(node, frame, finalize)
        else:
            self.write(") is str else environment.escape_output(_out))")

    def visit_Output(self, node: nodes.Output, frame: Frame) -> None:  # noqa: N802 (Jinja's name)
        """A run of text and `{{ ... }}` outside a macro as one `yield` of their concatenation
        (Jinja yields each part: a page's parts then pass one by one through every template
        it extends and the includes, a few hundred times a page). Macros, which collect their
        parts in a list, and runs of one part stay as Jinja writes them."""
        if frame.buffer is not None or frame.require_output_check or len(node.nodes) < 2:
            super().visit_Output(node, frame)
            return
        finalize = self._make_finalize()
        body: list[list[Any] | nodes.Expr] = []
        for child in node.nodes:  # constants folded as Jinja folds them
            try:
                if not (finalize.const or isinstance(child, nodes.TemplateData)):
                    raise nodes.Impossible()
                const = self._output_child_to_const(child, frame, finalize)
            except (nodes.Impossible, Exception):
                body.append(child)
                continue
            if body and isinstance(body[-1], list):
                body[-1].append(const)
            else:
                body.append([const])
        if len(body) < 2:
            super().visit_Output(node, frame)
            return
        self.writeline("yield concat((")
        self.indent()
        for item in body:
            if isinstance(item, list):
                self.writeline(self._output_const_repr(item) + ",")
            else:
                self.newline(item)
                self._output_child_pre(item, frame, finalize)
                self.visit(item, frame)
                self._output_child_post(item, frame, finalize)
                self.write(",")
        self.outdent()
        self.writeline("))")

    @optimizeconst
    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:  # noqa: N802 (Jinja's name)
        """`name.attr`: Python's getattr first, `Environment.getattr` (an item, else undefined)
        only when the object has no such attribute. A page reads thousands of attributes, and
        each call of `Environment.getattr` cost more than the read; `name` is read twice only then."""
        if self.environment.is_async or not isinstance(node.node, nodes.Name):
            super().visit_Getattr(node, frame)
            return
        self.write("(_attr if (_attr := getattr(")
        self.visit(node.node, frame)
        self.write(f", {node.attr!r}, missing)) is not missing else environment.getattr(")
        self.visit(node.node, frame)
        self.write(f", {node.attr!r}))")


# What a template calls most besides its macros (the view's methods, `url`): none takes a context
# unless marked so (`jinja_pass_arg`), and none is an object whose `__call__` is marked.
_PLAIN_CALLABLES = frozenset({types.FunctionType, types.MethodType, types.BuiltinFunctionType, types.BuiltinMethodType})


class _Context(jinja2.runtime.Context):
    """Jinja's context, calling macros and plain functions without asking each whether it wants
    the context (`Context.call` asks four questions a call; a page makes hundreds of calls), and
    giving the interface words (`_`, `ngettext`) the evaluation context they ask for."""

    @jinja2.utils.internalcode  # left out of a template error's traceback, as Context.call
    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's signature)
        kind = type(__obj)
        if kind is not jinja2.runtime.Macro:
            if kind not in _PLAIN_CALLABLES:
                return super().call(__obj, *args, **kwargs)
            pass_arg = getattr(__obj, "jinja_pass_arg", None)
            if pass_arg is _PassArg.eval_context:  # the interface words (`_`, `ngettext`)
                args = (__self.eval_ctx, *args)
            elif pass_arg is not None:
                return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            if kind is jinja2.runtime.Macro:
                return _call_macro(cast(jinja2.runtime.Macro, __obj), __self.eval_ctx, args, kwargs)
            return __obj(*args, **kwargs)
        except StopIteration:  # as Context.call
            return __self.environment.undefined("value was undefined because a callable raised a StopIteration exception")


def _call_macro(
    macro: jinja2.runtime.Macro, eval_ctx: nodes.EvalContext, args: tuple[Any, ...], kwargs: dict[str, Any],
) -> Any:
    """What `Macro.__call__` returns. Positional arguments only, to a macro that takes no `caller`,
    `varargs` or `kwargs`, are passed on here: the arguments not given are `missing` (their
    defaults), and the result is markup where the caller autoescapes. (`Macro.__call__`, asking
    which case applies, cost as much as a small macro's body; a page calls a few hundred macros.)"""
    if kwargs or len(args) > macro._argument_count or macro.caller or macro.catch_kwargs or macro.catch_varargs:
        return macro(eval_ctx, *args, **kwargs)  # Macro.__call__ takes the evaluation context
    if len(args) < macro._argument_count:
        args = (*args, *(jinja2.utils.missing,) * (macro._argument_count - len(args)))
    result = macro._func(*args)
    if eval_ctx.autoescape and type(result) is not Markup:
        return Markup(result)
    return result


class _Globals(ChainMap[str, Any]):
    """A template's globals over the environment's (what Jinja makes), with `keys()` as one set.

    Jinja compares the keys of a template's globals with those of the page's context every time
    a page imports a template's macros (a few imports a page); a chain's keys answered that one
    key at a time, in Python."""

    def keys(self) -> KeysView[str]:
        return dict.fromkeys(itertools.chain.from_iterable(reversed(self.maps))).keys()


class _Environment(jinja2.Environment):
    code_generator_class = _OutputCodeGenerator
    context_class = _Context
    escape_output = staticmethod(escape_output)
    escape_text = staticmethod(_escape_text)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return _Globals(d if d is not None else {}, self.globals)


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory between builds of one process (the preview server).

    Jinja checks each template's source against the checksum stored with its code, so an edited
    template is compiled again; every build still gets new Template objects."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def make_environment(
    template_dirs: list[Path], compiled: CompiledTemplates | None = None,
) -> jinja2.Environment:
    env = _Environment(
        bytecode_cache=compiled,
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs if d.is_dir()]),
        autoescape=jinja2.select_autoescape(("html", "xml"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment serves one build: checking each template's file for changes on every
        # page (Jinja's default) cost half a second of a 10,000-record build, for nothing.
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.filters["unlink_self"] = unlink_self
    env.filters["language_name"] = _language_name
    env.globals["status_words"] = AGREEMENT_STATUS_WORDS
    install_translations(env, DEFAULT_LANGUAGE)
    return env


def install_translations(env: jinja2.Environment, lang: str) -> None:
    """Render the interface of `env`'s pages in `lang` from now on: its catalog, and `lang` for
    the templates (dates: `date.label(lang)`)."""
    translations = translations_for(lang)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    env.globals["_"] = _remembered_gettext(translations.gettext)
    env.globals["ngettext"] = _counted_gettext(translations.ngettext)
    env.globals["lang"] = lang


def _remembered_gettext(gettext: Callable[[str], str]) -> Callable[..., object]:
    """`_` for the templates: Jinja's new-style gettext, with each message that takes no
    placeholders translated once (a page asks for its words of interface, "Home", "Skip to
    content", a few dozen times, and every page asks for the same ones).

    The same value as Jinja's `_`: in an autoescaped template the translation as markup,
    formatted with the values (escaped), or with none (so "%%" is written "%"); elsewhere the
    translation as text, formatted. It takes the evaluation context, not the page's: Jinja
    makes a new context for every call of a function that takes one inside a loop that sets a
    variable (a timeline's entries: several words each)."""
    known: dict[str, Markup] = {}

    @jinja2.pass_eval_context
    def translate(eval_ctx: jinja2.nodes.EvalContext, message: str, /, **variables: object) -> object:
        if not eval_ctx.autoescape:
            return gettext(message) % variables
        if variables:
            return Markup(gettext(message)) % variables
        found = known.get(message)
        if found is None:
            found = known[message] = Markup(gettext(message)) % {}
        return found

    return translate


def _counted_gettext(ngettext: Callable[[str, str, int], str]) -> Callable[..., object]:
    """`ngettext` for the templates: Jinja's new-style ngettext (`num` is the count unless given),
    taking the evaluation context as `_` does."""

    @jinja2.pass_eval_context
    def translate(
        eval_ctx: jinja2.nodes.EvalContext, singular: str, plural: str, count: int, /, **variables: object,
    ) -> object:
        variables.setdefault("num", count)
        text = ngettext(singular, plural, count)
        return (Markup(text) if eval_ctx.autoescape else text) % variables

    return translate


def compile_templates(env: jinja2.Environment) -> None:
    """Compile every template now, before render workers fork: each worker would otherwise
    compile them again, and the preview server's first rebuild would too (its bytecode cache
    is filled only by templates compiled in its own process). A template that does not compile
    is left for the page that uses it to report."""
    for name in env.list_templates(extensions=("html", "xml")):
        try:
            env.get_template(name)
        except (jinja2.TemplateError, UnicodeDecodeError, OSError):
            continue
