"""Near-duplicate flagging at scale: time and memory on synthetic documents.

    .venv/bin/python benchmarks/neardup_bench.py                    # 100k documents, 2 processes
    .venv/bin/python benchmarks/neardup_bench.py --docs 20000 --datasketch-lsh
    .venv/bin/python benchmarks/neardup_bench.py --cache /tmp/nd100k.npz   # reuse the signatures

Synthetic corpus (deterministic, seed 7): a Zipf-distributed vocabulary of 30k
made-up words, so frequent short phrases recur across documents as they do in
news; 2,000 topics, each with 40 names that make up ~10% of its documents'
words, so documents on the same topic share vocabulary; bodies of 300-900
words. Planted near-duplicates: 1% reworded copies of an earlier document (one
word in ten replaced, one sentence in five swapped for another text's) and
0.5% exact copies under another id.

Measures:
1. signatures (cleaners.neardup.signature) over all bodies, in `--procs` processes:
   wall time, and CPU-ms per document in one process on a sample;
2. `find_matches` for an initial ingest (every document queried against those
   before it) and for a daily run (the last 1,000 against the 99k before them):
   time, CPU, memory, and recall/false flags on the planted pairs;
3. the store path `flag_near_duplicates` on a real archive folder holding
   N-1000 documents and their signature index, with a staged run of 1,000;
4. with --datasketch-lsh: datasketch MinHashLSH (same threshold) insert+query
   time and RSS in a child process, for comparison (needs `pip install datasketch`,
   no longer a dependency of the project).

Steps 2-3 each run in a fresh child process that loads the signature matrix from
the cache file, so "peak RSS" is that process's high-water mark (interpreter,
numpy/pyarrow, the matrix and the step), and "added" is the peak minus the RSS
just before the step started.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaners import neardup as nd  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ne", "tor", "vas", "pe", "ri", "dun", "sa", "el", "gro", "bi", "an", "us", "fe"]


def vocabulary(n: int, rng) -> list[str]:
    out, seen = [], set()
    while len(out) < n:
        w = "".join(rng.choice(SYLLABLES, size=int(rng.integers(1, 5))))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


class Corpus:
    def __init__(self, n_docs: int, seed: int = 7):
        self.rng = np.random.default_rng(seed)
        self.vocab = np.array(vocabulary(30_000, self.rng))
        p = 1.0 / np.arange(1, len(self.vocab) + 1) ** 1.2
        self.cdf = np.cumsum(p / p.sum())
        self.topics = [self.vocab[self.rng.integers(2_000, 30_000, size=40)] for _ in range(2_000)]
        self.n = n_docs

    def zipf_words(self, k: int) -> np.ndarray:
        return self.vocab[np.minimum(np.searchsorted(self.cdf, self.rng.random(k)), len(self.vocab) - 1)]

    def sentence(self, topic: int, k: int | None = None) -> str:
        k = k or int(self.rng.integers(8, 30))
        words = self.zipf_words(k)
        names = self.rng.random(k) < 0.1
        words[names] = self.rng.choice(self.topics[topic], size=int(names.sum()))
        return " ".join(words).capitalize() + "."

    def article(self, topic: int) -> list[str]:
        """300-900 words in sentences of 8-29 words; about one word in ten is a topic name."""
        lengths = self.rng.integers(8, 30, size=60)
        lengths = lengths[: int(np.searchsorted(np.cumsum(lengths), self.rng.integers(300, 900))) + 1]
        words = self.zipf_words(int(lengths.sum()))
        names = self.rng.random(len(words)) < 0.1
        words[names] = self.rng.choice(self.topics[topic], size=int(names.sum()))
        ends = np.cumsum(lengths)
        return [" ".join(words[e - k : e]).capitalize() + "." for e, k in zip(ends, lengths)]

    def reword(self, sents: list[str], topic: int) -> list[str]:
        out = []
        for s in sents:
            if self.rng.random() < 0.2:
                out.append(self.sentence(topic))
                continue
            words = s.split()
            for i in range(len(words)):
                if self.rng.random() < 0.1:
                    words[i] = str(self.zipf_words(1)[0])
            out.append(" ".join(words))
        return out

    def generate(self):
        """Bodies, and planted pairs {copy_index: source_index}."""
        bodies: list[str] = []
        self.topic_of: list[int] = []
        planted: dict[int, int] = {}
        kept: list[tuple[list[str], int]] = []  # sentences of some documents, for copies
        kept_index: list[int] = []
        for i in range(self.n):
            r = self.rng.random()
            if i > 100 and r < 0.015:
                src = int(self.rng.integers(0, len(kept)))
                sents, topic = kept[src]
                sents = self.reword(sents, topic) if r < 0.01 else sents
                planted[i] = kept_index[src]
            else:
                topic = int(self.rng.integers(0, len(self.topics)))
                sents = self.article(topic)
                if len(kept) < 5_000 or self.rng.random() < 0.05:
                    kept.append((sents, topic))
                    kept_index.append(i)
            self.topic_of.append(topic)
            bodies.append("\n\n".join(" ".join(sents[j : j + 3]) for j in range(0, len(sents), 3)))
        return bodies, planted


def _sig(body: str) -> bytes:
    s = nd.signature(body)
    return s.tobytes() if s is not None else b""


def signatures(bodies: list[str], procs: int) -> np.ndarray:
    with mp.get_context("fork").Pool(procs) as pool:
        blobs = pool.map(_sig, bodies, chunksize=256)
    return np.stack([np.frombuffer(b, dtype=np.uint32) for b in blobs])


def background(sigs: np.ndarray, topic_of: list[int], planted: dict[int, int]) -> None:
    """Estimated Jaccard of documents that are not copies: same topic, and any two."""
    rng = np.random.default_rng(1)
    topics = np.array(topic_of)
    originals = np.array([i for i in range(len(sigs)) if i not in planted])
    by_topic: dict[int, list[int]] = {}
    for i in originals:
        by_topic.setdefault(int(topics[i]), []).append(int(i))
    same = [(a[0], a[1]) for a in by_topic.values() if len(a) >= 2][:20_000]
    anyp = rng.choice(originals, size=(20_000, 2))
    anyp = anyp[anyp[:, 0] != anyp[:, 1]]
    for label, pairs in (("same topic", same), ("any two", anyp)):
        pairs = np.array(pairs)
        sc = (sigs[pairs[:, 0]] == sigs[pairs[:, 1]]).mean(axis=1)
        print(f"background, {label} ({len(pairs)} pairs of originals): mean {sc.mean():.4f}, "
              f"99.9th percentile {np.quantile(sc, 0.999):.3f}, max {sc.max():.3f}")


def rss_mb() -> float:
    """This process's peak RSS: VmHWM (ru_maxrss would carry the forking parent's over the exec)."""
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024


def current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def quality(found, planted, query_from: int = 0):
    got = {r: e for r, e, _ in found}
    want = {c: s for c, s in planted.items() if c >= query_from}
    hit = sum(1 for c, s in want.items() if got.get(c) == s or (c in got and got[c] in planted and planted[got[c]] == s))
    false = [r for r in got if r not in planted]
    return hit, len(want), len(false)


def build_archive(sigs: np.ndarray, run: int) -> Path:
    """An archive folder for the store path: N-run archived documents and their index, a staged run."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from schemas.v1 import TABLES
    from store import neardup
    from store.archive import Archive

    n = len(sigs)
    root = Path(tempfile.mkdtemp(prefix="neardup-bench-"))
    archive = Archive(root)
    old_at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    run_at = old_at + timedelta(days=1)

    def docs(lo, hi, at):
        k = hi - lo
        cols = {"doc_id": [f"d{i:08d}" for i in range(lo, hi)], "source_uri": [f"file:///d{i}" for i in range(lo, hi)],
                "source_sha256": ["0" * 64] * k, "source_bytes": [1] * k, "source_format": ["text"] * k,
                "kind": ["article"] * k, "authors": [[]] * k, "body": ["(body omitted: not read by the flagger)"] * k,
                "captions": [[]] * k, "removed": [[]] * k, "repairs": [[]] * k, "post_count": [0] * k,
                "schema_version": ["1.0"] * k, "pipeline_version": ["bench"] * k, "archived_at": [at] * k}
        schema = TABLES["documents"]
        return pa.table({f.name: pa.array(cols.get(f.name, [None] * k), f.type) for f in schema}, schema=schema)

    part = root / "documents" / "published_month=2026-01"
    part.mkdir(parents=True)
    for lo in range(0, n - run, 50_000):
        pq.write_table(docs(lo, min(lo + 50_000, n - run), old_at), part / f"part-{lo}.parquet")
    us = int(old_at.timestamp() * 1e6)
    old = np.arange(n - run)
    index = neardup.index_table([f"d{i:08d}" for i in old], np.full(len(old), us), np.full(len(old), us), old,
                                sigs[: n - run])
    neardup._atomic_write(index, neardup.index_dir(root) / "part-old.parquet")
    del index
    staging = archive.staging_dir("bench-run")
    (staging / "documents" / "published_month=2026-01").mkdir(parents=True)
    pq.write_table(docs(n - run, n, run_at), staging / "documents" / "published_month=2026-01" / "part-b1.parquet")
    staged = pa.table({"doc_id": [f"d{i:08d}" for i in range(n - run, n)], "seq": list(range(n - run, n)),
                       "signature": [sigs[i].tobytes() for i in range(n - run, n)]}, schema=neardup.STAGED_SCHEMA)
    (staging / neardup.SIDECAR).mkdir(parents=True)
    pq.write_table(staged, staging / neardup.SIDECAR / "b000001.parquet")
    del staged
    return root


