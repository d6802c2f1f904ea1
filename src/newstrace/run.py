"""Analyze one article or a corpus: :func:`analyze` and :func:`analyze_corpus`, the functions every interface calls.

``newstrace analyze``, ``newstrace ingest``, retry, the evaluations and the HTTP API all analyze
through :func:`analyze_corpus`: the same reader layer (:mod:`newstrace.sources`), the same
defaults (``--published``/``--outlet`` fill what a document lacks), the same counting of what
failed and why (:class:`CorpusReport`), on this process, every local core or a Dask cluster.

How a corpus runs, and why:

- Work travels in chunks of ``settings.batch_size`` articles, as the input fields of the record
  (:meth:`Article.inputs`); results come back through the record's codec (``to_dict`` /
  ``Article.from_dict``), so a record made by a worker is byte for byte the one this process
  would make. spaCy Docs never cross a process boundary: they are large, slow to pickle and tied
  to one vocabulary.
- Each worker process builds its pipeline once, on its first chunk, from the settings sent with
  every task (``get_pipeline`` caches it per settings). Nothing is read from globals set in the
  parent process, so a Dask worker on another machine behaves exactly like a local one.
- At most ``window`` chunks are in flight and the oldest is always collected first: results come
  out in input order, and memory depends on the window, never on the corpus size.
- A document that fails in a stage is recorded on its Article (``on_error='record'``) and the
  stream goes on. A worker process that dies (killed for memory, a crash in native code) is
  reported with what to do about it (E090, E096).
- One worker and no scheduler means no extra process at all: the pipeline runs right here.
- A record depends on its input and the settings only: never on the batch size, the other
  articles of its chunk, the worker count or the input order (tests/test_reproducible.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from .errors import ConfigError, Errors, PipelineError
from .pipeline import ErrorPolicy, get_pipeline
from .progress import Progress, word_count
from .record import Article, StageError
from .settings import Settings, load_settings
from .sources.base import Failed, Skipped
from .sources.urls import FetchPolicy
from .validate import check_count, check_date, check_optional_text, check_sources, check_text, text_problem

SCHEDULER_LOCAL = "local"
DASK_ADDRESS_PREFIXES = ("tcp://", "tls://", "ws://", "wss://", "ucx://", "inproc://")
Payload = dict[str, Any]

# Dask defaults that cost the parse CPU, turned off for the LocalCluster newstrace starts (a
# cluster started with dask-worker takes the same settings from its environment: docs/scaling.md).
# The statistical profiler samples every worker's stack 100 times a second; a fixed malloc trim
# threshold makes glibc hand each batch's large arrays back to the kernel and fault them in again.
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


def default_workers() -> int:
    """The CPU cores this process may run on (its affinity mask, not the machine's core count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_workers(workers: int) -> int:
    """``0`` means one worker per local core."""
    if workers < 0:
        raise ConfigError(Errors.E014.format(name="workers", value=workers, reason="must be 0 (one per core) or more"))
    return workers if workers > 0 else default_workers()


def to_payload(article: Article) -> Payload:
    """What a worker needs to analyze an article: its input fields, cheap to pickle, free of spaCy objects."""
    return article.inputs()


# One chunk at a time per process: spaCy's memory zone, which keeps the vocabulary from growing,
# is process-wide, so two threads of one Dask worker must not run the pipeline at once.
_CHUNK_LOCK = threading.Lock()


def analyze_chunk(settings: Settings, on_error: ErrorPolicy, payloads: list[Payload]) -> list[Payload]:
    """Run in a worker: analyze one chunk with this process's pipeline, built once per settings.

    Returns the records (``to_dict``), which the caller reads back with ``Article.from_dict``.
    """
    with _CHUNK_LOCK:
        pipeline = get_pipeline(settings, on_error=on_error)
        articles = [Article.from_inputs(payload) for payload in payloads]
        return [a.to_dict() for a in pipeline.pipe(articles, batch_size=len(payloads) or None)]


PARENT_CHECK_SECONDS = 1.0


def _exit_with_parent(parent: int) -> None:
    """End this worker when the process that started it is gone.

    A parent killed outright (SIGKILL, or SIGTERM's default action) runs no clean-up, and
    ProcessPoolExecutor's workers then went on analyzing: 'kill' of an ingest with two workers left
    both running for 24 minutes. Polling the parent's pid is what works everywhere Python runs
    with 'spawn' (a dead parent's children are re-parented, so the pid changes).
    """
    while True:
        time.sleep(PARENT_CHECK_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def load_pipeline(settings: Settings, on_error: ErrorPolicy, parent: int | None = None) -> None:
    """Worker start-up: exit with the parent, one BLAS thread, then load the pipeline while the
    parent reads the first chunks.

    The workers already fill the cores; a BLAS pool per worker on top of them made two local
    workers barely faster than one (x1.14 instead of x1.64 on 2 cores, docs/performance.md),
    its threads spinning for the persuasion head's small products. Dask's nanny does the same
    (OMP_NUM_THREADS=1 and the like in its workers' environment).
    """
    from threadpoolctl import threadpool_limits

    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent,), name="parent-watch", daemon=True).start()
    threadpool_limits(limits=1)
    get_pipeline(settings, on_error=on_error)


