from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from tests.cleaners.html.helpers import clean_file

ET = ZoneInfo("America/New_York")


def test_live_blog_splits_into_posts_in_page_order():
    doc = clean_file("cnn_liveblog.html")
    assert doc.kind == "liveblog" and doc.site == "cnn"
    assert doc.declared_posts == 3
    assert [p.position for p in doc.posts] == [0, 1, 2]
    assert [p.headline for p in doc.posts] == [
        'Top US general: Russian troop movements are "different" from what US has seen',
        "Pentagon says it has put troops on heightened alert",
        "Zelensky urges the West not to create panic",
    ]


def test_each_post_has_its_own_printed_timestamp_in_eastern_time():
    posts = clean_file("cnn_liveblog.html").posts
    first, _, third = posts
    assert first.published.value == datetime(2022, 1, 28, 16, 12, tzinfo=ET)
    assert third.published.value == datetime(2022, 1, 28, 12, 47, tzinfo=ET)
    assert first.published.source == third.published.source == "explicit"
    assert first.published.precision == "minute"
    assert first.published.value.utcoffset().total_seconds() == -5 * 3600  # EST in January


def test_a_post_without_a_printed_time_takes_its_json_ld_update_time():
    second = clean_file("cnn_liveblog.html").posts[1]
    assert second.published.value == datetime(2022, 1, 28, 16, 5, tzinfo=timezone.utc)
    assert second.published.source == "explicit"


def test_post_bylines_authors_bodies_and_captions():
    p0, p1, p2 = clean_file("cnn_liveblog.html").posts
    assert p0.byline == "From CNN's Ellie Kaufman and Michael Conte"
    assert p0.authors == ("Ellie Kaufman", "Michael Conte")
    assert p2.authors == ("Tim Lister",)  # "in Kyiv" is a place, not a name
    assert p0.body.split("\n\n") == [
        "Gen. Mark Milley said the troop movements from Russia along the border with Ukraine are different "
        "from what the US has seen in recent memory.",
        "Milley said these movements are different from annual Russian exercises, which the Pentagon watches closely.",
    ]
    assert [(c.caption, c.credit) for c in p0.captions] == [
        ("Gen. Mark Milley speaks during a news briefing at the Pentagon on Friday.", "Alex Brandon/AP")]
    assert "Watch the Pentagon briefing" not in p1.body and "01:55" not in p1.body
    assert "Advertisement" not in p2.body and "Link Copied" not in p0.body
    assert "Related article" not in p0.body


def test_page_level_fields_of_the_live_blog():
    doc = clean_file("cnn_liveblog.html")
    assert doc.body.split("\n\n") == [
        "Tensions between Moscow and Kyiv are at their highest in years, with a large Russian troop buildup near the border.",
        "Diplomatic efforts to resolve the crisis continue.",
    ]
    assert doc.authors == ()  # JSON-LD names the outlet only; post bylines are per post
    assert doc.published.value == datetime(2022, 1, 28, 10, 2, tzinfo=timezone.utc)
    assert doc.source_uri.startswith("https://edition.cnn.com/europe/live-news/")
    assert "coverage_ended_notice" in {r.rule for r in doc.removed}


UNKNOWN_LIVE_MARKUP = """<html><head><title>Storm live updates</title>
<link rel="canonical" href="https://www.cnn.com/us/live-news/storm-01-05-24/index.html"></head>
<body><nav><a href="/">Home</a> <a href="/us">US</a></nav><div class="wrap"><h1>Storm live updates</h1><p>3 Posts</p>
<div><p>12:47 p.m. ET, January 5, 2024</p><h2>Power outages spread across the coast</h2><p>From CNN's Jane Smith</p>
<p>More than 200,000 customers were without power on Friday afternoon as the storm moved north along the coast.</p>
<p>Link Copied!</p></div>
<div><p>11:30 a.m. ET, January 5, 2024</p><h2>Airports cancel hundreds of flights</h2><p>From CNN's Tom Brown</p>
<p>Airlines cancelled more than 900 flights at airports in the Northeast ahead of the storm, said tracking data.</p>
<p>Link Copied!</p></div>
<div><p>10:02 a.m. ET, January 5, 2024</p><h2>Governor declares state of emergency</h2><p>From CNN's Ana Ruiz</p>
<p>The governor declared a state of emergency on Friday morning and urged residents to stay off the roads.</p>
<p>Link Copied!</p></div></div></body></html>"""


def test_live_blog_in_unknown_markup_is_split_by_the_text_route():
    from tests.cleaners.html.helpers import clean_html_text

    doc = clean_html_text(UNKNOWN_LIVE_MARKUP)
    assert doc.kind == "liveblog" and doc.declared_posts == 3
    assert "Home" not in doc.body and "Storm live updates" not in doc.body
    assert len(doc.posts) == 3
    assert doc.posts[0].body.startswith("More than 200,000 customers")
    assert doc.posts[2].published.value == datetime(2024, 1, 5, 10, 2, tzinfo=ET)


REPEATED = ("Meanwhile: Russia has massed more than 100,000 troops near the border with Ukraine, "
            "according to US and Ukrainian officials.")


def _post(n: int, extra: str = "") -> str:
    return (f'<article class="live-story-post" data-post-id="p{n}"><div class="live-story-post__timestamp">'
            f'{n}:00 p.m. ET, January 28, 2022</div><h2 class="live-story-post__headline">Headline number {n}</h2>'
            f"<p>Post {n} has its own opening paragraph with enough words to be a real paragraph of news.</p>"
            f"{extra}</article>")


def test_a_paragraph_pasted_into_several_posts_is_marked_as_a_repeated_insert():
    from tests.cleaners.html.helpers import clean_html_text

    html = ('<html><head><link rel="canonical" href="https://www.cnn.com/europe/live-news/x/index.html"></head>'
            f"<body><main>{_post(1, f'<p>{REPEATED}</p>')}{_post(2)}{_post(3, f'<p>{REPEATED}</p>')}</main></body></html>")
    posts = clean_html_text(html).posts
    assert [p.repeated_inserts for p in posts] == [(REPEATED,), (), (REPEATED,)]
    assert REPEATED in posts[0].body  # kept in the body: a consumer decides
    assert posts[1].published.value == datetime(2022, 1, 28, 14, 0, tzinfo=ET)
