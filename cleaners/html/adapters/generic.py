"""The fallback for pages no site adapter knows: trafilatura's main-content extraction.

trafilatura reads the page untouched (our parsed tree, which it copies, so the
page is parsed once), once per page; lines of its output that are the text of
furniture found in the tree are then dropped (and audited): figure captions
(kept in `captions` instead), reader-comment sections, and blocks whose
class/id names them as newsletter, cookie, share, related or promo furniture
(trafilatura keeps some that sit inside the article). A block holding much of
the page's text never counts as furniture, and prose that furniture repeats (a
share flyout quoting the lead) stays when the page has it outside furniture too.

Live blogs: posts found by the page's structure (`liveblog.py`: a run of sibling
elements with a heading and paragraphs each, backed by live-blog signs) become
one post each, and the rest of the extracted text is the page's intro; without
them, a JSON-LD LiveBlogPosting's `liveBlogUpdate` items are the posts.
"""
from __future__ import annotations

import re

from lxml import etree

from cleaners.html import dom
from cleaners.html.adapters import Extraction, RawPost
from cleaners.html.css import First
from cleaners.html.metadata import PageMeta, parse_iso, person_names
from cleaners.model import Removal
from cleaners.shapes import ends_sentence

# A reader-comment section: a class or id token such as comments, comment-list, sf_comment_1 (not "commentary").
COMMENTS = re.compile(r"(?:^|[_-])comments?(?:[_-]|$)|^disqus", re.I)
# Page furniture that extractors keep when it sits inside the article block.
CHROME = re.compile(
    r"(?:^|[_-])(?:newsletter|subscribe|subscription|signup|sign-up|cookies?|cookiemsg|consent|gdpr|"
    r"share|sharing|sharebar|social|related|outbrain|taboola|sponsored|advert|promo|donate|donation)(?:[_-]|$)",
    re.I,
)
# Furniture that repeats the article's prose (a share flyout quoting the lead) loses none of it: a line
# of at least this many words that ends like a sentence and is also on the page outside furniture stays.
REPEATED_PROSE_WORDS = 8
MAX_SHARE_OF_TEXT = 0.3  # never cut a block holding this much of the page's paragraph text
CAPTION = First(["figcaption .caption", "figcaption [class*=caption]", "figcaption"])
CREDIT = First(["figcaption [class*=credit]", "[class*=credit]", "figcaption small"])
FIGURES = etree.XPath("//figure", smart_strings=False)
FIGCAPTIONS = etree.XPath("descendant::figcaption", smart_strings=False)
NAMED = etree.XPath("//*[@class or @id]", smart_strings=False)  # candidates for comment/chrome blocks
NOT_FURNITURE = {"html", "body", "main", "article"}


class GenericAdapter:
    name = "generic"
    site = None

    def matches(self, tree, meta: PageMeta, html: str) -> bool:
        return True

    def extract(self, tree, meta: PageMeta, html: str) -> Extraction | None:
        from cleaners.html.adapters import liveblog  # it imports this module's names

        # A live blog's posts, found by the page's structure (nothing is cut yet); its intro is then
        # the text around them in their column, not trafilatura's pick (which may drop it).
        post_els = liveblog.find_posts(tree, meta)
        column = liveblog.intro_container(post_els) if post_els else None
        lines = None if column is None else dom.paragraphs(column, skip=set(post_els))
        if lines is None:
            import trafilatura

            # trafilatura reads the page as it is (cutting blocks first changes what it picks as the
            # article), and before anything here changes the tree; it works on its own copy. A page
            # that is not a whole document it would parse into a fragment: it gets the string then.
            lines = (trafilatura.extract(
                tree if dom.is_full_document(html) else html,
                include_comments=False, include_tables=True, deduplicate=False, favor_precision=False,
            ) or "").split("\n")
        removed: list[Removal] = []
        posts, post_keys = liveblog.read_posts(post_els, meta, removed) if post_els else ([], set())
        furniture: dict[str, str] = {}
        blocks: set = set()  # the furniture elements
        captions = []
        for fig in FIGURES(tree):
            figcaptions = FIGCAPTIONS(fig)  # asked now: a credit taken from an earlier figure may have held one
            if not figcaptions:
                continue
            _remember(furniture, blocks, figcaptions, "image_caption")
            cap = dom.take_caption(fig, CAPTION, CREDIT)
            if cap is not None:
                captions.append(cap)
        named = [(el, _tokens(el)) for el in NAMED(tree)]
        _remember(furniture, blocks, _comment_sections(named), "comment_section")
        _remember(furniture, blocks, _chrome_blocks(tree, named), "page_chrome")
        paragraphs = []
        outside = None  # keys of the page's paragraphs outside furniture: read once, when first needed
        for line in (ln.strip() for ln in lines):
            if not line:
                continue
            key = _key(line)
            if key in post_keys:
                continue  # a post's text: it is in that post
            rule = furniture.get(key)
            if rule and len(line.split()) >= REPEATED_PROSE_WORDS and ends_sentence(line):
                # Prose that furniture repeats (a share widget quoting the lead) is dropped only when
                # the page has it nowhere else.
                if outside is None:
                    page = tree.find("body")
                    outside = {_key(p) for p in dom.paragraphs(tree if page is None else page, skip=blocks)}
                if key in outside:
                    rule = None
            if rule:
                removed.append(Removal(rule, line[:500]))
            else:
                paragraphs.append(line)
        if posts:
            liveblog.fill_times_from_ld(posts, meta)
        else:
            posts = list(_ld_posts(meta))
            if posts:
                # The updates are the posts: keep only intro text that is not one of them.
                post_text = "\n".join(p.text for p in posts)
                paragraphs = [p for p in paragraphs if p not in post_text]
        return Extraction(
            adapter=self.name, site=self.site, kind="liveblog" if posts else "article",
            text="\n\n".join(paragraphs), captions=tuple(captions), posts=tuple(posts), removed=tuple(removed),
        )


def _key(text: str) -> str:
    """Compare text blocks ignoring whitespace: extractors join inline pieces differently."""
    return "".join(text.split())  # str.split's whitespace is re's \s


def _remember(furniture: dict[str, str], taken: set, blocks, rule: str) -> None:
    """Every paragraph (and the whole text) of `blocks`, as keys of lines to drop; the blocks into `taken`."""
    for block in blocks:
        taken.add(block)
        for para in dom.paragraphs(block) + [dom.text_of(block)]:
            if len(para) >= 2:
                furniture.setdefault(_key(para), rule)


def _tokens(el) -> list[str]:
    """Class names and the id of an element (what names it as furniture)."""
    tokens = (el.get("class") or "").split()
    ident = el.get("id")
    return tokens + [ident] if ident else tokens


def _comment_sections(named) -> list:
    return [el for el, tokens in named
            if el.tag not in NOT_FURNITURE and any(COMMENTS.search(t) for t in tokens)]


def _chrome_blocks(tree, named) -> list:
    """Newsletter, cookie, share, related and promo blocks, named so by their class or id."""
    total = dom.text_length(tree) or 1
    found, taken, cut_text = [], set(), 0
    for el, tokens in named:
        if el.tag in NOT_FURNITURE or el.tag in dom.BLOCK:
            continue  # a paragraph is text whatever its class says (p.paywall holds the story)
        if not any(CHROME.search(t) for t in tokens):
            continue
        if any(a in taken for a in el.iterancestors()):
            continue  # inside a block already taken
        n = dom.text_length(el)
        if n <= MAX_SHARE_OF_TEXT * total:
            found.append(el)
            taken.add(el)
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
