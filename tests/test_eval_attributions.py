"""The real-news who-said-what scorer (eval/attributions.py) and its gold (formats/realnews.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from newstrace.errors import EvaluationError
from newstrace.eval.attributions import (
    RealnewsResult,
    match,
    name_matches,
    predicted_units,
    score_article,
    speaker_right,
)
from newstrace.formats.realnews import GoldArticle, load_gold, offsets_only
from newstrace.record import Article, Attribution, Span, Speaker

from .conftest import REPO, shared_path

OWN_GOLD = REPO / "gold" / "realnews"
TEXT = 'The minister said the talks failed. "We will go on," Kim Jong Un said. "The enemy will pay." Analysts agreed.'


def span(text: str, start: int | None = None, needle: str = "") -> Span:
    begin = text.index(needle) if start is None else start
    return Span.of(text, begin, begin + len(needle))


def gold_span(text: str, needle: str) -> dict[str, Any]:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle), "text": needle}


def attribution(
    content: Span, name: str | None, *, parts: list[Span] | None = None, resolution: str = "name"
) -> Attribution:
    mention = span(TEXT, needle=name) if name and name in TEXT else None
    speaker = Speaker(mention, ["e1"] if name else [], name, resolution if name else "unresolved")
    return Attribution("a1", "direct", speaker, None, content, content_parts=parts or [])


def gold_attribution(content: str, speaker: Any, **extra: Any) -> dict[str, Any]:
    return {"kind": "direct", "speaker": speaker, "content": gold_span(TEXT, content), "reported_via": [], **extra}


# --- names and speakers ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("predicted", "gold", "key", "right"),
    [
        ("Kim Jong Un", "Kim Jong Un", "kim", True),
        ("Kim", "Kim Jong Un", "kim", True),  # a part that holds the key
        ("Jong Un", "Kim Jong Un", "kim", False),  # a part without the key
        ("Kim Jong Il", "Kim Jong Un", "kim", False),  # another person of the same family name
        ("President Obama", "Barack Obama", "obama", True),  # titles ignored
        ("Trump Thursday", "Donald Trump", "trump", False),  # a word that is not the name
        ("Kim Jong-il", "Kim Jong Il", "kim", True),  # hyphens split words
        ("The Washington Post", "Washington Post", "post", True),
    ],
)
def test_name_matches(predicted: str, gold: str, key: str, right: bool) -> None:
    assert name_matches(predicted, gold, key) is right


def test_unnamed_sources_need_unresolved_answers() -> None:
    content = span(TEXT, needle="We will go on")
    named = predicted_units(Article(TEXT, attributions=[attribution(content, "Kim Jong Un")]))[0]
    unresolved = predicted_units(Article(TEXT, attributions=[attribution(content, None)]))[0]
    speakers = {"Kim Jong Un": {"id": "Kim Jong Un", "key": "kim"}}
    assert speaker_right(named, gold_attribution("We will go on", "Kim Jong Un"), speakers)
    assert not speaker_right(unresolved, gold_attribution("We will go on", "Kim Jong Un"), speakers)
    assert speaker_right(unresolved, gold_attribution("We will go on", None), speakers)
    assert not speaker_right(named, gold_attribution("We will go on", None), speakers)
    accepting = gold_attribution("We will go on", "Kim Jong Un", speaker_accept=[None])
    assert speaker_right(unresolved, accepting, speakers)
    several = gold_attribution("We will go on", ["Choe Son Hui", "Kim Jong Un"])
    assert speaker_right(named, several, speakers)


def test_alias_of_the_speakers_table_counts() -> None:
    content = span(TEXT, needle="We will go on")
    unit = predicted_units(Article(TEXT, attributions=[attribution(content, "KCNA")]))[0]
    gold = gold_attribution("We will go on", "Korean Central News Agency")
    table = {"Korean Central News Agency": {"id": "Korean Central News Agency", "aliases": ["KCNA"], "key": "kcna"}}
    assert speaker_right(unit, gold, table)
    assert not speaker_right(unit, gold, {})


# --- matching --------------------------------------------------------------------------------------
def test_split_quote_counts_as_one_prediction_per_part() -> None:
    first, second = span(TEXT, needle="We will go on"), span(TEXT, needle="The enemy will pay.")
    whole = Span.of(TEXT, first.start, second.end)  # the record's content runs over its own cue
    article = Article(TEXT, attributions=[attribution(whole, "Kim Jong Un", parts=[first, second])])
    gold = [gold_attribution("We will go on", "Kim Jong Un"), gold_attribution("The enemy will pay", "Kim Jong Un")]
    units = predicted_units(article)
    assert [u.content.text for u in units] == ["We will go on", "The enemy will pay."]
    assert [(g, p) for g, p, _ in match(gold, units)] == [(0, 0), (1, 1)]


def test_match_needs_half_of_the_shorter_content_and_is_one_to_one() -> None:
    gold = [gold_attribution("the talks failed", None)]
    barely = span(TEXT, needle='failed. "We will go on')  # shares "failed": 6 of the shorter's 16 characters
    assert match(gold, predicted_units(Article(TEXT, attributions=[attribution(barely, None)]))) == []
    twice = [attribution(span(TEXT, needle="the talks failed"), None), attribution(span(TEXT, needle="talks"), None)]
    pairs = match(gold, predicted_units(Article(TEXT, attributions=twice)))
    assert [(g, p) for g, p, _ in pairs] == [(0, 0)]  # the larger overlap wins, the other stays spurious


def test_a_tie_goes_to_the_gold_attribution_whose_speaker_agrees() -> None:
    """'Fox News reported that agents took the server, Wells said': two gold attributions with the same
    words; a prediction naming Wells is Wells's, not a wrong name for Fox News."""
    gold = [gold_attribution("the talks failed", "Fox News"), gold_attribution("the talks failed", "Barbara Wells")]
    units = predicted_units(Article(TEXT, attributions=[attribution(span(TEXT, needle="the talks failed"), "Wells")]))
    assert [(g, p) for g, p, _ in match(gold, units)] == [(0, 0)]  # without a speaker check: the first
    speakers = {"Barbara Wells": {"id": "Barbara Wells", "key": "wells"}}
    pairs = match(gold, units, lambda g, p: speaker_right(units[p], gold[g], speakers))
    assert [(g, p) for g, p, _ in pairs] == [(1, 0)]


