"""`newsarchive inspect FILE --html report.html`: the inspect view as one standalone page.

Inline CSS, no scripts, no external assets: it opens the same from a laptop, a
CI artefact or a mail attachment. Every piece of input text goes through
`html.escape` (input pages are hostile). A CSS-only checkbox hides kept lines.
"""
from __future__ import annotations

from html import escape

from newsarchive import __version__
from newsarchive.inspect import BLANK, DROPPED, KEPT, InspectView, LineView, RepairView, Segment

# Colours are part of the contract with the screenshot test (tests/newsarchive/test_inspect_html.py).
DROPPED_BG = "#fde2e2"
KEPT_BG = "#ffffff"
BEFORE_BG = "#ffeef0"
AFTER_BG = "#e6ffed"
NOTE_BG = "#fff5c2"
MAX_LINE_LINKS = 12
COLS = ('<colgroup><col style="width:15.5em"><col><col style="width:5.5em"><col style="width:5.5em">'
        '<col style="width:12em"></colgroup>')

CSS = f"""
*{{box-sizing:border-box}}
body{{margin:0;background:#f3f4f6;color:#1f2328;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",
  "DejaVu Sans",sans-serif}}
main{{max-width:1120px;margin:0 auto;padding:24px 28px 48px}}
h1{{font-size:22px;margin:0 0 4px}} h2{{font-size:17px;margin:28px 0 10px}}
.src{{font:13px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;color:#57606a;word-break:break-all;margin:0}}
.origin{{color:#57606a;margin:6px 0 0;font-size:14px}}
.rejected{{background:#cf222e;color:#fff;padding:8px 12px;border-radius:6px;margin:12px 0;font-weight:600}}
.cards{{display:flex;gap:12px;margin:18px 0 0;flex-wrap:wrap}}
.card{{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px 16px;min-width:130px}}
.card b{{display:block;font-size:24px;line-height:1.2}} .card span{{color:#57606a;font-size:13px}}
.card.dropped{{border-left:6px solid #cf222e}} .card.kept{{border-left:6px solid #8c959f}}
.card.repaired{{border-left:6px solid #1a7f37}} .card.notes{{border-left:6px solid #bf8700}}
.panel{{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:14px 18px}}
dl{{display:grid;grid-template-columns:9em 1fr;gap:4px 16px;margin:0}} dt{{color:#57606a}} dd{{margin:0}}
.missing{{color:#8c959f;font-style:italic}} .how{{color:#57606a;font-size:13px}}
table{{border-collapse:collapse;width:100%;background:#fff;border:1px solid #d0d7de;border-radius:8px;
  overflow:hidden}}
th,td{{text-align:left;padding:6px 10px;border-bottom:1px solid #eaeef2;vertical-align:top;font-size:14px}}
th{{background:#f6f8fa;font-weight:600}} td.n{{text-align:right;font-variant-numeric:tabular-nums;width:5em}}
tr.idle td{{color:#8c959f}} tr.idle .badge{{opacity:.55}}
td.where a{{color:#0969da;text-decoration:none;margin-right:6px;font-size:13px}}
code{{font:13px ui-monospace,"DejaVu Sans Mono",monospace;background:#f6f8fa;padding:0 3px;border-radius:3px}}
.badge{{display:inline-block;font:12px/1.6 ui-monospace,"DejaVu Sans Mono",monospace;padding:0 7px;border-radius:10px;
  white-space:nowrap;color:#fff;background:#cf222e}}
.badge.fix{{background:#1a7f37}} .badge.note{{background:#9a6700}} .badge.aside{{background:#6e7781}}
.key{{display:flex;gap:16px;flex-wrap:wrap;font-size:13px;color:#57606a;margin:0 0 8px}}
.key i{{display:inline-block;width:14px;height:14px;border-radius:3px;vertical-align:-2px;margin-right:5px;
  border:1px solid #d0d7de}}
.toggle{{margin:0 6px 12px 0}} label{{font-size:14px}}
.lines{{background:#fff;border:1px solid #d0d7de;border-radius:8px;overflow:hidden}}
.row{{display:grid;grid-template-columns:4.2em 1fr 13.5em;border-bottom:1px solid #f0f2f4;background:{KEPT_BG}}}
.row>.ln{{font:12px/22px ui-monospace,"DejaVu Sans Mono",monospace;color:#8c959f;text-align:right;padding:2px 10px 0 0;
  user-select:none}}
.row>.ln a{{color:inherit;text-decoration:none}}
.row>.tx{{padding:2px 8px;white-space:pre-wrap;overflow-wrap:anywhere}}
.row>.rl{{padding:2px 10px;text-align:right}}
.row.dropped{{background:{DROPPED_BG};box-shadow:inset 4px 0 #cf222e}} .row.dropped>.tx{{color:#7d4e57}}
.row.headline>.tx{{font-weight:600}}
.row.before{{background:{BEFORE_BG};box-shadow:inset 4px 0 #cf222e}}
.row.after{{background:{AFTER_BG};box-shadow:inset 4px 0 #1a7f37}}
.row.note{{background:{NOTE_BG};box-shadow:inset 4px 0 #bf8700;font-size:14px}}
.row.before>.tx::before,.row.after>.tx::before{{font:12px ui-monospace,monospace;color:#57606a;margin-right:8px}}
.row.before>.tx::before{{content:"before"}} .row.after>.tx::before{{content:"after"}}
del{{background:#ffc1c0;text-decoration:line-through;text-decoration-color:#cf222e}}
ins{{background:#abf2bc;text-decoration:none}}
.empty{{color:#8c959f;font-style:italic}}
.gap{{height:8px;background:#f6f8fa;border-bottom:1px solid #f0f2f4}}
#only-changes:checked ~ .lines .row.kept,
#only-changes:checked ~ .lines .gap{{display:none}}
details{{margin-top:8px}} summary{{cursor:pointer;color:#57606a;font-size:14px;padding:4px 0}}
table{{table-layout:fixed}}
footer{{color:#8c959f;font-size:12px;margin-top:24px}}
"""


