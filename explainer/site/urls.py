"""Where everything is published: the one place that decides the site's paths and URLs.

Paths here are relative to the output folder; `SiteIndex.url` puts the base URL in front. A
folder path ends in `/` and its page is the folder's `index.html` (pretty URLs). The one URL that
leads elsewhere, a page's "Edit this page" link, is made here too (`edit_link`).

Long lists are split into pages (`explainer.site.paging` decides which entry goes on which page;
this module names the pages): the timeline by period (`timeline/2025/`, `timeline/2025/02/`), a
collection's index and the glossary by letter (`people/a/`), and any list by page number
(`quotes/page/2/`).
"""

from __future__ import annotations

import os
from collections.abc import Collection
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
PREVIEWS = "previews/"  # the hover previews' shards (`previews/<shard>.json`)
PREVIEW_SHARDS_FILE = PREVIEWS + "index.json"  # how many shards there are
OTHER_LETTER = "#"  # names that start with a digit, a symbol or a letter outside A–Z


def edition_folder(language: str, languages: tuple[str, ...]) -> str:
    """Where the edition in `language` lives: the default language (the first) at the root of the
    site, any other in a folder of its own (`es/`). Ids and paths are the same in every edition."""
    return "" if not languages or language == languages[0] else f"{language}/"


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


def link_path(collection: str, entity_id: str, list_page: str | None = None) -> str:
    """Where links to a record go: its own page, or its anchor on the list page that shows it
    (`list_page`, when the list is split into pages; else the collection's `linked_on` page)."""
    anchor_page = list_page or BY_NAME[collection].linked_on
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


def paged(folder: str, page: int) -> str:
    """Page `page` (from 1) of the list that starts at `folder`: `quotes/`, `quotes/page/2/`."""
    return folder if page <= 1 else f"{folder}page/{page}/"


def timeline_period(year: int | None = None, month: int = 0) -> str:
    """The timeline's page for a year or a month: `timeline/2025/`, `timeline/2025/02/`."""
    if year is None:
        return TIMELINE
    return f"{TIMELINE}{year:04d}/" + (f"{month:02d}/" if month else "")


def letter_slug(letter: str, taken: Collection[str] = ()) -> str:
    """The folder name of a letter's page: `a` … `z`, `other` for `#`. A record with that very id
    (`people/a/` is also the page of a person whose id is `a`) moves the letter to `letter-a`."""
    base = "other" if letter == OTHER_LETTER else letter.lower()
    slug, number = base, 1
    while slug in taken:
        slug = f"letter-{base}" if number == 1 else f"letter-{base}-{number}"
        number += 1
    return slug


def letter_folder(folder: str, slug: str) -> str:
    """A letter's page in a list split by letter: `people/a/`."""
    return f"{folder}{slug}/"


def record_timeline(collection: str, entity_id: str) -> str:
    """A record's whole timeline, when its page shows only the latest entries: `people/x/timeline/`."""
    return f"{collection}/{entity_id}/timeline/"


def record_section(collection: str, entity_id: str, section: str) -> str:
    """The whole of a section of a record's page too long for it: `people/x/connected-to/`."""
    return f"{collection}/{entity_id}/{section}/"


def timeline_year_file(year: int, extension: str) -> str:
    """One year of the timeline as data: `timeline/2025.json`, `timeline/2025.ics`."""
    return f"{TIMELINE}{year:04d}.{extension}"


def glossary_letter_file(slug: str) -> str:
    """One letter of the glossary as data: `glossary/a.json`."""
    return f"{GLOSSARY}{slug}.json"


def preview_shard(number: int, shards: int) -> str:
    """One shard of the hover previews: `previews/0a.json` (hexadecimal, as wide as the last)."""
    width = max(1, len(f"{shards - 1:x}"))
    return f"{PREVIEWS}{number:0{width}x}.json"
