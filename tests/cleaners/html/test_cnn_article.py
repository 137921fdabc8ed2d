from datetime import timedelta

from tests.cleaners.html.helpers import clean_file, fixture

PARAGRAPHS = [
    "Dockworkers at ports along the East and Gulf coasts will return to work Friday after their union reached "
    "a tentative agreement with the shipping companies.",
    "The three-day strike had shut down 36 ports from Maine to Texas, stranding containers of food, clothing and car parts.",
    "The deal raises wages by about 62% over six years, according to a person familiar with the agreement.",
    "What happens next",
    "Union members still have to vote on the contract, a process that could take several weeks.",
    "Retailers had rushed shipments in earlier in the year to avoid exactly this kind of disruption.",
    "The ports were expected to need about a week to clear the backlog.",
]


def test_body_is_the_story_and_nothing_else():
    doc = clean_file("cnn_article.html")
    assert doc.body.split("\n\n") == PARAGRAPHS
    for furniture in ("Related article", "holiday shopping", "Savannah", "newsletter", "Ad Feedback",
                      "Advertisement", "Log In", "Politics", "Cable News Network", "CNN —", "Cranes stand idle"):
        assert furniture not in doc.body


def test_metadata_comes_from_the_markup():
    doc = clean_file("cnn_article.html")
    assert doc.site == "cnn" and doc.kind == "article" and doc.source_format == "html"
    assert doc.title == "Port strike ends after three days as dockworkers reach a tentative deal"  # JSON-LD over og:title
    assert doc.authors == ("Chris Isidore", "Vanessa Yurkevich")
    assert doc.published.source == "html:json-ld"
    assert doc.published.value.utcoffset() == timedelta(hours=-4)
    assert (doc.published.value.hour, doc.published.value.minute) == (9, 5)
    assert doc.updated.value.hour == 11 and doc.updated.kind == "updated"
    assert doc.language == "en"


def test_source_uri_is_canonical_and_the_path_is_kept():
    doc = clean_file("cnn_article.html")
    assert doc.source_uri == "https://www.cnn.com/2024/10/04/business/port-strike-ends/index.html"
    assert doc.canonical_url == doc.source_uri
    assert doc.source_path == str(fixture("cnn_article.html"))


def test_caption_and_credit_go_to_captions_and_removals_are_audited():
    doc = clean_file("cnn_article.html")
    assert [(c.caption, c.credit) for c in doc.captions] == [
        ("Cranes stand idle at the Port of Baltimore on Wednesday as the strike entered its second day.",
         "Jim Watson/AFP/Getty Images")]
    rules = {r.rule for r in doc.removed}
    assert {"related_article_insert", "video_block", "ad_or_newsletter_slot", "image_caption"} <= rules
    related = [r.text for r in doc.removed if r.rule == "related_article_insert"]
    assert related == ["Related article What the port strike means for your holiday shopping"]
