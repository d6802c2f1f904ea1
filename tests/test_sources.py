"""The one reader layer: files, folders, JSON Lines (plain and .gz), stdin; one numbered failure per bad document."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from newstrace.errors import InputError
from newstrace.record import Article
from newstrace.sources import Failed, ReadOptions, ReadPosition, decode, input_size, read_sources

from .conftest import shared_path

GOOD = {
    "id": "x-1",
    "outlet": "Wire",
    "date": "2020-03-04",
    "url": "http://example.org/1",
    "title": "T",
    "byline": "By A. Writer",
    "text": "A said B.",
}


def _write(path: Path, lines: list[str]) -> Path:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def _read(*sources: str | Path, max_bytes: int = 1000, position: ReadPosition | None = None) -> list:  # type: ignore[type-arg]
    return list(read_sources(sources, ReadOptions(max_bytes=max_bytes, position=position)))


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"abc\x00\x01\x02", "E003"),
        (b"\xff\xfe\x00binary", "E003"),  # begins like UTF-16's byte-order mark, but is not UTF-16
        (b"   \n\t ", "E004"),
        (b"x" * 101, "E005"),
    ],
)
def test_decode_rejects_with_numbered_message(data: bytes, code: str) -> None:
    with pytest.raises(InputError, match=code):
        decode(data, "f.txt", max_bytes=100)


def test_decode_reads_single_byte_text_as_windows_1252() -> None:
    assert decode(b"\xff\xfe bad latin1 \xe9", "f.txt", max_bytes=100) == "ÿþ bad latin1 é"


def test_decode_strips_bom_and_keeps_text() -> None:
    assert decode("\ufeffHello “world”".encode(), "f.txt", max_bytes=100) == "Hello “world”"


def test_folder_is_read_recursively_in_order_with_failures(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("First article.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Second article.", encoding="utf-8")
    (tmp_path / "b" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    items = _read(tmp_path, tmp_path / "missing.txt")
    kinds = [(Path(i.source).name, isinstance(i, Failed)) for i in items]
    assert kinds == [("a.txt", False), ("c.txt", False), ("empty.txt", True), ("missing.txt", True)]
    assert [i.code for i in items if isinstance(i, Failed)] == ["E004", "E001"]
    assert items[0].source == str((tmp_path / "a.txt").absolute())  # the locator retry reads again


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.jsonl.gz"])
def test_records_become_articles_and_bad_lines_become_failures(tmp_path: Path, name: str) -> None:
    lines = [
        json.dumps(GOOD),
        "",  # blank lines are skipped silently
        "{not json",
        json.dumps({"id": "x-3", "text": "   "}),
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "outlet": "Reuters", "date_raw": "26-FEB-1987 15:01:01.79", "text": "Wire copy."}),
        json.dumps({"text": "No id, no date.", "date": "sometime"}),
    ]
    path = _write(tmp_path / name, lines)
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["Article", "Failed", "Failed", "Failed", "Article", "Article"]
    first = items[0]
    assert isinstance(first, Article)
    assert (first.outlet, first.published, first.url, first.title, first.byline, first.text) == (
        "Wire", "2020-03-04", "http://example.org/1", "T", "By A. Writer", "A said B.",
    )  # fmt: skip
    container = str(path.absolute())
    assert first.source == f"{container}#x-1"
    assert [i.code for i in items[1:4]] == ["E058", "E059", "E058"]
    assert items[1].source == f"{container}#L3"
    reuters = items[4]
    assert isinstance(reuters, Article) and reuters.source == f"{container}#7" and reuters.published == "1987-02-26"
    anonymous = items[5]
    # A date nothing can read is no anchor for relative times: it is left out, not kept as text.
    assert isinstance(anonymous, Article) and anonymous.source == f"{container}#L7" and anonymous.published is None


def test_oversized_record_is_refused_with_the_limit_and_the_next_line_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.jsonl", [json.dumps({**GOOD, "text": "word " * 100}), json.dumps(GOOD)])
    big, good = _read(path, max_bytes=200)
    assert isinstance(big, Failed) and big.code == "E005"
    assert isinstance(good, Article) and good.text == "A said B."


def test_truncated_gzip_keeps_what_was_read_and_reports_the_rest(tmp_path: Path) -> None:
    data = gzip.compress(("\n".join(json.dumps({**GOOD, "id": f"x-{n}"}) for n in range(200)) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = _read(path)
    assert isinstance(items[-1], Failed) and items[-1].code == "E094"
    assert all(isinstance(i, Article) for i in items[:-1]) and len(items) > 1


def test_missing_corpus_is_one_failure(tmp_path: Path) -> None:
    (item,) = _read(tmp_path / "nope.jsonl.gz")
    assert isinstance(item, Failed) and item.code == "E001"


def test_stdin_is_sniffed_like_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = (json.dumps(GOOD) + "\n" + json.dumps({**GOOD, "id": "x-2"}) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(lines))))
    items = _read("-")
    assert [i.source for i in items] == ["<stdin>#x-1", "<stdin>#x-2"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(b"Plain text, he said."))))
    (plain,) = _read("-")
    assert isinstance(plain, Article) and plain.text == "Plain text, he said." and plain.source == "<stdin>"


def test_real_corpus_is_read_lazily_with_a_byte_position() -> None:
    path = shared_path("data/corpora/allsides-12k.jsonl.gz")
    position = ReadPosition()
    total = input_size([str(path)])
    assert total == path.stat().st_size
    stream = read_sources([path], ReadOptions(max_bytes=5_000_000, position=position))
    first = [next(stream) for _ in range(20)]
    assert all(isinstance(a, Article) and a.text and a.source and "#allsides-" in a.source for a in first)
    assert 0 < position.bytes < total / 20  # 20 records read, not the whole 28 MB file
    stream.close()
    with gzip.open(path, "rt", encoding="utf-8") as raw:
        rows = [json.loads(next(raw)) for _ in range(20)]
    assert [a.text for a in first if isinstance(a, Article)] == [r["text"] for r in rows]
    assert [a.published for a in first if isinstance(a, Article)] == [r["date"] or None for r in rows]


def test_every_shared_corpus_format_reads() -> None:
    for name in ("kcna-2011-2012.jsonl.gz", "reuters21578.jsonl.gz"):
        stream = read_sources([shared_path(f"data/corpora/{name}")], ReadOptions(max_bytes=5_000_000))
        records = [next(stream) for _ in range(5)]
        stream.close()
        assert all(isinstance(r, Article) and r.text.strip() and r.outlet for r in records), name
        # Reuters has date_raw ("26-FEB-1987 ..."), KCNA an ISO date: both become ISO dates.
        assert all(isinstance(r, Article) and r.published and r.published[4] == "-" for r in records), name
