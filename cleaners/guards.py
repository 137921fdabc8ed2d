"""Cheap checks that bound the work a document can cost, run before the parsers.

Each check is linear in the input and stops early. A document over a limit is
rejected with the limit in the reason (`Reject`), never left to hang or crash:

- `check_line_length`: the longest line, in characters (text rules are per line).
- `check_line_count`: how many lines (the rules' cost grows with it).
- `html_depth` / `check_html_depth`: how deeply the markup nests. libxml2 (lxml,
  trafilatura, BeautifulSoup's lxml builder) silently drops everything nested
  deeper than 255 levels, so a page past the limit is refused with a reason
  rather than archived with its text missing; pure-Python tree walks past a
  few thousand levels would also hit Python's recursion limit.
"""
from __future__ import annotations

import re

from cleaners.model import Reject

# Elements that never contain others, and elements whose end tag is optional
# (an unclosed <p> or <li> does not nest: the parser closes it implicitly).
VOID = frozenset("area base br col embed hr img input link meta param source track wbr basefont frame keygen".split())
IMPLIED_END = frozenset("p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rp rt rtc".split())
RAW_TEXT = frozenset(("script", "style", "textarea", "title", "xmp", "noscript", "template", "iframe", "noembed",
                      "noframes", "plaintext"))
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:_-]{0,63})(?=[\s/>])[^<>]*?(/?)>")
_SKIP_START = re.compile(r"<!--|<(" + "|".join(sorted(RAW_TEXT)) + r")(?=[\s/>])", re.I)


def html_depth(html: str, stop_at: int | None = None) -> int:
    """Deepest element nesting of `html`, approximated the way a parser would build it.

    Linear: the tags are found by one regex per stretch of markup, comments and
    the contents of script/style are skipped with plain searches, and the scan
    stops as soon as `stop_at` is exceeded.
    """
    deepest, pos, n = 0, 0, len(html)
    stack: list[str] = []
    while pos < n:
        skip = _SKIP_START.search(html, pos)
        stop = skip.start() if skip else n
        for closing, name, self_closing in _TAG.findall(html, pos, stop):
            name = name.lower()
            if self_closing or name in VOID or name in IMPLIED_END:
                continue
            if closing:
                if name in stack:  # close up to the matching open tag, as parsers do
                    while stack.pop() != name:
                        pass
                continue
            stack.append(name)
            if len(stack) > deepest:
                deepest = len(stack)
                if stop_at is not None and deepest > stop_at:
                    return deepest
        if skip is None:
            break
        if skip[1] is None:  # a comment
            end = html.find("-->", skip.end())
            pos = n if end < 0 else end + 3
        else:  # raw text: nothing inside is markup
            close = re.compile(rf"</{skip[1]}\s*>", re.I).search(html, skip.end())
            pos = n if close is None else close.end()
    return deepest


def check_html_depth(html: str, max_depth: int) -> None:
    depth = html_depth(html, stop_at=max_depth)
    if depth > max_depth:
        raise Reject("extract", f"HTML nested too deeply: more than {max_depth} levels (limit --max-depth)")


def first_long_line(text: str, limit: int) -> int | None:
    """Length of the first line longer than `limit` characters, or None.

    Jumps window by window (the last newline in each `limit + 1` window), so
    the cost is about len(text) / limit searches, not one per line.
    """
    n, pos = len(text), 0
    while n - pos > limit:
        j = text.rfind("\n", pos, pos + limit + 1)
        if j < 0:
            end = text.find("\n", pos)
            return (n if end < 0 else end) - pos
        pos = j + 1
    return None


def check_line_count(text: str, max_lines: int) -> None:
    """Rules cost tens of microseconds per line: a dump of millions of tiny lines is refused up front."""
    n = text.count("\n") + 1
    if n > max_lines:
        raise Reject("clean", f"too many lines: {n} > limit {max_lines} (limit --max-lines)")


def check_line_length(text: str, max_line_chars: int) -> None:
    n = first_long_line(text, max_line_chars)
    if n is not None:
        raise Reject("clean", f"line too long: {n} characters > limit {max_line_chars} (limit --max-line-chars)")
