"""`build.py serve`, over real HTTP: the "Source" control on each page, `--editor`, and the error
overlay's paths; and that none of it is ever in a published build.

What runs is `explainer.preview.sources` (which files a page comes from, after every rebuild),
`explainer.preview.overlay` (the markup) and `explainer.preview.editor` (the `--editor` option).
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, build
from serverproc import ServerProcess, edit

PERSON = "content/people/ana-nunez.yaml"
MARKUP = ("explainer-preview-sources", "explainer-preview-path", "data-explainer-copy", "data-explainer-preview", "/_preview/")


def control(response) -> BeautifulSoup | None:
    return BeautifulSoup(response.text, "html.parser").select_one("aside.explainer-preview-sources")


def paths(response) -> list[str]:
    found = control(response)
    assert found is not None
    return [entry.get_text() for entry in found.select("li .explainer-preview-path")]


@pytest.fixture
def server(full_site):
    with ServerProcess(full_site) as running:
        yield running


def test_each_page_names_the_files_it_was_made_from(server, full_site):
    assert paths(server.get("/people/ana-nunez/")) == [PERSON]
    assert paths(server.get("/people/oystein-berg/")) == ["content/people.yaml:1"]
    assert paths(server.get("/people/")) == ["content/people/", "content/people.yaml"]
    assert paths(server.get("/articles/lease-agreed/")) == ["content/articles/lease-agreed.md"]
    assert paths(server.get("/sources/harbour-report/")) == ["content/sources/harbour-report.yaml",
                                                            "seeds/harbour-report.txt"]
    for page in ("/", "/graph/", "/no/such/page/"):
        assert control(server.get(page)) is None, page

    # Without --editor, each path is a button that copies it, with a status line to say so.
    person = control(server.get("/people/ana-nunez/"))
    [button] = person.select("li button")
    assert (button["type"], button["data-explainer-copy"]) == ("button", PERSON)
    assert person.select_one("[role=status]")["aria-live"] == "polite"
    assert server.get("/_preview/copy.js").headers["Content-Type"] == "text/javascript; charset=utf-8"

    # The files and lines are those of the content as it is now.
    lines = full_site / "content/people.yaml"
    lines.write_text("# The people of the story.\n\n" + lines.read_text(encoding="utf-8"), encoding="utf-8")
    server.wait_for_build(server.status()["generation"])
    assert paths(server.get("/people/oystein-berg/")) == ["content/people.yaml:3"]


def test_the_control_is_never_in_the_output(full_site, tmp_path):
    # The preview's own output folder holds the pages as built; the control is added as they are served.
    with ServerProcess(full_site, "--editor", "vscode", out=tmp_path / "preview") as server:
        assert control(server.get("/people/ana-nunez/")) is not None
        generation = server.status()["generation"]
        edit(full_site / PERSON, "who announced the lease.", "who announced the lease twice.")
        server.wait_for_build(generation)
        assert control(server.get("/people/ana-nunez/")) is not None
    assert build(full_site).code == 0
    for folder in (tmp_path / "preview", full_site / "site"):
        pages = sorted(folder.rglob("*.html"))
        assert pages
        for page in pages:
            text = page.read_text(encoding="utf-8")
            assert not [m for m in MARKUP if m in text], page


def test_with_an_editor_the_paths_open_it_at_the_line(full_site):
    with ServerProcess(full_site, "--editor", "vscode") as server:
        person = control(server.get("/people/oystein-berg/"))
        assert [(a["href"], a.get_text()) for a in person.select("li a")] == [
            (f"vscode://file{full_site / 'content/people.yaml'}:1", "content/people.yaml:1"),
        ]
        assert "open it in VS Code" in person.get_text()
        assert person.select("button, [role=status]") == []

        generation = server.status()["generation"]
        edit(full_site / PERSON, "aliases: [Núñez]", "aliases: [Núñez")
        server.wait_for_build(generation)
        page = BeautifulSoup(server.get("/people/ana-nunez/").text, "html.parser")
        [link] = page.select(".explainer-preview-errors li code a")
        assert (link["href"], link.get_text()) == (f"vscode://file{full_site / PERSON}:3", f"{PERSON}:3")
        assert page.select_one(".explainer-preview-errors li code").get_text().startswith(f"{PERSON}:3: error: ")
        assert page.select("script[src='/_preview/copy.js']") == []


def test_without_an_editor_the_overlays_paths_are_buttons(server, full_site):
    generation = server.status()["generation"]
    edit(full_site / PERSON, "aliases: [Núñez]", "aliases: [Núñez")
    server.wait_for_build(generation)
    banner = BeautifulSoup(server.get("/").text, "html.parser").select_one(".explainer-preview-errors")
    [button] = banner.select("li code button")
    assert button["data-explainer-copy"] == f"{PERSON}:3"
    assert banner.select_one("[role=status]") is not None


@pytest.mark.parametrize("value", ["code", "myeditor://open?line={line}"])
def test_an_editor_option_that_names_nothing_is_a_usage_error(full_site, value):
    run = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "serve", "--port", "0", "--editor", value,
         "--content", str(full_site / "content"), "--out", str(full_site / "site")],
        cwd=full_site, capture_output=True, text=True, timeout=60,
    )
    assert run.returncode == 2
    assert run.stderr.startswith(f"build.py: error: --editor: '{value}' is not one of vscode, vscodium, idea, "
                                 "sublime, nor a URL template with {path}")
    assert run.stdout == "" and not (full_site / "site").exists()
