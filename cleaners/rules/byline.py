"""byline: `By A, B and C, CNN` near the top gives `authors` and leaves the body.

A byline may carry more after a separator (`By A | Published April 15, 2020`,
`By A · Staff writer`): the names are what comes before it, and a date after it
becomes `published` (or `updated`) when the page has none yet.
"""
from __future__ import annotations

import re
from dataclasses import replace

from cleaners.dates import parse_date_line, parse_dateline
from cleaners.page import Page
from cleaners.rules import rule, top_lines
from cleaners.shapes import unwrap_links

TOP_LINES = 8
BY = re.compile(r"^(?:by|written by)\s+(.+)$", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
_NAME = re.compile(r"^[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|der|da|del|la|le|bin|al))*$")


_AND = re.compile(r"\s(?:and|&)\s")
_SEPARATOR = re.compile(r"\s+[|·•—–]\s+")  # `By A | Published ...`: a spaced bar, dot or dash


def split_names(names: str) -> list[str]:
    """`A, B and C, CNN` -> [A, B, C]: person-shaped names, organisations left out.

    Bylines list people, joined by commas and a final "and", then the
    organisation after one more comma: `A and B, Metro Times`, `A, Valley Wire`.
    """
    segments = [s.strip() for s in unwrap_links(names).split(",")]
    last_and = max((i for i, seg in enumerate(segments) if _AND.search(f" {seg} ")), default=None)
    people = segments[: last_and + 1] if last_and is not None else segments[:1]
    out = []
    for part in _SPLIT.split(", ".join(people)):
        part = part.strip().strip(".")
        if not part or not _NAME.match(part):
            continue
        tokens = part.split()
        if len(tokens) < 2 or len(tokens) > 5:
            continue  # a single token (CNN, Reuters) is an organisation, not a person
        out.append(part)
    return out


def parse_byline(text: str) -> tuple[list[str], str | None] | None:
    """(names, what follows a separator) of a byline-shaped line, else None."""
    m = BY.match(unwrap_links(text.strip()))
    if not m or len(m[1].split()) > 25 or m[1].rstrip().endswith("."):
        return None
    names_part, *rest = _SEPARATOR.split(m[1], maxsplit=1)
    names = split_names(names_part)
    return (names, rest[0] if rest else None) if names else None


@rule("byline")
def byline(page: Page) -> None:
    if page.meta.byline:
        return
    for line in top_lines(page, TOP_LINES):
        found = parse_byline(line.text)
        if found is None:
            continue
        names, rest = found
        page.meta.authors = names
        page.meta.byline = unwrap_links(line.text.strip())
        if rest:
            _date_after(page, rest)
        page.drop(line, "byline")
        return


def _date_after(page: Page, text: str) -> None:
    """The date printed after the byline's names, if it is one, as the page's timestamp."""
    zone = "America/New_York" if page.meta.site == "cnn" else None
    ts = parse_dateline(text, default_zone=zone) or parse_date_line(text)
    if ts is None:
        return
    ts = replace(ts, source=ts.source.replace("dateline", "byline", 1))
    if ts.kind == "updated":
        page.meta.updated = page.meta.updated or ts
    else:
        page.meta.published = page.meta.published or ts
