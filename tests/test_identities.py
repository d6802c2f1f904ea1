"""Corpus identities: joined by name, alias and surname evidence; never by a shared surname alone."""

from __future__ import annotations

import itertools
import random

import pytest

import newstrace
from newstrace.cli import main
from newstrace.corpus.identities import (
    EntityRow,
    build_identities,
    display_name,
    display_type,
    is_clean_name,
    is_variant,
    person_key,
    update_identities,
)
from newstrace.store import Store, open_store


def _row(article: str, name: str, type_: str = "PERSON", aliases: tuple[str, ...] = (), n: int = 1) -> EntityRow:
    return EntityRow(article, f"e-{name}", name, type_, list(aliases), n)


def _who(rows: list[EntityRow], outlets: tuple[str, ...] = ()) -> dict[tuple[str, str], tuple[str, str]]:
    """(article, name) -> (identity name, rule)."""
    identities, assignments = build_identities(rows, outlets)
    names = {key: display_name(identity) for key, identity in identities.items()}
    by_ref = {(r.article_key, r.entity_id): r.name for r in rows}
    return {(a.article_key, by_ref[(a.article_key, a.entity_id)]): (names[a.identity], a.rule) for a in assignments}


def test_person_keys_drop_titles_only() -> None:
    assert person_key("President Donald Trump") == person_key("Donald Trump") == "donald trump"
    assert person_key("President Donald J. Trump") == "donald j trump"
    assert person_key("Ted Cruz Cruz") == "ted cruz"
    assert person_key("Kim Jong-il") == person_key("KIM JONG IL") == "kim jong il"
    assert person_key("Kim Il Sung") != person_key("Kim Jong Il")
    assert person_key("Sen. Mitch McConnell") == "mitch mcconnell"
    assert is_variant("donald trump", "trump") and is_variant("donald trump", "donald john trump")
    assert not is_variant("joe biden hillary clinton", "hillary clinton")
    assert is_clean_name("Beto O'Rourke") and is_clean_name("Donald Trump Jr.")
    assert not is_clean_name("CLOSE Donald Trump") and not is_clean_name("Trump")


def test_two_people_of_one_surname_stay_apart() -> None:
    rows = [
        _row("a1", "Joe Biden", aliases=("Biden",)),
        _row("a2", "Hunter Biden"),
        _row("a3", "Joe Biden"),
        _row("a3", "Hunter Biden"),
        _row("a3", "Biden"),  # both named in full here: which Biden is not known
        _row("a4", "Biden"),  # no full name here, and the corpus has no clear majority
    ]
    who = _who(rows)
    assert who[("a1", "Joe Biden")][0] == who[("a3", "Joe Biden")][0] == "Joe Biden"
    assert who[("a2", "Hunter Biden")][0] == who[("a3", "Hunter Biden")][0] == "Hunter Biden"
    assert who[("a3", "Biden")] == ("Biden", "surname-ambiguous")
    assert who[("a4", "Biden")] == ("Biden", "surname-ambiguous")


def test_a_surname_joins_when_the_article_or_the_corpus_says_whom() -> None:
    rows = [_row(f"full{i}", "Joe Biden") for i in range(3)]
    rows += [_row(f"pair{i}", "Joe Biden") for i in range(4)] + [_row(f"pair{i}", "Biden") for i in range(4)]
    rows += [_row("hunter", "Hunter Biden"), _row("hunter", "Biden", "ORG"), _row("alone", "Biden")]
    who = _who(rows)
    # in an article that names one Biden in full, the bare name is that Biden (even typed ORG)
    assert who[("pair0", "Biden")] == ("Joe Biden", "surname-in-article")
    assert who[("hunter", "Biden")] == ("Hunter Biden", "surname-in-article")
    # alone: 4 of the 5 articles where "Biden" could be resolved meant Joe: under 90%, so no
    assert who[("alone", "Biden")][1] == "surname-ambiguous"
    more = rows + [_row(f"more{i}", "Joe Biden") for i in range(6)] + [_row(f"more{i}", "Biden") for i in range(6)]
    assert _who(more)[("alone", "Biden")] == ("Joe Biden", "surname")  # 10 of 11


