"""CNN pages: the story container, minus inserts, captions, video and ad slots; live blogs as posts.

Covers the layouts CNN has served: `article__content` (2022-), `zn-body__paragraph`
(2014-2022) and `cnn_strycntntlft` (before 2014). Chosen when the canonical
or og:url host is cnn.com, the page names CNN as its site, or the markup is
one of those layouts. Live blogs: one post per post container, each with its
own printed timestamp (`12:47 p.m. ET, January 28, 2022`), headline, byline
and captions; JSON-LD `liveBlogUpdate` fills in when the markup has no posts.
"""
from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlparse

from lxml import etree

from cleaners.dates import parse_dateline
from cleaners.html import dom
from cleaners.html.css import First, Groups, Select
from cleaners.html.adapters import Extraction, RawPost
from cleaners.html.adapters.liveblog import fill_times_from_ld
from cleaners.html.metadata import PageMeta, parse_iso
from cleaners.model import Caption, Removal, Timestamp
from cleaners.rules.byline import split_names

ZONE = "America/New_York"  # CNN prints ET

# Selector lists, parsed once (css.Select: every match in document order; css.First: the first match
# of the first selector that matches; css.Groups: several named lists answered in one pass).
BODY = Select([".article__content", "[itemprop=articleBody]", "section#body-text", ".zn-body-text",
               "[class*=cnn_strycntnt]", "article"])
BODY_TEXT = Select(["p", "div.zn-body__paragraph"])
MIN_BODY_CHARS = 200  # less than this in the best container: not a layout we know, use the generic path
LAYOUT_RE = re.compile(r"article__content|zn-body__paragraph|cnn_strycntntlft|live-story-post|content=[\"']?CNN\b")
LAYOUT_MARKERS = First([".article__content", ".zn-body__paragraph", ".cnn_strycntntlft", ".live-story-post",
                        "meta[name=source][content=CNN]"])
JUNK = {
    "related_article_insert": [".related-content", "[data-component-name=related-content]", ".zn-body__read-more",
                               ".el__storyelement--standard", ".el__embedded--standard", ".cnn_strylftcntnt",
                               ".cnnStoryElementBox", "[class*=related-article]", "[class*=related-link]",
                               ".cn-list-hierarchical-xs", ".story-related"],
    "video_block": [".video-resource", "[data-component-name=video-resource]", ".media__video", ".el__video",
                    "[class*=video-inline]", "[class*=video-player]", ".cnn_stryvideo", "video",
                    "[class*=video-resource]", "[class*=video__]", ".cnnplayer", ".cnnVidFooter"],
    "ad_or_newsletter_slot": ["[class*=ad-slot]", "[class*=ad-feedback]", "[class*=newsletter]", ".OUTBRAIN",
                              "[class*=outbrain]", "[class*=bizdev]", "[class*=taboola]", "[class*=cnn_adspc]",
                              ".cnn_adtitle", "[id^=ad_]", ".ad", "[class*=sponsor]", "[class*=zn-body__footer]",
                              ".fb-send-to-messenger-container"],
    "share_widget": ["[class*=social-share]", "[class*=share-bar]", "[class*=sharebar]", "[class*=share-button]",
                     ".cnn_strybtntools", "[class*=gallery__nav]", ".cnnArticleGalleryNav"],
    "source_dateline": [".source", ".cnn_strycntntlft .cnnBlogSource"],
}
IMAGE = [".image", "figure", "[class*=el__image]", ".media__image", ".cnnArticleGalleryPhotoContainer",
         "[class*=cnn_stryimg]", "[class*=image__container]", "[class*=gallery-inline]"]
CAPTION = First([".image__caption", "figcaption", ".media__caption", ".el__storyelement__title",
                 ".cnn_strycaptiontxt", "[class*=caption]", "cite"])
LOOSE_CAPTION = [".image__caption", "figcaption", ".media__caption"]  # outside any image block
# what is left of a gallery once its images and captions are out (titles, counters, "HIDE CAPTION")
GALLERY_CHROME = [".cnn_html_slideshow", "[class*=gallery]", "[class*=slideshow]", "[class*=carousel]"]
# Everything `_strip` looks for, found in one pass before it cuts anything; what an earlier cut took
# with it is skipped (dom.attached), which is what searching again after each cut would give.
FURNITURE = Groups({**JUNK, "image": IMAGE, "loose_caption": LOOSE_CAPTION, "gallery_chrome": GALLERY_CHROME})
CREDIT = First([".image__credit", "[class*=credit]", ".cnn_strycaptioncredit"])
BYLINE = First([".byline__names", ".metadata__byline", ".byline", "[class*=byline]"])
NAV = Select(["nav", "footer", "[role=navigation]", "[class*=header__nav]"])
POST_SELECTORS = ["[data-post-id]", "article.live-story-post", ".live-story-post", "article[data-type=post]",
                  ".post-content", "article.post", ".live-post"]
