"""markdown_link: `[CIA Director Bill Burns](#)` -> `CIA Director Bill Burns`.

Keeps the link text, drops the link syntax. Bare brackets (`[Ukraine]`, an
editor's insertion) are not links and stay.
"""
from __future__ import annotations

from cleaners.page import Page
from cleaners.rules import rule
from cleaners.shapes import MD_LINK


def unwrap_links(text: str) -> str:
    return MD_LINK.sub(lambda m: m[1], text)


@rule("markdown_link")
def markdown_link(page: Page) -> None:
    for line in page.live():
        if "](" in line.text:
            page.replace(line, unwrap_links(line.text), "markdown_link")
