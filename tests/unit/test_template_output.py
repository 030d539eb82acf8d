"""Templates print exactly what stock Jinja would, with the engine's faster output escaping."""

from __future__ import annotations

import gettext
from collections import ChainMap

import jinja2
import pytest
from markupsafe import Markup, escape

from explainer.render import environment
from explainer.render.environment import escape_output, install_translations, make_environment


class HasHtml:
    def __html__(self) -> str:
        return "<b>safe</b>"

    def __repr__(self) -> str:  # the test's id: the same in every process
        return "HasHtml()"


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



class Record:
    name = "<Ana>"

    def __init__(self) -> None:
        self.calls = 0

    def greet(self, whom: str) -> str:
        self.calls += 1
        return f"hello {whom}"

    def __call__(self) -> str:
        return "called"


@jinja2.pass_context
def page_lang(context, suffix: str) -> str:
    return context["lang"] + suffix


ATTRIBUTES = """{% macro show(r, d) %}{{ r.name }}/{{ d.name }}/{{ d.keys() | length }}{% endmacro -%}
{{ show(record, data) }}|{% autoescape false %}{{ show(record, data) + "<" }}{% endautoescape %}|{{ record.name.upper() }}|{{ data.name }}|{{ data.size | length }}|{{ record.greet(record.name) }}
{% for x in [record, data] %}{{ x.name }},{{ page_lang("!") }},{{ record() }},{{ x.nothing is defined }};{% endfor %}"""


def test_attributes_and_calls_are_what_stock_jinja_gives(tmp_path):
    """`x.name` is an attribute, else an item (a dict's key), else undefined; a call reaches a
    macro, a method, a callable object or a function that asks for the context, as in Jinja."""
    (tmp_path / "page.html").write_text(ATTRIBUTES, encoding="utf-8")
    stock = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(tmp_path)), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    outputs = []
    for env in (make_environment([tmp_path]), stock):
        record = Record()
        context = {"record": record, "data": {"name": "<dict>", "size": [1, 2]}, "page_lang": page_lang, "lang": "es"}
        outputs.append((env.get_template("page.html").render(context), record.calls))
    assert outputs[0] == outputs[1]
    assert outputs[0][1] == 1  # the method was called once


def test_a_missing_attribute_still_fails_loudly(tmp_path):
    (tmp_path / "page.html").write_text("{% for x in [record] %}{{ x.nothing }}{% endfor %}", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError, match="has no attribute 'nothing'"):
        make_environment([tmp_path]).get_template("page.html").render(record=Record())


WORDS = """{{ _("Home") }}|{{ _("50%% <off>") }}|{{ _("Hi %(name)s", name="<b>") }}|{% autoescape false %}{{ _("a & b") }}{% endautoescape %}|{{ _("Home") ~ "<" }}"""


