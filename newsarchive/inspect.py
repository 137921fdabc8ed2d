"""What the cleaner did to one file, line by line: the model behind `newsarchive inspect`.

`build_view(path)` runs the cleaners (never Prefect) and returns an `InspectView`:
every line of the normalised input text (for HTML, of the extracted text) with
its fate — kept, dropped by a named rule, or repaired (before/after) — plus the
paragraph-level repairs anchored to the line they concern, the metadata found,
per-rule counts and a legend of rule descriptions read from the cleaners'
docstrings. The terminal view (`cmd_inspect`) and the HTML page (`inspect_html`)
only render this model.
"""
from __future__ import annotations

import ast
import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cleaners.model import Document, Reject, Repair, Source, Timestamp

KEPT, DROPPED, BLANK = "kept", "dropped", "blank"
# How a flag (a repair that changes nothing) reads on its line; the legend says what the rule recognises.
FLAG_NOTES = {
    "lost_beginning_fragment": "starts mid-sentence, its beginning lost: kept as it is, flagged for review",
    "truncated_paragraph": "stops mid-sentence: kept as it is, flagged for review",
}


@dataclass(frozen=True)
class Segment:
    """A piece of a before/after text: `equal`, `delete` (only before) or `insert` (only after)."""

    op: str
    text: str


@dataclass(frozen=True)
class RepairView:
    rule: str
    before: str
    after: str
    note: str | None = None  # paragraph-level repairs: what was done, in words

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def before_segments(self) -> tuple[Segment, ...]:
        return tuple(s for s in diff_segments(self.before, self.after) if s.op != "insert")

    def after_segments(self) -> tuple[Segment, ...]:
        return tuple(s for s in diff_segments(self.before, self.after) if s.op != "delete")


@dataclass(frozen=True)
class LineView:
    number: int  # 1-based, as an editor shows it
    text: str  # the line's final text
    status: str  # kept | dropped | blank
    rule: str | None = None  # the rule that dropped it
    tag: str | None = None  # a structural role (e.g. `post_headline`): kept, but outside the body
    repairs: tuple[RepairView, ...] = ()  # line-level repairs, in the order they ran
    notes: tuple[RepairView, ...] = ()  # paragraph-level repairs anchored on this line

    @property
    def rules(self) -> set[str]:
        """Every rule that touched this line."""
        out = {r.rule for r in self.repairs + self.notes}
        if self.rule:
            out.add(self.rule)
        return out

    @property
    def interesting(self) -> bool:
        return self.status == DROPPED or bool(self.repairs) or bool(self.notes)


@dataclass(frozen=True)
class RuleCount:
    dropped: int = 0
    repairs: int = 0


@dataclass(frozen=True)
class InspectView:
    source: str
    source_format: str
    site: str | None
    kind: str
    title: str | None
    authors: tuple[str, ...]
    byline: str | None
    published: Timestamp | None
    updated: Timestamp | None
    video_title: str | None
    captions: int
    posts: int
    body_paragraphs: int
    lines: tuple[LineView, ...]
    other_repairs: tuple[RepairView, ...]  # file-level repairs (decoding) and any not tied to a line
    legend: dict[str, str]  # rule -> one-line description, pipeline order
    rejected: str | None = None  # "stage: reason" when the file cannot be archived
    counts: dict[str, RuleCount] = field(default_factory=dict)
    unwrapped_from: int | None = None  # a hard-wrapped text cleaned unwrapped: its number of input lines

    @property
    def text_origin(self) -> str:
        if self.source_format == "html":
            return "lines of the text extracted from the HTML (not the HTML source; what extraction left out is not listed)"
        if self.unwrapped_from is not None:
            return (f"lines: the normalised input's {self.unwrapped_from} hard-wrapped lines, cleaned unwrapped "
                    "(the lines cut from one item as one, numbered by its first input line)")
        return "lines of the normalised input text"

    def total(self, status: str) -> int:
        return sum(1 for ln in self.lines if ln.status == status)

    @property
    def repair_total(self) -> int:
        return sum(c.repairs for c in self.counts.values())

    def select(self, *, only_dropped: bool = False, rule: str | None = None) -> list[LineView]:
        """The lines a filtered view shows; with no filter, every line."""
        out = []
        for ln in self.lines:
            if only_dropped and ln.status != DROPPED:
                continue
            if rule is not None and rule not in ln.rules:
                continue
            out.append(ln)
        return out


# -- building the view ---------------------------------------------------------------------

