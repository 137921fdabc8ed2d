from datetime import datetime, timedelta, timezone

from cleaners.html.dom import parse
from cleaners.html.metadata import canonical_url, parse_iso, read_metadata


def meta_of(head: str, body: str = ""):
    return read_metadata(parse(f"<html><head>{head}</head><body>{body}</body></html>"))


def test_json_ld_graph_wins_and_skips_organisation_authors():
    m = meta_of("""<meta property="og:title" content="OG title">
    <meta property="article:published_time" content="2020-01-01T00:00:00Z">
    <script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"X"},
      {"@type":["NewsArticle"],"headline":"LD headline","datePublished":"2021-03-04T05:06:07-05:00",
       "author":[{"@type":"Person","name":"Ann  Lee"},{"@type":"Organization","name":"Daily X"}],
       "publisher":{"@type":"Organization","name":"Daily X"}}]}</script>""")
    assert m.title == "LD headline"
    assert m.authors == ("Ann Lee",)
    assert m.site_name == "Daily X"
    assert m.published.value == datetime(2021, 3, 4, 5, 6, 7, tzinfo=timezone(timedelta(hours=-5)))
    assert m.published.source == "html:json-ld" and m.published.precision == "second"


def test_meta_tags_then_time_element_fill_in_without_json_ld():
    m = meta_of("""<meta name="author" content="Dana A. Ford, Tom Watkins, CNN">
    <meta property="og:site_name" content="Example News"><title>Doc title</title>""",
                """<time datetime="2019-07-08T09:10:00+02:00">8 July</time>""")
    assert m.title == "Doc title"
    assert m.authors == ("Dana A. Ford", "Tom Watkins")
    assert m.published.source == "html:time"
    assert m.published.value.utcoffset() == timedelta(hours=2)


def test_broken_json_ld_is_skipped_not_fatal():
    m = meta_of("""<script type="application/ld+json">{not json</script>
    <meta property="article:published_time" content="2022-02-02">""")
    assert m.published.precision == "day"
    assert m.published.source == "html:meta:article:published_time"


def test_naive_iso_time_is_made_aware_and_says_so():
    ts = parse_iso("2021-11-05T19:11:00", "html:json-ld")
    assert ts.value.tzinfo is not None
    assert ts.source == "html:json-ld:zone-unknown-assumed-UTC"
    assert parse_iso("next Tuesday", "x") is None
    assert parse_iso("2021-11-05T19:11:00+0100", "x").value.utcoffset() == timedelta(hours=1)


def test_canonical_prefers_link_and_ignores_relative_urls():
    tree = parse("""<link rel="canonical" href="/relative"><meta property="og:url" content="https://a.example/x">""")
    assert canonical_url(tree) == "https://a.example/x"
    tree = parse("""<link rel="canonical" href="https://b.example/y"><meta property="og:url" content="https://a.example/x">""")
    assert canonical_url(tree) == "https://b.example/y"
