"""Which content files each page comes from (`explainer.preview.sources`), and the addresses that
open a file in the writer's editor (`explainer.preview.editor`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.build.pipeline import BuildOptions, load_site
from explainer.core.errors import Reporter
from explainer.preview.editor import EDITORS, Editor, editor_from_option
from explainer.preview.sources import PageSources, SourceFile

SITE = """
-- content/site.yaml --
title: Harbour
-- content/people/ana-nunez.yaml --
name: Ana Núñez
summary: Harbour master; see [[oystein-berg]] and [[about]].
-- content/people.yaml --
# People kept in one file.
- id: oystein-berg
  name: Øystein Berg
  summary: Works with [[ana-nunez]].
- id: lars-berg
  name: Lars Berg
  summary: Works with [[ana-nunez]].
-- content/places.yaml --
- id: port-alba
  name: Port Alba
  summary: Where [[ana-nunez]] works.
-- content/sources/harbour-report.yaml --
title: Harbour report
file: seeds/harbour report.txt
-- seeds/harbour report.txt --
The harbour opened in spring.
-- content/articles/lease-agreed.md --
---
title: Lease agreed
date: 2024-05-01
sources: [harbour-report]
---
[[ana-nunez]] signed the lease.
-- content/pages/about.md --
---
title: About
---
About [[port-alba]].
"""


@pytest.fixture
def sources(site_root, monkeypatch, tmp_path) -> PageSources:
    root = site_root(SITE)
    monkeypatch.chdir(root)  # paths are shown as the build's messages show them: from here
    model = load_site(BuildOptions(Path("content"), tmp_path / "out", workers=1), Reporter(root))
    return PageSources(model)


def found(sources: PageSources, page: str) -> list[tuple[str, int | None]]:
    return [(f.label, f.line) for f in sources.of(page)]


def test_a_record_in_its_own_file(sources):
    assert sources.of("people/ana-nunez/index.html") == (
        SourceFile(Path.cwd() / "content/people/ana-nunez.yaml", "content/people/ana-nunez.yaml"),
    )


def test_a_record_of_a_list_file_comes_with_its_line(sources):
    assert found(sources, "people/oystein-berg/index.html") == [("content/people.yaml:2", 2)]
    assert found(sources, "people/lars-berg/index.html") == [("content/people.yaml:5", 5)]
    assert found(sources, "places/port-alba/index.html") == [("content/places.yaml:1", 1)]
    [lars] = sources.of("people/lars-berg/index.html")
    assert lars.path == Path.cwd() / "content/people.yaml"


def test_articles_and_pages_come_from_their_markdown_file(sources):
    assert found(sources, "articles/lease-agreed/index.html") == [("content/articles/lease-agreed.md", None)]
    assert found(sources, "pages/about/index.html") == [("content/pages/about.md", None)]


def test_a_source_page_names_its_document_in_seeds(sources):
    assert found(sources, "sources/harbour-report/index.html") == [
        ("content/sources/harbour-report.yaml", None), ("seeds/harbour report.txt", None),
    ]


def test_a_list_page_comes_from_the_collections_folder_and_list_file(sources):
    assert found(sources, "people/index.html") == [("content/people/", None), ("content/people.yaml", None)]
    assert sources.of("people/index.html")[0].path == Path.cwd() / "content/people"
    assert found(sources, "places/index.html") == [("content/places.yaml", None)]
    assert found(sources, "sources/index.html") == [("content/sources/", None)]


def test_pages_made_from_nothing_in_particular_list_nothing(sources):
    for page in ("index.html", "404.html", "timeline/index.html", "quotes/index.html", "graph/index.html",
                 "no/such/page/index.html"):
        assert sources.of(page) == (), page


def test_list_pages_of_collections_shown_elsewhere(site_root, monkeypatch, tmp_path):
    root = site_root(SITE + """
-- content/events.yaml --
- id: lease-signed
  title: Lease signed
  date: 2024-05-01
  participants: [ana-nunez]
-- content/glossary/lease.yaml --
term: lease
definition: A contract to rent.
""")
    monkeypatch.chdir(root)
    sources = PageSources(load_site(BuildOptions(Path("content"), tmp_path / "out", workers=1), Reporter(root)))
    assert found(sources, "timeline/index.html") == [("content/events.yaml", None)]
    assert found(sources, "glossary/index.html") == [("content/glossary/", None)]
    assert found(sources, "glossary/lease/index.html") == [("content/glossary/lease.yaml", None)]


# editors ------------------------------------------------------------------------------------------
PATH = Path("/home/writer/My Stories/content/people/núñez.yaml")
ENCODED = "/home/writer/My%20Stories/content/people/n%C3%BA%C3%B1ez.yaml"


def test_the_named_editors_open_a_file_at_a_line():
    assert EDITORS["vscode"].url(PATH, 12) == f"vscode://file{ENCODED}:12"
    assert EDITORS["vscodium"].url(PATH, 12) == f"vscodium://file{ENCODED}:12"
    assert EDITORS["idea"].url(PATH, 12) == f"idea://open?file={ENCODED}&line=12"
    assert EDITORS["sublime"].url(PATH, 12) == f"subl://open?url=file://{ENCODED}&line=12"


def test_a_whole_file_has_no_line():
    assert EDITORS["vscode"].url(PATH) == f"vscode://file{ENCODED}"
    assert EDITORS["idea"].url(PATH) == f"idea://open?file={ENCODED}"
    assert EDITORS["sublime"].url(PATH) == f"subl://open?url=file://{ENCODED}"


def test_characters_that_would_change_the_address_are_encoded():
    odd = Path("/tmp/a:b#c?d&e=f%g.yaml")
    assert EDITORS["vscode"].url(odd, 3) == "vscode://file/tmp/a%3Ab%23c%3Fd%26e%3Df%25g.yaml:3"
    assert EDITORS["idea"].url(odd, 3) == "idea://open?file=/tmp/a%3Ab%23c%3Fd%26e%3Df%25g.yaml&line=3"


def test_a_relative_path_is_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert EDITORS["vscode"].url("content/people.yaml", 2) == f"vscode://file{tmp_path}/content/people.yaml:2"


def test_the_option_names_an_editor_or_gives_a_template():
    assert editor_from_option("vscode") is EDITORS["vscode"]
    assert editor_from_option("Sublime") is EDITORS["sublime"]
    custom = editor_from_option("myeditor://open?file={path}&line={line}")
    assert custom == Editor("your editor", "myeditor://open?file={path}&line={line}")
    assert custom.url(PATH, 7) == f"myeditor://open?file={ENCODED}&line=7"
    assert custom.url(PATH) == f"myeditor://open?file={ENCODED}&line=1"  # a whole file: line 1
    assert editor_from_option("emacs://{path}").url(PATH, 4) == f"emacs://{ENCODED}"


@pytest.mark.parametrize("value", ["code", "vim", "myeditor://open?line={line}", "", "{path}:{line}",
                                   "javascript:alert('{path}')"])
def test_values_that_are_neither_are_refused(value):
    with pytest.raises(ValueError) as refused:
        editor_from_option(value)
    assert "{path}" in str(refused.value)
