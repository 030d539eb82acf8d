"""Hover previews: the `previews.json` index that `static/preview.js` reads.

One entry per record, article and page that has a link target: its name, kind, one-line summary,
URL and image (when the record has one). The file is fetched once, the first time a reader
hovers or focuses a link, so pages stay light; its URL is written into each page by the base
template (`<meta name="explainer-previews">`), so it works under any base URL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .model import SINGULAR
from .render import PageOutput

if TYPE_CHECKING:
    from .pipeline import SiteModel

PREVIEWS_PATH = "previews.json"


def preview_entries(model: SiteModel) -> dict[str, dict[str, str]]:
    """id -> {name, kind, summary, url[, image]} for every entity, sorted by id."""
    index, views = model.index, model.views
    entries: dict[str, dict[str, str]] = {}
    for entity_id in sorted(index.entities):
        entity = index.entities[entity_id]
        entry = {
            "name": entity.display_name,
            "kind": SINGULAR[entity.collection],
            "summary": views.plain_summary(entity),
            "url": index.url_for(entity_id),
        }
        image = getattr(entity, "image", None)
        if image:
            entry["image"] = image if "://" in image else index.url(image.lstrip("/"))
        entries[entity_id] = entry
    return entries


def preview_index(model: SiteModel) -> Iterator[PageOutput]:
    """The producer of `previews.json`."""
    data = json.dumps(preview_entries(model), ensure_ascii=False, separators=(",", ":"))
    yield PageOutput(PREVIEWS_PATH, data.encode("utf-8"))
