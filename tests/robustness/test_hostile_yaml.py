"""Alias bombs, absurd nesting and oversized files are refused with one clear error, quickly.

Each build runs in a forked child with a cap on its address space and a timeout, so a regression
(libyaml's composer recursing 100,000 levels deep on the C stack, an alias expanded into
gigabytes) fails the test instead of crashing or exhausting the test run.
"""

from __future__ import annotations

import pytest

from explainer.content.loader import MAX_FILE_BYTES
from explainer.content.yamlsource import MAX_DEPTH, YamlError, load_yaml

from .helpers import check_diagnostics, isolated_build

SITE = "-- content/site.yaml --\ntitle: Hostile input\n"
MEMORY_LIMIT = 512 * 1024 * 1024  # extra address space the build may take

BILLION_LAUGHS = """\
name: Lol
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def errors_of(site_root, files: dict[str, str | bytes]) -> list[str]:
    root = site_root(SITE)
    for relative, data in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode())
    outcome = isolated_build(root, timeout=60, memory_limit=MEMORY_LIMIT)
    check_diagnostics(outcome)
    assert outcome.code == 1
    assert not (root / "site").exists()
    return outcome.lines[:-1]


def test_billion_laughs_is_refused(site_root):
    assert errors_of(site_root, {"content/people/lol.yaml": BILLION_LAUGHS}) == [
        "content/people/lol.yaml:2: error: YAML anchors and aliases (&name, *name) are not supported"
    ]


def test_billion_laughs_in_front_matter_is_refused(site_root):
    page = "---\ntitle: Lol\n" + BILLION_LAUGHS.replace("name: Lol\n", "") + "---\nBody.\n"
    assert errors_of(site_root, {"content/pages/lol.md": page}) == [
        "content/pages/lol.md:3: error: YAML anchors and aliases (&name, *name) are not supported"
    ]


@pytest.mark.parametrize("unit", ["[", "{", "{a: ", "- ", "? ", "[a, "])
def test_a_million_levels_of_nesting_on_one_line_are_refused(site_root, unit):
    # Without the pre-scan, libyaml's composer overflows the C stack here (a segfault), and its
    # scanner, quadratic in the depth of flow collections, would take hours to get there.
    assert errors_of(site_root, {"content/people/deep.yaml": "name: Deep\nx:\n  " + unit * 1_000_000}) == [
        f"content/people/deep.yaml:3: error: nesting deeper than {MAX_DEPTH} levels"
    ]


def test_deep_block_nesting_is_refused_at_the_line_where_it_passes_the_limit(site_root):
    lines = ["- id: deep", "  name: Deep", "  x:"]
    lines += [" " * (2 * level + 4) + "y:" for level in range(2000)]
    assert errors_of(site_root, {"content/people.yaml": "\n".join(lines) + " end\n"}) == [
        f"content/people.yaml:{2 + MAX_DEPTH}: error: nesting deeper than {MAX_DEPTH} levels"
    ]


@pytest.mark.parametrize("padding", ["", "# " + "x" * 2000 + "\n"], ids=["parsed", "pre-scanned"])
def test_the_limit_is_the_same_with_and_without_the_pre_scan(padding):
    # A long line makes the cheap bound exceed the point where the pre-scan runs.
    data = load_yaml(padding + "x: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH)
    levels, value = 0, data["x"]
    while isinstance(value, list):
        levels += 1
        value = value[0] if value else None
    assert levels == MAX_DEPTH
    for too_deep in ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "[" * MAX_DEPTH + "a" + "]" * MAX_DEPTH):
        with pytest.raises(YamlError) as info:
            load_yaml(padding + "x:\n " + too_deep)
        line = padding.count("\n") + 2
        assert (info.value.problem.line, info.value.problem.message) == (
            line, f"nesting deeper than {MAX_DEPTH} levels"
        )


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(site_root):
    huge = b"name: Big\nsummary: " + b"x" * (MAX_FILE_BYTES - 19) + b"\n"
    assert len(huge) == MAX_FILE_BYTES + 1
    assert errors_of(site_root, {"content/people/big.yaml": huge}) == [
        f"content/people/big.yaml:1: error: file is {MAX_FILE_BYTES + 1:,} bytes; "
        f"the limit is {MAX_FILE_BYTES:,} bytes"
    ]


def test_a_seed_document_over_the_size_limit_is_refused(site_root):
    files = {
        "content/sources.yaml": "- id: big\n  title: Big\n  file: seeds/big.txt\n",
        "seeds/big.txt": b"word " * (MAX_FILE_BYTES // 5 + 1),
    }
    size = len(files["seeds/big.txt"])
    assert errors_of(site_root, files) == [
        f"seeds/big.txt:1: error: file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes"
    ]


def test_a_file_just_under_the_size_limit_is_read(site_root):
    root = site_root(SITE)
    body = b"x" * (MAX_FILE_BYTES - 100)
    (root / "content/pages").mkdir(parents=True)
    (root / "content/pages/big.md").write_bytes(b"---\ntitle: Big\n---\n" + body[: MAX_FILE_BYTES - 100 - 20])
    outcome = isolated_build(root, timeout=120, memory_limit=2 * MEMORY_LIMIT)
    check_diagnostics(outcome)
    assert outcome.code == 0, outcome.err
    assert (root / "site/pages/big/index.html").stat().st_size > MAX_FILE_BYTES // 2


def test_a_list_file_of_100000_broken_items_reports_each_once(site_root):
    # Each error resolved the file's path again: 500,000 bad items took a minute.
    root = site_root(SITE)
    (root / "content/places.yaml").write_text("- x\n" * 100_000)
    outcome = isolated_build(root, timeout=120)
    check_diagnostics(outcome)
    lines = outcome.lines
    assert len(lines) == 100_001
    assert lines[0] == "content/places.yaml:1: error: each item must be a mapping of fields with an 'id'"
    assert lines[-2] == "content/places.yaml:100000: error: each item must be a mapping of fields with an 'id'"
    assert lines[-1] == f"build failed: 100000 errors; {root / 'site'}/ was left unchanged"
