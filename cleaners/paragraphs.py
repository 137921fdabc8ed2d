"""From surviving lines to body paragraphs, repairing breaks left by removals.

- Dumps write one paragraph per line, or paragraphs as blank-line separated
  blocks of hard-wrapped lines; both are understood.
- broken_paragraph: a paragraph cut by a removed image or ad (`...an adviser
  to` / `Zelensky told CNN.`) is joined back, when the first part stops
  mid-sentence (on a function word or a comma, or the next starts in lower
  case) and the second part ends a sentence.
- lost_beginning_fragment: a paragraph that starts mid-sentence and cannot be
  joined (its beginning was lost) is kept and flagged.
- truncated_paragraph: a paragraph that stops mid-sentence and cannot be
  joined is kept and flagged.
"""
from __future__ import annotations

from cleaners.model import Repair
from cleaners.page import Line, per_line
from cleaners.shapes import FUNCTION_WORDS, ends_sentence, last_word, starts_lowercase, unwrap_links

MIN_WORDS_BROKEN = 6  # shorter lines that stop without punctuation are headings
MAX_WRAP_WIDTH = 132  # the widest a hard-wrapped page is taken to be (terminals and mailers: 72-80, wide ones 132)


def group_paragraphs(lines: list[Line], wrapped: bool = False) -> list[str]:
    """Group live lines (in page order) into paragraphs.

    One paragraph per line, unless the page is hard-wrapped (see
    `looks_hard_wrapped`): then consecutive lines form one paragraph.
    """
    blocks: list[list[str]] = []
    prev = None
    for ln in lines:
        if not wrapped or prev is None or ln.number - prev > 1:
            blocks.append([ln.text.strip()])
        else:
            blocks[-1].append(ln.text.strip())
        prev = ln.number
    return [join_wrapped(b) for b in blocks]


