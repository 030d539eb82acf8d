"""A newsroom's own look: a site's templates/ and static/ folders override the engine's files by
name (docs/theming.md). The browser side (the colours really applied) is in
tests/browser/test_design.py."""

from __future__ import annotations

from conftest import REPO, build, soup, write_site

BASE = """\
<!doctype html>
<html lang="{{ site.language }}">
<head>
<meta charset="utf-8">
<title>{{ title }} · The Harbour Herald</title>
<link rel="stylesheet" href="{{ asset('theme.css') }}">
<link rel="stylesheet" href="{{ asset('style.css') }}">
{% block head %}{% endblock %}
</head>
<body class="herald">
<p class="herald-masthead"><a href="{{ url('') }}">The Harbour Herald</a></p>
<main id="main">
{% block main %}{% endblock %}
</main>
</body>
</html>
"""


def newsroom_site(site_root):
    theme = (REPO / "static/theme.css").read_text(encoding="utf-8")
    assert "--light-accent: #a3311f;" in theme
    theme = theme.replace("--light-accent: #a3311f;", "--light-accent: #0b5394;")
    root = site_root("""\
-- content/site.yaml --
title: Harbour
-- content/people/ana-lopez.yaml --
name: Ana López
""")
    write_site(root, f"-- templates/base.html --\n{BASE}-- static/theme.css --\n{theme}")
    return root


def test_a_site_overrides_the_base_template_and_the_theme(site_root):
    root = newsroom_site(site_root)
    assert build(root).code == 0
    for page in ("index.html", "people/ana-lopez/index.html", "timeline/index.html"):
        html = soup(root / "site" / page)
        assert html.body["class"] == ["herald"]
        assert html.select_one(".herald-masthead a").get_text() == "The Harbour Herald"
        assert html.select_one(".theme-toggle") is None  # the default header is gone
    person = soup(root / "site/people/ana-lopez/index.html")
    assert person.title.get_text() == "Ana López · The Harbour Herald"
    assert person.h1.get_text() == "Ana López"  # the page's own template is still the default
    theme_href = person.find("link", href=lambda h: "theme." in h)["href"]
    published = (root / "site" / theme_href.lstrip("/")).read_text(encoding="utf-8")
    assert published == (root / "static/theme.css").read_text(encoding="utf-8")
    assert "--light-accent: #0b5394;" in published
    # files the site does not override still come from the engine
    style_href = person.find("link", href=lambda h: "style." in h)["href"]
    assert (root / "site" / style_href.lstrip("/")).read_bytes() == (REPO / "static/style.css").read_bytes()


def test_the_default_site_loads_the_theme_before_the_styles_and_the_toggle_script_blocking(site_root):
    root = site_root("-- content/site.yaml --\ntitle: Harbour\n")
    assert build(root).code == 0
    head = soup(root / "site/index.html").head
    sheets = [link["href"].split("/")[-1].split(".")[0] for link in head.find_all("link", rel="stylesheet")]
    assert sheets == ["theme", "style"]
    theme_script = head.find("script", src=lambda s: s and "/theme." in s)
    assert theme_script is not None and not theme_script.has_attr("defer") and not theme_script.has_attr("async")
    preload = head.find("link", rel="preload")
    assert preload["as"] == "font" and preload["href"].startswith("/static/fonts/source-serif-4-latin.")
    button = soup(root / "site/index.html").select_one("header #theme-toggle")
    assert button.has_attr("hidden") and button["aria-pressed"] == "false"
    assert button.get_text(strip=True) == "Dark theme"


def test_a_mistake_in_a_sites_template_names_the_file_from_where_the_build_runs(site_root):
    root = newsroom_site(site_root)
    write_site(root, "-- templates/404.html --\n{% extends 'base.html' %}\n{% block main %}{% if %}{% endblock %}\n")
    run = build(root)  # from the site root
    assert run.lines == [
        "error: templates/404.html:2: template error: Expected an expression, got 'end of statement block'",
        f"build failed; {root / 'site'}/ was left unchanged",
    ]
