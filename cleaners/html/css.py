"""The adapters' CSS selectors, compiled once to lxml XPath (the matching then runs in C).

Only the subset the adapters use is understood, and anything else raises at
import time rather than matching wrongly:

    tag  *  .class  #id  [attr]  [attr=v]  [attr*=v]  [attr^=v]  [attr$=v]  [attr~=v]
    compounds of those (`article.post`, `meta[name=source][content=CNN]`)
    the descendant combinator (`figcaption .caption`)

Semantics follow soupsieve's on an HTML tree: `.x` is a whitespace-separated
class token, attribute values are case-sensitive, tag names are lower case
(lxml's HTML parser lowers them), and a selector applied to an element
matches its descendants, never the element itself, while the ancestors named
by a descendant combinator may lie above it.
"""
from __future__ import annotations

import re

from lxml import etree

_TAG = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*|\*")
_PART = re.compile(
    r"\.(?P<cls>[\w-]+)|#(?P<id>[\w-]+)"
    r"|\[\s*(?P<attr>[\w:-]+)\s*(?:(?P<op>[*^$~]?=)\s*(?P<val>\"[^\"]*\"|'[^']*'|[^\]\s\"']+)\s*)?\]"
)


def _literal(value: str) -> str:
    if "'" in value:
        raise ValueError(f"quote in selector value: {value!r}")
    return f"'{value}'"


def _token(attr: str, value: str) -> str:
    return f"contains(concat(' ', normalize-space(@{attr}), ' '), {_literal(' ' + value + ' ')})"


def _compound(text: str) -> str:
    """One compound selector (`div.a[b=c]`) as an XPath predicate on the candidate element."""
    conds: list[str] = []
    pos = 0
    m = _TAG.match(text)
    if m:
        if m[0] != "*":
            conds.append(f"self::{m[0].lower()}")
        pos = m.end()
    while pos < len(text):
        m = _PART.match(text, pos)
        if m is None:
            raise ValueError(f"unsupported CSS selector: {text!r}")
        pos = m.end()
        if m["cls"]:
            conds.append(_token("class", m["cls"]))
        elif m["id"]:
            conds.append(f"@id={_literal(m['id'])}")
        else:
            attr, op, val = m["attr"].lower(), m["op"], m["val"]
            if op is None:
                conds.append(f"@{attr}")
                continue
            val = val[1:-1] if val[:1] in "\"'" else val
            if not val and op != "=":
                conds.append("false()")  # CSS: an empty substring/prefix/suffix matches nothing
            elif op == "=":
                conds.append(f"@{attr}={_literal(val)}")
            elif op == "*=":
                conds.append(f"contains(@{attr}, {_literal(val)})")
            elif op == "^=":
                conds.append(f"starts-with(@{attr}, {_literal(val)})")
            elif op == "$=":
                conds.append(f"substring(@{attr}, string-length(@{attr}) - {len(val) - 1}) = {_literal(val)}")
            else:  # ~=
                conds.append(_token(attr, val))
    return " and ".join(conds) or "true()"


def predicate(selector: str) -> str:
    """A whole selector (compounds joined by descendant combinators) as one predicate."""
    parts = selector.split()
    if not parts or any(c in selector for c in ">+,:"):
        raise ValueError(f"unsupported CSS selector: {selector!r}")
    pred = _compound(parts[0])
    for part in parts[1:]:
        pred = f"{_compound(part)} and ancestor::*[{pred}]"
    return pred


class Select:
    """Every descendant of an element matching any of `selectors`, in document order (one pass)."""

    def __init__(self, selectors: list[str] | str):
        self.selectors = [selectors] if isinstance(selectors, str) else list(selectors)
        expr = " or ".join(f"({predicate(s)})" for s in self.selectors)
        self._xpath = etree.XPath(f"descendant::*[{expr}]", smart_strings=False)

    def __call__(self, root) -> list:
        return self._xpath(root)


class First:
    """The first descendant matching the first selector that matches anything (selector order wins)."""

    def __init__(self, selectors: list[str] | str):
        self.selectors = [selectors] if isinstance(selectors, str) else list(selectors)
        self._xpaths = [etree.XPath(f"descendant::*[{predicate(s)}][1]", smart_strings=False)
                        for s in self.selectors]

    def __call__(self, root):
        for xp in self._xpaths:
            found = xp(root)
            if found:
                return found[0]
        return None
