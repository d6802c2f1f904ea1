"""Dateline places on Reuters-21578: share of gold datelines whose place is extracted exactly."""

from __future__ import annotations

import argparse
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EvaluationError, Errors
from ..stages.header import parse_dateline

DEFAULT_PATH = "../shared/data/corpora/reuters21578.jsonl.gz"


@dataclass
class DatelineScore:
    total: int = 0
    exact: int = 0
    misses: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.exact / self.total if self.total else 0.0


def gold_place(gold_dateline: str) -> str:
    """'RICHMOND, Va., March 5 -' -> 'RICHMOND, Va.': everything before the date."""
    result = parse_dateline(gold_dateline + " x", 0, None)
    if result is not None:
        dateline = result[0]
        text = dateline.span.text
        return text.rsplit(",", 1)[0].strip() if "," in text else text
    return gold_dateline.rsplit(",", 1)[0].strip()


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def evaluate(path: str | Path = DEFAULT_PATH, *, limit: int | None = None) -> DatelineScore:
    source = Path(path)
    if not source.is_file():
        raise EvaluationError(Errors.E040.format(path=source, expected="reuters21578.jsonl.gz (JSON Lines)"))
    score = DatelineScore()
    for n, row in enumerate(_rows(source)):
        if limit is not None and n >= limit:
            break
        gold = row.get("gold_dateline")
        if not gold:
            continue
        expected = gold.split(" - ")[0].rsplit(",", 1)[0].strip()
        found = parse_dateline(row["text"], 0, None)
        got = None
        if found is not None:
            text = found[0].span.text
            got = text.rsplit(",", 1)[0].strip() if found[0].date else text.strip()
        score.total += 1
        if got == expected:
            score.exact += 1
        elif len(score.misses) < 50:
            score.misses.append((gold, got))
    return score


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=DEFAULT_PATH, help="Reuters-21578 JSON Lines (.gz)")
    parser.add_argument("--limit", type=int, help="score only the first N stories")
    parser.add_argument("--show-misses", type=int, default=10, help="print this many misses")


def run_cli(args: argparse.Namespace) -> int:
    score = evaluate(args.path, limit=args.limit)
    print(f"{'metric':<28}{'value':>10}")
    print(f"{'gold datelines':<28}{score.total:>10}")
    print(f"{'places exactly right':<28}{score.exact:>10}")
    print(f"{'accuracy':<28}{score.accuracy:>10.4f}")
    for gold, got in score.misses[: args.show_misses]:
        print(f"  miss: gold {gold!r} got {got!r}")
    return 0
