"""Live-blog posts found by the page's structure, for pages no site adapter knows.

The posts: a run of sibling elements (`article`, `section`, `div` or `li` under one
parent, alike in tag and first class name), at least two of which hold a heading
(h2-h4) and a paragraph. An article whose sections each have an h2 looks the same, so
the run must also be backed by two of these signs:

- the page's JSON-LD is a `LiveBlogPosting`;
- most of its elements are named as posts: a class or id word `post`, `entry`,
  `update`, `liveblog`, ..., an itemtype `BlogPosting`, a `data-post-id`;
- most of them print their own time (`<time>`, a class named time/timestamp/date, or a
  time line such as `7:04 a.m. ET` among their first blocks);
- a post counter (`14 Posts`) stands beside them.

An element whose heading links to another page is a teaser (a list of stories), not a
post; the run must hold at least a third of the page's text; when runs nest, the inner
one is the posts. No run passes: the page is left to trafilatura and the text route's
splitter, as before.

Each post becomes a `RawPost`, as the CNN adapter's do: headline (its first heading),
byline (an element named byline/author, else a `By ...` line at its top), time (the
`datetime` attribute, else the printed dateline, else a printed time of day on the
page's own date: `explicit:time+page-date`), captions (its figures), body (what is left,
minus share buttons and other named furniture).
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone

from lxml import etree

from cleaners.dates import parse_dateline, zone_for
from cleaners.html import dom
from cleaners.html.adapters import RawPost
from cleaners.html.adapters.generic import CHROME, _key
from cleaners.html.css import First
from cleaners.html.metadata import PageMeta, parse_iso
from cleaners.liveblog.posts import byline_authors
from cleaners.liveblog.structure import is_post_byline
from cleaners.liveblog.timing import TIME_ONLY, post_time_line
from cleaners.model import Removal, Timestamp
from cleaners.rules.liveblog_chrome import COUNTER

POST_TAGS = {"article", "section", "div", "li"}
HEADINGS = etree.XPath("//h2|//h3|//h4", smart_strings=False)
FIRST_HEADING = etree.XPath("(descendant::h2|descendant::h3|descendant::h4)[1]", smart_strings=False)
H1 = etree.XPath("boolean(descendant::h1)", smart_strings=False)
HAS_PROSE = etree.XPath("boolean(descendant::p[normalize-space()])", smart_strings=False)
LINKS = etree.XPath("descendant-or-self::a[@href]", smart_strings=False)
FIGURES = etree.XPath("descendant::figure", smart_strings=False)
CAPTION = First(["figcaption .caption", "figcaption [class*=caption]", "figcaption"])
CREDIT = First(["figcaption [class*=credit]", "[class*=credit]", "figcaption small"])
WORD = re.compile(r"[a-z0-9]+")
POST_WORDS = {"post", "entry", "update", "liveblog", "liveupdate", "livepost", "liveentry", "blogpost",
              "blogposting"}
POST_DATA = re.compile(r"^data-(?:post|entry|update)")
TIME_WORDS = {"time", "timestamp", "date", "datetime", "published"}
BYLINE_WORDS = {"byline", "author", "authors"}
MAX_TIME_WORDS = 10
MAX_BYLINE_WORDS = 24
MIN_SHARE_OF_TEXT = 1 / 3


def find_posts(tree, meta: PageMeta) -> list:
    """The post elements of a live blog, in page order; [] when the structure is not clear."""
    groups: dict[tuple, dict] = {}  # (parent, tag, first class) -> the elements holding a heading
    for h in HEADINGS(tree):
        for a in h.iterancestors():
            if a.tag in ("main", "body", "html"):
                break
            parent = a.getparent()
            if a.tag in POST_TAGS and parent is not None:
                groups.setdefault((parent, a.tag, _first_class(a)), {})[a] = None
    runs = []
    for (parent, tag, cls), with_heading in groups.items():
        if len(with_heading) < 2:
            continue
        members = [c for c in parent if c.tag == tag and _first_class(c) == cls]
        if _is_run(members, meta):
            runs.append(members)
    # nested runs (columns holding the posts, sections inside each post): the inner one is the posts
    inner = [r for r in runs if not any(o is not r and _contains(r, o) for o in runs)]
    if not inner:
        return []
    best = max(inner, key=lambda r: sum(dom.text_length(m) for m in r))
    page = tree.find("body")
    total = dom.text_length(tree if page is None else page) or 1
    return best if sum(dom.text_length(m) for m in best) >= MIN_SHARE_OF_TEXT * total else []


def intro_container(members: list):
    """The posts' column: the nearest element around them that is `main` or `article` or holds
    the page's `<h1>`; None when that is only `body` (the intro is then trafilatura's)."""
    for a in members[0].iterancestors():
        if a.tag in ("body", "html"):
            return None
        if a.tag in ("main", "article") or H1(a):
            return a
    return None


def read_posts(members: list, meta: PageMeta, removed: list[Removal]) -> tuple[list[RawPost], set[str]]:
    """One RawPost per element, and the texts the elements held (to drop them from the page's
    extracted text). Headline, time, byline, figures and furniture are cut out of the elements."""
    stamp = meta.published or meta.updated
    keys: set[str] = set()
    posts = []
    for el in members:
        keys.update(_key(p) for p in dom.paragraphs(el) + [dom.text_of(el)])
        post = _post(el, stamp, removed)
        if post.text.strip() or post.headline:
            posts.append(post)
    return posts, keys


def fill_times_from_ld(posts: list[RawPost], meta: PageMeta) -> None:
    """A post without a printed time takes its JSON-LD update's time, matched by headline."""
    by_headline = {}
    for u in meta.ld_updates:
        if isinstance(u.get("headline"), str):
            by_headline[" ".join(u["headline"].split())] = u.get("datePublished")
    for i, p in enumerate(posts):
        if p.published is None and p.headline in by_headline:
            posts[i] = replace(p, published=parse_iso(by_headline[p.headline], "explicit"))


