"""The corpus store: analyzed articles in SQLite (default) or PostgreSQL, with one API.

from newstrace.store import open_store
with open_store("sqlite:///corpus.db") as store:     # or "postgresql://user@host/db"; a path = SQLite
    store.save(article)                              # True if new; keyed by content hash and URL
    store.quotes(speaker="Kim Jong Un")
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Errors, StoreError
from .base import (
    EXPORT_COLUMNS,
    TABLES,
    ArticleSummary,
    EntitySummary,
    Failure,
    IdentitySummary,
    OutletSummary,
    OutletVoice,
    PersuasionCount,
    Quote,
    QuoteClusterSummary,
    RelayChain,
    RelayEdge,
    SaveCounts,
    SpeakerSummary,
    Store,
    StoryArticle,
    StorySummary,
)
from .keys import article_key, name_key


def open_store(
    url: str | Path | None = None, *, migrate: bool = True, read_only: bool = False, create: bool = True
) -> Store:
    """Open (creating and migrating if needed) the store at ``url``.

    ``url`` is ``sqlite:///path``, ``postgresql://...`` (or ``postgres://``), or a plain file path;
    None means the ``db`` setting (NEWSTRACE_DB, default ./newstrace.db). ``read_only`` opens an
    existing store for reading only (the web server): nothing is created or migrated, every write is
    refused by the database itself, and a store older than the code is refused (E075). With
    ``create=False`` a SQLite file that does not exist is refused (E119) rather than created empty:
    a mistyped path to a query would otherwise answer "0 of 0".
    """
    if url is None:
        from ..settings import load_settings

        url = load_settings().db
    text = str(url)
    store: Store
    if text.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        store = PostgresStore(text, read_only=read_only)
    elif text.startswith("sqlite://"):
        # SQLAlchemy's convention: sqlite:///relative.db, sqlite:////absolute/path.db
        rest = text[len("sqlite://") :]
        path = rest[1:] if rest.startswith("/") else rest
        from .sqlite import SQLiteStore

        store = SQLiteStore(text, path or ":memory:", read_only=read_only, create=create)
    elif "://" in text:
        raise StoreError(Errors.E065.format(url=text))
    else:
        from .sqlite import SQLiteStore

        store = SQLiteStore(text, text, read_only=read_only, create=create)
    if read_only:
        try:
            store.check_current()
        except BaseException:
            store.close()
            raise
    elif migrate:
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
    return store


__all__ = [
    "EXPORT_COLUMNS",
    "TABLES",
    "ArticleSummary",
    "EntitySummary",
    "Failure",
    "IdentitySummary",
    "OutletSummary",
    "OutletVoice",
    "PersuasionCount",
    "Quote",
    "QuoteClusterSummary",
    "RelayChain",
    "RelayEdge",
    "SaveCounts",
    "SpeakerSummary",
    "Store",
    "StoryArticle",
    "StorySummary",
    "article_key",
    "name_key",
    "open_store",
]
