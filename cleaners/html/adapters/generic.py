"""The fallback for pages no site adapter knows: trafilatura's main-content extraction.

trafilatura reads the page untouched; lines of its output that are the text of
furniture found in the tree are then dropped (and audited): figure captions
(kept in `captions` instead), reader-comment sections, and blocks whose
class/id names them as newsletter, cookie, share, related or promo furniture
(trafilatura keeps some that sit inside the article). A block holding much of
the page's text never counts as furniture. A page
whose JSON-LD is a LiveBlogPosting with `liveBlogUpdate` items becomes a live
blog with one post per update.
"""
from __future__ import annotations

import re

from cleaners.html import dom
from cleaners.html.adapters import Extraction, RawPost
from cleaners.html.metadata import PageMeta, parse_iso, person_names
from cleaners.model import Removal

# A reader-comment section: a class or id token such as comments, comment-list, sf_comment_1 (not "commentary").
COMMENTS = re.compile(r"(?:^|[_-])comments?(?:[_-]|$)|^disqus", re.I)
# Page furniture that extractors keep when it sits inside the article block.
CHROME = re.compile(
    r"(?:^|[_-])(?:newsletter|subscribe|subscription|signup|sign-up|cookies?|cookiemsg|consent|gdpr|"
    r"share|sharing|sharebar|social|related|outbrain|taboola|sponsored|advert|promo|donate|donation)(?:[_-]|$)",
    re.I,
)
MAX_SHARE_OF_TEXT = 0.3  # never cut a block holding this much of the page's paragraph text
CAPTION = ["figcaption .caption", "figcaption [class*=caption]", "figcaption"]
CREDIT = ["figcaption [class*=credit]", "[class*=credit]", "figcaption small"]


class GenericAdapter:
    name = "generic"
    site = None

    def matches(self, soup, meta: PageMeta, html: str) -> bool:
        return True

    def extract(self, soup, meta: PageMeta, html: str) -> Extraction | None:
        import trafilatura

        # trafilatura reads the page as it is (cutting blocks first changes what it picks as the
        # article); what it returns is then filtered against the furniture found in the tree.
        text = trafilatura.extract(
            html, include_comments=False, include_tables=True, deduplicate=False, favor_precision=False,
        ) or ""
        furniture: dict[str, str] = {}
        captions = []
        for fig in soup.find_all("figure"):
            if fig.find("figcaption") is None:
                continue
            for block in fig.find_all("figcaption"):
                _remember(furniture, [block], "image_caption")
            cap = dom.take_caption(fig, CAPTION, CREDIT)
            if cap is not None:
                captions.append(cap)
        _remember(furniture, _comment_sections(soup), "comment_section")
        _remember(furniture, _chrome_blocks(soup), "page_chrome")
        removed: list[Removal] = []
        paragraphs = []
        for line in (ln.strip() for ln in text.split("\n")):
            if not line:
                continue
            rule = furniture.get(_key(line))
            if rule:
                removed.append(Removal(rule, line[:500]))
            else:
                paragraphs.append(line)
        posts = _ld_posts(meta)
        text = trafilatura.extract(
            str(soup), include_comments=False, include_tables=True, deduplicate=False, favor_precision=False,
        ) or ""
        if posts:
            # The updates are the posts: keep only intro text that is not one of them.
            post_text = "\n".join(p.text for p in posts)
            paragraphs = [p for p in paragraphs if p not in post_text]
        return Extraction(
            adapter=self.name, site=self.site, kind="liveblog" if posts else "article",
            text="\n\n".join(paragraphs), captions=tuple(captions), posts=posts, removed=tuple(removed),
        )


def _key(text: str) -> str:
    """Compare text blocks ignoring whitespace: extractors join inline pieces differently."""
    return re.sub(r"\s+", "", text)


def _remember(furniture: dict[str, str], blocks, rule: str) -> None:
    """Every paragraph (and the whole text) of `blocks`, as keys of lines to drop."""
    for block in blocks:
        for para in dom.paragraphs(block) + [dom.text_of(block)]:
            if len(para) >= 2:
                furniture.setdefault(_key(para), rule)


def _comment_sections(soup) -> list:
    def is_comments(tag) -> bool:
        tokens = list(tag.get("class") or []) + ([tag["id"]] if tag.get("id") else [])
        return tag.name not in ("html", "body", "main", "article") and any(COMMENTS.search(t) for t in tokens)

    return soup.find_all(is_comments)


def _chrome_blocks(soup) -> list:
    """Newsletter, cookie, share, related and promo blocks, named so by their class or id."""
    total = len(soup.get_text()) or 1

    def is_chrome(tag) -> bool:
        if tag.name in ("html", "body", "main", "article") or tag.name in dom.BLOCK:
            return False  # a paragraph is text whatever its class says (p.paywall holds the story)
        tokens = list(tag.get("class") or []) + ([tag["id"]] if tag.get("id") else [])
        return any(CHROME.search(t) for t in tokens)

    found, ids, cut_text = [], set(), 0
    for tag in soup.find_all(is_chrome):
        if any(id(a) in ids for a in tag.parents):
            continue  # inside a block already taken
        n = len(tag.get_text())
        if n <= MAX_SHARE_OF_TEXT * total:
            found.append(tag)
            ids.add(id(tag))
            cut_text += n
    # Together the blocks must stay furniture-sized too, else the class names were not what they seemed.
    return found if cut_text <= MAX_SHARE_OF_TEXT * total else []


def _ld_posts(meta: PageMeta) -> tuple[RawPost, ...]:
    posts = []
    for u in meta.ld_updates:
        body = u.get("articleBody") or u.get("text") or ""
        if not isinstance(body, str) or not body.strip():
            continue
        published = parse_iso(u.get("datePublished"), "explicit")
        author = u.get("author")
        posts.append(RawPost(
            headline=u.get("headline") if isinstance(u.get("headline"), str) else None,
            byline=None, authors=person_names(author) if author else (), published=published,
            text="\n\n".join(p.strip() for p in body.split("\n") if p.strip()),
        ))
    return tuple(posts)
