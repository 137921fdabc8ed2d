from cleaners.normalise import normalise_text
from tests.cleaners.rules.util import PROSE, clean


def test_markdown_link_residue_keeps_text():
    r = clean("President Joe Biden dispatched [CIA Director Bill Burns](#) to Moscow earlier this week.")
    assert r.body == "President Joe Biden dispatched CIA Director Bill Burns to Moscow earlier this week."


def test_a_link_inside_a_links_text_comes_out_whole():
    # Found by cleaning corpus pages' own output: one pass left the outer link, the next took it out.
    r = clean("In Windhoek, the council under [the new [mayor's](#) plan](#) voted on Tuesday to close the bridge.")
    assert r.body == "In Windhoek, the council under the new mayor's plan voted on Tuesday to close the bridge."


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


def test_emphasis_markers_go_and_the_words_stay():
    r = clean("The council voted to **stop the night ferry** for *six months*, officials said on __Tuesday__"
              " in the _old_ town hall, ***again***.")
    assert r.body == ("The council voted to stop the night ferry for six months, officials said on Tuesday in the old"
                      " town hall, again.")
    assert {x.rule for x in r.repairs} == {"markdown_emphasis"}


def test_list_stars_arithmetic_and_names_keep_their_asterisks_and_underscores():
    for line in ("* Taxis will be subsidised for residents of the three outer districts.",
                 "The formula 2*3*4 gave the wrong total, the auditor wrote in her report.",
                 "The account user_name_here posted the video on Monday, the police said."):
        assert clean(PROSE, line, PROSE).body == f"{PROSE}\n\n{line}\n\n{PROSE}"


def test_an_image_line_is_dropped_and_an_image_in_a_line_is_cut():
    r = clean(PROSE, '![A ferry at the pier](https://example.com/ferry.jpg "The pier")',
              "The ferry [![map](map.png)](https://example.com/map) stops at night, officials said.", PROSE)
    assert r.body == f"{PROSE}\n\nThe ferry stops at night, officials said.\n\n{PROSE}"
    assert [x.rule for x in r.removed] == ["markdown_image"]


def test_a_bold_byline_is_the_byline_and_a_quote_loses_its_marker():
    r = clean("Ferry service halted at night", "**By Jane Doe and John Roe, CNN**", PROSE,
              '> "We had no choice," the mayor said on Tuesday.')
    assert r.authors == ("Jane Doe", "John Roe")
    assert r.body == f'{PROSE}\n\n"We had no choice," the mayor said on Tuesday.'
