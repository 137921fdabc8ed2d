"""Near-duplicate fingerprints (cleaners/neardup.py): pure functions, no archive, no Prefect.

The texts below are written for these tests (not taken from the seeds): two different
articles on the same made-up story share its names and vocabulary, which must not be
enough to call them near-duplicates; a copy with a fifth of its sentences changed, or
with its wording changed word by word, must be.
"""
from __future__ import annotations

import re

import numpy as np
import pytest

from cleaners import neardup as nd

STORY = """Engineers in Marlow County began emergency repairs on Sunday after a section of the Fenwick River levee gave way overnight, flooding roughly two hundred homes on the eastern edge of Harbridge.

County officials said the breach opened shortly after two in the morning, when water levels were already near the record set in 1998. Residents of the Millbrook and Cedar Flats neighbourhoods were told to leave their homes and move to shelters at two local schools.

"We had crews on the levee all night, and the water simply found a weak point faster than we could reinforce it," said Dana Okafor, the county's director of emergency management. She said no deaths or serious injuries had been reported.

The state transportation department closed Route 9 between Harbridge and Elton Falls, and several rural roads north of the river remained under water on Sunday afternoon. Power was cut to about four thousand customers as a precaution.

Governor Luis Ferrante said he would ask for a federal disaster declaration and sent National Guard units to help fill sandbags along the remaining stretch of the levee. The river is expected to crest late on Monday.

Local farmers said the flooding came at the worst possible moment, days before the start of the autumn harvest. Several said they had already lost their entire crop of soybeans and late corn.

The levee was built in the 1960s and has been listed as needing major repairs in three separate state reports over the past decade. A rebuilding plan approved last year was still waiting for funding when the river began to rise."""

SAME_STORY_OTHER_ARTICLE = """The Fenwick River levee that failed near Harbridge this weekend had been flagged as a risk for more than ten years, according to state inspection records reviewed on Monday.

Inspectors first rated the earthen embankment as deficient in 2013, citing erosion on the river side and animal burrows that weakened its core. Later reports in 2017 and 2021 repeated the warning and put the cost of a full rebuild at more than forty million dollars.

Marlow County commissioners voted last spring to begin the work in stages, but the first contract was never signed because the county was still waiting for a state grant. Commissioner Ruth Adeyemi said the delay was a failure shared by every level of government.

"Everybody in this building knew that levee was living on borrowed time," Adeyemi said at a hearing on Monday, where residents of the flooded Millbrook neighbourhood filled the public gallery.

Dana Okafor, who leads emergency management for the county, told commissioners that the crest passed without a second breach. Crews will spend the coming weeks pumping water out of Cedar Flats before families are allowed back.

Governor Luis Ferrante has asked Washington for disaster aid, and his office said a decision could come within days. State engineers are expected to publish a review of the failure by the end of the year."""

UNRELATED = """The city library will extend its weekend opening hours from next month, the board of trustees announced on Thursday. The change follows a survey in which most members said they could only visit on Saturdays and Sundays. The children's reading room will also reopen after renovation, with new shelves, quiet corners and a small stage for storytelling. A second mobile library van is planned for the spring, serving villages that lost their branch libraries during the last round of budget cuts. Volunteers are still needed to help with the homework club on weekday evenings."""

SWAPS = {"said": "stated", "the": "a", "after": "following", "began": "started", "homes": "houses",
         "water": "floodwater", "river": "waterway", "officials": "authorities", "county": "district",
         "had": "has", "were": "was", "on": "upon", "would": "will", "about": "around"}


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?\"])\s+", text)


def change_sentences(text: str, share: float, replacement: str) -> str:
    """Replace every k-th sentence (k = 1/share) with a sentence of `replacement`."""
    sents, other = sentences(text), sentences(replacement)
    step = round(1 / share)
    return " ".join(other[i % len(other)] if i % step == step - 1 else s for i, s in enumerate(sents))


def reword(text: str, every: int) -> str:
    """A crude paraphrase: swap common words for synonyms, and change one word in `every` others."""
    out = []
    for i, w in enumerate(text.split()):
        key = w.lower().strip(".,\"")
        if key in SWAPS:
            w = w.replace(key, SWAPS[key])
        elif i % every == 0:
            w = w + "ly"
        out.append(w)
    return " ".join(out)


def sim(a: str, b: str) -> float:
    return nd.similarity(nd.signature(a), nd.signature(b))


