"""Near-duplicate fingerprints: a document's text -> a MinHash signature.

Pure and deterministic (no I/O, no Prefect, no process-salted hashes): the same
text gives the same signature on any machine, so signatures can be stored and
compared against documents archived by later runs.

Method (measured choices in docs/neardup.md):
- normalise: Unicode NFKC, case-folded, apostrophe look-alikes folded to "'",
  punctuation (quotes included) dropped; a word is a run of letters/digits (with inner
  apostrophes, so "Russia's" is one word);
- shingles: overlapping word 3-grams, as a set (repeats do not count);
- fingerprint: datasketch MinHash, 128 permutations, fixed seed, `affine32`
  scheme; the estimated Jaccard of two signatures is the share of equal slots;
- matching (`find_matches`): LSH banding (64 bands x 2 slots) with numpy sorts,
  candidates scored on the full signature, flagged at >= THRESHOLD.

Word 3-grams separate a reworded copy (estimated Jaccard ~0.35 for a sentence-by-
sentence machine paraphrase) from a different article on the same story (~0.01):
topic words alone rarely line up three in a row.
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

import numpy as np

SHINGLE_WORDS = 3
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch >= 2.0 permutation scheme; signatures are uint32
THRESHOLD = 0.15  # estimated Jaccard at or above which two documents are near-duplicates
MIN_SHINGLES = 20  # shorter texts get no signature: too few shingles for a stable score
BANDS, ROWS = 64, 2  # LSH banding: P(compared) = 1-(1-J^2)^64: 0.77 at J=0.15, 0.9998 at J=0.35
BUCKET_CAP = 64  # at most this many earlier rows taken from one LSH bucket
# Changes whenever anything above or the normalisation changes: stored signatures
# made with another version are not comparable and are recomputed.
VERSION = f"w{SHINGLE_WORDS}-p{NUM_PERM}-s{SEED}-{SCHEME}-n1"

# Apostrophe look-alikes fold to "'" (they join words: "Russia’s"); other quotes are punctuation.
_APOSTROPHES = re.compile("[\u2018\u2019\u201a\u201b\u2032`\u00b4]")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# Odd 64-bit multipliers, one per position in the n-gram (splitmix64 / golden-ratio constants).
_MIX = np.array([0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB,
                 0xD6E8FEB86659FD93, 0xA0761D6478BD642F], dtype=np.uint64)


def words(text: str) -> list[str]:
    """The text as normalised words: case, quote style and punctuation do not matter."""
    text = _APOSTROPHES.sub("'", unicodedata.normalize("NFKC", text).casefold())
    return _WORD.findall(text)


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def shingle_hashes(tokens: list[str], n: int = SHINGLE_WORDS) -> np.ndarray:
    """32-bit hashes of the distinct word n-grams of `tokens` (a text shorter than n is one shingle)."""
    if not tokens:
        return np.empty(0, dtype=np.uint32)
    table = {w: _word_hash(w) for w in set(tokens)}
    th = np.array([table[w] for w in tokens], dtype=np.uint64)
    n = min(n, len(th))
    m = len(th) - n + 1
    with np.errstate(over="ignore"):  # wrap-around multiplication is the intended mod 2^64
        h = np.zeros(m, dtype=np.uint64)
        for j in range(n):
            h = (h ^ th[j : j + m]) * _MIX[j % len(_MIX)]
    folded = (h ^ (h >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    return np.unique(folded.astype(np.uint32))


def document_text(body: str, post_bodies: list[str] | tuple[str, ...] = ()) -> str:
    """The text a document is fingerprinted on: its body and its posts' bodies.

    Shingles are a set, so text repeated between body and posts does not skew the score.
    """
    return "\n\n".join([body or "", *(p or "" for p in post_bodies)])


@functools.lru_cache(maxsize=1)
def _permutations():
    """The seed's permutation parameters, drawn once per process instead of once per document."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> np.ndarray | None:
    """MinHash signature (uint32[NUM_PERM]) of the text, or None if it has < MIN_SHINGLES shingles."""
    hashes = shingle_hashes(words(text))
    if len(hashes) < MIN_SHINGLES:
        return None
    from datasketch import MinHash  # heavy import (scipy): only where fingerprints are made

    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=int, permutations=_permutations())
    m.update_batch(hashes.tolist())
    return np.asarray(m.hashvalues, dtype=np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal slots."""
    return float(np.count_nonzero(a == b)) / len(a)


def find_matches(sigs: np.ndarray, query: np.ndarray, threshold: float = THRESHOLD,
                 bucket_cap: int = BUCKET_CAP) -> list[tuple[int, int, float]]:
    """For each query row, its most similar EARLIER row, if at or above `threshold`.

    `sigs` is (n, NUM_PERM) uint32, one signature per row, rows in "earlier first"
    order; `query` (bool, n) marks the rows to find a match for (any earlier row,
    query or not, is a candidate). Returns sorted (row, earlier_row, score) triples;
    ties on score go to the earliest row.

    Candidates come from LSH banding (BANDS bands of ROWS slots: two documents are
    compared if any band is equal), done with numpy sorts instead of per-bucket
    Python sets (datasketch's MinHashLSH took 112 s and 1.7 GB RSS for 100k
    documents at this threshold, see docs/neardup.md); every candidate is scored
    on the full signature band by band, so memory stays bounded. A bucket shared
    by more than `bucket_cap` earlier rows (mass duplicates, very common phrases)
    only offers its `bucket_cap` latest earlier rows, which bounds the work to
    n * BANDS * bucket_cap pairs.
    """
    sigs = np.ascontiguousarray(sigs, dtype=np.uint32)
    n = len(sigs)
    if n < 2 or not query.any():
        return []
    # One sortable value per (row, band): the band's ROWS uint32 slots packed together.
    packed = np.uint64 if ROWS == 2 else np.dtype((np.void, 4 * ROWS))
    keys = np.ascontiguousarray(sigs[:, : BANDS * ROWS]).view(packed).reshape(n, BANDS)
    rank = np.arange(n)
    width = sigs.shape[1]
    kept = []  # per band: (row, earlier_row, score) of the pairs at or above the threshold
    for band in range(BANDS):
        order = np.argsort(keys[:, band], kind="stable")  # by band value, then earlier first
        sk = keys[order, band]
        new_group = np.r_[True, sk[1:] != sk[:-1]]
        start = np.maximum.accumulate(np.where(new_group, rank, 0))
        pos = rank[query[order] & (rank > start)]
        if not len(pos):
            continue
        count = np.minimum(pos - start[pos], bucket_cap)
        later = np.repeat(pos, count)
        back = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count) + 1
        rows, earlier = order[later], order[later - back]
        for lo in range(0, len(rows), 100_000):  # score as we go: memory stays ~100k x NUM_PERM bytes
            r, e = rows[lo : lo + 100_000], earlier[lo : lo + 100_000]
            score = np.count_nonzero(sigs[r] == sigs[e], axis=1) / width
            hit = score >= threshold
            if hit.any():
                kept.append((r[hit], e[hit], score[hit]))
    if not kept:
        return []
    rows, earlier, score = (np.concatenate(parts) for parts in zip(*kept))
    best = np.lexsort((earlier, -score, rows))
    rows, earlier, score = rows[best], earlier[best], score[best]
    first = np.r_[True, rows[1:] != rows[:-1]]
    return [(int(r), int(e), float(s)) for r, e, s in zip(rows[first], earlier[first], score[first])]