POSTS = Groups({s: [s] for s in POST_SELECTORS})  # each selector's matches, in one pass; tried in this order
LIVE_HINTS = ("data-post-id", "live-story-post", 'data-type="post"', "post-content", "live-post", "LiveBlogPosting")
POST_HEADLINE = First(["[class*=headline]", "h2", "h3"])
POST_BYLINE = First(["[class*=byline]", "[data-type=byline]"])
POST_TIME = First(["[class*=timestamp]", "[data-type=timestamp]", "time"])
OG_URL = etree.XPath("(//meta[@property='og:url'])[1]/@content", smart_strings=False)
FIRST_MAIN = etree.XPath("(//main)[1]", smart_strings=False)
FIRST_BODY = etree.XPath("(//body)[1]", smart_strings=False)
TIME_WITH_DATETIME = etree.XPath("descendant::time[@datetime][1]", smart_strings=False)
HEADLINES = etree.XPath("descendant::h1", smart_strings=False)
TITLE_SUFFIX_SEPARATORS = (" - ", " | ", " – ", " — ")  # "Headline - CNNPolitics.com", "Headline - Nov. 29, 2016"
BYLINE_TEXT = re.compile(r"^(?:From|By|Analysis from|Analysis by|Reporting by)\s+(?:CNN(?:'s|’s| Business'|’s)?\s+)?(.+)$")
PLACE_SUFFIX = re.compile(r"\s+(?:in|from|at|reporting from)\s+[A-Z][\w .,'’-]*$")
COUNTER = re.compile(r"^(\d{1,4}) (?:posts?|updates?)$", re.I)


class CnnAdapter:
    name = "cnn"
    site = "cnn"

    def matches(self, tree, meta: PageMeta, html: str) -> bool:
        for url in (meta.canonical_url, _og_url(tree)):
            host = (urlparse(url).hostname or "") if url else ""
            if host == "cnn.com" or host.endswith(".cnn.com"):
                return True
        if meta.site_name and re.match(r"^CNN\b", meta.site_name):
            return True
        # layout class names: a plain substring test first, the markup search only if one occurs
        return LAYOUT_RE.search(html) is not None and LAYOUT_MARKERS(tree) is not None

    def extract(self, tree, meta: PageMeta, html: str) -> Extraction | None:
        removed: list[Removal] = []
        live_url = "/live-news/" in (meta.canonical_url or "")
        maybe_live = meta.is_liveblog or live_url or any(m in html for m in LIVE_HINTS)
        posts_els = _post_elements(tree, meta) if maybe_live else []
        if posts_els or (meta.is_liveblog and meta.ld_updates):
            return self._liveblog(tree, meta, posts_els, removed)
        body = _body_container(tree)
        if body is None and (meta.is_liveblog or live_url):
            # A live blog in markup we do not know: hand its whole main text to the text route,
            # whose rules and live-blog splitter read it as they read a dump of the page.
            body = (FIRST_MAIN(tree) or FIRST_BODY(tree) or [None])[0]
            if body is None:
                return None
            dom.cut(NAV(body), "nav_block", removed)
            captions = _strip(body, removed)
            paras = [p for p in dom.paragraphs(body) if p != meta.title]
            return Extraction(self.name, self.site, "article", "\n\n".join(paras), tuple(captions), (),
                              tuple(removed))
        if body is None:
            return None
        _cut_headline(body, meta.title, removed)
        captions = _strip(body, removed)
        text = "\n\n".join(dom.paragraphs(body))
        byline_el = BYLINE(tree)
        byline = dom.text_of(byline_el) if byline_el is not None else None
        return Extraction(self.name, self.site, "article", text, tuple(captions), (), tuple(removed),
                          byline=byline or None)

    def _liveblog(self, tree, meta: PageMeta, posts_els, removed: list[Removal]) -> Extraction:
        container = _post_container(posts_els[0]) if posts_els else _body_container(tree)
        raw_posts = [_post(el, removed) for el in posts_els]
        raw_posts = [p for p in raw_posts if p.text.strip()]
        if not raw_posts and meta.ld_updates:
            from cleaners.html.adapters.generic import _ld_posts

            raw_posts = list(_ld_posts(meta))
        fill_times_from_ld(raw_posts, meta)
        for el in posts_els:
            dom.remove(el)
        intro: list[str] = []
        declared = None
        captions: list[Caption] = []
        if container is not None:
            captions = _strip(container, removed)
            for para in dom.paragraphs(container):
                m = COUNTER.match(para)
                if m:
                    declared = int(m[1])
                    removed.append(Removal("liveblog_counter", para))
                elif meta.title and para == meta.title:
                    continue  # the headline: the title rule records it once
                else:
                    intro.append(para)
        return Extraction(self.name, self.site, "liveblog", "\n\n".join(intro), tuple(captions), tuple(raw_posts),
                          tuple(removed), declared_posts=declared)


