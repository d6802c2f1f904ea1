"""Confidence per attribution and speaker (stages/confidence.py), its calibration, and the store filter."""

from __future__ import annotations

from pathlib import Path

import newstrace
from newstrace.record import Article, Attribution, Span, Speaker
from newstrace.settings import load_settings
from newstrace.stages.confidence import ConfidenceStage, evidence_keys, load_table, lookup, wilson_lower
from newstrace.store import open_store

from .conftest import REPO, shared_path

SAMPLES = REPO / "src" / "newstrace" / "samples"


def test_wilson_lower_bound_trusts_cells_only_as_far_as_their_size() -> None:
    assert wilson_lower(0, 0) == 0.0
    assert wilson_lower(25, 25) > 0.9 > wilson_lower(9, 9)  # the same precision, fewer cases: less trust
    assert wilson_lower(41, 43) < 41 / 43


def test_lookup_backs_off_from_small_cells() -> None:
    cells = {
        "direct.quote|name": {"n": 3, "right": 3},  # too few: backs off
        "direct.quote|*": {"n": 40, "right": 36},
        "*|name": {"n": 100, "right": 90},
        "*|*": {"n": 300, "right": 150},
    }
    keys = ("direct.quote|name", "direct.quote|*", "*|name")
    assert lookup(cells, keys, min_cases=8) == round(wilson_lower(36, 40), 3)
    assert lookup(cells, ("x|y", "x|*", "*|y"), min_cases=8) == round(wilson_lower(150, 300), 3)


def test_the_stage_fills_both_confidences() -> None:
    text = '"We won," Kim said.'
    article = Article(text)
    article.attributions = [
        Attribution(
            "a1",
            "direct",
            Speaker(Span.of(text, 11, 14), ["e1"], "Kim", "name"),
            Span.of(text, 15, 19),
            Span.of(text, 1, 7),
            rule="direct.quote",
        )
    ]
    ConfidenceStage(load_settings())(article)
    attribution = article.attributions[0]
    assert evidence_keys(attribution) == ("direct.quote|name", "direct.quote|*", "*|name")
    assert attribution.confidence is not None and 0.0 <= attribution.confidence <= 1.0
    assert attribution.speaker.confidence is not None and 0.0 <= attribution.speaker.confidence <= 1.0
    assert load_table()["gold"], "the shipped table names the gold it was fitted on"


def test_confidence_is_calibrated_on_the_tuning_half() -> None:
    # Each value is a cautious precision, so the share right at or above a threshold must reach it.
    from newstrace.eval.attributions import evaluate

    gold = [shared_path("data/realnews-dev/part-a.jsonl"), REPO / "gold" / "realnews" / "part-c.jsonl"]
    result = evaluate(gold, corpora=shared_path("data/corpora"), settings=load_settings(persuasion="off"))
    for low in (0.7, 0.9):
        n = sum(bin_n for bound, (bin_n, _) in result.calibration.items() if bound >= low)
        right = sum(bin_right for bound, (_, bin_right) in result.calibration.items() if bound >= low)
        assert n >= 10 and right / n >= low, f"confidence >= {low}: {right} of {n} right"


def test_quotes_filter_by_confidence(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    newstrace.ingest([SAMPLES, shared_path("seed/tass-2025-10-24-kursk.txt")], db=db)
    with open_store(db) as store:
        every = store.quotes()
        sure = store.quotes(min_confidence=0.7)
        assert every and all(q.confidence is not None for q in every)
        assert 0 < len(sure) < len(every) and all(q.confidence is not None and q.confidence >= 0.7 for q in sure)
        assert store.count_quotes(min_confidence=0.7) == len(sure)
