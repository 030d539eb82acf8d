"""Templates print exactly what stock Jinja would, with the engine's faster output escaping."""

from __future__ import annotations

import jinja2
import pytest
from markupsafe import Markup, escape

from explainer.render.environment import escape_output, make_environment


class HasHtml:
    def __html__(self) -> str:
        return "<b>safe</b>"


class Text(str):
    pass


VALUES = [
    "plain", "", "<script>alert('x')</script>", 'a "quoted" & <tagged> \'one\'', "José Ñuñez’s",
    Markup("<em>marked</em>"), Text("<sub>class</sub>"), HasHtml(), 42, 3.5, None, True,
    ["<li>"], ("a", "<b>"),
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_escape_output_writes_what_markupsafe_escape_writes(value):
    assert escape_output(value) == str(escape(value))
    assert type(escape_output(value)) is str


TEMPLATE = """{% macro card(x) %}<p title="{{ x }}">{{ x }}</p>{% endmacro -%}
{{ value }}|{{ card(value) }}|{{ value | e }}|{{ value ~ "<i>" }}|{{ value | safe }}
{% set block %}<u>{{ value }}</u>{% endset %}{{ block }}|{{ [value, value] | join("<br>") }}
{% autoescape false %}{{ value }}{% endautoescape %}|{% autoescape flag %}{{ value }}{% endautoescape %}
{% for v in values %}{{ v }},{% endfor %}"""


def test_templates_render_as_stock_jinja_renders_them(tmp_path):
    (tmp_path / "page.html").write_text(TEMPLATE, encoding="utf-8")
    ours = make_environment([tmp_path])
    stock = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(tmp_path)), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    for value in VALUES:
        for flag in (True, False):
            context = {"value": value, "values": VALUES, "flag": flag}
            expected = stock.get_template("page.html").render(context)
            assert ours.get_template("page.html").render(context) == expected


def test_an_undefined_value_still_fails_loudly(tmp_path):
    (tmp_path / "page.html").write_text("{{ missing }}", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError):
        make_environment([tmp_path]).get_template("page.html").render()
