"""The seeds hard-wrapped (as a mail or terminal dump would be) clean to what the seeds clean to.

Each line of a seed becomes a block wrapped at a fixed width, blocks apart by a blank line:
furniture is cut over two lines as well as prose (a byline whose last name goes to the next
line, a "Related Article:" whose end does, a date header fused with a video title).
"""
from __future__ import annotations

import textwrap

import pytest

from cleaners.paragraphs import join_wrapped
from cleaners.text import clean_text
from tests.helpers import seed_text

SEEDS = ("000", "001", "002", "003", "004")  # 003 is a live blog


def hard_wrap(text: str, width: int, indent: str = "") -> str:
    return "\n\n".join("\n".join(textwrap.wrap(ln, width, initial_indent=indent)) if ln.strip() else ""
                       for ln in text.split("\n"))


@pytest.mark.parametrize("width,indent", [(60, ""), (72, ""), (80, ""), (72, "    "), (120, "")])
@pytest.mark.parametrize("seed", SEEDS)
def test_a_hard_wrapped_seed_cleans_to_what_the_seed_cleans_to(seed, width, indent):
    # indent: paragraphs' first lines indented (normalisation takes it out; the wrapper counted it)
    raw = seed_text(seed)
    want, got = clean_text(raw), clean_text(hard_wrap(raw, width, indent))
    assert (got.title, got.authors, got.published, got.updated) == (want.title, want.authors, want.published,
                                                                     want.updated)
    assert got.body == want.body
    assert got.posts == want.posts  # headline, byline, time, body, captions of every post


@pytest.mark.parametrize("width", [60, 72, 80])
@pytest.mark.parametrize("seed", ["000", "001", "004"])
def test_a_seed_wrapped_as_fmt_does_cleans_to_what_the_seed_cleans_to(seed, width):
    # One blank line between blocks, none added: header lines that were one per line (title,
    # byline, dateline) now share a block with the text, and only their shortness tells them
    # apart (a wrapper breaks a line only when the next word does not fit). Seeds 002 and 003
    # write some paragraphs one per line with no blank line between: wrapped this way, nothing
    # marks where those end.
    raw = seed_text(seed)
    wrapped = "\n".join("\n".join(textwrap.wrap(ln, width)) if ln.strip() else "" for ln in raw.split("\n"))
    want, got = clean_text(raw), clean_text(wrapped)
    assert (got.title, got.authors, got.published, got.body) == (want.title, want.authors, want.published, want.body)


def test_a_byline_cut_over_two_lines_keeps_its_last_author():
    # Before: the byline rule dropped the first line only; "Atwood](#), CNN" stayed in the body.
    raw = seed_text("000")
    r = clean_text(hard_wrap(raw, 60))
    assert r.authors == ("Natasha Bertrand", "Jim Sciutto", "Kylie Atwood")
    assert "Atwood" not in r.body


def test_a_word_broken_at_its_hyphen_is_joined_without_a_space():
    assert join_wrapped(["talks to de-", "escalate the crisis"]) == "talks to de-escalate the crisis"
    assert join_wrapped(["the plan -", "which failed"]) == "the plan - which failed"  # a dash, not a hyphen
    assert join_wrapped(["up to 10-", "20 people"]) == "up to 10- 20 people"  # not between letters: left alone
