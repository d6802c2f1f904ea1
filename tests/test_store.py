"""The corpus store on both backends (SQLite file, PostgreSQL schema), with real analyzed articles."""

from __future__ import annotations

import json

import pytest

import newstrace
from newstrace.errors import ConfigError, StoreError
from newstrace.record import SCHEMA_VERSION, Article
from newstrace.store import TABLES, article_key, name_key, open_store
from newstrace.store.base import load_migrations, split_sql
from newstrace.store.export import export

from .corpus_samples import SAMPLES

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [newstrace.analyze(text, outlet=o, published=d, url=u) for text, o, d, u in SAMPLES]


def _speaker_keys(articles: list[Article], key: str) -> int:
    return sum(1 for a in articles for att in a.attributions if name_key(att.speaker.name) == key)


def test_name_key_joins_spellings() -> None:
    assert name_key("Kim Jong Un") == name_key("Kim Jong-un") == name_key("KIM JONG UN") == "kim jong un"
    assert name_key("José  Martí") == name_key("JOSE MARTI")
    assert name_key("U.S. State Department") == "us state department"
    assert name_key("Kim Jong Il") != name_key("Kim Jong Un")
    assert name_key("  ") is None


def test_article_key_separates_urls() -> None:
    assert article_key("abc", None) != article_key("abc", "http://a/1") != article_key("abc", "http://b/1")
    assert article_key("abc", "http://a/1") == article_key("abc", "http://a/1")


def test_split_sql_keeps_trigger_bodies_whole() -> None:
    script = "CREATE TABLE t (x);\n-- note\nCREATE TRIGGER g AFTER INSERT ON t BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n"
    statements = split_sql(script)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


def test_save_is_idempotent(store_url: str, articles: list[Article]) -> None:
    with open_store(store_url) as store:
        assert [store.save(a) for a in articles] == [True, True, True]
        counts = store.counts()
        assert [store.save(a) for a in articles] == [False, False, False]
        again = store.save_many(articles)
        assert (again.saved, again.duplicates) == (0, 3)
        assert store.counts() == counts
        assert counts["articles"] == 3
        assert counts["attributions"] == sum(len(a.attributions) for a in articles)
        assert counts["entities"] == sum(len(a.entities) for a in articles)
        assert counts["mentions"] == sum(len(e.mentions) for a in articles for e in a.entities)
        assert all(store.contains(a) for a in articles)
        assert store.has_url("http://example.org/yonhap/1") and not store.has_url("http://example.org/none")


def test_same_text_at_two_urls_is_two_rows(store_url: str, articles: list[Article]) -> None:
    first = articles[0]
    copy = Article.from_dict(first.to_dict())
    copy.url = "http://mirror.example.org/1"
    with open_store(store_url) as store:
        assert store.save(first) and store.save(copy) and not store.save(copy)
        records = store.records(first.id)
        assert {r["url"] for r in records} == {first.url, copy.url}


def test_reopen_does_not_migrate_again(store_url: str) -> None:
    with open_store(store_url) as store:
        assert store.schema_version() == max(m.version for m in load_migrations())
        assert store.migrate() == []


def test_quotes_match_speaker_in_any_spelling(store_url: str, articles: list[Article]) -> None:
    expected = _speaker_keys(articles, "kim jong un")
    assert expected >= 3  # the samples spell him three ways
    with open_store(store_url) as store:
        store.save_many(articles)
        for spelling in ("Kim Jong Un", "Kim Jong-un", "KIM JONG UN", "kim  jong-un"):
            quotes = store.quotes(speaker=spelling)
            assert len(quotes) == expected == store.count_quotes(speaker=spelling)
            assert {q.outlet for q in quotes} == {"Yonhap", "TASS", "Reuters"}
        assert store.quotes(speaker="Kim Jong Il") == []
        only_tass = store.quotes(speaker="Kim Jong Un", outlet="tass")
        assert only_tass and {q.outlet for q in only_tass} == {"TASS"}
        since = store.quotes(speaker="Kim Jong Un", since="2024-05-08")
        assert since and all(q.published >= "2024-05-08" for q in since)
        until = store.quotes(speaker="Kim Jong Un", until="2024-05-08")
        assert until and all(q.published <= "2024-05-08" for q in until)
        assert len(since) + len(until) == expected + len(
            store.quotes(speaker="Kim Jong Un", since="2024-05-08", until="2024-05-08")
        )
        assert len(store.quotes(speaker="Kim Jong Un", limit=1)) == 1


