"""The benchmark corpus generator (benchmarks/corpus.py): deterministic, and its varied prose
behaves as a crawl does for the near-duplicate pass (different stories share few 3-grams,
syndicated copies share many)."""
from __future__ import annotations

import hashlib
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import corpus  # noqa: E402

from cleaners import neardup  # noqa: E402


def test_templated_corpus_is_the_one_the_figures_were_measured_on():
    # docs/performance.md's figures until 2026-12-05 were measured on this corpus: a change
    # to the generator must not silently change it.
    docs = repr([corpus.document(0, i, 0.5, "templated") for i in range(20)]).encode()
    assert hashlib.sha256(docs).hexdigest()[:16] == "8df90e696b44f0e0"


def test_a_document_depends_on_seed_and_index_alone(tmp_path):
    a = corpus.generate(tmp_path / "a", 40, seed=3, prose="varied")
    b = corpus.generate(tmp_path / "b", 25, seed=3, prose="varied", jobs=1)
    assert a["prose"] == "varied" and a["text_docs"] + a["html_docs"] == 40
    small = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.*") if p.name != "corpus.json")
    assert small and all((tmp_path / "a" / p).read_bytes() == (tmp_path / "b" / p).read_bytes() for p in small)


def _story(seed: int, i: int) -> int:
    rng = random.Random(f"{seed}:{i}")
    if i and rng.random() < corpus.SYNDICATED_SHARE:
        return rng.randrange(max(0, i - corpus.SYNDICATION_WINDOW), i)
    return i


def _body_sig(i: int):
    w = corpus.Writer(random.Random(f"0:{i}"), random.Random(f"0:story:{_story(0, i)}"), "varied")
    return neardup.signature("\n\n".join(w.body(20)))


def test_varied_prose_different_stories_are_not_near_duplicates():
    sigs = [_body_sig(i) for i in range(60) if _story(0, i) == i][:40]
    scores = [neardup.similarity(a, b) for k, a in enumerate(sigs) for b in sigs[k + 1 :]]
    assert max(scores) < neardup.THRESHOLD / 2, max(scores)


def test_varied_prose_syndicated_copies_are():
    copies = [i for i in range(1, 400) if _story(0, i) != i]
    assert 0.02 < len(copies) / 400 < 0.10  # SYNDICATED_SHARE of the documents
    i = copies[0]
    assert neardup.similarity(_body_sig(i), _body_sig(_story(0, i))) > 0.9  # same story, same body stream


def test_templated_prose_is_the_near_duplicate_worst_case():
    sigs = []
    for i in range(10):
        w = corpus.Writer(random.Random(f"0:{i}"))
        sigs.append(neardup.signature("\n\n".join(w.body(20))))
    assert np.mean([neardup.similarity(sigs[0], s) for s in sigs[1:]]) > neardup.THRESHOLD
