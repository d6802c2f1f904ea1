"""JSON Lines corpora: read lazily, one Article per record, one failure per bad line."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newstrace.inputs import InputFailure, ReadPosition, input_size, read_inputs, read_jsonl
from newstrace.record import Article

from .conftest import shared_path

GOOD = {
    "id": "x-1",
    "outlet": "Wire",
    "date": "2020-03-04",
    "url": "http://example.org/1",
    "title": "T",
    "text": "A said B.",
}


def _write(path: Path, lines: list[str]) -> Path:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.jsonl.gz"])
def test_records_become_articles_and_bad_lines_become_failures(tmp_path: Path, name: str) -> None:
    lines = [
        json.dumps(GOOD),
        "",  # blank lines are skipped silently
        "{not json",
        json.dumps({"id": "x-3", "text": "   "}),
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "outlet": "Reuters", "date_raw": "26-FEB-1987 15:01:01.79", "text": "Wire copy."}),
        json.dumps({"text": "No id, no date."}),
    ]
    path = _write(tmp_path / name, lines)
    items = list(read_jsonl(path, max_bytes=1000))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "InputFailure",
        "InputFailure",
        "InputFailure",
        "Article",
        "Article",
    ]
    first = items[0]
    assert isinstance(first, Article)
    assert (first.source, first.outlet, first.published, first.url, first.title, first.text) == (
        "x-1", "Wire", "2020-03-04", "http://example.org/1", "T", "A said B.",
    )  # fmt: skip
    assert [str(i.error)[:4] for i in items[1:4] if isinstance(i, InputFailure)] == ["E094", "E095", "E094"]
    assert items[1].source == f"{path}:3"
    reuters = items[4]
    assert isinstance(reuters, Article) and reuters.source == "7" and reuters.published == "1987-02-26"
    anonymous = items[5]
    assert isinstance(anonymous, Article) and anonymous.source == f"{path}:7" and anonymous.published is None


def test_oversized_record_is_refused_with_the_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.jsonl", [json.dumps({**GOOD, "text": "word " * 100})])
    (item,) = read_jsonl(path, max_bytes=100)
    assert isinstance(item, InputFailure) and "E005" in str(item.error)


def test_truncated_gzip_keeps_what_was_read_and_reports_the_rest(tmp_path: Path) -> None:
    data = gzip.compress(("\n".join(json.dumps({**GOOD, "id": f"x-{n}"}) for n in range(200)) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(read_jsonl(path, max_bytes=1000))
    assert isinstance(items[-1], InputFailure) and "E094" in str(items[-1].error)
    assert all(isinstance(i, Article) for i in items[:-1]) and len(items) > 1


def test_missing_corpus_is_one_failure(tmp_path: Path) -> None:
    (item,) = read_inputs([str(tmp_path / "nope.jsonl.gz")], max_bytes=1000)
    assert isinstance(item, InputFailure) and "E001" in str(item.error)


def test_real_corpus_is_read_lazily_with_a_byte_position() -> None:
    path = shared_path("data/corpora/allsides-12k.jsonl.gz")
    position = ReadPosition()
    total = input_size([str(path)])
    assert total == path.stat().st_size
    stream = read_inputs([str(path)], max_bytes=5_000_000, position=position)
    first = [next(stream) for _ in range(20)]
    assert all(isinstance(a, Article) and a.text and a.source and a.source.startswith("allsides-") for a in first)
    assert 0 < position.bytes < total / 20  # 20 records read, not the whole 28 MB file
    stream.close()
    with gzip.open(path, "rt", encoding="utf-8") as raw:
        rows = [json.loads(next(raw)) for _ in range(20)]
    assert [a.text for a in first if isinstance(a, Article)] == [r["text"] for r in rows]
    assert [a.published for a in first if isinstance(a, Article)] == [r["date"] or None for r in rows]


def test_every_shared_corpus_format_reads() -> None:
    for name in ("kcna-2011-2012.jsonl.gz", "reuters21578.jsonl.gz"):
        stream = read_jsonl(shared_path(f"data/corpora/{name}"), max_bytes=5_000_000)
        records = [next(stream) for _ in range(5)]
        stream.close()
        assert all(isinstance(r, Article) and r.text.strip() and r.outlet for r in records), name
        # Reuters has date_raw ("26-FEB-1987 ..."), KCNA an ISO date: both become ISO dates.
        assert all(isinstance(r, Article) and r.published and r.published[4] == "-" for r in records), name
