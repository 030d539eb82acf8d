"""Property: no content file, however broken, makes a build crash, hang or print a traceback.

Each example copies the fixture site (every collection in both forms, articles, pages, a seed
document), breaks one or two of its files in random ways and builds it in a forked child: the
build must end with status 0 or 1 and print nothing but ``path:line: error|warning: ...`` lines
and the final summary.

The run is deterministic (derandomized, no example database) and bounded: EXAMPLES examples per
kind of file (default 30). For a long run, set ``EXPLAINER_FUZZ_EXAMPLES=5000`` (see
docs/limits.md).
"""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.content.schema import COMMON, DOCUMENT_FIELDS, FIELDS, SITE_FIELDS

from .helpers import check_diagnostics, isolated_build

FULL = Path(__file__).resolve().parents[1] / "sites" / "full"
EXAMPLES = int(os.environ.get("EXPLAINER_FUZZ_EXAMPLES", "30"))
TIMEOUT = float(os.environ.get("EXPLAINER_FUZZ_TIMEOUT", "120"))  # a hang guard, not a speed test

# The files of each kind in the fixture site.
KINDS = {
    "record-file": sorted(p.relative_to(FULL).as_posix() for p in FULL.glob("content/*/*.yaml")),
    "list-file": sorted(p.relative_to(FULL).as_posix() for p in FULL.glob("content/*.yaml")
                        if p.name != "site.yaml"),
    "front-matter-and-body": sorted(p.relative_to(FULL).as_posix() for p in FULL.glob("content/*/*.md")),
    "site-yaml": ["content/site.yaml"],
    "seed": sorted(p.relative_to(FULL).as_posix() for p in FULL.glob("seeds/*")),
}

INVALID_UTF8 = [b"\xff", b"\xfe\xfe", b"\xc3(", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80"]
MARKDOWN_SOUP = "[]()*_`#>-|!<>&;:=\\\"' \n\t.xé[[a]][[|]]<b><script>![x](javascript:1)```~~~"
FIELD_NAMES = sorted({*COMMON, *DOCUMENT_FIELDS, *SITE_FIELDS, *(k for f in FIELDS.values() for k in f), "id"})

scalars = (
    st.none() | st.booleans() | st.integers() | st.floats()
    | st.text(max_size=30) | st.dates(min_value=datetime.date(1, 1, 1))
    | st.sampled_from(["2025-13-45", "[[nobody]]", "[[a|b]]", "0000", "-1", "https://", "javascript:x",
                       "../../etc/passwd", "seeds/../content/site.yaml", "/etc/passwd", "~", "", " ",
                       "in-force", "first-per-page", "\u0301", "A\u030a"])
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10) | st.integers(),
                                                                inner, max_size=4),
    max_leaves=12,
)


def nested(depth: int, style: str) -> object:
    value: object = "x"
    for _ in range(depth):
        value = [value] if style == "list" else {"a": value}
    return value


