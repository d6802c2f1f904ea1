"""Ingest from files, folders and JSON Lines into real stores: idempotent, resumable, failures retried."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

import newstrace
from newstrace.errors import ConfigError
from newstrace.ingest import retry
from newstrace.sources.base import normalize_date
from newstrace.sources.jsonl import parse_field_map
from newstrace.store import article_key, open_store

from .conftest import shared_path
from .corpus_samples import SAMPLES

pytestmark = pytest.mark.model
KCNA = "data/corpora/kcna-2011-2012.jsonl.gz"


def _write_texts(folder: Path) -> None:
    (folder / "sub").mkdir(parents=True)
    for n, (text, _outlet, _date, _url) in enumerate(SAMPLES):
        target = folder / ("sub" if n == 2 else ".") / f"story{n}.txt"
        target.write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")


def _kcna_slice(tmp_path: Path, n: int) -> Path:
    """The first n stories of the KCNA corpus, as a gzipped JSON Lines file in tmp_path."""
    target = tmp_path / f"kcna-{n}.jsonl.gz"
    with gzip.open(shared_path(KCNA), "rb") as source, gzip.open(target, "wb") as out:
        for _, line in zip(range(n), source, strict=False):
            out.write(line)
    return target


def test_normalize_date_formats() -> None:
    assert normalize_date("2011-12-01") == "2011-12-01"
    assert normalize_date("2019-03-04T10:00:00Z") == "2019-03-04"
    assert normalize_date("26-FEB-1987 15:01:01.79") == "1987-02-26"
    assert normalize_date("Tue, 07 May 2024 10:00:00 GMT") == "2024-05-07"
    assert normalize_date("March 3, 2019") == "2019-03-03"
    assert normalize_date("2019-02-30") is None
    assert normalize_date("sometime") is None and normalize_date(None) is None


def test_field_map_parsing() -> None:
    assert parse_field_map(["text=body", "published=meta.date,date"]) == {
        "text": ("body",),
        "published": ("meta.date", "date"),
    }
    with pytest.raises(ConfigError, match="E060"):
        parse_field_map(["bogus=x"])
    with pytest.raises(ConfigError, match="E060"):
        parse_field_map(["text"])


def test_folder_ingest_is_idempotent_and_failures_retry(store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    _write_texts(folder)
    first = newstrace.ingest(folder, db=store_url, outlet="Desk")
    assert (first.stored, first.skipped, len(first.failures)) == (3, 0, 1)
    with open_store(store_url) as store:
        counts = store.counts()
        (failure,) = store.failures()
        assert failure.source.endswith("empty.txt") and "E004" in failure.error and failure.stage == "read"
        assert {q.outlet for q in store.quotes()} == {"Desk"}
    second = newstrace.ingest(folder, db=store_url, outlet="Desk")
    assert (second.stored, second.skipped, len(second.failures)) == (0, 3, 1)
    with open_store(store_url) as store:
        assert store.counts() == counts
        assert store.failures()[0].attempts == 2
    # Fix the document, then retry: it is analyzed and stored, and its failure is gone.
    (folder / "empty.txt").write_text("The minister said the bridge would reopen in June.", encoding="utf-8")
    again = retry(store_url)
    assert (again.stored, len(again.failures)) == (1, 0)
    with open_store(store_url) as store:
        assert store.failures() == []
        assert store.counts()["articles"] == 4


def test_retry_reanalyzes_stored_payload(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    text, outlet, published, url = SAMPLES[1]
    with open_store(db) as store:
        store.save_failure(
            "feed#42",
            "E020 stage failed",
            "parse.spacy.v1",
            payload={"text": text, "source": "feed#42", "outlet": outlet, "published": published, "url": url},
        )
    report = retry(db)
    assert (report.stored, len(report.failures)) == (1, 0)
    with open_store(db) as store:
        assert store.failures() == []
        assert store.quotes(speaker="Kim Jong Un")[0].outlet == outlet


def test_retry_keeps_what_still_fails(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    newstrace.ingest(tmp_path / "nowhere.txt", db=db)
    report = retry(db)
    assert len(report.failures) == 1
    with open_store(db) as store:
        (failure,) = store.failures()
        assert failure.attempts == 2 and "E071" in failure.error


def test_jsonl_with_field_mapping(tmp_path: Path) -> None:
    source = tmp_path / "dump.jsonl.gz"
    rows = [
        {"body": text, "headline": f"H{n}", "meta": {"when": date}, "link": url, "site": outlet, "doc": f"d{n}"}
        for n, (text, outlet, date, url) in enumerate(SAMPLES)
    ]
    with gzip.open(source, "wt", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
        out.write("{not json\n")
        out.write(json.dumps({"headline": "no text"}) + "\n")
        out.write("\n")
    db = tmp_path / "c.db"
    report = newstrace.ingest(source, db=db, fields={"text": "body", "published": "meta.when", "id": "doc"})
    assert (report.stored, len(report.failures)) == (3, 2)
    with open_store(db) as store:
        errors = sorted(f.error[:4] for f in store.failures())
        assert errors == ["E058", "E059"]
        for n, (text, outlet, date, url) in enumerate(SAMPLES):
            (record,) = store.records(hashlib.sha256(text.encode()).hexdigest()[:16])
            assert (record["title"], record["published"], record["outlet"], record["url"]) == (
                f"H{n}",
                date,
                outlet,
                url,
            )
            assert record["source"] == f"{source.absolute()}#d{n}"


def test_kcna_slice_ingests_fully_and_once(tmp_path: Path) -> None:
    source = _kcna_slice(tmp_path, 60)
    keys = set()
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            keys.add(article_key(hashlib.sha256(row["text"].encode()).hexdigest()[:16], row["url"]))
    db = tmp_path / "kcna.db"
    report = newstrace.ingest(source, db=db)
    assert len(report.failures) == 0
    assert report.stored == len(keys) and report.stored + report.skipped == 60
    with open_store(db) as store:
        counts = store.counts()
        assert counts["articles"] == len(keys) and counts["attributions"] > 0
        assert store.quotes(outlet="KCNA", limit=1)[0].outlet == "KCNA"
    again = newstrace.ingest(source, db=db)
    assert (again.stored, again.skipped, len(again.failures)) == (0, 60, 0)
    with open_store(db) as store:
        assert store.counts() == counts


def test_detect_kind_by_name_type_and_bytes() -> None:
    from newstrace.sources import detect_kind

    assert detect_kind("a.jsonl.gz", None, b"\x1f\x8b") == "jsonl"
    assert detect_kind("crawl.warc.gz", None, b"") == "warc"
    assert detect_kind("http://x/feed", "application/rss+xml", b"<?xml") == "feed"
    assert detect_kind("http://x/sitemap", "text/xml", b"<?xml version='1.0'?><urlset>") == "sitemap"
    assert detect_kind("http://x/a", "text/html; charset=utf-8", b"<!doctype html>") == "html"
    assert detect_kind("note.xml", None, b"<?xml version='1.0'?><note/>") == "other"
    assert detect_kind("http://x/logo.png", "image/png", b"\x89PNG") == "other"
    assert detect_kind("story", None, b"MOSCOW, May 1 (TASS) - ...") == "text"


def test_unknown_xml_in_a_folder_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "note.xml").write_text("<?xml version='1.0'?><note>hi</note>", encoding="utf-8")
    report = newstrace.ingest(tmp_path / "docs", db=tmp_path / "c.db")
    assert (report.stored, len(report.failures)) == (0, 1)
    with open_store(tmp_path / "c.db") as store:
        assert "E064" in store.failures()[0].error


def test_parallel_ingest_stores_what_a_single_process_stores(tmp_path: Path) -> None:
    """Two worker processes and one process give the same store, article for article."""
    source = _kcna_slice(tmp_path, 24)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    first = newstrace.ingest(source, db=one, workers=1)
    second = newstrace.ingest(source, db=two, workers=2)
    assert (first.stored, first.skipped, len(first.failures)) == (second.stored, second.skipped, len(second.failures))
    with open_store(one) as a, open_store(two) as b:
        assert a.counts() == b.counts()
        assert [q.content for q in a.quotes(limit=500)] == [q.content for q in b.quotes(limit=500)]