class CountingTranslations(gettext.NullTranslations):
    """English as it is, counting the messages asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def gettext(self, message: str) -> str:
        self.asked.append(message)
        return message


def test_words_without_placeholders_are_translated_once_and_written_as_jinja_writes_them(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text(WORDS, encoding="utf-8")
    counting = CountingTranslations()
    monkeypatch.setattr(environment, "translations_for", lambda lang: counting)
    ours = make_environment([tmp_path])
    install_translations(ours, "en")
    stock = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(tmp_path)), autoescape=True, extensions=["jinja2.ext.i18n"],
    )
    stock.install_gettext_translations(gettext.NullTranslations(), newstyle=True)  # type: ignore[attr-defined]
    expected = stock.get_template("page.html").render()
    assert expected == "Home|50% <off>|Hi &lt;b&gt;|a & b|Home&lt;"  # a message is markup; its values are not
    counting.asked.clear()
    for _ in range(3):  # three pages
        assert ours.get_template("page.html").render() == expected
    # "Home" once for the three pages; a message with values, or not autoescaped, on every page
    assert sorted(counting.asked) == sorted(["Home", "50%% <off>"] + ["Hi %(name)s", "a & b"] * 3)


COUNTED = """{% for n in [1, 2] %}{% set who = "<i>" ~ n %}{{ ngettext("%(num)d <b>entry</b>", "%(num)d entries by %(who)s", n, who=who) }}|{{ _("Hi %(name)s", name=who) }}|{{ ngettext("one", "%(num)s", n, num="<x>") }};{% endfor %}|{% autoescape false %}{{ ngettext("%(num)d <b>", "%(num)d <i>", 2) }}|{{ _("a & %(b)s", b="<b>") }}{% endautoescape %}"""


def test_counted_words_and_words_in_loops_are_written_as_jinja_writes_them(tmp_path):
    (tmp_path / "page.html").write_text(COUNTED, encoding="utf-8")
    stock = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(tmp_path)), autoescape=True, extensions=["jinja2.ext.i18n"],
    )
    stock.install_gettext_translations(gettext.NullTranslations(), newstyle=True)  # type: ignore[attr-defined]
    expected = stock.get_template("page.html").render()
    assert expected == (
        "1 <b>entry</b>|Hi &lt;i&gt;1|one;2 entries by &lt;i&gt;2|Hi &lt;i&gt;2|&lt;x&gt;;|2 <i>|a & <b>"
    )
    assert make_environment([tmp_path]).get_template("page.html").render() == expected


def test_a_template_sees_the_globals_set_after_it_was_compiled_and_imports_keep_working(tmp_path):
    (tmp_path / "macros.html").write_text("{% macro hi() %}{{ greeting }}{% endmacro %}", encoding="utf-8")
    (tmp_path / "page.html").write_text('{% from "macros.html" import hi %}{{ hi() }}|{{ late }}', encoding="utf-8")
    env = make_environment([tmp_path])
    env.globals["greeting"] = "<hello>"
    page = env.get_template("page.html")
    env.globals["late"] = "set after"  # as the search box's address is
    assert page.render() == "&lt;hello&gt;|set after"
    globals_ = page.globals
    assert list(globals_.keys()) == list(ChainMap(*globals_.maps).keys())


MACROS = """{% macro card(x, y="<d>") %}<p>{{ x }}{{ y }}</p>{% endmacro -%}
{% macro framed(x) %}[{{ caller(x) }}]{% endmacro -%}
{% macro many(x) %}{{ x }}{{ varargs | join }}{{ kwargs | dictsort }}{% endmacro -%}
{% macro named(x, caller=none) %}{{ x }}{{ caller is none }}{% endmacro -%}
{{ card(value) }}|{{ card(value, "<e>") }}|{{ card(value, y=value) }}|{{ card(y=value, x=1) }}
{% call(v) framed("<f>") %}<g>{{ v }}{% endcall %}|{{ many(value, 1, "<h>", k="<k>") }}|{{ named(value) }}
{% autoescape false %}{{ card(value) ~ "<i>" }}|{{ card(value, "<j>") }}{% endautoescape %}
{% for v in values %}{{ card(v) }}{% set w = v %}{{ card(w, loop.index) }}{% endfor %}"""


def test_macros_called_as_stock_jinja_calls_them(tmp_path, monkeypatch):
    """A macro given positional arguments only is called without `Macro.__call__`, with what
    that gives: defaults for the arguments not given, markup where the caller autoescapes; a
    macro given keywords, or taking `caller`, `varargs` or `kwargs`, through it."""
    (tmp_path / "page.html").write_text(MACROS, encoding="utf-8")
    stock = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(tmp_path)), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    context = {"value": "<v>", "values": ["<a>", Markup("<b>"), 3]}
    expected = stock.get_template("page.html").render(context)
    called = []
    general = jinja2.runtime.Macro.__call__
    monkeypatch.setattr(
        jinja2.runtime.Macro, "__call__", lambda self, *args, **kwargs: called.append(self.name) or general(self, *args, **kwargs),
    )
    assert make_environment([tmp_path]).get_template("page.html").render(context) == expected
    assert sorted(called) == ["card", "card", "framed", "many", "named"]


RUNS = """{% extends "base.html" %}{% block main %}<h1>{{ title }}</h1>
{% for item in items %}<li>{{ item }}</li>{% endfor %}{% if title %}{{ title }}{% endif %}{% endblock %}"""


def test_a_run_of_text_and_values_is_written_in_one_piece(tmp_path):
    """A run of text and `{{ ... }}` outside a macro is yielded as one piece (through the template
    it extends), where Jinja yields each part: the same page."""
    (tmp_path / "base.html").write_text("<main>{% block main %}{% endblock %}</main>\n", encoding="utf-8")
    (tmp_path / "page.html").write_text(RUNS, encoding="utf-8")
    stock = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(tmp_path)), autoescape=True, keep_trailing_newline=True,
    )
    context = {"title": "<T>", "items": ["a&b", Markup("<i>c</i>")]}
    pieces = list(make_environment([tmp_path]).get_template("page.html").generate(context))
    assert "".join(pieces) == stock.get_template("page.html").render(context)
    assert pieces == ["<main>", "<h1>&lt;T&gt;</h1>\n", "<li>a&amp;b</li>", "<li><i>c</i></li>", "&lt;T&gt;", "</main>\n"]


def test_a_string_is_escaped_without_a_call_of_escape_output(tmp_path, monkeypatch):
    """`{{ text }}` escapes a string where it is written; anything else goes to `escape_output`."""
    (tmp_path / "page.html").write_text(TEMPLATE, encoding="utf-8")
    given = []
    monkeypatch.setattr(environment._Environment, "escape_output", staticmethod(lambda v: given.append(v) or escape_output(v)))
    env = make_environment([tmp_path])
    for value in VALUES:
        given.clear()
        page = env.get_template("page.html").render({"value": value, "values": VALUES, "flag": True})
        assert str(escape(value)) in page
        assert not any(type(v) is str for v in given)
        assert any(v is value for v in given) == (type(value) is not str)