@st.composite
def byte_edit(draw, data: bytes) -> bytes:
    """One random edit of the raw bytes of a file."""
    at = draw(st.integers(0, len(data)))
    kind = draw(st.sampled_from(
        ["bytes", "truncate", "invalid-utf8", "nul", "line-endings", "bom", "nesting", "nested-list", "huge",
         "text", "markdown", "empty", "repeat"]
    ))
    if kind == "bytes":
        end = draw(st.integers(at, min(len(data), at + 64)))
        return data[:at] + draw(st.binary(max_size=64)) + data[end:]
    if kind == "truncate":
        return data[:at]
    if kind == "invalid-utf8":
        return data[:at] + draw(st.sampled_from(INVALID_UTF8)) + data[at:]
    if kind == "nul":
        return data[:at] + b"\x00" + data[at:]
    if kind == "line-endings":
        endings = draw(st.lists(st.sampled_from([b"\n", b"\r\n", b"\r", b"\n\r"]), min_size=1, max_size=8))
        parts = data.split(b"\n")
        return b"".join(part + endings[i % len(endings)] for i, part in enumerate(parts[:-1])) + parts[-1]
    if kind == "bom":
        return data[:at] + "\ufeff".encode() + data[at:] if draw(st.booleans()) else b"\xef\xbb\xbf" + data
    if kind == "nesting":
        unit = draw(st.sampled_from([
            b"[", b"{", b"{a: ", b"- ", b"? ", b"[a, ", b"  - ",  # YAML
            b"1. ", b"> ", b"[[", b"![", b"[a](", b"<a ", b"&amp;", b"*a* ", b"`",  # Markdown
        ]))
        count = draw(st.sampled_from([2, 41, 1000, 100_000]))
        return data[:at] + unit * count + data[at:]
    if kind == "nested-list":
        levels = draw(st.sampled_from([39, 41, 300]))
        return data[:at] + "".join("    " * n + "- x\n" for n in range(levels)).encode() + data[at:]
    if kind == "huge":
        size = draw(st.sampled_from([10_000, 300_000, 1_000_000]))
        unit = draw(st.sampled_from([b"x", b"word ", b"[[a]] ", b"\xc3\xa9", b"*", b"\n", b"- x\n"]))
        return data[:at] + unit * (size // len(unit)) + data[at:]
    if kind == "text":
        text = draw(st.text(max_size=40))
        return data[:at] + text.encode("utf-8", "surrogatepass") + data[at:]
    if kind == "markdown":
        text = draw(st.text(alphabet=MARKDOWN_SOUP, max_size=80))
        return data[:at] + text.encode() + data[at:]
    if kind == "empty":
        return b""
    return data * draw(st.integers(2, 50))  # "repeat": duplicate keys and ids


def _mutate_mapping(draw, mapping: dict) -> None:
    operation = draw(st.sampled_from(["set", "delete", "add"]))
    keys = list(mapping)
    if operation == "delete" and keys:
        del mapping[draw(st.sampled_from(keys))]
        return
    if operation == "set" and keys:
        key = draw(st.sampled_from(keys))
    else:
        key = draw(st.sampled_from(FIELD_NAMES) | st.text(max_size=12))
    mapping[key] = draw(
        values
        | st.integers(0, 60).map(lambda d: nested(d, "list"))
        | st.integers(0, 60).map(lambda d: nested(d, "map"))
        | st.sampled_from([10_000, 500_000]).map(lambda n: "é" * n)
    )


@st.composite
def structured_edit(draw, data: bytes, markdown: bool) -> bytes:
    """Give a field of the YAML (or front matter) a value of a random, usually wrong, type."""
    text = data.decode("utf-8")
    body = ""
    if markdown:
        _, front, body = text.split("---\n", 2)
        text = front
    document = yaml.safe_load(text)
    if isinstance(document, list):
        items = [item for item in document if isinstance(item, dict)]
        if not items or draw(st.booleans()):
            document[draw(st.integers(0, max(len(document) - 1, 0)))] = draw(values) if document else None
        else:
            _mutate_mapping(draw, draw(st.sampled_from(items)))
    elif isinstance(document, dict):
        _mutate_mapping(draw, document)
    else:
        document = draw(values)
    dumped = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    if markdown:
        return f"---\n{dumped}---\n{body}".encode()
    return dumped.encode()


def fuzz_site(data, kind: str) -> None:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        root = Path(folder) / "site-root"
        shutil.copytree(FULL, root)
        targets = data.draw(st.lists(st.sampled_from(KINDS[kind]), min_size=1, max_size=2, unique=True))
        for relative in targets:
            path = root / relative
            original = path.read_bytes()
            structured = kind != "seed" and data.draw(st.booleans(), label="structured")
            if structured:
                mutated = data.draw(structured_edit(original, markdown=relative.endswith(".md")))
            else:
                mutated = original
            for _ in range(data.draw(st.integers(1, 3), label="edits")):
                mutated = data.draw(byte_edit(mutated))
            path.write_bytes(mutated)
            if data.draw(st.integers(0, 9), label="rename") == 0:
                # No ':' in the name: a path holding one is shown as it is, as compilers do, and
                # then a line cannot be split on the first ':' as this test does.
                name = data.draw(st.text(
                    st.characters(blacklist_characters="/:\x00", blacklist_categories=("Cs",)),
                    min_size=1, max_size=60,
                ).filter(lambda n: n not in (".", "..")))
                path.rename(path.with_name(name + path.suffix * data.draw(st.booleans())))
        # The search index is Pagefind's work on the finished pages, not the content's.
        outcome = isolated_build(root, "--no-search", timeout=TIMEOUT)
        check_diagnostics(outcome)
        site = root / "site"
        if outcome.code == 1:
            assert not site.exists(), "a failed build wrote the site"
        else:
            assert (site / "index.html").is_file()


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(KINDS))
@FUZZ_SETTINGS
@given(data=st.data())
def test_a_broken_content_file_never_crashes_the_build(kind, data):
    fuzz_site(data, kind)