def build_view(path: str | Path) -> InspectView:
    """Clean the file at `path` (no archive, no Prefect) and describe every decision."""
    from cleaners.pipeline import Limits, NothingLeft, clean_source_with_page
    from newsarchive.sources import _ref, read_bytes

    ref = _ref(Path(path))
    try:  # the same guarded read as `run`: regular files only, size checked before reading
        doc, result = clean_source_with_page(Source(ref.uri, read_bytes(ref.path, Limits().max_bytes), ref.path))
    except NothingLeft as nothing:  # the rules took everything: show which
        return view_from(str(path), nothing.document, nothing.result.page,
                         rejected=f"{nothing.stage}: {nothing.reason}")
    except Reject as rej:
        return InspectView(str(path), "?", None, "?", None, (), None, None, None, None, 0, 0, 0, (), (),
                           rule_legend(), rejected=f"{rej.stage}: {rej.reason}")
    return view_from(str(path), doc, result.page)


def view_from(name: str, doc: Document, page, rejected: str | None = None) -> InspectView:
    """The view model from a cleaned `Document` and the working `Page` it came from."""
    page_repairs: dict[int, list[RepairView]] = {}
    for number, rep in page.repairs:
        page_repairs.setdefault(number, []).append(RepairView(rep.rule, rep.before, rep.after))
    on_lines = Counter(rep for _, rep in page.repairs)
    leftovers = []  # decoding and paragraph repairs: in the Document's trail, not on the page
    for rep in doc.repairs:
        if on_lines[rep] > 0:
            on_lines[rep] -= 1
        else:
            leftovers.append(rep)
    notes, other = _anchor_paragraph_repairs(page, leftovers)

    lines = []
    for ln in page.lines:
        if ln.dropped_by is not None:
            status = DROPPED
        elif ln.text.strip():
            status = KEPT
        else:
            status = BLANK
        lines.append(LineView(page.input_lines(ln.number)[0] + 1, ln.text, status, ln.dropped_by, ln.tag,
                              tuple(page_repairs.get(ln.number, ())), tuple(notes.get(ln.number, ()))))

    counts: dict[str, list[int]] = {}
    for ln in lines:
        if ln.status == DROPPED and ln.text.strip():
            counts.setdefault(ln.rule, [0, 0])[0] += 1
    for rep in doc.repairs:
        counts.setdefault(rep.rule, [0, 0])[1] += 1
    legend = rule_legend(extra=counts)
    return InspectView(
        source=name, source_format=doc.source_format, site=doc.site, kind=doc.kind, title=doc.title,
        authors=tuple(doc.authors), byline=doc.byline, published=doc.published, updated=doc.updated,
        video_title=doc.video_title, captions=len(doc.captions) + sum(len(p.captions) for p in doc.posts),
        posts=len(doc.posts), body_paragraphs=len([p for p in doc.body.split("\n\n") if p.strip()]),
        lines=tuple(lines), other_repairs=tuple(other), legend=legend, rejected=rejected,
        unwrapped_from=page.origin[-1][1] + 1 if page.origin else None,
        counts={k: RuleCount(*v) for k, v in sorted(counts.items(), key=lambda kv: _order(legend, kv[0]))},
    )


def _order(legend: dict[str, str], rule: str) -> tuple[int, str]:
    keys = list(legend)
    return (keys.index(rule) if rule in legend else len(keys), rule)


def _anchor_paragraph_repairs(page, repairs: list[Repair]) -> tuple[dict[int, list[RepairView]], list[RepairView]]:
    """Tie paragraph-level repairs to the body line they concern; the rest stay file-level."""
    body = [ln for ln in page.live() if ln.tag is None]
    notes: dict[int, list[RepairView]] = {}
    other: list[RepairView] = []
    for rep in repairs:
        anchor = note = None
        if "\n\n" in rep.before:  # a join: `first\n\nsecond` -> `first second`
            first, second = rep.before.split("\n\n", 1)
            for prev, ln in zip(body, body[1:]):
                t, pt = ln.text.strip(), prev.text.strip()
                if t and pt and second.startswith(t) and first.endswith(pt):
                    anchor = ln.number
                    above = page.input_lines(prev.number)[0] + 1
                    note = f"joined to the paragraph above (line {above}), which stopped at “…{_tail(first)}”"
                    break
        elif rep.before:
            for ln in body:
                t = ln.text.strip()
                if t and rep.before.startswith(t):
                    anchor = ln.number
                    note = FLAG_NOTES.get(rep.rule, "flagged for review") if rep.before == rep.after else "changed"
                    break
        view = RepairView(rep.rule, rep.before, rep.after, note)
        if anchor is None:
            other.append(view)
        else:
            notes.setdefault(anchor, []).append(view)
    return notes, other


