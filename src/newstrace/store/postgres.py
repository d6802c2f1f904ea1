"""The same store on PostgreSQL (psycopg 3), for many users and large corpora."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import Errors, StoreError
from .base import Row, Store
from .base import redact_url as _redact
from .search import Search, tsquery_sql

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
        self._in_transaction = 0

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.conn.execute(_placeholders(sql), params or None)
        except self._psycopg.OperationalError as exc:
            # Outside a transaction a statement stands alone: after a dropped connection (a server
            # restart) it runs again on a new one. Inside one, transaction() reports the loss (E123).
            if self._in_transaction:
                raise
            if not self.reconnect():
                raise StoreError(Errors.E123.format(url=_redact(self.url), reason=str(exc).strip())) from exc
            return self.conn.execute(_placeholders(sql), params or None)

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self.conn.cursor() as cursor:
                cursor.executemany(_placeholders(sql), rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.conn.closed or self.conn.broken:
            raise StoreError(Errors.E123.format(url=_redact(self.url), reason="the connection is closed"))
        self._in_transaction += 1
        try:
            with self.conn.transaction():
                yield
        except self._psycopg.OperationalError as exc:  # disk full, connection lost, server restarting
            raise StoreError(Errors.E123.format(url=_redact(self.url), reason=str(exc).strip())) from exc
        finally:
            self._in_transaction -= 1

    def reconnect(self, wait: float = 30.0) -> bool:
        """A new connection after the server dropped this one (a restart): True once it is open,
        False when the connection was not lost or the server did not come back within ``wait`` s."""
        if not (self.conn.broken or self.conn.closed):
            return False
        deadline = time.monotonic() + wait
        while True:
            try:
                self.conn = self._psycopg.connect(self.url, autocommit=True, connect_timeout=5)
                return True
            except self._psycopg.Error:
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.5)

    def _migration_lock(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))

    def lock_corpus(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(?)", (_CORPUS_LOCK,))

    def _search_condition(self, target: str, search: Search) -> tuple[str, list[Any]]:
        expression, params = tsquery_sql(search)
        column = "a.search" if target == "attributions" else "ar.search"
        return f"{column} @@ {expression}", list(params)

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        # A server-side cursor inside a transaction: rows arrive in batches, never all at once.
        with self.conn.transaction(), self.conn.cursor(name="newstrace_stream") as cursor:
            cursor.itersize = 1000
            cursor.execute(_placeholders(sql), params or None)
            yield from cursor

    def close(self) -> None:
        self.conn.close()
