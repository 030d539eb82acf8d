"""Markdown for explainers: our Python-Markdown set-up and its extensions.

- `[[id]]` and `[[id|text]]` link a record (`WikiLinkExtension`); unknown ids are reported with
  the line they are on.
- Raw HTML is shown as text unless the site opts in with `allow_html` (Hugo's safe default), and
  `javascript:`-style links are dropped.
- Every link to a record is collected with the sentence around it, for backlinks.
- Converted once, the HTML may be shown on several pages: on its own record's page, a link to that
  record is shown in bold instead (`unlink_self`).
- Headings get ids (Python-Markdown's `toc` extension), for tables of contents (see `toc`); the
  heading's letters are spelt in ASCII as in record ids (`heading_anchor`).
Mention linking and glossary marking are an extension of their own (`mentions.MentionExtension`),
passed to `MarkdownRenderer` with any others. Our extensions follow Python-Markdown's conventions:
each registers its processors in `extendMarkdown` under a name and a priority, and one that keeps
state for a document clears it in `reset`, which `Markdown.reset` calls before each document.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree  # noqa: N813 - the name Python-Markdown uses
from collections.abc import Sequence
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension, slugify
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from explainer.content.ids import transliterate
from explainer.content.model import Entity
from explainer.content.parts import Markdown
from explainer.core.errors import Reporter, did_you_mean
from explainer.markup.restraint import find_words
from explainer.site.index import SiteIndex

WIKI_LINK = r"\[\[([^\]\|\n]+?)(?:\|([^\]\n]+))?\]\]"
UNSAFE_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)
BLOCK_TAGS = {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*\s+(?=[A-Z0-9“‘\"'(\[À-Þ])")
# A period after these does not end a sentence: "U.S. citizens", "Mr. Rubio", "J. Smith".
ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Prof|No|vs|etc))\.$")
MAX_CONTEXT = 320
# A link in converted Markdown, and its address (see `unlink_self`).
LINK = re.compile(r"<a ([^>]*)>(.*?)</a>", re.DOTALL)
HREF = re.compile(r'\bhref="([^"]*)"')


@dataclass(frozen=True)
class LinkUse:
    """A link from Markdown to an entity, with the sentence it sits in."""

    target: str
    context: str
    explicit: bool


@dataclass
class Rendered:
    html: str
    links: list[LinkUse] = field(default_factory=list)


@dataclass
class ConversionState:
    """What `MarkdownRenderer` tells our extensions about the document being converted (its
    owner), and what they collect from it (its links)."""

    owner: Entity | None = None
    links: list[LinkUse] = field(default_factory=list)
    warnings: list[tuple[list[str], str]] = field(default_factory=list)  # (a paragraph's words, message)


def heading_anchor(text: str, separator: str) -> str:
    """The id of a heading: "What Østergaard said" becomes "what-ostergaard-said". Letters are
    spelt in ASCII as in ids (`ids.transliterate`), then Python-Markdown's own rules apply (a
    second heading with the same text gets "_1", see `toc.unique`)."""
    return slugify(transliterate(text), separator)


class WikiLinkProcessor(InlineProcessor):
    def __init__(self, pattern: str, md: markdown.Markdown, extension: WikiLinkExtension):
        super().__init__(pattern, md)
        self.index = extension.index
        self.unknown = extension.unknown

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]  # noqa: N802
        target_id = m.group(1).strip()
        label = m.group(2).strip() if m.group(2) else None
        entity = self.index.entities.get(target_id)
        if entity is None:
            self.unknown.append(target_id)
            span = etree.Element("span", {"class": "broken-ref"})
            span.text = label or target_id
            return span, m.start(0), m.end(0)
        link = etree.Element(
            "a",
            {
                "href": self.index.url_for(target_id),
                "class": f"ref ref-{entity.collection}",
                "data-ref": target_id,
            },
        )
        link.text = label or entity.display_name
        return link, m.start(0), m.end(0)


class WikiLinkExtension(Extension):
    """`[[id]]` and `[[id|text]]` link the record `id` of `index`, with its name or `text`. An
    unknown id is shown as text (`<span class="broken-ref">`) and kept in `unknown` until the next
    document (`reset`), for the caller to report."""

    PRIORITY = 175  # before reference links (170), after footnotes ([^1], also 175)

    def __init__(self, index: SiteIndex):
        super().__init__()
        self.index = index
        self.unknown: list[str] = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        md.registerExtension(self)
        md.inlinePatterns.register(WikiLinkProcessor(WIKI_LINK, md, self), "explainer-wikilink", self.PRIORITY)

    def reset(self) -> None:
        self.unknown.clear()


class SafetyProcessor(Treeprocessor):
    """Drops script-capable URLs from links and images."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and UNSAFE_URL.match(value):
                    del element.attrib[attribute]


