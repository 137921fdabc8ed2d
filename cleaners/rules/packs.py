"""Rule packs: which rules run, in which order.

Metadata rules run first (they read the page's header), then removals, then
repairs. `generic` runs on every page; a site pack runs after it when the page
is detected as that site's.
"""
from __future__ import annotations

from cleaners.rules import Rule, byline, cnn, credits, date_header, dateline, inserts
from cleaners.rules import liveblog_chrome, markdown_links, nav, title

GENERIC: list[Rule] = [
    date_header.fused_date_header,
    nav.nav_block,          # before link unwrapping: link lists are a nav signature
    nav.copyright_line,
    markdown_links.markdown_link,
    dateline.dateline,
    byline.byline,
    liveblog_chrome.liveblog_counter,
    liveblog_chrome.coverage_ended_notice,
    inserts.share_widget,
    inserts.related_article_insert,
    inserts.video_title,
    inserts.stray_marker,
    inserts.ad_slot,
    inserts.newsletter_promo,
]

# Rules that must see the page after the site pack and the live-blog splitter.
LATE: list[Rule] = [
    credits.photo_credit,
    title.title,
]

SITE_PACKS: dict[str, list[Rule]] = {
    "cnn": [cnn.section_label, cnn.live_tv_badge],
}


def rules_for(site: str | None) -> list[Rule]:
    return GENERIC + SITE_PACKS.get(site or "", [])


def all_rule_names() -> list[str]:
    rules = GENERIC + LATE + [r for pack in SITE_PACKS.values() for r in pack]
    return [r.rule_name for r in rules]  # type: ignore[attr-defined]
