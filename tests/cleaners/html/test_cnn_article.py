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


ZN_LAYOUT = """<html><head><meta property="og:url" content="https://edition.cnn.com/2018/05/02/health/flu-season/index.html">
<meta name="pubdate" content="2018-05-02T14:07:00Z"><title>Flu season is finally over | CNN</title></head><body>
<div class="nav"><a href="/health">Health</a></div>
<section id="body-text" class="zn zn-body-text zn-body"><div class="l-container">
<p class="zn-body__paragraph speakable"><cite class="el-editorial-source"> (CNN)</cite>The worst flu season in almost a decade is finally over, health officials said on Wednesday.</p>
<div class="el__embedded el__embedded--standard"><div class="el__storyhighlights">Related: How to protect yourself from the flu</div></div>
<div class="zn-body__paragraph speakable">Hospitalizations peaked in February, when one in 13 doctor visits was for flu-like illness.</div>
<div class="zn-body__read-all">
<div class="el__image--fullwidth"><div class="media__image"><img src="x.jpg"></div>
<div class="media__caption el__gallery_image-title"><div class="element-raw">A nurse gives a flu shot in Chicago in January.</div></div></div>
<div class="zn-body__paragraph">Officials urged people to get vaccinated again in the fall, as the virus changes every year.</div>
<div class="el__leafmedia el__leafmedia--sourced-paragraph"><p class="zn-body__paragraph">The vaccine was about 36% effective this season, the CDC said.</p></div>
<div class="ad-slot-rail"><div class="ad">Advertisement</div></div>
</div></div></section></body></html>"""


def test_2014_2022_zn_body_layout():
    from datetime import datetime, timezone

    from tests.cleaners.html.helpers import clean_html_text

    doc = clean_html_text(ZN_LAYOUT)
    assert doc.site == "cnn"
    paras = doc.body.split("\n\n")
    assert paras[0].endswith("The worst flu season in almost a decade is finally over, health officials said on Wednesday.")
    assert paras[1:] == [
        "Hospitalizations peaked in February, when one in 13 doctor visits was for flu-like illness.",
        "Officials urged people to get vaccinated again in the fall, as the virus changes every year.",
        "The vaccine was about 36% effective this season, the CDC said.",
    ]
    assert "Related" not in doc.body and "Advertisement" not in doc.body and "nurse" not in doc.body
    assert [c.caption for c in doc.captions] == ["A nurse gives a flu shot in Chicago in January."]
    assert doc.published.value == datetime(2018, 5, 2, 14, 7, tzinfo=timezone.utc)
    assert doc.source_uri == "https://edition.cnn.com/2018/05/02/health/flu-season/index.html"


# 2016 www.cnn.com layout: the h1 headline and a Facebook Messenger promo inside the story's <article>.
PG_LAYOUT = """<html><head><title>Why the ferry strike will not end soon - CNNPolitics.com</title>
<link rel="canonical" href="https://www.cnn.com/2016/11/29/politics/ferry-strike/index.html"></head>
<body><article class="pg-rail-tall pg-rail--align-right"><div class="l-container">
<h1 class="pg-headline">Why the ferry  strike will NOT end soon</h1>
<div class="metadata"><p class="metadata__byline">By Jane Roe, CNN</p>
<div class="fb-send-to-messenger-container"><div class="messenger-content"><p>Talk to us on a chat app. Get the news
as it happens.</p></div></div></div>
<section id="body-text"><div class="l-container">
<div class="zn-body__paragraph">The ferry strike entered its third week on Tuesday with no talks planned between the union and the operator.</div>
<div class="zn-body__paragraph">Commuters have turned to buses, which take twice as long on the coast road.</div>
<h1>Why the talks stalled</h1>
<div class="zn-body__paragraph">Both sides blame the other for walking away from the last meeting in early November.</div>
</div></section></div></article></body></html>"""

# money.cnn.com 2016: a video player (its headline in the player's footer) at the top of the story text.
MONEY_LAYOUT = """<html><head><title>Ferry workers go on strike - Nov. 29, 2016</title>
<link rel="canonical" href="http://money.cnn.com/2016/11/29/news/ferry-workers-strike/index.html"></head>
<body><main><article class="module"><div id="storycontent"><div id="storytext">
<div class="ie--storytop"><div id="cnnplayer0" class="cnnplayer"><div class="cnnVidFooter">
<div class="js-vid-hed-cvp_story_0 cnnHeadline">Ferry crews vote to walk out</div></div></div></div>
<h2 class="speakable">Deckhands and ticket staff want a higher hourly wage.</h2>
<p>Hundreds of ferry workers walked off the job on Tuesday morning, halting crossings on three routes.</p>
<p>The operator said it would run a reduced timetable with managers on board, starting on Wednesday.</p>
<p>Union leaders said the strike would last until the operator returned to the table.</p>
</div></div></article></main></body></html>"""


def test_headline_and_messenger_promo_leave_the_2016_body():
    from tests.cleaners.html.helpers import clean_html_text

    doc = clean_html_text(PG_LAYOUT)
    assert doc.site == "cnn" and doc.title == "Why the ferry strike will not end soon - CNNPolitics.com"
    assert doc.body.split("\n\n") == [
        "The ferry strike entered its third week on Tuesday with no talks planned between the union and the operator.",
        "Commuters have turned to buses, which take twice as long on the coast road.",
        "Why the talks stalled",  # an h1 that is not the page's title is text
        "Both sides blame the other for walking away from the last meeting in early November.",
    ]
    removed = {(r.rule, r.text) for r in doc.removed}
    assert ("headline", "Why the ferry strike will NOT end soon") in removed
    assert ("ad_or_newsletter_slot", "Talk to us on a chat app. Get the news as it happens.") in removed


def test_money_cnn_video_player_is_a_video_block():
    from tests.cleaners.html.helpers import clean_html_text

    doc = clean_html_text(MONEY_LAYOUT)
    assert doc.site == "cnn"
    paras = doc.body.split("\n\n")
    assert paras[0] == "Deckhands and ticket staff want a higher hourly wage."
    assert paras[1].startswith("Hundreds of ferry workers") and paras[-1].startswith("Union leaders said")
    assert "vote to walk out" not in doc.body
    assert ("video_block", "Ferry crews vote to walk out") in {(r.rule, r.text) for r in doc.removed}


def test_headline_is_the_title_only_whole_or_before_a_separator():
    from cleaners.html.adapters.cnn import _is_title

    title = "why the ferry strike will not end soon - cnnpolitics.com"
    assert _is_title("why the ferry strike will not end soon - cnnpolitics.com", title)
    assert _is_title("why the ferry strike will not end soon", title)
    assert not _is_title("why the ferry strike", title)  # a prefix of words, not the headline
    assert not _is_title("", title)
