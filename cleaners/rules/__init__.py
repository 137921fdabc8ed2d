"""Cleaning rules, grouped in packs.

A rule is a function `rule(page) -> None` that marks lines of a `Page` as
dropped or repairs them, naming itself in the audit trail. A pack is an
ordered list of rules; `generic` runs on every text, site packs on top.
Adding a rule: one function, one entry in its pack, one test file.
"""
from __future__ import annotations

from typing import Callable

from cleaners.page import Page
from cleaners.paragraphs import join_kind, joins_next, may_glue

Rule = Callable[[Page], None]


def rule(name: str):
    """Name a rule function; the name is what the audit trail records."""

    def wrap(fn: Rule) -> Rule:
        fn.rule_name = name  # type: ignore[attr-defined]
        return fn

    return wrap


def top_lines(page: Page, n: int):
    """The first `n` live lines of the page, not counting photo credits, and counting a line
    that paragraph repair will glue to the next one (`joins_next`) together with it.

    Credits are removed late (after live blogs are split), and broken paragraphs are joined
    last: counting either would make header rules see a different window on a page's own
    cleaned output, where the credits are gone and the glued lines are one.
    """
    from cleaners.rules.credits import credit_text

    lines = []
    rest = iter(page.live())
    for ln in rest:  # stop at n: the page can be long and every header rule asks
        if credit_text(ln.text) is None:
            lines.append(ln)
            if len(lines) >= n:
                break
    for i in range(len(lines)):  # does a line of the window glue to the next one?
        t = lines[i].text
        if t[-1:] in _ENDS_SENTENCE or not join_kind(t):  # the usual answer, cheaply
            continue
        if i + 1 == len(lines) == n:  # the window's last line: is the next one glued to it?
            lines += _more(rest, credit_text)
        if i + 1 < len(lines) and may_glue(t.strip(), lines[i + 1].text.strip()):
            if len(lines) == n:  # the glued paragraph may go on past the window
                lines += _more(rest, credit_text)
            glue = [False] * i + joins_next([x.text.strip() for x in lines[i:]])
            break
    else:
        return lines[:n]
    out, count = [], 0
    for i, ln in enumerate(lines):
        if i and glue[i - 1]:  # part of the paragraph before
            out.append(ln)
            continue
        if count >= n:
            break
        count += 1
        out.append(ln)
    return out


def _more(rest, credit_text, k: int = 4) -> list:
    """The next `k` lines of `rest` that are not photo credits (lookahead past a window)."""
    out = []
    for ln in rest:
        if credit_text(ln.text) is None:
            out.append(ln)
            if len(out) >= k:
                break
    return out


_ENDS_SENTENCE = frozenset(".!?…")  # a line ending so ends a sentence: nothing is glued after it


def line_rule(name: str, matches: Callable[[str], object]) -> Rule:
    """A rule that drops every live line whose stripped text `matches`."""

    @rule(name)
    def apply(page: Page) -> None:
        for line in page.live():
            if matches(line.text.strip()):
                page.drop(line, name)

    apply.__name__ = name
    return apply
