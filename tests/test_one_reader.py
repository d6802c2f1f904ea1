"""``analyze`` and ``ingest`` read through one reader layer: the same input gives the same record.

A folder holds a real HTML page (gzipped, from the article-extraction benchmark), a JSON Lines file
with two records (one with a byline), a plain-text dispatch and a binary file. ``newstrace
analyze`` writes JSON Lines; ``newstrace ingest`` fills a SQLite store; every stored record must
be the analyzed one, byte for byte, and the bad file must fail with the same locator and code.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newstrace.cli import main
from newstrace.store import open_store

from .conftest import shared_path

pytestmark = [pytest.mark.model, pytest.mark.shared]

PAGE = "data/html/article-extraction-benchmark/html/042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"


def test_analyze_and_ingest_give_the_same_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(shared_path(f"{PAGE}.html.gz"), folder / "page.html.gz")
    rows = [
        {"id": "w-1", "outlet": "Wire", "date": "2021-05-04", "byline": "By Ann Lee", "text": "Talks failed, he said."},
        {"id": "w-2", "date": "4 May 2021", "text": '"We will try again," the minister told reporters on Monday.'},
    ]
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (folder / "dispatch.txt").write_text(
        shared_path("seed/tass-2025-10-24-kursk.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")

    out = tmp_path / "out.jsonl"
    options = ["--workers", "1", "--outlet", "Desk"]
    assert main(["analyze", str(folder), "--format", "jsonl", "-o", str(out), *options]) == 1  # broken.txt
    analyzed_err = capsys.readouterr().err
    analyzed = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    db = f"sqlite:///{tmp_path}/store.db"
    assert main(["ingest", str(folder), "--db", db, *options]) == 1  # broken.txt again
    capsys.readouterr()

    assert len(analyzed) == 4  # the page, two JSON Lines records, the dispatch
    by_source = {r["source"]: r for r in analyzed}
    page = by_source[str((folder / "page.html.gz").absolute())]
    assert "<" not in page["text"] and page["title"]  # extracted, not raw HTML
    wire = by_source[f"{(folder / 'wire.jsonl').absolute()}#w-1"]
    assert (wire["byline"], wire["published"], wire["outlet"]) == ("By Ann Lee", "2021-05-04", "Wire")
    second = by_source[f"{(folder / 'wire.jsonl').absolute()}#w-2"]
    assert (second["published"], second["outlet"]) == ("2021-05-04", "Desk")
    with open_store(db) as store:
        for record in analyzed:
            (stored,) = store.records(record["id"])
            stored.pop("key")
            assert json.dumps(stored, sort_keys=True) == json.dumps(record, sort_keys=True), record["source"]
        (failure,) = store.failures()
    broken = str((folder / "broken.txt").absolute())
    assert failure.source == broken and failure.error.startswith("E003")
    assert f"skipped {failure.error}" in analyzed_err
