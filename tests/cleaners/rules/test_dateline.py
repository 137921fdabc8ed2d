from datetime import timezone

from cleaners.dates import parse_date_line, parse_dateline
from tests.cleaners.rules.util import PROSE, clean


def test_updated_dateline_with_et_in_daylight_time():
    ts = parse_dateline("Updated 7:11 PM ET, Fri November 5, 2021")
    assert ts.kind == "updated" and ts.source == "dateline"
    assert ts.value.astimezone(timezone.utc).isoformat() == "2021-11-05T23:11:00+00:00"  # EDT, UTC-4


def test_et_in_standard_time_and_other_shapes():
    assert parse_dateline("Published 10:05 AM ET, Mon January 3, 2022").value.utcoffset().total_seconds() == -5 * 3600
    ts = parse_dateline("12:47 p.m. ET, January 28, 2022")
    assert (ts.value.hour, ts.value.minute, ts.kind) == (12, 47, "published")
    assert parse_dateline("9:00 GMT, 4 June 2022") is None  # day-first shape is not claimed
    assert parse_dateline("Updated 7:11 PM ET, Sat November 5, 2021") is None  # contradicts itself


def test_dateline_leaves_body_and_becomes_metadata():
    r = clean("A headline for the page", "Updated 7:11 PM ET, Fri November 5, 2021", "", PROSE)
    assert r.updated.value.hour == 19 and r.body == PROSE
    assert r.published is None  # only "updated" was printed; the pipeline records it as such


def test_time_inside_prose_is_not_a_dateline():
    text = "Updated figures released at 7:11 PM showed turnout rising across the state, officials said."
    r = clean(text)
    assert r.updated is None and r.body == text


def test_date_only_datelines_have_day_precision():
    from cleaners.dates import parse_date_line

    ts = parse_date_line("Posted on 5 March 2021")
    assert (ts.value.date().isoformat(), ts.precision, ts.kind) == ("2021-03-05", "day", "published")
    assert parse_date_line("Updated: Mar. 5, 2021").kind == "updated"
    assert parse_date_line("March 5, 2021 was a cold day") is None
    r = clean("A headline for the page", "Posted on 5 March 2021", PROSE)
    assert r.published.value.date().isoformat() == "2021-03-05" and r.body == PROSE


def test_names_that_re_i_folds_parse_instead_of_crashing():
    # re.I matches ſ to s and ı, İ to i; the look-ups of the matched names must fold the same way
    ts = parse_dateline("Laſt updated 7:11 PM ET, Frı Auguſt 6, 2021")
    assert (ts.kind, ts.value.month, ts.value.day) == ("updated", 8, 6)
    assert parse_date_line("Posted on FRİ 5 March 2021").value.day == 5
    r = clean("A headline for the page", "Updated 7:11 PM ET, Frı November 5, 2021", PROSE)
    assert r.updated is not None and "Frı" in [x.text for x in r.removed if x.rule == "dateline"][0]


def test_a_date_line_after_the_articles_prose_is_the_bodys_own():
    # an embedded post's date under two paragraphs of prose is not the page's dateline
    embedded, para = "March 3, 2021", PROSE + " " + PROSE
    r = clean("A headline for the page", "", para, "", para, "", embedded, "", PROSE)
    assert r.published is None and embedded in r.body
    # the same line above the prose still is
    r = clean("A headline for the page", embedded, "", para, "", para)
    assert r.published.value.day == 3 and embedded not in r.body
