"""Navigation menus, footers and the lines that only ever live in them.

- nav_block: a run of menu-shaped lines (`US`, `World`, `- Tech`,
  `- [Terms of Use](#)`, `Search CNN...`, `FOLLOW CNN POLITICS`). Dropped when
  the run reaches the end or start of the page (two lines are enough there), or
  when it is long anywhere (six lines). One or two such lines at the very top stay
  (a title and its kicker; a byline above them does not count), unless the page's byline stands right under the line
  after them: then that line is the headline and they are the masthead. A list introduced by a line ending in
  `:` is the article's own list and stays.
  Photo credits (removed later, once live blogs are split) are looked through.
  A row of nav words is a menu line that counts twice (so alone at an edge it is
  dropped, and it is never taken for a title): three or more short capitalised
  items between bars or dots (`Home | News | Sport | Business`).
- copyright_line: `© 2021 ...`, `Copyright 2021 ...`, `... All Rights Reserved`,
  trademark lines: never prose, dropped anywhere. A line that merely starts with the
  word "Copyright" or with "(c)" is a notice only when a year or © follows, when it
  has a rights/trademark phrase, or when it is short (≤ 6 words), capitalised, and the
  words after "Copyright" read as a name (`Copyright The Associated Press`, not
  `Copyright infringement is a crime.`). A line that a hard-wrapped sentence goes on
  from (it stops mid-sentence, the next line goes on in lower case) is prose.
- skip_link: an accessibility link printed as text (`Skip to main content`, `Jump to
  navigation`): dropped anywhere.
"""
from __future__ import annotations

import re

from cleaners.page import Line, Page, per_line
from cleaners.rules import line_rule, rule
from cleaners.rules.byline import parse_byline
from cleaners.rules.credits import credit_text
from cleaners.shapes import ends_sentence, folds_like_lower, is_title_case_words, starts_lowercase, words

LINK_ITEM = re.compile(r"^(?:[-*•·]\s*)?(?:\[[^\[\]\n]+\]\([^()\s]*\)\s*+[|·•,]?\s*+)+$")  # possessive: linear
LIST_PREFIX = re.compile(r"^[-*•·]\s+")
SEARCH_PROMPT = re.compile(r"^search\b.{0,40}?(?:\.\.\.|…)?$", re.I)
SKIP_LINK = re.compile(r"^(?:skip|jump) to (?:the )?(?:main |page |primary )?(?:content|navigation|nav|menu|search|footer|article|story)\b\W*$", re.I)
FOLLOW_PROMPT = re.compile(r"^(?:follow|follow us|subscribe|sign up|sign in|log in|newsletters?)\b", re.I)
COPYRIGHT = re.compile(r"(?:^(?:©|\(c\)|copyright\b))|all rights reserved|™", re.I)

EDGE_RUN = 2
ANYWHERE_RUN = 6


@per_line  # asked of each line by copyright_line and by is_menu_line
def has_copyright(t: str) -> bool:
    """`COPYRIGHT.search(t) is not None`, without the regex scan on ordinary lines (a hot path)."""
    if "\u2122" in t:  # ™ matches anywhere (it has no case)
        return True
    if not folds_like_lower(t):
        return COPYRIGHT.search(t) is not None
    low = t.lower()
    if "all rights reserved" in low:
        return True
    return low.startswith(("\u00a9", "(c)", "copyright")) and COPYRIGHT.match(t) is not None


def _at_most_5_words(t: str) -> bool:
    return len(t.split(None, 5)) <= 5  # = len(words(t)) <= 5, without splitting a whole paragraph


_LINK_START = frozenset("[-*•·")  # LINK_ITEM's first character
_LIST_START = frozenset("-*•·")  # LIST_PREFIX's
_PROMPT_START = frozenset("sSſfFlLnN")  # SEARCH_PROMPT's and FOLLOW_PROMPT's, re.I folds included


@per_line
def is_menu_line(text: str) -> bool:
    t = text.strip()
    first = t[:1]
    if (first in _LINK_START and LINK_ITEM.match(t)) or _is_copyright_line(t):
        return True
    if first in _PROMPT_START and (SEARCH_PROMPT.match(t) or (FOLLOW_PROMPT.match(t) and not t.endswith("."))) \
            and _at_most_5_words(t):
        return True
    if t.isupper() and len(words(t)) <= 5 and "/" not in t and "." not in t:
        return True
    if ("|" in t or "·" in t or "•" in t) and _is_nav_row(t):
        return True
    return is_title_case_words(LIST_PREFIX.sub("", t) if first in _LIST_START else t, 3)


_ROW_SEPARATOR = re.compile(r"\s*[|·•]\s*")


