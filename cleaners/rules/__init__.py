"""Cleaning rules, grouped in packs.

A rule is a function `rule(page) -> None` that marks lines of a `Page` as
dropped or repairs them, naming itself in the audit trail. A pack is an
ordered list of rules; `generic` runs on every text, site packs on top.
Adding a rule: one function, one entry in its pack, one test file.
"""
from __future__ import annotations

from typing import Callable

from cleaners.page import Page

Rule = Callable[[Page], None]


def rule(name: str):
    """Name a rule function; the name is what the audit trail records."""

    def wrap(fn: Rule) -> Rule:
        fn.rule_name = name  # type: ignore[attr-defined]
        return fn

    return wrap


def top_lines(page: Page, n: int):
    """The first `n` live lines of the page, not counting photo credits.

    Credits are removed late (after live blogs are split); counting them would
    make header rules see a different window on a page's own cleaned output.
    """
    from cleaners.rules.credits import credit_text

    out = []
    for ln in page.live():  # stop at n: the page can be long and every header rule asks
        if len(out) >= n:
            break
        if credit_text(ln.text) is None:
            out.append(ln)
    return out


def line_rule(name: str, matches: Callable[[str], object]) -> Rule:
    """A rule that drops every live line whose stripped text `matches`."""

    @rule(name)
    def apply(page: Page) -> None:
        for line in page.live():
            if matches(line.text.strip()):
                page.drop(line, name)

    apply.__name__ = name
    return apply
