"""Peak memory of ``newstrace analyze`` on the first 1,000 and the first 10,000 articles of a corpus.

Memory must be flat in corpus size: the input is read lazily, at most a window of chunks is in
flight, output is streamed, and spaCy's memory zone keeps the vocabulary from growing. This runs
the real command (``python -m newstrace.cli analyze FILE --format jsonl -o /dev/null``) on a copy
of the first N records, in a fresh process per size, and reads every process's peak RSS (the
kernel's high-water mark: the command and each worker it starts). It takes a while: run it with
nice, in the background.

    nice python bench/memory.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from rss import TreeSampler

SHARED = Path(os.environ.get("NEWSTRACE_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
DEFAULT_CORPUS = SHARED / "data" / "corpora" / "allsides-12k.jsonl.gz"


def first_records(corpus: Path, n: int, out: Path) -> int:
    """Copy the first ``n`` records; return their word count (whitespace-separated, as newstrace counts)."""
    import json

    words = 0
    with (
        gzip.open(corpus, "rt", encoding="utf-8") as src,
        gzip.open(out, "wt", encoding="utf-8", compresslevel=1) as dst,
    ):
        for line in islice(src, n):
            dst.write(line)
            words += len(json.loads(line)["text"].split())
    return words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, help="passed to newstrace analyze (default: its default, all cores)")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_file():
        parser.error(f"corpus not found: {corpus} (pass --corpus, or set NEWSTRACE_SHARED)")
    results: list[tuple[int, float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"first-{size}.jsonl.gz"
            words = first_records(corpus, size, path)
            command = [sys.executable, "-m", "newstrace.cli", "analyze", str(path), "--format", "jsonl"]
            command += ["--output", os.devnull, "--no-progress"]
            if args.workers is not None:
                command += ["--workers", str(args.workers)]
            began = time.perf_counter()
            process = subprocess.Popen(command, stderr=subprocess.PIPE)
            with TreeSampler(process.pid, every=0.5) as sampler:
                _, stderr = process.communicate()
            elapsed = time.perf_counter() - began
            if process.returncode != 0:
                print(stderr.decode(), file=sys.stderr)
                return 1
            peak = sampler.peak
            main_mib = peak.root_mib(process.pid)
            workers = peak.workers_mib(process.pid)
            print(
                f"{size:>6} articles, {words:,} words, {elapsed:,.0f} s ({words / elapsed:,.0f} words/s): "
                f"peak RSS of the command {main_mib:,.0f} MiB; of each worker "
                f"[{', '.join(f'{w:,.0f}' for w in workers)}] MiB; total at one instant {peak.total_mib:,.0f} MiB"
            )
            print(f"        {stderr.decode().strip().splitlines()[-1]}")
            sys.stdout.flush()
            results.append((size, main_mib, max(workers, default=0.0), peak.total_mib))
    if len(results) >= 2:
        (small, *a), (large, *b) = results[0], results[-1]
        names = ("command", "largest worker", "total")
        ratios = ", ".join(
            f"{name} {y / x:.3f}" if x else f"{name} n/a" for name, x, y in zip(names, a, b, strict=True)
        )
        print(f"peak RSS, {large:,} articles / {small:,} articles: {ratios}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
