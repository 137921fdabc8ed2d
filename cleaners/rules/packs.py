"""Rule packs: which rules run, in which order.

Single-line furniture goes first, so that a menu run is seen whole across it
(cleaning must give the same result on its own output); then the menu runs,
link unwrapping and the byline. `generic` runs on every page; a site pack runs
after it when the page is detected as that site's; LATE rules run after the
live-blog splitter.
"""
from __future__ import annotations

from cleaners.rules import Rule, byline, cnn, credits, date_header, dateline, inserts
from cleaners.rules import link_references, liveblog_chrome, markdown, nav, title

GENERIC: list[Rule] = [
    link_references.link_references,  # a text browser's dump: its list of addresses, then
    link_references.link_reference_marker,  # the [12] before each link's text
    markdown.markdown_heading,  # the markdown syntax first: every rule after it sees the text
    markdown.markdown_quote,
    markdown.markdown_image,
    markdown.markdown_emphasis,
    date_header.fused_date_header,
    inserts.share_widget,
    nav.skip_link,
    inserts.stray_marker,
    inserts.ad_slot,
    inserts.related_article_insert,
    inserts.video_title,
    inserts.newsletter_promo,
    nav.copyright_line,
    liveblog_chrome.liveblog_counter,
    liveblog_chrome.coverage_ended_notice,
    dateline.dateline,
    nav.nav_block,  # before link unwrapping: link lists are a nav signature
    markdown.markdown_link,
    byline.byline,
]

# Rules that must see the page after the site pack and the live-blog splitter.
LATE: list[Rule] = [
    credits.photo_credit,
    # Again, now that captions are out: a byline or dateline may now fall inside the header
    # window (its prose test sees fewer paragraphs), and a menu run may now touch the page's
    # edge, once such a line under it is gone (as on a page's own output, where it is);
    # after the menu runs, the window may reach a byline or dateline further down.
    dateline.dateline,
    byline.byline,
    nav.nav_block,
    dateline.dateline,
    byline.byline,
    title.title,
]

SITE_PACKS: dict[str, list[Rule]] = {
    "cnn": [cnn.section_label, cnn.live_tv_badge],
}


def rules_for(site: str | None) -> list[Rule]:
    return GENERIC + SITE_PACKS.get(site or "", [])


def all_rule_names() -> list[str]:
    rules = GENERIC + LATE + [r for pack in SITE_PACKS.values() for r in pack]
    return list(dict.fromkeys(r.rule_name for r in rules))  # type: ignore[attr-defined]
