"""Small predicates on the shape of a line, shared by rules.

They look at form (length, case, punctuation), never at a particular text.
"""
from __future__ import annotations

import re

TERMINAL = ('.', '!', '?', '."', '.”', '!"', '!”', '?"', '?”', ".'", ".’", '…', ':"', ':”', ".)")
FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet of to in on at by for with from into onto over under
    about after before between through during without within against among than as that
    which who whom whose what when where while if because although though since until
    is are was were be been being has have had do does did will would can could should
    may might must shall its their his her our your my this these those such
    not no more most less least very""".split()
)
def folds_like_lower(text: str) -> bool:
    """True when `text.lower()` finds every word a re.I pattern of ASCII letters can match in it.

    A re.I pattern matches ſ, ı and İ to s and i, where str.lower() leaves them as they are: a
    prefilter that looks for a pattern's words in `text.lower()` must let text holding them through."""
    return "\u017f" not in text and "\u0131" not in text and "\u0130" not in text


MD_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]*)\)")
DURATION_END = re.compile(r"\s(\d{1,2}:\d{2}(?::\d{2})?)$")


def unwrap_links(text: str) -> str:
    """`[text](url)` -> `text` (rules/markdown.py's markdown_link; paragraph repair, for a link cut in two)."""
    for _ in range(MAX_NESTING):  # a link inside a link's text (`[a [b](#) c](#)`) comes out from the inside
        text, n = MD_LINK.subn(lambda m: m[1], text)
        if not n:
            break
    return text


MAX_NESTING = 4  # passes for markup nested in markup; deeper is hostile (each pass is linear, the depth is not)


def words(text: str) -> list[str]:
    return text.split()


_CLOSERS = " \t\"'”’“)]*"


def ends_sentence(text: str) -> bool:
    """Ends like a sentence, looking past closing quotes, brackets and stray spaces."""
    t = text.rstrip()
    return t.endswith(TERMINAL) or t.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))


def is_headline_shaped(text: str, max_words: int = 25) -> bool:
    """A short line that does not end like a sentence."""
    t = text.strip()
    return 0 < len(words(t)) <= max_words and not t.endswith(".") and not t.endswith((".”", '."'))


def is_title_case_words(text: str, max_words: int = 3) -> bool:
    """1..max_words words, each capitalised (or '&'), no sentence punctuation."""
    if len(text) > 30:  # checked first: it spares splitting whole paragraphs (hot: every line, every pass)
        return False
    ws = words(text)
    if not 0 < len(ws) <= max_words:
        return False
    return all(w[0].isupper() or w in ("&", "and") for w in ws) and not re.search(r"[.,;:!?]$", text)


_WORD_RUN = re.compile(r"[\w’'-]+")


def last_word(text: str) -> str:
    """The last run of word characters, lower-cased ("" if none).

    Scans only the end of the text, widening the window while the last run
    found could continue to its left: same result as the last of findall().
    """
    size = 64
    while True:
        start = max(0, len(text) - size)
        m = None
        for m in _WORD_RUN.finditer(text, start):
            pass
        if start == 0 or (m is not None and m.start() > start):
            return m.group().lower() if m is not None else ""
        size *= 4


def starts_lowercase(text: str) -> bool:
    t = text.lstrip("“\"'‘([")
    return bool(t) and t[0].islower()
