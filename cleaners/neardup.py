"""Near-duplicate fingerprints: a document's text -> a MinHash signature.

Pure and deterministic (no I/O, no Prefect, no process-salted hashes): the same
text gives the same signature on any machine, so signatures can be stored and
compared against documents archived by later runs.

Method (measured choices in docs/neardup.md):
- normalise: Unicode NFKC, case-folded, apostrophe look-alikes folded to "'",
  punctuation (quotes included) dropped; a word is a run of letters/digits (with inner
  apostrophes, so "Russia's" is one word);
- shingles: overlapping word 3-grams, as a set (repeats do not count);
- fingerprint: MinHash, 128 permutations, fixed seed, the `affine32` scheme of
  datasketch 2.0 computed here with numpy (same values bit for bit, so stored
  signatures stay valid; datasketch itself is not a dependency: importing it
  pulled in scipy and redis); the estimated Jaccard of two signatures is the
  share of equal slots;
- matching (`find_matches`): LSH banding (64 bands x 2 slots) with numpy sorts,
  candidates scored on the full signature, flagged at >= THRESHOLD.

Word 3-grams separate a reworded copy (estimated Jaccard ~0.35 for a sentence-by-
sentence machine paraphrase) from a different article on the same story (~0.01):
topic words alone rarely line up three in a row.
"""
from __future__ import annotations

import functools
import hashlib
import operator
import re
import threading
import unicodedata
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from cleaners.cpus import usable_cpus

SHINGLE_WORDS = 3
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch 2.0's permutation scheme (see _permutations); signatures are uint32
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
    """The text as normalised words: case, quote style and punctuation do not matter.

    The reference definition; `signature` uses `_tokens`, a faster equivalent.
    """
    text = _APOSTROPHES.sub("'", unicodedata.normalize("NFKC", text).casefold())
    return _WORD.findall(text)


def _word_hash(word: str | bytes) -> int:
    if isinstance(word, str):
        word = word.encode("utf-8")
    return int.from_bytes(hashlib.blake2b(word, digest_size=8).digest(), "little")


# --- fast tokens: the same words as `words`, found on UTF-8 bytes ---------------------------
#
# `words` spends most of its time in a Unicode-aware regex. `_tokens` works on the NFKC
# text's UTF-8 bytes: one `bytes.translate` lower-cases ASCII letters and blanks every other
# ASCII character but the apostrophe, `split()` cuts at the blanks, and every non-ASCII byte
# counts as a word character for now. A token holding non-ASCII bytes is then put through the
# reference steps on its own (`_canonical`): casefold, apostrophe folding and `_WORD` work
# character by character and every cut made here is at an ASCII character that no word
# contains, so the words are the same (tested against `words` on fuzzed text and on every
# code point). Common non-ASCII punctuation is blanked first, so that "said—the" is not one
# token to re-split.
_CUTS = bytearray(range(256))  # ASCII: letters lower-cased, digits kept, "'" and "`" -> "'", the rest -> " "
for _i in range(128):
    _CUTS[_i] = ord(chr(_i).lower()) if chr(_i).isalnum() else 39 if chr(_i) in "'`" else 32
_CUTS = bytes(_CUTS)


def _alternation(chars: str, lead: bytes) -> re.Pattern:
    """Regex over the UTF-8 of `chars` that all start with the bytes `lead` (a fast literal scan)."""
    tails = [c.encode()[len(lead):] for c in chars]
    assert all(c.encode().startswith(lead) for c in chars) and len({len(t) for t in tails}) == 1
    return re.compile(re.escape(lead) + b"[" + b"".join(re.escape(bytes([t[0]])) for t in tails) + b"]")


# Apostrophe look-alikes that survive NFKC (the acute accent does not), and separators: no
# letter or digit, casefold leaves them as they are (checked here), not apostrophes.
_APOSTROPHE_SEQS = _alternation("\u2018\u2019\u201a\u201b\u2032", b"\xe2\x80")
_SEPARATORS = {b"\xe2\x80": "\u201c\u201d\u201e\u201f\u2039\u203a\u2014\u2013\u2012\u2015\u2010\u2011\u2026\u2022",
               b"\xc2": "\u00ab\u00bb\u00b7\u00a7\u00b6\u00a9\u00ae\u00b0\u00a3\u00a5\u00bf\u00a1"}
