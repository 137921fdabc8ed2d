from tests.cleaners.rules.util import PROSE, clean, dropped

LYNX = """   [1]Skip to main content

                       Ferry service halted at night

   By [2]Jane Doe and [3]John Roe, CNN

   The council voted on Tuesday to stop the night ferry for six months,
   officials said after a meeting that ran late into the evening. [4]The
   mayor said the service would return in the spring, as a report[9] had said.

References

   1. https://example.com/#main
   2. https://example.com/profiles/jane-doe
   3. https://example.com/profiles/john-roe
   4. https://example.com/mayor"""


def test_a_text_browsers_dump_loses_its_reference_list_markers_and_skip_link():
    r = clean(LYNX)
    assert (r.title, r.authors) == ("Ferry service halted at night", ("Jane Doe", "John Roe"))
    assert r.body == ("The council voted on Tuesday to stop the night ferry for six months, officials said after a "
                      "meeting that ran late into the evening. The mayor said the service would return in the "
                      "spring, as a report[9] had said.")  # [9] is not in the list: left alone
    assert dropped(r, "link_references")[0] == "References" and len(dropped(r, "link_references")) == 5
    assert dropped(r, "skip_link") == ["Skip to main content"]


def test_without_a_reference_list_bracketed_numbers_stay():
    line = "The study[1] found that [2]three of the bridges needed repairs before the winter."
    assert clean(PROSE, line, PROSE).body == f"{PROSE}\n\n{line}\n\n{PROSE}"


def test_a_references_heading_followed_by_prose_is_not_a_reference_list():
    r = clean(PROSE, "References", "1. https://example.com/report", PROSE)
    assert dropped(r, "link_references") == []


def test_skip_link_is_only_the_link_itself():
    r = clean(PROSE, "Jump to navigation", "Skip to the end of the story if you have read the first part already.", PROSE)
    assert dropped(r, "skip_link") == ["Jump to navigation"]
