"""Keep/drop quality over a labelled set of pages, with pinned floors.

Each labelled page lists the lines that must leave the body; every other
non-blank line must stay. The floors below are measured values rounded down:
raise them, deliberately, when the cleaner gets better.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from cleaners.text import clean_text
from tests.helpers import seed_path

DATA = Path(__file__).resolve().parents[1] / "data" / "labelled"
FLOORS = {"drop_precision": 1.0, "drop_recall": 1.0, "keep_recall": 1.0}


def _cases():
    for drop_file in sorted(DATA.glob("*.drop")):
        name = drop_file.stem
        src = seed_path(name.split("_", 1)[1]) if name.startswith("seed_") else DATA / f"{name}.txt"
        labels = {ln.strip() for ln in drop_file.read_text(encoding="utf-8").splitlines() if ln.strip()}
        yield name, src.read_text(encoding="utf-8"), labels


POST_PARTS = ("post_headline", "post_byline", "post_caption", "post_credit", "post_time")


def score():
    c = dict(tp=0, fp=0, fn=0, kept_ok=0, keep_total=0)
    misses = []
    for name, text, must_drop in _cases():
        result = clean_text(text)
        src = text.split("\n")
        for line in result.page.lines:
            dropped = line.dropped_by is not None or line.tag in POST_PARTS
            first, last = result.page.input_lines(line.number)  # a hard-wrapped page is cleaned unwrapped
            for raw in (src[k].strip() for k in range(first, last + 1) if k < len(src)):
                if not raw:
                    continue
                if raw in must_drop:
                    c["tp"] += dropped
                    c["fn"] += not dropped
                    if not dropped:
                        misses.append((name, "kept but should go", raw))
                else:
                    c["keep_total"] += 1
                    c["kept_ok"] += not dropped
                    c["fp"] += dropped
                    if dropped:
                        misses.append((name, f"dropped by {line.dropped_by}", raw))
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    return {
        "drop_precision": tp / (tp + fp) if tp + fp else 1.0,
        "drop_recall": tp / (tp + fn) if tp + fn else 1.0,
        "keep_recall": c["kept_ok"] / c["keep_total"] if c["keep_total"] else 1.0,
        "misses": misses, "lines": tp + fp + fn + c["kept_ok"],
    }


def test_labelled_set_is_not_trivial():
    cases = list(_cases())
    assert len(cases) >= 7 and sum(len(d) for _, _, d in cases) >= 60


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_quality_floor(metric):
    s = score()
    assert s[metric] >= FLOORS[metric], f"{metric}={s[metric]:.3f} below floor; misses: {s['misses']}"


if __name__ == "__main__":  # python -m tests.cleaners.test_labelled_eval prints the figures
    s = score()
    print({k: round(v, 4) if isinstance(v, float) else v for k, v in s.items() if k != "misses"})
    for m in s["misses"]:
        print(" ", m)
