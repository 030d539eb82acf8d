"""The build's provenance hook: the checks that read the whole site on every build, whatever path
the build takes (`pipeline.load_site` calls `check_provenance` after the per-entity checks).

- quotation marks in articles and pages that no source supports (`site.quotations`);
- dates that contradict each other across records (`site.contradictions`);
- corrections published by the live site and now gone (`produce.corrections`).

All three only warn (errors with --strict), so they run in full each time: a warning about an
entity that did not change must be said again. Citations, which are errors, are checked with the
quotes (`site.citations.verify_citations`).
"""

from __future__ import annotations

from pathlib import Path

from explainer.core.errors import Reporter
from explainer.produce.corrections import check_removed_corrections
from explainer.site.contradictions import check_date_order
from explainer.site.index import SiteIndex
from explainer.site.quotations import check_quotations


def check_provenance(index: SiteIndex, reporter: Reporter, out_dir: Path) -> None:
    check_quotations(index, reporter)
    check_date_order(index, reporter)
    check_removed_corrections(index, reporter, out_dir)
