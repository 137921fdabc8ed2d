"""Page text of an lxml element, by the rules BeautifulSoup's `get_text` had here.

The text of `<script>`, `<style>`, `<template>`, `<rt>` and `<rp>` (CODE) is never
page text; asked of such an element itself, its own kind of text is the answer
(bs4 typed each string by its innermost such ancestor). Almost every element has
none of these inside or above it, and is read in C (`itertext`, libxml2's text
serialisation); the rest take an exact, slower walk.
"""
from __future__ import annotations

import re

from lxml import etree

CODE = frozenset({"script", "style", "template", "rt", "rp"})
_NO_SPACE_BEFORE = re.compile(r"\s+([,.;:!?’”)])")


def any_of(names) -> str:
    """An XPath test for an element named any of `names`."""
    return " or ".join(f"self::{n}" for n in sorted(names))


# Of the elements whose text is never page text, the ones that can hold other elements (an HTML
# parse leaves only text inside <script> and <style>): only under one of these can an element have
# a code ancestor. Whether a document has any is looked up once per document.
_CODE_HOLDERS = ("template", "rt", "rp")
_LAST_DOC: tuple = (None, True)  # (root of the document looked at last, it has code holders)


def _code_holders_in_document(el) -> bool:
    global _LAST_DOC
    root = el.getroottree().getroot()
    seen = _LAST_DOC  # one read and one rebinding: safe when threads share the module
    if seen[0] is not root:
        seen = (root, next(root.iter(*_CODE_HOLDERS), None) is not None)
        _LAST_DOC = seen
    return seen[1]


def _code_free(el) -> bool:
    """Neither `el`, its descendants nor its ancestors are code or ruby (CODE)."""
    for d in el.iter():
        if d.tag in CODE:
            return False
    if _code_holders_in_document(el):
        for a in el.iterancestors():
            if a.tag in CODE:
                return False
    return True


def plain_text(el) -> str:
    """All text under `el` in one string (libxml2 serialises it; `el`'s tail excluded)."""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


# Asked of a code or ruby element itself, its own kind of text is the answer (bs4 typed each string
# by its innermost such ancestor): the text whose nearest CODE ancestor has the element's tag.
_OWN_TEXTS = {tag: etree.XPath("descendant::text()[ancestor::*[%s][1][self::%s]]" % (any_of(CODE), tag),
                               smart_strings=False) for tag in CODE}


def _exact_texts(el) -> list[str]:
    if el.tag in CODE:
        return _OWN_TEXTS[el.tag](el)
    if _code_holders_in_document(el) and any(a.tag in CODE for a in el.iterancestors()):
        return []  # all of it sits inside code or ruby
    out: list[str] = []
    _texts_outside_code(el, out)
    return out


def _texts_outside_code(el, out: list[str]) -> None:
    if el.text:
        out.append(el.text)
    for child in el:
        if child.tag not in CODE:
            _texts_outside_code(child, out)
        if child.tail:
            out.append(child.tail)


def texts(el) -> list[str]:
    """The page-text pieces under `el` in document order (text and tails; no code or ruby text)."""
    return list(el.itertext()) if _code_free(el) else _exact_texts(el)


def get_text(el) -> str:
    """The element's page text, pieces joined as they are."""
    return plain_text(el) if _code_free(el) else "".join(_exact_texts(el))


def text_length(el) -> int:
    """How much text `el` holds, as the thresholds here were set: a piece of text that is only
    whitespace counts as one character (bs4 collapsed those pieces; `pre` aside)."""
    return sum(len(t) if not t.isspace() else 1 for t in texts(el))


def text_of(el) -> str:
    """The element's text on one line, whitespace collapsed (text pieces are space-separated)."""
    return _NO_SPACE_BEFORE.sub(r"\1", " ".join(" ".join(texts(el)).split()))
