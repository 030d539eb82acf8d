""""Edit this page": `edit_url` in site.yaml (or `--edit-url`) links every page made from a content
file to that file (explainer.site.urls.edit_link), and without it no page changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, soup

from explainer.site.urls import edit_link

EDIT = "https://github.com/org/repo/edit/main/"


def edit_links(page: Path) -> list[str]:
    found = soup(page).select("main .edit-link a")
    for link in found:
        assert link.get_text() == "Edit this page"
    return [link["href"] for link in found]


def with_edit_url(root: Path, line: str) -> None:
    site = root / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


@pytest.fixture
def edited(full_site: Path) -> Path:
    with_edit_url(full_site, f"edit_url: {EDIT}")
    result = build(full_site)
    assert result.code == 0, result.err
    return full_site / "site"


@pytest.mark.parametrize(("page", "file"), [
    ("people/ana-nunez", "people/ana-nunez.yaml"),  # a file of its own
    ("people/oystein-berg", "people.yaml"),  # a record of a list file: the list file
    ("institutions/harbour-council", "institutions/harbour-council.yaml"),
    ("institutions/nordlys-shipping", "institutions.yaml"),
    ("agreements/terminal-lease", "agreements/terminal-lease.yaml"),
    ("agreements/crew-pledge", "agreements.yaml"),
    ("places/port-alba", "places/port-alba.yaml"),
    ("places/norway", "places.yaml"),
    ("sources/harbour-report", "sources/harbour-report.yaml"),
    ("sources/council-minutes", "sources.yaml"),
    ("glossary/lease", "glossary/lease.yaml"),  # a glossary term's own page
    ("glossary/ferry", "glossary.yaml"),
    ("articles/lease-agreed", "articles/lease-agreed.md"),
    ("pages/about", "pages/about.md"),
])
def test_each_page_made_from_a_file_links_to_that_file(edited, page, file):
    assert edit_links(edited / page / "index.html") == [f"{EDIT}content/{file}"]


def test_pages_made_from_many_files_have_no_edit_link(edited):
    for page in ("index.html", "people/index.html", "timeline/index.html", "glossary/index.html",
                 "quotes/index.html", "graph/index.html", "404.html"):
        assert edit_links(edited / page) == [], page


def test_the_link_is_marked_up_for_readers_and_left_out_of_search(edited):
    paragraph = soup(edited / "people/ana-nunez/index.html").select_one("main .edit-link")
    assert paragraph.name == "p" and "data-pagefind-ignore" in paragraph.attrs
    assert paragraph.a["rel"] == ["nofollow"]


def test_without_edit_url_no_page_has_the_link(full_site):
    result = build(full_site)
    assert result.code == 0, result.err
    pages = list((full_site / "site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert "edit-link" not in page.read_text(encoding="utf-8"), page


def test_edit_url_gets_its_slash_and_the_command_line_overrides_it(full_site):
    with_edit_url(full_site, "edit_url: https://git.example.org/desk/explainer/-/edit/draft")
    assert build(full_site).code == 0
    page = full_site / "site/people/ana-nunez/index.html"
    assert edit_links(page) == ["https://git.example.org/desk/explainer/-/edit/draft/content/people/ana-nunez.yaml"]
    assert build(full_site, "--edit-url", "https://example.org/edit").code == 0
    assert edit_links(page) == ["https://example.org/edit/content/people/ana-nunez.yaml"]
    assert build(full_site).code == 0  # the build cache knows the two apart
    assert edit_links(page) == ["https://git.example.org/desk/explainer/-/edit/draft/content/people/ana-nunez.yaml"]


def test_a_bad_edit_url_is_an_error_at_its_line(full_site):
    with_edit_url(full_site, "edit_url: github.com/org/repo/edit/main/")
    result = build(full_site)
    assert result.code == 1
    line = len((full_site / "content/site.yaml").read_text(encoding="utf-8").splitlines())
    assert result.lines[0] == (
        f"content/site.yaml:{line}: error: invalid edit URL 'github.com/org/repo/edit/main/': give the full "
        "https:// address that a file's path from the site root is added to, such as "
        "https://github.com/org/repo/edit/main/"
    )
    with_edit_url(full_site, "")
    bad = build(full_site, "--edit-url", "https://example.org/edit?file=")
    assert bad.code == 2
    assert bad.err == (
        "build.py: error: --edit-url: invalid edit URL 'https://example.org/edit?file=': it may not contain "
        "spaces, quotes, '?', '#' or backslashes\n"
    )


def test_the_path_is_from_the_site_root_and_escaped(tmp_path):
    content = tmp_path / "the story" / "content"
    assert edit_link(EDIT, content, content / "people" / "ana.yaml") == f"{EDIT}content/people/ana.yaml"
    assert edit_link(EDIT, tmp_path / "cecot", tmp_path / "cecot/events.yaml") == f"{EDIT}cecot/events.yaml"
    assert edit_link(EDIT, tmp_path / "año", tmp_path / "año/pages/a.md") == f"{EDIT}a%C3%B1o/pages/a.md"