def _words(el) -> set[str]:
    return set(WORD.findall(f"{el.get('class') or ''} {el.get('id') or ''}".lower()))


def _first_class(el) -> str:
    cls = (el.get("class") or "").split()
    return cls[0] if cls else ""


def _contains(run: list, other: list) -> bool:
    """Some element of `run` holds an element of `other`."""
    mine = set(run)
    return any(a in mine for a in other[0].iterancestors())


def _is_run(members: list, meta: PageMeta) -> bool:
    shaped = teasers = 0
    for m in members:
        head = FIRST_HEADING(m)
        if head and HAS_PROSE(m):
            if _links_away(head[0]):
                teasers += 1
            else:
                shaped += 1
    if shaped < 2 or teasers * 2 > len(members):
        return False
    half = len(members) / 2
    signs = [
        meta.is_liveblog,
        sum(1 for m in members if _named_post(m)) >= half,
        sum(1 for m in members if _has_time(m)) >= half,
        _counter_beside(members),
    ]
    return sum(signs) >= 2


def _links_away(head) -> bool:
    """A heading that is a link to another page (not an anchor on this one): a teaser."""
    text = len(dom.text_of(head))
    for a in LINKS(head):
        if "#" not in a.get("href", "") and len(dom.text_of(a)) * 2 >= text:
            return True
    return False


def _named_post(el) -> bool:
    if _words(el) & POST_WORDS or "blogposting" in (el.get("itemtype") or "").lower():
        return True
    return any(POST_DATA.match(name) for name in el.attrib)


def _has_time(el) -> bool:
    return _time_element(el) is not None or any(post_time_line(p) for p in dom.paragraphs(el)[:4])


def _counter_beside(members: list) -> bool:
    """A `14 Posts` line among the run's siblings, or among the blocks just above its parent."""
    parent = members[0].getparent()
    mine = set(members)
    near = [c for c in parent if c not in mine]
    prev = parent.getprevious()
    for _ in range(3):
        if prev is None:
            break
        near.append(prev)
        prev = prev.getprevious()
    return any(COUNTER.match(p) for el in near if isinstance(el.tag, str) for p in dom.paragraphs(el)[:3])


