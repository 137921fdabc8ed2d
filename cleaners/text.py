"""Clean one text (a dump, or text extracted from HTML) into body and metadata.

normalise -> detect site and kind -> generic rules -> site pack -> live-blog
split -> late rules -> paragraphs. Pure: same text in, same result out.
"""
from __future__ import annotations

from dataclasses import dataclass

from cleaners import liveblog
from cleaners.detect import detect_kind, detect_site
from cleaners.model import Caption, Post, Removal, Repair, Timestamp
from cleaners.normalise import normalise_text
from cleaners.page import Page
from cleaners.paragraphs import group_paragraphs, page_looks_wrapped, repair_paragraphs, unwrap_runs
from cleaners.rules.packs import LATE, rules_for


@dataclass(frozen=True)
class TextResult:
    title: str | None
    authors: tuple[str, ...]
    byline: str | None
    published: Timestamp | None
    updated: Timestamp | None
    site: str | None
    kind: str
    body: str
    removed: tuple[Removal, ...]
    repairs: tuple[Repair, ...]
    captions: tuple[Caption, ...]
    posts: tuple[Post, ...]
    declared_posts: int | None
    video_title: str | None
    page: Page  # the working page, kept for `newsarchive inspect`


def clean_text(text: str, *, uri: str | None = None, site: str | None = None, kind: str | None = None) -> TextResult:
    norm, norm_repairs = normalise_text(text)
    site = site or detect_site(norm, uri)
    kind = kind or detect_kind(norm)
    page, posts = _run_rules(norm, site, kind, norm_repairs)
    # Judged on what survived: furniture that was dropped (a menu, "Link Copied!") must not make
    # prose look wrapped, or a kept short line would be glued to a sentence, and not on re-cleaning.
    wrapped = page_looks_wrapped(page.lines)
    if wrapped:
        # A hard-wrapped page: clean it again with each wrapped run of lines as one line, so the rules
        # see the paragraphs (and any furniture cut over two lines) as the page's own output shows them.
        unwrapped = unwrap_runs(page.lines, norm.split("\n"))
        if unwrapped is not None:
            text2, origin = unwrapped
            at = {k: j for j, (a, b) in enumerate(origin) for k in range(a, b + 1)}
            page, posts = _run_rules(text2, site, kind, [(at[n], rep) for n, rep in norm_repairs])
            page.origin = origin  # its lines' numbers in the input (`newsarchive inspect` shows those)
            wrapped = False  # its lines are unwrapped: each is a paragraph, a heading or a piece of furniture
    paragraphs, para_repairs = repair_paragraphs(group_paragraphs([ln for ln in page.live() if ln.tag is None], wrapped))
    meta = page.meta
    return TextResult(
        title=meta.title,
        authors=tuple(meta.authors),
        byline=meta.byline,
        published=meta.published,
        updated=meta.updated,
        site=site,
        kind=kind,
        body="\n\n".join(paragraphs),
        removed=page.removals(),
        repairs=page.repair_log() + tuple(para_repairs),
        captions=tuple(meta.captions),
        posts=posts,
        declared_posts=meta.declared_posts,
        video_title=meta.video_title,
        page=page,
    )


def _run_rules(norm: str, site: str | None, kind: str, norm_repairs) -> tuple[Page, tuple[Post, ...]]:
    """The rules over a normalised text: generic and site packs, live-blog split, late rules."""
    page = Page(norm, site=site, kind=kind)
    page.repairs.extend(norm_repairs)
    for rule in rules_for(site):
        rule(page)
    posts: tuple[Post, ...] = ()
    if kind == "liveblog":
        posts = liveblog.split_posts(page)
    for rule in LATE:
        rule(page)
    return page, posts
