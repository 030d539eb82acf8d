"""The preview server's URL-to-file mapping, the page a browser shows, its host-name check and the
addresses it prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.preview.hosts import HostCheck, browsable, exposure_warning
from explainer.preview.urls import NOT_FOUND, Target, content_type, page_output, resolve


@pytest.fixture
def out(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "people" / "jane").mkdir(parents=True)
    (site / "people" / "jane" / "index.html").write_text("jane")
    (site / "people" / "index.html").write_text("people")
    (site / "index.html").write_text("home")
    (site / "static").mkdir()
    (site / "static" / "style.1234.css").write_text("css")
    (site / "empty").mkdir()
    (site / ".tmp-abc").write_text("half")
    (tmp_path / "secret.txt").write_text("secret")
    (site / "out").symlink_to(tmp_path, target_is_directory=True)
    (site / "secret.txt").symlink_to(tmp_path / "secret.txt")
    (site / "inner.txt").symlink_to(site / "people" / "index.html")
    return site


def test_files_and_folder_indexes(out):
    assert resolve(out, "/", "/") == Target(file=(out / "index.html").resolve())
    assert resolve(out, "/", "/people/jane/") == Target(file=(out / "people/jane/index.html").resolve())
    assert resolve(out, "/", "/people/jane/index.html") == Target(file=(out / "people/jane/index.html").resolve())
    assert resolve(out, "/", "/static/style.1234.css") == Target(file=(out / "static/style.1234.css").resolve())
    assert resolve(out, "/", "/st%61tic/style.1234.css") == Target(file=(out / "static/style.1234.css").resolve())
    # A symlink that stays inside the output folder is fine.
    assert resolve(out, "/", "/inner.txt") == Target(file=(out / "people/index.html").resolve())


def test_folders_redirect_to_their_slash_form_only_with_an_index(out):
    assert resolve(out, "/", "/people") == Target(redirect="/people/")
    assert resolve(out, "/", "/people/jane") == Target(redirect="/people/jane/")
    assert resolve(out, "/", "/empty") is NOT_FOUND
    assert resolve(out, "/", "/empty/") is NOT_FOUND
    assert resolve(out, "/", "/static/") is NOT_FOUND


@pytest.mark.parametrize("raw", [
    "/../secret.txt", "/people/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
    "/..%2fsecret.txt", "/..%2Fsecret.txt", "/people%2fjane/", "/..%5csecret.txt", "/..\\secret.txt",
    "//secret.txt", "/./index.html", "/people/./jane/", "/people/jane/..", "/%00", "/index.html%00",
    "/out/secret.txt", "/secret.txt", "/.tmp-abc", "/%2etmp-abc", "/%ff", "index.html",
    "http://localhost/index.html", "*", "/missing.html",
])
def test_nothing_else_resolves(out, raw):
    assert resolve(out, "/", raw) is NOT_FOUND


def test_base_path(out):
    base = "/explainers/cecot/"
    assert resolve(out, base, "/") == Target(redirect=base)
    assert resolve(out, base, "/explainers/cecot") == Target(redirect=base)
    assert resolve(out, base, "/explainers/cecot/") == Target(file=(out / "index.html").resolve())
    assert resolve(out, base, "/explainers/cecot/people/jane/") == Target(file=(out / "people/jane/index.html").resolve())
    assert resolve(out, base, "/people/jane/") is NOT_FOUND
    assert resolve(out, base, "/explainers/index.html") is NOT_FOUND
    assert resolve(out, base, "/explainers/cecot/../cecot/index.html") is NOT_FOUND


def test_missing_output_folder(tmp_path):
    assert resolve(tmp_path / "nothing", "/", "/") is NOT_FOUND


def test_content_types():
    assert content_type(Path("a/index.html")) == "text/html; charset=utf-8"
    assert content_type(Path("static/style.12.css")) == "text/css; charset=utf-8"
    assert content_type(Path("x.png")) == "image/png"
    assert content_type(Path("x.unknown-kind")) == "application/octet-stream"


def test_page_output():
    assert page_output("http://127.0.0.1:8000/", "/") == "index.html"
    assert page_output("http://127.0.0.1:8000/people/jane/#roles", "/") == "people/jane/index.html"
    assert page_output("http://127.0.0.1:8000/404.html?x=1", "/") == "404.html"
    assert page_output("http://h/explainers/cecot/people/", "/explainers/cecot/") == "people/index.html"
    assert page_output("http://h/people/", "/explainers/cecot/") is None


def test_host_check_on_loopback():
    check = HostCheck("127.0.0.1", ["127.0.0.1"])
    assert check.allows("127.0.0.1") and check.allows("localhost") and check.allows("[::1]")
    assert check.allows("preview.localhost") and check.allows("127.0.0.2")
    assert not check.allows("attacker.example") and not check.allows("10.0.0.1")
    assert HostCheck("myhost", ["127.0.0.1"]).allows("myhost")


def test_host_check_when_reachable_from_the_network():
    assert HostCheck("0.0.0.0", ["0.0.0.0"]).allows("laptop.example")
    assert HostCheck("192.168.1.5", ["192.168.1.5"]).allows("anything")


def test_the_printed_address():
    assert browsable("0.0.0.0", "0.0.0.0") == "127.0.0.1"
    assert browsable("::", "::") == "[::1]"
    assert browsable("::1", "::1") == "[::1]"
    assert browsable("localhost", "127.0.0.1") == "localhost"


def test_a_warning_when_other_machines_can_reach_the_preview():
    assert exposure_warning(["127.0.0.1", "::1"]) is None
    assert exposure_warning(["0.0.0.0"]).startswith("warning: serving on all network interfaces: ")
    assert exposure_warning(["127.0.0.1", "192.168.1.5"]) == (
        "warning: serving on 192.168.1.5, which other machines can reach"
    )