assert all(not c.isalnum() and c.casefold() == c and not _APOSTROPHES.match(c)
           for chars in _SEPARATORS.values() for c in chars)
_SEPARATOR_SEQS = tuple((lead, _alternation(chars, lead)) for lead, chars in _SEPARATORS.items())
_HASHES_MAX = 1 << 16  # words cached per process (see _word_cache)


def _canonical(token: bytes) -> list[bytes]:
    """The reference words of one token (`words` applied to it alone), as UTF-8."""
    return [w.encode() for w in _WORD.findall(_APOSTROPHES.sub("'", token.decode().casefold()))]


def _tokens(text: str) -> list[bytes]:
    """The text cut into byte tokens that stand for the words of `words(text)`.

    An ASCII token is its word. A token with non-ASCII bytes stands for `_canonical(token)`:
    usually one word, maybe in another form ("krak\\xc3\\x93w" for "kraków"), rarely none or
    several (an emoji, "İstanbul" -> "i", "stanbul"); `_token_hashes` resolves those.
    """
    t = unicodedata.normalize("NFKC", text)
    try:
        b = t.encode()
    except UnicodeEncodeError:  # lone surrogates (never part of a word): the reference path
        return [w.encode() for w in words(text)]
    if not b.isascii():
        if b"\xe2\x80" in b:
            b = _APOSTROPHE_SEQS.sub(b"'", b)
        for lead, seqs in _SEPARATOR_SEQS:
            if lead in b:
                b = seqs.sub(b" ", b)
    b = b.translate(_CUTS)
    if b"'" in b:  # an apostrophe joins two words only between word bytes: blank the others
        if b"''" in b:
            b = b.replace(b"''", b"  ")  # leaves no "''": an odd one out now follows a blank
        if b" '" in b:
            b = b.replace(b" '", b"  ")
        if b"' " in b:
            b = b.replace(b"' ", b"  ")
        if b[:1] == b"'":
            b = b" " + b[1:]
        if b[-1:] == b"'":
            b = b[:-1]
    return b.split()


def _signed_hash(word: bytes) -> int:
    h = int.from_bytes(hashlib.blake2b(word, digest_size=8).digest(), "little")
    return h - (1 << 64) if h >= 1 << 63 else h  # int64: numpy takes those faster than big uint64


def _unseen() -> None:
    """What the cache reads for a token not hashed yet (it is entered as None until it is)."""
    return None


def _word_cache() -> defaultdict:
    """token -> signed 64-bit blake2b of the one word it stands for. A defaultdict, not a
    dict subclass: its look-ups run at a dict's speed (a Python subclass with `__missing__`
    made every look-up ~40% slower), and a token not seen yet reads None instead of raising,
    so one pass both looks up the known words and finds the new ones."""
    return defaultdict(_unseen)


_HASHES = _word_cache()


def _token_hashes(toks: list[bytes]) -> np.ndarray:
    """uint64 blake2b hashes of the words that `_tokens` output stands for (cached per process).

    One C call looks every token up. Almost every document of a crawl brings a few words the
    cache has not seen (names, numbers): they read None, and only their places are filled in
    (hashing each new word once). Safe with several threads: the values read stay valid
    whatever another thread adds or empties meanwhile, and a None is always filled in here."""
    cache = _HASHES
    before = len(cache)
    vals = _looked_up(toks, cache)
    if len(cache) == before:  # no token was entered as new: every value is a hash, usually
        try:
            return np.fromiter(vals, np.int64, len(toks)).view(np.uint64)
        except TypeError:  # None: another thread's word not hashed yet
            pass
    if (len(cache) - before) * 8 > len(toks):  # many new words (a cold cache): hash each distinct one
        return _hashes_of(toks, cache)
    missing = [i for i, h in enumerate(vals) if h is None]
    if len(cache) > _HASHES_MAX:  # bounded: emptied when full, so memory stays flat
        cache.clear()
    vals = list(vals)
    for i in missing:
        tok = toks[i]
        h = cache.get(tok)  # hashed already if it came earlier in this document
        if h is None:
            h = _hash_token(tok)
            if isinstance(h, list):  # stands for no word or several (rare): the table path re-cuts
                return _hashes_of(toks, cache)
            cache[tok] = h
        vals[i] = h
    return np.fromiter(vals, np.int64, len(toks)).view(np.uint64)


