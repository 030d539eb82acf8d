"""The command line: `python build.py [build|...] [options]`.

Exit status: 0 built, 1 content errors, 2 usage error. Content errors are printed one per line as
``path:line: error: message``; a Python traceback is never the answer to a writer's mistake.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from . import extract, scaffold
from .errors import ContentError
from .output import UnsafePathError
from .pipeline import BuildOptions, build_site
from .render import TemplateError

COMMANDS = ("build", "serve", "new", "extract")


def _add_build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", default="content", metavar="DIR",
                        help="the content folder (default: content); its parent is the site root")
    parser.add_argument("--out", default="site", metavar="DIR",
                        help="the output folder (default: site)")
    parser.add_argument("--base-url", metavar="URL",
                        help="where the site will be published, e.g. / or https://example.org/explainers/cecot/")


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
    build.add_argument("--jobs", type=int, metavar="N",
                       help="worker processes for Markdown and rendering (default: one per core)")
    build.add_argument("--timings", action="store_true", help="print how long each build stage took")
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


def run_build(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if not content.is_dir():
        print(f"build.py: error: content folder not found: {content}", file=sys.stderr)
        return 2
    options = BuildOptions(content, Path(args.out), args.base_url, args.strict)
    if args.jobs is not None:
        if args.jobs < 1:
            print("build.py: error: --jobs must be at least 1", file=sys.stderr)
            return 2
        options = replace(options, workers=args.jobs)
    try:
        result = build_site(options)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        count = len(exc.diagnostics)
        print(
            f"build failed: {count} error{'s' if count != 1 else ''}; {args.out}/ was left unchanged",
            file=sys.stderr,
        )
        return 1
    except (TemplateError, UnsafePathError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"build failed; {args.out}/ was left unchanged", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: cannot write the site: {exc}", file=sys.stderr)
        print(f"build failed; {args.out}/ was left unchanged", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    print(f"built {result.pages} pages into {args.out}/ in {result.seconds:.2f} s")
    if args.timings:
        for stage, seconds in result.timings.items():
            print(f"  {stage:<10} {seconds:6.2f} s")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if not content.is_dir():
        print(f"build.py: error: content folder not found: {content}", file=sys.stderr)
        return 2
    if not 0 <= args.port <= 65535:
        print(f"build.py: error: not a port number: {args.port}", file=sys.stderr)
        return 2
    from .server import serve  # the web server's imports are only needed here

    return serve(BuildOptions(content, Path(args.out), args.base_url), args.host, args.port, args.open)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")
    args = make_parser().parse_args(argv)
    handlers = {"build": run_build, "serve": run_serve, "new": scaffold.run, "extract": extract.run}
    return handlers[args.command](args)
