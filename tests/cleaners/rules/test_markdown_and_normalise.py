from cleaners.normalise import normalise_text
from tests.cleaners.rules.util import clean


def test_markdown_link_residue_keeps_text():
    r = clean("President Joe Biden dispatched [CIA Director Bill Burns](#) to Moscow earlier this week.")
    assert r.body == "President Joe Biden dispatched CIA Director Bill Burns to Moscow earlier this week."


def test_bare_brackets_are_an_editors_insertion_and_stay():
    text = "“Not everything depends on us [Ukraine],” he said on Friday in the capital."
    assert clean(text).body == text


def test_normalise_spaces_line_endings_keeps_quotes_and_dashes():
    text, repairs = normalise_text("a\u00a0b\r\nc\u200bd , e\rf – “g”")
    assert text == "a b\ncd, e\nf – “g”"
    assert {r.rule for _, r in repairs} == {"unicode_whitespace", "space_before_punctuation"}
