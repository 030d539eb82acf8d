from explainer.markup.renderer import first_sentence, sentence_around

TEXT = "Rubio spoke of the offer to house U.S. prisoners. Then Mr. Bruce spoke. “It is new.” Fin."


def test_abbreviations_do_not_end_a_sentence():
    assert first_sentence(TEXT) == "Rubio spoke of the offer to house U.S. prisoners."


def test_sentence_around_a_span():
    start = TEXT.index("Bruce")
    assert sentence_around(TEXT, start, start + 5) == "Then Mr. Bruce spoke."
    start = TEXT.index("new")
    assert sentence_around(TEXT, start, start + 3) == "“It is new.”"
    assert sentence_around(TEXT, 0, 5) == "Rubio spoke of the offer to house U.S. prisoners."
