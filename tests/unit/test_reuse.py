"""What a build patched from the last model (the preview server's fast path) takes over from it:
the list layouts and the records' section pages (`explainer.render.reuse`), and what the
whole-site checks said (`explainer.build.provenance`, `explainer.site.said.Said`). Each is
checked again, or decided again, only where an edit can have changed it, and says what a
clean build says (tests/test_incremental.py compares the written output byte for byte)."""

from __future__ import annotations

from pathlib import Path

from conftest import write_site

from explainer.build import incremental
from explainer.build.command import build_site
from explainer.build.pipeline import load_site
from explainer.core.errors import Reporter
from explainer.core.options import BuildOptions
from explainer.preview.builder import SiteBuilder
from explainer.render import lists, reuse
from explainer.render import renderer as renderer_module

SITE = """\
-- content/site.yaml --
title: Harbour
-- seeds/report.txt --
The harbour council voted to lease the ferry terminal. “We have waited ten years for this,” said Ana López.
-- content/sources/report.yaml --
title: Harbour report
date: 2024-03-05
file: seeds/report.txt
-- content/people/ana-lopez.yaml --
name: Ana López
summary: She runs the [[council]].
sources: [report]
-- content/people/bo-ek.yaml --
name: Bo Ek
summary: He advises [[ana-lopez]].
sources: [report]
-- content/institutions/council.yaml --
name: Harbour council
founded: 1990
sources: [report]
-- content/events/vote.yaml --
date: 1991-03
title: The vote
participants: [council, bo-ek]
sources: [report]
-- content/quotes/waited.yaml --
text: We have waited ten years for this,
speaker: ana-lopez
source: report
-- content/articles/story.md --
---
title: The story
date: 2024-03-06
sources: [report]
---
[[bo-ek]] spoke of [[vote]]. [[ana-lopez]] said: “We have waited ten years for this.” The meeting
ran late into the evening, and nobody in the room seemed ready to leave before the final count.
"""


def edit(root: Path, path: str, old: str, new: str) -> Path:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return file.resolve()


def clean_warnings(root: Path) -> list[str]:
    reporter = Reporter(root)
    load_site(BuildOptions(root / "content", root / "clean", workers=1, search=False), reporter)
    return [str(d) for d in reporter.warnings]


def test_a_patched_build_says_the_warnings_a_clean_build_says(tmp_path, monkeypatch):
    root = write_site(tmp_path, SITE)
    monkeypatch.chdir(root)
    builder = SiteBuilder(BuildOptions(root / "content", root / "site", workers=1, search=False))
    assert builder.build().ok and builder.model is not None and builder.model.said is not None
    assert builder.model.said.dates == builder.model.said.quotations == {}
    steps = [
        # the council is founded after the vote: a warning at the vote, which did not change
        ("content/institutions/council.yaml", "founded: 1990", "founded: 1992", ["council"], 1),
        # a quotation the article's sources do not have
        ("content/articles/story.md", "spoke of", "said “the terminal is ours” of", ["story"], 2),
        # a quote said by someone else: the same words to look quotations up in
        ("content/quotes/waited.yaml", "speaker: ana-lopez", "speaker: bo-ek", ["waited"], 2),
        # the source has the words now: every article is read again
        ("seeds/report.txt", "said Ana López.", "said Ana López. Bo Ek said the terminal is ours.", [], 1),
        ("content/institutions/council.yaml", "founded: 1992", "founded: 1990", ["council"], 0),
    ]
    for path, old, new, changed, count in steps:
        report = builder.rebuild(changed={edit(root, path, old, new)})
        assert report.ok, report.errors
        assert builder.model.changed == changed  # the fast path
        assert [str(d) for d in report.warnings] == clean_warnings(root), path
        assert len(report.warnings) == count, (path, report.warnings)


def test_the_warnings_of_each_kind_are_kept_by_the_entity_they_are_at(tmp_path, monkeypatch):
    root = write_site(tmp_path, SITE)
    monkeypatch.chdir(root)
    edit(root, "content/institutions/council.yaml", "founded: 1990", "founded: 1992")
    edit(root, "content/articles/story.md", "spoke of", "said “the terminal is ours” of")
    builder = SiteBuilder(BuildOptions(root / "content", root / "site", workers=1, search=False))
    assert builder.build().ok and builder.model is not None and builder.model.said is not None
    said = builder.model.said
    assert {i: [str(d) for d in found] for i, found in said.dates.items()} == {"vote": [
        "content/events/vote.yaml:3: warning: this event (1991-03) is before 'council', one of its participants, "
        "was founded (1992)"]}
    assert {i: [str(d) for d in found] for i, found in said.quotations.items()} == {"story": [
        "content/articles/story.md:6: warning: quotation not found in the article's sources: \"the terminal is ours\""]}


