"""Parallel analysis: the same records whatever runs them, in input order, in bounded memory.

Everything here is real: spawned worker processes, a real Dask cluster of two worker processes
reached over TCP on 127.0.0.1, real articles from ../shared.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from itertools import islice

import psutil
import pytest

from newstrace.errors import ConfigError, PipelineError
from newstrace.pipeline import get_pipeline
from newstrace.record import Article
from newstrace.run import Analyzer, default_workers, resolve_workers
from newstrace.settings import Settings
from newstrace.sources import ReadOptions, read_sources
from newstrace.stages.parse import load_spacy

from .conftest import shared_path

N_REAL = 20


@pytest.fixture(scope="module")
def allsides() -> list[Article]:
    stream = read_sources([shared_path("data/corpora/allsides-12k.jsonl.gz")], ReadOptions(max_bytes=5_000_000))
    articles = [a for a in islice(stream, N_REAL) if isinstance(a, Article)]
    stream.close()
    assert len(articles) == N_REAL
    for n, article in enumerate(articles):  # an input field no stage reads: it must survive every backend
        article.byline = f"By Reporter {n}"
    return articles


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    """A real Dask cluster: a scheduler and two worker processes, reached by its tcp:// address."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1")
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


def _fresh(articles: list[Article]) -> list[Article]:
    """Unanalyzed copies, so each run starts from the same inputs."""
    return [Article.from_inputs(a.inputs()) for a in articles]


def _stream(articles: Iterator[Article] | list[Article], settings: Settings, **options: object) -> Iterator[Article]:
    with Analyzer(settings, **options) as analyzer:  # type: ignore[arg-type]
        yield from analyzer.stream(articles)


def _short(n: int) -> Iterator[Article]:
    for i in range(n):
        yield Article(text=f"Officials in Ohio said on Monday that talks number {i} went well.", source=f"doc-{i}")


def test_one_worker_two_workers_and_dask_give_identical_records(
    allsides: list[Article], settings: Settings, dask_address: str
) -> None:
    one = [a.to_dict() for a in _stream(_fresh(allsides), settings, workers=1, chunk_size=4)]
    with Analyzer(settings, workers=2, chunk_size=4) as analyzer:
        two = [a.to_dict() for a in analyzer.stream(_fresh(allsides))]
        assert analyzer.backend_name == "2 local worker processes"
    with Analyzer(settings, scheduler=dask_address, chunk_size=4) as analyzer:
        dask = [a.to_dict() for a in analyzer.stream(_fresh(allsides))]
        assert analyzer.backend_name.startswith(f"Dask at {dask_address} (2 worker threads)")
    assert [r["source"] for r in one] == [a.source for a in allsides]  # input order
    assert sum(len(r["attributions"]) for r in one) > N_REAL  # real work was done
    assert all(not r["errors"] for r in one)
    assert [r["byline"] for r in one] == [f"By Reporter {n}" for n in range(N_REAL)]
    assert two == one
    assert dask == one


def test_a_bad_document_is_recorded_and_the_stream_goes_on(settings: Settings) -> None:
    nlp = load_spacy(settings.spacy_model)
    articles = list(_short(7))
    articles[3] = Article(text="word " * (nlp.max_length // 5 + 1), source="too-long")  # spaCy refuses it
    out = list(_stream(articles, settings, workers=2, chunk_size=2))
    assert [a.source for a in out] == [a.source for a in articles]
    assert [bool(a.errors) for a in out] == [False, False, False, True, False, False, False]
    assert out[3].errors[0].stage == "parse.spacy.v1" and "E020" in out[3].errors[0].message
    every_stage = get_pipeline(settings).stage_names
    assert all(a.attributions and a.stages == every_stage for a in out if a.source != "too-long")


def test_input_is_read_lazily_with_a_bounded_number_of_chunks_in_flight(settings: Settings) -> None:
    consumed = 0

    def source() -> Iterator[Article]:
        nonlocal consumed
        for article in _short(40):
            consumed += 1
            yield article

    seen: list[str | None] = []
    for article in _stream(source(), settings, workers=2, chunk_size=2, window=3):
        assert consumed - len(seen) <= 3 * 2, "more than window x chunk_size articles in flight"
        seen.append(article.source)
    assert seen == [f"doc-{i}" for i in range(40)]


def test_a_short_stream_runs_in_this_process(settings: Settings) -> None:
    with Analyzer(settings, workers=2, chunk_size=4) as analyzer:
        out = list(analyzer.stream(_short(8)))
        assert analyzer.backend_name == "this process"
    assert [a.source for a in out] == [f"doc-{i}" for i in range(8)]


def _kill_workers(me: psutil.Process, before: set[int]) -> None:
    workers = [p for p in me.children(recursive=True) if p.pid not in before and "spawn_main" in " ".join(p.cmdline())]
    assert workers
    for process in workers:
        os.kill(process.pid, signal.SIGKILL)


def test_dead_workers_cost_no_document(settings: Settings) -> None:
    """Both workers killed mid-stream: the chunks they held run again and every document comes out."""
    me = psutil.Process()
    before = {p.pid for p in me.children(recursive=True)}
    with Analyzer(settings, workers=2, chunk_size=2, window=3) as analyzer:
        stream = analyzer.stream(_short(60))
        first = next(stream)  # the workers are up and analyzing
        _kill_workers(me, before)
        out = [first, *stream]
    assert [a.source for a in out] == [f"doc-{i}" for i in range(60)]
    assert not any(a.errors for a in out)


def test_workers_that_keep_dying_stop_the_run_with_what_to_do(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newstrace.run.MAX_RESTARTS", 0)  # the first death is one too many
    me = psutil.Process()
    before = {p.pid for p in me.children(recursive=True)}
    with Analyzer(settings, workers=2, chunk_size=2, window=3) as analyzer:
        stream = analyzer.stream(_short(60))
        next(stream)
        _kill_workers(me, before)
        with pytest.raises(PipelineError, match="E090"):
            list(stream)


def test_scheduler_and_workers_are_checked(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="E093"):
        Analyzer(settings, scheduler="my-cluster:8786")
    with pytest.raises(ConfigError, match="E014"):
        resolve_workers(-1)
    assert resolve_workers(0) == default_workers() >= 1
    assert resolve_workers(3) == 3


def test_an_unreachable_scheduler_says_how_to_start_one(settings: Settings) -> None:
    with pytest.raises(ConfigError, match=r"E091.*dask-scheduler"):
        list(_stream(_short(1), settings, scheduler="tcp://127.0.0.1:9", connect_timeout=1))


def test_vocabulary_stays_flat_across_batches(settings: Settings) -> None:
    """spaCy's memory zone around each batch: new words do not pile up in the string store."""
    pipeline = get_pipeline(settings)
    nlp = load_spacy(settings.spacy_model)
    made_up = [Article(text=f"Zorblax{n} said the qwerty{n} plan had failed.") for n in range(40)]
    list(pipeline.pipe(made_up[:20]))
    before = len(nlp.vocab.strings)
    list(pipeline.pipe(made_up[20:]))
    assert len(nlp.vocab.strings) == before
