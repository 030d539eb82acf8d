"""explainer.core.collector: the garbage collector's settings during a build are restored after
it, whatever happened inside."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from explainer import cli
from explainer.build import pipeline
from explainer.build.command import build_site
from explainer.core.collector import collector_paused, fewer_collections
from explainer.core.options import BuildOptions


def test_fewer_collections_raises_the_thresholds_and_restores_them_after_an_error():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        assert gc.get_threshold() == (100_000, 50, 100)
        raise RuntimeError
    assert gc.get_threshold() == before


def test_a_paused_collector_is_enabled_again_only_if_it_was_enabled():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_paused_collector_is_enabled_again_after_an_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()


def test_build_py_builds_with_the_collector_off_and_turns_it_on_again(full_site: Path, monkeypatch):
    during: list[bool] = []
    load_site = pipeline.load_site

    def recording(*args, **kwargs):
        during.append(gc.isenabled())
        return load_site(*args, **kwargs)

    monkeypatch.setattr(pipeline, "load_site", recording)
    build_site(BuildOptions(full_site / "content", full_site / "site", search=False))
    assert during == [False]
    assert gc.isenabled()


@pytest.mark.parametrize("exiting", [True, False])
def test_the_build_command_leaves_the_collector_off_only_when_the_process_ends_after_it(full_site: Path, exiting: bool):
    argv = ["build", "--content", str(full_site / "content"), "--out", str(full_site / "site"), "--no-search", "--quiet"]
    try:
        assert cli.main(argv, exiting=exiting) == 0
        assert gc.isenabled() is not exiting
    finally:
        gc.enable()
