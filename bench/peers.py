"""The same Markdown pages for Hugo, MkDocs and Pelican, laid out from a generated site.

This module owns the peer projects: `python bench/peers.py --site SITE --out DIR` reads a site root
made by `generate.py` and writes DIR/hugo, DIR/mkdocs and DIR/pelican, each a minimal project
that renders the same Markdown pages:

- one page per article and per page (`# title`, the dek in italics, the body);
- one page per record of the collections that get their own page in our site (`# name`, the
  summary or definition, a few field lines, the aliases);
- one page listing all events (our timeline) and one listing all quotes, as our site has;
- one index page per collection (a list of links) and a home page.

`[[id]]` and `[[id|text]]` links become ordinary Markdown links to root-relative URLs
(`/people/jose-nunez/`), which every tool passes through unchanged. The peers do not link plain-text
mentions, verify quotes or compute backlinks: they render Markdown into a bare page template.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

COLLECTIONS = ("people", "institutions", "places", "agreements", "events", "glossary", "quotes",
               "sources")
# Collections our site shows on one page each instead of a page per record.
ONE_PAGE = {"events": "timeline", "quotes": "quotes"}
TOOLS = ("hugo", "mkdocs", "pelican")
LINK = re.compile(r"\[\[([a-z0-9-]+)(?:\|([^\]]*))?\]\]")


@dataclass
class Page:
    """One Markdown page: where it is served (`people/jose-nunez`, "" for home), title, body."""

    path: str
    title: str
    body: str


# --- Reading the generated site -------------------------------------------------------------

def load_site(root: Path) -> tuple[dict, dict[str, dict[str, dict]], list[tuple[str, str, dict, str]]]:
    """(site.yaml, records by collection then id, [(kind, id, front matter, body)])."""
    content = root / "content"
    settings = yaml.load((content / "site.yaml").read_text(encoding="utf-8"), Loader=Loader)
    records: dict[str, dict[str, dict]] = {name: {} for name in COLLECTIONS}
    for name in COLLECTIONS:
        folder, single = content / name, content / f"{name}.yaml"
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                records[name][path.stem] = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
        if single.is_file():
            for item in yaml.load(single.read_text(encoding="utf-8"), Loader=Loader) or []:
                records[name][item.pop("id")] = item
    documents = []
    for kind in ("articles", "pages"):
        for path in sorted((content / kind).glob("*.md")):
            _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
            documents.append((kind, path.stem, yaml.load(front, Loader=Loader), body.strip()))
    return settings, records, documents


def display_name(collection: str, fields: dict) -> str:
    if collection == "quotes":
        return fields["text"][:60]
    return str(fields.get("name") or fields.get("title") or fields.get("term"))


# --- Building the pages ---------------------------------------------------------------------

class Linker:
    """Turns ids into Markdown links: `[Name](/people/id/)` or `[Title](/timeline/#id)`."""

    def __init__(self, records: dict[str, dict[str, dict]]) -> None:
        self.targets: dict[str, tuple[str, str]] = {}  # id -> (url, display name)
        for collection, items in records.items():
            for record_id, fields in items.items():
                if collection in ONE_PAGE:
                    url = f"/{ONE_PAGE[collection]}/#{record_id}"
                else:
                    url = f"/{collection}/{record_id}/"
                self.targets[record_id] = (url, display_name(collection, fields))

    def add_document(self, kind: str, doc_id: str, title: str) -> None:
        self.targets[doc_id] = (f"/{kind}/{doc_id}/", title)

    def link(self, ref: str, text: str | None = None) -> str:
        url, name = self.targets[ref]
        return f"[{text or name}]({url})"

    def markdown(self, text: str) -> str:
        """`text` with every `[[id]]` / `[[id|text]]` replaced by a Markdown link."""
        return LINK.sub(lambda m: self.link(m.group(1), m.group(2)), text)

    def refs(self, refs: list[str] | str) -> str:
        return ", ".join(self.link(r) for r in ([refs] if isinstance(refs, str) else refs))


def alias_list(fields: dict) -> str:
    return ", ".join(a["text"] if isinstance(a, dict) else a for a in fields.get("aliases", []))


def field_lines(collection: str, fields: dict, linker: Linker) -> list[str]:
    """A few `- **Label:** value` lines, per collection."""
    lines = []
    for key in ("kind", "status", "date", "end", "founded", "publisher", "abbreviation",
                "short_name"):
        if key in fields:
            lines.append(f"- **{key.replace('_', ' ').capitalize()}:** {fields[key]}")
    for key in ("country", "within", "parent", "place", "parties", "signatories", "participants",
                "see_also", "speaker", "source", "reported_by", "related", "sources"):
        if key in fields:
            lines.append(f"- **{key.replace('_', ' ').capitalize()}:** {linker.refs(fields[key])}")
    for role in fields.get("roles", []):
        org = f" at {linker.link(role['organization'])}" if "organization" in role else ""
        lines.append(f"- **Role:** {role['title']}{org}")
    for label, value in fields.get("facts", {}).items():
        lines.append(f"- **{label}:** {value}")
    for term in fields.get("terms", []):
        lines.append(f"- **Term:** {linker.markdown(term)}")
    if "aliases" in fields:
        lines.append(f"- **Also known as:** {alias_list(fields)}")
    return lines


def record_body(collection: str, record_id: str, fields: dict, linker: Linker, level: int) -> str:
    """A record as Markdown: heading at `level`, summary or definition, field lines."""
    heading = "#" * level
    title = display_name(collection, fields)
    if collection == "quotes":
        parts = [f"{heading} {title}", f"> {fields['text']}"]
    else:
        parts = [f"{heading} {title}"]
    for key in ("summary", "definition", "context"):
        if key in fields:
            parts.append(linker.markdown(fields[key]))
    parts.append("\n".join(field_lines(collection, fields, linker)))
    return "\n\n".join(parts)


def build_pages(root: Path) -> tuple[dict, list[Page]]:
    """Every page our site renders, as Markdown."""
    settings, records, documents = load_site(root)
    linker = Linker(records)
    for kind, doc_id, front, _ in documents:
        linker.add_document(kind, doc_id, front["title"])
    pages = []
    for kind, doc_id, front, body in documents:
        dek = f"*{front['dek']}*\n\n" if front.get("dek") else ""
        pages.append(Page(f"{kind}/{doc_id}", front["title"],
                          f"# {front['title']}\n\n{dek}{linker.markdown(body)}"))
    for collection, items in records.items():
        if collection in ONE_PAGE:
            title = ONE_PAGE[collection].capitalize()
            sections = [record_body(collection, rid, f, linker, 2) for rid, f in items.items()]
            pages.append(Page(ONE_PAGE[collection], title, f"# {title}\n\n" + "\n\n".join(sections)))
            continue
        for record_id, fields in items.items():
            pages.append(Page(f"{collection}/{record_id}", display_name(collection, fields),
                              record_body(collection, record_id, fields, linker, 1)))
        listing = "\n".join(f"- {linker.link(record_id)}" for record_id in items)
        pages.append(Page(collection, collection.capitalize(),
                          f"# {collection.capitalize()}\n\n{listing}"))
    home = [f"# {settings['title']}", settings.get("description", "")]
    home += [f"- [{c.capitalize()}](/{ONE_PAGE.get(c, c)}/)" for c in COLLECTIONS]
    pages.append(Page("", settings["title"], "\n\n".join(home)))
    return settings, pages


# --- Writing the three projects -------------------------------------------------------------

HUGO_BASEOF = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_MAIN = '{{ define "main" }}{{ .Content }}{{ end }}\n'
MKDOCS_MAIN = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ page.title }} · {{ config.site_name }}</title></head>
<body><main>{{ page.content }}</main></body></html>
"""
PELICAN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ page.title }} · {{ SITENAME }}</title></head>
<body><main>{{ page.content }}</main></body></html>
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_hugo(out: Path, title: str, pages: list[Page]) -> None:
    """content/<path>.md, or <path>/_index.md for the home and collection index pages."""
    write(out / "hugo.toml", "\n".join((
        'baseURL = "/"', f"title = {quoted(title)}", 'languageCode = "en"',
        'disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]', "")))
    for name, text in (("baseof", HUGO_BASEOF), ("single", HUGO_MAIN), ("list", HUGO_MAIN)):
        write(out / "layouts" / "_default" / f"{name}.html", text)
    sections = {page.path.split("/")[0] for page in pages if "/" in page.path}
    for page in pages:
        if page.path == "" or page.path in sections:
            path = out / "content" / page.path / "_index.md"
        else:
            path = out / "content" / f"{page.path}.md"
        write(path, f"---\ntitle: {quoted(page.title)}\n---\n\n{page.body}\n")


