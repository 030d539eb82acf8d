"""A template that fails as a page renders: what the build says, naming the template's file and
line where it failed and why (`render_template`).

A site's own templates are its editors' input as its content is, and a mistake in one is
reported as a mistake in a content file is, never with a traceback: a name that is not defined,
a template or static file that is not there, an expression of the wrong type. Jinja names the
file and line of a syntax error itself; for a failure as the page renders, the line is that of
the last frame of template code in the traceback (Jinja rewrites those frames to the
template's file and line). A failure raised in the engine's own code that a template called (a
view's method) is the engine's, not the template's: it goes on as it is.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import jinja2

from explainer.core.errors import did_you_mean, shown_path
from explainer.core.failures import TemplateError

# What a mistake in a template's expressions raises, from the template's own code or from the
# filters, tests and built-ins it calls.
MISTAKES = (jinja2.TemplateError, TemplateError, TypeError, ValueError, ArithmeticError, LookupError, AttributeError)
PACKAGE = Path(__file__).resolve().parents[1]  # the engine's code
# The engine's code that runs a template's own calls: a mistake in a call (a function given the
# wrong arguments) is raised there.
CALLING = PACKAGE / "render" / "environment.py"


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """The template `name` rendered with `context`; a TemplateError naming the template's file and
    line when it, or a template it uses, fails."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        where = shown_path(Path(exc.filename)) if exc.filename else exc.name
        raise TemplateError(f"{where}:{exc.lineno}: template error: {exc.message}") from None
    except MISTAKES as exc:
        failure = template_failure(exc, env, name)
        if failure is None:
            raise
        raise failure from None


def template_failure(exc: BaseException, env: jinja2.Environment, name: str) -> TemplateError | None:
    """What the build says of `exc`, raised as the template `name` rendered: the file and line
    of the template code it was raised in, and why; None when the engine's own code raised it."""
    frames = list(traceback.walk_tb(exc.__traceback__))
    last = max((k for k, (frame, _) in enumerate(frames) if "__jinja_exception__" in frame.f_globals), default=None)
    if not isinstance(exc, (jinja2.TemplateError, TemplateError)):
        # (resolved as PACKAGE is: a frame's file is named as the engine was imported, through
        # whatever link its folder was reached by)
        called = [Path(frame.f_code.co_filename).resolve() for frame, _ in frames[0 if last is None else last + 1:]]
        if any(path.is_relative_to(PACKAGE) and path != CALLING for path in called):
            return None
    if last is None:
        where = name
    else:
        frame, line = frames[last]
        where = f"{shown_path(Path(frame.f_code.co_filename))}:{line}"
    return TemplateError(f"{where}: template error: {_why(exc, env)}")


def _why(exc: BaseException, env: jinja2.Environment) -> str:
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"template '{exc.name}' not found" + did_you_mean(str(exc.name), env.list_templates())
    if isinstance(exc, jinja2.TemplateError):
        return exc.message or type(exc).__name__
    if isinstance(exc, TemplateError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"
