"""Edit-to-served latency of `build.py serve`, next to the time of a clean full build.

    python bench/serve_latency.py [--records 10000] [--edits 7] [--builds 3] [--sites default,synthetic]
                                  [--no-search]

For each site (the default story, and a synthetic site of `--records` records from
`bench/generate.py`), on a scratch copy under `bench/work/serve/`:

- full build: median wall time of `build.py build` into a fresh output folder (no build cache);
- the preview server is started, then one person's summary is edited `--edits` times, each saved
  the way editors save (temporary file, renamed); latency is the wall time from the save until
  the person's page, fetched over HTTP, shows the new text. Reported as the median, with the
  server's own rebuild time and the number of files each edit rewrote.

Prints a Markdown table. Nothing outside `bench/work/serve/` is modified.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work" / "serve"
sys.path.insert(0, str(REPO / "tests"))

from serverproc import ServerProcess  # noqa: E402  (the test suite's server harness)

POLL_SECONDS = 0.005
SETTLE_SECONDS = 0.3  # between edits, so each is its own burst of saves
BUILD_TIMEOUT = 1800.0


@dataclass
class Result:
    site: str
    records: int
    pages: int = 0
    full_builds: list[float] = field(default_factory=list)
    first_build: float = 0.0  # the server's own first build
    latencies: list[float] = field(default_factory=list)
    rebuilds: list[float] = field(default_factory=list)  # as the server reports them
    written: list[int] = field(default_factory=list)


def prepare_default() -> tuple[Path, str, int]:
    """A scratch copy of the default story; the record to edit; its record count."""
    root = WORK / "default"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "seeds", root / "seeds")
    records = sum(1 for p in (root / "content").rglob("*.yaml") if p.name != "site.yaml")
    return root, "marco-rubio", records


def prepare_synthetic(records: int) -> tuple[Path, str, int]:
    root = WORK / f"synthetic-{records}"
    if not (root / "content").is_dir():
        subprocess.run([sys.executable, str(BENCH / "generate.py"), "--records", str(records), "--out", str(root)],
                       check=True, stdout=subprocess.DEVNULL)
    people = sorted((root / "content" / "people").glob("*.yaml"))
    # From the middle of the list on, the first person with a summary to edit.
    person = next(p for p in people[len(people) // 2:] + people
                  if any(line.startswith("summary:") for line in p.read_text(encoding="utf-8").splitlines()))
    return root, person.stem, records


def full_build_seconds(root: Path, extra: list[str]) -> tuple[float, int]:
    """Wall time of one clean build into a fresh folder, and the number of HTML pages."""
    scratch = WORK / "builds"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--content", str(root / "content"),
                    "--out", str(scratch / "site"), *extra], check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    pages = sum(1 for _ in (scratch / "site").rglob("*.html"))
    shutil.rmtree(scratch, ignore_errors=True)
    return seconds, pages


def with_token(text: str, token: str) -> str:
    """The record's YAML with `token` put at the start of its summary."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if not line.startswith("summary:"):
            continue
        value = line[len("summary:"):].strip()
        if value in (">-", ">", "|", "|-", ">+", "|+"):
            body = lines[i + 1]
            indent = body[: len(body) - len(body.lstrip())]
            lines[i + 1] = f"{indent}{token} {body.lstrip()}"
        elif value[:1] in ("'", '"'):
            lines[i] = f"summary: {value[0]}{token} {value[1:]}\n"
        else:
            lines[i] = f"summary: {token} {value}\n"
        return "".join(lines)
    raise SystemExit("the record to edit has no summary")


def save(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def measure(name: str, root: Path, person: str, records: int, edits: int, builds: int, extra: list[str]) -> Result:
    result = Result(name, records)
    for _ in range(builds):
        seconds, result.pages = full_build_seconds(root, extra)
        result.full_builds.append(seconds)
    record = root / "content" / "people" / f"{person}.yaml"
    original = record.read_text(encoding="utf-8")
    out = WORK / f"{name}-preview"
    shutil.rmtree(out, ignore_errors=True)
    try:
        with ServerProcess(root, *extra, out=out) as server:
            status = server.status()
            result.first_build = status["last"]["seconds"]
            page = f"{status['base_path']}people/{person}/"
            for i in range(edits):
                token = f"latencyprobe{i}x{time.monotonic_ns()}"
                generation = server.status()["generation"]
                started = time.perf_counter()
                save(record, with_token(original, token))
                while token not in server.get(page).text:
                    time.sleep(POLL_SECONDS)
                result.latencies.append(time.perf_counter() - started)
                status = server.wait_for_build(generation, timeout=BUILD_TIMEOUT)
                assert status["ok"], status["errors"]
                result.rebuilds.append(status["last"]["seconds"])
                result.written.append(len(status["last"]["written"]))
                time.sleep(SETTLE_SECONDS)
    finally:
        record.write_text(original, encoding="utf-8")
    return result


def table(results: list[Result]) -> str:
    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:.0f} ms"

    rows = [
        "| site | records | pages | full build (median) | server's first build | edit → served (median, min–max) "
        "| rebuild as reported (median) | files written per edit |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        rows.append(
            f"| {r.site} | {r.records:,} | {r.pages:,} | {statistics.median(r.full_builds):.2f} s "
            f"| {r.first_build:.2f} s | {ms(r.latencies)} ({min(r.latencies) * 1000:.0f}–{max(r.latencies) * 1000:.0f} ms) "
            f"| {ms(r.rebuilds)} | {statistics.median(r.written):.0f} |"
        )
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000, help="records in the synthetic site")
    parser.add_argument("--edits", type=int, default=7, help="edits measured per site")
    parser.add_argument("--builds", type=int, default=3, help="clean full builds timed per site")
    parser.add_argument("--sites", default="default,synthetic", help="which sites: default, synthetic")
    parser.add_argument("--no-search", action="store_true", help="build and serve without the search index")
    args = parser.parse_args()
    results = []
    for name in args.sites.split(","):
        if name == "default":
            root, person, records = prepare_default()
        elif name == "synthetic":
            root, person, records = prepare_synthetic(args.records)
        else:
            parser.error(f"unknown site {name!r}")
        print(f"measuring {name} ({records:,} records); load average {os.getloadavg()[0]:.2f} ...",
              file=sys.stderr, flush=True)
        extra = ["--no-search"] if args.no_search else []
        results.append(measure(name, root, person, records, args.edits, args.builds, extra))
    print(table(results))
    # Other work on the machine slows everything above; the numbers mean little under load.
    print(f"\n{os.cpu_count()} cores; load average (1, 5, 15 min) at the end: "
          + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