def test_score_article_counts_the_kinds_of_error() -> None:
    gold = GoldArticle(
        source="kcna-2011-2012.jsonl.gz",
        id="k1",
        text=TEXT,
        outlet="KCNA",
        title=None,
        date=None,
        attributions=[
            gold_attribution("the talks failed", None, kind="indirect"),
            gold_attribution("We will go on", "Kim Jong Un"),
            gold_attribution("The enemy will pay", "Kim Jong Un"),
        ],
        speakers=[{"id": "Kim Jong Un", "type": "PERSON", "key": "kim"}],
    )
    predicted = [
        attribution(span(TEXT, needle="the talks failed"), "Kim Jong Un"),  # a name for an unnamed source
        attribution(span(TEXT, needle="We will go on"), "Kim Jong Un"),  # right
        attribution(span(TEXT, needle="Analysts agreed"), None),  # spurious
    ]
    result = RealnewsResult(attribution="test")
    tally = score_article(gold, Article(TEXT, attributions=predicted), result, keep_errors=True)
    assert (tally.gold, tally.predicted, tally.matched) == (3, 3, 2)
    assert (tally.speaker_right, tally.wrong_name, tally.unresolved_named, tally.fully_right) == (1, 1, 0, 1)
    assert sorted(e.kind for e in result.errors) == ["missed", "spurious", "wrong_name"]


# --- the gold files ----------------------------------------------------------------------------------
def test_offsets_only_gold_round_trips(tmp_path: Path) -> None:
    corpora = tmp_path / "corpora"
    corpora.mkdir()
    (corpora / "tiny.jsonl").write_text(json.dumps({"id": "t1", "text": TEXT, "outlet": "Desk"}) + "\n")
    article = GoldArticle("tiny.jsonl", "t1", TEXT, "Desk", None, None, [gold_attribution("We will go on", "X")])
    gold_file = tmp_path / "part-x.jsonl"
    gold_file.write_text(json.dumps(offsets_only(article)) + "\n")
    assert "We will go on" not in gold_file.read_text()  # no words of the text in the file
    [loaded] = load_gold([gold_file], corpora)
    assert loaded.attributions[0]["content"]["text"] == "We will go on"
    assert (loaded.outlet, loaded.part) == ("Desk", "part-x")
    (corpora / "tiny.jsonl").write_text(json.dumps({"id": "t1", "text": TEXT + " Edited."}) + "\n")
    with pytest.raises(EvaluationError, match=r"E041.*sha256"):
        load_gold([gold_file], corpora)


