"""Where the preview's additions go in a page, and what the error banner says."""

from __future__ import annotations

from bs4 import BeautifulSoup

from explainer.preview.overlay import Overlay, body_start


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
