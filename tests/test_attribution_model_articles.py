"""The learned attribution stages on real articles: valid records, every speaker linked or unresolved."""

from __future__ import annotations

import pytest

from newstrace.eval.polnear import GoldArticle, load_gold
from newstrace.record import ATTRIBUTION_KINDS, Article
from newstrace.run import analyze_corpus
from newstrace.schema import validate_record
from newstrace.settings import Settings, load_settings

from .conftest import shared_path


@pytest.fixture(scope="module")
def dev_gold() -> list[GoldArticle]:
    return load_gold(shared_path("data/polnear/dev"), limit=8)


@pytest.fixture(scope="module")
def dev_texts(dev_gold: list[GoldArticle]) -> list[str]:
    return [g.text for g in dev_gold]


@pytest.mark.parametrize("mode", ["model", "hybrid"])
def test_records_are_valid_and_every_speaker_is_linked_or_unresolved(
    mode: str, dev_gold: list[GoldArticle], dev_texts: list[str]
) -> None:
    settings = load_settings(attribution=mode, persuasion="off")
    articles = [
        a for a in analyze_corpus([Article(text=t) for t in dev_texts], settings=settings) if isinstance(a, Article)
    ]
    gold_contents = sum(len(g.spans["Content"]) for g in dev_gold)
    assert sum(len(a.attributions) for a in articles) >= 0.7 * gold_contents
    for article in articles:
        assert not article.errors
        article.check_spans()
        validate_record(article.to_dict())
        for attribution in article.attributions:
            assert attribution.kind in ATTRIBUTION_KINDS
            assert attribution.content.text.strip()
            speaker = attribution.speaker
            if speaker.resolution == "unresolved":
                assert speaker.entity is None and not speaker.entities
            else:
                assert speaker.entities, (speaker.resolution, speaker.mention)
        assert [a.id for a in article.attributions] == [f"a{k}" for k in range(1, len(article.attributions) + 1)]


def test_hybrid_takes_kinds_and_relays_from_the_rules(dev_texts: list[str]) -> None:
    settings = load_settings(attribution="hybrid", persuasion="off")
    articles = [
        a for a in analyze_corpus([Article(text=t) for t in dev_texts], settings=settings) if isinstance(a, Article)
    ]
    rules = [a.rule for article in articles for a in article.attributions]
    assert any(r.startswith("direct.") for r in rules)
    assert any(r.startswith("indirect.") for r in rules)
    assert any(r.startswith("model") for r in rules)  # the tagger finds what no rule does


def _analyzed(texts: list[str], settings: Settings) -> list[Article]:
    return [a for a in analyze_corpus([Article(text=t) for t in texts], settings=settings) if isinstance(a, Article)]
