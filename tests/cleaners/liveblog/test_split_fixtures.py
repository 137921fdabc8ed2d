"""Live blogs of our own design: timed posts, no count, missing separators, no bylines."""
from __future__ import annotations

from pathlib import Path

from cleaners.text import clean_text

DATA = Path(__file__).resolve().parents[2] / "data" / "liveblogs"


def load(name: str):
    return clean_text((DATA / name).read_text(encoding="utf-8"))


def test_timed_posts_get_explicit_times_in_their_zone():
    r = load("timed_no_count.txt")
    assert r.kind == "liveblog" and r.declared_posts is None
    assert r.title == "Storm watch: live updates as the coast prepares"
    assert [p.headline for p in r.posts] == [
        "Evacuation orders expanded to three more counties", "What we know: the storm's path and timing",
        "Airports cancel hundreds of flights", "Schools close ahead of the storm"]
    times = [p.published.value.isoformat() for p in r.posts]
    assert times == ["2023-03-14T15:15:00-04:00", "2023-03-14T13:02:00-04:00",
                     "2023-03-14T11:40:00-04:00", "2023-03-14T09:05:00-04:00"]
    assert {p.published.source for p in r.posts} == {"explicit"}
    assert r.body == "The latest on the storm as it moves north along the coast."


def test_post_fields_without_separator_or_byline():
    r = load("timed_no_count.txt")
    airports, schools = r.posts[2], r.posts[3]
    assert airports.byline == "By Harbor Daily staff and Tom Becker" and airports.authors == ("Tom Becker",)
    assert [(c.caption, c.credit) for c in airports.captions] == [
        ("A traveler waits at the terminal on Tuesday.", "Jane Doe/Harbor Daily")]
    assert airports.body.endswith("Airlines said they would waive change fees for affected passengers.")
    assert "9:05" not in airports.body  # the next post's time line is not glued onto this post
    assert r.posts[1].byline is None
    assert "Key facts: winds of up to 90 mph" in r.posts[1].body
    assert schools.body == "All public schools in the region will be closed on Wednesday, the district said."


def test_untimed_blog_splits_on_structure_and_keeps_null_times():
    r = load("untimed_missing_separators.txt")
    assert r.declared_posts == 5 and len(r.posts) == 5
    assert [p.headline for p in r.posts] == [
        "Council passes budget by a single vote", 'Mayor calls the vote "a win for every neighbourhood"',
        "Budget at a glance: where the money goes", "Opposition members walk out before the final vote",
        "Council opens debate"]
    assert r.posts[0].authors == ("Sam Cole", "Dana Wu")
    assert r.posts[3].byline == "Analysis from Metro Wire's Kim Lo" and r.posts[3].authors == ("Kim Lo",)
    assert r.posts[2].body.startswith("Schools: the largest share")  # colon-headed body line stays body
    # No year anywhere on the page: no honest date, so no time at all.
    assert all(p.published is None for p in r.posts)
    assert r.published is None


def test_recurring_insert_found_across_posts():
    r = load("untimed_missing_separators.txt")
    assert [p.position for p in r.posts if p.repeated_inserts] == [0, 2]


def test_articles_are_never_split(tmp_path):
    from tests.helpers import seed_text

    for prefix in ("000", "001", "002", "004"):
        r = clean_text(seed_text(prefix))
        assert r.kind == "article" and r.posts == ()


def _blog(first_post: list[str], header: tuple[str, ...] = ()) -> str:
    later = ["Link Copied!", "Second update headline here", "By Tom Becker",
             "Officials said the second update was confirmed on Tuesday by the agency.", "Link Copied!"]
    return "\n".join(["Storm live updates", *header, "The latest on the storm as it moves north along the coast.",
                      "2 Posts", *first_post,
                      "Crews worked through the night to clear the roads, the mayor said.", *later])


def test_the_first_post_right_under_the_counter_needs_no_byline():
    r = clean_text(_blog(["First update headline here"]))
    assert r.declared_posts == 2
    assert [p.headline for p in r.posts] == ["First update headline here", "Second update headline here"]
    assert "Crews worked" in r.posts[0].body and "Crews worked" not in r.body


def test_the_first_post_under_the_counter_may_open_with_its_time():
    r = clean_text(_blog(["7:04 a.m. ET", "First update headline here"], ("Updated 9:00 a.m. ET, Tue March 14, 2023",)))
    assert [p.headline for p in r.posts] == ["First update headline here", "Second update headline here"]
    assert r.posts[0].published.value.isoformat() == "2023-03-14T07:04:00-04:00"
    assert r.posts[0].published.source == "explicit:time+page-date" and "7:04" not in r.body + r.posts[0].body
