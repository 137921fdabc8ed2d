"""Recurring inserts: the same paragraph in several posts of one page.

Live blogs paste a running note ("Meanwhile: ...") into several posts. A
paragraph of some length found in two or more posts (compared after folding
case, punctuation and a one-word label like `Meanwhile:`) is recorded in each
post's `repeated_inserts`, and kept in its body: a consumer decides.
"""
from __future__ import annotations

import re
from collections import defaultdict

MIN_WORDS = 12
_LABEL = re.compile(r"^[A-Z][a-z]+:\s+")
_NON_WORD = re.compile(r"[\W_]+")


def _key(paragraph: str) -> str:
    return _NON_WORD.sub(" ", _LABEL.sub("", paragraph).lower()).strip()


def mark_repeats(drafts):
    where = defaultdict(set)
    for d in drafts:
        for p in d.paragraphs:
            if len(p.split()) >= MIN_WORDS:
                where[_key(p)].add(d.position)
    for d in drafts:
        d.repeated = [p for p in d.paragraphs if len(where.get(_key(p), ())) >= 2]
    return drafts
