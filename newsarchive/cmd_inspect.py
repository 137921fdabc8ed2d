"""`newsarchive inspect FILE`: what the cleaner kept, dropped (and by which rule) and repaired.

The terminal view is line-numbered: kept lines plain, dropped lines red and
dimmed with the rule's name in a right-hand gutter, repairs as `-` before / `+`
after rows, paragraph-level repairs as `!` notes. Colours follow the usual
conventions: none when the output is not a terminal or when NO_COLOR is set
(`--color always|never` overrides). `--html FILE` writes the same as a
standalone page instead. Never starts Prefect.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from newsarchive.inspect import BLANK, DROPPED, InspectView, LineView, Segment, build_view

MARK_KEPT, MARK_DROPPED, MARK_BEFORE, MARK_AFTER, MARK_NOTE, MARK_ASIDE = " ", "x", "-", "+", "!", ">"
GUTTER = " | "
MIN_TEXT = 20


@click.command("inspect")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--html", "html_path", type=click.Path(dir_okay=False, writable=True),
              help="Write a standalone HTML report to this path instead of printing.")
@click.option("--only-dropped", is_flag=True, help="Show only the dropped lines.")
@click.option("--rule", "rule_name", metavar="NAME", help="Show only the lines this rule dropped or repaired.")
@click.option("--width", type=click.IntRange(40, 1000), default=None,
              help="Output width in columns [default: the terminal's, else 100].")
@click.option("--color", "color_mode", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="auto: colour only on a terminal and when NO_COLOR is unset.")
def inspect_cmd(file, html_path, only_dropped, rule_name, width, color_mode):
    """Show what cleaning FILE keeps, drops (and by which rule) and repairs; no archive, no Prefect."""
    view = build_view(file)
    if rule_name is not None and rule_name not in view.legend:
        raise click.UsageError(f"unknown rule {rule_name!r}; known rules: {', '.join(view.legend)}")
    if html_path:
        from newsarchive.inspect_html import render_html

        Path(html_path).write_text(render_html(view, only_dropped=only_dropped, rule=rule_name), encoding="utf-8")
        click.echo(f"wrote {html_path}: {view.total(DROPPED)} dropped lines, {view.repair_total} repairs"
                   + (f" (REJECTED {view.rejected})" if view.rejected else ""))
    else:
        color = {"always": True, "never": False}.get(color_mode)
        if color is None and os.environ.get("NO_COLOR"):
            color = False
        width = width or shutil.get_terminal_size((100, 24)).columns
        for line in render_text(view, width=max(width, 40), only_dropped=only_dropped, rule=rule_name):
            click.echo(line, color=color)
    if view.rejected and not view.lines:
        sys.exit(1)


# -- terminal rendering (styled with click.style; click strips it when not wanted) -------------

def render_text(view: InspectView, *, width: int = 100, only_dropped: bool = False, rule: str | None = None):
    """Yield the terminal view, one output line at a time."""
    yield from _header(view, width)
    if not view.lines:
        return
    filtered = only_dropped or rule is not None
    shown = view.select(only_dropped=only_dropped, rule=rule)
    num_w = len(str(view.lines[-1].number))
    gutter_w = max([len(n) for ln in shown for n in ln.rules | {ln.tag or ""}] + [0])
    text_w = max(MIN_TEXT, width - (num_w + 3) - len(GUTTER) - gutter_w)
    yield click.style("-" * min(width, num_w + 3 + text_w + len(GUTTER) + gutter_w), dim=True)
    blank_run = False
    for ln in shown:
        if ln.status == BLANK and not ln.interesting:
            if not filtered and not blank_run:
                yield ""
            blank_run = True
            continue
        blank_run = False
        yield from _line_rows(ln, num_w, text_w)
    if filtered and not shown:
        yield click.style("(no line matches the filter)", dim=True)
    for rep in view.other_repairs:
        yield from _rows(" " * num_w, MARK_NOTE, [Segment("equal", f"{rep.note or 'file-level repair'}: "
                                                                    f"{rep.before!r} -> {rep.after!r}")],
                         text_w, rep.rule, "yellow")
    yield ""
    yield from _summary(view, width, filtered)


def _header(view: InspectView, width: int):
    yield from _wrapped(f"newsarchive inspect: {view.source}", width, bold=True)
    if view.rejected:
        yield from _wrapped(f"REJECTED {view.rejected}", width, fg="red", bold=True)
        if not view.lines:
            return
        yield from _wrapped("(shown anyway: what the rules did before nothing was left)", width, fg="red")
    yield from _wrapped(f"  {len(view.lines)} {view.text_origin}; format {view.source_format}, "
                        f"site {view.site or '-'}, kind {view.kind}", width)
    meta = [("title", view.title), ("authors", ", ".join(view.authors) or None),
            ("published", _ts(view.published)), ("updated", _ts(view.updated)), ("video", view.video_title)]
    for key, value in meta:
        if value:
            yield from _wrapped(f"  {key:<10} {value}", width, indent=13)
        else:
            yield f"  {key:<10} " + click.style("(not found)", dim=True)
    yield from _wrapped(f"  marks: '{MARK_DROPPED}' dropped (rule at right), '{MARK_BEFORE}'/'{MARK_AFTER}' "
                        f"repaired before/after, '{MARK_NOTE}' paragraph repair, '{MARK_ASIDE}' kept, with its "
                        "role at right", width, indent=9, dim=True)


def _wrapped(text: str, width: int, indent: int = 2, **style):
    """Plain text wrapped to `width` (continuations indented by `indent`), each row styled."""
    (start, end), *_ = wrap_spans(text, width)
    rows = [text[start:end]]
    rest = text[end:].lstrip(" ")
    if rest:
        rows += [" " * indent + rest[s:e] for s, e in wrap_spans(rest, max(width - indent, MIN_TEXT))]
    for row in rows:
        yield click.style(row, **style) if style else row


def _ts(ts) -> str | None:
    return f"{ts.value.isoformat()}  (from {ts.source}, {ts.precision})" if ts else None


def _line_rows(ln: LineView, num_w: int, text_w: int):
    num = str(ln.number).rjust(num_w)
    for rep in ln.repairs:
        yield from _rows(num, MARK_BEFORE, rep.before_segments(), text_w, rep.rule, "red")
        num = " " * num_w
        yield from _rows(num, MARK_AFTER, rep.after_segments() or (Segment("equal", ""),), text_w, None, "green",
                         empty="(empty)")
    if ln.status == DROPPED:
        yield from _rows(num, MARK_DROPPED, [Segment("equal", ln.text.strip())], text_w, ln.rule, "red", dim=True)
        num = " " * num_w
    elif not ln.repairs:
        mark = MARK_ASIDE if ln.tag else MARK_KEPT
        yield from _rows(num, mark, [Segment("equal", ln.text.strip())], text_w, ln.tag, None)
        num = " " * num_w
    for note in ln.notes:
        yield from _rows(" " * num_w, MARK_NOTE, [Segment("equal", note.note or note.after)], text_w, note.rule,
                         "yellow")


def _rows(num: str, mark: str, segments, text_w: int, gutter: str | None, fg: str | None, *,
          dim: bool = False, empty: str = ""):
    """Wrap `segments` to text_w columns; changed segments are bold, the gutter names the rule."""
    segments = list(segments)
    plain = "".join(s.text for s in segments)
    if not plain and empty:
        segments, plain = [Segment("equal", empty)], empty
    for k, (start, end) in enumerate(wrap_spans(plain, text_w)):
        body = "".join(_style(s, fg, dim) for s in _slice(segments, start, end))
        head = click.style(f"{num if k == 0 else ' ' * len(num)} {mark} ", fg=fg, dim=True if fg is None else None)
        if gutter and k == 0:
            pad = " " * (text_w - (end - start))
            yield head + body + pad + click.style(GUTTER, dim=True) + click.style(gutter, fg=fg or "cyan",
                                                                                   bold=fg == "red")
        else:
            yield head + body


def _style(seg: Segment, fg: str | None, dim: bool) -> str:
    if seg.op == "equal":
        return click.style(seg.text, fg=fg, dim=dim) if (fg or dim) else seg.text
    return click.style(seg.text, fg=fg, bold=True, underline=True)


def _slice(segments, start: int, end: int):
    pos = 0
    for seg in segments:
        s, e = max(start, pos), min(end, pos + len(seg.text))
        if s < e:
            yield Segment(seg.op, seg.text[s - pos : e - pos])
        pos += len(seg.text)


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) spans that wrap `text` at spaces to at most `width` characters."""
    spans, i, n = [], 0, len(text)
    while n - i > width:
        cut = text.rfind(" ", i + 1, i + width + 1)
        if cut <= i:
            spans.append((i, i + width))
            i += width
        else:
            spans.append((i, cut))
            i = cut + 1
    spans.append((i, n))
    return spans


def _summary(view: InspectView, width: int, filtered: bool):
    kept, dropped, blank = (view.total(s) for s in ("kept", "dropped", "blank"))
    yield click.style("summary" + (" (whole file, not only the lines shown)" if filtered else ""), bold=True)
    yield from _wrapped(f"  {len(view.lines)} lines: {kept} kept, {dropped} dropped, {blank} blank; "
                        f"{view.repair_total} repairs; {view.body_paragraphs} body paragraphs, {view.posts} posts, "
                        f"{view.captions} captions", width, indent=4)
    if not view.counts:
        yield "  no rule fired"
        return
    name_w = max(len(n) for n in view.counts)
    yield click.style(f"  {'rule':<{name_w}}  dropped  repairs  what it recognises"[:width], dim=True)
    desc_w = max(10, width - name_w - 22)
    for name, c in view.counts.items():
        desc = view.legend.get(name, "")
        desc = desc if len(desc) <= desc_w else desc[: desc_w - 1] + "…"
        yield (f"  {click.style(name.ljust(name_w), fg='red' if c.dropped else 'green')}  {c.dropped or '-':>7}"
               f"  {c.repairs or '-':>7}  " + click.style(desc, dim=True))
