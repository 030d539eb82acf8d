"""The glossary as data: the producer of `/glossary.json`, and of one file per letter
(`/glossary/a.json`, the letters of `explainer.site.letters`); the shape is in docs/outputs.md."""

from __future__ import annotations

import json
from collections.abc import Iterable

from explainer.produce.site import SiteModel
from explainer.render.renderer import PageOutput
from explainer.site import urls
from explainer.site.letters import page_letter
from explainer.views.glossary import glossary_json


def _json_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def glossary_files(model: SiteModel) -> Iterable[PageOutput]:
    """The producer of `glossary.json` and of each letter's file."""
    model.views.read_all(model.renderer.glossary_reads)
    data = glossary_json(model.views, model.renderer.glossary)
    yield PageOutput("glossary.json", _json_bytes(data))
    letters: dict[str, list[dict]] = {}
    for term in data["terms"]:
        letters.setdefault(page_letter(term["term"], model.index.config.language), []).append(term)
    for letter, terms in sorted(letters.items()):
        yield PageOutput(urls.glossary_letter_file(urls.letter_slug(letter)), _json_bytes({**data, "terms": terms}))
