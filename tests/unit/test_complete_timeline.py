"""The timeline is built once a build: `lay_out` builds it before Markdown is converted, and
`complete_timeline` makes again only what the mentions change (articles' entries, the same-day
order of quotes and agreements, the order inside an event); it must equal the timeline built
whole from the converted index."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import REPO, SITES

from explainer.build.pipeline import BuildOptions, load_site
from explainer.content.loader import load_content
from explainer.core.errors import Reporter
from explainer.site.index import build_index
from explainer.site.paging import lay_out
from explainer.site.timeline import build_timeline, complete_timeline


@pytest.mark.parametrize("root", [REPO, SITES / "events"], ids=["default", "events"])
def test_the_timeline_laid_out_before_conversion_completes_to_the_whole_one(root):
    reporter = Reporter(root)
    draft = lay_out(build_index(load_content(root, root / "content", reporter), reporter))
    assert draft is not None
    index = load_site(BuildOptions(root / "content", root / "unused", workers=1), Reporter(root)).index
    whole = build_timeline(index)
    assert complete_timeline(index, draft) == whole
    if root == REPO:  # the lead article's mentions moved entries and gave articles' entries records
        assert draft != whole


def test_entries_whose_rank_or_attached_items_are_stale_are_made_again():
    root = SITES / "events"
    index = load_site(BuildOptions(root / "content", root / "unused", workers=1), Reporter(root)).index
    whole = build_timeline(index)
    stale = [
        replace(e, attached=e.attached[::-1]) if e.attached
        else replace(e, rank=(9, 9, 9)) if e.kind in ("quote", "agreement") else e
        for e in whole
    ]
    assert stale != whole
    assert complete_timeline(index, sorted(stale, key=lambda e: e.sort_key)) == whole
