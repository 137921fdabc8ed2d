"""Unicode and whitespace normalisation, run before any rule sees the text.

Normalises line endings, non-breaking and zero-width spaces and stray spaces
before punctuation. Quotes and dashes are the document's own and stay as they
are. Every changed line is reported as a repair.
"""
from __future__ import annotations

import re

from cleaners.model import Repair

# Every other character Python counts as whitespace (str.isspace), NEL and OGHAM SPACE MARK
# included: rules match `\s`, and long runs of odd spaces made their regexes backtrack.
_SPACES = re.compile(r"[\u00a0\u0085\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w) +([,;:!?.])(?=\s|$)")
_MULTI_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_SPACE_THEN_PUNCT = re.compile(r" [,;:!?.]")  # what _SPACE_BEFORE_PUNCT needs somewhere in a line
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_text(text: str) -> tuple[str, list[tuple[int, Repair]]]:
    """Return the normalised text and (line number, repair) for each changed line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    lines = text.split("\n")
    # The four substitutions never match, add or remove a newline, so running each once over the
    # whole text gives every line exactly what running them line by line did (4 regex calls per
    # page instead of 4 per line: this was ~15% of cleaning a text dump).
    whole = text
    # Every character of _CONTROL, _ZERO_WIDTH and _SPACES is unprintable (str.isprintable, a C
    # loop): lines that are all printable spare the three scans (tests check the classes).
    if not all(map(str.isprintable, lines)):
        whole = _SPACES.sub(" ", _ZERO_WIDTH.sub("", _CONTROL.sub("", text)))
    if "  " in whole:  # _MULTI_SPACE needs two spaces in a row; its look-behind scan is the slow one
        whole = _MULTI_SPACE.sub(" ", whole)
    gap = _SPACE_THEN_PUNCT.search(whole) is not None  # no " ," etc. anywhere: no line needs the sub
    if not gap and whole == text:  # nothing to repair: each line is only stripped
        return "\n".join([line.strip() for line in lines]), []
    out: list[str] = []
    repairs: list[tuple[int, Repair]] = []
    for number, (line, fixed) in enumerate(zip(lines, whole.split("\n"))):
        stripped = fixed.strip()
        if stripped:
            spaced = _SPACE_BEFORE_PUNCT.sub(r"\1", stripped) if gap else stripped
            if spaced != stripped:
                repairs.append((number, Repair("space_before_punctuation", stripped, spaced)))
            elif stripped != line.strip():
                repairs.append((number, Repair("unicode_whitespace", line.strip(), stripped)))
            fixed = spaced
        else:
            fixed = ""
        out.append(fixed)
    return "\n".join(out), repairs
