"""Where the preview's additions go in a page, what the error banner says, and the "Source"
control (`explainer.preview.overlay`)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from explainer.preview.editor import EDITORS
from explainer.preview.overlay import Overlay, body_start
from explainer.preview.sources import SourceFile


def test_body_start_is_found_by_parsing():
    page = "<!doctype html>\n<html>\n<head><title>t</title></head>\n<body class='x'>\n<p>hi</p></body></html>"
    assert page[: body_start(page)].endswith("<body class='x'>")
    # A "<body>" in a script, a comment or an attribute value is not the body.
    tricky = ('<html><head><script>var s = "<body>";</script><!-- <body> -->'
              '<meta content="<body>"></head>\n<BODY\n data-a="1>2">text')
    assert tricky[body_start(tricky):] == "text"


def test_body_start_deep_in_a_long_head():
    page = "<html><head>" + "<meta name='a' content='b'>\n" * 2000 + "</head><body>X"
    assert page[body_start(page):] == "X"


def test_no_body_tag():
    assert body_start("<p>just a fragment") is None


def test_scripts_without_errors():
    page = Overlay().inject(b"<!doctype html><html><head></head><body><p>x</p></body></html>", [], 8123)
    soup = BeautifulSoup(page, "html.parser")
    assert [s["src"] for s in soup.body.find_all("script")] == ["/_preview/live-css.js", "/livereload.js?port=8123"]
    assert soup.select(".explainer-preview-errors") == []
    assert soup.body.p.get_text() == "x"


def test_error_banner_escapes_and_lists_every_error():
    errors = ["content/people/a.yaml:3: error: <script>alert(1)</script>", "content/b.md:1: error: 'x' & \"y\""]
    page = Overlay().inject("<html><body><p>é</p></body></html>".encode(), errors, 8000)
    soup = BeautifulSoup(page, "html.parser")
    banner = soup.body.find("div", recursive=False)
    assert banner["class"] == ["explainer-preview-errors"] and banner["role"] == "alert"
    assert [code.get_text() for code in banner.select("li code")] == errors
    assert banner.summary.get_text() == "The site was not rebuilt: 2 errors. This page is from the last good build."
    assert soup.find("script")["src"] == "/_preview/live-css.js"
    assert b"<script>alert(1)" not in page
    assert soup.body.p.get_text() == "é"


def test_bytes_that_are_not_utf8_pass_through():
    page = b"<html><body>\xff\xfe</body></html>"
    injected = Overlay().inject(page, [], 1)
    assert injected.startswith(b"<html><body>\n") and injected.endswith(b"\xff\xfe</body></html>")


def test_page_without_body_tag_gets_the_additions_at_the_end():
    injected = Overlay().inject(b"<p>fragment</p>", ["x:1: error: y"], 1).decode()
    assert injected.startswith("<p>fragment</p>")
    assert "explainer-preview-errors" in injected


def test_an_ipv6_host_is_passed_to_the_live_reload_script():
    # livereload.js reads host and port from its own URL, which it cannot do for "[::1]:8000".
    page = Overlay().inject(b"<html><body></body></html>", [], 8000, host="[::1]")
    assert BeautifulSoup(page, "html.parser").select("script")[1]["src"] == "/livereload.js?port=8000&host=[::1]"
    page = Overlay().inject(b"<html><body></body></html>", [], 8000, host="localhost")
    assert BeautifulSoup(page, "html.parser").select("script")[1]["src"] == "/livereload.js?port=8000"


# the "Source" control and the paths of the banner --------------------------------------------------
PAGE = b"<!doctype html><html><head></head><body><main><p>x</p></main><footer>f</footer></body></html>"


def test_the_source_control_lists_the_files_before_the_end_of_the_body(tmp_path):
    sources = [SourceFile(tmp_path / "content/people.yaml", "content/people.yaml", 12),
               SourceFile(tmp_path / "seeds/a b.txt", "seeds/a b.txt")]
    soup = BeautifulSoup(Overlay().inject(PAGE, [], 8000, sources=sources), "html.parser")
    control = soup.body.contents[-1]
    assert control.name == "aside" and control["class"] == ["explainer-preview-sources"]
    assert control["aria-label"] == "Source files of this page"
    assert control.find_previous_sibling().name == "footer"  # after the page's own content
    assert control.details.summary.get_text() == "Source"
    assert "open" not in control.details.attrs  # closed until asked for
    buttons = control.select("li button")
    assert [(b["type"], b["data-explainer-copy"], b.get_text()) for b in buttons] == [
        ("button", "content/people.yaml:12", "content/people.yaml:12"),
        ("button", "seeds/a b.txt", "seeds/a b.txt"),
    ]
    assert "Select a path to copy it." in control.p.get_text()
    status = control.select_one("[role=status]")
    assert status["aria-live"] == "polite" and status.get_text() == ""
    scripts = [s["src"] for s in soup.select("script[data-explainer-preview]")]
    assert scripts == ["/_preview/live-css.js", "/livereload.js?port=8000", "/_preview/copy.js"]
    assert [link["href"] for link in soup.select("link[data-explainer-preview]")] == ["/_preview/overlay.css"]


def test_with_an_editor_the_paths_are_links(tmp_path):
    sources = [SourceFile(tmp_path / "content/people.yaml", "content/people.yaml", 12),
               SourceFile(tmp_path / "content/people", "content/people/")]
    soup = BeautifulSoup(Overlay(EDITORS["vscode"]).inject(PAGE, [], 8000, sources=sources), "html.parser")
    links = soup.select(".explainer-preview-sources li a")
    assert [(a["href"], a.get_text()) for a in links] == [
        (f"vscode://file{tmp_path}/content/people.yaml:12", "content/people.yaml:12"),
        (f"vscode://file{tmp_path}/content/people", "content/people/"),
    ]
    assert "Select a path to open it in VS Code." in soup.aside.p.get_text()
    assert soup.select("button, [role=status], script[src='/_preview/copy.js']") == []


def test_a_page_from_nothing_in_particular_has_no_control():
    soup = BeautifulSoup(Overlay().inject(PAGE, [], 8000, sources=()), "html.parser")
    assert soup.select("aside, link, script[src='/_preview/copy.js']") == []


def test_the_control_goes_before_the_last_closing_body_tag(tmp_path):
    # "İ" is two characters once lower-cased: the tag is found in the page as it is.
    page = '<html><body><p>İstanbul</p><script>var s = "</body>";</script>\n</BODY></html>'.encode()
    html = Overlay().inject(page, [], 1, sources=[SourceFile(tmp_path / "a.md", "a.md")]).decode()
    assert html.index("<aside") > html.index("\"</body>\";</script>")
    assert html.endswith("</aside></BODY></html>") and "<p>İstanbul</p>" in html


def test_without_body_tags_the_additions_follow_the_page(tmp_path):
    page = Overlay().inject(b"<p>fragment</p>", [], 1, sources=[SourceFile(tmp_path / "a.md", "a.md")]).decode()
    assert page.startswith("<p>fragment</p><aside ")
    assert page.index("</aside>") < page.index("<script")


def test_the_banners_paths_become_buttons_or_links(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content/people").mkdir(parents=True)
    (tmp_path / "content/people/ana.yaml").write_text("name: Ana\n", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/record.html").write_text("{% if %}\n", encoding="utf-8")
    errors = [
        "content/people/ana.yaml:3: error: invalid YAML: did not find expected ',' or ']'",
        "error: templates/record.html:1: template error: Expected an expression",
        "content/gone.yaml:2: error: not a file that exists",
        "error: the build stopped: ZeroDivisionError: integer division or modulo by zero",
    ]
    soup = BeautifulSoup(Overlay().inject(PAGE, errors, 8000), "html.parser")
    banner = soup.select_one(".explainer-preview-errors")
    assert [code.get_text() for code in banner.select("li code")] == errors  # the same text
    assert [(b.parent.name, b["data-explainer-copy"]) for b in banner.select("button")] == [
        ("code", "content/people/ana.yaml:3"), ("code", "templates/record.html:1"),
    ]
    assert banner.select_one("[role=status]")["aria-live"] == "polite"
    assert soup.select("script[src='/_preview/copy.js']")

    soup = BeautifulSoup(Overlay(EDITORS["idea"]).inject(PAGE, errors, 8000), "html.parser")
    banner = soup.select_one(".explainer-preview-errors")
    assert [code.get_text() for code in banner.select("li code")] == errors
    assert [a["href"] for a in banner.select("li code a")] == [
        f"idea://open?file={tmp_path}/content/people/ana.yaml&line=3",
        f"idea://open?file={tmp_path}/templates/record.html&line=1",
    ]
    assert banner.select("button, [role=status]") == []


def test_the_copy_script_is_served():
    assert b"navigator.clipboard" in Overlay.asset("copy.js")
    assert Overlay.asset("sources.html") is None