def test_words_ignore_case_quotes_and_punctuation():
    assert nd.words("“Russia’s” ARMY — moved, (again)!") == ["russia's", "army", "moved", "again"]
    assert nd.words('"Russia\'s" army moved again') == nd.words("“RUSSIA’S” Army... moved again?")


def test_signature_is_deterministic_fixed_size_and_ignores_formatting():
    a, b = nd.signature(STORY), nd.signature(STORY)
    assert a.dtype == np.uint32 and a.shape == (nd.NUM_PERM,)
    assert np.array_equal(a, b)
    restyled = STORY.upper().replace('"', "\u201c").replace(",", " ,").replace("\n\n", "\n")
    assert sim(STORY, restyled) == 1.0


def test_too_short_a_text_gets_no_signature():
    assert nd.signature("Live coverage has ended.") is None
    assert nd.signature("") is None
    assert nd.signature(UNRELATED) is not None


def test_shingles_are_a_set_so_repeats_do_not_count():
    assert sim(STORY, STORY + "\n\n" + STORY) == 1.0
    assert nd.document_text("body", ["p1", "p2"]) == "body\n\np1\n\np2"


def test_a_copy_with_a_fifth_of_its_sentences_changed_is_a_near_duplicate():
    changed = change_sentences(STORY, 0.2, UNRELATED)
    assert changed != STORY
    assert sim(STORY, changed) >= 0.5  # exact Jaccard ~0.6


@pytest.mark.parametrize("every", [10_000, 10])
def test_a_reworded_copy_is_a_near_duplicate(every):
    # Synonym swaps alone leave ~0.36 of the 3-grams (as much as the measured machine
    # paraphrase in docs/neardup.md); one more word changed in ten leaves ~0.22.
    copy = reword(STORY, every)
    assert 0.2 < _exact_jaccard(STORY, copy) < 0.45  # a real rewording, not a trivial copy
    assert sim(STORY, copy) >= nd.THRESHOLD


def test_a_different_article_on_the_same_story_is_not():
    # Same names and vocabulary (Fenwick, levee, Harbridge, Okafor, Ferrante, Millbrook...)
    assert len(set(nd.words(STORY)) & set(nd.words(SAME_STORY_OTHER_ARTICLE))) > 40
    assert _exact_jaccard(STORY, SAME_STORY_OTHER_ARTICLE) < 0.03
    assert sim(STORY, SAME_STORY_OTHER_ARTICLE) < nd.THRESHOLD / 2
    assert sim(STORY, UNRELATED) < nd.THRESHOLD / 2


def _exact_jaccard(a: str, b: str) -> float:
    x, y = (set(nd.shingle_hashes(nd.words(t)).tolist()) for t in (a, b))
    return len(x & y) / len(x | y)


# --- find_matches: LSH banding + scoring over a signature matrix ----------------------------

def _random_sigs(n: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**32, size=(n, nd.NUM_PERM), dtype=np.uint32)


def _variant(sig: np.ndarray, keep: float, seed: int) -> np.ndarray:
    """A signature sharing about `keep` of its slots with `sig`."""
    rng = np.random.default_rng(seed)
    out = sig.copy()
    change = rng.random(len(sig)) >= keep
    out[change] = rng.integers(0, 2**32, size=int(change.sum()), dtype=np.uint32)
    return out


def test_matches_point_to_an_earlier_row_only():
    sigs = _random_sigs(4)
    sigs[3] = sigs[1]
    only_last = np.array([False, False, False, True])
    assert nd.find_matches(sigs, only_last) == [(3, 1, 1.0)]
    # Row 1 is queried too but nothing earlier resembles it; row 3 still points back to row 1.
    assert nd.find_matches(sigs, np.ones(4, bool)) == [(3, 1, 1.0)]
    # A non-query row never gets a match even when it resembles an earlier row.
    assert nd.find_matches(sigs, np.array([True, True, True, False])) == []


def test_best_score_wins_and_ties_go_to_the_earliest():
    base = _random_sigs(1)[0]
    sigs = np.stack([_random_sigs(1, 9)[0], _variant(base, 0.5, 1), base, base, _variant(base, 0.9, 2)])
    query = np.array([False, False, False, True, True])
    got = dict((r, (e, s)) for r, e, s in nd.find_matches(sigs, query))
    assert got[3] == (2, 1.0)  # identical to row 2, better than the 0.5 variant in row 1
    assert got[4][0] == 2  # rows 2 and 3 tie at ~0.9: the earlier wins


