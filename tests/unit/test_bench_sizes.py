"""bench/run.py's size columns: the largest HTML page, and the largest file a page fetches when a
reader hovers a link or searches (previews shards, Pagefind's index; not scripts, styles or
Pagefind's WebAssembly)."""

from __future__ import annotations

import argparse
import os
import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import run as bench_run  # noqa: E402 - bench/ is not a package
import search_cost  # noqa: E402


def test_the_largest_page_and_the_largest_fetched_file(tmp_path):
    sizes = {
        "index.html": 100, "people/ana/index.html": 300, "feed.xml": 9000, "static/app.js": 7000,
        "previews/index.json": 10, "previews/3.json": 50, "pagefind/fragment/en_1.pf_fragment": 80,
        "pagefind/wasm.en.pagefind": 999, "pagefind/pagefind-ui.js": 5000, "pagefind/pagefind-ui.css": 4000,
    }
    for relative, size in sizes.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)
    assert bench_run.largest_files(tmp_path) == (300, 80)


def test_the_search_table_reports_a_query_and_a_failure():
    cost = search_cost.SearchCost(
        index_seconds=5.5, index_cpu_seconds=2.3, index_peak_kib=80 * 1024, query="Hamolari", query_files=9,
        query_bytes=154_644, largest_name="pagefind/wasm.en.pagefind", largest_bytes=72_209, results=5,
    )
    failed = search_cost.SearchCost(problems=["Pagefind is not installed"])
    lines = bench_run.search_table({1000: cost, 10000: failed}).splitlines()
    assert lines[-2] == "| 1,000 | 5.50 | 2.30 | 80 | Hamolari | 9 | 151.0 | pagefind/wasm.en.pagefind (70.5 KB) | 5 |"
    assert lines[-1] == "| 10,000 | Pagefind is not installed | | | | | | | |"


def test_the_default_query_is_the_last_name_of_the_first_person(tmp_path):
    people = tmp_path / "content" / "people"
    people.mkdir(parents=True)
    (people / "b.yaml").write_text("name: Zed Other\n", encoding="utf-8")
    (people / "a.yaml").write_text('name: "José Ñuñez Hamolari"\nsummary: x\n', encoding="utf-8")
    assert search_cost.default_query(tmp_path) == "Hamolari"


def test_each_size_may_have_its_own_number_of_runs():
    assert bench_run.parse_sizes("10000,100000:1", 3) == {10000: 3, 100000: 1}
    assert bench_run.parse_sizes("1000,", 2) == {1000: 2}


def test_each_clean_build_gets_a_new_folder_and_the_last_the_one_the_rebuilds_use(tmp_path, monkeypatch):
    monkeypatch.setattr(bench_run, "WORK", tmp_path)
    names = [bench_run.run_output("hugo", 10000, n, 3).name for n in range(3)]
    assert names == ["hugo-r10000-run1", "hugo-r10000-run2", "hugo-r10000"]
    assert bench_run.run_output("explainer", 100000, 0, 1) == tmp_path / "out" / "explainer-r100000"


def test_earlier_outputs_are_deleted_before_the_clean_builds_then_the_file_system_settles(tmp_path, monkeypatch):
    monkeypatch.setattr(bench_run, "WORK", tmp_path / "work")
    slept = []
    monkeypatch.setattr(bench_run.time, "sleep", slept.append)
    out = tmp_path / "work" / "out"
    (out / "hugo-r10000" / "a").mkdir(parents=True)
    (out / ".explainer-r10000.manifest").write_bytes(b"m")
    bench_run.clear_outputs()
    assert list(out.iterdir()) == []
    assert slept == [bench_run.DELETIONS_SETTLE_S]
    bench_run.clear_outputs()  # nothing to delete: no wait
    assert slept == [bench_run.DELETIONS_SETTLE_S]


def test_pagefind_is_given_the_glob_of_the_pages_marked_for_the_search(tmp_path):
    head = "<head>" + "x" * 40_000 + "</head>"  # (a <main> past the first bytes read is found too)
    pages = {
        "index.html": "<main id=main>home</main>",
        "people/ana/index.html": "<main id=main data-pagefind-body>Ana</main>",
        "people/ana/connected-to/index.html": "<main id=main>lists</main>",
        "timeline/2024/03/index.html": head + '<main class="wrap" data-pagefind-body>March</main>',
        "pagefind/fragment/x.html": "<main data-pagefind-body></main>",  # (Pagefind's own folder)
    }
    for relative, html in pages.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(html)
    assert search_cost.marked_pages_glob(tmp_path) == "{people/*/index.html,timeline/*/*/index.html}"
    (tmp_path / "people/ana/index.html").unlink()
    (tmp_path / "timeline/2024/03/index.html").unlink()
    assert search_cost.marked_pages_glob(tmp_path) is None  # none marked: Pagefind reads every page


def test_a_restored_site_is_a_copy_with_its_times_and_without_its_spare(tmp_path, monkeypatch):
    monkeypatch.setattr(bench_run, "WORK", tmp_path / "work")
    out, spare = tmp_path / "site", tmp_path / ".site.spare"
    (out / "people/ana").mkdir(parents=True)
    (out / "people/ana/index.html").write_text("Ana")
    (spare / "people").mkdir(parents=True)
    os.utime(out / "people/ana/index.html", ns=(10**18, 10**18))
    inode = out.stat().st_ino
    bench_run.restored_site(out)
    page = out / "people/ana/index.html"
    assert (page.read_text(), page.stat().st_mtime_ns) == ("Ana", 10**18)
    assert out.stat().st_ino != inode and not spare.exists()
    assert sorted(p.name for p in (tmp_path / "work/restored-aside").glob("*/*")) == ["site", "spare"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "work"]


def test_the_speed_probe_times_a_fixed_loop_in_new_interpreters_and_the_report_gives_both(monkeypatch):
    monkeypatch.setattr(bench_run, "SPEED_PROBE", "import sys\nprint(len(sys.argv) / 4)")  # 0.25
    assert bench_run.speed_probe(runs=3) == 0.25
    args = argparse.Namespace(sizes="1000", runs=1, tools="explainer", seed=1, profile_size=None, no_profile=True)
    text = bench_run.report([], args, {"explainer": "0.1.0"}, (0.4, 1.2), speeds=(0.62, 0.71))
    machine, speed = text.splitlines()[3:5]
    assert machine.endswith("load average 0.4 at the start, before the first build; 1.2 at the end, "
                            "the benchmark's own builds included")
    assert speed == ("- Speed: a fixed pure-Python loop (ten million additions, the median of 5 runs) took "
                     "0.62 s at the start and 0.71 s at the end (compare it with another results file's "
                     "before comparing their times)")
    assert "Speed:" not in bench_run.report([], args, {"explainer": "0.1.0"}, (0.4, 1.2))