def write_mkdocs(out: Path, title: str, pages: list[Page]) -> None:
    """docs/<path>.md, or <path>/index.md for the home and collection index pages."""
    write(out / "mkdocs.yml", "\n".join((
        f"site_name: {quoted(title)}", "docs_dir: docs", "use_directory_urls: true",
        "theme:", "  name: null", "  custom_dir: theme", "plugins: []", "")))
    write(out / "theme" / "main.html", MKDOCS_MAIN)
    sections = {page.path.split("/")[0] for page in pages if "/" in page.path}
    for page in pages:
        if page.path == "" or page.path in sections:
            path = out / "docs" / page.path / "index.md"
        else:
            path = out / "docs" / f"{page.path}.md"
        write(path, f"{page.body}\n")


def write_pelican(out: Path, title: str, pages: list[Page]) -> None:
    """Everything as Pelican pages, each saved at its own path with `Save_as` and `URL`."""
    write(out / "pelicanconf.py", "\n".join((
        f"SITENAME = {quoted(title)}", 'SITEURL = ""', 'PATH = "content"', 'TIMEZONE = "UTC"',
        'DEFAULT_LANG = "en"', "ARTICLE_PATHS = []", 'PAGE_PATHS = [""]', "DIRECT_TEMPLATES = []",
        'THEME = "theme"', "THEME_STATIC_PATHS = []", "STATIC_PATHS = []",
        "FEED_ALL_ATOM = None", "FEED_ALL_RSS = None", "CATEGORY_FEED_ATOM = None",
        "TRANSLATION_FEED_ATOM = None", "AUTHOR_FEED_ATOM = None", "AUTHOR_FEED_RSS = None",
        "CACHE_CONTENT = False", "LOAD_CONTENT_CACHE = False", "")))
    write(out / "theme" / "templates" / "page.html", PELICAN_PAGE)
    for page in pages:
        source = (page.path or "home").replace("/", "--")
        save_as = f"{page.path}/index.html" if page.path else "index.html"
        header = f"Title: {page.title}\nSave_as: {save_as}\nURL: {page.path}/\n\n"
        write(out / "content" / f"{source}.md", header + page.body + "\n")


WRITERS = {"hugo": write_hugo, "mkdocs": write_mkdocs, "pelican": write_pelican}


def lay_out(site: Path, out: Path, tools: tuple[str, ...] = TOOLS) -> int:
    """Write a project per tool under `out` (replacing any there); returns the number of pages."""
    settings, pages = build_pages(site)
    for tool in tools:
        shutil.rmtree(out / tool, ignore_errors=True)
        WRITERS[tool](out / tool, settings["title"], pages)
    return len(pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="a site root from generate.py")
    parser.add_argument("--out", type=Path, required=True, help="folder for the peer projects")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of "
                        + ", ".join(TOOLS))
    args = parser.parse_args(argv)
    tools = tuple(t for t in args.tools.split(",") if t)
    unknown = [t for t in tools if t not in WRITERS]
    if unknown:
        parser.error(f"unknown tools: {', '.join(unknown)}")
    count = lay_out(args.site, args.out, tools)
    print(f"wrote {count} Markdown pages for each of {', '.join(tools)} under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
