"""The command line: `python build.py [build|check|serve|new|extract|schema] [options]`.

Exit status: 0 built (and, for `check`, no problems), 1 content errors or problems, 2 usage error. Content errors are printed one per line as
``path:line: error: message``; a Python traceback is never the answer to a writer's mistake.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from explainer.build.command import build_site
from explainer.build.result import BuildResult
from explainer.content.url_settings import base_url_problem, edit_url_problem, with_slash
from explainer.core.errors import ContentError, Diagnostic, shown_path
from explainer.core.failures import SearchError, TemplateError
from explainer.core.options import BuildOptions
from explainer.core.parallel import WorkerDiedError
from explainer.core.progress import Progress, ProgressLine
from explainer.core.warning_groups import (
    SHOWN_PER_KIND,
    forget_warnings,
    group_warnings,
    save_warnings,
    warnings_file,
)
from explainer.output.writer import UnsafePathError

COMMANDS = ("build", "check", "serve", "new", "extract", "schema")
# The commands written by the authoring tools, whose modules (and their imports) are loaded only
# when one of them runs or the whole command line's help is asked for: not on every build (nor
# is the content contract, which only `schema` needs).
AUTHORING_COMMANDS = ("new", "extract")

# What the builds of a process that ends as soon as `main` returns made (`BuildResult.made`),
# left to the process's end (`build.py` ends it with `os._exit`) rather than freed one by one.
_left_to_exit: list[object] = []


def _add_build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", default="content", metavar="DIR",
                        help="the content folder (default: content); its parent is the site root")
    parser.add_argument("--out", default="site", metavar="DIR",
                        help="the output folder (default: site)")
    parser.add_argument("--base-url", metavar="URL",
                        help="where the site will be published, e.g. / or https://example.org/explainers/cecot/")
    parser.add_argument("--edit-url", metavar="URL",
                        help="put an 'Edit this page' link on every page made from a content file: this "
                             "address followed by the file's path, e.g. https://github.com/org/repo/edit/main/")
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


def make_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given the `command` that runs, without the authoring commands'
    options unless it is one of them."""
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
                    "External links are counted, not fetched. Exits 1 on any problem. With "
                    "--content-only, only the content is checked, as the build checks it, and "
                    "nothing is built.",
    )
    _add_build_options(check)
    _add_jobs_option(check)
    _add_report_options(check)
    check.add_argument("--list-external", action="store_true",
                       help="list every external link (they are counted, never fetched)")
    check.add_argument("--translations", action="store_true",
                       help="list, for each of the site's other languages, what has no translation "
                            "yet (nothing is built; exits 0 unless the content has errors)")
    check.add_argument("--content-only", action="store_true",
                       help="only check the content, as the build does, without building anything "
                            "(fast enough to run on every save)")
    serve = commands.add_parser("serve", help="build, serve the site and rebuild it on every save",
                                description="Build the site, serve it for preview and rebuild the pages a "
                                            "save affects; the browser reloads by itself.")
    _add_build_options(serve)
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000; 0: any free port)")
    serve.add_argument("--open", action="store_true", help="open the site in a web browser")
    serve.add_argument("--editor", metavar="EDITOR",
                       help="make the paths of content files on the preview's pages open in your editor: "
                            "vscode, vscodium, idea, sublime, or a URL template with {path} and {line}, "
                            "e.g. 'myeditor://open?file={path}&line={line}' (default: paths are copied)")
    if command is None or command in AUTHORING_COMMANDS:
        from explainer.authoring import extract, scaffold

        scaffold.add_command(commands)
        extract.add_command(commands)
    if command is None or command == "schema":
        _add_schema_command(commands)
    return parser


def _add_schema_command(commands: argparse._SubParsersAction) -> None:
    from explainer.content.json_schemas import FOLDER  # (the content contract: only for `schema`)

    schema = commands.add_parser(
        "schema", help="write the JSON Schemas editors check content files against",
        description="Write one JSON Schema per kind of content file (a record, a list of records, "
                    "site.yaml, front matter) for editors that check YAML as you type.",
    )
    schema.add_argument("--content", default="content", metavar="DIR",
                        help="the content folder (default: content); its parent is the site root")
    schema.add_argument("--out", metavar="DIR", help=f"where to write them (default: {FOLDER}/ in the site root)")


def _progress(args: argparse.Namespace) -> Progress:
    """A progress line on standard error when it is a terminal (and not --quiet), else nothing."""
    if getattr(args, "quiet", False) or not sys.stderr.isatty():
        return Progress()
    return ProgressLine(sys.stderr)


