"""Analyze a corpus on every local core or on a Dask cluster, in input order, in bounded memory.

:func:`analyze_stream` is the one entry point (the ``analyze`` command calls it, and so can any
command that walks a corpus). How it works, and why:

- Work travels in chunks of ``settings.batch_size`` articles, as plain dicts of the input fields;
  results come back as Article records whose spaCy Doc the pipeline has already dropped. Docs
  never cross a process boundary: they are large, slow to pickle and tied to one vocabulary.
- Each worker process builds its pipeline once, on its first chunk, from the settings sent with
  every task (``get_pipeline`` caches it per settings). Nothing is read from globals set in the
  parent process, so a Dask worker on another machine behaves exactly like a local one.
- At most ``window`` chunks are in flight and the oldest is always collected first: results come
  out in input order, and memory depends on the window, never on the corpus size.
- A document that fails in a stage is recorded on its Article (``on_error='record'``) and the
  stream goes on. A worker process that dies (killed for memory, a crash in native code) is
  reported with what to do about it (E090, E096).
- One worker and no scheduler means no extra process at all: the pipeline runs right here.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from types import TracebackType
from typing import Any, Protocol

from .errors import ConfigError, Errors, PipelineError
from .pipeline import INITIAL_FIELDS, ErrorPolicy, get_pipeline
from .record import Article
from .settings import Settings

SCHEDULER_LOCAL = "local"
DASK_ADDRESS_PREFIXES = ("tcp://", "tls://", "ws://", "wss://", "ucx://", "inproc://")
# The input fields of an Article, in a fixed order: what a worker needs to rebuild it.
INPUT_FIELDS = tuple(sorted(INITIAL_FIELDS))

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
    """The plain-dict form of an article's inputs, cheap to pickle and free of spaCy objects."""
    return {name: getattr(article, name) for name in INPUT_FIELDS}


# One chunk at a time per process: spaCy's memory zone, which keeps the vocabulary from growing,
# is process-wide, so two threads of one Dask worker must not run the pipeline at once.
_CHUNK_LOCK = threading.Lock()


def analyze_chunk(settings: Settings, on_error: ErrorPolicy, payloads: list[Payload]) -> list[Article]:
    """Run in a worker: analyze one chunk with this process's pipeline, built once per settings."""
    with _CHUNK_LOCK:
        pipeline = get_pipeline(settings, on_error=on_error)
        return list(pipeline.pipe([Article(**payload) for payload in payloads], batch_size=len(payloads) or None))


def load_pipeline(settings: Settings, on_error: ErrorPolicy) -> None:
    """Worker start-up: load the spaCy model while the parent reads the first chunks."""
    get_pipeline(settings, on_error=on_error)


class _Backend(Protocol):
    slots: int  # chunks the backend can analyze at the same time
    name: str

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
        self.pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=load_pipeline,
            initargs=(settings, on_error),
        )

    def submit(self, payloads: list[Payload], first: str, last: str) -> Future[list[Article]]:
        try:
            return self.pool.submit(analyze_chunk, self.settings, self.on_error, payloads)
        except BrokenProcessPool as exc:
            raise PipelineError(Errors.E090.format(first=first, last=last, reason=exc)) from exc

    def result(self, handle: Future[list[Article]], first: str, last: str) -> list[Article]:
        try:
            return handle.result()
        except BrokenProcessPool as exc:
            raise PipelineError(Errors.E090.format(first=first, last=last, reason=exc)) from exc

    def cancel(self, handle: Future[list[Article]]) -> None:
        handle.cancel()

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
            return list(handle.result())
        except KilledWorker as exc:
            raise PipelineError(Errors.E096.format(first=first, last=last, reason=exc)) from exc
        finally:
            handle.release()

    def cancel(self, handle: Any) -> None:
        handle.cancel()

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

    :func:`analyze_stream` is the one-shot form. Keeping an Analyzer open lets a caller (the
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
        pending: deque[tuple[Any, str, str]] = deque()
        try:
            while True:
                chunk = list(islice(articles, self.chunk_size))
                if not chunk:
                    break
                first, last = chunk[0].source or chunk[0].id, chunk[-1].source or chunk[-1].id
                pending.append((backend.submit([to_payload(a) for a in chunk], first, last), first, last))
                del chunk  # only the payloads travel; the caller's Articles can be freed
                while len(pending) >= self.window:
                    yield from backend.result(*pending.popleft())
            while pending:
                yield from backend.result(*pending.popleft())
        finally:
            for handle, _, _ in pending:  # the consumer stopped early or a chunk failed
                backend.cancel(handle)


def analyze_stream(
    articles: Iterable[Article],
    *,
    settings: Settings,
    workers: int = 0,
    scheduler: str | None = None,
    on_error: ErrorPolicy = "record",
    chunk_size: int | None = None,
    window: int | None = None,
    connect_timeout: float = 20.0,
) -> Iterator[Article]:
    """Analyze a stream of articles in parallel; yield them analyzed, in input order.

    ``workers``: local worker processes (0: one per core; 1: in this process). ``scheduler``:
    ``'local'`` for a Dask LocalCluster of ``workers`` processes, or a Dask scheduler address
    (``tcp://HOST:PORT``). Memory stays bounded by ``window`` chunks of ``chunk_size`` articles.
    """
    with Analyzer(
        settings,
        workers=workers,
        scheduler=scheduler,
        on_error=on_error,
        chunk_size=chunk_size,
        window=window,
        connect_timeout=connect_timeout,
    ) as analyzer:
        yield from analyzer.stream(articles)


__all__ = ["SCHEDULER_LOCAL", "Analyzer", "analyze_chunk", "analyze_stream", "default_workers", "resolve_workers"]
