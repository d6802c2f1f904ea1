"""``newstrace analyze`` on a JSON Lines corpus, on worker processes and on Dask, as a user runs it."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from newstrace.commands.analyze import JsonArrayWriter
from newstrace.progress import Progress
from newstrace.record import Article
from newstrace.run import analyze_corpus
from newstrace.settings import Settings

SENTENCES = (
    "Officials in Ohio said on Monday that the talks had gone well.",
    '"We will not give up," the mayor told reporters in Denver.',
    "According to the report, prices rose by 3 percent last year.",
)


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newstrace.cli", *args], capture_output=True, env=dict(os.environ), timeout=600
    )


def _corpus(path: Path, n: int) -> Path:
    lines = [
        json.dumps({"id": f"c-{i}", "outlet": "Wire", "date": f"2021-05-{1 + i % 28:02d}", "text": SENTENCES[i % 3]})
        for i in range(n)
    ]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    return path


def test_a_corpus_gives_the_same_records_on_workers_and_on_dask(tmp_path: Path, settings: Settings) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl.gz", 70)  # more than two chunks of 32: workers start
    one_worker = replace(settings, workers=1)
    expected = [a.to_dict() for a in analyze_corpus(corpus, settings=one_worker) if isinstance(a, Article)]
    assert len(expected) == 70 and all(r["attributions"] for r in expected)
    for options in (["--workers", "2"], ["--workers", "2", "--scheduler", "local"]):
        out = tmp_path / "out.json"
        result = _run("analyze", str(corpus), "--format", "json", "--output", str(out), *options)
        assert result.returncode == 0, result.stderr.decode()
        assert "70 analyzed, 0 failed in a stage, 0 unreadable" in result.stderr.decode()
        assert json.loads(out.read_text(encoding="utf-8")) == expected, options


@pytest.mark.parametrize("count", [0, 1, 3])
def test_streamed_json_is_what_json_dumps_writes(count: int) -> None:
    records = [{"id": n, "text": "line\nbreak “quoted”", "nested": {"list": [1, 2]}} for n in range(count)]
    out = io.StringIO()
    writer = JsonArrayWriter(out)
    for record in records:
        writer.write(record)
    writer.close()
    assert out.getvalue() == json.dumps(records, ensure_ascii=False, indent=2) + "\n"  # an array, even of one


def test_progress_shows_articles_words_and_eta() -> None:
    shown = io.StringIO()
    progress = Progress(300, enabled=True, every=0.0, file=shown)
    for n, text in enumerate(SENTENCES, 1):
        progress.read(n * 100)
        progress.done(Article(text=text))
    progress.close()
    assert (progress.articles, progress.words) == (3, sum(len(t.split()) for t in SENTENCES))
    text = shown.getvalue()
    assert "3 articles" in text and "articles/s" in text and "words/s" in text and "100%" in text
