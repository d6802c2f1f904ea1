"""The same store on PostgreSQL (psycopg 3), for many users and large corpora."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import Errors, StoreError
from .base import Row, Store
from .base import redact_url as _redact

# Any fixed number: concurrent openers of one database wait for each other's migrations.
_MIGRATION_LOCK = 0x6E657773
_CORPUS_LOCK = 0x6E657774


def _placeholders(sql: str) -> str:
    """'?' placeholders (written once for both backends) in psycopg's '%s' style."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresStore(Store):
    dialect = "postgresql"

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        super().__init__(url)
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError(Errors.E073.format(reason=exc)) from exc
        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True)
            if read_only:  # the server refuses every write in this session (the URL's options stay)
                self.conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        except psycopg.Error as exc:
            raise StoreError(Errors.E066.format(url=_redact(url), reason=str(exc).strip())) from exc
        self._depth = 0

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(_placeholders(sql), params or None)

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self.conn.cursor() as cursor:
                cursor.executemany(_placeholders(sql), rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def _migration_lock(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))

    def lock_corpus(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(?)", (_CORPUS_LOCK,))

    def _search_attributions(self) -> str:
        return "a.search @@ plainto_tsquery('english', ?)"

    def _search_articles(self) -> str:
        return "ar.search @@ plainto_tsquery('english', ?)"

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        # A server-side cursor inside a transaction: rows arrive in batches, never all at once.
        with self.conn.transaction(), self.conn.cursor(name="newstrace_stream") as cursor:
            cursor.itersize = 1000
            cursor.execute(_placeholders(sql), params or None)
            yield from cursor

    def close(self) -> None:
        self.conn.close()
