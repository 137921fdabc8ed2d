"""Small lxml helpers the adapters share: parse, cut out (with audit), caption, paragraphs.

The page is parsed once with lxml's HTML parser, set up as trafilatura sets
up its own (comments and processing instructions dropped), so that the same
tree can be handed to trafilatura without a second parse. Adapters cut page
furniture out of the tree (recording a `Removal` for each cut; the text after
a cut element stays in place) and then read the rest as paragraphs, one per
block element.

Page text (`text_of`, `get_text`, `text_length`) is `pagetext.py`'s, re-exported
here; `strip_inert` (scripts and styles out before parsing) is `inert.py`'s.
"""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

from cleaners.html.css import First
from cleaners.html.inert import strip_inert
from cleaners.html.pagetext import CODE, any_of, get_text, plain_text, text_length, text_of, texts
from cleaners.model import Caption, Removal

__all__ = ["BLOCK", "CONTAINER", "NEVER_TEXT", "PARSER", "attached", "clean_credit", "cut", "get_text",
           "is_full_document", "paragraphs", "parse", "remove", "repair", "strip_inert", "take_caption",
           "text_length", "text_of", "texts"]

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "tr", "figcaption"}
CONTAINER = {"div", "section", "article", "main", "ul", "ol", "dl", "table", "tbody", "thead", "figure",
             "header", "footer", "aside", "body", "html", "form", "center", "font", "td"}
NEVER_TEXT = {"script", "style", "noscript", "template", "svg", "iframe", "button", "input", "select",
              "textarea", "video", "audio", "object", "embed", "canvas", "picture", "img", "source", "link", "meta"}
_CREDIT_LABEL = re.compile(r"^(?:photo|image|credit|photograph|photos)\s*(?:credit)?\s*:\s*", re.I)


_NO_BLOCK_TEXT = frozenset(NEVER_TEXT | {"rt", "rp"})
_NO_PLAIN_BLOCK = _NO_BLOCK_TEXT | {"br"}
_HAS_BLOCK_TAGS = frozenset(BLOCK | {"div", "section", "article"})
# The exact (slower) reading of a block, for the rare one with NEVER_TEXT or ruby inside or around it.
_BLOCK_PARTS = etree.XPath("descendant::text()[not(ancestor::*[%s])] | descendant::br" % any_of(_NO_BLOCK_TEXT),
                           smart_strings=False)


# The parser settings trafilatura uses, and the two repairs it makes before parsing (trafilatura.utils.load_html):
# control characters out, and a DOCTYPE on the first line dropped (an lxml/libxml2 bug, lxml #1955915).
# Every element is an lxml.html.HtmlElement, as trafilatura requires of a tree it is given, but chosen
# in C: lxml.html's own per-tag lookup is a Python call for every element object Python touches,
# which tripled the cost of walking a tree.
PARSER = etree.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                          remove_comments=True, remove_pis=True)
PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(element=lxml.html.HtmlElement,
                                                                 comment=lxml.html.HtmlComment))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DOCTYPE = re.compile(r"^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.I)
_FULL_DOCUMENT = re.compile(r"^\s*<(?:html|!doctype)", re.I)  # lxml.html.fromstring's own test


def repair(html: str) -> str:
    """What trafilatura does to a page before parsing it, so both parse the same string."""
    html = _CONTROL.sub("", html)
    if "doctype" in html[:50].lower():
        first_line, nl, rest = html.partition("\n")
        html = _DOCTYPE.sub("", first_line, count=1) + "\n" + rest
    return html


def parse(html: str):
    """The page as an lxml tree (its <html> element); never fails, an empty page is an empty tree."""
    html = repair(html)
    try:
        return lxml.html.document_fromstring(html, parser=PARSER)
    except ValueError:  # a str with an XML encoding declaration: lxml wants bytes
        try:
            return lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=PARSER)
        except (ValueError, etree.ParserError):
            pass
    except etree.ParserError:  # "Document is empty"
        pass
    return lxml.html.document_fromstring("<html><body></body></html>", parser=PARSER)


def is_full_document(html: str) -> bool:
    """trafilatura parses a string like this into the same tree as `parse` (else into a fragment)."""
    return _FULL_DOCUMENT.match(repair(html[:4096])) is not None


