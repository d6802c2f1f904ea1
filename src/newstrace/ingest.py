"""Ingest any news source into the corpus store: :func:`newstrace.analyze_corpus`, then commit in batches.

    import newstrace
    report = newstrace.ingest(["corpus.jsonl.gz", "https://example.org/feed.xml"], db="news.db")

Idempotent and resumable: a document already stored (same text at the same URL) is skipped before
analysis, a URL already stored is not fetched again, and analyzed articles are committed every
``commit_every`` documents, so a killed ingest restarts where its last commit ended. Reading,
defaults and the analysis are :func:`~newstrace.run.analyze_corpus`'s, so ``newstrace analyze``
and ``newstrace ingest`` give the same record for the same input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .errors import Errors, InputError, StoreError
from .record import Article
from .run import CorpusReport, Source, analyze_corpus
from .settings import Settings, load_settings
from .sources import Failed, ReadOptions, Skipped, read_locator
from .sources.urls import FetchPolicy
from .validate import check_count, check_sources

if TYPE_CHECKING:
    from .store import Store

T = TypeVar("T")


def _open(db: str | Path | Store | None, settings: Settings) -> tuple[Store, bool]:
    from .store import open_store

    if db is None or isinstance(db, str | Path):
        return open_store(db or settings.db), True
    return db, False


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
    workers: int | None = None,
    scheduler: str | None = None,
    corpus: bool = True,
) -> CorpusReport:
    """Read, analyze and store every document of ``sources`` (files, folders, URLs, '-').

    ``db`` is a store URL or path (default: the ``db`` setting) or an open Store. The analysis runs
    where ``workers`` (default: the ``workers`` setting) and ``scheduler`` say, as for
    :func:`~newstrace.run.analyze_corpus`; writes stay in this process, in input order.
    URLs on private, loopback or link-local addresses are refused unless ``allow_private``.
    ``corpus``: bring identities, stories and quote clusters up to date with the new articles afterwards
    (corpus/update.py).
    """
    from .store.base import Store as StoreBase

    fn = "ingest"
    checked_sources = check_sources(fn, sources)
    if db is not None and not isinstance(db, str | Path | StoreBase):
        raise InputError(
            Errors.E120.format(function=fn, name="db", value=repr(db)[:60], reason="give a path, a URL or a Store")
        )
    check_count(fn, "commit_every", commit_every, minimum=1)
    check_count(fn, "max_redirects", max_redirects, minimum=0, maximum=100)
    settings = settings or load_settings()
    store, owned = _open(db, settings)
    policy = FetchPolicy(
        allow_private=allow_private,
        allowed_networks=tuple(allowed_networks),
        max_bytes=settings.max_bytes,
        timeout=timeout,
        max_redirects=max_redirects,
    )
    try:
        report = CorpusReport()
        stream = analyze_corpus(
            checked_sources,
            settings=settings,
            published=published,
            outlet=outlet,
            fields=fields,
            fetch=policy,
            fetch_links=fetch_links,
            skip=store.contains,
            skip_url=store.has_url,
            workers=workers,
            scheduler=scheduler,
            progress=progress,
            report=report,
        )
        _store(stream, store, report, commit_every=commit_every)
        if corpus and report.stored:
            from .corpus.update import update_corpus  # numpy and the encoder only when needed

            update_corpus(store)
        return report
    finally:
        if owned:
            store.close()


def _store(
    stream: Iterator[Article | Failed | Skipped], store: Store, report: CorpusReport, *, commit_every: int = 64
) -> set[str]:
    """Save analyzed articles in batches and every failure with its error; return the failed locators.

    An article the store turns out to have already (the same text twice in one input) counts as
    skipped, not stored.
    """
    pending: list[Article] = []
    failed: set[str] = set()
    report.stored = report.stored or 0

    def flush() -> None:
        counts = _written(store, lambda: store.save_many(pending))
        report.stored = (report.stored or 0) + counts.saved
        report.skipped += counts.duplicates
        pending.clear()

    for item in stream:
        if isinstance(item, Skipped):
            continue
        if isinstance(item, Failed):
            _written(store, partial(store.save_failure, item.source, item.error, item.stage, payload=item.payload))
            failed.add(item.source)
        elif item.errors:
            message = " | ".join(e.message for e in item.errors)
            source = item.source or item.id
            stage = item.errors[0].stage
            _written(store, partial(store.save_failure, source, message, stage, payload=item.inputs()))
            failed.add(source)
        else:
            pending.append(item)
            if len(pending) >= commit_every:
                flush()
    if pending:
        flush()
    return failed


def _written(store: Store, write: Callable[[], T]) -> T:
    """``write()``, once more on a new connection when the server dropped the old one (a PostgreSQL
    restart); a write that fails again, or a full disk, stops the run with E123 (nothing lost: the
    batch was rolled back and a new run resumes after the last commit)."""
    try:
        return write()
    except StoreError:
        if not store.reconnect():
            raise
        return write()


def retry(
    db: str | Path | Store | None = None,
    *,
    allow_private: bool = False,
    allowed_networks: Iterable[str] = (),
    progress: bool = False,
    settings: Settings | None = None,
) -> CorpusReport:
    """Re-read and re-analyze every stored failure; failures that now succeed are deleted.

    A failure with its document stored (it was read, then failed in a stage) is re-analyzed as
    stored; one that failed while reading or fetching is read again from its source.
    """
    settings = settings or load_settings()
    store, owned = _open(db, settings)
    try:
        failures = store.failures()
        options = ReadOptions(
            max_bytes=settings.max_bytes,
            max_seconds=settings.document_seconds,
            policy=FetchPolicy(
                allow_private=allow_private, allowed_networks=tuple(allowed_networks), max_bytes=settings.max_bytes
            ),
        )
        again: list[Source] = []
        unreadable: list[Failed] = []
        for failure in failures:
            if failure.payload:
                again.append(Article.from_inputs(failure.payload))
                continue
            for item in read_locator(failure.source, options):
                if isinstance(item, Article):
                    again.append(item)
                elif isinstance(item, Failed):
                    unreadable.append(item)
        report = CorpusReport()
        stream = analyze_corpus(again, settings=settings, skip=store.contains, progress=progress, report=report)
        failed_again = _store(stream, store, report)
        for item in unreadable:
            store.save_failure(item.source, item.error, item.stage, payload=item.payload)
            report.unreadable += 1
            report.failures.append(item)
            failed_again.add(item.source)
        for failure in failures:
            if failure.source not in failed_again:
                store.delete_failure(failure.source)
        return report
    finally:
        if owned:
            store.close()


__all__ = ["FetchPolicy", "ingest", "retry"]
