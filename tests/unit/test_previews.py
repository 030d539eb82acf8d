"""Hover previews (`explainer.produce.previews`): the entry of each record, the shards under
`previews/`, and shards made again only where their entries' keys changed."""

from __future__ import annotations

import json

import pytest
from conftest import write_site

from explainer.build.pipeline import BuildOptions, load_site
from explainer.content.kinds import COLLECTIONS, DOCUMENT_COLLECTIONS
from explainer.core.errors import Reporter
from explainer.produce.previews import (
    PER_SHARD,
    preview_entries,
    preview_entry,
    preview_index,
    shard_count,
    shard_of,
)
from explainer.views.keys import Fragments

SITE = """\
-- content/site.yaml --
title: Harbour
base_url: https://news.example.org/harbour/
-- content/people/ana-lopez.yaml --
name: Ana López
summary: Ana López runs the [[ministry]]. She signed the accord.
-- content/institutions/ministry.yaml --
name: Ministry of Justice
summary: The ministry in charge of prisons
-- content/glossary/cecot.yaml --
term: CECOT
definition: A prison. Run by the [[ministry]].
-- content/events/talks.yaml --
date: 2024-02
title: Talks begin
participants: [ana-lopez]
-- content/articles/story.md --
---
title: The accord is signed
dek: Ana López signs.
---
[[ana-lopez]] signed at [[cecot]].
"""


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("previews"), SITE)
    options = BuildOptions(root / "content", root / "site", workers=1, search=False)
    return load_site(options, Reporter(options.root))


def test_an_entry_has_the_name_kind_first_sentence_and_url(model):
    assert preview_entry(model, "ana-lopez") == {
        "name": "Ana López", "kind": "person",
        "summary": "Ana López runs the Ministry of Justice.",  # the first sentence, as plain text
        "url": "/harbour/people/ana-lopez/",  # a path, so it works on any host serving the site
    }


def test_every_kind_has_its_entry_sorted_by_id(model):
    entries = preview_entries(model)
    assert list(entries) == ["ana-lopez", "cecot", "ministry", "story", "talks"]
    assert entries["cecot"] == {
        "name": "CECOT", "kind": "glossary term", "summary": "A prison.", "url": "/harbour/glossary/#cecot",
    }
    assert entries["ministry"]["summary"] == "The ministry in charge of prisons."  # a full stop added
    assert entries["story"] == {
        "name": "The accord is signed", "kind": "article", "summary": "Ana López signs.",
        "url": "/harbour/articles/story/",
    }
    assert entries["talks"] == {
        "name": "Talks begin", "kind": "event", "summary": "", "url": "/harbour/timeline/#talks",
    }


def test_the_shards_hold_the_entries_as_compact_json_with_or_without_fragments(model):
    [count, whole] = preview_index(model)  # five entities: one shard
    assert (count.path, count.data) == ("previews/index.json", b'{"shards":1}\n')
    assert whole.path == "previews/0.json"
    assert json.loads(whole.data) == preview_entries(model)
    assert b'"name":"Ana L\xc3\xb3pez"' in whole.data  # UTF-8, not \u escapes; no spaces
    model.fragments = Fragments(model.views)
    try:
        [_, pieced] = preview_index(model)
    finally:
        model.fragments = None
    assert pieced.data == whole.data


def test_shards_are_a_power_of_two_and_an_id_always_lands_in_the_same_one():
    assert [shard_count(n) for n in (0, 1, PER_SHARD, PER_SHARD + 1, 4 * PER_SHARD + 1)] == [1, 1, 1, 2, 8]
    assert shard_of("ana-lopez", 1) == 0
    # FNV-1a of the UTF-8 bytes, as static/preview.js computes it
    digest = 0x811C9DC5
    for byte in b"ana-lopez":
        digest = ((digest ^ byte) * 0x01000193) & 0xFFFFFFFF
    assert shard_of("ana-lopez", 16) == digest % 16


def test_an_unchanged_shard_is_kept_and_a_changed_one_made_again(model):
    ids = sorted(preview_entries(model))
    assert shard_count(len(ids)) == 1
    stale = {("previews", *ids): ('{"kept":1}', frozenset({("entity", "talks")}))}

    def shard(changed):
        model.fragments = Fragments(model.views, stale, changed=changed)
        model.views.reads = set()
        try:
            [_, page] = preview_index(model)
            return json.loads(page.data), model.views.reads
        finally:
            model.fragments, model.views.reads = None, None

    assert shard({("entity", "ana-lopez")}) == ({"kept": 1}, {
        *(("collection", c) for c in (*DOCUMENT_COLLECTIONS, *COLLECTIONS)), ("entity", "talks")})
    data, reads = shard({("entity", "talks")})
    assert data["talks"] == {"name": "Talks begin", "kind": "event", "summary": "", "url": "/harbour/timeline/#talks"}
    # the file depends on which records exist, and on what each entry read
    assert {("collection", "people"), ("collection", "articles"), ("entity", "talks"), ("name", "talks")} <= reads
