"""Eval gate: HTML main-text extraction on the 181-page article-extraction benchmark."""

from __future__ import annotations

import pytest

from newstrace.errors import EvaluationError
from newstrace.eval.html import evaluate, page_scores, precision, recall, shingles

from .conftest import shared_path

BENCHMARK = "data/html/article-extraction-benchmark"


def test_shingle_scores_by_hand() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("short text") == {("short", "text"): 1}
    assert page_scores("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = page_scores("a b c d e", "a b c d x y")
    # gold shingles: abcd, bcde; extracted: abcd, bcdx, cdxy -> tp 1, fp 2, fn 1, normalized by 4
    assert (tp, fp, fn) == (1 / 4, 2 / 4, 1 / 4)
    assert precision(tp, fp, fn) == pytest.approx(1 / 3) and recall(tp, fp, fn) == pytest.approx(1 / 2)
    assert precision(0.0, 0.0, 0.0) == 1.0  # nothing to find, nothing found


def test_html_extraction_gate() -> None:
    score = evaluate(shared_path(BENCHMARK))
    assert score.pages == 181
    assert score.f1 >= 0.95, f"benchmark body F1 {score.f1:.4f} fell below 0.95"
    assert score.mean_page_f1 >= 0.95, f"mean per-page F1 {score.mean_page_f1:.4f} fell below 0.95"


def test_missing_benchmark_is_an_evaluation_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EvaluationError, match="E040"):
        evaluate(tmp_path)
