from cleaners.normalise import normalise_text
from tests.cleaners.rules.util import PROSE, clean


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


def test_markdown_heading_markers_go_and_the_heading_stays():
    r = clean("# Ferry service halted at night", "", PROSE, "", "## What happens next ##", "", PROSE)
    assert r.title == "Ferry service halted at night"
    assert r.body == f"{PROSE}\n\nWhat happens next\n\n{PROSE}"
    assert [x.rule for x in r.repairs] == ["markdown_heading", "markdown_heading"]


def test_a_hashtag_or_a_number_sign_is_not_a_heading():
    for line in ("#MeToo protests spread to three more cities, organisers said on Monday.",
                 "#1 seed Alvarez won the final in straight sets on Sunday afternoon."):
        assert clean(PROSE, line, PROSE).body == f"{PROSE}\n\n{line}\n\n{PROSE}"
