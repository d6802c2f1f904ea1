"""Ingest any news source into the corpus store: read lazily, analyze in batches, commit in batches.

    import newstrace
    report = newstrace.ingest(["corpus.jsonl.gz", "https://example.org/feed.xml"], db="news.db")

Idempotent and resumable: a document already stored (same text at the same URL) is skipped before
analysis, a URL already stored is not fetched again, and analyzed articles are committed every
``commit_every`` documents, so a killed ingest restarts where its last commit ended.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..parallel import analyze_stream
from ..record import Article
from ..settings import Settings, load_settings
from .base import Failed, Item, ReadOptions, Skipped, article_from_payload, input_payload
from .urls import FetchPolicy

if TYPE_CHECKING:
    from ..store import Store


@dataclass
class IngestReport:
    """What an ingest (or retry) did; ``newstrace ingest`` prints it as its summary."""

    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    words: int = 0
    seconds: float = 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "words_per_second": round(self.words_per_second, 1)}

    def summary(self) -> str:
        return (
            f"{self.ingested} ingested, {self.duplicates} skipped as duplicate, {self.failed} failed "
            f"({self.seconds:.1f} s, {self.words_per_second:,.0f} words/s analyzed)"
        )


def _as_list(sources: str | Path | Iterable[str | Path]) -> list[str]:
    if isinstance(sources, str | Path):
        return [str(sources)]
    return [str(s) for s in sources]


def _fields(fields: Mapping[str, str] | Iterable[str] | None) -> dict[str, tuple[str, ...]]:
    from .jsonl import parse_field_map

    if fields is None:
        return {}
    if isinstance(fields, Mapping):
        return parse_field_map(f"{k}={v}" for k, v in fields.items())
    return parse_field_map(fields)


def ingest(
    sources: str | Path | Iterable[str | Path],
    *,
    db: str | Path | Store | None = None,
    fields: Mapping[str, str] | Iterable[str] | None = None,
    outlet: str | None = None,
    published: str | None = None,
    allow_private: bool = False,
    allowed_networks: Iterable[str] = (),
    max_redirects: int = 5,
    timeout: float = 30.0,
    fetch_links: bool = True,
    commit_every: int = 64,
    progress: bool = False,
    settings: Settings | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> IngestReport:
    """Read, analyze and store every document of ``sources`` (files, folders, URLs, '-').

    ``workers``/``scheduler`` choose where the analysis runs, as for ``newstrace analyze``
    (:func:`newstrace.parallel.analyze_stream`): 1 analyzes in this process, 0 uses every core,
    ``scheduler`` names a Dask cluster. Writes stay in this process, in input order.

    ``db`` is a store URL or path (default: the ``db`` setting) or an open Store. ``fields`` maps
    JSON Lines fields (``{"text": "body"}``). ``outlet``/``published`` fill documents that lack them.
    URLs on private, loopback or link-local addresses are refused unless ``allow_private``.
    """
    from tqdm import tqdm

    from ..store import open_store
    from .sources import estimate_total, read_sources

    settings = settings or load_settings()
    names = _as_list(sources)
    store, owned = (open_store(db or settings.db), True) if db is None or isinstance(db, str | Path) else (db, False)
    try:
        policy = FetchPolicy(
            allow_private=allow_private,
            allowed_networks=tuple(allowed_networks),
            max_bytes=settings.max_bytes,
            timeout=timeout,
            max_redirects=max_redirects,
        )
        options = ReadOptions(
            fields=_fields(fields),
            max_bytes=settings.max_bytes,
            policy=policy,
            fetch_links=fetch_links,
            skip_url=store.has_url,
        )
        total = estimate_total(names) if progress else None
        with tqdm(total=total, desc="ingesting", unit="doc", disable=not progress, dynamic_ncols=True) as bar:
            items = read_sources(names, options)
            return _run(
                items,
                store,
                settings,
                bar,
                outlet=outlet,
                published=published,
                commit_every=commit_every,
                workers=workers,
                scheduler=scheduler,
            )
    finally:
        if owned:
            store.close()


def _run(
    items: Iterator[Item],
    store: Store,
    settings: Settings,
    bar: Any,
    *,
    outlet: str | None = None,
    published: str | None = None,
    commit_every: int = 64,
    failed_sources: set[str] | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> IngestReport:
    report = IngestReport()
    started = time.perf_counter()

    def fail(source: str, error: str, stage: str | None, payload: dict[str, Any] | None) -> None:
        store.save_failure(source, error, stage, payload=payload)
        report.failed += 1
        if failed_sources is not None:
            failed_sources.add(source)

    def to_analyze() -> Iterator[Article]:
        for item in items:
            bar.update(1)
            if isinstance(item, Skipped):
                report.duplicates += 1
            elif isinstance(item, Failed):
                fail(item.source, item.error, item.stage, item.payload)
            else:
                item.outlet = item.outlet or outlet
                item.published = item.published or published
                if store.contains(item):
                    report.duplicates += 1
                else:
                    yield item

    pending: list[Article] = []

    def flush() -> None:
        counts = store.save_many(pending)
        report.ingested += counts.saved
        report.duplicates += counts.duplicates
        pending.clear()

    analyzed = analyze_stream(to_analyze(), settings=settings, workers=workers, scheduler=scheduler)
    for article in analyzed:
        report.words += len(article.text.split())
        if article.errors:
            message = " | ".join(e.message for e in article.errors)
            fail(article.source or article.id, message, article.errors[0].stage, input_payload(article))
        else:
            pending.append(article)
            if len(pending) >= commit_every:
                flush()
                bar.set_postfix(stored=report.ingested, dup=report.duplicates, failed=report.failed, refresh=False)
    if pending:
        flush()
    report.seconds = time.perf_counter() - started
    return report


def retry(
    db: str | Path | Store | None = None,
    *,
    allow_private: bool = False,
    allowed_networks: Iterable[str] = (),
    progress: bool = False,
    settings: Settings | None = None,
) -> IngestReport:
    """Re-read and re-analyze every stored failure; failures that now succeed are deleted.

    A failure with its document stored (it was read, then failed in a stage) is re-analyzed as
    stored; one that failed while reading or fetching is read again from its source.
    """
    from tqdm import tqdm

    from ..store import open_store
    from .sources import read_locator

    settings = settings or load_settings()
    store, owned = (open_store(db or settings.db), True) if db is None or isinstance(db, str | Path) else (db, False)
    try:
        failures = store.failures()
        options = ReadOptions(
            max_bytes=settings.max_bytes,
            policy=FetchPolicy(
                allow_private=allow_private, allowed_networks=tuple(allowed_networks), max_bytes=settings.max_bytes
            ),
        )

        def items() -> Iterator[Item]:
            for failure in failures:
                if failure.payload:
                    yield article_from_payload(failure.payload)
                else:
                    yield from read_locator(failure.source, options)

        failed_again: set[str] = set()
        with tqdm(total=len(failures), desc="retrying", unit="doc", disable=not progress) as bar:
            report = _run(items(), store, settings, bar, failed_sources=failed_again)
        for failure in failures:
            if failure.source not in failed_again:
                store.delete_failure(failure.source)
        return report
    finally:
        if owned:
            store.close()


__all__ = ["FetchPolicy", "IngestReport", "ingest", "retry"]
