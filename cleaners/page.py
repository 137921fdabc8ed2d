"""The working state of one text document while rules run over it.

Rules never delete lines: they mark them dropped (with their own name) or
replace their text (recording before/after), so every decision is audited and
line numbers stay stable for `newsarchive inspect`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from cleaners.model import Caption, Removal, Repair, Timestamp

_LINE_CACHES: list = []


def per_line(fn):
    """Memoise `fn(text)`, a pure function of one line's text, for the current document.

    Several rules and both passes ask the same question of the same line (is it a credit,
    a menu line, a headline?); each is now answered once per distinct text. A new `Page`
    empties the caches, so they hold one document's lines at most. Only for functions whose
    result depends on the text alone and is immutable.
    """
    cached = lru_cache(maxsize=None)(fn)
    _LINE_CACHES.append(cached)
    return cached


def clear_line_caches() -> None:
    for cached in _LINE_CACHES:
        cached.cache_clear()


@dataclass(slots=True)  # many per page; slots make them cheaper to build and to read
class Line:
    number: int  # 0-based line number in the normalised input
    text: str
    dropped_by: str | None = None
    tag: str | None = None  # structural role set by a rule (e.g. "post_headline")

    @property
    def live(self) -> bool:
        return self.dropped_by is None and bool(self.text.strip())


@dataclass
class Meta:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    byline: str | None = None
    published: Timestamp | None = None
    updated: Timestamp | None = None
    site: str | None = None
    kind: str = "article"
    declared_posts: int | None = None
    video_title: str | None = None
    captions: list[Caption] = field(default_factory=list)


class Page:
    def __init__(self, text: str, *, site: str | None = None, kind: str = "article"):
        clear_line_caches()
        self.text = text  # as it came in (rules change lines, not this): for cheap page-wide tests
        self.lines = [Line(i, t) for i, t in enumerate(text.split("\n"))]
        self.removed: list[tuple[int, Removal]] = []
        self.repairs: list[tuple[int, Repair]] = []
        self.meta = Meta(site=site, kind=kind)
        self._live: list[Line] | None = None  # live() cached; drop() and replace() reset it
        # A page cleaned again unwrapped (cleaners/text.py): for each of its lines, the first and
        # last numbers of the input lines it was joined from. None: its lines are the input's.
        self.origin: list[tuple[int, int]] | None = None

    # -- queries -------------------------------------------------------
    def live(self) -> list[Line]:
        """Lines still in play and not blank, in order (a new list: callers may keep it).

        Every rule calls this; the list is built again only after a drop or a replace, which
        are the only ways lines change (a rule that sets `line.text` itself must then drop
        the line or call `replace`).
        """
        live = self._live
        if live is None:  # same test as Line.live, inlined
            live = self._live = [ln for ln in self.lines if ln.dropped_by is None and ln.text and not ln.text.isspace()]
        return live[:]

    def next_live(self, line: Line) -> Line | None:
        for ln in self.lines[line.number + 1 :]:
            if ln.live:
                return ln
        return None

    def input_lines(self, number: int) -> tuple[int, int]:
        """First and last numbers, in the normalised input, of the lines page line `number` holds."""
        return (number, number) if self.origin is None else self.origin[number]

    def prev_live(self, line: Line) -> Line | None:
        for ln in reversed(self.lines[: line.number]):
            if ln.live:
                return ln
        return None

    # -- decisions -----------------------------------------------------
    def drop(self, line: Line, rule: str) -> None:
        if line.dropped_by is None:
            line.dropped_by = rule
            self._live = None
            if line.text.strip():
                self.removed.append((line.number, Removal(rule, line.text.strip())))

    def replace(self, line: Line, new_text: str, rule: str) -> None:
        if new_text != line.text:
            self.repairs.append((line.number, Repair(rule, line.text, new_text)))
            line.text = new_text
            self._live = None

    def note_repair(self, line_number: int, rule: str, before: str, after: str) -> None:
        self.repairs.append((line_number, Repair(rule, before, after)))

    def removals(self) -> tuple[Removal, ...]:
        return tuple(r for _, r in sorted(self.removed, key=lambda x: x[0]))

    def repair_log(self) -> tuple[Repair, ...]:
        return tuple(r for _, r in self.repairs)