def test_a_patched_build_decides_again_only_the_sections_of_the_records_an_edit_touched(tmp_path, monkeypatch):
    root = write_site(tmp_path, SITE)
    decided: list[str] = []
    real = reuse._decide
    monkeypatch.setattr(reuse, "_decide", lambda views, entity, *rest: decided.append(entity.id) or real(views, entity, *rest))
    builder = SiteBuilder(BuildOptions(root / "content", root / "site", workers=1, search=False))
    assert builder.build().ok and builder.model is not None
    first = builder.model.renderer
    # the preview's first build decides every record's sections, noting what each read
    assert sorted(decided) == ["ana-lopez", "bo-ek", "council", "report", "story"]  # events have no pages
    decided.clear()
    # Bo Ek no longer links to Ana López but to the council: his page and the pages of the records
    # he links to, before and after (and his source), may have other sections; no other record's.
    edited = edit(root, "content/people/bo-ek.yaml", "He advises [[ana-lopez]].", "He advises the [[council]].")
    assert builder.rebuild(changed={edited}).ok
    assert builder.model.changed == ["bo-ek"]
    assert sorted(decided) == ["ana-lopez", "bo-ek", "council", "report"]
    renderer = builder.model.renderer
    assert renderer.jobs() == first.jobs()
    # the lists' layouts are the last ones: nothing that decides them changed
    assert renderer.timeline_layout is first.timeline_layout
    assert renderer.collection_layout("people") is first.collection_layout("people")
    assert renderer.glossary_layout is first.glossary_layout
    # a build nothing follows looks closely only at records with links enough to fill a section:
    # none here
    decided.clear()
    load_site(BuildOptions(root / "content", root / "clean", workers=1, search=False), Reporter(root)).renderer.jobs()
    assert decided == []


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# Two hubs: every person mentions the second (more than its "Connected to" shows); twelve mention
# the first (all it shows), and two do not yet.
HUB = "".join(
    f"-- content/people/p{n:02d}.yaml --\nname: Person {n:02d}\n"
    f"summary: Works with {'[[hub]] and ' if n < 13 else ''}[[hub2]].\n"
    for n in range(1, 15)
) + """\
-- content/site.yaml --
title: Hubs
-- content/people/hub.yaml --
name: The Hub
summary: A hub.
-- content/people/hub2.yaml --
name: The Other Hub
summary: Another hub.
"""


def test_a_cached_build_decides_again_the_sections_of_the_records_an_edit_links_to(tmp_path, monkeypatch):
    root = write_site(tmp_path, HUB)
    decided: list[str] = []
    real = reuse._decide
    monkeypatch.setattr(reuse, "_decide", lambda views, entity, *rest: decided.append(entity.id) or real(views, entity, *rest))
    options = BuildOptions(root / "content", root / "site", workers=1, search=False)
    build_site(options)
    assert decided == ["hub2"]  # the one record with links enough to overflow a section
    # The thirteenth now links to the first hub too: its "Connected to" runs onto a page of its
    # own, which the next `build.py` finds though only the thirteenth's file changed.
    decided.clear()
    edit(root, "content/people/p13.yaml", "Works with [[hub2]].", "Works with [[hub]] and [[hub2]].")
    build_site(options)
    assert sorted(decided) == ["hub", "hub2"]
    assert "people/hub/connected-to/index.html" in _tree(root / "site")
    build_site(BuildOptions(root / "content", root / "clean", workers=1, search=False), use_cache=False)
    assert _tree(root / "site") == _tree(root / "clean")
    # An edit that links to neither hub's sections decides no other record's again, and keeps them.
    decided.clear()
    edit(root, "content/people/p14.yaml", "Works with [[hub2]].", "Works mostly with [[hub2]].")
    build_site(options)
    assert decided == ["hub2"]
    assert {"people/hub/connected-to/index.html", "people/hub2/connected-to/index.html"} <= set(_tree(root / "site"))


GLOSSARY = """\
-- content/site.yaml --
title: Terms
-- content/glossary/waiver.yaml --
term: waiver
definition: A rule set aside for one case.
-- content/people/ana.yaml --
name: Ana
summary: She signed it.
-- content/people/bo.yaml --
name: Bo
summary: He did not.
"""


def test_a_cached_build_keeps_the_glossary_unless_an_edit_touched_what_it_read(tmp_path, monkeypatch):
    root = write_site(tmp_path, GLOSSARY)
    built: list[int] = []
    real = renderer_module.build_glossary
    monkeypatch.setattr(renderer_module, "build_glossary", lambda views: built.append(1) or real(views))
    options = BuildOptions(root / "content", root / "site", workers=1, search=False)
    build_site(options)
    assert len(built) == 1
    edit(root, "content/people/bo.yaml", "He did not.", "He never did.")  # the glossary reads nothing of Bo
    build_site(options)
    assert len(built) == 1
    edit(root, "content/people/ana.yaml", "She signed it.", "She signed the [[waiver]].")  # now used in Ana
    build_site(options)
    assert len(built) == 2
    assert "Ana" in (root / "site/glossary/waiver/index.html").read_text(encoding="utf-8")
    build_site(BuildOptions(root / "content", root / "clean", workers=1, search=False), use_cache=False)
    assert _tree(root / "site") == _tree(root / "clean")


