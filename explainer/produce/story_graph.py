"""The whole story's graph: the producer of `/graph/` (the layout is `explainer.views.graph`)."""

from __future__ import annotations

from collections.abc import Iterator

from explainer.produce.site import SiteModel
from explainer.render.renderer import PageOutput
from explainer.site import urls
from explainer.views.builder import COLLECTION_TITLES
from explainer.views.graph import STORY_KINDS, GraphBuilder


def graph_pages(model: SiteModel) -> Iterator[PageOutput]:
    """The producer of `/graph/`: the whole story's graph."""
    views = model.views
    for kind in STORY_KINDS:  # what the story reads of each record: its name and links
        views.read("collection", kind)
        for entity in model.index.by_collection(kind):
            views.read("name", entity.id)
            views.read("links-from", entity.id)
    builder = GraphBuilder(model.index, model.views)
    drawing = builder.story()
    _ = views.gettext
    legend = [
        (kind, _(COLLECTION_TITLES[kind])) for kind in STORY_KINDS if model.index.by_collection(kind)
    ]
    yield model.renderer.page(
        urls.page_file(urls.GRAPH), "graph.html",
        title=_("Connections"),
        description=_("How the people, institutions, agreements, places and events of %(site)s are linked.") % {
            "site": model.index.config.title},
        drawing=drawing, legend=legend, section="graph",
    )