def test_own_gold_loads_against_the_corpora() -> None:
    corpora = shared_path("data/corpora")
    parts = sorted(OWN_GOLD.glob("part-?.jsonl"))  # C to U, not the second reading of F
    articles = load_gold(parts, corpora)  # loaded only: the held-out parts are scored for totals, never in a test
    assert len(articles) == 5 * 15 + 6 * 15 + 8 * 30  # C to G, H to M: 15 each; N to U: 30 each
    assert {a.corpus for a in articles} == {"KCNA", "Reuters", "allsides"}
    assert len({a.id for a in articles}) == len(articles), "each part draws articles no other part has"
    dev = [
        json.loads(line)["id"]
        for part in "ab"
        for line in shared_path(f"data/realnews-dev/part-{part}.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert not {a.id for a in articles} & set(dev), "the own gold must not repeat realnews-dev articles"
    word = re.compile(r"\w")
    for article in articles:
        names = {entry["id"] for entry in article.speakers}
        for gold in article.attributions:
            for field in ("speaker_mention", "cue", "content"):
                value = gold.get(field)
                if value is None:
                    continue
                start, end = value["start"], value["end"]
                assert article.text[start:end] == value["text"]
                inside = word.match(article.text[start]) and start > 0 and word.match(article.text[start - 1])
                assert not inside, f"{article.id}: {field} starts inside a word"
            speakers = gold["speaker"] if isinstance(gold["speaker"], list) else [gold["speaker"]]
            assert all(name in names for name in speakers if name), f"{article.id}: {speakers} not in its table"


# --- the gate: the tuning half of the real-news gold ---------------------------------------------------
# Floors sit about 0.02 under what the default pipeline reaches (docs/realnews.md); raise them as the
# numbers improve, never lower them to make a change pass. The held-out half (parts B and D) is not
# read here: it is scored only to report.
# Measured 2026-12-04: precision 0.895, recall 0.867, speaker 0.641, fully right 0.476, wrong names 10;
# 2026-12-07 (ninth session): 0.943, 0.841, 0.925, 0.689, 1 (recall's floor stays where it was);
# tenth session: 0.947, 0.848, 0.925, 0.695, 1.
TUNE_FLOORS = {"precision": 0.93, "recall": 0.84, "speaker_accuracy": 0.90, "fully_right_of_gold": 0.675}
TUNE_MAX_WRONG_NAMES = 3  # matched attributions given another person's name


def test_realnews_tune_gate() -> None:
    from newstrace.eval.attributions import evaluate
    from newstrace.settings import load_settings

    gold = [shared_path("data/realnews-dev/part-a.jsonl"), OWN_GOLD / "part-c.jsonl"]
    result = evaluate(gold, corpora=shared_path("data/corpora"), settings=load_settings(persuasion="off"))
    overall = result.overall.to_dict()
    assert overall["articles"] == 30 and not result.failed
    for name, floor in TUNE_FLOORS.items():
        assert overall[name] >= floor, f"{name} {overall[name]:.3f} under its floor {floor}"
    assert overall["wrong_name"] <= TUNE_MAX_WRONG_NAMES


def test_a_reading_scored_against_itself_agrees_fully(capsys: pytest.CaptureFixture[str]) -> None:
    """scripts/gold_agreement.py: every attribution of a reading, as a prediction, matches itself with its speaker."""
    import runpy

    agreement = runpy.run_path(str(REPO / "scripts" / "gold_agreement.py"))
    corpora = shared_path("data/corpora")
    part = OWN_GOLD / "part-c.jsonl"
    assert agreement["main"]([str(part), str(part), "--corpora", str(corpora)]) == 0
    overall = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("all "))
    gold, predicted, precision, recall, _, speaker, wrong = overall.split()[2:9]
    assert gold == predicted and (precision, recall, speaker, wrong) == ("1.000", "1.000", "1.000", "0")