def _build_options(
    args: argparse.Namespace, strict: bool = False, progress: Progress | None = None,
) -> BuildOptions | int:
    """The options the arguments ask for, or the exit status of a usage error (printed)."""
    content = Path(args.content)
    if not content.is_dir():
        print(f"build.py: error: content folder not found: {content}", file=sys.stderr)
        return 2
    if args.base_url is not None and (problem := base_url_problem(args.base_url)):
        print(f"build.py: error: --base-url: {problem}", file=sys.stderr)
        return 2
    if args.edit_url is not None and (problem := edit_url_problem(args.edit_url)):
        print(f"build.py: error: --edit-url: {problem}", file=sys.stderr)
        return 2
    edit_url = with_slash(args.edit_url) if args.edit_url is not None else None
    options = BuildOptions(content, Path(args.out), args.base_url, strict, search=args.search, edit_url=edit_url,
                           progress=progress or Progress())
    jobs = getattr(args, "jobs", None)
    if jobs is not None:
        if jobs < 1:
            print("build.py: error: --jobs must be at least 1", file=sys.stderr)
            return 2
        options = replace(options, workers=jobs)
    return options


def _build(args: argparse.Namespace, progress: Progress, strict: bool = False) -> BuildResult | int:
    """Build as the arguments say; an exit status when the build did not succeed."""
    options = _build_options(args, strict, progress)
    if isinstance(options, int):
        return options

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
    if args.exiting:
        _left_to_exit.append(result.made)
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
    if args.exiting:
        # The build runs with the cyclic collector paused (`collector_paused`); turned on again once it
        # is over, the collector would traverse every object the build made in one go, for nothing
        # when the process ends right after: a fifth of a one-record rebuild at 10,000 records.
        gc.disable()
    result = _build(args, _progress(args), args.strict)
    if isinstance(result, int):
        return result
    if args.timings:
        for stage, seconds in result.timings.items():
            print(f"  {stage:<10} {seconds:6.2f} s")
    return 0


def run_check(args: argparse.Namespace) -> int:
    if args.translations:
        return run_translation_check(args)
    if args.content_only:
        return run_content_check(args)
    progress = _progress(args)
    result = _build(args, progress)
    if isinstance(result, int):
        return result
    assert result.config is not None
    progress.stage("checking the built pages")
    from explainer.output.check import check_output  # (only `check` reads the output back)

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


def run_content_check(args: argparse.Namespace) -> int:
    """`check --content-only`: the build's messages about the content, and nothing built."""
    options = _build_options(args)
    if isinstance(options, int):
        return options
    from explainer.authoring.content_check import check_content

    try:
        result = check_content(options)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        count = len(exc.diagnostics)
        print(f"content check failed: {count} error{'s' if count != 1 else ''}", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    count = len(result.warnings)
    print(f"content checked: {result.entities} records, articles and pages; no errors, "
          f"{count} warning{'s' if count != 1 else ''}")
    return 0


def run_translation_check(args: argparse.Namespace) -> int:
    """`check --translations`: what each other language lacks; nothing built."""
    options = _build_options(args)
    if isinstance(options, int):
        return options
    from explainer.authoring.translation_report import translation_report

    try:
        report = translation_report(options)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    for line in report.lines():
        print(line)
    return 0


def run_serve(args: argparse.Namespace) -> int:
    options = _build_options(args)
    if isinstance(options, int):
        return options
    if not 0 <= args.port <= 65535:
        print(f"build.py: error: not a port number: {args.port}", file=sys.stderr)
        return 2
    from explainer.preview.editor import editor_from_option

    editor = None
    if args.editor is not None:
        try:
            editor = editor_from_option(args.editor)
        except ValueError as exc:
            print(f"build.py: error: --editor: {exc}", file=sys.stderr)
            return 2
    from explainer.preview.server import serve  # the web server's imports are only needed here

    return serve(options, args.host, args.port, args.open, editor)


def run_schema(args: argparse.Namespace) -> int:
    """`schema`: write the JSON Schemas of the content contract."""
    content = Path(args.content)
    if not content.is_dir():
        print(f"build.py: error: content folder not found: {content}", file=sys.stderr)
        return 2
    from explainer.content.json_schemas import FOLDER, write_schemas

    folder = Path(args.out) if args.out else Path(os.path.abspath(content)).parent / FOLDER

    try:
        written, changed = write_schemas(folder)
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        print(f"error: cannot write the schemas: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} JSON Schemas into {shown_path(Path(os.path.abspath(folder)))}/ "
          f"({len(changed)} changed)")
    return 0


def main(argv: list[str] | None = None, exiting: bool = False) -> int:
    """Run the command `argv` names; its exit status. `exiting`: the process ends as soon as this
    returns, without freeing what it made (`build.py`)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")
    args = make_parser(argv[0] if argv[0] in COMMANDS else None).parse_args(argv)
    args.exiting = exiting  # (not an option: how the process ends)
    handlers = {"build": run_build, "check": run_check, "serve": run_serve, "schema": run_schema}
    if args.command in AUTHORING_COMMANDS:
        from explainer.authoring import extract, scaffold

        return (scaffold.run if args.command == "new" else extract.run)(args)
    return handlers[args.command](args)