class _WorkerLost(Exception):  # noqa: N818 - an event, as KilledWorker is
    """A worker died with a chunk: the Analyzer finds the document that killed it and goes on."""


class _Backend(Protocol):
    slots: int  # chunks the backend can analyze at the same time
    name: str
    loses_all: bool  # whether one dead worker loses every chunk in flight

    def restart(self) -> None: ...

    def submit(self, payloads: list[Payload], first: str, last: str) -> Any: ...

    def result(self, handle: Any, first: str, last: str) -> list[Article]: ...

    def cancel(self, handle: Any) -> None: ...

    def close(self) -> None: ...


class _ProcessBackend:
    """Worker processes on this machine, started with 'spawn' (no state inherited from the parent)."""

    def __init__(self, settings: Settings, on_error: ErrorPolicy, workers: int) -> None:
        self.settings = settings
        self.on_error = on_error
        self.slots = workers
        self.name = f"{workers} local worker processes"
        self.pool = self._new_pool()

    # A dead worker breaks the whole pool: every chunk in flight is lost with it.
    loses_all = True

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.slots,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=load_pipeline,
            initargs=(self.settings, self.on_error, os.getpid()),
        )

    def submit(self, payloads: list[Payload], first: str, last: str) -> Future[list[Payload]]:
        try:
            return self.pool.submit(analyze_chunk, self.settings, self.on_error, payloads)
        except BrokenProcessPool as exc:  # a worker died since the last result: seen in order, by result()
            lost: Future[list[Payload]] = Future()
            lost.set_exception(exc)
            return lost

    def result(self, handle: Future[list[Payload]], first: str, last: str) -> list[Article]:
        try:
            return [Article.from_dict(record) for record in handle.result()]
        except BrokenProcessPool as exc:
            raise _WorkerLost(str(exc)) from exc

    def cancel(self, handle: Future[list[Payload]]) -> None:
        handle.cancel()

    def restart(self) -> None:
        """A new pool after a worker died: a broken pool refuses all work, its queued chunks included."""
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._new_pool()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _DaskBackend:
    """A Dask cluster: a LocalCluster of worker processes, or a running scheduler's address."""

    def __init__(
        self, settings: Settings, on_error: ErrorPolicy, workers: int, scheduler: str, connect_timeout: float
    ) -> None:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError(Errors.E092.format(scheduler=scheduler, reason=exc)) from exc
        self.settings = settings
        self.on_error = on_error
        self.cluster: Any = None
        if scheduler == SCHEDULER_LOCAL:
            # One thread per worker process: the parse holds the GIL, and chunks in one process
            # run one at a time anyway (see _CHUNK_LOCK).
            with dask.config.set(LOCAL_CLUSTER_CONFIG):
                self.cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
            self.client: Any = Client(self.cluster)
        elif scheduler.startswith(DASK_ADDRESS_PREFIXES):
            try:
                self.client = Client(scheduler, timeout=connect_timeout)
            except (OSError, TimeoutError) as exc:
                raise ConfigError(Errors.E091.format(address=scheduler, reason=exc)) from exc
        else:
            raise ConfigError(Errors.E093.format(scheduler=scheduler))
        # Keep every worker thread of the cluster busy, however many machines it has.
        self.slots = max(1, sum(self.client.nthreads().values()))
        self.name = f"Dask at {self.client.scheduler.address} ({self.slots} worker threads)"

    def submit(self, payloads: list[Payload], first: str, last: str) -> Any:
        return self.client.submit(analyze_chunk, self.settings, self.on_error, payloads, pure=False)

    def result(self, handle: Any, first: str, last: str) -> list[Article]:
        from distributed import KilledWorker

        try:
            return [Article.from_dict(record) for record in handle.result()]
        except KilledWorker as exc:
            raise _WorkerLost(str(exc)) from exc
        finally:
            handle.release()

    def cancel(self, handle: Any) -> None:
        handle.cancel()

    # Dask re-runs a dead worker's tasks elsewhere; only a chunk that killed several is given up.
    loses_all = False

    def restart(self) -> None:
        """Nothing to do: the cluster replaces its workers itself."""

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            # Our own workers are stopped on purpose; a slow exit is not worth a warning.
            nanny = logging.getLogger("distributed.nanny")
            level = nanny.level
            nanny.setLevel(logging.ERROR)
            try:
                self.cluster.close()
            finally:
                nanny.setLevel(level)


