"""Similarity of the seeds to one another, per shingle size: the measurement behind THRESHOLD.

    .venv/bin/python benchmarks/neardup_seeds.py

Cleans every seed (cleaners.pipeline.clean_source), then prints for each pair the exact
Jaccard of their word n-gram sets (n = 1..5, same normalisation as cleaners.neardup)
and the MinHash estimate the archive uses (n = 3, 128 permutations).
"""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaners import neardup as nd  # noqa: E402
from cleaners.model import Source  # noqa: E402
from cleaners.pipeline import clean_source  # noqa: E402


def main() -> None:
    texts = {}
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        doc = clean_source(Source(p.resolve().as_uri(), p.read_bytes(), str(p)))
        texts[p.name[:3]] = nd.document_text(doc.body, [x.body for x in doc.posts])
    words = {k: nd.words(t) for k, t in texts.items()}
    sigs = {k: nd.signature(t) for k, t in texts.items()}
    sizes = range(1, 6)
    sets = {(k, n): set(nd.shingle_hashes(w, n).tolist()) for k, w in words.items() for n in sizes}
    print("pair     " + "  ".join(f"J{n}(exact)" for n in sizes) + "  J3(minhash)")
    for a, b in itertools.combinations(sorted(texts), 2):
        exact = [len(sets[a, n] & sets[b, n]) / len(sets[a, n] | sets[b, n]) for n in sizes]
        print(f"{a}-{b}  " + "  ".join(f"{j:9.3f}" for j in exact) + f"  {nd.similarity(sigs[a], sigs[b]):11.3f}")
    print(f"threshold {nd.THRESHOLD} on the MinHash estimate of J{nd.SHINGLE_WORDS}; "
          f"{np.mean([len(w) for w in words.values()]):.0f} words per seed on average")


if __name__ == "__main__":
    main()
