"""explainer: a static-site generator for newsroom explainers.

A build is a pipeline of plain stages (see `build.pipeline`; `build.command.build_site` runs them):
load (`loader`) → validate (`loader`, `index`) → index (`index`, `linking`) → render (`render`) →
write (`output`).
"""

__version__ = "0.1.0"
