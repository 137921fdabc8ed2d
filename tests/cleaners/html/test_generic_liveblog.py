"""Live blogs on sites without an adapter: posts found by the page's structure (adapters/liveblog.py)."""
from datetime import datetime, timezone

import pytest

from cleaners.html.extract import clean_html
from tests.cleaners.html.helpers import clean_file, clean_html_text


def test_posts_are_split_by_structure_with_their_own_headline_byline_time_and_captions():
    doc = clean_file("generic_liveblog.html")
    assert doc.kind == "liveblog" and doc.site is None
    assert [p.headline for p in doc.posts] == [
        "Rail operator says repairs will take two days",
        "Shelters open in three towns",
        "Power company warns of longer cuts inland",
        "What we know so far",
    ]
    assert doc.declared_posts == 4
    assert [p.byline for p in doc.posts] == ["By Maria Lopez", None, "By Jon Park and Ada Obi", None]
    assert [p.authors for p in doc.posts] == [("Maria Lopez",), (), ("Jon Park", "Ada Obi"), ()]
    # the datetime attribute; a time of day on the page's date (March 12, in ET); a printed dateline
    assert [(p.published.source, p.published.value.astimezone(timezone.utc)) for p in doc.posts] == [
        ("explicit", datetime(2024, 3, 12, 14, 30, tzinfo=timezone.utc)),
        ("explicit:time+page-date", datetime(2024, 3, 12, 13, 15, tzinfo=timezone.utc)),
        ("explicit", datetime(2024, 3, 12, 12, 2, tzinfo=timezone.utc)),
        ("explicit:time+page-date", datetime(2024, 3, 12, 10, 45, tzinfo=timezone.utc)),
    ]
    assert doc.posts[0].body == (
        "Engineers have found three places where the embankment was washed away near Marsh Bay, the rail "
        "operator said in a statement.\n\n"
        "Replacement buses will run every twenty minutes between the two towns until the line reopens.")
    assert doc.posts[1].body == (
        "The county has opened emergency shelters in the school halls of Port Elling, Marsh Bay and Hollin "
        "for anyone who has had to leave home.\n\nPets are welcome at all three shelters, a county spokesperson said.")
    assert [(c.caption, c.credit) for c in doc.posts[1].captions] == [
        ("Volunteers set up camp beds in the Hollin school hall.", "Sam Reed/Coastline Courier")]
    assert doc.posts[2].body.startswith("Fallen trees have brought down lines") and "\n\n" not in doc.posts[2].body
    assert doc.posts[3].body.endswith("Schools in the coastal district are closed today.")
    assert any(r.rule == "page_chrome" and "Facebook" in r.text for r in doc.removed)


def test_the_intro_is_the_parent_body_and_no_post_text_leaks_into_it():
    doc = clean_file("generic_liveblog.html")
    assert doc.body == (
        "More than forty thousand homes along the coast are without power after Storm Aldo made landfall "
        "overnight.\n\n"
        "The coastal rail line is closed between Port Elling and Marsh Bay until at least Wednesday morning.")
    assert doc.title == "Storm Aldo live: power cuts and flooding along the coast"
    assert doc.byline is None  # the first post's byline is that post's, not the page's
    assert doc.captions == ()  # the photo is the shelters post's


SECTIONED_ARTICLE = """<!DOCTYPE html><html><head><title>How the new tram line will work</title>
<meta property="article:published_time" content="2024-05-02T08:00:00Z">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "How the new tram line will work"}</script>
</head><body><main><article class="story">
<h1>How the new tram line will work</h1><p class="byline">By Lena Fischer</p><time datetime="2024-05-02T08:00:00Z">May 2, 2024</time>
<p>The city's first tram line in sixty years opens in September, linking the station with the university campus.</p>
<section class="story-section"><h2>The route</h2>
<p>Trams will run every six minutes at peak times along an eleven-kilometre route with fourteen stops.</p>
<p>The line crosses the river on the rebuilt Iron Bridge, which is closed to cars from June.</p></section>
<section class="story-section"><h2>The fares</h2>
<p>A single journey will cost the same as a bus ticket, and bus passes will be valid on the trams.</p></section>
<section class="story-section"><h2>What happens next</h2>
<p>Test runs start in July, and the operator will recruit forty drivers over the summer.</p></section>
</article></main></body></html>"""

PLAIN_H2_ARTICLE = SECTIONED_ARTICLE.replace('<section class="story-section">', "").replace("</section>", "")


@pytest.mark.parametrize("html", [SECTIONED_ARTICLE, PLAIN_H2_ARTICLE], ids=["sections", "h2-siblings"])
def test_an_article_with_h2_sections_stays_one_article(html):
    doc = clean_html_text(html)
    assert doc.kind == "article" and doc.posts == ()
    assert "The route" in doc.body and "The fares" in doc.body
    assert doc.body.startswith("The city's first tram line")
    assert doc.body.endswith("recruit forty drivers over the summer.")


BLOG_INDEX = """<!DOCTYPE html><html><head><title>Field notes</title></head><body><main><h1>Field notes</h1>
<article class="post"><time datetime="2024-04-03">April 3, 2024</time><h2><a href="/2024/04/03/swifts">The swifts are back</a></h2>
<p>The first swifts of the year screamed over the church tower this morning, a week earlier than last year.</p></article>
<article class="post"><time datetime="2024-03-20">March 20, 2024</time><h2><a href="/2024/03/20/frogspawn">Frogspawn in the pond</a></h2>
<p>Three clumps of frogspawn appeared overnight in the garden pond, the first since we dug it out in autumn.</p></article>
<article class="post"><time datetime="2024-03-02">March 2, 2024</time><h2><a href="/2024/03/02/owls">Owls at dusk</a></h2>
<p>A pair of tawny owls has been calling from the churchyard yews every evening this week, just after sunset.</p></article>
</main></body></html>"""


def test_a_list_of_teasers_linking_to_other_pages_is_not_a_live_blog():
    doc = clean_html_text(BLOG_INDEX)
    assert doc.kind == "article" and doc.posts == ()


QUESTION_HEADLINE = """<!DOCTYPE html><html><head><title>Will the pier reopen before summer?</title>
<meta property="og:title" content="Will the pier reopen before summer?"></head><body><article>
<h1>Will the pier reopen before summer?</h1>
<p>The pier has been closed since the storm in January, when waves tore away a section of its decking.</p>
<p>The council says repairs should be finished by the end of May, but the contractor has not yet confirmed it.</p>
<p>Traders at the pier's cafe and arcade say a late opening would cost them the busiest weeks of the year.</p>
</article></body></html>"""


def test_the_page_headline_is_not_read_twice():
    r = clean_html(QUESTION_HEADLINE).result
    assert r.title == "Will the pier reopen before summer?"
    assert r.body.startswith("The pier has been closed since the storm")
    assert [ln.text for ln in r.page.live()].count("Will the pier reopen before summer?") <= 1