def test_names_aliases_and_types() -> None:
    rows = [
        _row("a1", "Kim Jong Il"),
        _row("a2", "Kim Jong-il"),
        _row("a3", "Kim Il Sung"),
        _row("a4", "Korean Central News Agency", "ORG", ("KCNA",)),
        _row("a5", "KCNA", "ORG"),
        _row("a6", "Twitter", "PERSON"),
        _row("a7", "Twitter", "ORG"),
        _row("a8", "Politico", "PERSON"),
        _row("a9", "Joe Biden Hillary Clinton", aliases=("Joe Biden", "Hillary Clinton")),
        _row("a10", "Hillary Clinton"),
        _row("a11", "Hillary Clinton", "ORG"),  # mostly PERSON in the corpus: hers
    ]
    identities, _ = build_identities(rows, outlets=("Politico",))
    who = _who(rows, outlets=("Politico",))
    assert who[("a1", "Kim Jong Il")][0] == who[("a2", "Kim Jong-il")][0] != who[("a3", "Kim Il Sung")][0]
    assert who[("a4", "Korean Central News Agency")][0] == who[("a5", "KCNA")][0]
    assert who[("a6", "Twitter")][0] == who[("a7", "Twitter")][0]
    types = {display_name(i): display_type(i) for i in identities.values()}
    assert types["Twitter"] == "ORG" and types["Politico"] == "ORG" and types["Kim Jong Il"] == "PERSON"
    assert who[("a10", "Hillary Clinton")][0] == "Hillary Clinton"
    assert who[("a11", "Hillary Clinton")] == who[("a10", "Hillary Clinton")]
    assert who[("a9", "Joe Biden Hillary Clinton")][0] == "Joe Biden Hillary Clinton"  # joins nobody


def test_middle_names_and_reversed_names_join_only_without_doubt() -> None:
    rows = [_row(f"t{i}", "Donald Trump") for i in range(6)] + [_row("t9", "Donald J. Trump")]
    rows += [_row("r1", "Trump Donald")]  # a rare reversed writing
    rows += [_row("h1", "Hillary Clinton"), _row("h2", "Hillary Rodham Clinton")]
    rows += [_row("b1", "George W. Bush"), _row("b2", "George H. W. Bush"), _row("b3", "George P. Bush")]
    rows += [_row("b4", "George Bush")]
    who = _who(rows)
    assert who[("t9", "Donald J. Trump")][0] == who[("r1", "Trump Donald")][0] == "Donald Trump"
    assert who[("h2", "Hillary Rodham Clinton")][0] == who[("h1", "Hillary Clinton")][0]
    bushes = {
        who[(a, n)][0] for a, n in (("b1", "George W. Bush"), ("b2", "George H. W. Bush"), ("b3", "George P. Bush"))
    }
    assert len(bushes) == 3 and who[("b4", "George Bush")][0] == "George Bush"


def test_identities_do_not_depend_on_the_order_of_rows() -> None:
    rows = [
        _row("a1", "Joe Biden", aliases=("Biden",)),
        _row("a2", "Biden"),
        _row("a2", "Joe Biden"),
        _row("a3", "Hunter Biden"),
        _row("a4", "Biden", "ORG"),
        _row("a5", "Korean Central News Agency", "ORG", ("KCNA",)),
        _row("a6", "KCNA", "ORG"),
    ] * 2
    rows = [
        EntityRow(r.article_key + str(i), r.entity_id, r.name, r.type, r.aliases, r.mentions)
        for i, r in enumerate(rows)
    ]
    reference = _who(rows)
    for seed in range(5):
        shuffled = list(rows)
        random.Random(seed).shuffle(shuffled)
        assert _who(shuffled) == reference


# -- in the store, on analyzed text --------------------------------------------------------------

