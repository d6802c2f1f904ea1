"""Near-verbatim reuse as relay edges: hand-built rows for the rule, the seed and a copy of it for
the whole path (stories, reuse, relay edges, graph files), on both backends."""

from __future__ import annotations

import pytest

import newstrace
from newstrace.corpus.relays import to_graphml
from newstrace.corpus.reuse import MIN_CONTAINMENT, containment, find_reuse, runs
from newstrace.corpus.update import update_corpus
from newstrace.store import open_store

from .conftest import shared_path

BODY = " ".join(f"word{i} of the dispatch about the harvest in the north" for i in range(12))
OTHER = " ".join(f"token{i} from an unrelated report on the weather today" for i in range(12))


def test_runs_ignore_case_and_punctuation() -> None:
    assert runs("The Leader SAID, today: the farm grew.") == runs("the leader said today the farm grew")
    assert containment(runs(BODY), runs(BODY)) == 1.0 and containment(set(), runs(BODY)) == 0.0


def test_a_later_copy_by_another_outlet_is_linked_to_its_source() -> None:
    rows = [
        ("s1", "a", "KCNA", "2011-05-01", BODY),
        ("s1", "b", "TASS", "2011-05-02", "Moscow adds a first line. " + BODY),
        ("s1", "c", "KCNA", "2011-05-03", BODY),  # KCNA repeating its own a, not copying TASS's b
        ("s1", "e", "Xinhua", "2011-05-04", OTHER),  # another story's words
        ("s2", "f", "AP", "2011-05-09", BODY),  # the same words in another story: not compared
        ("s3", "g", "Yonhap", "2011-06-01", OTHER),
        ("s3", "h", "KBS", "2011-06-01", OTHER),  # the same day: who copied whom is unknown
    ]
    found = find_reuse(rows)
    assert [(k, s) for k, s, _ in found] == [("b", "a")]
    assert all(share >= MIN_CONTAINMENT for _, _, share in found)


def test_among_equal_sources_the_earliest_is_the_original() -> None:
    rows = [
        ("s", "x", "AFP", "2011-05-02", BODY),
        ("s", "w", "AP", "2011-05-01", BODY),
        ("s", "y", "TASS", "2011-05-03", BODY),
    ]
    assert [(k, s) for k, s, _ in find_reuse(rows)] == [("x", "w"), ("y", "w")]


@pytest.mark.model
def test_a_copy_of_the_seed_is_a_reuse_edge(store_url: str) -> None:
    seed_text = shared_path("seed/tass-2025-10-24-kursk.txt").read_text(encoding="utf-8")
    body = seed_text[seed_text.index("The participation") :]
    copy = "SEOUL, Oct. 25 (Yonhap) -- North Korea's state media repeated a Russian report on Saturday.\n\n" + body
    unrelated = (
        "Pyongyang, March 3 (KCNA) -- Kim Jong Un inspected a fish farm on Thursday. "
        '"The farm must raise its output," he said.'
    )
    with open_store(store_url) as store:
        store.save_many(
            [
                newstrace.analyze(seed_text),
                newstrace.analyze(copy, outlet="Yonhap", published="2025-10-25"),
                newstrace.analyze(unrelated, outlet="KCNA", published="2012-03-03"),
            ]
        )
        update = update_corpus(store)
        assert update.reuse.rebuilt and update.reuse.links == 1
        reuse = [e for e in store.relay_edges() if e.kind == "reuse"]
        assert [(e.source, e.target, e.articles, e.first) for e in reuse] == [("Yonhap", "TASS", 1, "2025-10-25")]
        assert store.relay_edges(speaker="Kim Jong Un") and all(
            e.kind == "attribution" for e in store.relay_edges(speaker="Kim Jong Un")
        )
        assert store.reuse_edges(outlet="KCNA") == []
        assert not update_corpus(store).reuse.rebuilt, "nothing changed: nothing recomputed"
        assert 'key="kind">reuse<' in to_graphml(store.relay_edges())
