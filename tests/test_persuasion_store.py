"""Persuasion spans, own-voice sentences (migration 7) and times (migration 9) as store tables, on both
backends."""

from __future__ import annotations

import re

import pytest

import newstrace
from newstrace.errors import StoreError
from newstrace.store import PersuasionCount, open_store
from newstrace.store.base import load_migrations

from .conftest import shared_path

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed() -> newstrace.Article:
    return newstrace.analyze(shared_path("seed/tass-2025-10-24-kursk.txt").read_text(encoding="utf-8"))


def test_spans_and_sentences_match_the_record(store_url: str, seed: newstrace.Article) -> None:
    with open_store(store_url) as store:
        store.save(seed)
        counts = store.counts()
        assert counts["persuasion_spans"] == len(seed.persuasion) > 0
        assert counts["own_voice"] == len(seed.own_voice) == 3
        assert counts["times"] == len(seed.times) > 0
        by_voice = {c.voice: c.spans for c in store.persuasion(by=("voice",))}
        expected: dict[str, int] = {}
        for span in seed.persuasion:
            expected[span.voice] = expected.get(span.voice, 0) + 1
        assert by_voice == expected
        # the seed is TASS wire copy with no outlet given: the agency stands for it
        assert {c.outlet for c in store.persuasion(by=("outlet",))} == {"TASS"}
        months = store.persuasion(by=("month", "technique"), voice="attributed")
        assert {c.month for c in months} == {"2025-10"}
        assert sum(c.spans for c in months) == expected["attributed"]
        assert store.persuasion(technique="no such technique") == []
        (tass,) = store.outlet_voices()
        assert (tass.outlet, tass.articles, tass.own_voice) == ("TASS", 1, 3)
        assert tass.outlet_spans + tass.attributed_spans == len(seed.persuasion)
        assert tass.attributions == len(seed.attributions)


def test_grouping_by_an_unknown_field_says_what_is_allowed(store_url: str) -> None:
    with open_store(store_url) as store, pytest.raises(StoreError, match=r"E074 .*'speaker'.*outlet, voice"):
        store.persuasion(by=("speaker",))


def test_an_old_store_gets_its_spans_from_the_records(tmp_path, seed: newstrace.Article) -> None:  # type: ignore[no-untyped-def]
    db = f"sqlite:///{tmp_path}/old.db"
    with open_store(db) as store:
        store.save(seed)
        expected = store.persuasion(by=("voice", "technique"))
        later = [m for m in load_migrations() if m.version >= 7]
        made = [t for m in later for t in re.findall(r"CREATE TABLE (\w+)", m.common)]
        # and the indexes they put on older tables
        indexes = [i for m in later for i, t in re.findall(r"CREATE INDEX (\w+) ON (\w+)", m.common) if t not in made]
        assert {"persuasion_spans", "own_voice", "times"} <= set(made)
        with store.transaction():
            for table in made:
                store._execute(f"DROP TABLE {table}")
            for index in indexes:
                store._execute(f"DROP INDEX {index}")
            for table, column in [
                c for m in later for c in re.findall(r"ALTER TABLE (\w+) ADD COLUMN (\w+)", m.common)
            ]:
                if table not in made:  # the columns they added to older tables
                    store._execute(f"ALTER TABLE {table} DROP COLUMN {column}")
            store._execute("DELETE FROM schema_migrations WHERE version >= 7")
    with open_store(db) as store:
        assert store.persuasion(by=("voice", "technique")) == expected
        assert all(isinstance(c, PersuasionCount) for c in expected) and expected
        assert store.counts()["own_voice"] == 3
        assert store.counts()["times"] == len(seed.times), "migration 9 filled the times from the records"