TEXTS = [
    ("Joe Biden said on Monday that the bridge would be rebuilt. Biden added that work starts soon.", "Desk A"),
    ("Joe Biden told reporters the plan was sound.", "Desk B"),
    ("Joe Biden said the tax cut would end. Hunter Biden said he had not been consulted.", "Desk C"),
    ("President Biden said the economy was strong.", "Desk D"),
    ("Joe Biden said the talks had failed. Biden said he would try again in June.", "Desk E"),
    ("Joe Biden spoke in Ohio. Biden said the factory would reopen.", "Desk F"),
]


@pytest.mark.model
def test_speaker_queries_and_listing_use_identities(store_url: str) -> None:
    articles = [newstrace.analyze(t, outlet=o, published="2021-05-0" + str(i + 1)) for i, (t, o) in enumerate(TEXTS)]
    with open_store(store_url) as store:
        store.save_many(articles)
        assert update_identities(store).rebuilt
        assert not update_identities(store).rebuilt  # nothing new
        joe = store.identities(name="Joe Biden")
        assert len(joe) == 1 and joe[0].type == "PERSON" and "Biden" in joe[0].aliases
        # "President Biden" in an article naming no Biden in full: all 3 articles where the bare name
        # was resolved inside the article (A, E, F) meant Joe
        quotes = store.quotes(speaker="Joe Biden")
        assert {q.outlet for q in quotes} == {"Desk A", "Desk B", "Desk C", "Desk D", "Desk E", "Desk F"}
        assert all("not been consulted" not in q.content for q in quotes)
        hunter = store.quotes(speaker="Hunter Biden")
        assert [q.outlet for q in hunter] == ["Desk C"]
        listed = {s.name: s for s in store.speakers()}
        assert listed["Joe Biden"].quotes == len(quotes) and listed["Joe Biden"].key == joe[0].id
        assert "Biden" not in listed  # no separate row for the bare surname


IDENTITY_TABLES = {
    "identities": "identity_id, name, type, n_articles, n_mentions, key",
    "entity_identities": "article_key, entity_id, identity_id, rule, score",
    "identity_aliases": "identity_id, alias_key, alias",
    "speaker_identities": "article_key, attribution_id, identity_id",
}


def _identity_tables(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {
        table: sorted(tuple(row) for row in store._execute(f"SELECT {columns} FROM {table}").fetchall())
        for table, columns in IDENTITY_TABLES.items()
    }


@pytest.mark.model
def test_an_update_writes_what_a_full_rebuild_writes(store_url: str) -> None:
    """replace_identities() writes only the rows that changed; the tables must end as a rebuild
    from empty tables leaves them (a surname's identity changes when a full name arrives later)."""
    articles = [newstrace.analyze(t, outlet=o, published="2021-05-0" + str(i + 1)) for i, (t, o) in enumerate(TEXTS)]
    # enough articles the update leaves alone that it refreshes speakers article by article
    others = [
        newstrace.analyze(f"{first} {last} said the bridge would open in May.", outlet="Desk Z")
        for first, last in itertools.product(
            ["Maria", "Tomas", "Aiko", "Peter", "Lena", "Omar"], ["Lopez", "Novak", "Sato", "Hughes", "Berg", "Haddad"]
        )
    ]
    with open_store(store_url) as store:
        store.save_many(articles[3:] + others)
        update_identities(store)
        before = _identity_tables(store)
        store.save_many(articles[:3])
        update_identities(store)
        updated = _identity_tables(store)
        assert updated != before and len(updated["speaker_identities"]) > len(before["speaker_identities"])
        with store.transaction():
            for table in IDENTITY_TABLES:
                store._execute(f"DELETE FROM {table}")
        update_identities(store, force=True)
        assert _identity_tables(store) == updated


@pytest.mark.model
def test_identities_command(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    for i, (text, _) in enumerate(TEXTS):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(folder), "--db", db, "--no-progress", "--published", "2021-05-01"]) == 0
    capsys.readouterr()
    assert main(["identities", "--db", db, "--name", "Biden", "--format", "json"]) == 0
    names = {row["name"] for row in __import__("json").loads(capsys.readouterr().out)}
    assert {"Joe Biden", "Hunter Biden"} <= names