def child_step(step: str, cache: str, run: int, root: str | None) -> None:
    """One measured step in this (fresh) process; prints one line."""
    data = np.load(cache)
    sigs, planted = data["sigs"], dict(zip(data["planted_copy"].tolist(), data["planted_source"].tolist()))
    del data
    if step == "store":
        from store import neardup
        from store.archive import Archive

        matrix = sigs.nbytes
        del sigs  # the step reads the signatures from the archive folder
        before, cpu, t = current_rss_mb(), cpu_seconds(), time.perf_counter()
        stats = neardup.flag_near_duplicates(Archive(root), "bench-run")
        what = f"store path, flag_near_duplicates on an archive folder: {stats.line()}"
    else:
        matrix = sigs.nbytes
        query = np.zeros(len(sigs), bool)
        query[0 if step == "initial" else len(sigs) - run :] = True
        before, cpu, t = current_rss_mb(), cpu_seconds(), time.perf_counter()
        found = nd.find_matches(sigs, query)
        if step == "initial":
            hit, want, false = quality(found, planted)
            what = (f"initial ingest, all {len(sigs)} queried: find_matches; {len(found)} flagged; planted found "
                    f"{hit}/{want}; flags on unplanted documents: {false}")
        else:
            hit, want, false = quality(found, planted, len(sigs) - run)
            what = (f"daily run, last {run} vs {len(sigs) - run}: find_matches; planted found {hit}/{want}; "
                    f"flags on unplanted documents: {false}")
    wall, cpu = time.perf_counter() - t, cpu_seconds() - cpu
    print(f"{what}\n    {wall:.2f}s wall, {cpu:.2f} CPU-s; RSS before the step {before:.0f} MB, peak {rss_mb():.0f} MB "
          f"(+{rss_mb() - before:.0f} MB); signature matrix {matrix / 2**20:.0f} MB", flush=True)