def _time_element(post):
    """The post's own time element: `<time>` or one named as a time, standing alone (not a date
    mentioned inside a sentence)."""
    for el in post.iterdescendants():
        if not isinstance(el.tag, str) or not (el.tag == "time" or _words(el) & TIME_WORDS):
            continue
        text = dom.text_of(el)
        if not (el.get("datetime") or (text and len(text.split()) <= MAX_TIME_WORDS)):
            continue
        if not any(a.tag in dom.BLOCK and len(dom.text_of(a)) > len(text) for a in _ancestors_within(el, post)):
            return el
    return None


def _ancestors_within(el, top):
    for a in el.iterancestors():
        if a is top:
            return
        yield a


def _post(el, stamp: Timestamp | None, removed: list[Removal]) -> RawPost:
    published = None
    time_el = _time_element(el)
    if time_el is not None:
        published = _time(time_el, stamp)
        dom.remove(time_el)
    head = FIRST_HEADING(el)
    headline = dom.text_of(head[0]) if head else None
    if head:
        dom.remove(head[0])
    byline = None
    for by in el.iterdescendants():
        if isinstance(by.tag, str) and (_words(by) & BYLINE_WORDS or by.get("rel") == "author"
                                        or by.get("itemprop") == "author"):
            text = dom.text_of(by)
            if text and len(text.split()) <= MAX_BYLINE_WORDS:
                byline = text
                dom.remove(by)
                break
    dom.cut([c for c in el.iterdescendants() if _is_chrome(c)], "page_chrome", removed)
    captions = []
    for fig in FIGURES(el):
        cap = dom.take_caption(fig, CAPTION, CREDIT)
        if cap is not None:
            captions.append(cap)
        dom.cut([fig], "image_caption", removed)
    paras = dom.paragraphs(el)
    if published is None:
        for i, p in enumerate(paras[:3]):
            if post_time_line(p):
                published = _printed_time(p, stamp)
                del paras[i]
                break
    if byline is None:
        for i, p in enumerate(paras[:2]):
            if is_post_byline(p):
                byline = paras.pop(i)
                break
    authors = byline_authors(byline) if byline else ()
    return RawPost(headline or None, byline, authors, published, "\n\n".join(paras), tuple(captions))


def _is_chrome(el) -> bool:
    """A share button, a form, or a block named as furniture (the generic adapter's names)."""
    if not isinstance(el.tag, str) or el.tag in dom.BLOCK:
        return False  # a paragraph is text whatever its class says
    if el.tag in ("button", "form"):
        return True
    return any(CHROME.search(t) for t in (el.get("class") or "").split() + [el.get("id") or ""] if t)


def _time(el, stamp: Timestamp | None) -> Timestamp | None:
    """The machine-readable `datetime`, unless it is only a day and the printed text has the time."""
    attr = parse_iso(el.get("datetime") or el.get("data-timestamp"), "explicit")
    if attr is not None and attr.precision != "day":
        return attr
    return _printed_time(dom.text_of(el), stamp) or attr


def _printed_time(text: str, stamp: Timestamp | None) -> Timestamp | None:
    """A printed dateline, or a time of day (`7:04 a.m. ET`) on the page's date seen in that zone."""
    text = " ".join(text.split())
    ts = parse_dateline(text)
    if ts is not None:
        return replace(ts, source=ts.source.replace("dateline", "explicit", 1), kind="published")
    m = TIME_ONLY.match(text)
    if m is None or stamp is None:
        return None
    hour, minute = int(m[1]) % 12 + (12 if m[3].lower() == "p" else 0), int(m[2])
    if int(m[1]) > 12 or minute > 59:
        return None
    tz = zone_for(m[4])
    source = "explicit:time+page-date" if tz is not None else "explicit:time+page-date:zone-unknown-assumed-UTC"
    tz = tz or timezone.utc
    day = stamp.value.date() if stamp.precision == "day" else stamp.value.astimezone(tz).date()
    return Timestamp(datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz), source, "minute")

