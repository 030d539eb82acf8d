"""Hover previews: the `previews.json` index that `static/preview.js` reads.

One entry per record, article and page that has a link target: its name, kind, one-line summary,
URL and image (when the record has one). The file is fetched once, the first time a reader
hovers or focuses a link, so pages stay light; its URL is written into each page by the base
template (`<meta name="explainer-previews">`), so it works under any base URL.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator

from explainer.content.kinds import COLLECTIONS, DOCUMENT_COLLECTIONS, SINGULAR
from explainer.produce.site import SiteModel
from explainer.render.renderer import PageOutput

PREVIEWS_PATH = "previews.json"


def preview_entry(model: SiteModel, entity_id: str) -> dict[str, str]:
    """{name, kind, summary, url[, image]} for one entity."""
    index, views = model.index, model.views
    entity = index.entities[entity_id]
    views.read("name", entity_id)
    entry = {
        "name": entity.display_name,
        "kind": SINGULAR[entity.collection],
        "summary": views.plain_summary(entity),  # reads the entity
        "url": index.url_for(entity_id),
    }
    image = getattr(entity, "image", None)
    if image:
        entry["image"] = image if "://" in image else index.url(image.lstrip("/"))
    return entry


def preview_entries(model: SiteModel) -> dict[str, dict[str, str]]:
    """id -> {name, kind, summary, url[, image]} for every entity, sorted by id."""
    return {entity_id: preview_entry(model, entity_id) for entity_id in sorted(model.index.entities)}


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _keyed_entry(model: SiteModel, entity_id: str) -> str:
    """One member of the previews object: `"id":{...}`."""
    return _json(entity_id) + ":" + _json(preview_entry(model, entity_id))


def preview_index(model: SiteModel) -> Iterator[PageOutput]:
    """The producer of `previews.json`: `preview_entries` as JSON, each entry's text kept between
    builds (`model.fragments`), so an edit makes again only the entries it touched."""
    for collection in (*DOCUMENT_COLLECTIONS, *COLLECTIONS):  # which entities there are
        model.views.read("collection", collection)
    fragments = model.fragments
    if fragments is None:
        data = _json(preview_entries(model))
    else:
        data = "{" + ",".join(
            fragments.get(("previews", entity_id), functools.partial(_keyed_entry, model, entity_id))
            for entity_id in sorted(model.index.entities)
        ) + "}"
    yield PageOutput(PREVIEWS_PATH, data.encode("utf-8"))