def render_html(view: InspectView, *, only_dropped: bool = False, rule: str | None = None) -> str:
    """The whole report as one HTML document (a str)."""
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>inspect: {escape(view.source)}</title>",
        f"<style>{CSS}</style></head><body><main>",
        *_header(view),
    ]
    if view.lines:
        parts += _metadata(view) + _rules(view) + _lines(view, only_dropped, rule) + _other_repairs(view)
    parts.append(f"<footer>newsarchive {escape(__version__)} · inspect report · no scripts, no external assets"
                 "</footer></main></body></html>")
    return "\n".join(parts)


def _header(view: InspectView) -> list[str]:
    out = ["<h1>What cleaning kept, dropped and repaired</h1>", f'<p class="src">{escape(view.source)}</p>']
    if view.rejected:
        out.append(f'<p class="rejected">Rejected: {escape(view.rejected)}'
                   + (" — shown anyway: what the rules did before nothing was left" if view.lines else "") + "</p>")
    if not view.lines:
        return out
    out.append(f'<p class="origin">{len(view.lines)} {escape(view.text_origin)} · format '
               f"<b>{escape(view.source_format)}</b> · site <b>{escape(view.site or '—')}</b> · kind "
               f"<b>{escape(view.kind)}</b></p>")
    notes = sum(len(ln.notes) for ln in view.lines)
    cards = [
        ("kept", view.total(KEPT), "lines kept"),
        ("dropped", view.total(DROPPED), "lines dropped"),
        ("repaired", view.repair_total - notes, "line repairs" if view.repair_total - notes != 1 else "line repair"),
        ("notes", notes, "paragraph repairs"),
        ("", view.body_paragraphs, "body paragraphs"),
    ] + ([("", view.posts, "live-blog posts")] if view.posts else [])
    out.append('<div class="cards">' + "".join(
        f'<div class="card {cls}"><b>{n}</b><span>{escape(label)}</span></div>' for cls, n, label in cards) + "</div>")
    return out


def _metadata(view: InspectView) -> list[str]:
    def ts(t):
        if t is None:
            return None
        return (f"{escape(t.value.isoformat())} <span class=how>from <code>{escape(t.source)}</code>, "
                f"{escape(t.precision)} precision</span>")

    rows = [
        ("title", escape(view.title) if view.title else None),
        ("authors", escape(", ".join(view.authors)) if view.authors else None),
        ("byline", escape(view.byline) if view.byline else None),
        ("published", ts(view.published)),
        ("updated", ts(view.updated)),
        ("video title", escape(view.video_title) if view.video_title else None),
        ("site", escape(view.site) if view.site else None),
        ("posts · captions", f"{view.posts} · {view.captions}"),
    ]
    body = "".join(f"<dt>{k}</dt><dd>{v if v is not None else '<span class=missing>not found</span>'}</dd>"
                   for k, v in rows)
    return ["<h2>Metadata found</h2>", f'<div class="panel"><dl>{body}</dl></div>']


