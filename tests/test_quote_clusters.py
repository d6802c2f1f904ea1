"""Quote clusters: one statement followed across outlets, and what must never join."""

from __future__ import annotations

import itertools
import json
import random
import re
from collections import Counter
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.lang.en.stop_words import STOP_WORDS

import newstrace
from newstrace.cli import main
from newstrace.corpus import quotes
from newstrace.corpus.quotes import (
    Statement,
    cluster_statements,
    linked,
    statement_features,
    statement_words,
    update_quote_clusters,
)
from newstrace.corpus.update import update_corpus
from newstrace.store import open_store
from newstrace.store.base import load_migrations
from newstrace.store.statements import run_digests, shingles

QUOTE = "The bond between the two countries and their solidarity passed the most rigorous test on the battlefield"
LONG = QUOTE + ", and our people place the heroes of the sacred war on a glorious pedestal"


def _s(key: str, text: str, who: str | None = "kim", day: str = "2025-10-24", outlet: str | None = None) -> Statement:
    return Statement(key, "a1", day, who, statement_words(text), outlet or f"outlet {key}")


def test_trimmed_and_indirect_versions_link() -> None:
    whole = _s("tass", QUOTE)
    trimmed = _s("x", "their solidarity passed the most rigorous test on the battlefield, the bond between countries")
    indirect = _s(
        "y", "He said the bond between the two countries had passed the most rigorous test on the battlefield"
    )
    assert linked(whole, trimmed) and linked(whole, indirect)
    assert linked(whole, _s("z", "The weather in Seoul was cold and dry on the battlefield today")) is None


def test_what_never_links() -> None:
    base = _s("a", "A total of 657 people were confirmed dead in the floods that inundated the north of Thailand")
    later = _s("b", "A total of 677 people were confirmed dead in the floods that inundated the north of Thailand")
    assert linked(base, later) is None  # other figures: another statement
    assert linked(_s("c", QUOTE), _s("d", QUOTE, who="putin")) is None  # two people, a short statement
    # a long one verbatim in two outlets: kept, a misattribution to look at; in one outlet: stock phrasing
    assert linked(_s("c", LONG), _s("d", LONG, who="putin"))
    assert linked(_s("e", LONG, outlet="KCNA"), _s("f", LONG, who="putin", outlet="KCNA")) is None
    assert linked(_s("g", QUOTE, day="2025-10-24"), _s("h", QUOTE, day="2025-10-24")) is not None
    clusters = cluster_statements([_s("g", QUOTE, day="2025-10-24"), _s("h", QUOTE, day="2026-10-24")])
    assert clusters == []  # a year apart: not the same news


def test_no_chains_of_near_misses_and_order_does_not_matter() -> None:
    words = [f"word{chr(97 + i)}" for i in range(26)]
    a = _s("a", " ".join(words[0:10]), day="2025-10-01")
    b = _s("b", " ".join(words[3:13]), day="2025-10-02")  # 7 of 10 with a
    c = _s("c", " ".join(words[6:16]), day="2025-10-03")  # 7 of 10 with b, 4 with a
    clusters = cluster_statements([c, a, b])
    assert [[m.article_key for m, _ in cluster] for cluster in clusters] == [["a", "b"]]
    shuffled = [c, b, a]
    random.Random(1).shuffle(shuffled)
    assert cluster_statements(shuffled) == clusters


TEXTS = [
    ("TASS", "2025-10-24", f'Kim Jong Un said: "{QUOTE}." He spoke at a ceremony in Pyongyang.'),
    ("Interfax", "2025-10-24", f"Kim Jong Un said that {QUOTE.lower()}, state media reported."),
    ("Yonhap", "2025-10-25", 'Kim Jong Un said the museum would "symbolize the alliance" with Russia.'),
    ("Desk", "2025-10-25", "The mayor said the new bridge over the river would open in the spring after long delays."),
]


