"""Markdown residue in dumps made from Markdown (html2text, an extractor's markdown output).

- markdown_heading: `# Headline` / `## Section ##` -> `Headline` / `Section`: one
  to six `#`, a space, the text, optional closing `#`s. A hashtag (`#MeToo`) or a
  number sign (`#1 seed`) has no space after the `#` and is left alone.
- markdown_quote: `> "We had no choice," the mayor said.` -> the quote without its
  marker. A lone `>` is a stray marker (rules/inserts.py).
- markdown_image: an image `![alt](url)`, linked or not, is taken out: a line that
  is only images is dropped, an image inside a line is cut from it. The alt text
  is a description for screen readers, not the article's text.
- markdown_emphasis: `***both***`, `**bold**`, `__bold__`, `*italic*`, `_italic_` -> the text.
  Markers must hug the text (`* item` is a list, `2*3*4` arithmetic, `snake_case`
  a name): those stay.
- markdown_link: `[CIA Director Bill Burns](#)` -> `CIA Director Bill Burns`. Keeps the
  link text, drops the link syntax. Bare brackets (`[Ukraine]`, an editor's
  insertion) are not links and stay. It runs after the menu rules (a list of links
  is a menu's signature); the others run first, so that every rule sees the text
  as the page shows it (`**By Jane Doe, CNN**` is a byline).
"""
from __future__ import annotations

import re

from cleaners.page import Page
from cleaners.rules import rule
from cleaners.shapes import MAX_NESTING, unwrap_links

ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(\S(?:.*?\S)?)(?:[ \t]+#+)?[ \t]*$")
QUOTE = re.compile(r"^ {0,3}> ?(?=\S)")
_IMG = r"!\[[^\[\]\n]*\]\([^()\s]*(?:\s+\"[^\"\n]*\")?\)"
IMAGE = re.compile(rf"\[{_IMG}\]\([^()\s]*\)|{_IMG}")  # a linked image first, whole
# The text between markers holds no marker character: each try ends at the next one (linear on
# a hostile line such as "**a " repeated, where ".+?" rescanned the rest of the line per opening).
EMPHASIS = re.compile(
    r"(?<![\w*])\*\*\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*\*\*(?![\w*])"  # bold italics
    r"|(?<![\w*])\*\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*\*(?![\w*])"
    r"|(?<![\w_])__(?=[^\s_])([^_\n]+?)(?<=[^\s_])__(?![\w_])"
    r"|(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")


def strip_emphasis(text: str) -> str:
    for _ in range(MAX_NESTING):  # nested: **_both_**
        text, n = EMPHASIS.subn(lambda m: next(g for g in m.groups() if g is not None), text)
        if not n:
            break
    return text


@rule("markdown_heading")
def markdown_heading(page: Page) -> None:
    # Each rule first asks the whole text for one character (memchr speed: ~1 us a page, where a
    # two-character needle such as "# " or "![" costs 10-20 us), then its lines.
    if "#" not in page.text:
        return
    for line in page.live():
        if "#" in line.text[:4] and (m := ATX_HEADING.match(line.text)):
            page.replace(line, m[1], "markdown_heading")


@rule("markdown_quote")
def markdown_quote(page: Page) -> None:
    if ">" not in page.text:
        return
    for line in page.live():
        if ">" in line.text[:4] and (m := QUOTE.match(line.text)):
            page.replace(line, line.text[m.end():], "markdown_quote")


@rule("markdown_image")
def markdown_image(page: Page) -> None:
    if "[" not in page.text or "![" not in page.text:
        return
    for line in page.live():
        if "![" in line.text:
            rest = IMAGE.sub("", line.text)
            if not rest.strip():
                page.drop(line, "markdown_image")
            elif rest != line.text:
                page.replace(line, re.sub(r"[ \t]{2,}", " ", rest).strip(), "markdown_image")


@rule("markdown_emphasis")
def markdown_emphasis(page: Page) -> None:
    if "*" not in page.text and "_" not in page.text:
        return
    for line in page.live():
        if "*" in line.text or "_" in line.text:
            page.replace(line, strip_emphasis(line.text), "markdown_emphasis")


@rule("markdown_link")
def markdown_link(page: Page) -> None:
    if "[" not in page.text or "](" not in page.text:
        return
    for line in page.live():
        if "](" in line.text:
            page.replace(line, unwrap_links(line.text), "markdown_link")
