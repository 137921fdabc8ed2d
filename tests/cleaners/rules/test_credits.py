from tests.cleaners.rules.util import PROSE, clean, dropped


def test_caps_credit_line_is_a_photo_credit():
    r = clean("Headline", "TOM WILLIAMS/REX/POOL/GETTY IMAGES", PROSE)
    assert dropped(r, "photo_credit") == ["TOM WILLIAMS/REX/POOL/GETTY IMAGES"]
    assert r.captions[0].credit == "TOM WILLIAMS/REX/POOL/GETTY IMAGES"


def test_parenthesised_credit_takes_its_caption():
    cap = "Rescue workers search the rubble in the city centre on Monday."
    r = clean(PROSE, cap, "(Jane Doe/Reuters)", PROSE)
    assert [(c.caption, c.credit) for c in r.captions] == [(cap, "Jane Doe/Reuters")]
    assert cap not in r.body


def test_parenthetical_prose_and_acronyms_stay():
    for text in ("(This story has been updated with new figures.)", "NATO AND THE EU", "(CNN)"):
        r = clean(PROSE, text, PROSE)
        assert not dropped(r, "photo_credit"), text
