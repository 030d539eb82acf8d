"""Benchmark of mention linking: its cost per page on a site with many names.

`python bench/linking.py [--records 10000] [--aliases 50000] [--pages 2000]` builds an in-memory
site of synthetic people, institutions, places and glossary terms (names made from syllables,
some accented), with about five names each, and converts synthetic ~600-word pages that mention
some of them. It prints the time to build the name table, and the Markdown conversion time per
page with and without mention linking; the difference is what linking costs. Times are CPU
time of this process (`time.process_time`), so other work on the machine does not skew them.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from explainer.content.model import (  # noqa: E402
    Content,
    Document,
    GlossaryTerm,
    Institution,
    Person,
    Place,
)
from explainer.content.parts import Alias, Markdown  # noqa: E402
from explainer.content.settings import SiteConfig  # noqa: E402
from explainer.core.errors import Reporter  # noqa: E402
from explainer.markup.mentions import MentionExtension, make_linker  # noqa: E402
from explainer.markup.names import build_trie  # noqa: E402
from explainer.markup.renderer import MarkdownRenderer  # noqa: E402
from explainer.site.index import build_index  # noqa: E402

SYLLABLES = [
    "ba", "ri", "mo", "ta", "lu", "ne", "so", "ka", "vi", "de", "ra", "go", "mi", "pe", "zu",
    "lo", "xa", "jo", "sé", "ña", "ør", "ül", "an", "el", "or", "is", "um", "ti", "ca", "fe",
]
FILLER = (
    "the of and to in a said that for on was with as by at from it an be has had were would "
    "report government officials week agreement prison country according policy minister "
    "accords visit statement offer court law security year people city region talks"
).split()


def word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def unique_names(rng: random.Random, count: int, seen: set[str]) -> list[str]:
    names = []
    while len(names) < count:
        name = " ".join(word(rng, rng.randint(2, 3)) for _ in range(rng.randint(1, 3)))
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def make_site(records: int, aliases: int, pages: int, seed: int = 7):
    rng = random.Random(seed)
    seen: set[str] = set()
    per_record = max(aliases // records, 1)
    entity_names: list[str] = []
    built = []
    path = Path("bench.yaml")
    for n in range(records):
        name, *others = unique_names(rng, per_record, seen)
        alias_list = tuple(Alias(text, 1) for text in others)
        entity_names.extend([name, *others])
        kind = n % 10
        common = {"id": f"r{n}", "path": path, "line": 1, "aliases": alias_list}
        if kind < 5:
            built.append(Person(collection="people", name=name, **common))
        elif kind < 7:
            built.append(Institution(collection="institutions", name=name, **common))
        elif kind < 9:
            built.append(Place(collection="places", name=name, **common))
        else:
            built.append(GlossaryTerm(
                collection="glossary", term=name.lower(), definition=Markdown("A term. Used here.", 1),
                **common,
            ))
    documents = []
    for n in range(pages):
        paragraphs = []
        for _ in range(8):
            words = []
            for _ in range(75):
                if rng.random() < 0.05:
                    words.append(rng.choice(entity_names))
                else:
                    words.append(rng.choice(FILLER))
            sentence = " ".join(words)
            paragraphs.append(sentence[:1].upper() + sentence[1:] + ".")
        body = "## Background\n\n" + "\n\n".join(paragraphs)
        documents.append(Document(
            collection="articles", id=f"page{n}", path=Path(f"page{n}.md"), line=1,
            title=f"Page {n}", body=Markdown(body, 5),
        ))
    config = SiteConfig(title="Benchmark")
    content = Content(Path("."), Path("content"), config, built, documents)
    return content, len(entity_names)


def convert(renderer: MarkdownRenderer, documents) -> float:
    started = time.process_time()
    for document in documents:
        renderer.render(document.body, document)
    return time.process_time() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--aliases", type=int, default=50_000, help="names and aliases in all")
    parser.add_argument("--pages", type=int, default=2_000)
    args = parser.parse_args()

    content, names = make_site(args.records, args.aliases, args.pages)
    reporter = Reporter(Path("."))
    index = build_index(content, reporter)
    started = time.process_time()
    trie = build_trie(index, reporter)
    trie_seconds = time.process_time() - started
    started = time.process_time()
    linker = make_linker(index, reporter)
    linker_seconds = time.process_time() - started
    if reporter.errors:
        print("\n".join(str(d) for d in reporter.errors[:5]), file=sys.stderr)
        return 1
    documents = content.documents
    words = sum(len(d.body.text.split()) for d in documents) / len(documents)

    plain = MarkdownRenderer(index, reporter)
    linked = MarkdownRenderer(index, reporter, [MentionExtension(linker)])
    convert(plain, documents[:50])  # warm up both
    convert(linked, documents[:50])
    plain_seconds = min(convert(plain, documents) for _ in range(3))
    linked_seconds = min(convert(linked, documents) for _ in range(3))
    links = sum(len(linked.render(d.body, d).links) for d in documents[:200]) / min(200, len(documents))

    per_page = lambda seconds: seconds / len(documents) * 1e6  # noqa: E731
    print(f"{args.records} records, {names} names ({trie.size} trie entries with capitalized variants), "
          f"{len(documents)} pages of ~{words:.0f} words, ~{links:.0f} links per page")
    print(f"name trie built in {trie_seconds * 1000:.0f} ms; with the glossary tooltips, "
          f"the linker in {linker_seconds * 1000:.0f} ms")
    print(f"Markdown without linking: {per_page(plain_seconds):8.0f} µs/page")
    print(f"Markdown with linking:    {per_page(linked_seconds):8.0f} µs/page")
    print(f"mention linking costs:    {per_page(linked_seconds - plain_seconds):8.0f} µs/page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
