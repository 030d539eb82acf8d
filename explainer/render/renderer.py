"""Turning view data into HTML pages with Jinja2: one function per page kind (the environment is `explainer.render.environment`).

Templates come from the site's own `templates/` folder first, then the defaults, so a newsroom can
override any template by name. Everything is autoescaped and undefined variables fail loudly.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import jinja2

from explainer.content.kinds import BY_NAME, COLLECTIONS, DOCUMENT_COLLECTIONS, names_where
from explainer.content.model import Document, Entity
from explainer.core.errors import did_you_mean
from explainer.core.failures import TemplateError
from explainer.markup.toc import table_of_contents
from explainer.render import reuse
from explainer.render.assets import Asset
from explainer.render.environment import compile_templates, install_translations
from explainer.render.lists import ListPages
from explainer.render.template_errors import render_template
from explainer.site import urls
from explainer.site.index import SiteIndex, fold
from explainer.site.order import editorial_order, recency
from explainer.site.paging import HOME_PICKS, INVOLVED_SHOWN, NAV_PAGES
from explainer.site.timeline import TimelineEntry
from explainer.views.builder import COLLECTION_TITLES, ViewBuilder
from explainer.views.corrections import PER_PAGE as CORRECTIONS_PER_PAGE
from explainer.views.corrections import all_corrections
from explainer.views.corrections import list_page as corrections_list_page
from explainer.views.glossary import Glossary, build_glossary
from explainer.views.graph import GraphBuilder
from explainer.views.keys import GLOSSARY_ORDER, HOME_SELECTION
from explainer.views.languages import alternates
from explainer.views.metadata import Metadata
from explainer.views.provenance import key_facts

INDEXED_COLLECTIONS = names_where("listed")


@dataclass(frozen=True)
class PageOutput:
    path: str  # relative to the output folder, e.g. "people/marco-rubio/index.html"
    data: bytes


# The kinds of page that show one record or document (a job's `key` is its id).
ENTITY_PAGE_KINDS = ("document", "record", "glossary_term")


class PageJob(NamedTuple):  # (not a dataclass: the cache keeps one per page, read back 3 times faster)
    """One HTML page to render: its output path, the page kind, and the record or collection."""

    path: str
    kind: str
    key: str = ""


@dataclass(frozen=True)
class HomeSelection:
    """The ids of what the home page shows, in order; `articles[0]` is the lead."""

    articles: tuple[str, ...]
    pages: tuple[str, ...]
    people: tuple[str, ...]
    institutions: tuple[str, ...]
    events: tuple[TimelineEntry, ...]
    agreements: tuple[str, ...] = ()  # in editorial order (`explainer.site.order`)
    more_agreements: bool = False  # not every agreement is shown

    def key(self) -> tuple:
        """A value that changes exactly when the selection does (see `incremental`)."""
        return (
            self.articles, self.pages, self.people, self.institutions, tuple(e.id for e in self.events),
            self.agreements, self.more_agreements,
        )




def newest_day_first(entries) -> list[TimelineEntry]:
    """Timeline entries by day, the latest first, and in story order within a day (the timeline's
    own order, which a plain reversal would turn around)."""
    days: dict[str, list[TimelineEntry]] = {}
    for entry in entries:
        days.setdefault(entry.date.iso(), []).append(entry)
    return [entry for day in reversed(days.values()) for entry in day]


@dataclass(frozen=True)
class NavItem:
    href: str
    text: str
    section: str


class Renderer(ListPages):
    def __init__(
        self, env: jinja2.Environment, index: SiteIndex, views: ViewBuilder,
        timeline: list[TimelineEntry], assets: dict[str, Asset], metadata: Metadata,
        glossary: tuple[Glossary, frozenset[tuple[str, ...]]] | None = None, previous: reuse.Previous | None = None,
        keep: bool = False,
    ):
        self.env = env
        # The last build's layouts (the preview's fast path): what they were decided from is
        # compared, and each is taken over or laid out again (`reuse`); this build's are kept
        # (with what the next needs to compare them, when it will: `keep`).
        keep = keep or (previous is not None and previous.layouts.keep)
        self.previous, self.layouts = previous, reuse.Layouts(keep)
        self.metadata = metadata
        self.index = index
        self.views = views
        self.timeline = timeline
        self.assets = assets
        # Built before any worker forks, so that no worker builds it again; the A–Z page reads
        # what every term read, a term's page what its own entry read (see `term_reads`).
        # `glossary` is the last build's, when none of what it read has changed.
        if glossary is not None:
            self.glossary, self.glossary_reads = glossary
        else:
            with views.tracking() as reads:
                self.glossary = build_glossary(views)
            self.glossary_reads = frozenset(reads) | {("collection", "glossary"), GLOSSARY_ORDER}
        self.graphs = GraphBuilder(index, views)
        config = index.config
        # Each edition's HTML pages, by language (set by the build once every edition is planned).
        self.edition_pages: dict[str, frozenset[str]] = {}
        install_translations(env, config.language)
        env.globals.update(
            site=config,
            lang=config.language,
            url=index.url,
            root_url=index.root_url,
            absolute_url=index.absolute_url,
            asset=self.asset_url,
            nav=self.nav(),
            involved_shown=INVOLVED_SHOWN,
        )
        compile_templates(env)

    def asset_url(self, logical: str) -> str:
        asset = self.assets.get(logical)
        if asset is None:
            raise TemplateError(f"unknown static asset '{logical}'" + did_you_mean(logical, self.assets))
        return self.index.root_url(asset.output)

    def nav(self) -> list[NavItem]:
        """The site's navigation: the pages given an `order` (the lowest `NAV_PAGES`, in that
        order), then the indexes of the collections that have records, the timeline, the
        connections, the glossary and the quotes."""
        items = [
            NavItem(self.index.url_for(page.id), page.title, "page:" + page.id)
            for page in sorted(
                (p for p in self.index.documents("pages") if p.order is not None), key=lambda p: (p.order, p.id),
            )[:NAV_PAGES]
        ]
        _ = self.views.gettext
        for collection in names_where("in_nav"):
            if self.index.by_collection(collection):
                items.append(NavItem(
                    self.index.url(urls.collection_folder(collection)), _(COLLECTION_TITLES[collection]), collection,
                ))
        items.append(NavItem(self.index.url(urls.TIMELINE), _("Timeline"), "timeline"))
        items.append(NavItem(self.index.url(urls.GRAPH), _("Connections"), "graph"))
        if self.index.by_collection("glossary"):
            items.append(NavItem(self.index.url(urls.GLOSSARY), _("Glossary"), "glossary"))
        if self.index.by_collection("quotes"):
            items.append(NavItem(self.index.url(urls.QUOTES), _("Quotes"), "quotes"))
        return items

    def page(self, path: str, template: str, **context) -> PageOutput:
        folder = path[: -len("index.html")] if path.endswith("index.html") else path
        context.setdefault("canonical", self.index.absolute_url(folder))
        context.setdefault("section", "")
        context.setdefault("corrections_url", self.corrections_url())
        context.setdefault("alternates", alternates(self.index, path, self.edition_pages))
        context.setdefault("original_lang", "")
        context.setdefault("meta", self.metadata.page_meta(path, context))
        return PageOutput(path, render_template(self.env, template, context).encode("utf-8"))

    def edit_url(self, entity: Entity) -> str:
        """The "Edit this page" address of the page made from `entity`'s file ("" without `edit_url`):
        a record of a list file is edited in the list file."""
        base = self.index.config.edit_url
        return urls.edit_link(base, self.index.content.content_dir, entity.path) if base else ""

    # page kinds -----------------------------------------------------------------------------
    @functools.cached_property
    def home_selection(self) -> HomeSelection:
        """What the home page picks: the newest articles (the lead first), the pages, the most
        linked records and the latest events; a few of each (`HOME_PICKS`), however large the
        story. Part of each build's snapshot (key `HOME_SELECTION`)."""
        articles = sorted(self.index.documents("articles"), key=recency, reverse=True)

        def most_linked(collection: str, count: int = HOME_PICKS) -> tuple[str, ...]:
            """The `count` records linked to most; ties by name. Names are folded only for the
            records that can make the cut, not for the whole collection."""
            links = self.index.incoming_counts(collection)
            if not links:
                return ()
            cut = heapq.nlargest(count, links.values())[-1]
            entities = self.index.entities
            candidates = [i for i, n in links.items() if n >= cut]
            ranked = sorted(candidates, key=lambda i: (-links[i], fold(entities[i].display_name), i))
            return tuple(ranked[:count])

        entities, mentions = self.index.entities, self.views.mentions
        agreements = [e.id for e in editorial_order((entities[i] for i in most_linked("agreements")), mentions)]
        others = sorted(articles[1:], key=lambda d: (d.order is None, d.order or 0))  # ties: newest
        pages = editorial_order(self.index.by_collection("pages"), mentions)
        return HomeSelection(
            articles=tuple(a.id for a in [*articles[:1], *others][: HOME_PICKS + 1]),
            pages=tuple(p.id for p in pages[:HOME_PICKS]),
            people=most_linked("people"),
            institutions=most_linked("institutions"),
            events=tuple(e for e in self.timeline if e.kind == "event")[-6:],
            agreements=tuple(agreements),
            more_agreements=len(self.index.by_collection("agreements")) > len(agreements),
        )

    def home(self) -> PageOutput:
        chosen = self.home_selection
        self.views.read(*HOME_SELECTION)
        first = self.index.entities[chosen.articles[0]] if chosen.articles else None
        lead = first if isinstance(first, Document) else None
        if lead is not None:
            self.views.read("entity", lead.id)  # its dek and date
        entities = self.index.entities
        return self.page(
            "index.html", "home.html",
            title=self.index.config.title,
            description=self.index.config.description,
            lead=self.views.link(lead.id) if lead else None,
            lead_dek=(lead.dek or "") if lead else "",
            lead_date=(lead.date.label(self.views.lang) if lead and lead.date else ""),
            articles=[self.views.link(a) for a in chosen.articles[1:]],
            pages=[self.views.link(p) for p in chosen.pages],
            people=[(self.views.link(p), self.views.plain_summary(entities[p])) for p in chosen.people],
            institutions=[
                (self.views.link(i), self.views.plain_summary(entities[i])) for i in chosen.institutions
            ],
            agreements=[self._collection_item(a) for a in chosen.agreements],
            more_agreements=chosen.more_agreements,
            events=[self.views.timeline_item(e) for e in newest_day_first(chosen.events)],
            key_facts=key_facts(self.views, self.index.config.key_facts),
        )

    def document(self, entity) -> PageOutput:
        view = self.views.record_page(entity)
        return self.page(
            urls.page_file(self._folder(entity.id)), "article.html",
            title=entity.title, description=view.description, page=view, doc=entity,
            original_lang=entity.fallback or "", body_lang=entity.body_language or "",
            date=entity.date.label(self.views.lang) if entity.date else "",
            section=("page:" + entity.id) if entity.collection == "pages" else entity.collection,
            toc=table_of_contents(view.body_html), edit_url=self.edit_url(entity),
            timeline_more=self.timeline_more(entity, len(view.timeline), view.timeline_all),
            more=self.section_more(entity, view.section_totals), graph=None,
        )

    def record(self, entity) -> PageOutput:
        view = self.views.record_page(entity)
        return self.page(
            urls.page_file(self._folder(entity.id)), "record.html",
            title=view.title, description=view.description, page=view, section=entity.collection,
            original_lang=entity.fallback or "", graph=self.graphs.neighbourhood(entity.id), edit_url=self.edit_url(entity),
            timeline_more=self.timeline_more(entity, len(view.timeline), view.timeline_all),
            more=self.section_more(entity, view.section_totals),
        )

    def term_reads(self, term_id: str) -> set[tuple[str, ...]]:
        """What a term's page shows of the glossary: its own entry, and its neighbours' names."""
        page = self.glossary.term_page(term_id)
        keys = set(self.glossary.reads[term_id]) | {GLOSSARY_ORDER}
        keys.update(("name", item.id) for item in (page.previous, page.next) if item is not None)
        return keys

    def glossary_term(self, entity) -> PageOutput:
        self.views.read_all(self.term_reads(entity.id))
        view = self.views.record_page(entity)
        term = self.glossary.term_page(entity.id)
        return self.page(
            urls.page_file(self._folder(entity.id)), "glossary_term.html",
            title=view.title, description=view.description, page=view,
            term=term, structured_data=term.structured_data, section="glossary",
            original_lang=entity.fallback or "",
            edit_url=self.edit_url(entity), more=self.section_more(entity, view.section_totals),
        )

    def corrections_page(self, key: str) -> PageOutput:
        """One page of `/corrections/`: every correction of the site, newest first."""
        number = int(key)
        items = all_corrections(self.views)
        total = -(-len(items) // CORRECTIONS_PER_PAGE)
        shown = items[(number - 1) * CORRECTIONS_PER_PAGE : number * CORRECTIONS_PER_PAGE]
        _ = self.views.gettext
        title = _("Corrections") if number == 1 else _("Corrections, page %(number)d") % {"number": number}
        return self.page(
            urls.page_file(corrections_list_page(number)), "corrections.html",
            title=title, description=_("Every correction made to %(site)s, newest first") % {"site": self.index.config.title},
            items=[
                (item, self.index.url(item.path), _(self.index.entities[item.entity_id].kind_label))
                for item in shown
            ],
            number=number, pages=total, section="corrections",
            newer=self.index.url(corrections_list_page(number - 1)) if number > 1 else "",
            older=self.index.url(corrections_list_page(number + 1)) if number < total else "",
        )

    def corrections_url(self) -> str:
        """The address of `/corrections/` for the footer, or "" when the site has no correction."""
        self.views.read("has-corrections")
        return self._corrections_url

    @functools.cached_property
    def _corrections_url(self) -> str:
        return self.index.url(urls.CORRECTIONS) if self._corrections else ""

    @functools.cached_property
    def _corrections(self) -> int:
        return reuse.reuse_corrections(self.previous, self.layouts, self.index)

    def not_found(self) -> PageOutput:
        return self.page(
            urls.NOT_FOUND_FILE, "404.html", title=self.views.gettext("Page not found"),
            description=self.views.gettext("This page does not exist."), canonical=self.index.absolute_url(urls.NOT_FOUND_FILE),
        )

    def jobs(self) -> list[PageJob]:
        """Every HTML page of the site as a job to render, in a stable order."""
        return list(self._jobs)

    @functools.cached_property
    def _jobs(self) -> tuple[PageJob, ...]:
        return reuse.reuse_jobs(self.previous, self.layouts, (self.list_jobs(), self._corrections), self._all_jobs)

    def _all_jobs(self) -> tuple[PageJob, ...]:
        jobs = [PageJob(urls.page_file(urls.HOME), "home")]
        for collection in DOCUMENT_COLLECTIONS:
            for entity in self.index.by_collection(collection):
                jobs.append(PageJob(urls.page_file(self._folder(entity.id)), "document", entity.id))
        for collection in COLLECTIONS:
            if not BY_NAME[collection].own_page:
                continue
            for entity in self.index.by_collection(collection):
                kind = "glossary_term" if collection == "glossary" else "record"
                jobs.append(PageJob(urls.page_file(self._folder(entity.id)), kind, entity.id))
            if collection in INDEXED_COLLECTIONS and self.index.by_collection(collection):
                jobs.append(PageJob(urls.page_file(urls.collection_folder(collection)), "collection_index", collection))
        jobs += [
            PageJob(urls.page_file(urls.TIMELINE), "timeline_page"),
            PageJob(urls.page_file(urls.GLOSSARY), "glossary_page"),
            PageJob(urls.page_file(urls.QUOTES), "quotes_page"),
            *(
                PageJob(urls.page_file(corrections_list_page(n)), "corrections_page", str(n))
                for n in range(1, -(-self._corrections // CORRECTIONS_PER_PAGE) + 1)
            ),
            PageJob(urls.NOT_FOUND_FILE, "not_found"),
        ]
        jobs += [PageJob(urls.page_file(folder), "list_page", folder) for folder in self.list_jobs()]
        return tuple(jobs)

    def _folder(self, entity_id: str) -> str:
        folder = self.index.page_path(entity_id)
        assert folder is not None, "jobs are made only for collections whose records have pages"
        return folder

    def render(self, job: PageJob) -> PageOutput:
        method = getattr(self, job.kind)
        if job.kind in ENTITY_PAGE_KINDS:
            return method(self.index.entities[job.key])
        return method(job.key) if job.key else method()

    def render_tracked(self, job: PageJob) -> tuple[PageOutput, tuple[tuple[str, ...], ...]]:
        """Render a page and say what it read (the keys of `incremental`), sorted: equal reads are
        equal tuples, which the cache on disk reads back three times faster than sets."""
        self.views.reads = set()
        try:
            page = self.render(job)
            return page, tuple(sorted(self.views.reads))
        finally:
            self.views.reads = None

    def all_pages(self) -> Iterator[PageOutput]:
        """Every HTML page of the site, in a stable order."""
        for job in self.jobs():
            yield self.render(job)
