"""The embedded store: one SQLite file in WAL mode with FTS5 search."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import Errors, StoreError
from .base import Row, Store
from .search import Search, fts5_query

# What SQLite says when a write cannot be made: a full disk, an I/O error, a lock held past the timeout.
_WRITE_FAILURE = re.compile(r"disk|full|I/O|locked|readonly|unable to open", re.IGNORECASE)


class SQLiteStore(Store):
    """A corpus in one file. WAL lets readers query while an ingest writes."""

    dialect = "sqlite"

    def __init__(self, url: str, path: str, *, read_only: bool = False, create: bool = True) -> None:
        super().__init__(url)
        self.path = path
        if path != ":memory:":
            resolved = Path(path).expanduser().resolve()
            if not resolved.parent.is_dir():
                raise StoreError(Errors.E066.format(url=url, reason=f"the folder {resolved.parent} does not exist"))
            if not create and not read_only and not resolved.exists():
                raise StoreError(Errors.E119.format(url=url))
            if read_only and not resolved.is_file():
                raise StoreError(Errors.E066.format(url=url, reason="no such file (a read-only store must exist)"))
        try:
            if read_only:
                # mode=ro: SQLite itself refuses every write on this connection
                target = "file:" + quote(str(Path(path).expanduser().resolve())) + "?mode=ro"
                # used by one server thread at a time; closed by whichever thread shuts the server down
                self.conn = sqlite3.connect(
                    target, uri=True, isolation_level=None, timeout=30.0, check_same_thread=False
                )
                self.conn.execute("PRAGMA query_only = ON")
            else:
                # isolation_level=None: no implicit transactions; ``transaction()`` opens them explicitly.
                self.conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
                self.conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode survives a killed process (only an OS crash can lose the last commit).
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(Errors.E066.format(url=url, reason=exc)) from exc
        self._depth = 0

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            # Nested use (save_many inside a caller's transaction) joins the outer one.
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._depth = 0
                with suppress(sqlite3.Error):  # after a disk error the rollback may fail too; SQLite undoes it
                    self.conn.execute("ROLLBACK")
                raise
            self._depth = 0
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if self.conn.in_transaction:
                with suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            if not _WRITE_FAILURE.search(str(exc)):
                raise  # a mistake in newstrace's SQL, not the disk's: shown as such
            raise StoreError(Errors.E123.format(url=self.url, reason=exc)) from exc

    def _search_condition(self, target: str, search: Search) -> tuple[str, list[Any]]:
        if target == "attributions":
            sql = (
                "(a.article_key, a.attribution_id) IN "
                "(SELECT article_key, attribution_id FROM attributions_fts WHERE attributions_fts MATCH ?)"
            )
        else:
            sql = "ar.key IN (SELECT key FROM articles_fts WHERE articles_fts MATCH ?)"
        return sql, [fts5_query(search)]

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        cursor = self.conn.execute(sql, params)
        while True:
            batch = cursor.fetchmany(1000)
            if not batch:
                return
            yield from batch

    def close(self) -> None:
        self.conn.close()
