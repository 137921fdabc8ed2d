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


def _fingerprint(paragraph: str) -> tuple[int, int, int]:
    """Equal `_key`s give equal fingerprints (letters pass through `_key` unchanged), at a
    fifth of its cost: only paragraphs whose fingerprints meet in two posts need a key."""
    low = _LABEL.sub("", paragraph).lower()
    return low.count("e"), low.count("t"), low.count("a")


def mark_repeats(drafts):
    keys: dict[str, str] = {}  # paragraph -> _key(paragraph): a pasted note recurs, and is keyed once

    def key(p: str) -> str:
        k = keys.get(p)
        if k is None:
            k = keys[p] = _key(p)
        return k

    by_print = defaultdict(list)  # fingerprint -> [(position, paragraph)], paragraphs of MIN_WORDS or more
    for d in drafts:
        for p in d.paragraphs:
            if len(p.split(None, MIN_WORDS - 1)) >= MIN_WORDS:  # = len(p.split()) >= MIN_WORDS
                by_print[_fingerprint(p)].append((d.position, p))
    where = defaultdict(set)
    for group in by_print.values():
        if len({position for position, _ in group}) >= 2:
            for position, p in group:
                where[key(p)].add(position)
    repeated = {k for k, positions in where.items() if len(positions) >= 2}
    prints = {fp for fp, group in by_print.items() if any(keys.get(p) in repeated for _, p in group)}
    for d in drafts:  # no key in two posts (the usual case): nothing to look up
        d.repeated = [p for p in d.paragraphs if _fingerprint(p) in prints and key(p) in repeated] if repeated else []
    return drafts
