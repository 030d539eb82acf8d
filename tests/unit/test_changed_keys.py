"""What a change touches (`explainer.build.incremental`): the keys `changed_keys` finds between
two snapshots, and the pages `pages_to_render` picks; on snapshots made directly and on two loads
of a small site (tests/test_incremental.py compares whole builds byte for byte)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import write_site

from explainer.build import incremental
from explainer.build.incremental import (
    LinksetParts,
    Snapshot,
    changed_keys,
    changed_since,
    kept_linkset,
    linkset_fingerprint,
    pages_to_render,
    take_snapshot,
)
from explainer.build.pipeline import BuildOptions, load_site
from explainer.content.loader import load_content
from explainer.core.dates import PartialDate
from explainer.core.errors import Reporter
from explainer.site.timeline import TimelineEntry

TALKS = TimelineEntry("talks", PartialDate(2024, 2), None, "event", "Talks", "talks", ("talks", "ana"), (), 0)


def snapshot(**changes) -> Snapshot:
    """A snapshot of a small site: ana and bo (people), q (a quote by ana about bo), talks."""
    fields = dict(
        globals="g",
        digests={"ana": "a1", "bo": "b1", "q": "q1", "talks": "t1"},
        names={"ana": ("Ana", "people"), "bo": ("Bo", "people"), "q": ("“Hi”", "quotes"), "talks": ("Talks", "events")},
        converted={"ana": (("summary", "<p>Ana.</p>"),)},
        edges={"ana": (("bo", "mention", "Ana met Bo."),), "bo": (), "q": (), "talks": ()},
        timeline=[TALKS],
        quote_people={"q": frozenset({"ana", "bo"})},
        collections={"people": ("ana", "bo"), "quotes": ("q",), "events": ("talks",)},
    )
    fields.update(changes)
    return Snapshot(**fields)


def test_nothing_changed_still_redoes_what_is_always_redone():
    assert changed_keys(snapshot(), snapshot()) == {("always",)}


def test_a_global_change_means_everything():
    assert changed_keys(snapshot(), snapshot(globals="other templates")) is None
    assert pages_to_render(snapshot(), None, ["b.html", "a.html"]) == ["b.html", "a.html"]


def test_an_edited_record_changes_its_entity_key_and_a_rename_its_name_key():
    old = snapshot()
    edited = snapshot(digests={**old.digests, "bo": "b2"})
    assert changed_keys(old, edited) == {("always",), ("entity", "bo")}
    renamed = snapshot(digests={**old.digests, "bo": "b2"}, names={**old.names, "bo": ("Bo Ek", "people")})
    assert changed_keys(old, renamed) == {("always",), ("entity", "bo"), ("name", "bo")}
    # the same source, converted differently (a linked name changed elsewhere): its text changed
    reconverted = snapshot(converted={"ana": (("summary", "<p>Ana!</p>"),)})
    assert changed_keys(old, reconverted) == {("always",), ("entity", "ana")}


def test_an_edited_quote_changes_the_quotes_of_everyone_it_involves():
    old = snapshot()
    new = snapshot(digests={**old.digests, "q": "q2"}, quote_people={"q": frozenset({"ana"})})
    assert changed_keys(old, new) == {
        ("always",), ("entity", "q"), ("quotes-of", "ana"), ("quotes-of", "bo"),
    }


def test_links_change_the_edges_of_both_ends_and_links_from_only_when_targets_change():
    old = snapshot()
    new_sentence = snapshot(edges={**old.edges, "ana": (("bo", "mention", "Ana and Bo met."),)})
    assert changed_keys(old, new_sentence) == {("always",), ("edges-from", "ana"), ("edges-to", "bo")}
    new_target = snapshot(edges={**old.edges, "ana": (("q", "mention", "Ana said it."),)})
    assert changed_keys(old, new_target) == {
        ("always",), ("edges-from", "ana"), ("links-from", "ana"), ("edges-to", "bo"), ("edges-to", "q"),
    }


def test_a_changed_timeline_entry_changes_the_timeline_of_what_it_involves():
    moved = TimelineEntry("talks", PartialDate(2024, 3), None, "event", "Talks", "talks", ("talks", "ana"), (), 0)
    assert changed_keys(snapshot(), snapshot(timeline=[moved])) == {
        ("always",), ("timeline",), ("timeline-of", "talks"), ("timeline-of", "ana"),
    }


def test_a_new_record_changes_its_collection():
    old = snapshot()
    new = snapshot(
        digests={**old.digests, "cy": "c1"}, names={**old.names, "cy": ("Cy", "people")},
        collections={**old.collections, "people": ("ana", "bo", "cy")},
    )
    assert changed_keys(old, new) == {("always",), ("entity", "cy"), ("name", "cy"), ("collection", "people")}


def test_candidates_limit_which_entities_are_compared():
    old = snapshot()
    new = snapshot(digests={**old.digests, "ana": "a2", "bo": "b2"})
    assert changed_keys(old, new, candidates=["bo"]) == {("always",), ("entity", "bo")}


def test_pages_to_render_are_those_that_read_a_changed_key_or_are_new():
    old = snapshot(pages={
        "people/ana/index.html": frozenset({("entity", "ana"), ("name", "bo")}),
        "people/bo/index.html": frozenset({("entity", "bo")}),
        "timeline/index.html": frozenset({("timeline",)}),
        "404.html": frozenset({("always",)}),
    })
    paths = ["people/ana/index.html", "people/bo/index.html", "timeline/index.html", "404.html", "people/cy/index.html"]
    assert pages_to_render(old, {("always",), ("name", "bo")}, paths) == [
        "people/ana/index.html", "404.html", "people/cy/index.html",
    ]


SITE = """\
-- content/site.yaml --
title: Harbour
-- content/people/ana-lopez.yaml --
name: Ana López
summary: She runs the [[ministry]].
-- content/people/bo-ek.yaml --
name: Bo Ek
summary: He advises [[ana-lopez]].
-- content/institutions/ministry.yaml --
name: Ministry of Justice
-- content/articles/story.md --
---
title: The story
---
[[bo-ek]] spoke.
"""


def test_two_loads_of_a_site_differ_in_what_the_edit_touched(tmp_path):
    root = write_site(tmp_path, SITE)
    options = BuildOptions(root / "content", root / "site", workers=1)
    first = load_site(options, Reporter(root))
    old = take_snapshot(first, "globals")
    assert old.edges["bo-ek"] == (("ana-lopez", "mention", "He advises Ana López."),)
    assert old.names["bo-ek"] == ("Bo Ek", "people", "people/bo-ek/")
    (root / "content/people/bo-ek.yaml").write_text("name: Bo Ek\nsummary: He advises the [[ministry]].\n")
    second = load_site(options, Reporter(root))
    new = take_snapshot(second, "globals")
    assert changed_keys(old, new) == {
        ("always",), ("entity", "bo-ek"), ("edges-from", "bo-ek"), ("links-from", "bo-ek"),
        ("edges-to", "ana-lopez"), ("edges-to", "ministry"),
        ("collection", "home"),  # the home page's most linked records changed: the ministry leads now
    }
    # the names Markdown links against did not change, so no Markdown needs converting again
    assert linkset_fingerprint(first.index) == linkset_fingerprint(second.index)


def test_the_linkset_changes_with_a_name_and_reuses_the_parts_it_knows(tmp_path):
    root = write_site(tmp_path, SITE)
    options = BuildOptions(root / "content", root / "site", workers=1)
    index = load_site(options, Reporter(root)).index
    known = LinksetParts()
    fingerprint = linkset_fingerprint(index, known)
    assert fingerprint == linkset_fingerprint(index) and known.fingerprint == fingerprint
    assert list(known.parts) == ["ana-lopez", "bo-ek", "ministry", "story"]
    (root / "content/institutions/ministry.yaml").write_text("name: Ministry of Security\n")
    renamed = load_site(options, Reporter(root)).index
    assert linkset_fingerprint(renamed, known) != fingerprint
    assert known.parts["ministry"][1] == ("ministry", "institutions", "Ministry of Security", (None,))  # no aliases, no short name


def test_a_cached_build_makes_only_the_changed_entities_parts_of_the_linkset(tmp_path, monkeypatch):
    root = write_site(tmp_path, SITE)
    options = BuildOptions(root / "content", root / "site", workers=1)
    index = load_site(options, Reporter(root)).index
    fingerprint, kept = kept_linkset(index, None, None)
    assert fingerprint == linkset_fingerprint(index) == kept.fingerprint
    assert list(kept.parts) == ["ana-lopez", "bo-ek", "ministry", "story"]
    # A summary changed: the changed entity's part is the same, so the linkset is the last one,
    # found without making every part again.
    (root / "content/people/bo-ek.yaml").write_text("name: Bo Ek\nsummary: He advises the [[ministry]].\n")
    edited = load_site(options, Reporter(root)).index
    with monkeypatch.context() as patched:
        patched.setattr(incremental, "linkset_fingerprint", lambda *_: pytest.fail("made again"))
        assert kept_linkset(edited, kept, ["bo-ek"])[0] == fingerprint
    # A name changed: the linkset is made again, and differs.
    (root / "content/institutions/ministry.yaml").write_text("name: Ministry of Security\n")
    renamed = load_site(options, Reporter(root)).index
    again, now = kept_linkset(renamed, kept, ["ministry"])
    assert again == linkset_fingerprint(renamed) != fingerprint
    assert now.parts["ministry"] != kept.parts["ministry"] and now.parts["bo-ek"] == kept.parts["bo-ek"]


def test_the_entities_changed_since_a_snapshot_or_none_when_they_are_not_the_same_ones(tmp_path):
    # A cached build.py patches the last timeline for these (`changed_since`), as the preview does.
    root = write_site(tmp_path, SITE)
    options = BuildOptions(root / "content", root / "site", workers=1)
    first = load_site(options, Reporter(root))
    last, config = take_snapshot(first, "globals"), first.index.config

    def changed() -> list[str] | None:
        return changed_since(last, config, load_content(root, root / "content", Reporter(root)))

    assert changed() == []
    (root / "content/people/bo-ek.yaml").write_text("name: Bo Ek\nsummary: He advises the [[ministry]].\n")
    assert changed() == ["bo-ek"]
    assert changed_since(last, replace(config, title="Port"), load_content(root, root / "content", Reporter(root))) is None
    (root / "content/people/bo-ek.yaml").write_text("name: Bo K. Ek\nsummary: He advises [[ana-lopez]].\n")
    assert changed() is None  # a name: other entries may show it
    (root / "content/people/bo-ek.yaml").write_text("name: Bo Ek\nsummary: He advises [[ana-lopez]].\n")
    (root / "content/people/cy.yaml").write_text("name: Cy\n")
    assert changed() is None  # another entity: the timeline's order of entries may change