def test_threshold_is_respected():
    base = _random_sigs(1)[0]
    sigs = np.stack([base, _variant(base, 0.3, 1)])
    score = nd.similarity(sigs[0], sigs[1])
    q = np.array([False, True])
    assert nd.find_matches(sigs, q, threshold=score) == [(1, 0, score)]
    assert nd.find_matches(sigs, q, threshold=score + 1e-9) == []


def test_banding_finds_what_brute_force_finds_above_the_banding_knee():
    rng = np.random.default_rng(5)
    sigs = _random_sigs(400, 3)
    for i in range(200, 400, 2):  # plant variants of earlier rows, similarity 0.3 .. 0.95
        sigs[i] = _variant(sigs[int(rng.integers(0, i))], float(rng.uniform(0.3, 0.95)), i)
    query = np.zeros(400, bool)
    query[200:] = True
    got = {(r, e) for r, e, _ in nd.find_matches(sigs, query, threshold=0.3)}
    expected = set()
    for r in range(200, 400):
        scores = (sigs[:r] == sigs[r]).mean(axis=1)
        if scores.max() >= 0.3:
            expected.add((r, int(np.flatnonzero(scores == scores.max())[0])))
    assert expected and got == expected


@pytest.mark.parametrize("cap", [1, 3])
def test_a_crowded_bucket_offers_only_its_latest_rows(cap):
    sigs = np.repeat(_random_sigs(1), 6, axis=0)  # six identical documents
    query = np.zeros(6, bool)
    query[5] = True
    ((row, earlier, score),) = nd.find_matches(sigs, query, bucket_cap=cap)
    assert row == 5 and score == 1.0 and earlier == 5 - cap


# --- signatures: datasketch 2.0's "affine32" MinHash, computed with numpy -------------------
#
# The archive stores signatures (ARCHIVE/_neardup/<VERSION>/), so they must never change for
# the same VERSION. They were made with datasketch.MinHash(num_perm=128, seed=1,
# scheme="affine32", hashfunc=int) until datasketch was dropped; the digests below were
# computed with datasketch 2.0.0 over the same texts (`_fuzz_texts` must not change).

FUZZ_WORDS = sorted(set(STORY.split()) | set(UNRELATED.split()))
FUZZ_ODD = ["José", "KRAKÓW", "Øresund", "İstanbul", "straße", "STRASSE", "ŉ", "\u0345", "ﬁne", "Ⅻ", "①",
            "٣٤", "日本語", "😀", "→", "★", "€5m", "£", "—", "–", "“", "”", "’", "‘", "`", "´", "′", "″",
            "'", "''", "'''", "_", "__init__", "a’b", "o'neill", "‘quoted’", "rock’n’roll", "«", "»", "…", "•",
            "\u00a0", "\u200b", "\u2009", "\ufeff", "ǅ", "ẞ", "ΌΣΟΣ", "e\u0301", "ǰ", "K", "Å", "µ", "\u02bc",
            "x\u2019\u2019y", "it’s—the", "’s", "3.5%", "http://x.com/a_b", "\r\n", "\t", "ﬃ", "\ud800"]
FUZZ_SEPS = [" ", " ", " ", "\n", ", ", ". ", "—", " — ", "’", "'", "-", "/", "", "\u00a0", "…", "“", "” ", "' ", " '"]
PINNED_PERMUTATIONS = "b14750dd0abf30bb02469d6062895f1dee4f3bf2ef2d0a91310e8dafee9dc551"
PINNED_SIGNATURES = "be5d8c3a900c9255c343016a292c4f2e5aa619db005c12880659dea8eefed3dc"


def _fuzz_texts(n: int, seed: int) -> list[str]:
    import random

    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(0, 300)):
            w = rng.choice(FUZZ_ODD) if rng.random() < 0.15 else rng.choice(FUZZ_WORDS)
            parts.append(w.upper() if rng.random() < 0.1 else w)
            parts.append(rng.choice(FUZZ_SEPS))
        texts.append("".join(parts))
    return texts


def _digest(sigs) -> str:
    import hashlib

    h = hashlib.sha256()
    for s in sigs:
        h.update(b"-" if s is None else np.asarray(s, dtype="<u4").tobytes())
    return h.hexdigest()


def test_permutations_are_datasketch_affine32_with_seed_1():
    a, b = nd._permutations()
    assert a.dtype == b.dtype == np.uint32 and a.shape == b.shape == (nd.NUM_PERM,)
    assert (a & 1).all()  # odd multipliers: each permutation is a bijection of the 32-bit values
    assert _digest([a, b]) == PINNED_PERMUTATIONS


