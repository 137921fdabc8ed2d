"""Build each post from its lines: headline, byline, captions, body.

The post's body keeps only its own text: no separator, byline, caption or
credit. Every consumed line is tagged, so the parent's body is the page
summary alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from cleaners.model import Caption
from cleaners.page import Line, Page
from cleaners.paragraphs import group_paragraphs, repair_paragraphs
from cleaners.rules.byline import split_names
from cleaners.rules.credits import credit_text, is_caption_shaped
from cleaners.shapes import ends_sentence
from cleaners.liveblog.structure import is_headline, is_post_byline
from cleaners.liveblog.timing import post_time_line

_BYLINE_PREFIX = re.compile(
    r"^(?:from|analysis from|analysis by|opinion by|commentary by|reporting by|by)\s+"
    r"(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?:'s|’s|'|’)\s+)?", re.I)
_PLACE = re.compile(r"\s+(?:in|from|at)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*")


@dataclass
class DraftPost:
    position: int
    lines: list[Line]
    headline: str | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    captions: list[Caption] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    time_lines: list[str] = field(default_factory=list)


def byline_authors(byline: str) -> tuple[str, ...]:
    """`From CNN's A in Kyiv and B in London` -> (A, B)."""
    names = _BYLINE_PREFIX.sub("", byline.strip())
    names = _PLACE.sub("", names)
    return tuple(split_names(names))


def build_posts(page: Page, segments: list[list[Line]]) -> list[DraftPost]:
    drafts = []
    for position, seg in enumerate(segments):
        d = DraftPost(position, seg)
        rest = list(seg)
        while rest and post_time_line(rest[0].text):
            d.time_lines.append(rest[0].text.strip())
            rest[0].tag = "post_time"
            rest = rest[1:]
        if rest and is_headline(rest[0].text):
            d.headline = rest[0].text.strip()
            rest[0].tag = "post_headline"
            rest = rest[1:]
        if rest and is_post_byline(rest[0].text):
            d.byline = rest[0].text.strip()
            d.authors = byline_authors(d.byline)
            rest[0].tag = "post_byline"
            rest = rest[1:]
        while rest and post_time_line(rest[0].text):  # some pages print the time under the byline
            d.time_lines.append(rest[0].text.strip())
            rest[0].tag = "post_time"
            rest = rest[1:]
        body: list[Line] = []
        for ln in rest:
            credit = credit_text(ln.text)
            if credit is None:
                body.append(ln)
                continue
            caption = None
            if body and body[-1].tag is None and is_caption_shaped(body[-1].text) and ends_sentence(body[-1].text) \
                    and not is_headline(body[-1].text):
                cap_line = body.pop()
                cap_line.tag = "post_caption"
                caption = cap_line.text.strip()
            ln.tag = "post_credit"
            d.captions.append(Caption(caption, credit))
        for ln in body:
            ln.tag = "post_body"
        paragraphs, repairs = repair_paragraphs(group_paragraphs(body))
        page.repairs.extend((seg[0].number, r) for r in repairs)
        d.paragraphs = paragraphs
        drafts.append(d)
    return drafts
