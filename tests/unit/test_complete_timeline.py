"""The timeline is built once a build: `lay_out` builds it before Markdown is converted, and
`complete_timeline` makes again only what the mentions change (articles' entries, the same-day
order of quotes and agreements, the order inside an event); it must equal the timeline built
whole from the converted index."""

from __future__ import annotations

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
        e._replace(attached=e.attached[::-1]) if e.attached
        else e._replace(rank=(9, 9, 9)) if e.kind in ("quote", "agreement") else e
        for e in whole
    ]
    assert stale != whole
    assert complete_timeline(index, sorted(stale, key=lambda e: e.sort_key)) == whole


def test_a_cached_build_makes_again_only_the_articles_not_kept_from_the_last_timeline():
    index = load_site(BuildOptions(REPO / "content", REPO / "unused", workers=1), Reporter(REPO)).index
    whole = build_timeline(index)
    article = next(n for n, e in enumerate(whole) if e.kind == "article" and e.records)
    stale = list(whole)
    stale[article] = whole[article]._replace(records=())  # as if drafted before conversion
    # An entry that is the last timeline's own object (kept by the patch) is complete: its article
    # was converted as it was then; one that is not is made again, and so is a changed article's.
    last = list(whole)
    last[article] = stale[article]
    assert complete_timeline(index, stale, last)[article] is stale[article]
    assert complete_timeline(index, stale, whole) == whole
    assert complete_timeline(index, stale, last, [whole[article].link]) == whole


def test_a_cached_build_takes_the_last_anchors_unless_a_quote_or_an_article_changed():
    root = SITES / "events"
    reporter = Reporter(root)
    index = build_index(load_content(root, root / "content", reporter), reporter)
    whole = lay_out(index)
    assert whole is not None and index.anchors
    kept = {entity_id: "kept/" for entity_id in index.anchors}  # told apart from any real page
    person = next(e.id for e in index.entities.values() if e.collection == "people")
    quote = next(e.id for e in index.entities.values() if e.collection == "quotes")
    again = build_index(load_content(root, root / "content", reporter), reporter)
    assert lay_out(again, whole, [person], None, kept) == whole
    assert again.anchors == kept
    assert lay_out(again, whole, [quote], None, kept) == whole
    assert again.anchors == index.anchors
