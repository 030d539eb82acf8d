"""The command line: `python build.py [build|check|serve] [options]`.

Exit status: 0 built (and, for `check`, no problems), 1 content errors or problems, 2 usage error. Content errors are printed one per line as
``path:line: error: message``; a Python traceback is never the answer to a writer's mistake.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from explainer.authoring import extract, scaffold
from explainer.build.pipeline import BuildOptions, BuildResult, build_site
from explainer.content.schema import base_url_problem
from explainer.core.errors import ContentError, Diagnostic, shown_path
from explainer.core.parallel import WorkerDiedError
from explainer.core.progress import Progress, ProgressLine
from explainer.core.warning_groups import (
    SHOWN_PER_KIND,
    forget_warnings,
    group_warnings,
    save_warnings,
    warnings_file,
)
from explainer.output.check import check_output
from explainer.output.writer import UnsafePathError
from explainer.produce.search import SearchError
from explainer.render.environment import TemplateError

COMMANDS = ("build", "check", "serve", "new", "extract")


def _add_build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", default="content", metavar="DIR",
                        help="the content folder (default: content); its parent is the site root")
    parser.add_argument("--out", default="site", metavar="DIR",
                        help="the output folder (default: site)")
    parser.add_argument("--base-url", metavar="URL",
                        help="where the site will be published, e.g. / or https://example.org/explainers/cecot/")
    parser.add_argument("--no-search", dest="search", action="store_false",
                        help="do not build the search index (Pagefind) or the search page")


def _add_jobs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", type=int, metavar="N",
                        help="worker processes for Markdown and rendering (default: one per core)")


def _add_report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quiet", action="store_true",
                        help="print only errors, warnings and problems: no progress, no notes, "
                             "nothing on standard output unless asked for")
    parser.add_argument("--all-warnings", action="store_true",
                        help=f"print every warning, not the first {SHOWN_PER_KIND} of each kind")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build a cross-linked explainer site from content/ (Markdown and YAML).",
        epilog="Without a command, 'build' is run. 'build.py COMMAND --help' explains a command.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="validate content/ and write the site (the default)",
                                description="Validate the content and write the site atomically.")
    _add_build_options(build)
    build.add_argument("--strict", action="store_true",
                       help="treat warnings (such as records nothing links to) as errors")
    _add_jobs_option(build)
    _add_report_options(build)
    build.add_argument("--timings", action="store_true", help="print how long each build stage took")
    check = commands.add_parser(
        "check", help="build, then check links, anchors, metadata and HTML validity of the output",
        description="Build the site, then check the output as a host would serve it: every internal "
                    "link, asset and anchor resolves, every page is valid HTML (v.Nu, needs Java) with "
                    "one <h1>, a lang, a title and a description, and images have alt text. "
                    "External links are counted, not fetched. Exits 1 on any problem.",
    )
    _add_build_options(check)
    _add_jobs_option(check)
    _add_report_options(check)
    check.add_argument("--list-external", action="store_true",
                       help="list every external link (they are counted, never fetched)")
    serve = commands.add_parser("serve", help="build, serve the site and rebuild it on every save",
                                description="Build the site, serve it for preview and rebuild the pages a "
                                            "save affects; the browser reloads by itself.")
    _add_build_options(serve)
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000; 0: any free port)")
    serve.add_argument("--open", action="store_true", help="open the site in a web browser")
    scaffold.add_command(commands)
    extract.add_command(commands)
    return parser


def _progress(args: argparse.Namespace) -> Progress:
    """A progress line on standard error when it is a terminal (and not --quiet), else nothing."""
    if args.quiet or not sys.stderr.isatty():
        return Progress()
    return ProgressLine(sys.stderr)


def _build(args: argparse.Namespace, progress: Progress, strict: bool = False) -> BuildResult | int:
    """Build as the arguments say; an exit status when the build did not succeed."""
    content = Path(args.content)
    if not content.is_dir():
        print(f"build.py: error: content folder not found: {content}", file=sys.stderr)
        return 2
    if args.base_url is not None and (problem := base_url_problem(args.base_url)):
        print(f"build.py: error: --base-url: {problem}", file=sys.stderr)
        return 2
    options = BuildOptions(content, Path(args.out), args.base_url, strict, search=args.search,
                           progress=progress)
    if args.jobs is not None:
        if args.jobs < 1:
            print("build.py: error: --jobs must be at least 1", file=sys.stderr)
            return 2
        options = replace(options, workers=args.jobs)

    def waiting(lock: Path) -> None:
        if not args.quiet:
            print(f"build.py: another build is writing {args.out}/; waiting for it to finish ({lock.name})",
                  file=sys.stderr, flush=True)

    try:
        try:
            result = build_site(options, on_wait=waiting)
        finally:
            progress.clear()
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        count = len(exc.diagnostics)
        print(
            f"build failed: {count} error{'s' if count != 1 else ''}; {args.out}/ was left unchanged",
            file=sys.stderr,
        )
        return 1
    except (TemplateError, UnsafePathError, SearchError, WorkerDiedError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"build failed; {args.out}/ was left unchanged", file=sys.stderr)
        return 1
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        print(f"error: cannot write the site: {exc.strerror or exc}{where}", file=sys.stderr)
        print(f"build failed; {args.out}/ was left unchanged", file=sys.stderr)
        return 1
    _print_warnings(result.warnings, Path(args.out), args.all_warnings)
    if not args.quiet:
        print(f"built {result.pages} pages into {args.out}/ in {result.seconds:.2f} s")
        for note in result.notes:
            print(f"note: {note}")
    return result


def _print_warnings(warnings: Sequence[Diagnostic], out: Path, all_warnings: bool) -> None:
    """The warnings, the first of each kind only when there are many (unless `all_warnings`);
    then, when some were left out, where all of them are."""
    groups = group_warnings(warnings, None if all_warnings else SHOWN_PER_KIND)
    for warning in groups.shown:
        print(warning, file=sys.stderr)
    for kind, more in groups.more.items():
        print(f'… and {more} more warning{"s" if more != 1 else ""} like "{kind}"', file=sys.stderr)
    path = warnings_file(out)
    if not groups.hidden:
        forget_warnings(path)
        return
    shown = shown_path(Path(os.path.abspath(path)))
    try:
        save_warnings(path, warnings)
    except OSError as exc:
        print(f"{groups.total} warnings, {groups.hidden} not shown (could not write them to {shown}: "
              f"{exc.strerror or exc}; --all-warnings prints them)", file=sys.stderr)
    else:
        print(f"{groups.total} warnings, {groups.hidden} not shown: all of them are in {shown} "
              "(--all-warnings prints them)", file=sys.stderr)


def run_build(args: argparse.Namespace) -> int:
    result = _build(args, _progress(args), args.strict)
    if isinstance(result, int):
        return result
    if args.timings:
        for stage, seconds in result.timings.items():
            print(f"  {stage:<10} {seconds:6.2f} s")
    return 0


def run_check(args: argparse.Namespace) -> int:
    progress = _progress(args)
    result = _build(args, progress)
    if isinstance(result, int):
        return result
    assert result.config is not None
    progress.stage("checking the built pages")
    try:
        report = check_output(Path(args.out), result.config)
    finally:
        progress.clear()
    for problem in report.problems:
        print(problem, file=sys.stderr)
    count, external = len(report.problems), len(report.external)
    hint = "" if args.list_external else "; --list-external lists them"
    if not args.quiet:
        for note in report.notes:
            print(f"note: {note}")
        print(f"checked {report.pages} pages: {count} problem{'s' if count != 1 else ''}; "
              f"{external} external link{'s' if external != 1 else ''} (not fetched{hint})")
    if args.list_external:
        for url, pages in sorted(report.external.items()):
            print(f"  {url}  ({len(pages)} page{'s' if len(pages) != 1 else ''})")
    return 1 if report.problems else 0


def run_serve(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if not content.is_dir():
        print(f"build.py: error: content folder not found: {content}", file=sys.stderr)
        return 2
    if not 0 <= args.port <= 65535:
        print(f"build.py: error: not a port number: {args.port}", file=sys.stderr)
        return 2
    from explainer.preview.server import serve  # the web server's imports are only needed here

    options = BuildOptions(content, Path(args.out), args.base_url, search=args.search)
    return serve(options, args.host, args.port, args.open)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")
    args = make_parser().parse_args(argv)
    handlers = {
        "build": run_build, "check": run_check, "serve": run_serve, "new": scaffold.run,
        "extract": extract.run,
    }
    return handlers[args.command](args)
