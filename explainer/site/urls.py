"""Where everything is published: the one place that decides the site's paths and URLs.

Paths here are relative to the output folder; `SiteIndex.url` puts the base URL in front. A
folder path ends in `/` and its page is the folder's `index.html` (pretty URLs).
"""

from __future__ import annotations

from explainer.content.kinds import BY_NAME

HOME = ""
TIMELINE = "timeline/"
GRAPH = "graph/"
GLOSSARY = "glossary/"
QUOTES = "quotes/"
CORRECTIONS = "corrections/"
SEARCH = "search/"
NOT_FOUND_FILE = "404.html"


def page_file(folder: str) -> str:
    """The HTML file of a folder path: `people/x/` -> `people/x/index.html`."""
    return folder + "index.html"


def collection_folder(collection: str) -> str:
    """The folder of a collection's index page: `people/`."""
    return f"{collection}/"


def record_folder(collection: str, entity_id: str) -> str | None:
    """The folder of a record's or document's own page, or None when it has none."""
    return f"{collection}/{entity_id}/" if BY_NAME[collection].own_page else None


def anchor(folder: str, fragment: str) -> str:
    """A place on a page: `timeline/#signing`."""
    return f"{folder}#{fragment}"


def link_path(collection: str, entity_id: str) -> str:
    """Where links to a record go: its own page, or its anchor on a list page."""
    anchor_page = BY_NAME[collection].linked_on
    if anchor_page:
        return anchor(anchor_page, entity_id)
    return f"{collection}/{entity_id}/"
