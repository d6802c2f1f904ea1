"""Our pure-Python WordPiece against Hugging Face's ``tokenizers`` (Rust): same pieces? how fast?

    .venv/bin/pip install tokenizers==0.23.3      # not a dependency: this script measures whether it should be
    .venv/bin/python bench/wordpiece.py [--articles 400]

Reads allsides articles from ../shared/data/corpora/allsides-12k.jsonl.gz and prints, for the
shipped vocabulary: how many articles get identical pieces (ids and character offsets), and the
articles per second of each tokenizer on the same texts, cold (our word cache empty) and warm.
The result is recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from importlib import resources
from itertools import islice
from pathlib import Path

from newstrace.models.wordpiece import WordPiece

CORPUS = Path("../shared/data/corpora/allsides-12k.jsonl.gz")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    args = parser.parse_args()
    try:
        from tokenizers import BertWordPieceTokenizer
    except ImportError:
        raise SystemExit("pip install tokenizers==0.23.3 first (see the docstring)") from None
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in islice(lines, args.articles)]
    vocab = resources.files("newstrace.resources").joinpath("attribution/vocab.txt")
    with resources.as_file(vocab) as vocab_path:
        ours = WordPiece(vocab_path)
        theirs = BertWordPieceTokenizer(str(vocab_path), lowercase=True, strip_accents=True, clean_text=True)

    def run_ours() -> list[list[tuple[int, int, int]]]:
        return [[(p.id, p.start, p.end) for p in ours.tokenize(t)] for t in texts]

    def run_theirs() -> list[list[tuple[int, int, int]]]:
        out = []
        for encoding in theirs.encode_batch(texts, add_special_tokens=False):
            out.append([(i, s, e) for i, (s, e) in zip(encoding.ids, encoding.offsets, strict=True)])
        return out

    started = time.perf_counter()
    mine = run_ours()
    cold = time.perf_counter() - started
    started = time.perf_counter()
    run_ours()
    warm = time.perf_counter() - started
    started = time.perf_counter()
    other = run_theirs()
    rust = time.perf_counter() - started
    same = sum(a == b for a, b in zip(mine, other, strict=True))
    pieces = sum(len(m) for m in mine)
    print(f"{len(texts)} articles, {pieces:,} pieces")
    print(f"identical pieces (ids and offsets): {same} of {len(texts)} articles")
    print(f"ours, cold cache : {len(texts) / cold:8.1f} articles/s")
    print(f"ours, warm cache : {len(texts) / warm:8.1f} articles/s")
    threads = os.environ.get("RAYON_NUM_THREADS", "all cores")
    print(f"tokenizers       : {len(texts) / rust:8.1f} articles/s (encode_batch, threads: {threads})")
    for a, b in zip(mine, other, strict=True):
        if a != b:
            first = next(i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y)
            print(f"first difference: ours {a[first : first + 3]} vs tokenizers {b[first : first + 3]}")
            break


if __name__ == "__main__":
    main()
