import pytest

from explainer.verify import closest_passage, first_difference, normalise_quote

SOURCE = normalise_quote(
    "He said “the fee would be relatively low for the U.S.” on Monday,\n"
    "and added: “It’s   significant for us.” Then he left."
)


@pytest.mark.parametrize(("quote", "passage", "difference"), [
    ("the fee would be relatively cheap for the U.S.", "the fee would be relatively low for the U.S.",
     "the quote has 'cheap' where the source has 'low'"),
    ("the fee would be low for the U.S.", "the fee would be relatively low for the U.S.",
     "the quote leaves out 'relatively' after 'be'"),
    ("the fee would be relatively very low for the U.S.", "the fee would be relatively low for the U.S.",
     "the quote adds 'very' after 'relatively'"),
    ("The fee would be relatively low", "the fee would be relatively low",
     "the quote has 'The' where the source has 'the'"),
    # a word of several tokens, against a token of several words
    ("It is significant for us.", "It's significant for us.",
     "the quote has 'It is' where the source has 'It's'"),
    ("relatively low for the United States", "relatively low for the U.S.",
     "the quote has 'United States' where the source has 'U.S.'"),
    # punctuation is part of the words, and a quotation mark ends the passage
    ("significant for us!", "significant for us.", "the quote has 'us!' where the source has 'us.'"),
    ("relatively low for the U.S.,", "relatively low for the U.S.",
     "the quote has 'U.S.,' where the source has 'U.S.'"),
    ("relatively low for the U.S. said", "relatively low for the U.S.",
     "the quote adds 'said' after 'U.S.'"),
    # a quotation mark inside the quote's stretch of the source is shown and is the difference
    ("He said the fee would be", 'He said "the fee would be',
     "the quote has 'the' where the source has '\"the'"),
])
def test_closest_passage_and_its_first_difference(quote, passage, difference):
    assert closest_passage(quote, SOURCE) == passage
    assert first_difference(quote, passage) == difference


def test_nothing_close():
    assert closest_passage("Nothing of the kind was said.", SOURCE) is None


def test_a_difference_at_the_start_is_placed_before_the_next_word():
    assert first_difference("fee would be", "the fee would be") == "the quote leaves out 'the' before 'fee'"
    assert first_difference("so the fee", "the fee") == "the quote adds 'so' before 'the'"
