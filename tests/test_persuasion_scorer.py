"""The persuasion scorer on hand-made spans: partial-overlap credit, merging, paragraphs."""

from __future__ import annotations

import pytest

from newstrace.eval.persuasion import (
    LabeledSpan,
    PersuasionScore,
    merge_spans,
    paragraph_labels,
    score_document,
    span_credit,
)

LL = "Loaded_Language"
NC = "Name_Calling-Labeling"


def test_merge_spans_unions_overlaps_and_drops_empty() -> None:
    assert merge_spans([(5, 9), (0, 3), (2, 4), (7, 12), (20, 20)]) == [(0, 4), (5, 12)]


def test_exact_match_scores_one() -> None:
    credit = span_credit([(10, 20)], [(10, 20)])
    assert (credit.precision, credit.recall, credit.f1) == (1.0, 1.0, 1.0)


def test_partial_overlap_credit_is_fraction_of_each_side() -> None:
    # predicted 10-20 (10 chars), gold 15-35 (20 chars): overlap 5
    credit = span_credit([(10, 20)], [(15, 35)])
    assert credit.precision == pytest.approx(0.5)
    assert credit.recall == pytest.approx(0.25)
    assert credit.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)


def test_one_prediction_covering_two_gold_spans() -> None:
    # predicted 0-30; gold 0-10 and 20-30: precision 20/30, each gold span fully recalled
    credit = span_credit([(0, 30)], [(0, 10), (20, 30)])
    assert credit.precision == pytest.approx(20 / 30)
    assert credit.recall == pytest.approx(1.0)


def test_no_prediction_and_no_gold() -> None:
    assert span_credit([], [(0, 5)]).recall == 0.0
    assert span_credit([(0, 5)], []).precision == 0.0
    assert span_credit([], []).f1 == 0.0


def test_label_aware_versus_agnostic() -> None:
    text = "They are traitors and cowards, he said."
    gold = [LabeledSpan(NC, 9, 17)]
    predicted = [LabeledSpan(LL, 9, 17)]
    score = PersuasionScore()
    score_document(score, text, predicted, gold)
    assert score.span.f1 == 0.0
    assert score.span_agnostic.f1 == 1.0
    assert score.paragraph.f1 == 0.0


def test_overlapping_same_technique_is_merged_before_credit() -> None:
    text = "x" * 40
    score = PersuasionScore()
    score_document(score, text, [LabeledSpan(LL, 0, 10), LabeledSpan(LL, 5, 10)], [LabeledSpan(LL, 0, 10)])
    assert score.span.precision == 1.0
    assert score.span.n_pred == 1


def test_paragraph_labels_follow_non_blank_lines() -> None:
    text = "Title line\n\nFirst paragraph is evil.\nSecond one."
    spans = [LabeledSpan(LL, 30, 34), LabeledSpan(NC, 0, 5), LabeledSpan(LL, 20, 40)]
    labels = paragraph_labels(text, spans)
    assert labels == [{NC}, {LL}, {LL}]


def test_paragraph_micro_f1_counts_pairs() -> None:
    text = "one\ntwo\nthree"
    gold = [LabeledSpan(LL, 0, 3), LabeledSpan(NC, 4, 7)]
    predicted = [LabeledSpan(LL, 1, 2), LabeledSpan(LL, 8, 13)]
    score = PersuasionScore()
    score_document(score, text, predicted, gold)
    # pairs: (p1, LL) hit, (p3, LL) false positive, (p2, NC) miss
    assert score.paragraph.precision == pytest.approx(0.5)
    assert score.paragraph.recall == pytest.approx(0.5)
    assert score.paragraph_by_technique[LL].recall == pytest.approx(1.0)
    assert score.by_technique[LL].recall == pytest.approx(1 / 3)  # span level: 1 of 3 characters
