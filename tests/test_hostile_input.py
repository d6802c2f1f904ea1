"""A bad-input corpus, generated here (never committed as files): every kind of document the readers
and the pipeline may meet in the wild — UTF-16 with a byte-order mark, mixed encodings, NUL bytes,
right-to-left and combining text, 10,000 quotation marks, no sentence at all, other scripts — read
and analyzed end to end. Each comes out as a record whose every span holds
``text[start:end] == span.text``, or as a failure with a numbered error; none stops its batch.

Property tests (hypothesis) cover the header parser, quote pairing and the span invariant on
generated text; a fuzz target feeds random and mutated bytes to every reader under a time budget.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newstrace
from newstrace.errors import InputError
from newstrace.record import Article
from newstrace.sources import Failed, ReadOptions, Skipped, read_path
from newstrace.sources.base import decode
from newstrace.stages.header import match_dateline
from newstrace.stages.quotes import find_quotes

from .corpus_samples import text_warc

ENGLISH = (
    "MOSCOW, October 24 (TASS) - The minister said on Monday that the bridge would reopen in May. "
    '"We will finish the work on time," he told reporters.'
)


def spans(value: Any) -> Iterator[dict[str, Any]]:
    """Every {start, end, text} span anywhere in a record."""
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys() and isinstance(value["start"], int):
            yield value
        for child in value.values():
            yield from spans(child)
    elif isinstance(value, list):
        for child in value:
            yield from spans(child)


def assert_spans_hold(article: Article) -> None:
    record = article.to_dict()
    text = record["text"]
    found = list(spans({key: value for key, value in record.items() if key != "text"}))
    for span in found:
        assert 0 <= span["start"] <= span["end"] <= len(text), span
        assert text[span["start"] : span["end"]] == span["text"], span
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # every record can be written out


def bad_corpus(folder: Path) -> dict[str, str]:
    """The files, and what each must give: 'ok' (a record) or the error number it fails with."""
    expected: dict[str, str] = {}

    def write(name: str, data: bytes, outcome: str) -> None:
        (folder / name).write_bytes(data)
        expected[name] = outcome

    write("utf16-le-bom.txt", "\ufeff".encode("utf-16-le") + ENGLISH.encode("utf-16-le"), "ok")
    write("utf16-be-bom.txt", "\ufeff".encode("utf-16-be") + ENGLISH.encode("utf-16-be"), "ok")
    write("utf8-bom.txt", b"\xef\xbb\xbf" + ENGLISH.encode(), "ok")
    write("cp1252.txt", ENGLISH.replace("minister", "ministre caf\xe9").encode("cp1252"), "ok")
    mixed = ENGLISH.encode() + " Caf\xe9 ".encode("cp1252") + " naïve ".encode()
    write("mixed-encodings.txt", mixed, "ok")
    write("nul-bytes.txt", ENGLISH.encode().replace(b"bridge", b"bri\x00dge"), "ok")
    write("binary.bin.txt", bytes(range(256)) * 64, "E003")
    rtl = (
        "القاهرة (رويترز) - قال الوزير يوم الاثنين إن الجسر سيعاد فتحه في مايو. "
        "\u202b«سننتهي من العمل في الموعد»\u202c، قال للصحفيين. שלום עולם."
    )
    write("rtl.txt", rtl.encode(), "ok")
    combining = 'Cafe\u0301 owner Jose\u0301 said: "Z\u0335\u0321a\u0336l\u0337g\u0338o is here." ' * 20
    write("combining.txt", combining.encode(), "ok")
    write("quotes-10k.txt", ('He said "' * 5000 + "end" + '"' * 5000).encode(), "ok")
    write("no-sentences.txt", b"... --- *** ,,, ;;;\n\n!!!", "ok")
    write("whitespace.txt", b" \n\t\n  \r\n", "E004")
    chinese = "新华社北京10月24日电 外交部发言人表示，双方将继续合作。“我们会按时完成。”他说。"
    write("chinese.txt", chinese.encode(), "ok")
    write("russian.txt", "МОСКВА, 24 октября. /ТАСС/. Министр заявил: «Мы закончим работу вовремя».".encode(), "ok")
    write("greek.txt", "Ο υπουργός δήλωσε ότι η γέφυρα θα ανοίξει τον Μάιο.".encode(), "ok")
    write("one-long-word.txt", b"x" * 200_000, "ok")
    lines = [
        json.dumps({"id": "good", "text": ENGLISH}),
        '{"id": "bad-json", "text": ',
        json.dumps({"id": "nul", "text": ENGLISH.replace("bridge", "bri\x00dge")}),
        json.dumps({"id": "list", "text": ["not", "text"]}),
        "[1, 2, 3]",
        '{"id": "surrogate", "text": "bad \\ud800 text"}',
    ]
    write("records.jsonl", ("\n".join(lines) + "\n").encode(), "jsonl")
    truncated = gzip.compress(("\n".join([json.dumps({"text": ENGLISH})] * 50) + "\n").encode())[:-40]
    write("truncated.jsonl.gz", truncated, "jsonl-truncated")
    write("not-a-warc.warc", b"this is plain text, not an archive\n" * 10, "E063")
    write("page.html", f"<html><body><p>{ENGLISH}</p>{'<b></b>' * 1000}</body></html>".encode("utf-16"), "ok")
    return expected


def test_the_bad_input_corpus_is_read_and_analyzed_without_losing_a_document(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    expected = bad_corpus(folder)
    items = list(newstrace.analyze_corpus(folder, workers=1))
    by_file: dict[str, list[Article | Failed]] = {}
    for item in items:
        assert not isinstance(item, Skipped)
        by_file.setdefault(Path(item.source.split("#")[0]).name, []).append(item)
    assert set(by_file) == set(expected), "every file gives something"
    for name, outcome in expected.items():
        got = by_file[name]
        if outcome == "ok":
            assert len(got) == 1 and isinstance(got[0], Article) and not got[0].errors, (name, got)
            assert_spans_hold(got[0])
        elif outcome.startswith("E"):
            assert [item.code for item in got if isinstance(item, Failed)] == [outcome], (name, got)
    articles = {item.source.split("#")[1]: item for item in by_file["records.jsonl"] if isinstance(item, Article)}
    failures = {item.source.split("#")[1]: item.code for item in by_file["records.jsonl"] if isinstance(item, Failed)}
    assert set(articles) == {"good", "nul"}
    assert failures == {"L2": "E058", "list": "E059", "L5": "E058", "L6": "E058"}
    assert articles["nul"].text == ENGLISH.replace("bridge", "bri\ufffddge")  # same length as read
    truncated = by_file["truncated.jsonl.gz"]
    assert [item.code for item in truncated if isinstance(item, Failed)] == ["E094"]  # once, after the good lines
    assert sum(isinstance(item, Article) for item in truncated) > 1
    utf16 = next(item for item in by_file["utf16-le-bom.txt"] if isinstance(item, Article))
    assert utf16.text == ENGLISH and utf16.dateline is not None
    assert by_file["utf16-be-bom.txt"][0].text == ENGLISH  # type: ignore[union-attr]
    assert "café" in by_file["cp1252.txt"][0].text  # type: ignore[union-attr]
    assert "naïve" in by_file["mixed-encodings.txt"][0].text  # type: ignore[union-attr]
    chinese = by_file["chinese.txt"][0]
    assert isinstance(chinese, Article) and chinese.language == "zh"
    assert any(skip.reason.startswith("E019") for skip in chinese.skipped)


def test_decoding_keeps_offsets_of_the_text_as_read() -> None:
    """Every decoding gives text whose length is that of what was read: no character dropped."""
    assert decode("\ufeffabc".encode("utf-16-le"), "x", 100) == "abc"
    words = b"The minister said the bridge would reopen. " * 4
    assert decode(words + b"a\x00b", "x", 1000) == words.decode() + "a\ufffdb"  # a stray NUL: a visible stand-in
    with pytest.raises(InputError, match=r"^E003"):
        decode(b"a\x00b\x00c\x00" * 20, "x", 1000)  # mostly NULs: binary (or UTF-16 without its mark)
    assert decode(b"caf\xe9", "x", 100) == "café"  # single-byte text (Windows-1252)
    assert decode("naïve ".encode() + b"caf\xe9", "x", 100) == "naïve caf\ufffd"  # mostly UTF-8


# -- properties ---------------------------------------------------------------------------------------

TEXTS = st.lists(
    st.sampled_from([*"abcXYZ .,;:-—()'\"“”‘’«»\n\t\u0301", "TASS", "MOSCOW", "said", "(Reuters)", "May 1", "''"]),
    max_size=120,
).map("".join)


@given(TEXTS)
def test_quote_pairs_are_ordered_and_inside_the_text(text: str) -> None:
    quotes = find_quotes(text)
    previous_end = -1
    for start, end in quotes:
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip()
        assert start > previous_end  # in order, never overlapping: a closing mark ends one quote
        previous_end = end


@given(TEXTS, st.sampled_from([None, "2025-10-24", "1987-02-26"]))
def test_the_header_parser_never_fails_and_points_inside_the_text(text: str, published: str | None) -> None:
    match = match_dateline(text, 0, published)
    if match is not None:
        assert 0 <= match.end <= len(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "MOSCOW, May 1 (TASS) -",
                '"We will win," he said.',
                "The minister said that taxes would rise.",
                "According to KCNA, the talks ended.",
                "“Quoted”",
                "'Single' quotes",
                "\n\n",
                "Президент сказал.",
                "\u202bمرحبا\u202c",
                "e\u0301",
                "\ufffd",
                "Mr. Smith, a senator, added: ",
                '"',
            ]
        ),
        min_size=1,
        max_size=12,
    )
)
def test_every_span_of_every_output_holds(parts: list[str]) -> None:
    text = " ".join(parts)
    if not text.strip():
        return
    assert_spans_hold(newstrace.analyze(text, published="2025-10-24"))


# -- fuzz: random and mutated bytes through every reader ---------------------------------------------

SEEDS: dict[str, bytes] = {
    "doc.txt": ENGLISH.encode(),
    "doc.html": f"<html><head><title>T</title></head><body><article><p>{ENGLISH}</p></article></body></html>".encode(),
    "doc.jsonl": (json.dumps({"id": "a", "text": ENGLISH, "date": "2025-10-24"}) + "\n").encode() * 3,
    "feed.xml": (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>F</title><item><title>A</title>"
        f"<description>{ENGLISH}</description><guid>a</guid></item></channel></rss>"
    ).encode(),
    "sitemap.xml": b"<?xml version='1.0'?><urlset><url><loc>http://127.0.0.1/a</loc></url></urlset>",
}


def mutate(data: bytes, rng: random.Random) -> bytes:
    """Flip, insert, delete and cut bytes: the damage a broken download or a hostile file does."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        action = rng.randrange(4)
        at = rng.randrange(len(buffer) + 1)
        if action == 0 and buffer:
            buffer[min(at, len(buffer) - 1)] = rng.randrange(256)
        elif action == 1:
            buffer[at:at] = rng.choice([b"\x00", b"\xff\xfe", b'"', b"<", b"\n", b"\\u", b"\x1f\x8b", b"WARC/1.0\r\n"])
        elif action == 2:
            del buffer[at : at + rng.randint(1, 64)]
        else:
            del buffer[at:]
    return bytes(buffer)


@settings(max_examples=400, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([*SEEDS, "doc.warc", "doc.jsonl.gz", "doc.warc.gz"]), st.integers(0, 2**32 - 1))
def test_fuzz_readers_never_raise(tmp_path_factory: pytest.TempPathFactory, name: str, seed: int) -> None:
    """Whatever the bytes, a reader yields Articles and numbered failures, never an exception."""
    rng = random.Random(seed)
    base = name.removesuffix(".gz")
    data = text_warc(ENGLISH.encode()) if base == "doc.warc" else SEEDS[base]
    damaged = mutate(data, rng)
    if name.endswith(".gz"):
        damaged = mutate(gzip.compress(damaged), rng) if rng.random() < 0.5 else gzip.compress(damaged)
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(damaged)
    options = ReadOptions(max_bytes=100_000, fetch_links=False, max_seconds=5)
    for item in read_path(path, options):
        if isinstance(item, Failed):
            assert item.code is not None, item
        else:
            assert isinstance(item, Article) and item.text.strip()