def _hash_token(tok: bytes) -> int | list[bytes]:
    """The signed hash of the one word a token stands for, or its words when it stands for
    none or several (`_canonical`: an emoji, "İstanbul" -> "i", "stanbul")."""
    if tok.isascii():
        return _signed_hash(tok)
    parts = _canonical(tok)
    return _signed_hash(parts[0]) if len(parts) == 1 else parts


def _looked_up(toks: list[bytes], cache: defaultdict) -> tuple | list:
    """Every token's cached hash, None for those not hashed yet (entered as None)."""
    if len(toks) > 1:  # one C call for all the look-ups (a tuple): 1.25x faster than map()
        return operator.itemgetter(*toks)(cache)
    return [cache[t] for t in toks]


def _hashes_of(toks: list[bytes], cache: dict[bytes, int]) -> np.ndarray:
    """`_token_hashes` through a table of this document's own: for a document with a token that
    stands for no word or several (an emoji, "İstanbul" -> "i", "stanbul"), or one met by a
    cold cache (its distinct words hashed once each, not each place filled in)."""
    if len(cache) > _HASHES_MAX:
        cache.clear()
    table: dict[bytes, int] = {}
    split: dict[bytes, list[bytes]] = {}
    for tok in set(toks):
        h = cache.get(tok)
        if h is None:
            h = _hash_token(tok)
            if isinstance(h, list):
                split[tok] = h
                continue
            cache[tok] = h
        table[tok] = h
    if split:  # re-cut the token list; the parts are words, and a word is its own canonical form
        out: list[bytes] = []
        for tok in toks:
            parts = split.get(tok)
            if parts is None:
                out.append(tok)
            else:
                out.extend(parts)
                for w in parts:
                    if w not in table:
                        table[w] = cache[w] = _signed_hash(w)
        toks = out
    return np.fromiter(map(table.__getitem__, toks), np.int64, len(toks)).view(np.uint64)


def _shingles_of(th: np.ndarray, n: int) -> np.ndarray:
    n = min(n, len(th))
    m = len(th) - n + 1
    h = np.zeros(m, dtype=np.uint64)
    for j in range(n):  # wrap-around multiplication is the intended mod 2^64
        np.bitwise_xor(h, th[j : j + m], out=h)
        np.multiply(h, _MIX[j % len(_MIX)], out=h)
    h ^= h >> np.uint64(32)
    h = np.sort(h.astype(np.uint32))
    return h[np.concatenate(([True], h[1:] != h[:-1]))]  # np.unique, without its overhead (5x slower here)


def shingle_hashes(tokens: list[str] | list[bytes], n: int = SHINGLE_WORDS) -> np.ndarray:
    """32-bit hashes of the distinct word n-grams of `tokens` (a text shorter than n is one shingle)."""
    if not len(tokens):
        return np.empty(0, dtype=np.uint32)
    table = {w: _word_hash(w) for w in set(tokens)}
    th = np.array([table[w] for w in tokens], dtype=np.uint64)
    return _shingles_of(th, n)


def document_text(body: str, post_bodies: list[str] | tuple[str, ...] = ()) -> str:
    """The text a document is fingerprinted on: its body and its posts' bodies.

    Shingles are a set, so text repeated between body and posts does not skew the score.
    """
    return "\n\n".join([body or "", *(p or "" for p in post_bodies)])