def _tail(text: str, n: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= n else text[-n:].lstrip()


# -- before/after ------------------------------------------------------------------------

MAX_DIFF_CHARS = 4000  # SequenceMatcher is quadratic: longer changed middles are shown as one replace


@lru_cache(maxsize=256)
def diff_segments(before: str, after: str) -> tuple[Segment, ...]:
    """Character-level diff of a repair: equal / delete / insert pieces, in order."""
    p = _common_prefix(before, after)
    q = _common_prefix(before[p:][::-1], after[p:][::-1])
    head, tail = before[:p], before[len(before) - q :]
    mid_b, mid_a = before[p : len(before) - q], after[p : len(after) - q]
    out: list[Segment] = [Segment("equal", head)] if head else []
    if len(mid_b) + len(mid_a) > MAX_DIFF_CHARS:
        out += [Segment("delete", mid_b)] if mid_b else []
        out += [Segment("insert", mid_a)] if mid_a else []
    else:
        sm = difflib.SequenceMatcher(None, mid_b, mid_a, autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "equal":
                out.append(Segment("equal", mid_b[i1:i2]))
                continue
            if op in ("delete", "replace"):
                out.append(Segment("delete", mid_b[i1:i2]))
            if op in ("insert", "replace"):
                out.append(Segment("insert", mid_a[j1:j2]))
    if tail:
        out.append(Segment("equal", tail))
    return tuple(out)


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection over slice comparisons (fast on huge lines)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


# -- legend --------------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*-\s+([a-z][a-z0-9_]*)\s*:\s+(.*)$")
_HEAD = re.compile(r"^([a-z][a-z0-9_]*)\s*:\s+(.*)$")
_SENTENCE_END = re.compile(r"(?<![.])[.!?]\s+(?=[A-Z(])")
MAX_DESCRIPTION = 160


def rule_legend(extra=()) -> dict[str, str]:
    """rule name -> one-line description, in pipeline order (rules of `extra` appended).

    Descriptions come from the cleaners' module docstrings (`name: what it does`
    lines and `- name: ...` bullets); a name with no entry of its own gets the
    first sentence of the docstring of the module that names it.
    """
    from cleaners.rules.packs import all_rule_names

    entries, mentions = _docstring_entries()
    names = list(dict.fromkeys(all_rule_names()))
    names += [n for n in entries if n not in names]
    names += [n for n in extra if n not in names]
    return {n: entries.get(n) or mentions.get(n) or "(no description in the cleaners' docstrings)" for n in names}


@lru_cache(maxsize=1)
def _docstring_entries() -> tuple[dict[str, str], dict[str, str]]:
    import cleaners

    from cleaners.rules.packs import all_rule_names

    known = set(all_rule_names())
    entries: dict[str, str] = {}
    mentions: dict[str, str] = {}
    root = Path(cleaners.__file__).parent
    for file in sorted(root.rglob("*.py")):
        src = file.read_text(encoding="utf-8")
        doc = ast.get_docstring(ast.parse(src)) or ""
        if not doc:
            continue
        for name, text in _entries_in(doc):
            if name in known or "_" in name:
                entries.setdefault(name, _one_line(text))
        first = _one_line(doc.split("\n\n")[0])
        for name in set(re.findall(r"""["']([a-z][a-z0-9]*(?:_[a-z0-9]+)+)["']""", src)):
            mentions.setdefault(name, first)
    return entries, mentions


def _entries_in(doc: str) -> list[tuple[str, str]]:
    """`name: text` on the docstring's first line and `- name: text` bullets (with continuations)."""
    out: list[tuple[str, str]] = []
    lines = doc.splitlines()
    m = _HEAD.match(lines[0]) if lines else None
    if m:
        head = [m[2]]
        for line in lines[1:]:
            if not line.strip():
                break
            head.append(line.strip())
        out.append((m[1], " ".join(head)))
    for i, line in enumerate(lines):
        m = _BULLET.match(line)
        if m:
            out.append((m[1], " ".join([m[2]] + _continuation(lines, i + 1))))
    return out


def _continuation(lines: list[str], start: int) -> list[str]:
    out = []
    for line in lines[start:]:
        if not line.strip() or _BULLET.match(line) or not line.startswith(" "):
            break
        out.append(line.strip())
    return out


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    for m in _SENTENCE_END.finditer(text):
        if text[: m.start()].count("`") % 2 == 0:  # not inside a `code` example
            text = text[: m.start() + 1]
            break
    if len(text) <= MAX_DESCRIPTION:
        return text
    text = text[: MAX_DESCRIPTION - 1]
    if text.count("`") % 2:  # cut inside a `code` example: cut before it instead
        text = text[: text.rfind("`")]
    return text.rstrip(" ,;:(") + "…"


def describe_timestamp(ts: Timestamp | None) -> str | None:
    if ts is None:
        return None
    return f"{ts.value.isoformat()} (from {ts.source}, {ts.precision} precision, {ts.kind})"
