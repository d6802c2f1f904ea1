"""Export the store's tables as files, streamed (a large corpus never sits in memory).

JSON Lines and CSV keep every column as text/number (``via``, ``aliases`` and ``roles`` as JSON
text); Parquet (pyarrow) writes typed columns in row groups: those three as lists of strings, dates
(``published``, a story's first and last) as dates. JSON Lines adds ``records.jsonl``: every
stored record whole, with its store key.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import Errors, StoreError
from . import Store, open_store

FORMATS = ("jsonl", "csv", "parquet")
EXPORTED = (
    "articles",
    "attributions",
    "entities",
    "mentions",
    "stories",
    "story_articles",
    "identities",
    "entity_identities",
    "quote_cluster_members",
    "persuasion_spans",
    "own_voice",
    "times",
    "article_reuse",
)
INTEGER_COLUMNS = {
    "n_attributions",
    "n_entities",
    "seq",
    "content_start",
    "content_end",
    "n_mentions",
    "start_char",
    "end_char",
    "n_articles",
    "n_outlets",
    "said_assumed",
}
FLOAT_COLUMNS = {"confidence", "score", "containment"}
LIST_COLUMNS = {"via", "aliases", "roles"}  # JSON text in the store
DATE_COLUMNS = {"published", "first_published", "last_published"}
ROW_GROUP = 10_000


def export(db: str | Path | Store, output: str | Path, *, fmt: str = "jsonl") -> dict[str, int]:
    """Write one file per table into ``output``; returns {path: rows}."""
    folder = Path(output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(Errors.E072.format(path=folder, reason=exc.strerror)) from exc
    store = open_store(db, create=False) if isinstance(db, str | Path) else db
    written: dict[str, int] = {}
    try:
        for table in EXPORTED:
            columns, rows = store.iter_table(table)
            path = folder / f"{table}.{fmt}"
            try:
                if fmt == "jsonl":
                    written[str(path)] = _jsonl(path, columns, rows)
                elif fmt == "csv":
                    written[str(path)] = _csv(path, columns, rows)
                else:
                    written[str(path)] = _parquet(path, columns, rows)
            except OSError as exc:
                raise StoreError(Errors.E072.format(path=path, reason=exc.strerror)) from exc
        if fmt == "jsonl":
            # the whole records too: everything the tables flatten, as `analyze --format jsonl` writes it
            path = folder / "records.jsonl"
            try:
                written[str(path)] = _records(path, store)
            except OSError as exc:
                raise StoreError(Errors.E072.format(path=path, reason=exc.strerror)) from exc
    finally:
        if store is not db:
            store.close()
    return written


def _jsonl(path: Path, columns: tuple[str, ...], rows: Iterator[tuple[Any, ...]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n")
            n += 1
    return n


def _records(path: Path, store: Store) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for record in store.iter_records():
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def _csv(path: Path, columns: tuple[str, ...], rows: Iterator[tuple[Any, ...]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def _parquet(path: Path, columns: tuple[str, ...], rows: Iterator[tuple[Any, ...]]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, _arrow_type(pa, c)) for c in columns])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= ROW_GROUP:
                writer.write_table(_table(pa, schema, columns, batch))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(_table(pa, schema, columns, batch))
            n += len(batch)
    return n


def _arrow_type(pa: Any, column: str) -> Any:
    if column in LIST_COLUMNS:
        return pa.list_(pa.string())
    if column in DATE_COLUMNS:
        return pa.date32()
    if column in INTEGER_COLUMNS:
        return pa.int64()
    if column in FLOAT_COLUMNS:
        return pa.float64()
    return pa.string()


def _table(pa: Any, schema: Any, columns: tuple[str, ...], batch: list[tuple[Any, ...]]) -> Any:
    data: dict[str, list[Any]] = {}
    for i, column in enumerate(columns):
        values = [row[i] for row in batch]
        if column in LIST_COLUMNS:
            values = [json.loads(v) if v is not None else None for v in values]
        elif column in DATE_COLUMNS:
            values = [_date(v, column) for v in values]
        data[column] = values
    return pa.table(data, schema=schema)


def _date(value: str | None, column: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise StoreError(Errors.E117.format(value=value, column=column)) from exc
