"""`SiteModel`: the loaded site, everything the renderer and the producers need, built once.

The build (`explainer.build.pipeline.load_site`) makes it; the producers in this layer read it and
return output files; the writer renders its jobs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from explainer.core.options import BuildOptions
from explainer.core.timing import StageTimer
from explainer.markup.convert import ConvertedText
from explainer.render.renderer import Renderer
from explainer.site.index import SiteIndex
from explainer.site.said import Said
from explainer.site.timeline import TimelineEntry
from explainer.views.builder import ViewBuilder
from explainer.views.keys import Fragments


@dataclass
class SiteModel:
    """Everything the render stage needs, built once."""

    options: BuildOptions
    index: SiteIndex
    converted: ConvertedText
    timeline: list[TimelineEntry]
    views: ViewBuilder
    renderer: Renderer
    timer: StageTimer
    rendered: list[str] = field(default_factory=list)
    search: bool = False
    notes: list[str] = field(default_factory=list)
    linkset: str = ""
    # The entities that changed since the last written model, when this one was patched from it.
    changed: list[str] | None = None
    fragments: Fragments | None = None  # while the producers run
    # Set by the preview server when newer edits wait: the finishing steps may stop early.
    interrupt: threading.Event | None = None
    # The site's editions in its other languages, each a model of its own (`pipeline.load_site`).
    editions: list[SiteModel] = field(default_factory=list)
    # What the whole-site checks said at each entity, when the build keeps it for the next
    # (`build.provenance`; the preview server's builds).
    said: Said | None = None
