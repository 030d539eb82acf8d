"""Dates that contradict each other across records: warnings (errors with --strict).

- an event that is over before an institution taking part in it was founded;
- an agreement dated before one of its parties or signatories (an institution) was founded;
- a quote dated after its source was published;
- an article or page that mentions an event dated after it (after its `updated` date, when it
  has one).

Dates keep their precision, so only dates that cannot overlap contradict: an event of 2023 and an
institution founded in June 2023 do not. (`timeline.check_dates` checks each record's own ranges.)
"""

from __future__ import annotations

from collections.abc import Iterable

from explainer.content.model import Agreement, Document, Entity, Event, Institution, Quote, last_updated
from explainer.content.parts import Ref
from explainer.core.dates import PartialDate
from explainer.core.errors import Reporter
from explainer.site.index import SiteIndex
from explainer.site.timeline import last_day


def _before(earlier: PartialDate, later: PartialDate) -> bool:
    """Whether all of `earlier`'s span is before all of `later`'s."""
    return last_day(earlier) < later.first_day()


def _founded_after(index: SiteIndex, ref: Ref, date: PartialDate) -> PartialDate | None:
    """The founding date of the institution `ref` names, when it is after all of `date`."""
    target = index.entities.get(ref.id)
    if isinstance(target, Institution) and target.founded and _before(date, target.founded):
        return target.founded
    return None


def check_date_order(index: SiteIndex, reporter: Reporter, entities: Iterable[Entity] | None = None) -> None:
    """Warn about every pair of dates that contradict each other (see the module's docstring);
    with `entities`, the pairs whose later date is one of theirs (an entity's own checks)."""
    for entity in index.entities.values() if entities is None else entities:
        if isinstance(entity, Event):
            for ref in entity.participants:
                founded = _founded_after(index, ref, entity.end or entity.date)
                if founded is not None:
                    reporter.warning(
                        entity.path, ref.line,
                        f"this event ({entity.date.iso()}) is before '{ref.id}', one of its participants, "
                        f"was founded ({founded.iso()})",
                    )
        elif isinstance(entity, Agreement) and entity.date:
            for role, refs in (("parties", entity.parties), ("signatories", entity.signatories)):
                for ref in refs:
                    founded = _founded_after(index, ref, entity.date)
                    if founded is not None:
                        reporter.warning(
                            entity.path, ref.line,
                            f"this agreement ({entity.date.iso()}) is before '{ref.id}', one of its "
                            f"{role}, was founded ({founded.iso()})",
                        )
        elif isinstance(entity, Quote) and entity.date:
            source = index.entities.get(entity.source.id)
            published = getattr(source, "date", None)
            if isinstance(published, PartialDate) and _before(published, entity.date):
                reporter.warning(
                    entity.path, entity.line_of("date"),
                    f"the quote is dated {entity.date.iso()}, after its source '{entity.source.id}' "
                    f"was published ({published.iso()})",
                )
        elif isinstance(entity, Document) and entity.date:
            _check_reports(index, entity, entity.date, reporter)


def _check_reports(index: SiteIndex, document: Document, date: PartialDate, reporter: Reporter) -> None:
    """Warn when a document mentions an event dated after it (or after its last update)."""
    updated = last_updated(document)
    written = max(date, updated) if updated is not None else date
    for edge in index.edges_from(document.id):
        event = index.entities.get(edge.target)
        if edge.field != "mention" or not isinstance(event, Event) or not _before(written, event.date):
            continue
        reporter.warning(
            document.path, _line_of_mention(document, event),
            f"this {document.kind_label} ({date.iso()}) mentions the event '{event.id}' "
            f"({event.date.iso()}), which is dated after it",
        )


def _line_of_mention(document: Document, event: Event) -> int:
    """The line of the body where the document first links or names the event."""
    text = document.body.text
    found = [text.find(f"[[{event.id}"), text.find(f"timeline/#{event.id}")]
    found += [text.find(name) for name in (event.title, *(a.text for a in (*event.aliases, *event.match)))]
    found = [at for at in found if at >= 0]
    if not found:
        return document.line_of("date")
    return document.body.line + text.count("\n", 0, min(found))
