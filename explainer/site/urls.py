"""Where everything is published: the one place that decides the site's paths and URLs.

Paths here are relative to the output folder; `SiteIndex.url` puts the base URL in front. A
folder path ends in `/` and its page is the folder's `index.html` (pretty URLs). The one URL that
leads elsewhere, a page's "Edit this page" link, is made here too (`edit_link`).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

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


def edit_link(edit_url: str, content_dir: Path, file: Path) -> str:
    """Where the content file a page is made from is edited: `edit_url` (ending with `/`) then the
    file's path from the site root, the folder holding `content_dir`:
    `https://github.com/org/repo/edit/main/content/people/marco-rubio.yaml`."""
    root = Path(os.path.abspath(content_dir)).parent
    relative = Path(os.path.abspath(file)).relative_to(root).as_posix()
    return edit_url + quote(relative)
