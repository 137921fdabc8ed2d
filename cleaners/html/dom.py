"""Small BeautifulSoup helpers the adapters share: parse, cut out, caption, paragraphs.

Adapters cut page furniture out of the tree (recording a `Removal` for each cut)
and then read the rest as paragraphs, one per block element.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from cleaners.model import Caption, Removal

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "tr", "figcaption"}
CONTAINER = {"div", "section", "article", "main", "ul", "ol", "dl", "table", "tbody", "thead", "figure",
             "header", "footer", "aside", "body", "html", "form", "center", "font", "td"}
NEVER_TEXT = {"script", "style", "noscript", "template", "svg", "iframe", "button", "input", "select",
              "textarea", "video", "audio", "object", "embed", "canvas", "picture", "img", "source", "link", "meta"}
_NO_SPACE_BEFORE = re.compile(r"\s+([,.;:!?’”)])")
_CREDIT_LABEL = re.compile(r"^(?:photo|image|credit|photograph|photos)\s*(?:credit)?\s*:\s*", re.I)


# Scripts (other than JSON-LD), styles and inline SVG carry no article text; big pages are mostly these.
_INERT = re.compile(
    r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<svg\b[^>]*>.*?</svg\s*>",
    re.I | re.S,
)


def strip_inert(html: str) -> str:
    """The page without non-JSON-LD scripts, styles and SVG: same text, a fraction of the parse time."""
    return _INERT.sub("", html)


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def text_of(el) -> str:
    """The element's text on one line, whitespace collapsed."""
    raw = str(el) if isinstance(el, NavigableString) else el.get_text(" ")
    return _NO_SPACE_BEFORE.sub(r"\1", " ".join(raw.split()))


def cut(nodes, rule: str, removed: list[Removal]) -> None:
    """Take `nodes` out of the tree, recording their text under `rule`."""
    for node in list(nodes):
        if not attached(node):
            continue  # already cut with an ancestor
        t = text_of(node)
        if t:
            removed.append(Removal(rule, t[:500]))
        node.extract()


def attached(node) -> bool:
    """Still in the document (not inside a subtree that was cut out)."""
    top = node
    for top in node.parents:
        pass
    return isinstance(top, BeautifulSoup)


def select_all(root, selectors: list[str]) -> list[Tag]:
    """Every element matching any selector, in document order (one pass over the tree)."""
    return root.select(", ".join(selectors))


def first(root, selectors: list[str]) -> Tag | None:
    for sel in selectors:
        el = root.select_one(sel)
        if el is not None:
            return el
    return None


def take_caption(figure: Tag, caption_sel: list[str], credit_sel: list[str]) -> Caption | None:
    """Caption and credit of one image block, read before the block is cut."""
    credit_el = first(figure, credit_sel)
    credit = clean_credit(text_of(credit_el)) if credit_el is not None else None
    if credit_el is not None:
        credit_el.extract()
    cap_el = first(figure, caption_sel)
    caption = text_of(cap_el) if cap_el is not None else None
    if caption and credit and caption.endswith(credit):
        caption = caption[: -len(credit)].rstrip(" |-–—")
    if not caption and not credit:
        return None
    return Caption(caption or None, credit or None)


def clean_credit(text: str) -> str | None:
    t = _CREDIT_LABEL.sub("", text.strip()).strip()
    return t or None


def paragraphs(root: Tag) -> list[str]:
    """One string per block of text under `root`, in document order.

    A block element is one paragraph; loose inline text between blocks is
    gathered into its own paragraph, and `<br><br>` splits such a run.
    """
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        t = " ".join("".join(run).split())
        if t:
            out.append(t)
        run.clear()

    def visit(el: Tag) -> None:
        for child in el.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a Comment / CData / Doctype
                    run.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in NEVER_TEXT:
                continue
            if child.name == "br":
                run.append("\n")
                if run[-2:] == ["\n", "\n"] or (len(run) >= 2 and not "".join(run[-3:-1]).strip()):
                    flush()
                continue
            if child.name in BLOCK:
                flush()
                t = _block_text(child)
                if t:
                    out.append(t)
            elif child.name in CONTAINER or _has_block(child):
                flush()
                visit(child)
                flush()
            else:
                run.append(child.get_text())
        # a container's trailing inline text stays in the run; the caller flushes

    visit(root)
    flush()
    return out


def _has_block(el: Tag) -> bool:
    return el.find(lambda t: t.name in BLOCK or t.name in ("div", "section", "article")) is not None


def _block_text(el: Tag) -> str:
    """A block's text; nested blocks (a list inside a list item) stay on one line."""
    parts = []
    for s in el.descendants:
        if isinstance(s, NavigableString) and type(s) is NavigableString:
            if any(p.name in NEVER_TEXT for p in s.parents if p is not el and isinstance(p, Tag)):
                continue
            parts.append(str(s))
        elif isinstance(s, Tag) and s.name == "br":
            parts.append(" ")
    return " ".join("".join(parts).split())
