"""The combining marks listed in `explainer.markup.marks` are those `unicodedata` knows, and the
mention scanner keeps the words they are part of whole."""

from __future__ import annotations

import unicodedata

from explainer.markup.marks import HIGH, LOW, UNICODE_VERSION, mark_ranges, marks_from_unicodedata
from explainer.markup.trie import NameTrie, Target, trie_keys


def test_the_marks_from_unicodedata_are_those_of_this_pythons_unicode():
    ranges = mark_ranges()
    assert ranges == marks_from_unicodedata()
    # Every code point in range is a mark, and the ones either side are not (or are out of range).
    for first, last in ranges:
        assert all(unicodedata.category(chr(code)).startswith("M") for code in (first, last))
        for outside in (first - 1, last + 1):
            assert outside < LOW or outside >= HIGH or not unicodedata.category(chr(outside)).startswith("M")
    assert (0x0300, 0x036F) in ranges  # the combining diacritical marks
    assert (0x093E, 0x094F) in ranges  # Devanagari vowel signs


def test_the_table_is_for_the_unicode_of_this_python():
    # The table is used only under its own Unicode version, so the test above compares it with
    # `unicodedata` only when this Python has that version (Python 3.11's, the project's).
    assert unicodedata.unidata_version == UNICODE_VERSION == "14.0.0"


def test_a_name_with_combining_marks_is_one_token_per_word():
    name = "नरेन्द्र मोदी"  # Devanagari: its vowel signs and virama are combining marks
    assert trie_keys(name) == ["नरेन्द्र", " मोदी"]
    trie = NameTrie()
    trie.add(trie_keys(name), Target("modi"))
    text = f"Prime Minister {name} spoke."
    (match,) = trie.scan(text)
    assert (text[match.start:match.end], match.target) == (name, Target("modi"))
    # Without the marks, the first word would break at its first vowel sign and never match.
    assert not trie.scan("Prime Minister नर spoke.")