def test_search_finds_quote_words(store_url: str, articles: list[Article]) -> None:
    with open_store(store_url) as store:
        store.save_many(articles)
        found = store.quotes(search="trembling")
        assert found and all("trembling" in q.content for q in found)
        assert store.count_quotes(search="trembling") == len(found)
        # FTS syntax in user text is just words, never an error.
        assert store.quotes(search='tractor" OR (') == store.quotes(search="tractor OR")
        assert store.quotes(search="***") == []


SEARCHES = {
    # one syntax, the same answers on SQLite and PostgreSQL (store/search.py)
    "tractor factory": [2],
    '"tractor factory"': [2],
    '"factory tractor"': [],
    "harvest OR tractor": [0, 2],
    "kim -tractor": [0, 1],
    "kim NOT tractor": [0, 1],
    'kim -"tractor factory"': [0, 1],
    "Kim AND harvest": [0],
    "the harvest": [0],  # 'the' is a common word, dropped on both backends
    "monitoring seoul": [1],  # any order, any case
    "monitored": [1],  # any form of the word
    "nuclear OR trembling defence": [1],  # (nuclear OR trembling) AND defence
    "***": [],
    "monitor*": [1],  # a prefix
    "harv* OR tract*": [0, 2],
    "kim -tract*": [0, 1],
    "the": [],  # nothing left to find
}


@pytest.mark.parametrize("query", list(SEARCHES))
def test_one_search_syntax_on_both_backends(store_url: str, articles: list[Article], query: str) -> None:
    with open_store(store_url) as store:
        store.save_many(articles)
        found = {a.id for a in store.articles(search=query)}
    assert found == {articles[i].id for i in SEARCHES[query]}, query


def test_a_search_that_only_excludes_is_refused(store_url: str) -> None:
    with open_store(store_url) as store, pytest.raises(ConfigError, match=r"^E125"):
        store.articles(search="-tractor")


def test_article_search_and_listing(store_url: str, articles: list[Article]) -> None:
    with open_store(store_url) as store:
        store.save_many(articles)
        listed = store.articles()
        assert [a.published for a in listed] == sorted((a.published for a in articles), reverse=True)
        found = store.articles(search="tractor factory")
        assert [a.id for a in found] == [articles[2].id]
        assert store.articles(search="tractor", outlet="TASS") == []
        assert [a.outlet for a in store.articles(since="2024-05-08", until="2024-05-08")] == ["TASS"]
        assert store.articles(search="") == [] and len(store.articles(limit=1)) == 1


def test_speakers_entities_outlets(store_url: str, articles: list[Article]) -> None:
    with open_store(store_url) as store:
        store.save_many(articles)
        speakers = {s.key: s for s in store.speakers()}
        kim = speakers["kim jong un"]
        assert kim.quotes == _speaker_keys(articles, "kim jong un")
        assert kim.articles == 3
        assert {o for o, _ in kim.outlets} == {"Yonhap", "TASS", "Reuters"}
        assert all(s.key and s.quotes > 0 for s in speakers.values())
        entities = {(e.key, e.type) for e in store.entities()}
        assert ("kim jong un", "PERSON") in entities
        outlets = {o.outlet: o for o in store.outlets()}
        assert set(outlets) == {"Yonhap", "TASS", "Reuters"}
        assert sum(o.attributions for o in outlets.values()) == store.counts()["attributions"]


def test_records_round_trip_and_lookup(store_url: str, articles: list[Article]) -> None:
    with open_store(store_url) as store:
        store.save_many(articles)
        for article in articles:
            (record,) = store.records(article.id)
            assert record["key"] == store.key_of(article)
            rebuilt = Article.from_dict({k: v for k, v in record.items() if k != "key"})
            assert rebuilt.to_dict() == article.to_dict()
            rebuilt.check_spans()
            assert store.records(record["key"][:10])[0]["id"] == article.id
        with pytest.raises(StoreError, match="E068"):
            store.records("0000000000000000")


