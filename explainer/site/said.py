"""`Said`: what the whole-site checks (quotations no source supports, dates that contradict each
other) said at each entity in one build, kept with the site model so that the next build patched
from it (the preview's fast path, `build.provenance`) checks again only the entities an edit
touched and says the rest again as it was."""

from __future__ import annotations

from dataclasses import dataclass

from explainer.core.errors import Diagnostic
from explainer.site.quotations import Haystacks

# Entity id -> what a check said at it (only the entities it said something at).
SaidAt = dict[str, tuple[Diagnostic, ...]]


@dataclass(frozen=True)
class Said:
    quotations: SaidAt  # by article or page
    dates: SaidAt  # by the entity whose date is the later one (`contradictions.check_date_order`)
    haystacks: Haystacks  # the normalised texts quotations were looked for in