def _rules(view: InspectView) -> list[str]:
    where: dict[str, list[int]] = {}
    for ln in view.lines:
        for name in sorted(ln.rules):
            where.setdefault(name, []).append(ln.number)
    rows = []
    idle = [n for n in view.legend if n not in view.counts]
    for name in list(view.counts) + idle:
        if name == (idle[0] if idle else None):
            rows.append("</table><details><summary>"
                        f"{len(idle)} more rule{'s' if len(idle) != 1 else ''} did not fire on this file</summary>"
                        f"<table>{COLS}")
        c = view.counts.get(name)
        lines = where.get(name, [])
        links = " ".join(f'<a href="#L{n}">{n}</a>' for n in lines[:MAX_LINE_LINKS])
        if len(lines) > MAX_LINE_LINKS:
            links += f" <span class=how>+{len(lines) - MAX_LINE_LINKS} more</span>"
        kind = "fix" if c and not c.dropped else ""
        rows.append(
            f'<tr class="{"" if c else "idle"}"><td><span class="badge {kind}">{escape(name)}</span></td>'
            f"<td>{_code(view.legend.get(name, ''))}</td>"
            f'<td class="n">{c.dropped if c and c.dropped else "–"}</td>'
            f'<td class="n">{c.repairs if c and c.repairs else "–"}</td><td class="where">{links}</td></tr>')
    return ["<h2>Rules</h2>",
            f"<table>{COLS}<tr><th>rule</th><th>what it recognises</th><th>dropped</th><th>repairs</th><th>lines</th></tr>",
            *rows, "</table>" + ("</details>" if idle else ""),
            '<p class="how">Descriptions come from the cleaners\' docstrings; the line numbers link to the lines.</p>']


def _code(text: str) -> str:
    """Escape a docstring line and show its `code` spans as <code>."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # unbalanced backticks: show as plain text
        return escape(text)
    return "".join(escape(p) if i % 2 == 0 else f"<code>{escape(p)}</code>" for i, p in enumerate(parts))


def _lines(view: InspectView, only_dropped: bool, rule: str | None) -> list[str]:
    filtered = only_dropped or rule is not None
    shown = view.select(only_dropped=only_dropped, rule=rule)
    what = []
    if only_dropped:
        what.append("dropped lines only")
    if rule:
        what.append(f"lines touched by <code>{escape(rule)}</code>")
    out = ["<h2>Lines" + (f" <span class=how>({', '.join(what)})</span>" if what else "") + "</h2>",
           '<div class="key">'
           f'<span><i style="background:{KEPT_BG}"></i>kept</span>'
           f'<span><i style="background:{DROPPED_BG}"></i>dropped (rule at right)</span>'
           f'<span><i style="background:{BEFORE_BG}"></i>before a repair</span>'
           f'<span><i style="background:{AFTER_BG}"></i>after it</span>'
           f'<span><i style="background:{NOTE_BG}"></i>paragraph repair</span></div>']
    if not filtered:
        out.append('<input type="checkbox" id="only-changes" class="toggle">'
                   '<label for="only-changes">show only dropped and repaired lines</label>')
    rows = []
    gap = False
    for ln in shown:
        if ln.status == BLANK and not ln.interesting:
            if not filtered and not gap:
                rows.append('<div class="gap"></div>')
            gap = True
            continue
        gap = False
        rows += _line_rows(ln)
    if not rows:
        rows.append('<div class="row"><div class="ln"></div><div class="tx empty">no line matches the filter</div>'
                    "<div></div></div>")
    out += ['<div class="lines">', *rows, "</div>"]
    return out


def _row(cls: str, number: int | None, text_html: str, badge: str = "", badge_cls: str = "") -> str:
    ln = f'<a id="L{number}" href="#L{number}">{number}</a>' if number is not None else ""
    rl = f'<span class="badge {badge_cls}">{escape(badge)}</span>' if badge else ""
    return f'<div class="row {cls}"><div class="ln">{ln}</div><div class="tx">{text_html}</div><div class="rl">{rl}</div></div>'


def _line_rows(ln: LineView) -> list[str]:
    out = []
    number: int | None = ln.number
    for rep in ln.repairs:
        out.append(_row("before", number, _segments(rep.before_segments()), rep.rule, "fix"))
        number = None
        out.append(_row("after", None, _segments(rep.after_segments())))
    if ln.status == DROPPED:
        out.append(_row("dropped", number, escape(ln.text.strip()), ln.rule or "", ""))
    elif not ln.repairs:
        cls = "kept headline" if ln.tag and ln.tag.endswith("headline") else "kept"
        out.append(_row(cls, number, escape(ln.text.strip()), ln.tag or "", "aside"))
    for note in ln.notes:
        out.append(_row("note", None, escape(note.note or note.after), note.rule, "note"))
    return out


def _segments(segments: tuple[Segment, ...]) -> str:
    if not "".join(s.text for s in segments):
        return '<span class="empty">(empty)</span>'
    tag = {"delete": "del", "insert": "ins"}
    return "".join(escape(s.text) if s.op == "equal" else f"<{tag[s.op]}>{escape(s.text)}</{tag[s.op]}>"
                   for s in segments)


def _other_repairs(view: InspectView) -> list[str]:
    if not view.other_repairs:
        return []
    rows = "".join(_repair_row(r) for r in view.other_repairs)
    return ["<h2>File-level repairs</h2>", '<div class="lines">', rows, "</div>"]


def _repair_row(rep: RepairView) -> str:
    return (_row("before", None, _segments(rep.before_segments()), rep.rule, "fix")
            + _row("after", None, _segments(rep.after_segments())))