def test_a_patched_build_takes_over_the_digests_of_the_list_keys_it_took_over(tmp_path):
    root = write_site(tmp_path, SITE)
    builder = SiteBuilder(BuildOptions(root / "content", root / "site", workers=1, search=False))
    assert builder.build().ok and builder.model is not None
    first = builder.model.renderer.layouts
    assert first.list_keys is not None and first.key_digests is not None
    last_keys, last_digests = first.list_keys[2], first.key_digests[1]
    edited = edit(root, "content/people/bo-ek.yaml", "He advises [[ana-lopez]].", "He often advises [[ana-lopez]].")
    assert builder.rebuild(changed={edited}).ok
    layouts = builder.model.renderer.layouts
    assert layouts.list_keys is not None and layouts.list_keys[2] is last_keys  # nothing a list shows changed
    assert layouts.key_digests is not None and layouts.key_digests[1] is last_digests  # not digested again
    assert last_digests == {name: incremental._listed_digest(value) for name, value in last_keys.items()}
    # a timeline page's key holds entries, not only ids
    assert any(isinstance(value, tuple) and not all(isinstance(v, str) for v in value) for value in last_keys.values())
    # and they are what the planner's snapshot compares
    snapshot = builder.cache.snapshot
    assert snapshot is not None
    assert {name: snapshot.collections[name] for name in last_digests} == last_digests


def test_a_cached_build_takes_over_the_list_keys_their_digests_and_the_pages_to_render(tmp_path, monkeypatch):
    root = write_site(tmp_path, SITE)
    made: list[str] = []
    keys_made: list[dict] = []
    real_keys, real_jobs = lists.ListPages._list_keys, renderer_module.Renderer._all_jobs
    monkeypatch.setattr(lists.ListPages, "_list_keys", lambda self: made.append("keys") or keys_made.append(real_keys(self)) or keys_made[-1])
    monkeypatch.setattr(renderer_module.Renderer, "_all_jobs", lambda self: made.append("jobs") or real_jobs(self))
    digested: list[object] = []
    real_digest = incremental._listed_digest
    monkeypatch.setattr(incremental, "_listed_digest", lambda value: digested.append(value) or real_digest(value))
    options = BuildOptions(root / "content", root / "site", workers=1, search=False)
    build_site(options)
    assert sorted(made) == ["jobs", "keys"]
    every, list_keys = len(digested), len(keys_made[0])
    # Bo Ek's summary is on no list and in no timeline entry: what the lists show is the last
    # build's, read back with the timeline whose entries it holds, and so are their digests.
    made.clear(), digested.clear()
    edit(root, "content/people/bo-ek.yaml", "He advises [[ana-lopez]].", "He often advises [[ana-lopez]].")
    build_site(options)
    assert made == []
    assert len(digested) == every - list_keys  # only the collections' own digests
    build_site(BuildOptions(root / "content", root / "clean", workers=1, search=False), use_cache=False)
    assert _tree(root / "site") == _tree(root / "clean")
    # The vote moves to another year: the timeline's pages show something else, made again.
    made.clear(), digested.clear()
    edit(root, "content/events/vote.yaml", "date: 1991-03", "date: 1992-03")
    build_site(options)
    assert "keys" in made and len(digested) == every
    build_site(BuildOptions(root / "content", root / "clean", workers=1, search=False), use_cache=False)
    assert _tree(root / "site") == _tree(root / "clean")


def test_a_cached_build_files_the_lists_again_only_when_an_edit_describes_a_record_otherwise(tmp_path, monkeypatch):
    root = write_site(tmp_path, SITE)
    filed: list[str] = []
    real = lists.ListPages._index_items
    monkeypatch.setattr(lists.ListPages, "_index_items", lambda self, records: filed.extend(
        records[:1] and [records[0].collection]) or real(self, records))
    options = BuildOptions(root / "content", root / "site", workers=1, search=False)
    build_site(options)
    assert "people" in filed
    # Bo Ek's summary files him nowhere else: the indexes keep the last build's items (the
    # entities as the last build read them are what the edited ones are compared with).
    filed.clear()
    edit(root, "content/people/bo-ek.yaml", "He advises [[ana-lopez]].", "He often advises [[ana-lopez]].")
    build_site(options)
    assert filed == []
    # A sort name files him under another letter: the people's index is filed again.
    edit(root, "content/people/bo-ek.yaml", "name: Bo Ek\n", "name: Bo Ek\nsort_name: Zed, Bo\n")
    build_site(options)
    assert filed == ["people"]
    build_site(BuildOptions(root / "content", root / "clean", workers=1, search=False), use_cache=False)
    assert _tree(root / "site") == _tree(root / "clean")
