"""When each statement was made (said.v1): a time that depends on the cue verb dates the speech act;
a time inside what was said never does; otherwise the article's date stands in, marked assumed."""

from __future__ import annotations

import pytest

import newstrace
from newstrace.record import Article, Attribution

pytestmark = pytest.mark.model

TEXT = (
    "WASHINGTON, March 3 (Reuters) - The senator said on Monday that the bill would pass on Friday. "
    '"We will win," she told reporters Thursday. '
    "The minister said in a statement last week that taxes would rise. "
    "According to officials, the talks failed. "
    "The mayor said the bridge would reopen on Tuesday."
)


@pytest.fixture(scope="module")
def article() -> Article:
    return newstrace.analyze(TEXT, published="2020-03-04")


def by_cue_and_speaker(article: Article, speaker: str) -> Attribution:
    return next(a for a in article.attributions if a.speaker.name and speaker in a.speaker.name)


@pytest.mark.parametrize(
    ("speaker", "value", "span", "assumed"),
    [
        ("senator", "2020-03-02", "Monday", False),  # "said on Monday" (not the bill's Friday)
        ("she", "2020-02-27", "Thursday", False),  # "told reporters Thursday"
        ("minister", "2020-W09", "last week", False),  # "said in a statement last week"
        ("officials", "2020-03-04", None, True),  # no time given: the article's date, assumed
        ("mayor", "2020-03-04", None, True),  # "Tuesday" is when the bridge reopens, not when he spoke
    ],
)
def test_statement_times(article: Article, speaker: str, value: str, span: str | None, assumed: bool) -> None:
    said = by_cue_and_speaker(article, speaker).said
    assert said is not None
    assert (said.value, said.span.text if said.span else None, said.assumed) == (value, span, assumed)
    if said.span:
        assert article.text[said.span.start : said.span.end] == said.span.text


def test_said_round_trips_and_old_records_read_without_it(article: Article) -> None:
    record = article.to_dict()
    assert Article.from_dict(record).to_dict() == record
    for attribution in record["attributions"]:
        del attribution["said"]
    assert all(a.said is None for a in Article.from_dict(record).attributions)


def test_the_store_filters_statements_by_when_they_were_said(store_url: str, article: Article) -> None:
    from newstrace.store import open_store

    with open_store(store_url) as store:
        store.save(article)
        said = {(q.speaker, q.said, q.said_assumed) for q in store.quotes()}
        assert ("senator", "2020-03-02", False) in said and ("officials", "2020-03-04", True) in said
        march = store.quotes(said_since="2020-03")
        assert {q.speaker for q in march} >= {"senator", "officials"} and "she" not in {q.speaker for q in march}
        assert [q.speaker for q in store.quotes(said_until="2020-02")] == ["she"]  # Thursday, February 27
        assert store.count_quotes(said_since="2020-03-02", said_until="2020-03-02") == 1
        assert store.quotes(said_since="2021") == []
