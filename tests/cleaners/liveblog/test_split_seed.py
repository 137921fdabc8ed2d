"""The seed live blog: exactly its 19 posts, in order, every field where it belongs."""
from __future__ import annotations

import pytest

from cleaners.text import clean_text
from tests.helpers import seed_text

HEADLINES = [
    'Top US general: Russian troop movements are "different" from what US has seen in "recent memory"',
    'Defense secretary: US hasn\'t "actually moved any troops" at this point in response to Russian buildup',
    'We will "continue to provide" Biden with options to defend US interests in response to Russia, Austin says',
    'Top US general: "We strongly encourage Russia to stand down"',
    'Defense secretary: Conflict with Russia "is not inevitable"',
    'US is taking buildup of Russian troops at Ukraine border "very seriously," defense secretary says',
    'US and UK embassy withdrawals were a "mistake," says Ukrainian president',
    "Ukraine president says he's ready to meet with Putin",
    "Western leaders' messaging on potential Russian invasion is damaging Ukraine's economy, Zelensky says",
    "Threat of sanctions not designed to help Ukraine, President Zelensky says",
    "US and EU reiterate commitment to energy security in Ukraine and Europe",
    'US "trying to decide" if it will bolster some NATO allies with US troops already in Europe, Pentagon says',
    "Russia says it doesn't want war and signals opening for diplomacy in Ukraine crisis",
    "US ambassador to Moscow: Russia says it doesn't want to invade, but facts on the ground tell different story",
    "How close are we to all-out conflict? Here's what we know so far",
    "Pentagon warns of Russian troop build-up, as diplomatic efforts intensify",
    "New discord between Ukraine and US plays right into Putin's hands",
    'Russian gas shutdown would be "catastrophic" for Europe',
    "What you need to know about the Russia-Ukraine crisis today",
]
BYLINES = {
    0: "From CNN's Ellie Kaufman and Michael Conte", 1: None, 2: "From CNN's Ellie Kaufman", 3: None, 4: None,
    5: None, 6: None, 7: "From CNN’s Vasco Cotovio", 8: "From CNN’s Vasco Cotovio in London",
    9: "From CNN’s Matthew Chance in Kyiv and Vasco Cotovio in London",
    10: "From CNN's Betsy Klein and Ivana Kottasová", 11: "From CNN's Oren Lieberman",
    12: "From CNN's Eliza Mackintosh and Vasco Cotovio", 13: "From CNN’s Vasco Cotovio",
    14: "From CNN's Laura Smith-Spark", 15: "From CNN's Eliza Mackintosh and Michael Conte",
    16: "Analysis from CNN's Stephen Collinson", 17: "Analysis from CNN Business' Julia Horowitz",
    18: "From CNN's Eliza Mackintosh",
}


@pytest.fixture(scope="module")
def result():
    return clean_text(seed_text("003"))


def test_detected_as_liveblog_with_every_post(result):
    assert result.kind == "liveblog"
    assert result.declared_posts == 19
    assert [p.headline for p in result.posts] == HEADLINES
    assert [p.position for p in result.posts] == list(range(19))


def test_bylines_and_authors(result):
    assert {p.position: p.byline for p in result.posts} == BYLINES
    assert result.posts[9].authors == ("Matthew Chance", "Vasco Cotovio")
    assert result.posts[17].authors == ("Julia Horowitz",)
    assert result.posts[1].authors == ()


def test_captions_and_credits_leave_the_body(result):
    pool = result.posts[5]
    assert [(c.caption, c.credit) for c in pool.captions] == [(None, "Pool")]
    z = result.posts[8]
    assert z.captions[0].credit == "Ukrainian Presidential Press Service/Reuters"
    assert z.captions[0].caption.startswith("Ukraine's President Volodymyr Zelensky speaks during a news conference")
    for p in result.posts:
        assert "Link Copied" not in p.body
        assert p.byline is None or p.byline not in p.body
        for c in p.captions:
            assert f"({c.credit})" not in p.body
            assert c.caption is None or c.caption not in p.body


def test_post_bodies_keep_their_own_text(result):
    assert result.posts[0].body.startswith("Gen. Mark Milley, chairman of the Joint Chiefs of Staff")
    # A colon-ended line is body, not a headline: it closes post 14, and post 15 starts after it.
    assert result.posts[14].body.endswith("what a potential invasion might look like – here:")
    assert result.posts[15].body.startswith("Diplomatic efforts to defuse the military crisis")
    assert result.posts[18].body.endswith("Ukrainian President Zelensky is scheduled to address foreign media later on.")


def test_parent_body_is_the_page_summary(result):
    assert result.body.startswith("Tensions between Moscow and Kyiv are at their highest in years")
    assert result.body.count("\n\n") == 2  # three summary paragraphs
    assert "19 Posts" not in result.body and "Live coverage has ended" not in result.body


def test_recurring_insert_is_recorded_not_dropped(result):
    marked = [p.position for p in result.posts if p.repeated_inserts]
    assert marked == [0, 11, 13]
    assert all("In spite of the ratcheting warnings" in p.repeated_inserts[0] for p in result.posts if p.repeated_inserts)
    assert "In spite of the ratcheting warnings" in result.posts[0].body


def test_times_are_inferred_and_say_so(result):
    for p in result.posts:
        assert p.published is not None
        assert p.published.source.startswith("inferred:")
        assert p.published.precision == "day"
        assert p.published.value.date().isoformat() == "2022-01-28"
    assert result.published.source.startswith("inferred:caption date January 28 + weekday Friday")
