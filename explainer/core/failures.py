"""The failures besides content errors that stop a build: a template that fails
(`TemplateError`, raised by `render.environment`) and Pagefind failing (`SearchError`, raised by
`produce.search`).

They are defined here, below the modules that raise them, so that the command line can name them
in its `except` clauses without importing the renderer and Jinja on every run: a build that finds
nothing changed imports none of the stages.
"""

from __future__ import annotations


class TemplateError(Exception):
    """A template failed; the message names the template and line."""


class SearchError(Exception):
    """Pagefind ran but failed; the message says how."""
