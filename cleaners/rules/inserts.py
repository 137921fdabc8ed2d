"""Inserts inside the body that are page furniture, not article text.

- related_article_insert: `Related Article: <headline>` (and `Read more: ...`)
- share_widget: `Link Copied!`, `Copy link`, `Share` left by share buttons
- video_title: a video card's title ending in its duration, `... Biden 1:55`
- stray_marker: a line of markup only (`**`, `---`, `•`)
- ad_slot: an ad placeholder line (`Advertisement`, `Story continues below advertisement`)
- newsletter_promo: a short sign-up pitch (`Sign up for our daily newsletter ...`)
"""
from __future__ import annotations

import re

from cleaners.page import Page
from cleaners.rules import rule
from cleaners.shapes import DURATION_END, is_headline_shaped, words

INSERT_MARKER = re.compile(
    r"^(?:related(?: article| story| content| video)?s?|read more|more|see also|also read|watch|recommended)\s*:\s*\S",
    re.I,
)
SHARE_WIDGET = re.compile(
    r"^(?:link copied!?|copy link|copied!?|share( this( article| story)?)?|share on (?:facebook|twitter|x)|click to share|print)$",
    re.I,
)
STRAY_MARKER = re.compile(r"^[\s*#_=~|•·+<>-]+$")
AD_SLOT = re.compile(
    r"^(?:advertisement|advert|ad|sponsored(?: content)?|paid content|skip ad|"
    r"(?:the )?story continues below(?: this)?(?: advertisement| ad)?|scroll to continue(?: with content)?)\.?$",
    re.I,
)
NEWSLETTER = re.compile(r"^(?:sign up|subscribe|get)\b.{0,80}\bnewsletters?\b", re.I)
_TIME_PREPOSITIONS = {"at", "by", "until", "till", "from", "to", "before", "after", "around", "about", "since"}


def is_video_title(text: str) -> bool:
    """A short headline-shaped line ending in a duration such as 1:55 or 1:02:10."""
    t = text.strip()
    m = DURATION_END.search(t)
    if not m:
        return False
    head = t[: m.start()].strip()
    ws = words(head)
    if len(ws) < 3 or len(ws) > 25 or head.endswith((".", ",", ";")):
        return False
    return ws[-1].lower() not in _TIME_PREPOSITIONS


@rule("related_article_insert")
def related_article_insert(page: Page) -> None:
    for line in page.live():
        t = line.text.strip()
        if INSERT_MARKER.match(t):
            rest = t.split(":", 1)[1]
            if is_headline_shaped(rest, 25):
                page.drop(line, "related_article_insert")


@rule("share_widget")
def share_widget(page: Page) -> None:
    for line in page.live():
        if SHARE_WIDGET.match(line.text.strip()):
            page.drop(line, "share_widget")


@rule("video_title")
def video_title(page: Page) -> None:
    for line in page.live():
        if is_video_title(line.text):
            page.drop(line, "video_title")


@rule("stray_marker")
def stray_marker(page: Page) -> None:
    for line in page.live():
        if STRAY_MARKER.match(line.text):
            page.drop(line, "stray_marker")


@rule("ad_slot")
def ad_slot(page: Page) -> None:
    for line in page.live():
        if AD_SLOT.match(line.text.strip()):
            page.drop(line, "ad_slot")


@rule("newsletter_promo")
def newsletter_promo(page: Page) -> None:
    for line in page.live():
        t = line.text.strip()
        if NEWSLETTER.match(t) and len(words(t)) <= 25:
            page.drop(line, "newsletter_promo")
