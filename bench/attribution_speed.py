"""Words per second and peak memory of ``newstrace analyze`` per attribution setting, in one run.

Runs the real command (``python -m newstrace.cli analyze FILE --format jsonl -o /dev/null``) on the
first N articles of a corpus once per setting and round, rounds alternating so drifting machine load
hits every setting alike; the ratio uses each setting's best round. Peak RSS is the kernel's
high-water mark of the command and of each worker it starts (see rss.py).

    PYTHONPATH=src python bench/attribution_speed.py [--articles 500] [--rounds 2] [--modes rules hybrid]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from memory import DEFAULT_CORPUS, first_records
from rss import TreeSampler


def run_once(path: Path, mode: str, workers: int | None) -> tuple[float, float, float]:
    """(seconds, peak MiB of the command, peak MiB of the largest worker)."""
    command = [sys.executable, "-m", "newstrace.cli", "analyze", str(path), "--format", "jsonl"]
    command += ["--output", os.devnull, "--no-progress"]
    if workers is not None:
        command += ["--workers", str(workers)]
    began = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, env={**os.environ, "NEWSTRACE_ATTRIBUTION": mode})
    with TreeSampler(process.pid, every=0.5) as sampler:
        _, stderr = process.communicate()
    elapsed = time.perf_counter() - began
    if process.returncode != 0:
        raise SystemExit(f"attribution={mode} failed:\n{stderr.decode()}")
    peak = sampler.peak
    return elapsed, peak.root_mib(process.pid), max(peak.workers_mib(process.pid), default=0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--modes", nargs="+", default=["rules", "hybrid"], help="first one is the baseline")
    parser.add_argument("--workers", type=int, help="passed to newstrace analyze (default: its default, all cores)")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_file():
        parser.error(f"corpus not found: {corpus} (pass --corpus, or set NEWSTRACE_SHARED)")
    best: dict[str, float] = {}
    memory: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.jsonl.gz"
        words = first_records(corpus, args.articles, path)
        for round_number in range(args.rounds):
            for mode in args.modes:
                elapsed, command_mib, worker_mib = run_once(path, mode, args.workers)
                best[mode] = min(best.get(mode, float("inf")), elapsed)
                memory[mode] = max(memory.get(mode, (0.0, 0.0)), (command_mib, worker_mib))
                print(
                    f"round {round_number + 1} attribution={mode}: {elapsed:.1f} s, {words / elapsed:,.0f} words/s, "
                    f"peak RSS command {command_mib:,.0f} MiB, largest worker {worker_mib:,.0f} MiB",
                    flush=True,
                )
    base = args.modes[0]
    print(f"\n{args.articles} articles, {words:,} words (best round of {args.rounds})")
    print(f"{'attribution':<12}{'words/s':>10}{'ratio':>8}{'peak MiB (command / worker)':>30}")
    for mode in args.modes:
        rate = words / best[mode]
        print(
            f"{mode:<12}{rate:>10,.0f}{best[base] / best[mode]:>8.2f}{memory[mode][0]:>18,.0f} / {memory[mode][1]:,.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
