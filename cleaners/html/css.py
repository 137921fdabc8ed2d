"""The adapters' CSS selectors, parsed once and matched in one pass over an lxml subtree.

Only the subset the adapters use is understood; anything else raises at
import time rather than matching wrongly:

    tag  *  .class  #id  [attr]  [attr=v]  [attr*=v]  [attr^=v]  [attr$=v]  [attr~=v]
    compounds of those (`article.post`, `meta[name=source][content=CNN]`)
    the descendant combinator (`figcaption .caption`)

Semantics are soupsieve's on an HTML tree: `.x` is a whitespace-separated
class token, attribute values are case-sensitive, tag names are lower case
(lxml's HTML parser lowers them), and a selector applied to an element
matches its descendants, never the element itself, while the ancestors named
by a descendant combinator may lie above it.

Why not XPath: a group of a dozen class selectors compiled to XPath costs
libxml2 a string build per element and selector; here the most common
shapes (a bare tag, a bare `.class`, a bare `[class*=x]`) are one set lookup
or one regex search per element for the whole group, and `Groups` answers
several groups in the same pass.
"""
from __future__ import annotations

import re

from lxml import etree

_TAG = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*|\*")
_PART = re.compile(
    r"\.(?P<cls>[\w-]+)|#(?P<id>[\w-]+)"
    r"|\[\s*(?P<attr>[\w:-]+)\s*(?:(?P<op>[*^$~]?=)\s*(?P<val>\"[^\"]*\"|'[^']*'|[^\]\s\"']+)\s*)?\]"
)


class _Compound:
    """One compound selector: `div.a.b[c=d]`."""

    __slots__ = ("tag", "classes", "attrs")

    def __init__(self, text: str):
        self.tag: str | None = None
        self.classes: list[str] = []
        self.attrs: list[tuple[str, str | None, str | None]] = []
        pos = 0
        m = _TAG.match(text)
        if m:
            self.tag = None if m[0] == "*" else m[0].lower()
            pos = m.end()
        while pos < len(text):
            m = _PART.match(text, pos)
            if m is None:
                raise ValueError(f"unsupported CSS selector: {text!r}")
            pos = m.end()
            if m["cls"]:
                self.classes.append(m["cls"])
            elif m["id"]:
                self.attrs.append(("id", "=", m["id"]))
            else:
                val = m["val"]
                if val is not None and val[:1] in "\"'":
                    val = val[1:-1]
                self.attrs.append((m["attr"].lower(), m["op"], val))

    def test(self, el) -> bool:
        if self.tag is not None and el.tag != self.tag:
            return False
        if self.classes:
            tokens = (el.get("class") or "").split()
            if not all(c in tokens for c in self.classes):
                return False
        for name, op, val in self.attrs:
            v = el.get(name)
            if v is None:
                return False
            if op is None:
                continue
            if op == "=":
                ok = v == val
            elif not val:
                ok = False  # CSS: an empty substring, prefix or suffix matches nothing
            elif op == "*=":
                ok = val in v
            elif op == "^=":
                ok = v.startswith(val)
            elif op == "$=":
                ok = v.endswith(val)
            else:  # ~=
                ok = val in v.split()
            if not ok:
                return False
        return True


class _Selector:
    """Compounds joined by descendant combinators; the last one is the element matched."""

    def __init__(self, text: str):
        parts = text.split()
        if not parts or any(c in text for c in ">+,:"):
            raise ValueError(f"unsupported CSS selector: {text!r}")
        self.parts = [_Compound(p) for p in parts]
        self.tag = self.parts[-1].tag  # the tag the matched element must have, if any
        if len(self.parts) == 1:
            self.test = self.parts[0].test  # type: ignore[method-assign]

    def test(self, el) -> bool:
        return self.parts[-1].test(el) and self._above(el, len(self.parts) - 2)

    def _above(self, el, i: int) -> bool:
        if i < 0:
            return True
        return any(self.parts[i].test(a) and self._above(a, i - 1) for a in el.iterancestors())


