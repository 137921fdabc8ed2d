"""What is this input? HTML or text, which site, article or live blog.

Decided from the content (and the source URI when it names a host), never from
the file name alone.
"""
from __future__ import annotations

import re
from urllib.parse import urlparse

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(?:p|div|article|section|span|a|h1|h2|meta|script|title|br)\b[^>]*>", re.I)

CNN_MARKERS = [
    re.compile(p, re.M)
    for p in (
        r"^\(CNN(?: Business)?\)\s",
        r"Cable News Network",
        r"^Search CNN",
        r"^FOLLOW CNN",
        r"^CNN(?: [A-Za-z]+){1,2}$",
        r"^(?:From|Analysis from|Analysis by|By) CNN(?:'s|’s| Business'| Business’)? ",
        r"\bcnn\.com\b",
    )
]
LIVEBLOG_MARKERS = [
    re.compile(p, re.M | re.I)
    for p in (
        r"^\d{1,4} (?:posts?|updates?)$",
        r"^(?:this |the )?live (?:coverage|updates?|blog) (?:has|have) (?:ended|moved)",
    )
]
SEPARATOR = re.compile(r"^(?:Link Copied!?|Copy link)$", re.M | re.I)
POST_BYLINE = re.compile(r"^(?:From|Analysis from|Analysis by) [A-Z]", re.M)


def detect_format(data: bytes) -> str:
    """`html` or `text`, from the bytes themselves."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return "html"
    return "html" if len(_HTML_TAGS.findall(head)) >= 5 else "text"


def detect_site(text: str, uri: str | None = None) -> str | None:
    host = (urlparse(uri).hostname or "") if uri and "://" in uri else ""
    if host == "cnn.com" or host.endswith(".cnn.com"):
        return "cnn"
    if any(p.search(text) for p in CNN_MARKERS):
        return "cnn"
    return None


def detect_kind(text: str) -> str:
    """`liveblog` when the page carries live-blog furniture, else `article`.

    Signals: a post counter or coverage notice, or several share separators
    and post bylines. An article is never split.
    """
    if any(p.search(text) for p in LIVEBLOG_MARKERS):
        return "liveblog"
    if len(SEPARATOR.findall(text)) >= 2 and len(POST_BYLINE.findall(text)) >= 2:
        return "liveblog"
    return "article"
