"""Scripts, styles and inline SVG out of a page before it is parsed (linear time).

Scripts other than JSON-LD, styles and SVG carry no article text, and big
pages are mostly these (a 2.6 MB CNN page becomes 0.4 MB), so dropping them
from the string makes the parse and every walk of the tree cheaper.
"""
from __future__ import annotations

import re

# strip_inert removes exactly what this regex's `sub` removed, in linear time (the regex retried every
# unclosed <script> up to the end of the page: quadratic, tens of seconds on a 240 KB page):
#   <script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*> | <style\b[^>]*>.*?</style\s*> | <svg\b[^>]*>.*?</svg\s*>
# (re.I | re.S).
_INERT_OPEN = re.compile(r"<(script|style|svg)\b", re.I)
_INERT_CLOSE = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style", "svg")}
_INERT_NAMES = {"c": "script", "t": "style", "v": "svg"}  # by the second letter: re.I lets "ſ" stand for "s"
_LD_JSON = re.compile(r"ld\+json", re.I)


def strip_inert(html: str) -> str:
    """The page without non-JSON-LD scripts, styles and SVG: same text, a fraction of the parse time."""
    out: list[str] = []
    keep_from = 0  # text before this position is dealt with
    gt = last_ld = -1  # the ">" ending the current candidate's tag; where "ld+json" last starts before it
    closers: dict[str, tuple[int, int, int]] = {}  # name -> (searched from, closer start, end); start -1: none
    for m in _INERT_OPEN.finditer(html):
        start = m.start()
        if start < keep_from:
            continue  # inside a stretch already cut
        name = _INERT_NAMES[m[1][1].lower()]
        if gt < m.end():
            gt = html.find(">", m.end())
            if gt < 0:
                break  # no ">" left: no tag can open any more
            last_ld = -1
            for x in _LD_JSON.finditer(html, m.end(), gt):
                last_ld = x.start()
        if name == "script" and last_ld >= m.end():
            continue  # a JSON-LD block: kept
        body = gt + 1
        known = closers.get(name)
        if known is None or body < known[0] or (known[1] >= 0 and body > known[1]):
            known = (body, *_closer(html, name, body))
            closers[name] = known
        if known[1] < 0:
            continue  # never closed from here on
        out.append(html[keep_from:start])
        keep_from = known[2]
    out.append(html[keep_from:])
    return "".join(out)


def _closer(html: str, name: str, pos: int) -> tuple[int, int]:
    """(start, end) of the first `</name\\s*>` at or after `pos` (any case), or (-1, -1)."""
    close = _INERT_CLOSE[name]
    while True:
        i = html.find("</", pos)
        if i < 0:
            return -1, -1
        c = close.match(html, i)
        if c:
            return c.start(), c.end()
        pos = i + 2
