"""The preview server's fast path (`explainer.build.patch`): which entities changed between a model
and newly loaded content, and a model patched for one edited record equal to a fresh one
(tests/test_incremental.py compares the written output byte for byte). The model is a
`explainer.produce.site.SiteModel`."""

from __future__ import annotations

from conftest import write_site

from explainer.build.patch import Memory, changed_entities
from explainer.build.pipeline import BuildOptions, load_site, new_cache
from explainer.content.loader import load_content
from explainer.core.errors import Reporter
from explainer.produce.site import SiteModel

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
-- content/events/talks.yaml --
date: 2024-02
title: Talks
participants: [bo-ek]
-- content/articles/story.md --
---
title: The story
---
[[bo-ek]] spoke.
"""


def setup(tmp_path):
    root = write_site(tmp_path, SITE)
    options = BuildOptions(root / "content", root / "site", workers=1, search=False)
    return root, options


def content(root):
    return load_content(root, root / "content", Reporter(root))


def test_the_same_content_read_again_has_no_changed_entity(tmp_path):
    root, options = setup(tmp_path)
    base = load_site(options, Reporter(root)).index
    assert changed_entities(base, content(root)) == []


def test_an_edited_record_is_the_one_changed_entity(tmp_path):
    root, options = setup(tmp_path)
    base = load_site(options, Reporter(root)).index
    (root / "content/people/bo-ek.yaml").write_text("name: Bo Ek\nsummary: He advises the [[ministry]].\n")
    (root / "content/events/talks.yaml").write_text("date: 2024-03\ntitle: Talks\nparticipants: [bo-ek]\n")
    assert changed_entities(base, content(root)) == ["bo-ek", "talks"]  # in content order


def test_other_changes_are_not_patched(tmp_path):
    root, options = setup(tmp_path)
    base = load_site(options, Reporter(root)).index
    (root / "content/people/cy.yaml").write_text("name: Cy\n")
    assert changed_entities(base, content(root)) is None  # a new record
    (root / "content/people/cy.yaml").unlink()
    (root / "content/site.yaml").write_text("title: Harbour\ndescription: New.\n")
    assert changed_entities(base, content(root)) is None  # new settings
    (root / "content/site.yaml").write_text("title: Harbour\n")
    (root / "content/people/bo-ek.yaml").rename(root / "content/people/bo-eklund.yaml")
    assert changed_entities(base, content(root)) is None  # a renamed id


def test_a_patched_model_equals_a_fresh_one(tmp_path):
    root, options = setup(tmp_path)
    cache = new_cache(options)
    cache.memory = Memory()
    first = load_site(options, Reporter(root), cache=cache)
    assert isinstance(first, SiteModel) and first.changed is None  # the full stages ran
    cache.memory.model = first  # as if its output had been written
    edited = root / "content/people/bo-ek.yaml"
    edited.write_text("name: Bo Ek\nsummary: He advises the [[ministry]].\n")
    cache.files.note_changes([edited.resolve()])  # as the preview server's watcher does
    patched = load_site(options, Reporter(root), cache=cache)
    fresh = load_site(options, Reporter(root))
    assert patched.changed == ["bo-ek"]
    assert fresh.changed is None
    assert patched.converted.html == fresh.converted.html
    assert patched.converted.get("bo-ek", "summary") == (
        '<p>He advises the <a class="ref ref-institutions" data-ref="ministry" '
        'href="/institutions/ministry/">Ministry of Justice</a>.</p>'
    )
    assert patched.timeline == fresh.timeline
    for entity_id in fresh.index.entities:
        assert patched.index.edges_from(entity_id) == fresh.index.edges_from(entity_id)
        assert patched.index.edges_to(entity_id) == fresh.index.edges_to(entity_id)
    assert [e.source for e in patched.index.edges_to("ministry")] == ["ana-lopez", "bo-ek"]
    assert patched.index.edges_to("ana-lopez") == []
    assert patched.linkset == fresh.linkset
    # what is not in the edited file is the very same object as before
    assert patched.index.entities["ana-lopez"] is first.index.entities["ana-lopez"]
