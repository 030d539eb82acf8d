"""Static assets (`explainer.render.assets`): every file of the static folders, published under a
name that carries a digest of its bytes."""

from __future__ import annotations

from pathlib import Path

from explainer.render.assets import Asset, collect_assets

RED = "body { color: red }\n"  # sha256 starts d92e15bd3d
BLUE = "body { color: blue }\n"  # sha256 starts 35f08b458c
SCRIPT = "console.log(1);\n"  # sha256 starts b603d946eb


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_names_carry_the_first_ten_hex_digits_of_the_content_digest(tmp_path):
    static = tmp_path / "static"
    style = write(static / "style.css", RED)
    script = write(static / "js" / "preview.js", SCRIPT)
    assert collect_assets([static]) == {
        "js/preview.js": Asset("js/preview.js", script, "static/js/preview.b603d946eb.js"),
        "style.css": Asset("style.css", style, "static/style.d92e15bd3d.css"),
    }


def test_names_are_stable_and_change_with_the_content(tmp_path):
    static = tmp_path / "static"
    write(static / "style.css", RED)
    first = collect_assets([static])["style.css"].output
    assert collect_assets([static])["style.css"].output == first
    (static / "style.css").touch()  # a new modification time, the same bytes
    assert collect_assets([static])["style.css"].output == first
    write(static / "style.css", BLUE)
    assert collect_assets([static])["style.css"].output == "static/style.35f08b458c.css"


def test_earlier_folders_override_later_ones_and_hidden_files_are_skipped(tmp_path):
    site, engine = tmp_path / "site-static", tmp_path / "engine-static"
    mine = write(site / "style.css", BLUE)
    write(engine / "style.css", RED)
    script = write(engine / "preview.js", SCRIPT)
    write(engine / ".hidden.css", RED)
    write(engine / ".cache" / "x.css", RED)
    assets = collect_assets([site, engine, tmp_path / "missing"])
    assert list(assets) == ["preview.js", "style.css"]
    assert assets["style.css"] == Asset("style.css", mine, "static/style.35f08b458c.css")
    assert assets["preview.js"].source == script


def test_a_name_without_a_suffix_gets_the_digest_at_its_end(tmp_path):
    write(tmp_path / "s" / "LICENSE", RED)
    assert collect_assets([tmp_path / "s"])["LICENSE"].output == "static/LICENSE.d92e15bd3d"