def test_signatures_are_bit_for_bit_those_datasketch_made():
    texts = [STORY, SAME_STORY_OTHER_ARTICLE, UNRELATED, reword(STORY, 10)] + _fuzz_texts(400, 7)
    sigs = [nd.signature(t) for t in texts]
    assert sum(s is None for s in sigs) < 40
    assert _digest(sigs) == PINNED_SIGNATURES


def test_minhash_ignores_repeats_and_order():
    hashes = np.random.default_rng(3).integers(0, 2**32, 3000, dtype=np.uint32)
    want = nd.minhash(np.unique(hashes))
    assert np.array_equal(nd.minhash(hashes[::-1]), want)
    assert np.array_equal(nd.minhash(np.concatenate([hashes, hashes[:700]])), want)


def _reference_hashes(text: str) -> list[int]:
    return [nd._word_hash(w) for w in nd.words(text)]


def test_fast_tokens_stand_for_the_reference_words():
    texts = _fuzz_texts(300, 11) + [STORY, STORY.upper(), "", "'", "''x", "x''", "\ud800 lone surrogate's"]
    for text in texts:
        assert nd._token_hashes(nd._tokens(text)).tolist() == _reference_hashes(text), text[:120]


def test_fast_tokens_handle_every_code_point_like_the_reference():
    # Each code point of the BMP inside, between and around words (surrogates included).
    points = [chr(i) for i in range(0x20, 0x10000)]
    for lo in range(0, len(points), 2000):
        text = " ".join(f"w{c}x{c}'y z{c} {c}q'{c}" for c in points[lo : lo + 2000])
        assert nd._token_hashes(nd._tokens(text)).tolist() == _reference_hashes(text), lo


def test_documents_that_bring_new_words_hash_like_the_reference(monkeypatch):
    monkeypatch.setattr(nd, "_HASHES", nd._word_cache())  # each text meets a cache warmed by the texts before it
    texts = _fuzz_texts(200, 17) + [STORY, "\u0130stanbul and Krak\u00f3w said \U0001f4a5 hi",
                                     "STRASSE stra\u00dfe \u01c5emal", STORY.upper() + " brand-new words here"]
    for _ in range(2):  # cold for some words, then all warm
        for text in texts:
            assert nd._token_hashes(nd._tokens(text)).tolist() == _reference_hashes(text), text[:120]
    assert len(nd._HASHES) > 500


def test_the_word_hash_cache_stays_bounded(monkeypatch):
    monkeypatch.setattr(nd, "_HASHES_MAX", 50)
    monkeypatch.setattr(nd, "_HASHES", nd._word_cache())
    most = 0
    for text in _fuzz_texts(50, 5):
        nd.signature(text)
        most = max(most, len(nd._HASHES))
    assert most <= 50 + 300  # the cap, plus the new words of the one document that found it full


def test_a_warm_cache_fills_in_only_the_new_words_of_a_document(monkeypatch):
    monkeypatch.setattr(nd, "_HASHES", nd._word_cache())
    nd._token_hashes(nd._tokens(STORY))  # every word of STORY cached
    hashed = []
    real = nd._signed_hash
    monkeypatch.setattr(nd, "_signed_hash", lambda w: hashed.append(w) or real(w))
    # new words, one of them twice and one non-ASCII; the rest of the text is cached
    text = STORY + " Kowalczyk met Kowalczyk and Krak\u00d3w's mayor 4471"
    assert nd._token_hashes(nd._tokens(text)).tolist() == _reference_hashes(text)
    new = {w.encode() for w in nd.words(text)} - {w.encode() for w in nd.words(STORY)}
    assert {b"kowalczyk", "krak\u00f3w's".encode(), b"4471"} <= new
    assert sorted(hashed) == sorted(new)  # each new word hashed once ("kowalczyk" comes twice), no other
    hashed.clear()
    assert nd._token_hashes(nd._tokens(text)).tolist() == _reference_hashes(text) and hashed == []


def test_new_words_that_are_no_single_word_and_a_cold_cache_hash_like_the_reference(monkeypatch):
    monkeypatch.setattr(nd, "_HASHES", nd._word_cache())
    nd._token_hashes(nd._tokens(STORY))
    for text in [STORY + " \u0130stanbul \U0001f4a5 fine", STORY.upper(), UNRELATED, "x", ""]:
        assert nd._token_hashes(nd._tokens(text)).tolist() == _reference_hashes(text), text[-40:]