def _walk_text(element: etree.Element, parts: list[str], found: list[tuple[etree.Element, int]],
               length: int = 0) -> int:
    """Append the text of `element` to `parts` and its links to `found` (with their offsets);
    returns the text length so far."""
    if element.get("role") == "tooltip":
        return length  # a glossary definition shown on hover is not part of the sentence
    if element.get("data-ref") and element.tag in ("a", "span"):  # a link, or a mention not linked
        found.append((element, length))
    if element.text:
        parts.append(element.text)
        length += len(element.text)
    for child in element:
        length = _walk_text(child, parts, found, length)
        if child.tail:
            parts.append(child.tail)
            length += len(child.tail)
    return length


def sentence_breaks(text: str):
    """The sentence ends in `text` as (end of the sentence, start of the next) offsets."""
    for match in SENTENCE_END.finditer(text):
        stop = match.start() + 1
        # (the longest abbreviation is four letters; \b still sees the text before the window)
        if text[match.start()] == "." and ABBREVIATION.search(text, max(0, stop - 6), stop):
            continue
        while stop < len(text) and text[stop] in "”’\"')]":
            stop += 1
        yield stop, match.end()


def first_sentence(text: str) -> str:
    """The first sentence of plain text (abbreviations such as "U.S." do not end it)."""
    for stop, _ in sentence_breaks(text):
        return text[:stop].strip()
    return text.strip()


def sentence_around(text: str, start: int, end: int, breaks: list[tuple[int, int]] | None = None) -> str:
    """The sentence of `text` that holds the span start..end, trimmed to a readable length.
    `breaks` may hold `sentence_breaks(text)`, when several spans of one text are looked up."""
    begin, finish = 0, len(text)
    for stop, next_start in sentence_breaks(text) if breaks is None else breaks:
        if next_start <= start:
            begin = next_start
        elif stop >= end:
            finish = stop
            break
    sentence = " ".join(text[begin:finish].split())
    if len(sentence) > MAX_CONTEXT:
        sentence = sentence[: MAX_CONTEXT - 1].rsplit(" ", 1)[0] + "…"
    return sentence


class LinkCollector(Treeprocessor):
    """Records every link to an entity with the sentence around it (for backlinks)."""

    def __init__(self, md: markdown.Markdown, state: ConversionState):
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        for block in root.iter():
            if block.tag not in BLOCK_TAGS:
                continue
            if any(child.tag in BLOCK_TAGS for child in block):
                continue  # the inner blocks are visited on their own
            parts: list[str] = []
            found: list[tuple[etree.Element, int]] = []
            _walk_text(block, parts, found)
            if not found:
                continue
            text = "".join(parts)
            breaks = list(sentence_breaks(text))
            for link, offset in found:
                length = len("".join(link.itertext()))
                self.state.links.append(
                    LinkUse(
                        link.attrib["data-ref"],  # `_walk_text` finds only links that have one
                        sentence_around(text, offset, offset + length, breaks),
                        "mention" not in (link.get("class") or ""),
                    )
                )