# --- MinHash: datasketch 2.0's "affine32" scheme, bit for bit --------------------------------
#
# datasketch.MinHash(num_perm, seed, scheme="affine32", hashfunc=int).update_batch(hashes):
#   a = RandomState(seed).randint(0, 2**31, num_perm, uint32) * 2 + 1  (odd), then
#   b = (same generator).randint(0, 2**32, num_perm, uint32);
#   each 32-bit input hash h is pre-mixed with the MurmurHash3 finalizer (fmix32), and
#   slot k is min over the inputs of (a[k] * h + b[k]) mod 2**32 (uint32 wrap-around).
# (Not the legacy scheme's (a*h + b) % (2**61 - 1) & (2**32 - 1).) RandomState's stream is
# frozen by numpy's compatibility policy; tests pin the permutations and signatures.
_CHUNK = 4096  # shingles per step: a 128 x 4096 uint32 block (2 MB), whatever the document's length


@functools.lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The seed's permutation parameters (a, b), drawn once per process."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


@functools.lru_cache(maxsize=1)
def _columns() -> tuple[np.ndarray, np.ndarray]:
    """(a, b) as (NUM_PERM, 1) columns, for `minhash`'s one-row-per-permutation blocks."""
    a, b = _permutations()
    return a[:, None].copy(), b[:, None].copy()


def _fmix32(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint32(16))
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def minhash(hashes: np.ndarray) -> np.ndarray:
    """uint32[NUM_PERM] MinHash of a non-empty array of 32-bit hashes (repeats do not matter).

    One row per permutation: each row's minimum is a reduction over contiguous memory, 1.25x
    faster than the column minimum of the (shingles x permutations) layout it replaced."""
    a, b = _columns()
    h = _fmix32(np.asarray(hashes, dtype=np.uint32))
    out = None
    for lo in range(0, len(h), _CHUNK):
        blk = np.multiply(a, h[None, lo : lo + _CHUNK])
        blk += b
        low = blk.min(axis=1)
        out = low if out is None else np.minimum(out, low, out=out)
    return out


