"""Every correction of the site, newest first: what `/corrections/`, the feed and
`corrections.json` list.

A correction is shown at the end of its page under "Corrections", with the anchor
`#correction-<n>` (numbered from 1 in the order written); a record without a page of its own (an
event, a quote) has its corrections on `/corrections/` only, at `#correction-<id>-<n>`. The list
is split into pages of `PER_PAGE` (`/corrections/`, `/corrections/2/`, …).
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.content.model import Entity, corrections
from explainer.core.dates import PartialDate
from explainer.site import urls
from explainer.site.index import SiteIndex
from explainer.views.provenance import Views
from explainer.views.viewtypes import LinkView

PER_PAGE = 50


@dataclass(frozen=True)
class CorrectionItem:
    entity_id: str
    number: int  # from 1, in the order the corrections are written
    page: LinkView  # the record, article or page corrected
    path: str  # where the correction is shown, from the site root (with its #anchor)
    anchor: str  # its id on /corrections/
    date: PartialDate
    html: str


def count(index: SiteIndex) -> int:
    """How many corrections the site has (no view reads: for the list of pages to render)."""
    return sum(len(corrections(entity)) for entity in index.entities.values())


def pages(index: SiteIndex) -> int:
    """How many pages `/corrections/` has (0 when the site has no correction)."""
    return -(-count(index) // PER_PAGE)


def list_page(number: int) -> str:
    """The folder of the `number`th page of the list: `corrections/`, `corrections/2/`."""
    return urls.CORRECTIONS if number == 1 else f"{urls.CORRECTIONS}{number}/"


def all_corrections(views: Views) -> list[CorrectionItem]:
    """Every correction, newest first; corrections of one day in the order of the content."""
    views.read("corrections")
    index = views.index
    found: list[tuple[Entity, int, PartialDate]] = [
        (entity, number, correction.date)
        for entity in index.entities.values()
        for number, correction in enumerate(corrections(entity), 1)
    ]
    found.sort(key=lambda item: item[2], reverse=True)
    items = []
    for position, (entity, number, date) in enumerate(found):
        anchor = f"correction-{entity.id}-{number}"
        own = index.page_path(entity.id)
        path = f"{own}#correction-{number}" if own else f"{list_page(position // PER_PAGE + 1)}#{anchor}"
        items.append(CorrectionItem(
            entity.id, number, views.link(entity.id), path, anchor, date,
            views.html(entity.id, f"corrections.{number - 1}"),
        ))
    return items
