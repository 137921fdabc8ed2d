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
    keys: dict[str, str] = {}  # paragraph -> _key(paragraph): a pasted note recurs, and is keyed once

    def key(p: str) -> str:
        k = keys.get(p)
        if k is None:
            k = keys[p] = _key(p)
        return k

    where = defaultdict(set)
    for d in drafts:
        for p in d.paragraphs:
            if len(p.split(None, MIN_WORDS - 1)) >= MIN_WORDS:  # = len(p.split()) >= MIN_WORDS
                where[key(p)].add(d.position)
    repeated = {k for k, positions in where.items() if len(positions) >= 2}
    for d in drafts:  # no key in two posts (the usual case): nothing to look up
        d.repeated = [p for p in d.paragraphs if key(p) in repeated] if repeated else []
    return drafts