def _is_nav_row(t: str) -> bool:
    """`Home | News | Sport | Business`: three or more items, each 1-3 capitalised words."""
    items = _ROW_SEPARATOR.split(t.strip(" |·•"))
    return len(items) >= 3 and all(is_title_case_words(item, 3) for item in items)


def _runs(lines: list[Line]) -> list[list[int]]:
    """Index runs (into `lines`) of consecutive menu-shaped live lines.

    """
    runs, cur = [], []
    for i, ln in enumerate(lines):
        if is_menu_line(ln.text):
            cur.append(i)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


@rule("nav_block")
def nav_block(page: Page) -> None:
    live = [ln for ln in page.live() if credit_text(ln.text) is None]
    for run in _runs(live):
        at_edge = run[0] == 0 or run[-1] == len(live) - 1
        size = len(run) + sum(1 for i in run if _is_nav_row(live[i].text))  # a row of nav words is a menu itself
        if size < (EDGE_RUN if at_edge else ANYWHERE_RUN):
            continue
        before = live[run[0] - 1].text.rstrip() if run[0] > 0 else ""
        if before.endswith(":"):
            continue  # "The list:" followed by items is content
        if at_edge and len(run) < 3 and _at_top(live, run[0]) and not _headline_under(page, live, run[-1] + 1) \
                and not any(_is_nav_row(live[i].text) for i in run):
            continue  # two short lines at the very top are usually title + kicker
        for i in run:
            page.drop(live[i], "nav_block")


def _at_top(live: list[Line], i: int) -> bool:
    """Is live[i] the page's first line, but for a byline above it? The byline rule takes that
    line out later (a page's own cleaned output puts its byline first): not content above."""
    return all(parse_byline(live[k].text) is not None for k in range(i))


def _headline_under(page: Page, live: list[Line], i: int) -> bool:
    """Is live[i] the headline, confirmed by the page's byline right under it? Then the short
    lines above it are the masthead (site name, a row of sections), not title + kicker."""
    if i >= len(live) or is_menu_line(live[i].text):
        return False
    n = live[i].number
    return any(ln.dropped_by == "byline" for ln in page.lines[n + 1 : n + 4])


_NOTICE_AFTER_WORD = re.compile(r"^(?:copyright|\(c\))\s*(?:©|\(c\)|(?:19|20)\d\d\b)", re.I)


def _is_copyright_line(t: str) -> bool:
    if not has_copyright(t):
        return False
    n = len(words(t))
    if n > 30:
        return False
    if t.startswith("©"):
        return True
    if t[:1] in "(cC" and t[:9].lower().startswith(("copyright", "(c)")):
        # "Copyright law is ..." and a legal list's "(c) the ..." are prose: the word needs a
        # year or a sign after it, a rights/trademark phrase, or a line too short for a sentence.
        # A short line counts only capitalised: a lower-case "copyright law protects the" is
        # a sentence going on (a hard-wrapped line), not a notice.
        low = t.lower()
        return ((n <= 6 and t[:1] != "c" and _names_follow(t)) or _NOTICE_AFTER_WORD.match(t) is not None
                or "all rights reserved" in low or "\u2122" in t)
    return n <= 15


_NOTICE_LINKS = frozenset({"&", "and", "by", "for", "of", "the"})


def _names_follow(t: str) -> bool:
    """The words after "Copyright"/"(c)" read as a holder's name ("The Associated Press", "by
    Example Media"): each capitalised, a number, or a linking word. A short sentence such as
    "Copyright infringement is a crime." is not a notice."""
    return all(w[:1].isupper() or w[:1].isdigit() or w in _NOTICE_LINKS or not w[:1].isalpha()
               for w in words(t)[1:])


def _goes_on_next_line(page: Page, line: Line) -> bool:
    """The line stops mid-sentence and the next line (no blank between) goes on in lower case:
    a hard-wrapped sentence, as in "Copyright Office officials said on\nMonday that ..."."""
    n = line.number + 1
    if n >= len(page.lines):
        return False
    nxt = page.lines[n].text.strip()
    return bool(nxt) and starts_lowercase(nxt) and not ends_sentence(line.text)


@rule("copyright_line")
def copyright_line(page: Page) -> None:
    """Drop copyright notices (`_is_copyright_line`), except a line that a hard-wrapped sentence
    continues from: "Copyright" opening a wrapped paragraph is prose, whatever its first line's length."""
    for line in page.live():
        t = line.text.strip()
        if _is_copyright_line(t) and not (t[:1] in "(cC" and _goes_on_next_line(page, line)):
            page.drop(line, "copyright_line")


skip_link = line_rule("skip_link", lambda t: t[:1] in "sSſjJ" and SKIP_LINK.match(t) is not None)  # ſ: re.I folds it to s
