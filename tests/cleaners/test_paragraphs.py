from cleaners.paragraphs import repair_paragraphs

LONG = "The buildup, coupled with the energy blackmail, does suggest a more aggressive posture, an adviser to"


def test_paragraph_broken_by_removed_image_is_joined():
    out, repairs = repair_paragraphs([LONG, "Zelensky told CNN.", "Next paragraph."])
    assert out == [f"{LONG} Zelensky told CNN.", "Next paragraph."]
    assert [r.rule for r in repairs] == ["broken_paragraph"]


def test_heading_is_not_glued_to_the_next_paragraph():
    heading = "Expert: Russia sees no way forward in talks, alarmed by deepening military ties with Ukraine"
    out, _ = repair_paragraphs([heading, "From Russia's perspective, the aim is clear."])
    assert len(out) == 2


def test_fragment_with_lost_beginning_is_kept_and_flagged():
    out, repairs = repair_paragraphs(["First paragraph ends here.", "awareness about this.\""])
    assert out[1] == "awareness about this.\""
    assert [r.rule for r in repairs] == ["lost_beginning_fragment"]


def test_dangling_fragments_are_not_glued_together():
    first = "The administration has been trying to find common ground with"
    out, repairs = repair_paragraphs([first, "rapidly expanding its nuclear arsenal", "Next."])
    assert out[:2] == [first, "rapidly expanding its nuclear arsenal"]
    assert {r.rule for r in repairs} == {"truncated_paragraph", "lost_beginning_fragment"}


def test_chains_join_fully_and_repair_is_idempotent():
    paras = ["One two three four five six seven of", "eight nine ten eleven twelve and", "thirteen ends."]
    out, _ = repair_paragraphs(paras)
    assert out == [" ".join(paras)]
    assert repair_paragraphs(out)[0] == out


def test_dropped_furniture_does_not_make_a_page_look_hard_wrapped():
    # Found by hypothesis: counting "Link Copied!" as a wrapped line glued "US" onto the sentence,
    # and cleaning the output again then read that line as a title.
    from cleaners.text import clean_text
    first = clean_text("\n".join(["Aa aa aa aa aa aa aa.", "US", "Link Copied!", "", "Aa Aa Aa Aa", "Link Copied!"]))
    assert first.body.split("\n\n")[0] == "Aa aa aa aa aa aa aa."
    again = clean_text("\n\n".join(x for x in (first.title, first.byline, first.body) if x))
    assert (again.title, again.body) == (first.title, first.body)


BRIDGE_TITLE = "Bridge to close for a year"
BRIDGE_1 = ("The council voted on Tuesday to close the old bridge for\nrepairs that will last until the end of\n"
            "next year, officials said.")
BRIDGE_2 = "Drivers will be sent along the river road while\nthe work goes on, and buses will run every\nten minutes."
BRIDGE_BODY = [BRIDGE_1.replace("\n", " "), BRIDGE_2.replace("\n", " ")]


def test_a_hard_wrapped_dump_still_joins_its_lines():
    from cleaners.text import clean_text
    body = clean_text(f"{BRIDGE_TITLE}\n\n{BRIDGE_1}\n\n{BRIDGE_2}\n").body
    assert body.split("\n\n") == BRIDGE_BODY


def test_a_hard_wrapped_page_is_cleaned_again_unwrapped():
    # Furniture cut over two lines is one line again for the rules: the dateline is parsed, the
    # video title with its duration goes, and the page's own output cleans to the same result.
    from cleaners.text import clean_text
    text = (f"{BRIDGE_TITLE}\n\nUpdated 7:11 PM ET, Fri November\n5, 2021\n\n{BRIDGE_1}\n\n"
            f"A video about the thing that\nhappened 1:55\n\n{BRIDGE_2}\n")
    r = clean_text(text)
    assert r.title == BRIDGE_TITLE
    assert r.updated is not None and r.updated.value.isoformat().startswith("2021-11-05T19:11")
    assert r.body.split("\n\n") == BRIDGE_BODY
    assert r.page.origin is not None and r.page.input_lines(r.page.lines[-2].number) == (12, 14)  # the last paragraph
    again = clean_text("\n\n".join(x for x in (r.title, r.byline, r.body) if x))
    assert (again.title, again.body) == (r.title, r.body)


