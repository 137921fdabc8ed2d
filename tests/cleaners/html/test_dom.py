"""The lxml helpers and the CSS subset keep the semantics the BeautifulSoup/soupsieve route had."""
import pytest

from cleaners.html import dom
from cleaners.html.css import First, Groups, Select
from cleaners.model import Removal


def _ids(els) -> list[str]:
    return [e.get("id") for e in els]


PAGE = """<html><body><div id="a" class="wrap outer-box"><p id="b" class="lead">One</p>
<div id="c" class="ad-slot-top"><span id="d" class="ad">x</span></div>
<section id="e" class="source"><p id="f" class="cnnBlogSource">y</p></section></div>
<div id="g" class="cnn_strycntntlft"><p id="h" class="cnnBlogSource">z</p><p id="i" data-post-id="7">w</p></div>
</body></html>"""


def test_select_matches_descendants_in_document_order_by_token_substring_and_attribute():
    tree = dom.parse(PAGE)
    root = tree.find(".//div")
    assert _ids(Select(".ad")(tree)) == ["d"]  # a class token, not a substring of ad-slot-top
    assert _ids(Select("[class*=ad-slot]")(tree)) == ["c"]
    assert _ids(Select(["[class*=ad-slot]", ".source", "p.lead"])(tree)) == ["b", "c", "e"]  # document order
    assert _ids(Select("[data-post-id]")(tree)) == ["i"]
    assert _ids(Select("div")(root)) == ["c"]  # descendants only: never the element itself
    assert _ids(Select("[id^=a]")(tree)) == ["a"]


def test_descendant_combinator_may_name_an_ancestor_above_the_root():
    tree = dom.parse(PAGE)
    inner = tree.xpath("//*[@id='g']")[0]
    assert _ids(Select(".cnn_strycntntlft .cnnBlogSource")(tree)) == ["h"]
    assert _ids(Select(".cnn_strycntntlft .cnnBlogSource")(inner)) == ["h"]
    p = tree.xpath("//*[@id='h']")[0]
    assert Select(".cnn_strycntntlft .cnnBlogSource")(p) == []


def test_first_prefers_selector_order_then_document_order_and_groups_answer_in_one_pass():
    tree = dom.parse(PAGE)
    assert First([".cnnBlogSource", ".lead"])(tree).get("id") == "f"
    assert First([".nothing", ".lead", ".cnnBlogSource"])(tree).get("id") == "b"
    assert First(".nothing")(tree) is None
    found = Groups({"ads": ["[class*=ad-slot]", ".ad"], "sources": [".source", ".cnnBlogSource"]})(tree)
    assert _ids(found["ads"]) == ["c", "d"] and _ids(found["sources"]) == ["e", "f", "h"]


@pytest.mark.parametrize("bad", ["div > p", "p:first-child", "a + b", "p, div", ""])
def test_selectors_outside_the_subset_are_refused(bad):
    with pytest.raises(ValueError):
        Select(bad)


def test_cut_records_the_text_and_keeps_the_text_that_followed():
    tree = dom.parse("<div><p>Start <span class='ad'>Buy now</span>and end.</p></div>")
    removed: list[Removal] = []
    span = Select(".ad")(tree)[0]
    dom.cut([span], "ad_or_newsletter_slot", removed)
    assert removed == [Removal("ad_or_newsletter_slot", "Buy now")]
    assert dom.paragraphs(tree.find(".//div")) == ["Start and end."]
    assert not dom.attached(span)
    dom.cut([span], "again", removed)  # already out: not recorded twice
    assert len(removed) == 1


def test_code_and_ruby_text_is_not_page_text_unless_asked_of_the_element_itself():
    tree = dom.parse("<div><p>漢<ruby>字<rp>(</rp><rt>ji</rt><rp>)</rp></ruby> text</p>"
                     "<script type='application/ld+json'>{}</script><template><p>hidden</p></template>"
                     "<noscript><p>no script</p></noscript>loose<rt>ruby</rt></div>")
    div = tree.find(".//div")
    assert dom.paragraphs(div) == ["漢字 text", "looseruby"]  # a loose <rt> reads its own text, as bs4 did
    assert dom.text_of(div) == "漢 字 text no script loose"  # <noscript> is text here, not in paragraphs
    assert dom.text_of(tree.find(".//rt")) == "ji"


def test_parse_survives_empty_pages_and_xml_declarations():
    assert dom.parse("").tag == "html"
    tree = dom.parse('<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>')
    assert dom.paragraphs(tree.find("body")) == ["x"]
    assert dom.is_full_document("<!DOCTYPE html><html>") and not dom.is_full_document("<p>fragment</p>")


# What dom.strip_inert must remove: exactly what this regex's sub removed (it was quadratic on unclosed tags).
_INERT_REGEX = (r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>"
                r"|<svg\b[^>]*>.*?</svg\s*>")


@pytest.mark.parametrize("html", [
    "<p>a</p><script>var x = '<p>';</script><p>b</p>",
    "<script type='application/ld+json'>{}</script><style>p{}</style><SVG><path/></svg >x",
    "<script>never closed <p>text</p>",
    "<script>x</scr ipt><style>y</STYLE\n>z",
    "<scripts>kept</scripts><style-x>cut</style>",
    "<script a='LD+JSON' b>kept</script><script>cut</script>",
    "<svg><svg>nested</svg>tail</svg>after",
])
def test_strip_inert_removes_what_the_regex_removed(html):
    import re

    assert dom.strip_inert(html) == re.sub(_INERT_REGEX, "", html, flags=re.I | re.S)


def test_strip_inert_is_linear_on_unclosed_tags():
    import time

    page = "<script>x<p>" * 20000 + "<svg><p>y</p>" * 20000  # the regex took over a minute on this
    t = time.process_time()
    assert dom.strip_inert(page) == page
    assert time.process_time() - t < 2
