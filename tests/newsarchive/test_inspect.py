"""`newsarchive inspect`: the view model accounts for every decision; the terminal view shows it."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaners.model import Source
from cleaners.pipeline import clean_source_with_page
from cleaners.rules.packs import all_rule_names
from newsarchive.cli import main
from newsarchive.inspect import DROPPED, KEPT, build_view, rule_legend
from tests.helpers import SEEDS, seed_path

ANSI = re.compile(r"\x1b\[[0-9;]*m")
SEED_FILES = sorted(SEEDS.glob("*.txt"))
KEPT_SENTENCE = "Satellite images taken by Maxar Technologies on Monday"


def _clean(path: Path):
    return clean_source_with_page(Source(path.as_uri(), path.read_bytes(), str(path)))


def _invoke(*args, **kw):
    return CliRunner().invoke(main, ["inspect", *map(str, args)], **kw)


# -- the view model --------------------------------------------------------------------------

@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_view_accounts_for_every_removal_and_repair(path):
    doc, result = _clean(path)
    view = build_view(path)
    assert [ln.number for ln in view.lines] == list(range(1, len(result.page.lines) + 1))
    dropped = Counter((ln.rule, ln.text.strip()) for ln in view.lines if ln.status == DROPPED and ln.text.strip())
    assert dropped == Counter((r.rule, r.text) for r in doc.removed)
    shown = [r.rule for ln in view.lines for r in ln.repairs + ln.notes] + [r.rule for r in view.other_repairs]
    assert Counter(shown) == Counter(r.rule for r in doc.repairs)
    assert sum(c.dropped for c in view.counts.values()) == len(doc.removed)
    assert view.repair_total == len(doc.repairs)


def test_a_hard_wrapped_file_is_shown_unwrapped_with_its_input_line_numbers():
    path = Path(__file__).resolve().parents[1] / "data" / "labelled" / "wire_hardwrapped.txt"
    view = build_view(path)
    shown = [(ln.number, ln.status, ln.rule) for ln in view.lines if ln.text.strip()]
    assert shown == [(1, DROPPED, "title"), (3, DROPPED, "byline"), (5, KEPT, None), (9, KEPT, None),
                     (13, DROPPED, "ad_slot"), (15, KEPT, None), (19, DROPPED, "copyright_line")]
    assert view.lines[4].text.startswith("Severe storms") and view.lines[4].text.endswith("said on Saturday.")
    assert view.unwrapped_from == 20 and "hard-wrapped" in view.text_origin


def test_paragraph_repairs_sit_on_the_line_they_concern():
    view = build_view(seed_path("000"))
    notes = [(ln, n) for ln in view.lines for n in ln.notes]
    assert notes, "seed 000 has paragraphs broken by removed inserts"
    for ln, note in notes:
        if note.rule == "broken_paragraph":
            first, second = note.before.split("\n\n", 1)
            assert second.startswith(ln.text.strip())
            assert "joined to the paragraph above" in note.note
        else:
            assert note.before.startswith(ln.text.strip())
    assert not view.other_repairs  # a text dump has no file-level (decoding) repairs


def test_markdown_link_repair_shows_before_and_after():
    view = build_view(seed_path("000"))
    reps = [r for ln in view.lines for r in ln.repairs if r.rule == "markdown_link"]
    assert reps
    for rep in reps:
        assert "](" in rep.before and "](" not in rep.after
        removed = "".join(s.text for s in rep.before_segments() if s.op == "delete")
        assert "](" in removed and "[" in removed  # only the link syntax is marked as removed
        assert "".join(s.text for s in rep.after_segments()) == rep.after


def test_legend_descriptions_come_from_the_cleaners_docstrings():
    import ast

    import cleaners

    docs = " ".join(" ".join((ast.get_docstring(ast.parse(f.read_text())) or "").split())
                    for f in Path(cleaners.__file__).parent.rglob("*.py"))
    legend = rule_legend()
    assert list(legend)[: len(set(all_rule_names()))] == list(dict.fromkeys(all_rule_names()))
    for name in all_rule_names():
        desc = legend[name]
        assert "no description" not in desc, name
        assert desc.rstrip("…") in docs, (name, desc)
        assert "\n" not in desc


def test_hostile_text_and_name_are_escaped_in_html(tmp_path):
    from newsarchive.inspect_html import render_html

    evil = tmp_path / 'x"><svg onload=alert(1)>.txt'
    body = " ".join(["The council met on Tuesday and voted to approve the plan after a long debate."] * 3)
    evil.write_text(
        "<script>alert('title')</script> & more\n\n"
        f"{body}\n\n"
        "Related Article: <img src=x onerror=alert(2)>\n\n"
        f"{body} </div><iframe src=javascript:alert(3)>\n\n"
        "- [Terms](javascript:alert(4))\n- [Privacy](#)\n- [About](#)\n",
        encoding="utf-8",
    )
    page = render_html(build_view(evil))
    lowered = page.lower()
    assert "<script" not in lowered and "<iframe" not in lowered and "<img" not in lowered and "<svg" not in lowered
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; &amp; more" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "x&quot;&gt;&lt;svg onload=alert(1)&gt;" in page  # the file name, too


def test_html_is_standalone():
    from newsarchive.inspect_html import render_html

    page = render_html(build_view(seed_path("000")))
    assert page.startswith("<!doctype html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", page, re.I)
    assert "<script" not in page.lower() and "<link" not in page.lower() and "@import" not in page
    assert 'class="row dropped"' in page and "related_article_insert" in page


# -- the terminal view -----------------------------------------------------------------------

def _gutter(output: str, rule: str, text: str) -> bool:
    """Some output line carries `text` with `rule` in its right-hand gutter."""
    return any(text in line and line.rstrip().endswith(f"| {rule}") for line in output.splitlines())


def test_terminal_shows_dropped_lines_with_their_rule_and_kept_text():
    res = _invoke(seed_path("000"), "--width", 200)
    assert res.exit_code == 0, res.output
    out = res.output
    assert _gutter(out, "related_article_insert", "Related Article: Satellite photos")
    assert _gutter(out, "nav_block", "Search CNN...")
    assert KEPT_SENTENCE in out
    kept = next(line for line in out.splitlines() if KEPT_SENTENCE in line)
    assert "|" not in kept and re.match(r"^\s*\d+\s{3}\S", kept)  # plain: number, no mark, no gutter
    assert _gutter(out, "markdown_link", "By [Natasha Bertrand](#)")  # before/after of a repair
    assert "+ By Natasha Bertrand, Jim Sciutto and Kylie Atwood, CNN" in out
    assert "! joined to the paragraph above" in out
    summary = out[out.index("\nsummary"):]
    assert re.search(r"^\s+related_article_insert\s+\d+\s+-\s", summary, re.M)
    assert not ANSI.search(out)


def test_no_ansi_when_not_a_tty_or_no_color(monkeypatch):
    # The switch works: forced colour does produce ANSI codes...
    forced = _invoke(seed_path("000"), "--color", "always")
    assert ANSI.search(forced.output)
    # ...and NO_COLOR wins over a colour-capable stream,
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(_invoke(seed_path("000"), color=True).output)
    monkeypatch.delenv("NO_COLOR")
    # ...and a real pipe (not a tty) gets plain text.
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    piped = subprocess.run([sys.executable, "-m", "newsarchive.cli", "inspect", str(seed_path("000"))],
                           capture_output=True, text=True, env=env, check=True)
    assert "related_article_insert" in piped.stdout
    assert "\x1b" not in piped.stdout


def test_only_dropped_and_rule_filters():
    out = _invoke(seed_path("000"), "--only-dropped", "--width", 200).output
    assert _gutter(out, "related_article_insert", "Related Article:")
    assert KEPT_SENTENCE not in out
    assert "summary (whole file" in out

    out = _invoke(seed_path("000"), "--rule", "related_article_insert", "--width", 200).output
    body = out[out.index("-----"): out.index("\nsummary")]
    rows = [line for line in body.splitlines()[1:] if line.strip()]
    assert rows and all("Related Article:" in r or re.match(r"^\s+x\s", r) for r in rows)
    assert "nav_block" not in body and "Search CNN" not in body


def test_unknown_rule_is_a_usage_error():
    res = _invoke(seed_path("000"), "--rule", "no_such_rule")
    assert res.exit_code == 2
    assert "unknown rule" in res.output and "nav_block" in res.output


@pytest.mark.parametrize("width", [60, 100])
def test_width_is_honoured(width):
    out = _invoke(seed_path("000"), "--width", width).output
    assert "x Related Article:" in out
    too_long = [line for line in out.splitlines() if len(line) > width]
    assert not too_long


def test_html_option_writes_the_report(tmp_path):
    report = tmp_path / "report.html"
    res = _invoke(seed_path("004"), "--html", report)
    assert res.exit_code == 0, res.output
    page = report.read_text(encoding="utf-8")
    assert "video_title" in page and "fused_date_header" in page
    assert "2021-12-19" in page  # the published date found in the fused header
    assert f"wrote {report}" in res.output


def test_rejected_file_still_shows_what_the_rules_did(tmp_path):
    nav_only = tmp_path / "nav.txt"
    nav_only.write_text("US\n\nWorld\n\nPolitics\n\n- [Terms of Use](#)\n- [Privacy Policy](#)\n", encoding="utf-8")
    res = _invoke(nav_only)
    assert "REJECTED clean:" in res.output
    assert _gutter(res.output, "nav_block", "World")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    res = _invoke(empty)
    assert res.exit_code == 1 and "REJECTED read:" in res.output


def test_inspect_never_imports_prefect():
    code = ("import sys; from newsarchive.cli import main; from newsarchive.inspect import build_view; "
            f"build_view({str(seed_path('003'))!r}); print('prefect' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_diff_of_a_huge_line_is_exact():
    """A 2 MB line: only the changed middle goes to difflib (quadratic), so this returns at once."""
    from newsarchive.inspect import diff_segments

    before = "word " * 200_000 + "[a link](#) " + "word " * 200_000
    after = before.replace("[a link](#)", "a link")
    segs = diff_segments(before, after)
    assert "".join(s.text for s in segs if s.op != "insert") == before
    assert "".join(s.text for s in segs if s.op != "delete") == after
    assert {s.text for s in segs if s.op == "delete"} <= {"[", "](#)"}


def test_html_filters(tmp_path):
    report = tmp_path / "only.html"
    _invoke(seed_path("000"), "--html", report, "--only-dropped")
    page = report.read_text(encoding="utf-8")
    assert 'class="row dropped"' in page and 'class="row kept' not in page
    assert KEPT_SENTENCE not in page


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_diff_segments_rebuild_both_sides(before, after):
    from newsarchive.inspect import diff_segments

    segs = diff_segments(before, after)
    assert "".join(s.text for s in segs if s.op != "insert") == before
    assert "".join(s.text for s in segs if s.op != "delete") == after
    assert all(s.text for s in segs)
