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

from cleaners.rules import line_rule
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


# Cheap tests run before the regexes, on every line: the longest text the full-line patterns
# can match (tests/cleaners/rules/test_prefilters.py checks them against the patterns) and the
# characters a match can start with, re.I folds (ſ for s) included.
SHARE_WIDGET_MAX = 18
AD_SLOT_MAX = 45
_STRAY_CHARS = frozenset("*#_=~|•·+<>-")  # STRAY_MARKER's class, \s aside (str.isspace is \s)
_NEWSLETTER_START = frozenset("sSſgG")


def is_video_title(text: str) -> bool:
    """A short headline-shaped line ending in a duration such as 1:55 or 1:02:10."""
    t = text.strip()
    if t[-3:-2] != ":":  # every DURATION_END match ends in ":" and two digits
        return False
    m = DURATION_END.search(t)
    if not m:
        return False
    head = t[: m.start()].strip()
    ws = words(head)
    if len(ws) < 3 or len(ws) > 25 or head.endswith((".", ",", ";")):
        return False
    return ws[-1].lower() not in _TIME_PREPOSITIONS


def _is_related_insert(text: str) -> bool:
    return ":" in text and bool(INSERT_MARKER.match(text)) and is_headline_shaped(text.split(":", 1)[1], 25)


def _is_newsletter_promo(text: str) -> bool:
    return text[:1] in _NEWSLETTER_START and bool(NEWSLETTER.match(text)) and len(words(text)) <= 25


def _is_share_widget(text: str) -> bool:
    return len(text) <= SHARE_WIDGET_MAX and SHARE_WIDGET.match(text) is not None


def _is_stray_marker(text: str) -> bool:
    first = text[:1]
    return (first in _STRAY_CHARS or first.isspace()) and STRAY_MARKER.match(text) is not None


def _is_ad_slot(text: str) -> bool:
    return len(text) <= AD_SLOT_MAX and AD_SLOT.match(text) is not None


related_article_insert = line_rule("related_article_insert", _is_related_insert)
share_widget = line_rule("share_widget", _is_share_widget)
video_title = line_rule("video_title", is_video_title)
stray_marker = line_rule("stray_marker", _is_stray_marker)
ad_slot = line_rule("ad_slot", _is_ad_slot)
newsletter_promo = line_rule("newsletter_promo", _is_newsletter_promo)
