"""explainer.core.collector: the garbage collector's settings during a build are restored after
it, whatever happened inside."""

from __future__ import annotations

import gc

import pytest

from explainer.core.collector import collector_paused, fewer_collections


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