def looks_hard_wrapped(text: str) -> bool:
    """Blank-line separated blocks of several lines, at most MAX_WRAP_WIDTH wide, whose
    lines mostly stop mid-sentence: text wrapped at a fixed width. A page with too few
    such lines for that count (one block, or one paragraph beside one-line blocks) is
    judged by the stricter `_few_wrapped_blocks`."""
    if "\n\n" not in text and text.count("\n") < 2:
        return False  # one block of two lines at most
    if any(len(ln) > MAX_WRAP_WIDTH and not ln.isspace() for ln in text.split("\n")):
        return False  # such a line is in a non-blank block: the width test below fails (decided cheaply)
    blocks = [[ln for ln in b.split("\n") if ln.strip()] for b in text.split("\n\n") if b.strip()]
    inner = [ln for b in blocks for ln in b[:-1]]
    n_lines = sum(len(b) for b in blocks)
    if len(blocks) < 2 or len(inner) < max(3, n_lines // 3):
        return _few_wrapped_blocks(blocks)
    return sum(1 for ln in inner if not ends_sentence(ln)) >= 0.6 * len(inner)


def _few_wrapped_blocks(blocks: list[list[str]]) -> bool:
    """Every block of several lines stops mid-sentence in half of its lines but the last, and
    one of them looks wrapped by itself (`_one_wrapped_block`)."""
    several = [b for b in blocks if len(b) > 1]
    return (any(_one_wrapped_block(b) for b in several)
            and all(sum(1 for ln in b[:-1] if not ends_sentence(ln)) >= 0.5 * (len(b) - 1) for b in several))


def _one_wrapped_block(lines: list[str]) -> bool:
    """A block that looks wrapped by itself, for a page with too few wrapped lines to count
    (a short item; a page whose other blocks were furniture or one-line paragraphs). Less
    evidence, so stricter: three lines or more, the first line break inside a sentence that
    goes on in lower case (a headline above the text would not), half of the lines but the last
    stopping mid-sentence (one sentence per line would not), 60% of those breaks going on in
    lower case, and those lines about as wide as the widest (a wrapped block fills its lines;
    a list does not). Or, whatever those signs, a block filled to one width
    (`_filled_to_one_width`)."""
    if len(lines) < 3:
        return False
    if _filled_to_one_width(lines):
        return True
    inner, after = lines[:-1], lines[1:]
    if ends_sentence(inner[0]) or not starts_lowercase(after[0].strip()):
        return False
    widest = max(len(ln.rstrip()) for ln in lines)
    if widest < 20 or any(len(ln.rstrip()) < widest // 2 for ln in inner):
        return False
    mid = [i for i, ln in enumerate(inner) if not ends_sentence(ln)]  # breaks inside a sentence
    return len(mid) >= 0.5 * len(inner) and sum(1 for i in mid if starts_lowercase(after[i].strip())) >= 0.6 * len(mid)


def _filled_to_one_width(lines: list[str]) -> bool:
    """Six lines or more, 60% of whose breaks came where the next word would not have fitted at
    the widest line's width (30 columns or more): a wrapper's work, paragraphs included whose
    only boundary is a short last line. One paragraph per line fills no common width, a
    list or a menu is narrower."""
    if len(lines) < 6:
        return False
    widths = [len(ln.strip()) for ln in lines]
    widest = max(widths)
    if widest < 30:
        return False
    full = sum(1 for w, nxt in zip(widths, lines[1:]) if w + 1 + len(nxt.split(None, 1)[0]) > widest - 4)
    return full >= 0.6 * (len(lines) - 1)


def page_looks_wrapped(lines: list[Line]) -> bool:
    """`looks_hard_wrapped` judged on the lines still in play (blank ones included: they
    separate the blocks): untagged, the line the title rule took (a headline wrapped over two
    lines is part of the page's wrapping, and a header rule asking before the title rule runs
    sees the same lines as the end of `clean_text`), and a live blog's posts but their time
    lines and photo credits."""
    texts = [ln.text for ln in lines if (ln.dropped_by is None and ln.tag not in _NOT_PROSE_TAGS)
             or ln.dropped_by == "title"]
    if any(len(t) > MAX_WRAP_WIDTH and not t.isspace() for t in texts):  # looks_hard_wrapped's first test, before a join
        return False
    return looks_hard_wrapped("\n".join(texts))


_NOT_PROSE_TAGS = frozenset({"post_time", "post_credit"})  # a live blog's time lines and photo credits


def unwrap_runs(lines: list[Line], original: list[str]) -> tuple[str, list[tuple[int, int]]] | None:
    """The page again, with each run of lines that one wrapped item was cut into joined into
    one line, in their `original` text; every other line (blank, or dropped by a rule and not
    cut from an item) as it was. Also, for each line of the new text, the first and last
    numbers of the lines it came from. None when no run has two lines (nothing to unwrap).

    A run: consecutive lines that the rules kept (or took as the title), and a line a rule
    dropped together with the lines around it that continue it (`_wrap_break`): a byline or a
    "Related Article:" cut over two lines whose first line alone was recognised, or a
    paragraph's line that alone looked like furniture. Cleaned again, the rules see each
    paragraph, and each piece of furniture, as one line, as the page's own output shows them;
    a line dropped whole (a dateline right above a paragraph) stays apart from its neighbours."""
    kept = [bool(ln.text.strip()) and ln.dropped_by in (None, "title") for ln in lines]
    # the page's width: at least as wide as any line that a kept run breaks
    width = max((len(original[a.number].rstrip()) for a, b, ka, kb in
                 zip(lines, lines[1:], kept, kept[1:]) if ka and kb and b.number == a.number + 1), default=0)
    out: list[str] = []
    origin: list[tuple[int, int]] = []
    run: list[Line] = []
    joined = False

    def flush() -> None:
        nonlocal joined, run
        if run:
            joined = joined or len(run) > 1
            out.append(join_wrapped([original[x.number].strip() for x in run]))
            origin.append((run[0].number, run[-1].number))
            run = []

    for i, ln in enumerate(lines):
        if not ln.text.strip():
            flush()
            out.append(original[ln.number])
            origin.append((ln.number, ln.number))
            continue
        if run and not _wrap_break(original[run[-1].number], original[ln.number], width,
                                   both_kept=kept[i] and kept[i - 1]):
            flush()
        run.append(ln)
    flush()
    return ("\n".join(out), origin) if joined else None


def _wrap_break(line: str, nxt: str, width: int, both_kept: bool = False) -> bool:
    """Whether `line` was cut in what goes on in `nxt`, not ended: it stops mid-sentence and the
    next line's first word would not have fitted at the page's `width` (a wrapper breaks only
    then). Two lines the rules kept also go on, whatever the width (a headline or a dateline
    cut at another width), when the line stops mid-sentence and nothing marks a new start:
    it stops on an open end (a comma, a function word), or the next line does not open with a
    capital or a list bullet. Else a line shorter than the width ends something: a heading, a
    paragraph (wrapped with no blank line between), a list item."""
    line, nxt = line.strip(), nxt.strip()
    if not (width and nxt):
        return False
    ends = ends_sentence(line)
    if both_kept and not ends and (t_end_is_open(line) or not _opens_a_unit(nxt)):
        return True
    # slack: the wrapper counted spaces that normalisation took out (an indent of up to 4)
    fits = len(line) + 1 + len(nxt.split(None, 1)[0]) <= width - 4
    return not fits and (both_kept or not ends)


def _opens_a_unit(text: str) -> bool:
    """A capital (past an opening quote or bracket) or a list bullet: what a heading, a paragraph
    or a list item opens with."""
    return text[:2] in ("- ", "* ", "• ") or text.lstrip("“\"'‘([")[:1].isupper()


def join_wrapped(parts: list[str]) -> str:
    """Lines of one wrapped item as one line: a space between them, none after a word broken at
    its hyphen (`de-` / `escalate`: "de-escalate")."""
    if len(parts) < 2 or not any(p.endswith("-") for p in parts):  # the usual case, as cheap as a join
        return " ".join(parts)
    out: list[str] = []
    for prev, p in zip([""] + parts, parts):
        if out and not (prev[-1:] == "-" and prev[-2:-1].isalpha() and p[:1].isalpha()):
            out.append(" ")
        out.append(p)
    return "".join(out)


def _stops_mid_sentence(text: str) -> bool:
    t = text.rstrip()
    return not ends_sentence(t) and not t.endswith(":")


def _has_min_words(text: str) -> bool:
    """len(words(text)) >= MIN_WORDS_BROKEN, without splitting a whole paragraph."""
    return len(text.split(None, MIN_WORDS_BROKEN - 1)) >= MIN_WORDS_BROKEN


def _can_join(first: str, second: str) -> bool:
    # = may_glue(first, second) and ends_sentence(second), inline: asked of every pair of paragraphs
    kind = join_kind(first)
    return bool(kind) and ends_sentence(second) and (kind == 2 or starts_lowercase(second))


def t_end_is_open(text: str) -> bool:
    t = text.rstrip()
    if t.endswith(('"', "”", "’", ")", "]")):
        return False  # a closed quote or bracket is a finished unit (often a heading)
    return t.endswith((",", ";", "—", "–", "-", "“")) or last_word(t) in FUNCTION_WORDS


@per_line
def join_kind(text: str) -> int:
    """`_can_join`'s tests of the first part alone, once per line: 0 nothing is glued after it,
    1 a next part that starts in lower case may be, 2 any next part may be (an open end)."""
    if not (_stops_mid_sentence(text) and _has_min_words(text)):
        return 0
    return 2 if t_end_is_open(text) else 1


def may_glue(first: str, second: str) -> bool:
    """False when `_can_join(first, X)` is False for every X that starts with `second` (cheap)."""
    kind = join_kind(first)
    return kind == 2 or (kind == 1 and starts_lowercase(second))


def joins_next(paragraphs: list[str]) -> list[bool]:
    """For each paragraph, whether `repair_paragraphs` glues it to the (joined) one after it."""
    glue = [False] * len(paragraphs)
    if not paragraphs:
        return glue
    end = len(paragraphs) - 1  # the last paragraph of the (joined) one after i
    for i in range(len(paragraphs) - 2, -1, -1):  # right to left, as repair_paragraphs joins
        # = _can_join(paragraphs[i], " ".join(paragraphs[i + 1 : end + 1])), cheap tests first
        if may_glue(paragraphs[i], paragraphs[i + 1]) and ends_sentence(paragraphs[end]):
            glue[i] = True
        else:
            end = i
    return glue


def repair_paragraphs(paragraphs: list[str]) -> tuple[list[str], list[Repair]]:
    """Join broken paragraphs (right to left, so chains join fully) and flag fragments."""
    repairs: list[Repair] = []
    out = list(paragraphs)
    i = len(out) - 2
    while i >= 0:
        if _can_join(out[i], out[i + 1]):
            joined = f"{out[i]} {out[i + 1]}"
            repairs.append(Repair("broken_paragraph", f"{out[i]}\n\n{out[i + 1]}", joined))
            if "](" in joined and (whole := unwrap_links(joined)) != joined:  # a link cut by the break
                repairs.append(Repair("markdown_link", joined, whole))
                joined = whole
            out[i : i + 2] = [joined]
        i -= 1
    for k, para in enumerate(out):
        if starts_lowercase(para):
            repairs.append(Repair("lost_beginning_fragment", para, para))
        elif k < len(out) - 1 and _stops_mid_sentence(para) and _has_min_words(para) and t_end_is_open(para):
            repairs.append(Repair("truncated_paragraph", para, para))
    return out, repairs