def test_failures_upsert_and_delete(store_url: str, articles: list[Article]) -> None:
    with open_store(store_url) as store:
        store.save_failure("docs/a.txt", "E004 empty", "read")
        store.save_failure("docs/a.txt", "E004 still empty", "read", payload={"text": "x"})
        (failure,) = store.failures()
        assert (failure.attempts, failure.error, failure.payload) == (2, "E004 still empty", {"text": "x"})
        # Storing the document later clears its failure.
        doc = Article.from_dict(articles[0].to_dict())
        doc.source = "docs/a.txt"
        store.save(doc)
        assert store.failures() == []
        store.save_failure("b", "boom", None)
        assert store.delete_failure("b") and not store.delete_failure("b")


def test_export_every_format(store_url: str, articles: list[Article], tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv

    import pyarrow.parquet as pq

    from newstrace.corpus.update import update_corpus
    from newstrace.store.export import EXPORTED

    with open_store(store_url) as store:
        store.save_many(articles)
        update_corpus(store)
        counts = store.counts()
        assert counts["story_articles"] == counts["articles"] == 3 and counts["stories"] >= 1
        assert counts["entity_identities"] == counts["entities"] and counts["identities"] >= 1
        for fmt in ("jsonl", "csv", "parquet"):
            written = export(store, tmp_path / fmt, fmt=fmt)
            assert len(written) == len(EXPORTED) + (fmt == "jsonl") and len(EXPORTED) == 13
            if fmt == "jsonl":
                records = [json.loads(line) for line in (tmp_path / fmt / "records.jsonl").read_text().splitlines()]
                assert sorted(r["id"] for r in records) == sorted(a.id for a in articles)
                assert all(r["schema"] == SCHEMA_VERSION and r["key"] for r in records)
            for table in EXPORTED:
                path = tmp_path / fmt / f"{table}.{fmt}"
                assert written[str(path)] == counts[table]
                if fmt == "jsonl":
                    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
                elif fmt == "csv":
                    with path.open(encoding="utf-8", newline="") as handle:
                        rows = list(csv.DictReader(handle))
                else:
                    rows = pq.read_table(path).to_pylist()
                assert len(rows) == counts[table]
        table = pq.read_table(tmp_path / "parquet" / "attributions.parquet")
        assert str(table.schema.field("content_start").type) == "int64"
        assert str(table.schema.field("via").type) == "list<element: string>"
        assert str(table.schema.field("published").type) == "date32[day]"
        rows = table.to_pylist()
        assert all(isinstance(r["via"], list) for r in rows)
        assert {r["published"].isoformat() for r in rows if r["published"]} <= {a.published for a in articles}
        stories = pq.read_table(tmp_path / "parquet" / "stories.parquet")
        assert str(stories.schema.field("first_published").type) == "date32[day]"


def test_bad_urls_are_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match="E065"):
        open_store("mysql://x/y")
    with pytest.raises(StoreError, match="E066"):
        open_store(tmp_path / "missing-folder" / "x.db")
    with pytest.raises(StoreError, match="E066"):
        open_store("postgresql://nobody:wrong@127.0.0.1:1/none")


def test_plain_path_and_sqlite_url_open_the_same_file(tmp_path, articles: list[Article]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "same.db"
    with open_store(path) as store:
        store.save(articles[0])
    with open_store(f"sqlite:///{path}") as store:
        assert store.counts()["articles"] == 1
        assert set(store.counts()) == set(TABLES)


def test_frame_gives_a_querys_rows_as_a_dataframe(store_url: str, articles: list[Article]) -> None:
    import pandas  # in requirements.lock; users add it with the [frame] extra

    with open_store(store_url) as store:
        store.save_many(articles)
        quotes = store.frame("quotes", speaker="Kim Jong Un")
        rows = store.quotes(speaker="Kim Jong Un", limit=None)
        assert len(quotes) == len(rows) > 0
        assert list(quotes["content"]) == [q.content for q in rows]
        assert pandas.api.types.is_datetime64_any_dtype(quotes["published"])
        assert str(quotes["published"].iloc[0].date()) == rows[0].published
        outlets = store.frame("outlets")
        assert set(outlets["outlet"].dropna()) == {o.outlet for o in store.outlets() if o.outlet}
        counts = store.frame("persuasion", by=("outlet", "voice"))
        assert list(counts.columns) == ["outlet", "voice", "spans", "articles"]
        assert counts["spans"].sum() == sum(len(a.persuasion) for a in articles)
        with pytest.raises(StoreError, match="E129"):
            store.frame("everything")
