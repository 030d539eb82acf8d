"""The glossary as data: the producer of `/glossary.json` (its shape is in docs/outputs.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from explainer.produce.site import SiteModel
from explainer.render.renderer import PageOutput
from explainer.views.glossary import glossary_json


def glossary_files(model: SiteModel) -> Iterable[PageOutput]:
    """The producer of `glossary.json`."""
    model.views.read_all(model.renderer.glossary_reads)
    data = glossary_json(model.views, model.renderer.glossary)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    yield PageOutput("glossary.json", text.encode("utf-8"))
