"""Which page of a built site stands for each kind of page, found in the output folder so that
the browser tests follow the content as it grows."""

from __future__ import annotations

from pathlib import Path

MISSING = "no-such-page/"

# Preferred examples in the default story; any record of the collection will do otherwise.
PREFERRED = {
    "people": "marco-rubio",
    "agreements": "bukele-prison-offer",
}
RECORD_KINDS = {
    "article": "articles", "page": "pages", "person": "people", "institution": "institutions",
    "agreement": "agreements", "place": "places", "source": "sources", "glossary term": "glossary",
}


def _first_record(site: Path, collection: str) -> str | None:
    folder = site / collection
    if not folder.is_dir():
        return None
    ids = sorted(p.name for p in folder.iterdir() if (p / "index.html").is_file())
    preferred = PREFERRED.get(collection)
    if preferred in ids:
        return preferred
    return ids[0] if ids else None


def page_paths(site: Path) -> dict[str, str]:
    """Kind of page -> path relative to the site's base URL, for every kind the site has."""
    paths = {"home": ""}
    for kind, collection in RECORD_KINDS.items():
        record = _first_record(site, collection)
        if record:
            paths[kind] = f"{collection}/{record}/"
    for kind, folder in (
        ("collection", "people"), ("glossary", "glossary"), ("timeline", "timeline"),
        ("quotes", "quotes"), ("graph", "graph"), ("search", "search"),
    ):
        if (site / folder / "index.html").is_file():
            paths[kind] = f"{folder}/"
    if (site / "404.html").is_file():
        paths["404"] = MISSING  # served with the site's 404.html, as a host would
    return paths
