"""HTML main-text extraction on the article-extraction benchmark: body F1 over 4-gram shingles.

Scored as the benchmark publishes it (scrapinghub/article-extraction-benchmark): per page,
word 4-gram shingle counts of the gold body and the extracted text give tp/fp/fn, normalized per
page so long pages weigh no more than short ones; precision and recall are averaged over pages
and F1 is their harmonic mean. The mean of per-page F1 is reported beside it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, EvaluationError, InputError

DEFAULT_PATH = "../shared/data/html/article-extraction-benchmark"
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Counts of word n-grams; a text shorter than n words is one shorter shingle."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def page_scores(gold: str, extracted: str) -> tuple[float, float, float]:
    """Normalized (tp, fp, fn) of one page."""
    true, pred = shingles(gold), shingles(extracted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class HtmlScore:
    pages: int = 0
    empty: int = 0
    per_page: dict[str, tuple[float, float, float]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        values = [precision(*s) for s in self.per_page.values() if s[0] + s[1] > 0]
        return statistics.mean(values) if values else 0.0

    @property
    def recall(self) -> float:
        values = [recall(*s) for s in self.per_page.values() if s[0] + s[2] > 0]
        return statistics.mean(values) if values else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @property
    def mean_page_f1(self) -> float:
        values = [f1(precision(*s), recall(*s)) for s in self.per_page.values()]
        return statistics.mean(values) if values else 0.0

    def worst(self, n: int) -> list[tuple[str, float]]:
        scored = [(k, f1(precision(*s), recall(*s))) for k, s in self.per_page.items()]
        return sorted(scored, key=lambda item: item[1])[:n]


def evaluate(path: str | Path = DEFAULT_PATH, *, limit: int | None = None) -> HtmlScore:
    from ..sources.html import extract_text  # trafilatura loads only when this evaluation runs

    folder = Path(path)
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        raise EvaluationError(Errors.E040.format(path=folder, expected="ground-truth.json and html/<id>.html.gz"))
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    score = HtmlScore()
    for n, (page_id, gold) in enumerate(sorted(truth.items())):
        if limit is not None and n >= limit:
            break
        page = folder / "html" / f"{page_id}.html.gz"
        if not page.is_file():
            raise EvaluationError(Errors.E040.format(path=page, expected="the page named in ground-truth.json"))
        html = gzip.decompress(page.read_bytes())
        try:
            text = extract_text(html, url=gold.get("url"))
        except InputError:
            text = ""
            score.empty += 1
        score.pages += 1
        score.per_page[page_id] = page_scores(gold.get("articleBody", ""), text)
    return score


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=DEFAULT_PATH, help="benchmark folder (ground-truth.json, html/)")
    parser.add_argument("--limit", type=int, help="score only the first N pages (sorted by id)")
    parser.add_argument("--show-worst", type=int, default=5, help="print this many lowest-scoring pages")


def run_cli(args: argparse.Namespace) -> int:
    score = evaluate(args.path, limit=args.limit)
    print(f"{'metric':<28}{'value':>10}")
    print(f"{'pages':<28}{score.pages:>10}")
    print(f"{'pages with no text found':<28}{score.empty:>10}")
    print(f"{'precision (mean)':<28}{score.precision:>10.4f}")
    print(f"{'recall (mean)':<28}{score.recall:>10.4f}")
    print(f"{'F1 (benchmark)':<28}{score.f1:>10.4f}")
    print(f"{'F1 (mean per page)':<28}{score.mean_page_f1:>10.4f}")
    for page_id, value in score.worst(args.show_worst):
        print(f"  worst: {page_id[:16]} F1 {value:.3f}")
    return 0
