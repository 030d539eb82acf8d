"""`build.py check --translations`: what each of the site's other languages still lacks.

The content is loaded and its translations checked as the build does (`content.editions`); nothing
is built. Each language gets a heading line and one line per record, article or page whose
translation is missing (`path:line: kind 'id'`), which the build would show in the original
language with a note. Missing translations are not errors: the command exits 0 unless the content
has errors.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.content.editions import missing_translations
from explainer.content.kinds import SINGULAR
from explainer.content.loader import load_content
from explainer.core.errors import Reporter
from explainer.core.options import BuildOptions


@dataclass(frozen=True)
class TranslationReport:
    """For each language but the default, the lines naming what lacks a translation into it."""

    default: str
    total: int  # records, articles and pages
    missing: dict[str, list[str]]

    def lines(self) -> list[str]:
        if not self.missing:
            return [f"the site is published in one language ({self.default}): nothing to translate"]
        out = []
        for language, entries in self.missing.items():
            out.append(
                f"{language}: {len(entries)} of {self.total} records, articles and pages have no translation"
            )
            out += [f"  {entry}" for entry in entries]
        return out


def translation_report(options: BuildOptions) -> TranslationReport:
    """What lacks a translation, per language; raise ContentError listing every content error."""
    reporter = Reporter(options.root, strict=False)
    content = load_content(options.root, options.content_dir, reporter)
    missing = missing_translations(content, reporter)
    reporter.raise_if_errors()
    return TranslationReport(content.config.language, len(content.entities), {
        language: [
            f"{reporter.display_path(entity.path)}:{entity.line}: {SINGULAR[entity.collection]} '{entity.id}'"
            for entity in entities
        ]
        for language, entities in missing.items()
    })