class ExplainerExtension(Extension):
    """What every explainer document gets: unsafe HTML and URLs refused (unless `allow_html`), and
    its links to records collected with their sentence into `state.links` (cleared by `reset`).
    Its `state` is how our other extensions learn the document's owner (`conversion_state`)."""

    def __init__(self, state: ConversionState, allow_html: bool):
        super().__init__()
        self.state = state
        self.allow_html = allow_html

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        md.registerExtension(self)
        if not self.allow_html:
            md.preprocessors.deregister("html_block")
            md.inlinePatterns.deregister("html")
            md.treeprocessors.register(SafetyProcessor(md), "explainer-safety", 1)
        md.treeprocessors.register(LinkCollector(md, self.state), "explainer-links", 0)

    def reset(self) -> None:
        self.state.links = []
        self.state.warnings = []


def conversion_state(md: markdown.Markdown) -> ConversionState | None:
    """The state of the document `md` converts, when `md` is a `MarkdownRenderer`'s (else None:
    the document has no owner)."""
    for extension in md.registeredExtensions:
        if isinstance(extension, ExplainerExtension):
            return extension.state
    return None


class MarkdownRenderer:
    """Converts every piece of Markdown in the site with one reusable Markdown instance.

    `extensions` (Python-Markdown `Extension` instances, such as `mentions.MentionExtension`) are
    added after our own; the renderer resets them before each document, as Python-Markdown does.
    """

    def __init__(self, index: SiteIndex, reporter: Reporter, extensions: Sequence[Extension] = ()):
        self.index = index
        self.reporter = reporter
        self.state = ConversionState()
        self.wikilinks = WikiLinkExtension(index)
        self.md = markdown.Markdown(
            # Instances, not names: a name makes Python-Markdown list every installed package's
            # entry points, the first time a process makes a Markdown instance (0.04 s of it).
            extensions=[
                TableExtension(), FencedCodeExtension(), SaneListExtension(), FootnoteExtension(),
                ExplainerExtension(self.state, index.config.allow_html),
                self.wikilinks,
                # ids on headings, for tables of contents (`toc`); no [TOC] marker, no pilcrows
                TocExtension(marker="", permalink=False, slugify=heading_anchor),
                *extensions,
            ],
            output_format="html",
        )

    def render(self, text: Markdown, owner: Entity, inline: bool = False) -> Rendered:
        """Convert `text` (owned by `owner`) to HTML; with `inline`, drop the wrapping <p>."""
        self.state.owner = owner  # first: the extensions' `reset` may read it
        self.md.reset()
        html = self.md.convert(text.text)
        for unknown in dict.fromkeys(self.wikilinks.unknown):
            self.reporter.error(
                owner.path, line_of(text, "[[" + unknown),
                f"unknown id '{unknown}' in [[...]] link{did_you_mean(unknown, self.index.entities)}",
            )
        after = 0
        for words, message in self.state.warnings:
            offset = find_words(text.text, words, after)
            after = offset + 1 if offset >= 0 else after
            line = text.line + text.text.count("\n", 0, offset) if offset >= 0 else text.line
            self.reporter.warning(owner.path, line, message)
        if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Rendered(html, list(self.state.links))


def unlink_self(html: str, entity_id: str) -> str:
    """Converted Markdown as shown on the page of `entity_id`: its links to that very page become
    bold text, as `macros.html`'s `ref` shows them (a link to an anchor on the page stays)."""
    marker = f' data-ref="{entity_id}"'
    if not entity_id or marker not in html:
        return html

    def replace(match: re.Match) -> str:
        attributes = f" {match.group(1)}"
        href = HREF.search(attributes)
        if marker not in attributes or href is None or "#" in href.group(1):
            return match.group(0)
        return f'<strong class="self-link" aria-current="page">{match.group(2)}</strong>'

    return LINK.sub(replace, html)


def line_of(text: Markdown, needle: str) -> int:
    """The file line on which `needle` first occurs in a piece of Markdown."""
    offset = text.text.find(needle)
    if offset < 0:
        return text.line
    return text.line + text.text.count("\n", 0, offset)
