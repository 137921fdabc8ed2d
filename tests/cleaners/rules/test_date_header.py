from tests.cleaners.rules.util import PROSE, clean


def test_fused_header_becomes_published_and_body_starts_clean():
    r = clean(f" date 2021-11-06 {PROSE}", "", "Second paragraph is here and it is prose.")
    assert r.published.value.isoformat() == "2021-11-06T00:00:00+00:00"
    assert (r.published.source, r.published.precision) == ("header", "day")
    assert r.body.startswith("The committee met")
    assert [x.rule for x in r.repairs] == ["fused_date_header"]


def test_header_fused_into_video_title_drops_the_title():
    r = clean(" date 2021-12-19 Leaders speak after their virtual meeting 1:55", "", PROSE)
    assert r.video_title == "Leaders speak after their virtual meeting 1:55"
    assert r.body == PROSE
    assert r.published.value.date().isoformat() == "2021-12-19"


def test_a_sentence_that_starts_with_date_is_not_a_header():
    text = "Date night 2021-11-06 was a success, organisers said after the event ended."
    r = clean(text)
    assert r.published is None and r.body == text


def test_impossible_date_is_left_alone():
    r = clean(f"date 2021-13-45 {PROSE}")
    assert r.published is None