class Analyzer:
    """Worker processes or a Dask client kept for one or more streams; use it as a context manager.

    :func:`analyze_corpus` opens one per run. Keeping an Analyzer open lets a caller (the
    throughput benchmark) start the workers once and analyze several streams with them.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        workers: int = 0,
        scheduler: str | None = None,
        on_error: ErrorPolicy = "record",
        chunk_size: int | None = None,
        window: int | None = None,
        connect_timeout: float = 20.0,
    ) -> None:
        self.settings = settings
        self.workers = resolve_workers(workers)
        self.scheduler = scheduler or None
        if self.scheduler not in (None, SCHEDULER_LOCAL) and not str(self.scheduler).startswith(DASK_ADDRESS_PREFIXES):
            raise ConfigError(Errors.E093.format(scheduler=self.scheduler))
        self.on_error = on_error
        self.chunk_size = chunk_size or settings.batch_size
        self.connect_timeout = connect_timeout
        self._window = window
        self._backend: _Backend | None = None
        self._restarts = 0

    @property
    def window(self) -> int:
        """Chunks in flight at most: two per worker slot (one running, one queued) and two more, so
        no worker waits while the oldest chunk is collected."""
        if self._window:
            return self._window
        slots = self._backend.slots if self._backend is not None else self.workers
        return 2 * slots + 2

    @property
    def backend_name(self) -> str:
        """What analyzes the chunks: this process, local worker processes, or a Dask cluster."""
        return self._backend.name if self._backend is not None else "this process"

    @property
    def in_process(self) -> bool:
        return self.scheduler is None and self.workers == 1

    def start(self) -> None:
        """Start the worker processes or connect to the cluster now rather than on the first chunk."""
        if self._backend is not None or self.in_process:
            return
        if self.scheduler is None:
            self._backend = _ProcessBackend(self.settings, self.on_error, self.workers)
        else:
            self._backend = _DaskBackend(
                self.settings, self.on_error, self.workers, self.scheduler, self.connect_timeout
            )

    def close(self) -> None:
        if self._backend is not None:
            backend, self._backend = self._backend, None
            backend.close()

    def __enter__(self) -> Analyzer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def stream(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Yield each article analyzed, in input order. Yielded Articles may be new objects."""
        if self.in_process:
            yield from get_pipeline(self.settings, on_error=self.on_error).pipe(articles, batch_size=self.chunk_size)
            return
        iterator = iter(articles)
        if self._backend is None and self.scheduler is None:
            # A stream of two chunks or less is done sooner here than by starting worker processes.
            head = list(islice(iterator, 2 * self.chunk_size + 1))
            if len(head) <= 2 * self.chunk_size:
                yield from get_pipeline(self.settings, on_error=self.on_error).pipe(head, batch_size=self.chunk_size)
                return
            iterator = chain(head, iterator)
        self.start()
        assert self._backend is not None
        yield from self._ordered(self._backend, iterator)

    def _ordered(self, backend: _Backend, articles: Iterator[Article]) -> Iterator[Article]:
        pending: deque[_Chunk] = deque()
        try:
            while True:
                chunk = list(islice(articles, self.chunk_size))
                if not chunk:
                    break
                pending.append(_Chunk.submit(backend, [to_payload(a) for a in chunk]))
                del chunk  # only the payloads travel; the caller's Articles can be freed
                while len(pending) >= self.window:
                    yield from self._collect(backend, pending)
            while pending:
                yield from self._collect(backend, pending)
        finally:
            for waiting in pending:  # the consumer stopped early or a chunk failed
                backend.cancel(waiting.handle)

    def _collect(self, backend: _Backend, pending: deque[_Chunk]) -> list[Article]:
        """The oldest chunk's records; when a worker died, those of every chunk it took with it.

        Chunks lost with a dead worker run again one at a time, so a crash is blamed on the chunk
        that caused it; that chunk runs again document by document, and a document that kills a
        worker twice on its own is recorded as failed (E122). Records do not depend on chunking,
        so the others come out as in a run without the crash.
        """
        head = pending.popleft()
        try:
            return head.result(backend)
        except _WorkerLost:
            lost = [head]
            if backend.loses_all:
                lost += pending
                pending.clear()
            self._restart(backend)
        return [article for chunk in lost for article in self._alone(backend, chunk.payloads)]

    def _alone(self, backend: _Backend, payloads: list[Payload], tries: int = 2) -> list[Article]:
        """``payloads`` analyzed with nothing else in flight, split up when a worker dies on them."""
        try:
            return _Chunk.submit(backend, payloads).result(backend)
        except _WorkerLost as exc:
            self._restart(backend)
            if len(payloads) > 1:
                return [article for payload in payloads for article in self._alone(backend, [payload])]
            if tries > 1:
                return self._alone(backend, payloads, tries - 1)
            return [_crashed(payloads[0], exc)]

    def _restart(self, backend: _Backend) -> None:
        self._restarts += 1
        if self._restarts > MAX_RESTARTS:
            reason = f"{self._restarts} worker processes died in this run"
            raise PipelineError(Errors.E090.format(first="(several)", last="(several)", reason=reason))
        backend.restart()


