"""`build.py serve`, over real HTTP: pages, rebuilds on save, the error overlay, path safety, stopping.

Each test starts the server in a subprocess on a free port for a copy of a fixture site, edits
files the way an editor saves them, and watches the status endpoint and the terminal output.
What runs is `explainer.preview.server` (its life from start to Ctrl-C), `explainer.preview.handlers`
(what each request gets) and `explainer.preview.session` (the builds, and whom to reload).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, build, run_build
from serverproc import ServerProcess, edit

PERSON = "content/people/ana-nunez.yaml"
SUMMARY = "who announced the lease."
REBUILD_LINE = r"^{changed} changed: (\d+) pages? rebuilt in \d+\.\d\d s$"


def html(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def reader_text(page: BeautifulSoup) -> str:
    """The text a reader sees, without the glossary tooltips that are shown only on hover."""
    for tip in page.select("[role=tooltip]"):
        tip.decompose()
    return page.get_text()


def overlay_lines(response) -> list[str] | None:
    """The error lines of the overlay on a served page, or None when it has none."""
    banner = html(response).select_one(".explainer-preview-errors")
    if banner is None:
        return None
    assert banner["role"] == "alert"
    return [code.get_text() for code in banner.select("li code")]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


@pytest.fixture
def server(full_site):
    with ServerProcess(full_site) as running:
        yield running


def test_serves_the_built_site_with_the_live_reload_script(server):
    home = server.get("/")
    assert home.status == 200
    assert home.headers["Content-Type"] == "text/html; charset=utf-8"
    assert home.headers["Cache-Control"] == "no-store"
    port = server.origin.rsplit(":", 1)[1]
    # the server's own scripts, besides the site's (static/preview.js)
    scripts = [s["src"] for s in html(home).select("script[data-explainer-preview]")]
    assert scripts == ["/_preview/live-css.js", f"/livereload.js?port={port}"]
    # added first thing in <body>, before the page's own markup
    assert html(home).body.find("script")["src"] == "/_preview/live-css.js"
    assert overlay_lines(home) is None
    # The page itself is the built file, plus only the preview's additions.
    built = (server.out / "index.html").read_text(encoding="utf-8")
    assert html(home).title.string == BeautifulSoup(built, "html.parser").title.string

    person = server.get("/people/ana-nunez/")
    assert person.status == 200
    assert html(person).h1.get_text(strip=True) == "Ana Núñez"
    assert server.get("/people/ana-nunez/index.html").body == person.body

    stylesheet = html(person).find("link", rel="stylesheet")["href"]
    css = server.get(stylesheet)
    assert css.status == 200
    assert css.headers["Content-Type"] == "text/css; charset=utf-8"
    assert css.body == (server.out / stylesheet.lstrip("/")).read_bytes()

    script = server.get("/livereload.js")
    assert script.status == 200 and b"LiveReload" in script.body
    assert server.get("/_preview/live-css.js").status == 200
    assert server.get("/_preview/overlay.css").headers["Content-Type"] == "text/css; charset=utf-8"

    head = server.get("/people/ana-nunez/", method="HEAD")
    assert head.status == 200 and head.body == b""
    assert head.headers["Content-Length"] == str(len(person.body))

    folder = server.get("/people")
    assert (folder.status, folder.headers["Location"]) == (302, "/people/")

    missing = server.get("/people/nobody/")
    assert missing.status == 404
    assert html(missing).title.get_text().startswith("Page not found")


def test_editing_a_record_rewrites_exactly_the_pages_that_changed(full_site, tmp_path):
    # What a clean build writes differently after the edit is what the server must write.
    assert build(full_site).code == 0
    before = tree(full_site / "site")
    with ServerProcess(full_site, out=tmp_path / "preview") as server:
        assert server.get("/people/ana-nunez/").status == 200
        generation = server.status()["generation"]
        edit(full_site / PERSON, SUMMARY, "who signed the lease in the rain.")
        status = server.wait_for_build(generation)

        assert run_build("build", "--content", str(full_site / "content"), "--out", str(full_site / "site")).code == 0
        # The search index is rebuilt after the pages and is not counted as a rewritten page.
        expected = {p for p in changed_files(before, tree(full_site / "site")) if not p.startswith("pagefind/")}
        assert status["ok"] and status["errors"] == []
        assert status["last"]["changed"] == [PERSON]
        assert set(status["last"]["written"]) == expected
        assert status["last"]["removed"] == []
        assert "people/ana-nunez/index.html" in expected and "people/index.html" in expected
        assert "timeline/index.html" not in expected
        # the home page's key people show her summary; the glossary term her summary names lists her
        # by name only, under "Connected to", so it is left as it was
        assert "index.html" in expected and "glossary/lease/index.html" not in expected

        line = server.wait_for_line(REBUILD_LINE.format(changed=re.escape(PERSON)))
        assert int(re.match(REBUILD_LINE.format(changed=re.escape(PERSON)), line).group(1)) == len(expected)

        page = html(server.get("/people/ana-nunez/"))
        assert "who signed the lease in the rain." in reader_text(page)
        # The served folder is byte for byte a clean build of the edited content.
        assert tree(tmp_path / "preview") == tree(full_site / "site")


def test_broken_yaml_shows_the_errors_on_every_page_until_fixed(server, full_site, tmp_path):
    original = (full_site / PERSON).read_text(encoding="utf-8")
    generation = server.status()["generation"]
    edit(full_site / PERSON, "aliases: [Núñez]", "aliases: [Núñez")
    status = server.wait_for_build(generation)

    # The same lines the CLI prints for the same content.
    cli = build(full_site)
    assert cli.code == 1
    expected = cli.lines[:-1]
    assert expected == ["content/people/ana-nunez.yaml:3: error: invalid YAML: did not find expected ',' or ']'"]
    assert status["ok"] is False and status["errors"] == expected

    for path in ("/", "/people/ana-nunez/", "/glossary/lease/", "/no/such/page/"):
        assert overlay_lines(server.get(path)) == expected, path
    # The last good site is still served.
    assert SUMMARY in reader_text(html(server.get("/people/ana-nunez/")))

    server.wait_for_line(r"^content/people/ana-nunez\.yaml changed: build failed with 1 error; "
                         r"still serving the last good site$")
    server.wait_for_line("^" + re.escape(expected[0]) + "$")

    generation = status["generation"]
    (full_site / PERSON).write_text(original, encoding="utf-8")
    status = server.wait_for_build(generation)
    assert status["ok"] is True and status["errors"] == []
    assert overlay_lines(server.get("/people/ana-nunez/")) is None
    server.wait_for_line(r"^content/people/ana-nunez\.yaml changed: errors fixed, 0 pages rebuilt in \d+\.\d\d s$")


def test_a_broken_template_is_shown_and_the_site_still_served(full_site):
    templates = full_site / "templates"
    templates.mkdir()
    shutil.copy(REPO / "templates" / "record.html", templates / "record.html")
    with ServerProcess(full_site) as server:
        generation = server.status()["generation"]
        text = (templates / "record.html").read_text(encoding="utf-8")
        (templates / "record.html").write_text("{% if %}\n" + text, encoding="utf-8")
        status = server.wait_for_build(generation)
        [error] = status["errors"]
        assert error.startswith("error: ") and "record.html:1: template error: " in error
        assert overlay_lines(server.get("/people/ana-nunez/")) == [error]

        # A mistake in an expression, found as the page renders, is shown the same way, with its line.
        generation = status["generation"]
        (templates / "record.html").write_text("<p>\n{{ 1 // 0 }}\n" + text, encoding="utf-8")
        status = server.wait_for_build(generation)
        [error] = status["errors"]
        assert error.startswith("error: ") and error.endswith(
            "record.html:2: template error: ZeroDivisionError: integer division or modulo by zero"
        )
        assert server.get("/").status == 200

        generation = status["generation"]
        (templates / "record.html").write_text(text, encoding="utf-8")
        status = server.wait_for_build(generation)
        assert status["ok"] and overlay_lines(server.get("/people/ana-nunez/")) is None
        assert server.process.poll() is None


def test_a_templates_folder_created_while_serving_is_watched(server, full_site):
    generation = server.status()["generation"]
    templates = full_site / "templates"
    templates.mkdir()
    (templates / "404.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Lost at sea</h1>{% endblock %}\n', encoding="utf-8")
    server.wait_until(lambda s: s["generation"] > generation and not s["building"]
                      and "404.html" in s["last"]["written"])
    assert html(server.get("/nowhere/")).h1.get_text() == "Lost at sea"

    generation = server.status()["generation"]
    (templates / "404.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Adrift</h1>{% endblock %}\n', encoding="utf-8")
    server.wait_for_build(generation)
    assert html(server.get("/nowhere/")).h1.get_text() == "Adrift"


def test_an_editor_save_is_one_rebuild_of_the_real_file(server, full_site):
    generation = server.status()["generation"]
    person = full_site / PERSON
    # Three saves in a row, each a temporary file renamed over the original, and vim's probe file.
    edit(person, SUMMARY, "who announced the lease twice.")
    probe = person.with_name("4913")
    probe.write_text("")
    probe.unlink()
    edit(person, "twice", "three times")
    edit(person, "three times", "at last")
    status = server.wait_for_build(generation)
    assert status["last"]["changed"] == [PERSON]

    # The next save is the very next build: the burst above was one.
    edit(full_site / "content/places/port-alba.yaml", "name: Port Alba", "name: Port Alba Harbour")
    status = server.wait_for_build(generation + 1)
    assert status["generation"] == generation + 2
    assert status["last"]["changed"] == ["content/places/port-alba.yaml"]
    assert "at last" in html(server.get("/people/ana-nunez/")).get_text()


def test_serves_under_the_base_url_path(full_site):
    with ServerProcess(full_site, "--base-url", "/explainers/cecot/") as server:
        assert server.url.endswith("/explainers/cecot/")
        for path in ("/", "/explainers/cecot"):
            response = server.get(path)
            assert (response.status, response.headers["Location"]) == (302, "/explainers/cecot/"), path
        home = server.get("/explainers/cecot/")
        assert home.status == 200
        assert html(home).find("a", class_="site-title")["href"] == "/explainers/cecot/"
        assert server.get("/explainers/cecot/people/ana-nunez/").status == 200
        assert server.get("/people/ana-nunez/").status == 404
        assert server.status()["base_path"] == "/explainers/cecot/"


TRAVERSALS = [
    "/../secret.txt",
    "/..%2fsecret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/%2E%2E/secret.txt",
    "/people/../../secret.txt",
    "/people/%2e%2e/%2e%2e/secret.txt",
    "/static/..%2F..%2Fsecret.txt",
    "/static/%2e%2e%5c%2e%2e%5csecret.txt",
    "/..\\secret.txt",
    "//secret.txt",
    "/./secret.txt",
    "/%00/secret.txt",
    "/escape/secret.txt",
    "/escape.txt",
    "/.hidden",
    "/static/",
    "/people/ana-nunez/..",
    "/%ff",
    "secret.txt",
    "http://127.0.0.1/../secret.txt",
]


def test_nothing_outside_the_output_folder_is_served(full_site, tmp_path):
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    with ServerProcess(full_site, out=tmp_path / "site") as server:
        # Placed after the first build, which replaces the output folder.
        (tmp_path / "site" / "escape").symlink_to(tmp_path, target_is_directory=True)
        (tmp_path / "site" / "escape.txt").symlink_to(tmp_path / "secret.txt")
        (tmp_path / "site" / ".hidden").write_text("TOP SECRET", encoding="utf-8")
        served = {}
        for target in TRAVERSALS:
            response = server.raw(target)
            served[target] = (response.status, b"TOP SECRET" in response.body)
        assert served == {target: (404, False) for target in TRAVERSALS}
        assert server.raw("/people/ana-nunez/").status == 200


def test_requests_for_another_host_name_are_refused(server):
    # A page elsewhere could point its own host name at 127.0.0.1 and read the preview.
    assert server.raw("/", host="attacker.example").status == 403
    assert server.raw("/livereload.js", host="attacker.example").status == 403
    assert server.raw("/", host=f"localhost:{server.origin.rsplit(':', 1)[1]}").status == 200


def test_starts_with_broken_content_and_serves_once_fixed(full_site):
    person = full_site / PERSON
    original = person.read_text(encoding="utf-8")
    person.write_text(original.replace("name: Ana Núñez", "nam: Ana Núñez"), encoding="utf-8")
    with ServerProcess(full_site) as server:
        assert server.wait_for_line(r"^build failed with \d+ errors?$")
        status = server.status()
        assert status["ok"] is False
        assert "content/people/ana-nunez.yaml:1: error: unknown field 'nam' in person (did you mean 'name'?)" in status["errors"]
        home = server.get("/")
        assert home.status == 404
        assert overlay_lines(home) == status["errors"]

        person.write_text(original, encoding="utf-8")
        server.wait_for_build(status["generation"])
        home = server.get("/")
        assert home.status == 200 and overlay_lines(home) is None


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_stops_cleanly_on_ctrl_c_and_sigterm(server, signum):
    assert server.stop(signum) == 0
    assert "Traceback" not in server.output
    assert server.lines[-1] == "stopped"


def children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc")
def test_ctrl_c_reaches_build_workers_without_tracebacks(tmp_path):
    # Ctrl-C goes to the whole process group, forked render workers included.
    root = tmp_path / "big"
    subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "--records", "600", "--out", str(root)],
                   check=True, stdout=subprocess.DEVNULL)
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--port", "0", "--content", str(root / "content"),
         "--out", str(root / "site")],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        built = root / "site" / "index.html"
        while not children(process.pid) and not built.exists() and process.poll() is None:
            time.sleep(0.002)
        forked = bool(children(process.pid))
        os.killpg(process.pid, signal.SIGINT)
        output, _ = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert "Traceback" not in output and "KeyboardInterrupt" not in output
    assert output.splitlines()[-1] == "stopped"
    if not forked:
        pytest.skip("the build forked no workers here (one core?)")


def test_warns_when_listening_on_all_interfaces(full_site):
    with ServerProcess(full_site, "--host", "0.0.0.0") as server:
        assert server.url.startswith("http://127.0.0.1:")
        server.wait_for_line(r"^warning: serving on all network interfaces: ")
        assert server.get("/").status == 200


def test_default_is_loopback_without_warning(server):
    assert server.url.startswith("http://127.0.0.1:")
    assert "warning" not in server.output


def run_serve(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "build.py"), "serve", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=timeout)


def test_port_in_use_is_an_error(full_site):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = run_serve("--port", str(port), "--content", str(full_site / "content"), "--out", str(full_site / "site"))
    assert run.returncode == 1
    assert run.stderr.startswith(f"error: cannot listen on 127.0.0.1:{port}: ")
    assert "Traceback" not in run.stderr


def test_usage_errors(tmp_path):
    run = run_serve("--content", str(tmp_path / "nowhere"))
    assert (run.returncode, run.stderr) == (2, f"build.py: error: content folder not found: {tmp_path / 'nowhere'}\n")
    assert run_serve("--port", "70000", "--content", str(tmp_path)).returncode == 2
