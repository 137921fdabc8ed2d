from datetime import timedelta

from tests.cleaners.html.helpers import clean_file, clean_html_text


def test_unknown_site_goes_through_trafilatura_with_markup_metadata():
    doc = clean_file("generic_jsonld.html")
    assert doc.site is None and doc.kind == "article"
    paras = doc.body.split("\n\n")
    assert paras[0].startswith("Riverside council voted on Tuesday night")
    assert paras[-1].startswith("Construction is expected to begin in September")
    assert len(paras) == 5
    for chrome in ("Most read", "cookies", "Privacy", "All rights reserved", "Sport", "By Priya"):
        assert chrome not in doc.body
    assert doc.title == "Council approves new cycle lanes on the High Street"
    assert doc.authors == ("Priya Natarajan", "Tom Ellery")
    assert doc.published.value.utcoffset() == timedelta(hours=1) and doc.published.source == "html:json-ld"
    assert doc.language == "en-GB"
    assert doc.source_uri == "https://www.riverside-gazette.example/news/2023/05/17/council-approves-cycle-lanes"


def test_figure_caption_and_credit_leave_the_body():
    doc = clean_file("generic_jsonld.html")
    assert [(c.caption, c.credit) for c in doc.captions] == [
        ("Traffic on the High Street during the morning rush hour.", "Jane Doe/Riverside Gazette")]
    assert "rush hour" not in doc.body


PAGE_WITHOUT_METADATA = """<html><head><title>Town fair returns</title></head><body>
<div class="content"><h1>Town fair returns</h1>
<p>The town fair returns this weekend after a three-year pause, with rides, food stalls and a dog show on the green.</p>
<p>Organisers expect more than five thousand visitors on Saturday, and parking will be free at the school.</p>
<p>The fair opens at ten in the morning on both days and closes with fireworks on Sunday night.</p>
</div></body></html>"""


def test_page_without_markup_metadata_still_cleans_and_has_no_canonical():
    doc = clean_html_text(PAGE_WITHOUT_METADATA)
    assert doc.body.startswith("The town fair returns this weekend")
    assert doc.title == "Town fair returns"
    assert doc.canonical_url is None and doc.source_uri == "file:///tmp/page.html"
    assert doc.published is None or doc.published.value.tzinfo is not None


CNN_URL_UNKNOWN_LAYOUT = """<html><head><link rel="canonical" href="https://www.cnn.com/some/new/layout">
<meta property="og:site_name" content="CNN"></head><body><main><div class="brand-new-layout">
<p>This paragraph sits in a container that no CNN layout rule knows about, so the generic path reads it.</p>
<p>A second paragraph gives the extractor enough text to treat the block as the main content of the page.</p>
<p>And a third one, because extractors like to see a few paragraphs before they trust a block of text.</p>
</div></main></body></html>"""


def test_cnn_page_in_an_unknown_layout_falls_back_to_generic():
    doc = clean_html_text(CNN_URL_UNKNOWN_LAYOUT)
    assert doc.body.startswith("This paragraph sits in a container")
    assert doc.site == "cnn"  # the text rules still run with the CNN pack


PAGE_WITH_COMMENTS = """<html><head><title>Bridge repairs begin</title></head><body><article>
<h1>Bridge repairs begin</h1>
<p>Repairs to the old stone bridge began on Monday and are expected to take about four months to complete.</p>
<p>The bridge will stay open to pedestrians, but cars will be diverted through the industrial estate.</p>
<p>Engineers found cracks in two of the arches during an inspection last winter, the council said.</p>
<div class="box" id="sf_comment_list"><div class="sf_comment" id="sf_comment_1">
<p class="sf_comment_info">Posted 2 hours ago</p><p>About time too, this bridge has been falling apart for years and nobody cared.</p></div></div>
<div class="commentary-note"><p>Analysis: the repair budget is the largest in a decade for the district.</p></div>
</article></body></html>"""


def test_reader_comment_sections_are_cut_but_commentary_is_not():
    doc = clean_html_text(PAGE_WITH_COMMENTS)
    assert "falling apart" not in doc.body and "Posted 2 hours ago" not in doc.body
    assert "Engineers found cracks" in doc.body
    assert "the repair budget is the largest" in doc.body
    assert any(r.rule == "comment_section" and "falling apart" in r.text for r in doc.removed)


