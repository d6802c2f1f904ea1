"""Persuasion techniques on SemEval-2023 English: span-level and paragraph-level precision/recall/F1.

Span level follows SemEval-2020 Task 11: a predicted span s and a gold span t of the same technique
add |s∩t|/|s| to precision and |s∩t|/|t| to recall; sums are pooled over all techniques
(micro-average). Overlapping spans of one technique are merged first, on both sides, so a character
is never counted twice. Label-agnostic merges all techniques into one. Paragraph level follows
SemEval-2023 Task 3 subtask 3: each non-blank line is labelled with the set of techniques whose
spans overlap it, and (paragraph, technique) pairs are scored with micro-F1.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..formats.semeval import DEFAULT_CORPUS, CorpusArticle, paragraphs, read_corpus


@dataclass(frozen=True)
class LabeledSpan:
    technique: str
    start: int
    end: int


@dataclass
class PRF:
    """Credit sums behind precision and recall; ``n_pred``/``n_gold`` are the denominators."""

    p_credit: float = 0.0
    n_pred: float = 0.0
    r_credit: float = 0.0
    n_gold: float = 0.0

    @property
    def precision(self) -> float:
        return self.p_credit / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.r_credit / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.p_credit += other.p_credit
        self.n_pred += other.n_pred
        self.r_credit += other.r_credit
        self.n_gold += other.n_gold


@dataclass
class PersuasionScore:
    span: PRF = field(default_factory=PRF)
    span_agnostic: PRF = field(default_factory=PRF)
    paragraph: PRF = field(default_factory=PRF)
    by_technique: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    paragraph_by_technique: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    articles: int = 0
    seconds: float = 0.0


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of intervals, sorted; empty intervals are dropped."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def span_credit(predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]) -> PRF:
    """Partial-overlap credit of one technique in one document (spans merged first)."""
    pred = merge_spans(predicted)
    true = merge_spans(gold)
    score = PRF(n_pred=len(pred), n_gold=len(true))
    for s in pred:
        for t in true:
            inter = _overlap(s, t)
            if inter:
                score.p_credit += inter / (s[1] - s[0])
                score.r_credit += inter / (t[1] - t[0])
    return score


def paragraph_labels(text: str, spans: Iterable[LabeledSpan]) -> list[set[str]]:
    """For each non-blank line, the techniques whose spans overlap it."""
    pars = paragraphs(text)
    labels: list[set[str]] = [set() for _ in pars]
    for span in spans:
        for k, (start, end) in enumerate(pars):
            if span.start < end and start < span.end:
                labels[k].add(span.technique)
    return labels


def score_document(
    score: PersuasionScore, text: str, predicted: Sequence[LabeledSpan], gold: Sequence[LabeledSpan]
) -> None:
    """Add one document's spans to the running score."""
    score.articles += 1
    techniques = {s.technique for s in predicted} | {s.technique for s in gold}
    for technique in techniques:
        credit = span_credit(
            [(s.start, s.end) for s in predicted if s.technique == technique],
            [(s.start, s.end) for s in gold if s.technique == technique],
        )
        score.span.add(credit)
        score.by_technique[technique].add(credit)
    score.span_agnostic.add(span_credit([(s.start, s.end) for s in predicted], [(s.start, s.end) for s in gold]))
    for pred_set, gold_set in zip(paragraph_labels(text, predicted), paragraph_labels(text, gold), strict=True):
        for technique in pred_set | gold_set:
            hit = float(technique in pred_set and technique in gold_set)
            cell = PRF(hit, float(technique in pred_set), hit, float(technique in gold_set))
            score.paragraph.add(cell)
            score.paragraph_by_technique[technique].add(cell)


def evaluate(
    corpus: str | Path = DEFAULT_CORPUS,
    *,
    split: str = "dev",
    limit: int | None = None,
    threshold_scale: float = 1.0,
    rules: bool = True,
    model: Path | None = None,
) -> PersuasionScore:
    """Run the detector (the shipped one, or the model folder ``model``) over the split's articles
    and score it against their gold spans."""
    from ..models.persuasion import Detector, get_detector

    articles: list[CorpusArticle] = read_corpus(corpus, split=split)
    if limit is not None:
        articles = articles[:limit]
    detector = get_detector() if model is None else Detector(model)
    score = PersuasionScore()
    started = time.perf_counter()
    found = detector.detect_many([a.text for a in articles], threshold_scale=threshold_scale, rules=rules)
    score.seconds = time.perf_counter() - started
    for article, detections in zip(articles, found, strict=True):
        predicted = [LabeledSpan(d.technique, d.start, d.end) for d in detections]
        gold = [LabeledSpan(s.technique, s.start, s.end) for s in article.spans]
        score_document(score, article.text, predicted, gold)
    return score


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", default=DEFAULT_CORPUS, help="SemEval-2023 English folder (articles/, spans.tsv)"
    )
    parser.add_argument(
        "--split", choices=("dev", "train", "tune", "fit", "all"), default="dev", help="articles to score (fixed split)"
    )
    parser.add_argument("--limit", type=int, help="score only the first N articles of the split")
    parser.add_argument("--by-technique", action="store_true", help="also print one row per technique")
    parser.add_argument("--no-rules", action="store_true", help="score the model alone, without the lexical rules")
    parser.add_argument("--model", type=Path, help="a model folder written by scripts/train_persuasion.py --out")


def format_score(score: PersuasionScore, *, by_technique: bool = False) -> str:
    lines = [f"{'level':<34}{'P':>8}{'R':>8}{'F1':>8}{'pred':>8}{'gold':>8}"]
    rows = [
        ("span, label-aware (micro)", score.span),
        ("span, label-agnostic", score.span_agnostic),
        ("paragraph, micro", score.paragraph),
    ]
    for name, prf in rows:
        lines.append(
            f"{name:<34}{prf.precision:>8.4f}{prf.recall:>8.4f}{prf.f1:>8.4f}{prf.n_pred:>8.0f}{prf.n_gold:>8.0f}"
        )
    if by_technique:
        lines.append(f"{'technique (span F1 / paragraph F1)':<34}{'spanF1':>8}{'parF1':>8}{'pred':>8}{'gold':>8}")
        for technique in sorted(score.paragraph_by_technique, key=lambda t: -score.paragraph_by_technique[t].n_gold):
            span = score.by_technique[technique]
            par = score.paragraph_by_technique[technique]
            lines.append(f"  {technique:<32}{span.f1:>8.4f}{par.f1:>8.4f}{par.n_pred:>8.0f}{par.n_gold:>8.0f}")
    lines.append(f"articles {score.articles}, detector time {score.seconds:.1f} s")
    return "\n".join(lines)


def run_cli(args: argparse.Namespace) -> int:
    score = evaluate(args.path, split=args.split, limit=args.limit, rules=not args.no_rules, model=args.model)
    print(format_score(score, by_technique=args.by_technique))
    return 0
