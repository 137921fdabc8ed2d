"""Photo credits and the captions they close.

- photo_credit: a standalone credit line: capitals joined by slashes
  (`TOM WILLIAMS/REX/POOL/GETTY IMAGES`), or a parenthesised credit
  (`(Maxar Technologies/Reuters)`, `(Pool)`).
- image_caption: the line right before a parenthesised credit is that image's
  caption. Both leave the body and go to `captions`.
"""
from __future__ import annotations

import re

from cleaners.model import Caption
from cleaners.page import Page, per_line
from cleaners.rules import rule
from cleaners.shapes import ends_sentence, words

AGENCY = r"(?:getty images|getty|reuters|ap photo|ap|afp|pool|epa|shutterstock|bloomberg|sipa|rex|anadolu|xinhua|tass|nurphoto|ddp|picture alliance|press service|press office|handout|file)"
# Possessive quantifiers: no backtracking blow-up on a long `A / A / A ... a` line.
CAPS_CREDIT = re.compile(r"^[A-Z][A-Z0-9 .,'’&-]*+(?:\s*+/\s*+[A-Z][A-Z0-9 .,'’&-]*+)+$")
PAREN_CREDIT = re.compile(r"^\(([^()]{1,100})\)$")
LABELLED_CREDIT = re.compile(r"^(?:photo|image|credit|photograph|video)\s*(?:credit)?\s*:\s*\S.{0,80}$", re.I)
AGENCY_RE = re.compile(rf"\b{AGENCY}\b", re.I)


@per_line
def credit_text(text: str) -> str | None:
    """The credit if the line is a standalone credit, else None."""
    t = text.strip()
    if "/" not in t and ":" not in t and t[:1] != "(":  # what CAPS, LABELLED and PAREN_CREDIT need
        return None
    if CAPS_CREDIT.match(t) and len(words(t)) <= 12:
        return t
    m = PAREN_CREDIT.match(t)
    if m:
        inner = m[1].strip()
        if len(words(inner)) <= 12 and ("/" in inner or AGENCY_RE.search(inner)) and not inner.endswith("."):
            return inner
    if LABELLED_CREDIT.match(t):
        return t.split(":", 1)[1].strip()
    return None


def is_caption_shaped(text: str) -> bool:
    """A caption describes a picture: a sentence, not a headline, of modest length."""
    n = len(words(text))
    return 4 <= n <= 60


@rule("photo_credit")
def photo_credit(page: Page) -> None:
    captions = page.meta.captions
    prev = None  # the last line still live before this one (one pass: no quadratic look-back)
    for line in page.live():
        credit = credit_text(line.text) if line.tag is None else None
        if credit is None:
            prev = line
            continue
        caption = None
        if PAREN_CREDIT.match(line.text.strip()) and prev is not None and prev.tag is None \
                and is_caption_shaped(prev.text) and ends_sentence(prev.text):
            caption = prev.text.strip()
            page.drop(prev, "image_caption")
        captions.append(Caption(caption, credit))
        page.drop(line, "photo_credit")
        prev = None