def remove(el) -> None:
    """Take `el` out of the tree; the text that followed it stays where it was."""
    if el.getparent() is not None:
        el.drop_tree()


def cut(nodes, rule: str, removed: list[Removal]) -> None:
    """Take `nodes` out of the tree, recording their text under `rule`."""
    for node in list(nodes):
        if not attached(node):
            continue  # already cut with an ancestor
        t = text_of(node)
        if t:
            removed.append(Removal(rule, t[:500]))
        remove(node)


def attached(node) -> bool:
    """Still in the document (not inside a subtree that was cut out)."""
    top = node
    for top in node.iterancestors():
        pass
    return top.tag == "html" and top.getparent() is None


def take_caption(figure, caption: First, credit: First) -> Caption | None:
    """Caption and credit of one image block, read before the block is cut."""
    credit_el = credit(figure)
    credit_text = clean_credit(text_of(credit_el)) if credit_el is not None else None
    if credit_el is not None:
        remove(credit_el)
    cap_el = caption(figure)
    caption_text = text_of(cap_el) if cap_el is not None else None
    if caption_text and credit_text and caption_text.endswith(credit_text):
        caption_text = caption_text[: -len(credit_text)].rstrip(" |-–—")
    if not caption_text and not credit_text:
        return None
    return Caption(caption_text or None, credit_text or None)


def clean_credit(text: str) -> str | None:
    t = _CREDIT_LABEL.sub("", text.strip()).strip()
    return t or None


def paragraphs(root, skip=frozenset()) -> list[str]:
    """One string per block of text under `root`, in document order.

    A block element is one paragraph; loose inline text between blocks is
    gathered into its own paragraph, and `<br><br>` splits such a run.
    Elements in `skip` (a set of elements) are read as if they were not
    there; the text after one (its tail) is still read, and a block holding
    one is read around it.
    """
    out: list[str] = []
    run: list[str] = []
    holders = {a for el in skip for a in el.iterancestors()} if skip else skip

    def flush() -> None:
        t = " ".join("".join(run).split())
        if t:
            out.append(t)
        run.clear()

    def visit(el, exact: bool, own: bool) -> None:
        # exact: a block here may have a NEVER_TEXT (or ruby) ancestor, so its text is read the slow way;
        # own: the loose text here is page text (no code or ruby element at or above `el`)
        if el.text and own:
            run.append(el.text)
        for child in el:
            name = child.tag
            if not isinstance(name, str) or name in NEVER_TEXT or (skip and child in skip):
                pass  # a comment, no text of the page, or left out by the caller
            elif name == "br":
                run.append("\n")
                if run[-2:] == ["\n", "\n"] or (len(run) >= 2 and not "".join(run[-3:-1]).strip()):
                    flush()
            elif holders and child in holders:  # holds an element to leave out: read around it
                inline = name not in BLOCK and name not in CONTAINER and not _has_block(child)
                if not inline:
                    flush()
                visit(child, exact or name in _NO_BLOCK_TEXT, own and name not in CODE)
                if not inline:
                    flush()
            elif name in BLOCK:
                flush()
                t = _block_text(child, exact)
                if t:
                    out.append(t)
            elif name in CONTAINER or _has_block(child):
                flush()
                visit(child, exact or name in _NO_BLOCK_TEXT, own and name not in CODE)
                flush()
            else:
                run.append(get_text(child))
            if child.tail and own:
                run.append(child.tail)
        # a container's trailing inline text stays in the run; the caller flushes

    above = [a.tag for a in root.iterancestors()] + [root.tag]
    visit(root, any(t in _NO_BLOCK_TEXT for t in above), not any(t in CODE for t in above))
    flush()
    return out


def _has_block(el) -> bool:
    for d in el.iterdescendants():
        if d.tag in _HAS_BLOCK_TAGS:
            return True
    return False


def _block_text(el, exact: bool) -> str:
    """A block's text; nested blocks (a list inside a list item) stay on one line; <br> is a space.

    Text under a NEVER_TEXT (or ruby) element is not the block's, nor is any if the block sits
    under one (`exact` says it may)."""
    if exact or any(d.tag in _NO_PLAIN_BLOCK for d in el.iter()):
        text = "".join(p if isinstance(p, str) else " " for p in _BLOCK_PARTS(el))
    else:
        text = plain_text(el)
    return " ".join(text.split())