def test_a_normalisation_repair_on_a_wrapped_page_sits_on_the_unwrapped_line_holding_it():
    from cleaners.text import clean_text
    r = clean_text(f"{BRIDGE_TITLE}\n\n{BRIDGE_1.replace('year,', 'year ,')}\n\n{BRIDGE_2}\n")
    (number, rep), = r.page.repairs
    assert rep.rule == "space_before_punctuation" and r.page.input_lines(number) == (2, 4)
    assert "next year, officials said." in r.page.lines[number].text


NARROW = "Officials said the ferry\nwould stop running at\nnight from Monday, a\nspokesperson added."  # lines under six words


def test_a_page_of_one_hard_wrapped_paragraph_is_one_paragraph_with_no_title():
    # Found by hypothesis: one block is too little for the wrapping count, and lines of under six
    # words are not joined by paragraph repair: the first line became the title, the rest stayed apart.
    from cleaners.text import clean_text
    for text in (NARROW, f"Advertisement\n\n{NARROW}\n"):  # alone, or the one block left once furniture goes
        r = clean_text(text)
        assert (r.title, r.body) == (None, NARROW.replace("\n", " "))


def test_a_headline_right_above_a_wrapped_paragraph_is_still_the_title():
    # One block, but its first line break is not inside a sentence going on in lower case.
    from cleaners.text import clean_text
    r = clean_text(f"{BRIDGE_TITLE}\n{BRIDGE_1}\n")
    assert (r.title, r.body) == (BRIDGE_TITLE, BRIDGE_BODY[0])


def test_a_short_list_in_one_block_is_not_taken_for_wrapped_text():
    from cleaners.paragraphs import looks_hard_wrapped
    assert not looks_hard_wrapped("What to pack\nwater and\nsnacks for\nthe trip")  # too narrow to be a wrapped width
    assert not looks_hard_wrapped("The ferry will stop at night.\nBuses will run instead.\nWork ends in May.")


def test_in_a_wrapped_block_a_line_shorter_than_the_width_ends_a_heading_or_a_paragraph():
    # A wrapper breaks a line only when the next word would not fit: a shorter line followed by a
    # capital ends something. Before, every run of kept lines was joined: the headline right above
    # the text, a section heading, or the next paragraph (no blank line between) were glued on.
    from cleaners.text import clean_text
    for text, title, body in [
        (f"{BRIDGE_TITLE}\n{BRIDGE_1}\n\n{BRIDGE_2}\n", BRIDGE_TITLE, BRIDGE_BODY),
        (f"{BRIDGE_TITLE}\n\n{BRIDGE_1}\n\nSection heading here\n{BRIDGE_2}\n", BRIDGE_TITLE,
         [BRIDGE_BODY[0], "Section heading here", BRIDGE_BODY[1]]),
        (f"{BRIDGE_TITLE}\n\n{BRIDGE_1}\n{BRIDGE_2}\n", BRIDGE_TITLE, BRIDGE_BODY),
    ]:
        r = clean_text(text)
        assert (r.title, r.body.split("\n\n")) == (title, body)



def test_a_dump_wrapped_with_no_blank_line_at_all_is_judged_by_how_its_lines_fill_the_width():
    # No blank line anywhere, and the first break goes on with a capital (a place name): the block
    # test's other signs fail, but 60% of the breaks came where the next word would not fit.
    # (A paragraph whose last line happens to be full is joined to the next one: nothing else
    # marks the boundary. Here each ends short.)
    import textwrap

    from cleaners.text import clean_text
    title = "Council closes the old bridge over the river in Riverside"
    paragraphs = [
        "The council voted on Tuesday to close the old bridge for repairs that will last until the end of "
        "next year, officials said.",
        "Drivers will be sent along the river road while the work goes on, and buses will run every ten "
        "minutes between the two banks.",
        "The bridge, which opened in 1931, carries about twelve thousand vehicles a day, according to "
        "the council's own traffic counts.",
    ]
    text = "\n".join(textwrap.wrap(title, 48) + [ln for p in paragraphs for ln in textwrap.wrap(p, 48)])
    r = clean_text(text)
    assert (r.title, r.body.split("\n\n")) == (title, paragraphs)
