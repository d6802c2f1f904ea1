"""TIMEX3 attributes in the record and the store: each time's type, mod and a set's value; ages,
bare numbers and titles are no times (record schema newstrace.article/6)."""

from __future__ import annotations

import pytest

import newstrace
from newstrace.record import Article, TimeExpression
from newstrace.store import open_store

pytestmark = pytest.mark.model

TEXT = (
    "WASHINGTON, March 3 (Reuters) - The plant will close in early 1991, the company said on Monday. "
    "Workers met every day for about two weeks, and Smith, 52, said the 6-year-old boy went home. "
    'He spoke on ABC\'s "This Week" program and rallies are held on Tuesday nights. '
    "Shares rose from Sept. 14 to Thursday."
)


@pytest.fixture(scope="module")
def article() -> Article:
    return newstrace.analyze(TEXT, published="1990-03-04")


def time_of(article: Article, text: str) -> TimeExpression:
    return next(t for t in article.times if t.span.text == text)


@pytest.mark.parametrize(
    ("text", "value", "timex_type", "mod", "frequency"),
    [
        ("early 1991", "1991", "DATE", "START", None),
        ("Monday", "1990-02-26", "DATE", None, None),
        ("every day", None, "SET", None, "P1D"),
        ("about two weeks", "P2W", "DURATION", "APPROX", None),
        ("Tuesday nights", None, "SET", None, "XXXX-WXX-2TNI"),
        ("Sept. 14", "1989-09-14", "DATE", None, None),  # a range is two times, as TimeML marks it
        ("Thursday", "1990-03-01", "DATE", None, None),
    ],
)
def test_timex_attributes(article: Article, text: str, value: str, timex_type: str, mod: str, frequency: str) -> None:
    found = time_of(article, text)
    assert (found.value, found.type, found.mod, found.frequency) == (value, timex_type, mod, frequency)


def test_ages_numbers_and_titles_are_no_times(article: Article) -> None:
    texts = {t.span.text for t in article.times}
    assert not texts & {"52", "6-year-old", "This Week", "Sept. 14 to Thursday"}, texts


def test_old_records_read_with_a_type_off_their_value() -> None:
    record = {"start": 0, "end": 9, "text": "two weeks", "value": "P2W", "resolution": "duration", "role": "mention"}
    old = TimeExpression.from_dict(record)
    assert (old.type, old.mod, old.frequency) == ("DURATION", None, None)
    assert TimeExpression.from_dict(old.to_dict()) == old


def test_the_store_keeps_type_mod_and_frequency_and_backfills_them(store_url: str, article: Article) -> None:
    query = "SELECT text, type, mod, frequency FROM times WHERE article_key = ? ORDER BY seq"
    with open_store(store_url) as store:
        store.save(article)
        key = store.key_of(article)
        rows = {row[0]: tuple(row[1:]) for row in store._execute(query, (key,)).fetchall()}
        assert rows["every day"] == ("SET", None, "P1D") and rows["early 1991"] == ("DATE", "START", None)
        # a store made before migration 13 has the columns empty: its backfill reads the records
        with store.transaction():
            store._execute("UPDATE times SET type = NULL, mod = NULL, frequency = NULL")
            store._backfill_timex_attributes()
        assert {row[0]: tuple(row[1:]) for row in store._execute(query, (key,)).fetchall()} == rows


def test_a_line_break_ends_a_time() -> None:
    """A title's last word and the date line under it are two things, not one expression."""
    text = "Apple co-founder Steve Jobs dies aged 56\nOctober 6, 2011\nThe co-founder of Apple died on Wednesday."
    article = newstrace.analyze(text)
    mentions = [(t.span.text, t.value) for t in article.times if t.role == "mention"]
    assert mentions[:1] == [("October 6, 2011", "2011-10-06")]
