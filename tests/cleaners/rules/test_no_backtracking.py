"""Hostile lines that made rule patterns backtrack exponentially must stay cheap.

With the old patterns, k=200 below would take longer than the age of the
universe; an alarm turns a regression into a failure instead of a hang.
"""
import signal

import pytest

from cleaners.rules.credits import CAPS_CREDIT
from cleaners.rules.nav import LINK_ITEM
from cleaners.text import clean_text


@pytest.fixture(autouse=True)
def alarm():
    def boom(*_):
        raise TimeoutError("pattern backtracked")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def test_caps_credit_and_link_item_patterns_are_linear():
    assert CAPS_CREDIT.match("A / " * 200 + "a") is None
    assert LINK_ITEM.match("[a](b) " * 200 + "x") is None
    assert CAPS_CREDIT.match("TOM WILLIAMS/REX/POOL/GETTY IMAGES")
    assert LINK_ITEM.match("- [Terms of Use](#)")


def test_thousands_of_credit_lines_clean_in_one_pass():
    r = clean_text("Some prose line that ends well.\n" + "(Jane Roe/Reuters)\n" * 20000)
    assert len(r.captions) == 20000 and r.body == ""


def test_markdown_patterns_are_linear_on_hostile_lines():
    # "**a " repeated took 0.85 s at 20k characters (quadratic: each opening rescanned the line).
    from cleaners.rules.markdown import ATX_HEADING, IMAGE, strip_emphasis
    from cleaners.shapes import unwrap_links

    for marker in ("**", "__", "*", "_"):
        hostile = f"{marker}a " * 200_000
        assert strip_emphasis(hostile) == hostile
    assert IMAGE.sub("", "[![a](b" * 100_000) == "[![a](b" * 100_000
    assert unwrap_links("[a [b](" * 100_000) == "[a [b](" * 100_000
    nested = "[a " * 50_000 + "b" + "](#)" * 50_000  # one level a pass: passes are capped
    assert len(unwrap_links(nested)) < len(nested)
    assert ATX_HEADING.match("# " + "a " * 200_000 + "#")
