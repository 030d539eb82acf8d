import random
import unicodedata

from explainer.content.ids import slugify
from explainer.markup import text as text_module
from explainer.markup.names import name_key
from explainer.markup.renderer import first_sentence, heading_anchor, sentence_around, unlink_self
from explainer.markup.text import html_text

TEXT = "Rubio spoke of the offer to house U.S. prisoners. Then Mr. Bruce spoke. “It is new.” Fin."


def test_abbreviations_do_not_end_a_sentence():
    assert first_sentence(TEXT) == "Rubio spoke of the offer to house U.S. prisoners."


def test_sentence_around_a_span():
    start = TEXT.index("Bruce")
    assert sentence_around(TEXT, start, start + 5) == "Then Mr. Bruce spoke."
    start = TEXT.index("new")
    assert sentence_around(TEXT, start, start + 3) == "“It is new.”"
    assert sentence_around(TEXT, 0, 5) == "Rubio spoke of the offer to house U.S. prisoners."


def test_heading_anchors_spell_letters_as_ids_do():
    assert heading_anchor("What Østergaard said", "-") == "what-ostergaard-said"
    for name in ("José Núñez", "Øystein Ærø", "Straße", "Łukasz Œuvre", "Đorđe", "Jóhanna Sigurðardóttir",
                 "Þór", "Ħamrun", "Ǿrsted Ǽsir"):
        assert heading_anchor(name, "-") == slugify(name), name
    assert heading_anchor("Jóhanna Sigurðardóttir", "-") == "johanna-sigurdardottir"
    assert heading_anchor("Ǿrsted Ǽsir", "-") == "orsted-aesir"


def test_links_to_the_page_itself_become_bold_text():
    html = (
        '<p><a class="ref ref-people" data-ref="ana" href="/people/ana/">Ana <em>L.</em></a> and '
        '<a class="ref ref-people" data-ref="ana-lopez" href="/people/ana-lopez/">Ana López</a>; '
        '<a data-ref="ana" href="/people/ana/#quotes-h">her quotes</a>, '
        '<a class="mention mention-people" data-ref="ana" href="https://example.org/people/ana/">she</a>.</p>'
    )
    assert unlink_self(html, "ana") == (
        '<p><strong class="self-link" aria-current="page">Ana <em>L.</em></strong> and '
        '<a class="ref ref-people" data-ref="ana-lopez" href="/people/ana-lopez/">Ana López</a>; '
        '<a data-ref="ana" href="/people/ana/#quotes-h">her quotes</a>, '
        '<strong class="self-link" aria-current="page">she</strong>.</p>'
    )
    assert unlink_self(html, "ana-lopez").count("self-link") == 1
    assert unlink_self(html, "bo") == html
    assert unlink_self(html, "") == html


def test_html_text_reads_as_a_browser_shows_it():
    html = (
        '<p>Bukele’s <span class="gloss"><a href="/glossary/#cecot">CECOT</a><span role="tooltip">A '
        "<em>prison</em>.</span></span> &amp; co&#46;<script>x()</script>\n  done &foo;</p>"
    )
    assert html_text(html) == "Bukele’s CECOT & co. done &foo;"
    # Blocks are apart: the text of one paragraph or list item never runs on to the next.
    assert html_text("<p>Nayib Bukele</p><p>His offer</p><ul><li>one</li><li>two</li></ul>") == (
        "Nayib Bukele His offer one two"
    )


def test_name_key_compares_names_loosely():
    assert name_key("The  O‘Brien\nGroup") == name_key("o'brien group") == "o'brien group"
    assert name_key(unicodedata.normalize("NFD", "José")) == name_key("JOSÉ")


def _parsed_text(html: str) -> str:
    """What `html_text` gives, by the parser alone (its fast path for simple HTML left out)."""
    parser = text_module._Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def test_html_text_of_simple_html_is_what_the_parser_reads():
    pieces = [
        "<p>", "</p>", "<br>", "<br/>", "<br />", '<span role="tooltip">', "<span ROLE='tooltip'>",
        '<span role="TOOLTIP">', '<span data-role="tooltip">', "</span>", "<span>", '<a href="/x/">',
        "<a href=/x/>", "</a>", "<li>", "</li>", "<em>", "</em>", "text", " more ", "\n", "a < b", "x > y",
        "<!-- c -->", "&amp;", "<script>z</script>", "<P>", "</P >", "<img src=\"a.png\" alt='b>c' />",
        '<div class="a"title="b">', "</div>", "<h2 id=\"x\">", "</h2>", "<x-y>", "</x-y>", '<a\nhref="q">',
        "<b/>", "</b/>", "<br/ >", "<i =x>", "<3", "<", ">", "'", '"', "/",
    ]
    simple = '<p>Bukele’s <span class="gloss"><a href="/g/">CECOT</a><span role="tooltip">A <em>prison</em>.</span></span> co.</p>'
    assert text_module._simple_text(simple) is not None  # the fast path is taken
    assert html_text(simple) == _parsed_text(simple) == "Bukele’s CECOT co."
    chosen = random.Random(19)
    for _ in range(5000):
        html = "".join(chosen.choice(pieces) for _ in range(chosen.randint(1, 10)))
        assert html_text(html) == _parsed_text(html), html