class _Group:
    """Selectors matched together, with as few Python steps per element as the shapes allow.

    Bare tags are a set lookup. Bare `.class` and `[class*=x]` are decided once per distinct class
    attribute value (pages repeat a few dozen of them), cached. Every other selector is tried
    only on elements that could match it: those with its tag, else its first class token, else
    its first attribute.
    """

    _CACHE_LIMIT = 4096

    def __init__(self, selectors: list[str]):
        tags, tokens, substrings = set(), set(), []
        by_tag: dict[str, list[_Selector]] = {}
        by_token: dict[str, list[_Selector]] = {}
        by_attr: dict[str, list[_Selector]] = {}
        always: list[_Selector] = []
        for text in selectors:
            sel = _Selector(text)
            c = sel.parts[-1]
            if len(sel.parts) == 1:
                if c.tag and not c.classes and not c.attrs:
                    tags.add(c.tag)
                    continue
                if c.tag is None and len(c.classes) == 1 and not c.attrs:
                    tokens.add(c.classes[0])
                    continue
                if c.tag is None and not c.classes and len(c.attrs) == 1 and c.attrs[0][:2] == ("class", "*=") \
                        and c.attrs[0][2]:
                    substrings.append(c.attrs[0][2])
                    continue
            if c.tag is not None:
                by_tag.setdefault(c.tag, []).append(sel)
            elif c.classes:
                by_token.setdefault(c.classes[0], []).append(sel)
            elif c.attrs:
                by_attr.setdefault(c.attrs[0][0], []).append(sel)
            else:
                always.append(sel)
        self.tags = frozenset(tags)
        self.tokens = frozenset(tokens)
        self.substrings = re.compile("|".join(map(re.escape, substrings))) if substrings else None
        self.by_tag = {tag: tuple(sels) for tag, sels in by_tag.items()}
        self.by_token = {tok: tuple(sels) for tok, sels in by_token.items()}
        self.by_attr = tuple((name, tuple(sels)) for name, sels in by_attr.items())
        self.always = tuple(always)
        self._classes: dict[str, tuple[bool, tuple[_Selector, ...]]] = {}

    def _class_value(self, cls: str) -> tuple[bool, tuple[_Selector, ...]]:
        """(a bare class selector matches, the other selectors keyed by a token of `cls`)."""
        tokens = cls.split()
        hit = (not self.tokens.isdisjoint(tokens)) or (self.substrings is not None and
                                                       self.substrings.search(cls) is not None)
        keyed = tuple(sel for tok in dict.fromkeys(tokens) for sel in self.by_token.get(tok, ()))
        if len(self._classes) >= self._CACHE_LIMIT:
            self._classes.clear()
        self._classes[cls] = found = (hit, keyed)
        return found

    def test(self, el, tag: str, cls: str | None) -> bool:
        if tag in self.tags:
            return True
        if cls:
            hit, keyed = self._classes.get(cls) or self._class_value(cls)
            if hit:
                return True
            for sel in keyed:
                if sel.test(el):
                    return True
        if tag in self.by_tag:
            for sel in self.by_tag[tag]:
                if sel.test(el):
                    return True
        for name, sels in self.by_attr:
            if el.get(name) is not None:
                for sel in sels:
                    if sel.test(el):
                        return True
        for sel in self.always:
            if sel.test(el):
                return True
        return False


def _elements(root):
    return root.iterdescendants(etree.Element)  # elements only, document order


class Select:
    """Every descendant of an element matching any of `selectors`, in document order (one pass)."""

    def __init__(self, selectors: list[str] | str):
        self.selectors = [selectors] if isinstance(selectors, str) else list(selectors)
        self._group = _Group(self.selectors)

    def __call__(self, root) -> list:
        test = self._group.test
        return [el for el in _elements(root) if test(el, el.tag, el.get("class"))]


class Groups:
    """Several named selector groups answered in one pass: {name: [matches in document order]}."""

    def __init__(self, groups: dict[str, list[str]]):
        self._groups = [(name, _Group(list(sels))) for name, sels in groups.items()]
        self._any = _Group([s for sels in groups.values() for s in sels])  # most elements match none

    def __call__(self, root) -> dict[str, list]:
        out: dict[str, list] = {name: [] for name, _ in self._groups}
        any_test = self._any.test
        for el in _elements(root):
            tag, cls = el.tag, el.get("class")
            if not any_test(el, tag, cls):
                continue
            for name, group in self._groups:
                if group.test(el, tag, cls):
                    out[name].append(el)
        return out


class First:
    """The first descendant matching the first selector that matches anything (selector order wins)."""

    def __init__(self, selectors: list[str] | str):
        self.selectors = [selectors] if isinstance(selectors, str) else list(selectors)
        self._any = _Group(self.selectors)  # most elements match none: one test rules them out
        self._each = [_Group([s]) for s in self.selectors]

    def __call__(self, root):
        best, best_i = None, len(self._each)
        any_test = self._any.test
        for el in _elements(root):
            tag, cls = el.tag, el.get("class")
            if not any_test(el, tag, cls):
                continue
            for i in range(best_i):  # only selectors that would beat the match held
                if self._each[i].test(el, tag, cls):
                    best, best_i = el, i
                    break
            if best_i == 0:
                break
        return best
