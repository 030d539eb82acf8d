"""Hover previews: the shards under `previews/` that `static/preview.js` reads.

One entry per record, article and page that has a link target: its name, kind, one-line summary,
URL and image (when the record has one). The entries are split into shards by a hash of the id
(`shard_of`: 32-bit FNV-1a, which preview.js computes the same way), as many as keep a shard
near `PER_SHARD` entries (a power of two), so that a hover fetches a few kilobytes however large
the site. `previews/index.json` says how many shards there are. Pages name the folder in
`<meta name="explainer-previews">` (written by the base template), so it works under any base URL.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator

from explainer.content.kinds import COLLECTIONS, DOCUMENT_COLLECTIONS, SINGULAR
from explainer.produce.site import SiteModel
from explainer.render.renderer import PageOutput
from explainer.site import urls
from explainer.site.paging import PREVIEWS_PER_SHARD

PER_SHARD = PREVIEWS_PER_SHARD  # entries in a shard, on average at most (docs/limits.md: under 50 KB)


def shard_count(entities: int) -> int:
    """The number of shards for a site of `entities`: the least power of two that keeps them
    at most `PER_SHARD` on average."""
    shards = 1
    while entities > shards * PER_SHARD:
        shards *= 2
    return shards


@functools.lru_cache(maxsize=1 << 17)  # every build asks again for every id
def shard_of(entity_id: str, shards: int) -> int:
    """Which shard holds an id: FNV-1a (32 bits) of its UTF-8 bytes, modulo the (power of two)
    number of shards. static/preview.js computes the same."""
    value = 0x811C9DC5
    for byte in entity_id.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % shards


def preview_entry(model: SiteModel, entity_id: str) -> dict[str, str]:
    """{name, kind, summary, url[, image]} for one entity."""
    index, views = model.index, model.views
    entity = index.entities[entity_id]
    views.read("name", entity_id)
    entry = {
        "name": entity.display_name,
        "kind": views.gettext(SINGULAR[entity.collection]),
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


def _shard_text(model: SiteModel, ids: list[str]) -> str:
    """One shard: an object of the entries of `ids`, `{"id":{...},...}`."""
    return "{" + ",".join(_json(entity_id) + ":" + _json(preview_entry(model, entity_id)) for entity_id in ids) + "}"


def _members(ids: list[str], shards: int) -> list[list[str]]:
    """The ids in each shard, in the order given."""
    members: list[list[str]] = [[] for _ in range(shards)]
    for entity_id in ids:
        members[shard_of(entity_id, shards)].append(entity_id)
    return members


def preview_index(model: SiteModel) -> Iterator[PageOutput]:
    """The producer of `previews/`: every entity's preview in its shard, each shard's text kept
    between builds (`model.fragments`) with what its entries read, so an edit makes again only
    the shards of the entries it touched."""
    for collection in (*DOCUMENT_COLLECTIONS, *COLLECTIONS):  # which entities there are
        model.views.read("collection", collection)
    fragments = model.fragments
    ids = sorted(model.index.entities)
    shards = shard_count(len(ids))
    # Which shard each id is in, kept with the fragments while the ids are the same (hashing ten
    # thousand ids byte by byte took a hundredth of a second a build).
    members = (
        _members(ids, shards) if fragments is None
        else fragments.get(("previews-members", shards, *ids), functools.partial(_members, ids, shards))
    )
    yield PageOutput(urls.PREVIEW_SHARDS_FILE, (_json({"shards": shards}) + "\n").encode("utf-8"))
    for number, shard_ids in enumerate(members):
        make = functools.partial(_shard_text, model, shard_ids)
        text = make() if fragments is None else fragments.get(("previews", *shard_ids), make)
        yield PageOutput(urls.preview_shard(number, shards), text.encode("utf-8"))
