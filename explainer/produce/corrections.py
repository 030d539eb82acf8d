"""`corrections.json`, the site's public record of its corrections, and the check that none of
them is ever taken down.

The file lists every correction of the site, newest first (see docs/outputs.md), with a digest of
its words. It is written into the output folder with the site, only when the site has any
correction. At the next build, `check_removed_corrections` reads the copy in the live output folder
(the site as published, whatever the build cache holds, so deleting the cache changes nothing)
and warns (an error with --strict) about each correction it lists that is no longer in the
content, by the record's id, the correction's date and the digest of its words. Changing a
correction's words counts as removing it, unless the page now carries more new corrections than
it lost: a correction that says what changed.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from explainer.content.model import Document, Record, corrections
from explainer.core.errors import Reporter
from explainer.markup.text import html_text
from explainer.produce.site import SiteModel
from explainer.render.renderer import PageOutput
from explainer.site.index import SiteIndex
from explainer.views.corrections import all_corrections

CORRECTIONS_JSON = "corrections.json"


def words_digest(text: str) -> str:
    """A digest of a correction's words (its Markdown, white space collapsed)."""
    return hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=8).hexdigest()


def corrections_file(model: SiteModel) -> Iterable[PageOutput]:
    """`corrections.json`, when the site has any correction."""
    items = all_corrections(model.views)
    if not items:
        return
    index = model.index
    texts = {
        (entity.id, number): correction.text.text
        for entity in index.entities.values() for number, correction in enumerate(corrections(entity), 1)
    }
    data = {
        "title": index.config.title,
        "url": index.absolute_url("corrections/"),
        "corrections": [
            {
                "id": item.entity_id, "name": item.page.text, "kind": index.entities[item.entity_id].kind_label,
                "page": index.url(index.link_path(item.entity_id)), "url": index.absolute_url(item.path),
                "date": item.date.iso(), "text": html_text(item.html),
                "digest": words_digest(texts[(item.entity_id, item.number)]),
            }
            for item in items
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    yield PageOutput(CORRECTIONS_JSON, text.encode("utf-8"))


@dataclass(frozen=True)
class Published:
    id: str
    date: str
    digest: str
    page: str


def published_corrections(out_dir: Path) -> list[Published]:
    """The corrections the live site lists in its corrections.json (none when it has none, or
    when the file cannot be read)."""
    try:
        data = json.loads((out_dir / CORRECTIONS_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    items = data.get("corrections") if isinstance(data, dict) else None
    found = []
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict) and all(isinstance(item.get(k), str) for k in ("id", "date", "digest", "page")):
            found.append(Published(item["id"], item["date"], item["digest"], item["page"]))
    return found


def check_removed_corrections(index: SiteIndex, reporter: Reporter, out_dir: Path) -> None:
    """Warn about each correction the live site published that the content no longer has."""
    published = published_corrections(out_dir)
    if not published:
        return
    current = {
        (entity.id, correction.date.iso(), words_digest(correction.text.text))
        for entity in index.entities.values() for correction in corrections(entity)
    }
    before = {(p.id, p.date, p.digest) for p in published}
    added = Counter(entity_id for entity_id, _, _ in current - before)
    gone = [p for p in published if (p.id, p.date, p.digest) not in current]
    lost = Counter(p.id for p in gone)
    for item in gone:
        if added[item.id] > lost[item.id]:  # the page says what changed
            continue
        entity = index.entities.get(item.id)
        path, line = out_dir / CORRECTIONS_JSON, 1
        if isinstance(entity, (Record, Document)):
            path, line = entity.path, entity.line_of("corrections")
        reporter.warning(
            path, line,
            f"correction of {item.date} on {item.page} was removed; corrections are never taken down "
            "(restore it, or add a new correction that says what changed)",
        )