@pytest.mark.model
def test_shared_statement_in_the_store_and_the_commands(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "c.db")
    articles = [newstrace.analyze(text, outlet=o, published=d) for o, d, text in TEXTS]
    with open_store(db) as store:
        store.save_many(articles)
        update_corpus(store)
        assert not update_quote_clusters(store).rebuilt  # nothing new since
        clusters = store.quote_clusters()
        assert len(clusters) == 1
        (cluster,) = clusters
        assert {q.outlet for q in cluster.carriers} == {"TASS", "Interfax"}
        assert cluster.first_seen is not None and cluster.first_seen.outlet in {"TASS", "Interfax"}
        # every resolved carrier is Kim's ("state media reported" that he said it carries it too, unresolved)
        assert {q.speaker for q in cluster.carriers if q.speaker_resolution != "unresolved"} == {"Kim Jong Un"}
        assert {q.cluster for q in store.quotes(shared=True)} == {cluster.id}
    assert main(["quotes", "--db", db, "--shared", "--format", "json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["id"] == cluster.id and listed["outlets"] == 2
    assert main(["quote", cluster.id, "--db", db]) == 0
    out = capsys.readouterr().out
    assert "first seen" in out and "Interfax" in out and "TASS" in out
    assert main(["quote", "q-000000000000", "--db", db]) == 2


@pytest.mark.model
@pytest.mark.shared
def test_the_three_cross_outlet_quotes_of_neus_are_found(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The issue's hand-found quotes: Fauci in CNN and Axios, Fauci in Reuters and Politico, Biden in
    Fox News and The Independent (NeuS stories of July to September 2021, title and lead)."""
    from newstrace.eval.stories import load_neus

    from .conftest import shared_path

    stories = {"5833", "5817", "5681", "5806", "5934", "5946", "5955"}
    gold = [a for a in load_neus(shared_path("data/corpora/neus-allsides-stories.jsonl.gz")) if a.story in stories]
    articles = [
        newstrace.analyze(a.text, title=a.title, outlet=a.outlet, published=a.published, url=f"neus:{a.id}")
        for a in gold
    ]
    with open_store(str(tmp_path / "neus.db")) as store:
        store.save_many(articles)
        update_corpus(store)
        clusters = store.quote_clusters(limit=None)
    pairs = [
        ({"CNN (Online News)", "Axios"}, "Fauci", "inflection of the curve"),
        ({"Reuters", "Politico"}, "Fauci", "last winter"),
        ({"Fox News (Online News)", "The Independent"}, "Biden", "what do you do all the time"),
    ]
    for outlets, speaker, words in pairs:
        matching = [
            c
            for c in clusters
            if outlets <= {q.outlet for q in c.carriers}
            and any(speaker in (q.speaker or "") for q in c.carriers)
            and any(words in " ".join(q.content.lower().split()) for q in c.carriers)
        ]
        assert matching, f"no cluster of {speaker} carried by {outlets} with {words!r}"


@given(st.text(alphabet=st.sampled_from(list("ab’'s .,-THE the said 1")), max_size=120))
def test_one_pass_features_are_the_two_definitions(text: str) -> None:
    """statement_features() reads the words once for both; it must give what each definition gives."""
    expected = set()
    for match in re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", text):
        word = match.group().casefold().replace("’", "'")
        word = word[:-2] if word.endswith("'s") else word
        if len(word) > 1 and word not in STOP_WORDS:
            expected.add(word)
    assert statement_features(text) == (frozenset(expected), shingles(text))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.frozensets(st.sampled_from("abcdefghijkl"), max_size=10), st.one_of(st.none(), st.integers(0, 12))
        ),
        max_size=25,
    )
)
def test_candidate_pairs_are_the_naive_pairs(rows: list[tuple[frozenset[str], int | None]]) -> None:
    """The numpy candidate count must propose exactly the pairs a plain double loop proposes (small
    thresholds, so that every rule bites on small inputs: too many words, common words, the window)."""
    rows = sorted(rows, key=lambda row: (row[1] is None, row[1] or 0))  # dated by day, undated last
    items = [Statement(f"k{i}", "a1", None, "kim", words) for i, (words, _) in enumerate(rows)]
    days = [day for _, day in rows]
    with (
        patch.object(quotes, "MIN_SHARED", 4),
        patch.object(quotes, "MAX_WORDS", 8),
        patch.object(quotes, "MAX_POSTINGS", 6),
        patch.object(quotes, "WINDOW_DAYS", 3),
    ):
        postings = Counter(word for s in items for word in s.words)
        expected = [
            (i, j)
            for i, j in itertools.combinations(range(len(items)), 2)
            if 4 <= len(items[i].words) <= 8
            and len(items[j].words) <= 8
            and sum(postings[w] <= 6 for w in items[i].words & items[j].words) >= 2
            and (days[i] is None or days[j] is None or abs(days[i] - days[j]) <= 3)  # type: ignore[operator]
        ]
        assert sorted(quotes._candidate_pairs(items, days)) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.frozensets(st.sampled_from([f"w{k} x y z u v" for k in range(12)]), max_size=5),
            st.sampled_from(["direct", "indirect"]),
            st.sampled_from([None, "kim", "moon"]),
        ),
        max_size=25,
    )
)
def test_shared_run_pairs_are_the_naive_pairs(rows: list[tuple[frozenset[str], str, str | None]]) -> None:
    """The numpy count of runs' holders must propose exactly the pairs a plain loop over the runs
    proposes: direct quotes of a known speaker sharing a run that 2 to MAX_SHINGLE_STATEMENTS
    statements of any kind hold."""
    items = [
        Statement(f"k{i}", "a1", None, who, frozenset(), runs=run_digests(runs), kind=kind)
        for i, (runs, kind, who) in enumerate(rows)
    ]
    holding = Counter(run for runs, _, _ in rows for run in runs)
    expected = {
        (i, j)
        for i, j in itertools.combinations(range(len(rows)), 2)
        for run in rows[i][0] & rows[j][0]
        if 2 <= holding[run] <= quotes.MAX_SHINGLE_STATEMENTS
        and all(rows[k][1] == "direct" and rows[k][2] for k in (i, j))
    }
    assert quotes._shared_run_pairs(items) == sorted(expected)


@pytest.mark.model
def test_an_old_store_gets_the_statement_features(store_url: str) -> None:
    """A store made before migration 12 gets every attribution's content words and run digests,
    as an attribution stored now has them, and the same quote clusters."""
    articles = [newstrace.analyze(text, outlet=o, published=d) for o, d, text in TEXTS]
    with open_store(store_url) as store:
        store.save_many(articles)
        update_quote_clusters(store)
        stored = store._execute("SELECT article_key, attribution_id, content_words, content_runs FROM attributions")
        expected = sorted(stored.fetchall())
        clusters = store.quote_clusters()
        later = [m for m in load_migrations() if m.version >= 12]
        with store.transaction():
            # the columns migration 12 and those after it added
            for table, column in [
                c for m in later for c in re.findall(r"ALTER TABLE (\w+) ADD COLUMN (\w+)", m.common)
            ]:
                store._execute(f"ALTER TABLE {table} DROP COLUMN {column}")
            store._execute("DELETE FROM schema_migrations WHERE version >= 12")
    with open_store(store_url) as store:
        rows = store._execute("SELECT article_key, attribution_id, content_words, content_runs FROM attributions")
        assert sorted(rows.fetchall()) == expected
        assert all(words for _, _, words, _ in expected)
        assert update_quote_clusters(store, force=True).clusters == len(clusters) == 1
        assert store.quote_clusters() == clusters