def _body_container(tree):
    """The candidate container holding the most paragraph text (sidebars share class names)."""
    best, best_len = None, 0
    for el in BODY(tree):
        n = sum(dom.text_length(p) for p in BODY_TEXT(el))
        if n > best_len:
            best, best_len = el, n
    return best if best_len >= MIN_BODY_CHARS else None


def _cut_headline(body, title: str | None, removed: list[Removal]) -> None:
    """The page's <h1> inside the story container, when it is the metadata title (that goes to `title`).

    Compared with whitespace and case folded; the title may add a suffix after a separator
    ("Why X won't change - CNNPolitics.com")."""
    if not title:
        return
    t = " ".join(title.split()).casefold()
    heads = [h for h in HEADLINES(body) if _is_title(" ".join(dom.text_of(h).split()).casefold(), t)]
    dom.cut(heads, "headline", removed)


def _is_title(head: str, title: str) -> bool:
    return bool(head) and (head == title or any(title.startswith(head + sep) for sep in TITLE_SUFFIX_SEPARATORS))


def _og_url(tree) -> str | None:
    found = OG_URL(tree)
    return found[0] if found else None


def _post_container(post):
    """Where the posts live: their <main>, else the first post's parent."""
    for a in post.iterancestors("main"):
        return a
    return post.getparent()


def _strip(root, removed: list[Removal]) -> list[Caption]:
    """Cut furniture out of `root`; return the captions of the images cut."""
    found = FURNITURE(root)
    for rule in JUNK:
        dom.cut(found[rule], rule, removed)
    captions: list[Caption] = []
    for img in found["image"]:
        if not dom.attached(img):
            continue  # inside an image block already taken
        cap = dom.take_caption(img, CAPTION, CREDIT)
        if cap is not None:
            captions.append(cap)
        dom.cut([img], "image_caption", removed)
    # caption elements outside any image block
    for el in found["loose_caption"]:
        if dom.attached(el):
            captions.append(Caption(dom.text_of(el) or None, None))
            dom.cut([el], "image_caption", removed)
    dom.cut(found["gallery_chrome"], "gallery_chrome", removed)
    return captions


def _post_elements(tree, meta: PageMeta) -> list:
    found = POSTS(tree)
    for sel in POST_SELECTORS:
        els = found[sel]
        # outermost matches only: a post never contains another post
        ids = set(els)
        els = [e for e in els if not any(a in ids for a in e.iterancestors())]
        if len(els) >= 2 or (els and meta.is_liveblog):
            return els
    return []


def _post(el, removed: list[Removal]) -> RawPost:
    published = None
    time_el = POST_TIME(el)
    if time_el is not None:
        published = _post_time(time_el)
        dom.remove(time_el)
    head_el = POST_HEADLINE(el)
    headline = dom.text_of(head_el) if head_el is not None else None
    if head_el is not None:
        dom.remove(head_el)
    byline = None
    by_el = POST_BYLINE(el)
    if by_el is not None:
        byline = dom.text_of(by_el) or None
        dom.remove(by_el)
    captions = _strip(el, removed)
    paras = dom.paragraphs(el)
    if published is None:
        for i, p in enumerate(paras[:3]):
            ts = parse_dateline(p, default_zone=ZONE)
            if ts is not None:
                published = replace(ts, source="explicit")
                del paras[i]
                break
    if byline is None:
        for i, p in enumerate(paras[:2]):
            if BYLINE_TEXT.match(p) and len(p.split()) <= 20:
                byline = paras.pop(i)
                break
    authors = ()
    if byline:
        m = BYLINE_TEXT.match(byline)
        names = m[1] if m else byline
        authors = tuple(split_names(PLACE_SUFFIX.sub("", names)))
    return RawPost(headline or None, byline, authors, published, "\n\n".join(paras), tuple(captions))


def _post_time(el) -> Timestamp | None:
    """The post's own time: the printed one (CNN prints ET), else the machine-readable attribute."""
    ts = parse_dateline(dom.text_of(el), default_zone=ZONE)
    if ts is not None:
        return replace(ts, source="explicit", kind="published")
    attr = el.get("datetime") or el.get("data-timestamp") or ""
    ts = parse_iso(attr, "explicit")
    if ts is None:
        inner = TIME_WITH_DATETIME(el)
        ts = parse_iso(inner[0].get("datetime"), "explicit") if inner else None
    return ts