def signature(text: str) -> np.ndarray | None:
    """MinHash signature (uint32[NUM_PERM]) of the text, or None if it has < MIN_SHINGLES shingles."""
    th = _token_hashes(_tokens(text))
    if not len(th):
        return None
    hashes = _shingles_of(th, SHINGLE_WORDS)
    if len(hashes) < MIN_SHINGLES:
        return None
    return minhash(hashes)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal slots."""
    return float(np.count_nonzero(a == b)) / len(a)


# find_matches works in slices so that its memory does not grow with the candidate pairs:
GROUP_BANDS = 16  # bands whose bucket tables are held at once: 9 bytes x rows per band
PAIR_BUDGET = 1 << 18  # candidate pairs generated, deduplicated and scored at once (~10 MB)
SCORE_ROWS = 4096  # pairs compared at once: 2 x 2 MB of gathered signatures (reused buffers)


def find_matches(sigs: np.ndarray, query: np.ndarray, threshold: float = THRESHOLD,
                 bucket_cap: int = BUCKET_CAP, threads: int | None = None) -> list[tuple[int, int, float]]:
    """For each query row, its most similar EARLIER row, if at or above `threshold`.

    `sigs` is (n, NUM_PERM) uint32, one signature per row, rows in "earlier first"
    order; `query` (bool, n) marks the rows to find a match for (any earlier row,
    query or not, is a candidate). Returns sorted (row, earlier_row, score) triples;
    ties on score go to the earliest row.

    Candidates come from LSH banding (BANDS bands of ROWS slots: two documents are
    compared if any band is equal), done with numpy sorts instead of per-bucket
    Python sets (datasketch's MinHashLSH took 112 s and 1.7 GB RSS for 100k
    documents at this threshold, see docs/neardup.md). A bucket shared by more than
    `bucket_cap` earlier rows (mass duplicates, very common phrases) only offers its
    `bucket_cap` latest earlier rows, which bounds the work to n * BANDS * bucket_cap
    pairs.

    Memory stays bounded whatever the number of pairs: bands are taken GROUP_BANDS at a
    time (per band, the rows in bucket order and each query row's place and candidate
    count); within a group, query rows are taken in slices of about PAIR_BUDGET
    candidate pairs, which are deduplicated (a near-duplicate pair shares many bands:
    it is scored once per group, not once per band) and scored on the full signature;
    each query row keeps only its running best (score, then earliest row).

    Slices hold disjoint query rows, so `threads` of them (default: one per usable CPU) are
    scored at once; numpy's gathers, compares and sorts release the GIL. Same result with
    any number of threads.
    """
    sigs = np.ascontiguousarray(sigs, dtype=np.uint32)
    query = np.asarray(query, dtype=bool)
    n = len(sigs)
    if n < 2 or not query.any():
        return []
    if n >= 1 << 32:
        raise ValueError("find_matches: at most 2**32 - 1 rows")
    width = sigs.shape[1]
    # The smallest count of equal slots whose score (count / width) reaches the threshold.
    need = next((c for c in range(width + 1) if c / width >= threshold), None)
    if need is None:
        return []
    # One sortable value per (row, band): the band's ROWS uint32 slots packed together.
    packed = np.uint64 if ROWS == 2 else np.dtype((np.void, 4 * ROWS))
    keys = np.ascontiguousarray(sigs[:, : BANDS * ROWS]).view(packed).reshape(n, BANDS)
    qrows = np.flatnonzero(query)
    nq = len(qrows)
    best = np.full(nq, -1, dtype=np.int64)  # per query row: equal slots << 32 | (2**32 - 1 - earlier row)
    index = np.int32 if n < 1 << 31 else np.int64
    count_type = np.uint8 if bucket_cap < 256 else np.int64
    rank = np.arange(n)
    local = threading.local()

    def score(rows: np.ndarray, group: tuple) -> None:
        if not hasattr(local, "scratch"):
            local.scratch = _Scratch(width)
        _score_slice(sigs, rows, qrows, *group, need, best, local.scratch)

    threads = max(1, threads or usable_cpus())
    pool = ThreadPoolExecutor(threads, thread_name_prefix="find-matches") if threads > 1 else None
    try:
        for first in range(0, BANDS, GROUP_BANDS):
            group = _band_group(keys, range(first, min(first + GROUP_BANDS, BANDS)), qrows, rank, index,
                                count_type, bucket_cap)  # (order, place, count)
            slices = _slices(group[2].sum(axis=0, dtype=np.int64))
            if pool is None:
                for rows in slices:
                    score(rows, group)
            else:  # list(): raises here if a slice failed
                list(pool.map(score, slices, [group] * len(slices)))
    finally:
        if pool is not None:
            pool.shutdown()
    found = np.flatnonzero(best >= 0)
    equal, earlier = best[found] >> 32, 0xFFFFFFFF - (best[found] & 0xFFFFFFFF)
    return [(int(r), int(e), int(c) / width) for r, e, c in zip(qrows[found], earlier, equal)]


def _band_group(keys, bands, qrows, rank, index, count_type, bucket_cap):
    """Per band of the group: the rows in bucket order (stable: earlier first), each query row's
    position in that order, and its candidate count (the earlier rows just before it, capped)."""
    n, nq = len(keys), len(qrows)
    order = np.empty((len(bands), n), dtype=index)  # rows in bucket order (stable: earlier first)
    place = np.empty((len(bands), nq), dtype=index)  # each query row's position in `order`
    count = np.empty((len(bands), nq), dtype=count_type)  # its candidates: the earlier rows just before it
    for i, band in enumerate(bands):
        o = np.argsort(keys[:, band], kind="stable")
        sk = keys[o, band]
        new_group = np.empty(n, dtype=bool)
        new_group[0] = True
        np.not_equal(sk[1:], sk[:-1], out=new_group[1:])
        del sk
        start = np.maximum.accumulate(np.where(new_group, rank, 0))  # position where each bucket starts
        del new_group
        inverse = np.empty(n, dtype=np.int64)
        inverse[o] = rank
        pos = inverse[qrows]
        del inverse
        order[i] = o
        place[i] = pos
        count[i] = np.minimum(pos - start[pos], bucket_cap)
        del o, start, pos
    return order, place, count


def _slices(per_row: np.ndarray) -> list[np.ndarray]:
    """The query rows with candidates (indexes into qrows), cut into runs of about PAIR_BUDGET pairs."""
    active = np.flatnonzero(per_row)
    ends = np.cumsum(per_row[active])
    out, lo = [], 0
    while lo < len(active):
        done = int(ends[lo - 1]) if lo else 0
        hi = max(lo + 1, int(np.searchsorted(ends, done + PAIR_BUDGET, side="right")))
        out.append(active[lo:hi])
        lo = hi
    return out


_BYTE_SUM = np.uint64(0x0101010101010101)


def _count_true(eq: np.ndarray) -> np.ndarray:
    """True values per row of a 2-D bool array: np.count_nonzero(eq, axis=1), 3x faster.

    For rows of a multiple of 8 and at most 255 bools: summed as uint64 words, each byte lane
    counts the 1s of its own columns, then multiplying by 0x0101..01 adds the eight lanes into
    the top byte (no partial sum reaches 256, so nothing carries)."""
    width = eq.shape[1]
    if width % 8 or width > 255 or not eq.flags.c_contiguous:
        return np.count_nonzero(eq, axis=1)
    lanes = eq.view(np.uint64).sum(axis=1, dtype=np.uint64)
    return ((lanes * _BYTE_SUM) >> np.uint64(56)).astype(np.int64)


class _Scratch:
    """Buffers reused by every slice: fresh multi-MB temporaries cost a page fault per 4 KB each time."""

    def __init__(self, width: int):
        self.b = np.empty((SCORE_ROWS, width), dtype=np.uint32)
        self.eq = np.empty((SCORE_ROWS, width), dtype=bool)


def _score_slice(sigs, rows, qrows, order, place, count, need, best, scratch: _Scratch) -> None:
    """Candidates of the query rows `rows` (indexes into `qrows`) in one band group: score, keep the best."""
    n = len(sigs)
    keys = []
    for i in range(len(order)):
        c = count[i, rows]
        nz = np.flatnonzero(c)
        if not len(nz):
            continue
        c = c[nz].astype(np.int64)
        ends = np.cumsum(c)
        at = np.arange(int(ends[-1])) - np.repeat(ends, c)  # -count..-1 for each row
        at += np.repeat(place[i, rows[nz]].astype(np.int64), c)  # position in `order` of each candidate
        earlier = order[i][at]  # ascending within each row: a bucket keeps rows in order, earlier first
        del at
        key = np.repeat(rows[nz], c)
        key *= n
        key += earlier  # pair key: query index * n + earlier row; sorted, as rows are
        keys.append(key)
    if not keys:
        return
    pairs = np.concatenate(keys) if len(keys) > 1 else keys[0]
    del keys
    pairs.sort(kind="stable")  # a merge of the bands' sorted runs (timsort finds them): 3x a quicksort
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]  # each pair once, by query row
    for lo in range(0, len(pairs), SCORE_ROWS):
        part = pairs[lo : lo + SCORE_ROWS]
        k = len(part)
        q, earlier = np.divmod(part, n)
        b, eq = scratch.b[:k], scratch.eq[:k]
        heads = np.flatnonzero(np.concatenate(([True], q[1:] != q[:-1])))  # q is sorted: one run per row
        # each query row's signature once, repeated over its run (3x faster than gathering it per pair)
        a = np.repeat(sigs[qrows[q[heads]]], np.diff(np.append(heads, k)), axis=0)
        np.take(sigs, earlier, axis=0, out=b)
        np.equal(a, b, out=eq)
        del a
        equal = _count_true(eq)
        hit = equal >= need
        if not hit.any():
            continue
        q, earlier, equal = q[hit], earlier[hit], equal[hit]
        value = (equal << 32) | (0xFFFFFFFF - earlier)
        heads = np.flatnonzero(np.concatenate(([True], q[1:] != q[:-1])))
        top = np.maximum.reduceat(value, heads)
        q = q[heads]
        best[q] = np.maximum(best[q], top)
