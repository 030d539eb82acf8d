"""What a build is asked to do: `BuildOptions`, and where the engine's own templates and static files are."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from explainer.core.parallel import default_workers
from explainer.core.progress import Progress

ENGINE_DIR = Path(__file__).resolve().parents[2]  # the project root: templates/ and static/


@dataclass(frozen=True)
class BuildOptions:
    content_dir: Path
    out_dir: Path
    base_url: str | None = None
    strict: bool = False
    workers: int = field(default_factory=default_workers)
    search: bool = True  # index the output with Pagefind when it is installed
    edit_url: str | None = None  # overrides site.yaml's edit_url (ends with "/")
    # Told how far the build has got (`explainer.core.progress`); by default, no one is.
    progress: Progress = field(default_factory=Progress, compare=False, repr=False)

    @property
    def root(self) -> Path:
        """The site root: the folder holding `content/` and `seeds/`."""
        return self.content_dir.resolve().parent

    @property
    def template_dirs(self) -> list[Path]:
        return _unique([self.root / "templates", ENGINE_DIR / "templates"])

    @property
    def static_dirs(self) -> list[Path]:
        return _unique([self.root / "static", ENGINE_DIR / "static"])


def _unique(paths: list[Path]) -> list[Path]:
    seen: list[Path] = []
    for path in paths:
        if path.resolve() not in [p.resolve() for p in seen]:
            seen.append(path)
    return seen
