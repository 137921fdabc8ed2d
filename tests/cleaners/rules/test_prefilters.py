"""The cheap tests that run before the rule patterns must never turn away a line a pattern matches.

Each prefilter is a length limit or a set of possible first (or last) characters. These
tests derive the same facts from the patterns themselves, re.I case folds included (ſ for
s, ı and İ for i, K for k), so that editing a pattern without its prefilter fails here.
"""
import re
import sys

import pytest

from cleaners.rules import cnn, inserts, liveblog_chrome, nav
from cleaners.text import clean_text
from tests.cleaners.rules.util import PROSE

_CODE_POINTS = [chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF]


def _max_width(pattern: re.Pattern) -> int:
    """The longest text the pattern can match, as the regex compiler computes it."""
    from re import _parser  # CPython 3.11+

    return _parser.parse(pattern.pattern, pattern.flags).getwidth()[1]


@pytest.mark.parametrize("pattern, limit", [
    (inserts.SHARE_WIDGET, inserts.SHARE_WIDGET_MAX),
    (inserts.AD_SLOT, inserts.AD_SLOT_MAX),
])
def test_length_limits_cover_the_longest_match(pattern, limit):
    assert pattern.pattern.startswith("^") and pattern.pattern.endswith("$")
    assert _max_width(pattern) <= limit


@pytest.mark.parametrize("letters, allowed", [
    ("sg", inserts._NEWSLETTER_START),  # sign up | subscribe | get
    ("tol", liveblog_chrome._ENDED_START),  # this | the | our | live
    ("sfln", nav._PROMPT_START),  # search | follow | subscribe | sign | log in | newsletter
])
def test_start_sets_hold_every_case_fold(letters, allowed):
    folds = {c for c in _CODE_POINTS if re.fullmatch(f"[{letters}]", c, re.I)}
    assert folds <= allowed


def test_start_sets_name_the_patterns_alternatives():
    assert {a[0] for a in "sign up|subscribe|get".split("|")} == set("sg")
    assert inserts.NEWSLETTER.pattern.startswith(r"^(?:sign up|subscribe|get)\b")
    assert liveblog_chrome.ENDED.pattern.startswith(r"^(?:this |the |our )?live ")
    assert nav.SEARCH_PROMPT.pattern.startswith("^search")
    assert nav.FOLLOW_PROMPT.pattern.startswith(r"^(?:follow|follow us|subscribe|sign up|sign in|log in|newsletters?)\b")
    assert nav.LINK_ITEM.pattern.startswith(r"^(?:[-*•·]\s*)?(?:\[")
    assert nav.LIST_PREFIX.pattern == r"^[-*•·]\s+"
    assert set("-*•·") == nav._LIST_START and nav._LINK_START == nav._LIST_START | {"["}


def test_live_tv_ends_in_tv_whatever_the_case():
    assert cnn.LIVE_TV.pattern.endswith(r"TV$")
    folds = {c for c in _CODE_POINTS if re.fullmatch("[tv]", c, re.I)}
    assert all(c.lower() in "tv" for c in folds)


@pytest.mark.parametrize("line", [
    "Link Copied!", "SHARE THIS ARTICLE", "Advertisement", "the story continues below this advertisement.",
    "**", "• ·", "Sign up for our newsletter", "ſign up for the newsletter", "Live coverage has ended",
    "19 Posts", "• LIVE TV", "A video about the thing that happened 1:55", "Watch: what it means",
])
def test_furniture_still_matches(line):
    checks = [inserts._is_share_widget, inserts._is_ad_slot, inserts._is_stray_marker, inserts._is_newsletter_promo,
              cnn._is_live_tv, inserts.is_video_title, inserts._is_related_insert]
    assert any(check(line) for check in checks) or clean_text(f"{line}\n{PROSE}").removed


def test_normalise_skips_its_character_scans_only_on_printable_text():
    from cleaners import normalise

    for cls in (normalise._SPACES, normalise._ZERO_WIDTH, normalise._CONTROL):
        assert not any(c.isprintable() for c in _CODE_POINTS if cls.match(c))
    assert normalise.normalise_text("a\u00a0b\u200bc\td , e\nf") == (
        "a bc d, e\nf", [(0, normalise.Repair("space_before_punctuation", "a bc d , e", "a bc d, e"))])


def test_folds_like_lower_lets_through_every_case_fold_lower_misses():
    from cleaners.shapes import folds_like_lower

    for letter in "abcdefghijklmnopqrstuvwxyz":
        folds = [c for c in _CODE_POINTS if re.fullmatch(letter, c, re.I)]
        assert all(c.lower() == letter or not folds_like_lower(c) for c in folds), letter


@pytest.mark.parametrize("text", [
    "Officials met on Friday.", "officials met on FRIDAY", "The fridays are long.", "Friday's vote",
    "It happened today.", "TODAY it happened", "This morning, rain.", "this\tmorning", "Tonight: more.",
    "fridaY", "FrIday", "frıday", "thiſ morning", "TODAİ", "Nothing here names a day.", "",
    "This is a post about a Thursday meeting.", "Thursday",
])
def test_a_post_names_the_day_exactly_when_the_patterns_say_so(text):
    from cleaners.liveblog import timing

    for weekday in ("friday", "thursday"):
        want = bool(timing._TODAY.search(text) or re.search(rf"\b{weekday}\b", text, re.I))
        assert timing._names_the_day(text, weekday) == want, (text, weekday)