LSH_CHILD = """
import sys, time, resource, numpy as np
from datasketch import MinHashLSH, LeanMinHash
sys.path.insert(0, %r)
from cleaners import neardup as nd
sigs = np.load(%r)
t = time.perf_counter()
lsh = MinHashLSH(threshold=nd.THRESHOLD, num_perm=nd.NUM_PERM)
cands = 0
for i, s in enumerate(sigs):
    m = LeanMinHash(seed=nd.SEED, hashvalues=s, scheme=nd.SCHEME)
    cands += len(lsh.query(m))
    lsh.insert(i, m, check_duplication=False)
print(f"datasketch MinHashLSH(threshold={nd.THRESHOLD}, b={lsh.b}, r={lsh.r}): query+insert {len(sigs)} "
      f"in {time.perf_counter() - t:.1f}s, {cands} candidates, peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--procs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--run", type=int, default=1_000, help="size of the 'daily run' queried against the rest")
    ap.add_argument("--cache", default=None, help="signature cache (.npz): reused if present, else written")
    ap.add_argument("--steps", default="initial,daily,store", help="measured steps, each in a child process")
    ap.add_argument("--datasketch-lsh", action="store_true")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--root", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child_step(args.child, args.cache, args.run, args.root)
        return

    tmp = tempfile.TemporaryDirectory()
    cache = Path(args.cache or Path(tmp.name) / "sigs.npz")
    if cache.exists():
        print(f"signatures from {cache}")
    else:
        t = time.perf_counter()
        corpus = Corpus(args.docs)
        bodies, planted = corpus.generate()
        words = sum(b.count(" ") + 1 for b in bodies)
        print(f"corpus: {len(bodies)} documents, {words / len(bodies):.0f} words on average, "
              f"{len(planted)} planted near-duplicates ({time.perf_counter() - t:.1f}s to generate)")
        sample = bodies[:2000]
        nd.signature(sample[0])  # permutations drawn once, before timing
        c = cpu_seconds()
        for b in sample:
            nd.signature(b)
        per_doc = (cpu_seconds() - c) / len(sample) * 1e3
        t = time.perf_counter()
        sigs = signatures(bodies, args.procs)
        sec = time.perf_counter() - t
        print(f"signatures: {sec:.1f}s wall in {args.procs} processes; {per_doc:.2f} CPU-ms per document in one "
              f"process (first 2,000); {sigs.nbytes / 2**20:.0f} MB as uint32")
        del bodies, sample
        background(sigs, corpus.topic_of, planted)
        np.savez(cache, sigs=sigs, planted_copy=np.array(list(planted), np.int64),
                 planted_source=np.array(list(planted.values()), np.int64))
        del sigs

    for step in [s for s in args.steps.split(",") if s]:
        root = build_archive(np.load(cache)["sigs"], args.run) if step == "store" else None
        try:
            r = subprocess.run([sys.executable, __file__, "--child", step, "--cache", str(cache), "--run", str(args.run),
                                "--root", str(root)], capture_output=True, text=True)
        finally:
            if root:
                shutil.rmtree(root, ignore_errors=True)
        print(r.stdout.strip() or r.stderr.strip()[-2000:], flush=True)

    if args.datasketch_lsh:
        sigs = np.load(cache)["sigs"]
        np.save(Path(tmp.name) / "sigs.npy", sigs)
        code = LSH_CHILD % (str(Path(__file__).resolve().parent.parent), str(Path(tmp.name) / "sigs.npy"))
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        print(r.stdout.strip() or r.stderr.strip().splitlines()[-1])
    tmp.cleanup()


if __name__ == "__main__":
    main()
