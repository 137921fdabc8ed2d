"""markdown_heading: `# Headline` / `## Section` -> `Headline` / `Section`.

Dumps made from Markdown (html2text, an extractor's markdown output) keep the
heading markers: one to six `#`, a space, the text, optional closing `#`s. The
markers go, the heading stays, so the title and header rules see the line as
the page shows it. A hashtag (`#MeToo`) or a number (`#1 seed`) has no space
after the `#` and is left alone.
"""
from __future__ import annotations

import re

from cleaners.page import Page
from cleaners.rules import rule

ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(\S(?:.*?\S)?)(?:[ \t]+#+)?[ \t]*$")


@rule("markdown_heading")
def markdown_heading(page: Page) -> None:
    for line in page.live():
        if "#" in line.text[:4] and (m := ATX_HEADING.match(line.text)):
            page.replace(line, m[1], "markdown_heading")
