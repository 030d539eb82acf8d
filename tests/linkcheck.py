"""A small crawler for tests: every internal link, asset and anchor in a built site must resolve."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def target_file(site: Path, base_path: str, url_path: str) -> Path | None:
    if not url_path.startswith(base_path):
        return None
    relative = unquote(url_path[len(base_path):])
    candidate = site / relative
    if relative == "" or relative.endswith("/"):
        candidate = candidate / "index.html"
    return candidate


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    """Every internal href/src in every HTML page that does not resolve, as 'page: url'."""
    problems: list[str] = []
    ids_cache: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids_cache:
            doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            ids_cache[page] = {tag["id"] for tag in doc.find_all(id=True)}
        return ids_cache[page]

    for page in sorted(site.rglob("*.html")):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in doc.find_all(["a", "link", "script", "img"]):
            url = tag.get("href") or tag.get("src")
            if not url or url.startswith(("http://", "https://", "mailto:")):
                continue
            parts = urlsplit(url)
            if parts.path == "":
                target = page
            else:
                target = target_file(site, base_path, parts.path)
                if target is None or not target.is_file():
                    problems.append(f"{page.relative_to(site)}: {url}")
                    continue
            if parts.fragment and target.suffix == ".html" and parts.fragment not in ids_of(target):
                problems.append(f"{page.relative_to(site)}: {url} (missing anchor)")
    return problems
