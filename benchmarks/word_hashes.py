"""The near-duplicate signature's per-word hashing when documents bring words the cache lacks.

    .venv/bin/python benchmarks/word_hashes.py [--docs 4096] [--new-words 3] [--repeat 4]

`cleaners.neardup` hashes each word once per process and caches it. The benchmark corpus
draws its words from a 30,000-word lexicon, so after a few hundred documents every word is
cached; a crawl is not like that: almost every article brings names and numbers no earlier
one had, and a cache of 65,536 words that fills up is emptied. This prints the CPU time of
`_token_hashes` over the same text dumps (benchmarks/corpus.py, varied prose), first with
every word cached, then with each document bringing --new-words words of its own.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402

from cleaners import neardup as nd  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=4096)
    ap.add_argument("--new-words", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=4)
    args = ap.parse_args(argv)
    texts = []
    i = 0
    while len(texts) < args.docs:  # the corpus's text dumps, as they are (furniture included)
        fmt, _, body = corpus.document(0, i, 0.0)
        texts.append(body)
        i += 1
    known = [nd._tokens(t) for t in texts]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(texts)} text dumps, {mb:.1f} MB, {sum(map(len, known)) / len(known):.0f} words each")
    for rep in range(args.repeat):
        # words no other document has, e.g. "kowalczyk17q0" and a number, as a crawl's names do
        fresh = [nd._tokens(t + "".join(f" kowalczyk{i}q{rep}w{k}" for k in range(args.new_words)))
                 for i, t in enumerate(texts)]
        nd._HASHES.clear()
        for toks in known:  # every word of the corpus cached
            nd._token_hashes(toks)
        t = time.process_time()
        for toks in known:
            nd._token_hashes(toks)
        hit = time.process_time() - t
        t = time.process_time()
        for toks in fresh:
            nd._token_hashes(toks)
        new = time.process_time() - t
        print(f"  every word cached {hit * 1e6 / len(texts):6.1f} us/doc   "
              f"{args.new_words} new words per doc {new * 1e6 / len(texts):6.1f} us/doc", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