def test_a_word_another_thread_entered_but_not_hashed_yet_is_filled_in(monkeypatch):
    monkeypatch.setattr(nd, "_HASHES", nd._word_cache())
    nd._token_hashes(nd._tokens(STORY))
    toks = nd._tokens(STORY)
    nd._HASHES[toks[3]] = None  # what a concurrent look-up leaves until it has hashed the word
    assert nd._token_hashes(toks).tolist() == _reference_hashes(STORY)
    assert nd._HASHES[toks[3]] == nd._signed_hash(toks[3])


# --- find_matches against the implementation it replaced -----------------------------------

def _reference_find_matches(sigs, query, threshold=nd.THRESHOLD, bucket_cap=nd.BUCKET_CAP):
    """find_matches as it was before it was made memory-bounded (every hit of every band kept)."""
    sigs = np.ascontiguousarray(sigs, dtype=np.uint32)
    n = len(sigs)
    if n < 2 or not query.any():
        return []
    keys = np.ascontiguousarray(sigs[:, : nd.BANDS * nd.ROWS]).view(np.uint64).reshape(n, nd.BANDS)
    rank = np.arange(n)
    width = sigs.shape[1]
    kept = []
    for band in range(nd.BANDS):
        order = np.argsort(keys[:, band], kind="stable")
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
        score = np.count_nonzero(sigs[rows] == sigs[earlier], axis=1) / width
        hit = score >= threshold
        if hit.any():
            kept.append((rows[hit], earlier[hit], score[hit]))
    if not kept:
        return []
    rows, earlier, score = (np.concatenate(parts) for parts in zip(*kept))
    best = np.lexsort((earlier, -score, rows))
    rows, earlier, score = rows[best], earlier[best], score[best]
    first = np.r_[True, rows[1:] != rows[:-1]]
    return [(int(r), int(e), float(s)) for r, e, s in zip(rows[first], earlier[first], score[first])]


def _planted(n: int, seed: int, alphabet: int | None = None) -> np.ndarray:
    """Random signatures with planted variants and exact copies (ties) of earlier rows."""
    rng = np.random.default_rng(seed)
    if alphabet:  # few distinct slot values: crowded buckets, many candidates, many ties
        sigs = rng.integers(0, alphabet, size=(n, nd.NUM_PERM), dtype=np.uint32)
    else:
        sigs = _random_sigs(n, seed)
    for i in range(n // 4, n):
        r = rng.random()
        if r < 0.15:
            sigs[i] = sigs[int(rng.integers(0, i))]  # an exact copy: later copies tie with it
        elif r < 0.5:
            sigs[i] = _variant(sigs[int(rng.integers(0, i))], float(rng.uniform(0.05, 0.95)), i)
    return sigs


@pytest.mark.parametrize("seed, alphabet", [(1, None), (2, None), (3, 3), (4, 2), (5, 40)])
@pytest.mark.parametrize("small_slices, threads", [(False, 1), (True, 1), (True, 3)])
def test_find_matches_gives_what_the_previous_implementation_gave(seed, alphabet, small_slices, threads, monkeypatch):
    if small_slices:  # every slice boundary and band group exercised
        monkeypatch.setattr(nd, "GROUP_BANDS", 5)
        monkeypatch.setattr(nd, "PAIR_BUDGET", 997)
        monkeypatch.setattr(nd, "SCORE_ROWS", 101)
    sigs = _planted(300, seed, alphabet)
    rng = np.random.default_rng(seed)
    queries = [np.ones(300, bool), np.arange(300) >= 200, rng.random(300) < 0.3]
    checked = 0
    for query in queries:
        for threshold, cap in ((nd.THRESHOLD, nd.BUCKET_CAP), (0.5, 3), (0.0, 1), (1.0, 64), (1.01, 64)):
            got = nd.find_matches(sigs, query, threshold=threshold, bucket_cap=cap, threads=threads)
            assert got == _reference_find_matches(sigs, query, threshold, cap), (threshold, cap)
            checked += len(got)
    assert checked > 100


def test_signatures_from_several_threads_sharing_the_cache(monkeypatch):
    monkeypatch.setattr(nd, "_HASHES_MAX", 40)  # emptied all the time, by any thread
    texts = _fuzz_texts(60, 13) + [STORY, UNRELATED, SAME_STORY_OTHER_ARTICLE]
    want = [nd.signature(t) for t in texts]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        for _ in range(3):
            got = list(pool.map(nd.signature, texts))
            assert all((a is None and b is None) or np.array_equal(a, b) for a, b in zip(got, want))
