"""explainer.build.readers: the pages of a snapshot by the keys they read, which the preview keeps
between rebuilds: the same pages to render as asking every page, after any run of builds, and
brought up to date rather than made again."""

from __future__ import annotations

import random

from conftest import write_site

from explainer.build import plan, readers
from explainer.build.incremental import Snapshot, pages_to_render
from explainer.build.pipeline import BuildOptions
from explainer.build.readers import PageReaders
from explainer.preview.builder import SiteBuilder

KEYS = [("entity", "ana"), ("name", "bo"), ("timeline",), ("always",), ("edges-to", "ana"), ("collection", "people")]


def snapshot(pages: dict[str, tuple]) -> Snapshot:
    return Snapshot("g", {}, {}, {}, {}, [], {}, {}, pages=pages)


def test_the_pages_that_read_a_changed_key_are_those_asking_every_page_finds():
    pages = {
        "people/ana/index.html": (("entity", "ana"), ("name", "bo")),
        "people/bo/index.html": (("entity", "bo"),),
        "timeline/index.html": (("timeline",),),
        "404.html": (("always",),),
    }
    paths = [*pages, "people/cy/index.html"]
    index = PageReaders(pages)
    changed = {("always",), ("name", "bo")}
    assert index.reading(changed) == {"people/ana/index.html", "404.html"}
    assert pages_to_render(snapshot(pages), changed, paths, index) == pages_to_render(snapshot(pages), changed, paths) == [
        "people/ana/index.html", "404.html", "people/cy/index.html",
    ]
    assert index.reading({("entity", "nobody")}) == set()


def test_moved_to_the_next_builds_pages_it_answers_as_if_made_from_them():
    rng = random.Random(7)
    pages = {f"p{n}.html": tuple(rng.sample(KEYS, rng.randint(0, 3))) for n in range(40)}
    index = PageReaders(pages)
    for _ in range(30):
        following = {}
        for path, keys in pages.items():
            roll = rng.random()
            if roll < 0.1:
                continue  # gone
            # rendered again (a new tuple, maybe with the same keys) or kept (the very tuple)
            following[path] = tuple(rng.sample(KEYS, rng.randint(0, 3))) if roll < 0.4 else keys
        for _ in range(rng.randint(0, 3)):
            following[f"new{rng.random()}.html"] = tuple(rng.sample(KEYS, rng.randint(1, 3)))
        index.move_to(following)
        pages = following
        assert index.describes(following)
        for key in KEYS:
            assert index.reading({key}) == {path for path, keys in pages.items() if key in keys}
        changed = set(rng.sample(KEYS, 2))
        paths = [*pages, "never-built.html"]
        assert pages_to_render(snapshot(pages), changed, paths, index) == pages_to_render(snapshot(pages), changed, paths)


SITE = """\
-- content/site.yaml --
title: Harbour
-- content/people/ana-lopez.yaml --
name: Ana López
summary: She runs the [[council]] with [[bo-ek]].
-- content/people/bo-ek.yaml --
name: Bo Ek
summary: He advises [[ana-lopez]].
-- content/institutions/council.yaml --
name: Harbour council
summary: It leases the terminal; [[ana-lopez]] runs it.
"""


def test_the_preview_makes_the_index_once_and_renders_what_asking_every_page_would(tmp_path, monkeypatch):
    root = write_site(tmp_path, SITE)
    made, asked = [], []
    real_init, real_pages_to_render = PageReaders.__init__, plan.pages_to_render

    def counting_init(self, pages):
        made.append(len(pages))
        real_init(self, pages)

    def checking_pages_to_render(old, changed, paths, index=None):
        chosen = real_pages_to_render(old, changed, paths, index)
        asked.append((index is not None, chosen == real_pages_to_render(old, changed, paths)))
        return chosen

    monkeypatch.setattr(readers.PageReaders, "__init__", counting_init)
    monkeypatch.setattr(plan, "pages_to_render", checking_pages_to_render)
    builder = SiteBuilder(BuildOptions(root / "content", root / "site", workers=1, search=False))
    assert builder.build().ok
    assert len(made) == 1  # made with the first build's pages, before any edit
    bo = root / "content/people/bo-ek.yaml"
    for words in ("often advises", "sometimes advises", "advised"):
        bo.write_text(bo.read_text(encoding="utf-8").replace("advises", words, 1), encoding="utf-8")
        report = builder.rebuild(changed={bo.resolve()})
        assert report.ok and "people/bo-ek/index.html" in report.rendered
    assert len(made) == 1
    assert asked == [(True, True)] * 3
    assert builder.cache.memory.readers.describes(builder.cache.snapshot.pages)
