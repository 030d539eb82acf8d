"""`build.py check --content-only`: the content checked as the build checks it, and nothing built.

The build's own checking stages run (`explainer.build.pipeline.check_content`: load, then index,
Markdown and verification, as a clean build runs them), so the errors, warnings and lines are the
build's, word for word. Nothing is rendered or written, no build cache is read, and the output
folder's lock is not taken, so it can run on every save or before every commit while a preview
server runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.build.pipeline import check_content as check_stages
from explainer.core.errors import Diagnostic, Reporter
from explainer.core.options import BuildOptions


@dataclass(frozen=True)
class ContentCheck:
    """What a content check found, when it found no error."""

    entities: int  # records, articles and pages
    warnings: list[Diagnostic]


def check_content(options: BuildOptions) -> ContentCheck:
    """Check the content as a build would; raise ContentError listing every error."""
    reporter = Reporter(options.root, strict=options.strict)
    index = check_stages(options, reporter)
    return ContentCheck(len(index.entities), reporter.warnings)
