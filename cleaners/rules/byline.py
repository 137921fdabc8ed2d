"""byline: `By A, B and C, CNN` near the top gives `authors` and leaves the body."""
from __future__ import annotations

import re

from cleaners.page import Page
from cleaners.rules import rule, top_lines
from cleaners.rules.markdown_links import unwrap_links

TOP_LINES = 8
BY = re.compile(r"^(?:by|written by)\s+(.+)$", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
_NAME = re.compile(r"^[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|der|da|del|la|le|bin|al))*$")


_AND = re.compile(r"\s(?:and|&)\s")


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


@rule("byline")
def byline(page: Page) -> None:
    if page.meta.byline:
        return
    for line in top_lines(page, TOP_LINES):
        m = BY.match(unwrap_links(line.text.strip()))
        if not m or len(m[1].split()) > 25 or m[1].rstrip().endswith("."):
            continue
        names = split_names(m[1])
        if not names:
            continue
        page.meta.authors = names
        page.meta.byline = unwrap_links(line.text.strip())
        page.drop(line, "byline")
        return