# More dead workers than this in one run is not one bad document: stop and say so (E090).
MAX_RESTARTS = 50


@dataclass
class _Chunk:
    """Documents sent to a worker together, kept until their records come back (to send again)."""

    payloads: list[Payload]
    handle: Any
    first: str
    last: str

    @classmethod
    def submit(cls, backend: _Backend, payloads: list[Payload]) -> _Chunk:
        first, last = _locator(payloads[0]), _locator(payloads[-1])
        return cls(payloads, backend.submit(payloads, first, last), first, last)

    def result(self, backend: _Backend) -> list[Article]:
        return backend.result(self.handle, self.first, self.last)


def _locator(payload: Payload) -> str:
    return str(payload.get("source") or Article.from_inputs(payload).id)


def _crashed(payload: Payload, exc: _WorkerLost) -> Article:
    """The record of a document a worker died on twice: its inputs and error E122 (retry-able)."""
    article = Article.from_inputs(payload)
    message = Errors.E122.format(doc=_locator(payload), reason=exc)
    article.errors.append(StageError("analyze", "WorkerLost", message))
    return article


@dataclass
class CorpusReport:
    """What a corpus run did, counted as it goes; the commands print :meth:`summary` and exit by :attr:`ok`.

    ``failures`` keeps every document that was not analyzed, with its locator and numbered error.
    """

    analyzed: int = 0  # read and analyzed by every stage
    failed: int = 0  # read, but a stage failed on it (recorded on the Article, retry-able)
    unreadable: int = 0  # not read: missing, not text, too large, not fetched, no main text
    skipped: int = 0  # not analyzed again: the store has it already
    stored: int | None = None  # saved in the store (ingest only)
    words: int = 0
    seconds: float = 0.0
    failures: list[Failed] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing failed: every document was analyzed or skipped as already stored."""
        return not self.failed and not self.unreadable

    def exit_code(self) -> int:
        """The commands' exit code: 0 when every document was analyzed (or already stored), 1 when
        some failed (the summary names them), 2 when none could be analyzed (or there was none)."""
        if not self.analyzed and not self.skipped:
            return 2
        return 0 if self.ok else 1

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        stored = f" ({self.stored} stored)" if self.stored is not None else ""
        return (
            f"{self.analyzed} analyzed{stored}, {self.failed} failed in a stage, {self.unreadable} unreadable, "
            f"{self.skipped} skipped as already stored ({self.seconds:.1f} s, {self.words_per_second:,.0f} words/s)"
            + (f"; failures by error: {self.failures_by_code_text()}" if self.failures else "")
        )

    def failures_by_code(self) -> dict[str, int]:
        """How many documents failed with each numbered error, commonest first ('E000' when unnumbered)."""
        counts = Counter(failure.code or "E000" for failure in self.failures)
        return dict(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))

    def failures_by_code_text(self) -> str:
        return ", ".join(f"{code} x{count}" for code, count in self.failures_by_code().items())

    def to_dict(self) -> dict[str, Any]:
        return {
            "analyzed": self.analyzed,
            "failed": self.failed,
            "unreadable": self.unreadable,
            "skipped": self.skipped,
            "stored": self.stored,
            "words": self.words,
            "seconds": round(self.seconds, 3),
            "words_per_second": round(self.words_per_second, 1),
            "failures_by_code": self.failures_by_code(),
            "failures": [f.to_dict() for f in self.failures],
        }


Source = str | Path | Article


def _checked_article(article: Article) -> Article | Failed:
    """An Article built by the caller, or a Failed when its text cannot be analyzed (the batch goes on)."""
    problem = text_problem(article.text) if isinstance(article.text, str) else "its text is not a str"
    if problem is None:
        return article
    source = article.source or "<article>"
    return Failed(
        source, "read", Errors.E120.format(function="analyze_corpus", name="Article.text", value="...", reason=problem)
    )


def analyze_corpus(
    sources: Source | Iterable[Source],
    *,
    settings: Settings | None = None,
    published: str | None = None,
    outlet: str | None = None,
    fields: Mapping[str, str] | Iterable[str] | None = None,
    fetch: FetchPolicy | None = None,
    fetch_links: bool = True,
    skip: Callable[[Article], bool] | None = None,
    skip_url: Callable[[str], bool] | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    on_error: ErrorPolicy = "record",
    progress: bool = False,
    report: CorpusReport | None = None,
) -> Iterator[Article | Failed | Skipped]:
    """Read and analyze every document of ``sources``; yield each as it comes out.

    ``sources``: paths, folders, URLs, '-' (standard input), or Articles already built, read with
    :func:`newstrace.sources.read_sources`. Analyzed Articles come out in input order (an Article
    whose ``errors`` is not empty failed in a stage); a document that could not be read comes out as
    :class:`~newstrace.sources.Failed` when it is read, one the store already has (``skip``,
    ``skip_url``) as :class:`~newstrace.sources.Skipped`.

    ``published``/``outlet`` fill documents that lack them; ``fields`` maps JSON Lines fields
    (``{"text": "body"}``); ``fetch`` bounds and guards every URL fetch. The work runs where
    ``workers`` (default: the ``workers`` setting; 0 = one process per core, 1 = this process) and
    ``scheduler`` (a Dask cluster) say, with the same records either way (:class:`Analyzer`).
    ``report``, when given, is filled as the stream goes; ``progress`` shows a bar on standard error.
    """
    from .sources import ReadOptions, ReadPosition, input_size, parse_field_map, read_sources

    fn = "analyze_corpus"
    inputs: list[Source] = check_sources(fn, sources)
    default_date = check_date(fn, "published", published)
    outlet = check_optional_text(fn, "outlet", outlet)
    check_count(fn, "workers", workers, minimum=0, maximum=4096)
    settings = settings or load_settings()
    report = report if report is not None else CorpusReport()
    position = ReadPosition()
    options = ReadOptions(
        fields=parse_field_map(fields),
        max_bytes=settings.max_bytes,
        max_seconds=settings.document_seconds,
        policy=fetch or FetchPolicy(max_bytes=settings.max_bytes),
        fetch_links=fetch_links,
        skip_url=skip_url,
        position=position,
    )
    paths = [s for s in inputs if not isinstance(s, Article)]
    bar = Progress(input_size(paths) if progress and len(paths) == len(inputs) else None, enabled=progress)
    aside: deque[Failed | Skipped] = deque()

    def documents() -> Iterator[Article]:
        for source in inputs:
            items = [_checked_article(source)] if isinstance(source, Article) else read_sources([source], options)
            for item in items:
                if isinstance(item, Failed | Skipped):
                    aside.append(item)
                    continue
                item.published = item.published or default_date
                item.outlet = item.outlet or outlet
                if skip is not None and skip(item):
                    aside.append(Skipped(item.source or item.id))
                    continue
                bar.read(position.bytes)
                yield item

    def drain() -> Iterator[Failed | Skipped]:
        while aside:
            item = aside.popleft()
            if isinstance(item, Skipped):
                report.skipped += 1
            else:
                report.unreadable += 1
                report.failures.append(item)
            yield item

    started = time.perf_counter()
    try:
        processes = settings.workers if workers is None else workers
        with Analyzer(settings, workers=processes, scheduler=scheduler, on_error=on_error) as analyzer:
            for article in analyzer.stream(documents()):
                yield from drain()
                bar.done(article)
                report.words += word_count(article.text)
                if article.errors:
                    report.failed += 1
                    message = " | ".join(e.message for e in article.errors)
                    report.failures.append(
                        Failed(article.source or article.id, article.errors[0].stage, message, article.inputs())
                    )
                else:
                    report.analyzed += 1
                yield article
            yield from drain()
    finally:
        report.seconds = time.perf_counter() - started
        bar.close()


def analyze(
    text: str,
    *,
    published: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
    byline: str | None = None,
    settings: Settings | None = None,
) -> Article:
    """Analyze one article and return its record; raises on failure (strict).

    The same analysis as :func:`analyze_corpus` gives the same text with the same metadata.
    """
    fn = "analyze"
    article = Article(
        text=check_text(fn, text),
        published=check_date(fn, "published", published),
        outlet=check_optional_text(fn, "outlet", outlet),
        url=check_optional_text(fn, "url", url),
        title=check_optional_text(fn, "title", title),
        byline=check_optional_text(fn, "byline", byline),
    )
    (analyzed,) = analyze_corpus(article, settings=settings, on_error="raise")
    assert isinstance(analyzed, Article)
    return analyzed


__all__ = [
    "SCHEDULER_LOCAL",
    "Analyzer",
    "CorpusReport",
    "analyze",
    "analyze_chunk",
    "analyze_corpus",
    "default_workers",
    "resolve_workers",
]
