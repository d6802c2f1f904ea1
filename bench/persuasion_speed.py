"""Words per second of ``analyze`` with the persuasion stage on and off, in the same run.

Usage: PYTHONPATH=src python bench/persuasion_speed.py [--corpus PATH] [--articles 200] [--rounds 2]
Rounds alternate off/on so drifting machine load hits both; the ratio uses the best round of each.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import time
from pathlib import Path

from newstrace.record import Article
from newstrace.run import analyze_corpus
from newstrace.settings import load_settings

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpora" / "allsides-12k.jsonl.gz"


def run(texts: list[str], persuasion: str) -> float:
    settings = load_settings(persuasion=persuasion, workers=1)
    list(analyze_corpus([Article(text=texts[0])], settings=settings))  # load models outside the clock
    started = time.perf_counter()
    out = [a for a in analyze_corpus([Article(text=t) for t in texts], settings=settings) if isinstance(a, Article)]
    elapsed = time.perf_counter() - started
    failed = sum(1 for a in out if a.errors)
    if failed:
        raise SystemExit(f"{failed} articles failed with persuasion={persuasion}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in itertools.islice(handle, args.articles)]
    words = sum(len(t.split()) for t in texts)
    best = {"off": float("inf"), "on": float("inf")}
    for r in range(args.rounds):
        for mode in ("off", "on"):
            elapsed = run(texts, mode)
            best[mode] = min(best[mode], elapsed)
            print(f"round {r + 1} persuasion={mode}: {elapsed:.1f} s, {words / elapsed:.0f} words/s", flush=True)
    off, on = words / best["off"], words / best["on"]
    print(f"{len(texts)} articles, {words} words")
    print(f"persuasion off: {off:.0f} words/s; on: {on:.0f} words/s; ratio on/off {on / off:.2f}")


if __name__ == "__main__":
    main()
