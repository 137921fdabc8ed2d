"""The fallback for pages no site adapter knows: trafilatura's main-content extraction.

Figure captions are lifted out first (to `captions`, not the body), and reader
comment sections are cut (trafilatura keeps some that sit inside the article). A page
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
CAPTION = ["figcaption .caption", "figcaption [class*=caption]", "figcaption"]
CREDIT = ["figcaption [class*=credit]", "[class*=credit]", "figcaption small"]


class GenericAdapter:
    name = "generic"
    site = None

    def matches(self, soup, meta: PageMeta) -> bool:
        return True

    def extract(self, soup, meta: PageMeta, html: str) -> Extraction | None:
        import trafilatura

        removed: list[Removal] = []
        captions = []
        for fig in soup.find_all("figure"):
            if fig.find("figcaption") is None:
                continue
            cap = dom.take_caption(fig, CAPTION, CREDIT)
            if cap is not None:
                captions.append(cap)
            dom.cut(fig.find_all("figcaption"), "image_caption", removed)
        dom.cut(_comment_sections(soup), "comment_section", removed)
        posts = _ld_posts(meta)
        text = trafilatura.extract(
            str(soup), include_comments=False, include_tables=True, deduplicate=False, favor_precision=False,
        ) or ""
        paragraphs = [ln.strip() for ln in text.split("\n") if ln.strip()]
        if posts:
            # The updates are the posts: keep only intro text that is not one of them.
            post_text = "\n".join(p.text for p in posts)
            paragraphs = [p for p in paragraphs if p not in post_text]
        return Extraction(
            adapter=self.name, site=self.site, kind="liveblog" if posts else "article",
            text="\n\n".join(paragraphs), captions=tuple(captions), posts=posts, removed=tuple(removed),
        )


def _comment_sections(soup) -> list:
    def is_comments(tag) -> bool:
        tokens = list(tag.get("class") or []) + ([tag["id"]] if tag.get("id") else [])
        return tag.name not in ("html", "body", "main", "article") and any(COMMENTS.search(t) for t in tokens)

    return soup.find_all(is_comments)


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
