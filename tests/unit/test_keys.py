"""Dependency keys and per-piece producer output (`explainer.views.keys`): `Fragments.get` reuses
a piece whose keys did not change and makes again one whose keys changed."""

from __future__ import annotations

import pytest

from explainer.views.keys import GLOSSARY_ORDER, HOME_SELECTION, Fragments


class Views:
    """The part of a `ViewBuilder` that `Fragments` uses: the set of keys being read, or None."""

    def __init__(self, reads: set | None = None):
        self.reads = reads

    def read(self, *key: str) -> None:
        if self.reads is not None:
            self.reads.add(key)


def maker(views: Views, value: str, *keys: tuple[str, ...], calls: list[str]):
    def make() -> str:
        calls.append(value)
        for key in keys:
            views.read(*key)
        return value

    return make


def test_the_shared_keys_are_collections():
    assert HOME_SELECTION == ("collection", "home")
    assert GLOSSARY_ORDER == ("collection", "glossary/a-z")


def test_a_first_build_makes_every_piece_and_keeps_its_keys():
    views, calls = Views(reads=set()), []
    fragments = Fragments(views)
    value = fragments.get(("previews", "ana"), maker(views, "A", ("entity", "ana"), ("name", "ana"), calls=calls))
    assert value == "A" and calls == ["A"]
    assert fragments.new == {("previews", "ana"): ("A", frozenset({("entity", "ana"), ("name", "ana")}))}
    assert views.reads == {("entity", "ana"), ("name", "ana")}  # noted for the producer too


def test_a_piece_whose_keys_did_not_change_is_reused_and_one_whose_keys_changed_is_made_again():
    old = {
        ("previews", "ana"): ("old A", frozenset({("entity", "ana")})),
        ("previews", "bo"): ("old B", frozenset({("entity", "bo"), ("name", "ana")})),
    }
    views, calls = Views(reads=set()), []
    fragments = Fragments(views, old, changed={("name", "ana"), ("always",)})
    ana = fragments.get(("previews", "ana"), maker(views, "new A", ("entity", "ana"), calls=calls))
    bo = fragments.get(("previews", "bo"), maker(views, "new B", ("entity", "bo"), calls=calls))
    assert (ana, bo) == ("old A", "new B")
    assert calls == ["new B"]
    assert fragments.new == {
        ("previews", "ana"): ("old A", frozenset({("entity", "ana")})),
        ("previews", "bo"): ("new B", frozenset({("entity", "bo")})),  # the keys it read this time
    }
    # a reused piece's keys are still noted, so the producer depends on them
    assert views.reads == {("entity", "ana"), ("entity", "bo")}


def test_a_piece_not_made_before_is_made():
    views, calls = Views(reads=set()), []
    fragments = Fragments(views, {("previews", "ana"): ("A", frozenset())}, changed=set())
    assert fragments.get(("previews", "cy"), maker(views, "C", calls=calls)) == "C"
    assert calls == ["C"]


def test_without_a_list_of_changed_keys_the_old_pieces_are_not_trusted():
    views, calls = Views(reads=set()), []
    fragments = Fragments(views, {("previews", "ana"): ("old A", frozenset())}, changed=None)
    assert fragments.old == {}
    assert fragments.get(("previews", "ana"), maker(views, "new A", calls=calls)) == "new A"
    assert calls == ["new A"]


def test_outside_a_tracked_run_nothing_is_noted_for_the_caller():
    views = Views(reads=None)
    fragments = Fragments(views)
    fragments.get(("x",), maker(views, "X", ("entity", "x"), calls=[]))
    assert views.reads is None
    assert fragments.new[("x",)] == ("X", frozenset({("entity", "x")}))


def test_a_failing_piece_leaves_the_callers_reads_as_they_were():
    outer = {("collection", "people")}
    views = Views(reads=outer)
    fragments = Fragments(views)

    def broken() -> str:
        views.read("entity", "ana")
        raise ValueError("no")

    with pytest.raises(ValueError):
        fragments.get(("x",), broken)
    assert views.reads is outer and outer == {("collection", "people")}
    assert fragments.new == {}
