"""The corpus commands end to end through ``newstrace.cli.main``: ingest, query, show, export, retry."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import newstrace
from newstrace.cli import main
from newstrace.store import open_store

from .corpus_samples import SAMPLES

pytestmark = pytest.mark.model


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    folder = tmp_path / "docs"
    folder.mkdir()
    for n, (text, _outlet, _date, _url) in enumerate(SAMPLES):
        (folder / f"s{n}.txt").write_text(text, encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00binary")
    url = f"sqlite:///{tmp_path}/cli.db"
    assert main(["ingest", str(folder), "--db", url, "--outlet", "Desk", "--published", "2024-05-07"]) == 1
    err = capsys.readouterr().err
    assert "3 analyzed (3 stored), 0 failed in a stage, 1 unreadable, 0 skipped as already stored" in err
    return url


def test_second_ingest_reports_duplicates(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(tmp_path / "docs"), "--db", db, "--format", "json"]) == 1  # bad.txt again
    summary = json.loads(capsys.readouterr().out)
    assert (summary["stored"], summary["skipped"], summary["unreadable"]) == (0, 3, 1)


def test_quotes_in_every_format(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", "--db", db, "--speaker", "KIM JONG-UN", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 3 and all(r["outlet"] == "Desk" and r["published"] == "2024-05-07" for r in rows)
    assert {r["speaker"] for r in rows} == {"Kim Jong-un", "KIM JONG UN", "Kim Jong Un"}
    assert main(["quotes", "--db", db, "--speaker", "Kim Jong Un", "--format", "csv"]) == 0
    table = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert table[0][:4] == ["published", "said", "outlet", "speaker"] and len(table) == len(rows) + 1
    assert main(["quotes", "--db", db, "--speaker", "Kim Jong Un", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert f"1 of {len(rows)} attributions shown" in out
    assert main(["quotes", "--db", db, "--search", "trembling", "--format", "json"]) == 0
    assert [r["content"] for r in json.loads(capsys.readouterr().out)] == ["the enemy is trembling"]


def test_bad_date_is_a_clear_error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", "--db", db, "--since", "last week"]) == 2
    assert "E070" in capsys.readouterr().err


def test_speakers_entities_outlets_show(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["speakers", "--db", db, "--format", "json"]) == 0
    speakers = {s["name"]: s for s in json.loads(capsys.readouterr().out)}
    # one row per corpus identity; its key is the identity's id
    assert speakers["Kim Jong Un"]["articles"] == 3 and speakers["Kim Jong Un"]["key"].startswith("id-")
    assert main(["speakers", "--db", db]) == 0
    assert "Desk (" in capsys.readouterr().out
    assert main(["entities", "--db", db, "--type", "PERSON", "--format", "json"]) == 0
    assert "kim jong un" in {e["key"] for e in json.loads(capsys.readouterr().out)}
    assert main(["articles", "--db", db, "--search", "tractor", "--format", "json"]) == 0
    (found,) = json.loads(capsys.readouterr().out)
    assert found["outlet"] == "Desk" and found["attributions"] >= 1
    assert main(["outlets", "--db", db, "--format", "json"]) == 0
    (outlet,) = json.loads(capsys.readouterr().out)
    assert (outlet["outlet"], outlet["articles"]) == ("Desk", 3)
    assert main(["quotes", "--db", db, "--search", "trembling", "--format", "json"]) == 0
    key = json.loads(capsys.readouterr().out)[0]["article_key"]
    assert main(["show", key, "--db", db]) == 0
    report = capsys.readouterr().out
    assert "WHO SAID WHAT" in report and "KIM JONG UN" in report
    assert main(["show", key[:6], "--db", db, "--format", "json"]) == 0
    (record,) = json.loads(capsys.readouterr().out)  # an array: one stored copy here
    assert record["schema"] == newstrace.SCHEMA_VERSION
    assert main(["show", "ffffffffffff", "--db", db]) == 2
    assert "E068" in capsys.readouterr().err


def test_export_and_retry_list(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["export", "--db", db, "--format", "csv", "--output", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "article_reuse.csv",
        "articles.csv",
        "attributions.csv",
        "entities.csv",
        "entity_identities.csv",
        "identities.csv",
        "mentions.csv",
        "own_voice.csv",
        "persuasion_spans.csv",
        "quote_cluster_members.csv",
        "stories.csv",
        "story_articles.csv",
        "times.csv",
    ]
    capsys.readouterr()
    assert main(["retry", "--db", db, "--list"]) == 0
    listed = capsys.readouterr().out
    assert "bad.txt" in listed and "E003" in listed
    assert main(["retry", "--db", db]) == 2  # still binary: nothing could be retried
    assert main(["retry", "--db", db, "--drop"]) == 0
    capsys.readouterr()
    assert main(["retry", "--db", db, "--list"]) == 0
    assert capsys.readouterr().out == ""


def test_eval_html_command(capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import shared_path

    path = shared_path("data/html/article-extraction-benchmark")
    assert main(["eval", "html", str(path), "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "F1 (benchmark)" in out and "pages                                5" in out


def test_persuasion_counts_by_voice(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(db) as store:
        spans = store.counts()["persuasion_spans"]
    assert main(["persuasion", "--db", db, "--by", "outlet,voice", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["outlet"] for r in rows} == {"Desk"} and sum(r["spans"] for r in rows) == spans > 0
    assert main(["persuasion", "--db", db, "--by", "speaker"]) == 2
    assert "E074" in capsys.readouterr().err