PAGE_DATE_IN_TEXT_ONLY = """<html><head><title>Harbour festival draws record crowds</title></head><body>
<div class="post"><h1>Harbour festival draws record crowds</h1><p class="date">Posted on 5 March 2021</p>
<p>The harbour festival drew a record crowd of more than twenty thousand people over the weekend, organisers said.</p>
<p>Boats from six countries took part in the parade, held for the first time since the harbour wall was rebuilt.</p>
</div></body></html>"""


def test_htmldate_fills_the_date_only_when_the_markup_has_none():
    doc = clean_html_text(PAGE_DATE_IN_TEXT_ONLY)
    assert doc.published.source == "html:htmldate" and doc.published.precision == "day"
    assert doc.published.value.isoformat() == "2021-03-05T00:00:00+00:00"


def test_declared_legacy_charset_is_honoured():
    html = ("<html><head><meta charset='windows-1252'><title>Caf\u00e9 reopens</title></head><body>"
            "<p>The caf\u00e9 on the corner reopened on Monday \u2013 with the same owner and a new menu.</p>"
            "<p>Its terrace, closed since the floods, will open again in the spring, the owner said.</p>"
            "<p>Regulars queued from early morning for the first coffee in almost two years.</p></body></html>")
    from cleaners.model import Source
    from cleaners.pipeline import clean_source

    doc = clean_source(Source("file:///tmp/cafe.html", html.encode("cp1252")))
    assert doc.encoding == "cp1252"
    assert "caf\u00e9 on the corner reopened on Monday \u2013 with" in doc.body


# A share flyout quoting the lead (summary paragraph and e-mail form), as news sites have it, ahead
# of the story; a promo box and a donation appeal inside the story.
SHARE_LEAD = ("The harbour ferry company said on Monday that single fares will rise by forty pence "
              "from the first of April.")
MORE_PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the report explains another detail of the new fares, the boats and the timetable "
    "for the coming year.</p>\n" for n in ("six", "seven", "eight", "nine", "ten", "eleven", "twelve"))
PAGE_WITH_LEAD_IN_SHARE_WIDGET = f"""<html><head><title>Harbour ferry fares to rise in spring</title></head>
<body><article class="story">
<h1>Harbour ferry fares to rise in spring</h1>
<div class="toolbar"><div class="toolbar-module toolbar-module-share"><div class="flyout-pane">
<div class="share-summary"><p class="share-summary-text">{SHARE_LEAD}</p></div>
<div class="share-email"><form class="share-email-form"><textarea class="email-message">{SHARE_LEAD}</textarea></form></div>
</div></div></div>
<div class="story-body">
<p>{SHARE_LEAD}</p>
<p>Return tickets and the monthly pass will cost the same as now, the company added, after talks with the council.</p>
<p>Passenger numbers on the route between the two piers have grown by a fifth since the new boats entered service.</p>
<div class="donate-appeal"><p>Our reporting on the harbour is paid for by readers like you, and every gift helps us keep it going.</p></div>
<div class="promo-box"><p>More from the harbour and the piers</p></div>
{MORE_PARAGRAPHS}<p>The council will discuss the timetable for the summer season at its next meeting, which is open to the public.</p>
</div></article>
<div class="more"><p>More from the harbour and the piers</p></div></body></html>"""


def test_lead_repeated_in_a_share_widget_stays_in_the_body():
    doc = clean_html_text(PAGE_WITH_LEAD_IN_SHARE_WIDGET)
    paras = doc.body.split("\n\n")
    assert paras[0] == SHARE_LEAD and doc.body.count("forty pence") == 1
    assert paras[1].startswith("Return tickets") and paras[-1].startswith("The council will discuss")
    assert len(paras) == 11
    assert not any(SHARE_LEAD[:40] in r.text for r in doc.removed)
    # furniture is still cut: prose found only in a furniture block, and a short line that furniture
    # shares with another block (not prose: headlines and labels recur on a page)
    assert "paid for by readers" not in doc.body and "More from the harbour" not in doc.body
    dropped = {(r.rule, r.text[:30]) for r in doc.removed}
    assert ("page_chrome", "Our reporting on the harbour i") in dropped
    assert ("page_chrome", "More from the harbour and the ") in dropped
