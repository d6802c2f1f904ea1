"""Seconds each stage of the default pipeline spends, as a share of the spaCy parse, in one run.

Usage: PYTHONPATH=src python bench/stage_share.py [--corpus PATH] [--articles 400] [--rounds 2]
Issue 15 asks the time stages (times.v1, said.v1) to stay under 5% of the parse. Each batch goes
through the stages in order, as the pipeline runs them (memory zones included); each stage's time
is the best of the rounds.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import time
from collections import defaultdict
from contextlib import ExitStack
from pathlib import Path

from newstrace.pipeline import get_pipeline
from newstrace.record import Article
from newstrace.settings import load_settings

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpora" / "allsides-12k.jsonl.gz"


def one_round(texts: list[str], dates: list[str | None]) -> dict[str, float]:
    settings = load_settings(workers=1)
    pipeline = get_pipeline(settings)
    spent: dict[str, float] = defaultdict(float)
    size = settings.batch_size
    for start in range(0, len(texts), size):
        batch = [
            Article(text=t, published=d)
            for t, d in zip(texts[start : start + size], dates[start : start + size], strict=True)
        ]
        with ExitStack() as zones:
            for stage in pipeline.stages:
                zones.enter_context(stage.memory_zone())
            for stage in pipeline.stages:
                live = [a for a in batch if not a.errors and stage.reads(a)]
                began = time.perf_counter()
                stage.pipe(live)
                spent[stage.name] += time.perf_counter() - began
            for article in batch:
                article.doc = None
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in itertools.islice(handle, args.articles)]
    texts = [row["text"] for row in rows]
    dates = [row.get("date") or None for row in rows]
    one_round(texts[:2], dates[:2])  # models loaded outside the clock
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for name, seconds in one_round(texts, dates).items():
            best[name] = min(best.get(name, float("inf")), seconds)
    parse = best["parse.spacy.v1"]
    print(f"{len(texts)} articles, {sum(len(t.split()) for t in texts)} words, best of {args.rounds} rounds")
    print(f"{'stage':<24}{'seconds':>10}{'of parse':>10}")
    for name, seconds in best.items():
        print(f"{name:<24}{seconds:>10.2f}{seconds / parse:>10.1%}")
    times = best.get("times.v1", 0.0) + best.get("said.v1", 0.0)
    print(f"time stages (times.v1 + said.v1): {times / parse:.1%} of the parse")


if __name__ == "__main__":
    main()
