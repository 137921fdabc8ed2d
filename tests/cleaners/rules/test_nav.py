from tests.cleaners.rules.util import PROSE, clean, dropped

FOOTER = ["Search Example...", "", "US", "", "World", "", "Politics", "- Tech", "- Style",
          "FOLLOW EXAMPLE NEWS", "- [Terms of Use](#)", "- [Privacy Policy](#)",
          "© 2024 Example Media Group. All Rights Reserved."]


def test_footer_menu_at_page_end_is_dropped_whole():
    r = clean("Headline here", "", PROSE, "", *FOOTER)
    assert r.body == PROSE
    assert dropped(r, "copyright_line") == [FOOTER[-1]]
    assert dropped(r, "nav_block") == [x for x in FOOTER[:-1] if x]


def test_menu_at_page_start():
    r = clean("Home", "News", "Sport", "Weather", "", "A real headline for the story", "", PROSE)
    assert dropped(r, "nav_block") == ["Home", "News", "Sport", "Weather"]
    assert r.title == "A real headline for the story"


def test_an_articles_own_list_is_kept():
    items = ["- Apples", "- Pears", "- Plums", "- Cherries", "- Grapes", "- Figs", "- Dates"]
    r = clean(PROSE, "The market sold the following fruit:", *items, PROSE)
    for item in items:
        assert item in r.body


def test_short_subheading_between_paragraphs_stays():
    r = clean(PROSE, "", "Burns as key intermediary", "", PROSE)
    assert "Burns as key intermediary" in r.body


def test_copyright_line_anywhere():
    r = clean(PROSE, "Copyright 2023 The Example Times", PROSE)
    assert dropped(r, "copyright_line") == ["Copyright 2023 The Example Times"]


def test_prose_that_starts_with_the_word_copyright_is_kept():
    for line in ("Copyright law is changing fast in many countries, experts told the panel.",
                 "(c) the court may order a review of the decision within thirty days."):
        r = clean(PROSE, line, PROSE)
        assert line in r.body
        assert dropped(r, "copyright_line") == []


def test_a_hard_wrapped_line_starting_with_the_word_copyright_is_kept():
    # Found by a hypothesis run over hard-wrapped pages: "copyright." alone, the end of a
    # sentence wrapped onto its own line, was taken for a notice and the sentence lost its end.
    wrapped = ("The court ruled on Monday that the songs were protected by\n"
               "copyright.\n\nThe label said it would appeal, and that the case could take\n"
               "years to settle, according to its lawyers.")
    r = clean(wrapped)
    assert dropped(r, "copyright_line") == []
    assert r.body.startswith("The court ruled on Monday that the songs were protected by copyright.")


def test_short_or_dated_copyright_notices_are_still_dropped():
    for line in ("Copyright The Associated Press", "(c) 2020 Example Inc", "copyright 2021 example media",
                 "Copyright Example Media Group and its many partners. All rights reserved."):
        r = clean(PROSE, line, PROSE)
        assert dropped(r, "copyright_line") == [line]


def test_a_row_of_nav_words_at_the_page_end_is_dropped_alone():
    r = clean("Headline here", "", PROSE, "", "Home | News | Sport | Business | Culture")
    assert r.body == PROSE and dropped(r, "nav_block") == ["Home | News | Sport | Business | Culture"]


def test_a_line_with_bars_that_is_not_a_row_of_nav_words_stays():
    for line in ("Opinion | Why the budget vote matters more than it seems", "Home | News"):
        r = clean("Headline here", "", PROSE, "", line)
        assert line in r.body
