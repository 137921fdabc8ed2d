"""Numbered link references, as text browsers print them (`lynx -dump` and the like).

- link_references: the list at the end of the page, a heading (`References`,
  `Visible links`, `Hidden links:`) followed only by numbered addresses
  (`  12. https://...`), is dropped.
- link_reference_marker: with such a list on the page, each `[12]` put before a
  link's text (`By [2]Jane Doe`) is taken out, when its number is one the list
  gives. Without the list a bracketed number is left alone (a footnote, `[1]`).
"""
from __future__ import annotations

import re

from cleaners.page import Page
from cleaners.rules import rule

HEADING = re.compile(r"^\s*(?:references|visible links|hidden links)\s*:?\s*$", re.I)
ITEM = re.compile(r"^\s*(\d{1,6})\.\s+[a-z][a-z0-9+.-]*:\S*\s*$", re.I)  # 12. https://..., mailto:..., file:///...
MARKER = re.compile(r"\[(\d{1,6})\](?=\S)")


def _reference_list(page: Page) -> tuple[list, frozenset[str]]:
    """The lines of the trailing reference list (heading and items; empty if none) and its numbers.
    Read from the end of the page, dropped lines included, so both rules see the same list; on
    most pages the last line is no numbered address, and that is the end of it."""
    numbers: set[str] = set()
    found: list = []
    part: list = []  # the lines since the last heading found (or the end)
    for ln in reversed(page.lines):  # from the end: items, then their heading
        text = ln.text
        if not text.strip():
            part.append(ln)
        elif m := ITEM.match(text):
            numbers.add(m[1])
            part.append(ln)
        elif numbers and HEADING.match(text):
            found += part + [ln]  # a list may come in two parts (visible, then hidden links): go on upwards
            part = []
        else:
            break
    return found[::-1], frozenset(numbers) if found else frozenset()


@rule("link_references")
def link_references(page: Page) -> None:
    for ln in _reference_list(page)[0]:
        page.drop(ln, "link_references")


@rule("link_reference_marker")
def link_reference_marker(page: Page) -> None:
    if "[" not in page.text:
        return
    refs = _reference_list(page)[1]
    if not refs:
        return
    for line in page.live():
        if "[" in line.text:
            page.replace(line, MARKER.sub(lambda m: "" if m[1] in refs else m[0], line.text), "link_reference_marker")
