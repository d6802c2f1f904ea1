"""The seed dispatch: persuasion spans found and split by voice as its gold ``persuasion_minimum`` says.

Match used here: a detected span matches a gold span when they share at least 3 characters (any
technique: the issue asks that the words be found and given the right voice; techniques are scored
on SemEval data by ``newstrace eval persuasion``). Nothing here or in the model is keyed to this text.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import newstrace
from newstrace.record import Article, PersuasionSpan
from newstrace.schema import validate_record

from .conftest import shared_path

SEED = "seed/tass-2025-10-24-kursk.txt"
GOLD = "seed/tass-2025-10-24-kursk.gold.json"
MIN_OVERLAP = 3


@pytest.fixture(scope="module")
def article() -> Article:
    return newstrace.analyze(shared_path(SEED).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def minimum() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(shared_path(GOLD).read_text(encoding="utf-8"))["persuasion_minimum"]
    return items


def _matches(article: Article, item: dict[str, Any]) -> list[PersuasionSpan]:
    return [
        p for p in article.persuasion if min(p.span.end, item["end"]) - max(p.span.start, item["start"]) >= MIN_OVERLAP
    ]


def _gold(minimum: list[dict[str, Any]], text: str) -> dict[str, Any]:
    return next(item for item in minimum if item["text"] == text)


@pytest.mark.parametrize("phrase", ["Ukrainian invaders", "loyal to their duty as allies"])
def test_outlet_voice_phrases_are_found_as_the_outlets_own(
    article: Article, minimum: list[dict[str, Any]], phrase: str
) -> None:
    item = _gold(minimum, phrase)
    assert "own voice" in item["voice"]
    found = _matches(article, item)
    assert found, f"{phrase!r} not detected; detections: {[(p.technique, p.span.text) for p in article.persuasion]}"
    assert all(p.voice == "outlet" and p.attribution is None for p in found), [(p.voice, p.speaker) for p in found]


def test_kim_jong_uns_words_are_attributed_to_him(article: Article, minimum: list[dict[str, Any]]) -> None:
    # the 8 spans that are not the outlet's own voice: 6 quoted, 1 indirect, 1 inside KCNA's claim citing him
    relayed = [i for i in minimum if "own voice" not in i["voice"]]
    assert len(relayed) == 8
    hits = []
    for item in relayed:
        found = _matches(article, item)
        if any(p.voice == "attributed" and p.speaker == "Kim Jong Un" for p in found):
            hits.append(item["text"])
        # a detection over a quoted span is never given to the outlet
        assert not any(p.voice == "outlet" and item["start"] <= p.span.start < item["end"] for p in found), item
    assert len(hits) >= 6, f"only {len(hits)} of 8 found as Kim Jong Un's: {hits}"


def test_summary_and_record(article: Article) -> None:
    summary = article.persuasion_summary
    assert summary is not None
    assert summary["by_voice"]["outlet"] and summary["by_voice"]["attributed"]
    assert "Kim Jong Un" in summary["by_speaker"]
    assert summary["own_voice_sentences"] == len(article.own_voice)
    assert 0 < summary["own_voice_loaded_sentences"] <= summary["own_voice_sentences"]
    record = json.loads(article.to_json())
    assert record["schema"] == "newstrace.article/6"
    validate_record(record)
    article.check_spans()
    assert "persuasion.v1" in article.stages


def test_report_shows_persuasion_by_voice(article: Article) -> None:
    from newstrace.commands.report import render_article

    report = render_article(article)
    assert "PERSUASION" in report
    assert "outlet's own words:" in report and "relayed from speakers:" in report
    assert "carry Loaded_Language or Name_Calling" in report


def test_switched_off_the_stage_is_left_out() -> None:
    from newstrace.settings import load_settings

    text = shared_path(SEED).read_text(encoding="utf-8")
    off = newstrace.analyze(text, settings=load_settings(persuasion="off"))
    assert "persuasion.v1" not in off.stages
    assert off.persuasion == [] and off.persuasion_summary is None
    record = json.loads(off.to_json())
    validate_record(record)
    assert record["persuasion"] == [] and record["persuasion_summary"] is None
