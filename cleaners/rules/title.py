"""title: the first line of the page, when it is headline-shaped.

A headline is short and does not end like a sentence. A question or
exclamation counts only when a byline right under it confirms it (a dump may open
on a one-sentence question). A page whose first line is prose (a dump that
starts mid-article) has no title rather than a wrong one; so is a first line that
paragraph repair would glue to what follows (`broken_paragraph`: six words or
more stopping mid-sentence, the next part going on in lower case), which is the
start of a paragraph cut in two, not a headline.

A hard-wrapped page is cleaned a second time unwrapped (cleaners/text.py): there
the first block, a headline wrapped over two lines say, is one line, judged whole.
"""
from __future__ import annotations

from cleaners.page import Line, Page
from cleaners.paragraphs import group_paragraphs, join_kind, joins_next, may_glue, page_looks_wrapped
from cleaners.rules import rule
from cleaners.shapes import is_headline_shaped

MAX_WORDS = 30


@rule("title")
def title(page: Page) -> None:
    live = page.live()
    if len(live) < 2 or page.meta.title:
        return
    first = live[0]
    text = first.text.strip()
    confirmed = any(ln.dropped_by == "byline" for ln in page.lines[first.number + 1 : first.number + 6])
    if text.rstrip("\"'”’").endswith(("?", "!")) and not confirmed:
        return
    if not is_headline_shaped(text, MAX_WORDS) or text.endswith((":", ",")):
        return
    if join_kind(text):  # it may stop mid-sentence: is the paragraph going on below it?
        rest = [ln for ln in live[1:] if ln.tag is None]
        if rest and may_glue(text, rest[0].text.strip()) and \
                _glued_to_what_follows(text, rest, page_looks_wrapped(page.lines)):
            return
    page.meta.title = text
    first.tag = "title"
    page.drop(first, "title")


def _glued_to_what_follows(text: str, rest: list[Line], wrapped: bool) -> bool:
    """Whether `repair_paragraphs` would glue `text` to the paragraphs after it (`rest`: the live,
    untagged lines after it, grouped as the end of `clean_text` groups them)."""
    paras = [text] + group_paragraphs(rest, wrapped)
    end = 0  # the chain of paragraphs that may glue each to the next: what decides the first
    while end + 1 < len(paras) and may_glue(paras[end], paras[end + 1]):
        end += 1
    return end > 0 and joins_next(paras[: end + 1])[0]
