"""`build.py check --content-only`: the content checked as the build checks it, and nothing built.

The build's first stages run as `explainer.build.pipeline.load_site` runs them on a clean build
(load, then index, Markdown and verification), with the same two rounds: the files are read and
checked first, and how they fit together only when they all read cleanly. So the errors, warnings
and lines are the build's, word for word. Nothing is rendered or written, no build cache is read,
and the output folder's lock is not taken, so it can run on every save or before every commit
while a preview server runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.build.patch import mention_linker
from explainer.content.loader import load_content
from explainer.core.errors import Diagnostic, Reporter
from explainer.core.options import BuildOptions
from explainer.markup.convert import convert_all
from explainer.markup.mentions import MentionExtension
from explainer.markup.renderer import MarkdownRenderer
from explainer.site.index import build_index
from explainer.site.timeline import check_dates
from explainer.site.verify import verify_quotes, warn_orphans


@dataclass(frozen=True)
class ContentCheck:
    """What a content check found, when it found no error."""

    entities: int  # records, articles and pages
    warnings: list[Diagnostic]


def check_content(options: BuildOptions) -> ContentCheck:
    """Check the content as a build would; raise ContentError listing every error."""
    reporter = Reporter(options.root, strict=options.strict)
    content = load_content(options.root, options.content_dir, reporter)
    content.config = content.config.overridden(options.base_url, options.edit_url)
    reporter.raise_if_errors()
    index = build_index(content, reporter)
    linker = mention_linker(None, index, reporter, "")

    def markdown(local: Reporter) -> MarkdownRenderer:
        return MarkdownRenderer(index, local, [MentionExtension(linker)])

    convert_all(index, reporter, markdown, options.workers)
    verify_quotes(index, reporter)
    warn_orphans(index, reporter)
    check_dates(index, reporter)
    reporter.raise_if_errors()
    return ContentCheck(len(index.entities), reporter.warnings)
