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
MD_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]*)\)")
DURATION_END = re.compile(r"\s(\d{1,2}:\d{2}(?::\d{2})?)$")


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
    ws = words(text)
    if not 0 < len(ws) <= max_words or len(text) > 30:
        return False
    return all(w[0].isupper() or w in ("&", "and") for w in ws) and not re.search(r"[.,;:!?]$", text)


def last_word(text: str) -> str:
    ws = re.findall(r"[\w’'-]+", text)
    return ws[-1].lower() if ws else ""


def starts_lowercase(text: str) -> bool:
    t = text.lstrip("“\"'‘([")
    return bool(t) and t[0].islower()
