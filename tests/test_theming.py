"""A newsroom's own look: a site's templates/ and static/ folders override the engine's files by
name (docs/theming.md). The browser side (the colours really applied) is in
tests/browser/test_design.py."""

from __future__ import annotations

import pytest
from conftest import REPO, build, soup, write_site

from explainer.core.failures import TemplateError

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



@pytest.mark.parametrize(("mistake", "message"), [
    ("asset('styles.css')", "unknown static asset 'styles.css' (did you mean 'style.css'?)"),
    ("masthead", "'masthead' is undefined"),
    ("site.title + 1", 'TypeError: can only concatenate str (not "int") to str'),
    ("url('a', 'b')", "TypeError: SiteIndex.url() takes 2 positional arguments but 3 were given"),
    ("site.title | round", "TypeError: type str doesn't define __round__ method"),
])
def test_a_mistake_in_a_templates_expression_names_its_file_and_line(site_root, mistake, message):
    root = newsroom_site(site_root)
    write_site(root, "-- templates/base.html --\n" + BASE.replace("{{ url('') }}", "{{ " + mistake + " }}"))
    before = sorted(p.relative_to(root) for p in (root / "site").rglob("*")) if (root / "site").exists() else []
    run = build(root)  # from the site root
    assert run.code == 1
    assert run.lines == [
        f"error: templates/base.html:11: template error: {message}",
        f"build failed; {root / 'site'}/ was left unchanged",
    ]
    assert before == (sorted(p.relative_to(root) for p in (root / "site").rglob("*")) if (root / "site").exists() else [])


def test_a_template_a_template_includes_that_is_not_there_is_named_with_the_closest_there_is(site_root):
    root = newsroom_site(site_root)
    write_site(root, "-- templates/base.html --\n" + BASE.replace("<main id=\"main\">", "{% include 'meta_tags.html' %}"))
    run = build(root)
    assert run.code == 1
    assert run.lines == [
        "error: templates/base.html:12: template error: template 'meta_tags.html' not found (did you mean 'meta.html'?)",
        f"build failed; {root / 'site'}/ was left unchanged",
    ]


def test_a_failure_in_the_engines_own_code_a_template_calls_is_not_taken_for_the_templates(tmp_path):
    from explainer.core.errors import did_you_mean
    from explainer.render.environment import make_environment
    from explainer.render.template_errors import render_template

    (tmp_path / "page.html").write_text("<p>\n{{ closest(5, none) }}</p>\n", encoding="utf-8")
    env = make_environment([tmp_path])
    env.globals["closest"] = did_you_mean  # given what it cannot take, it fails in the engine's code
    with pytest.raises(TypeError):
        render_template(env, "page.html", {})
    env.globals["closest"] = lambda word, choices: word + "s"  # a template's own mistake, in a helper
    with pytest.raises(TemplateError) as failure:
        render_template(env, "page.html", {})
    assert str(failure.value) == (
        f"{tmp_path / 'page.html'}:2: template error: TypeError: unsupported operand type(s) for +: 'int' and 'str'"
    )


def test_the_engines_own_failure_is_told_apart_when_the_engine_is_reached_through_a_link(tmp_path):
    import subprocess
    import sys

    (tmp_path / "engine").symlink_to(REPO, target_is_directory=True)
    (tmp_path / "page.html").write_text("<p>\n{{ closest(5, none) }}</p>\n", encoding="utf-8")
    script = (
        "import sys\n"
        f"sys.path.insert(0, {str(tmp_path / 'engine')!r})\n"
        "from pathlib import Path\n"
        "from explainer.core.errors import did_you_mean\n"
        "from explainer.render.environment import make_environment\n"
        "from explainer.render.template_errors import render_template\n"
        f"env = make_environment([Path({str(tmp_path)!r})])\n"
        "env.globals['closest'] = did_you_mean\n"
        "try:\n"
        "    render_template(env, 'page.html', {})\n"
        "except TypeError:\n"
        "    print('the engine failed')\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert run.stdout == "the engine failed\n", run.stderr
