"""JSON Lines (plain or .gz), read line by line; which field holds what is configurable.

Defaults fit common dumps, e.g. ``id, outlet, date|date_raw, url, title, text``; override with
``--field text=body --field published=meta.date`` (dotted names reach into nested objects).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import Errors
from ..record import Article
from .base import Failed, Item, normalize_date

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext"),
    "title": ("title", "headline"),
    "published": ("published", "date", "date_raw", "date_publish", "pubdate", "published_at"),
    "outlet": ("outlet", "publisher", "site", "source_domain"),
    "url": ("url", "link"),
    "id": ("id", "_id", "guid", "doc_id"),
    "byline": ("byline", "author", "authors"),
}


def parse_field_map(pairs: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """``["text=body", "published=date"]`` -> overrides of :data:`DEFAULT_FIELDS`."""
    from ..errors import ConfigError

    mapping: dict[str, tuple[str, ...]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not value or name not in DEFAULT_FIELDS:
            raise ConfigError(Errors.E060.format(value=pair, names=", ".join(DEFAULT_FIELDS)))
        mapping[name] = tuple(v.strip() for v in value.split(",") if v.strip())
    return mapping


def _lookup(record: dict[str, Any], dotted: str) -> Any:
    value: Any = record
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = _lookup(record, name)
        if value not in (None, "", []):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def open_lines(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.GzipFile(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def read_jsonl(
    lines: Iterable[bytes], *, container: str, fields: dict[str, tuple[str, ...]], max_bytes: int
) -> Iterator[Item]:
    """One Article (or Failed) per non-empty line; the locator is ``container#ID`` or ``container#L<n>``."""
    names = {**DEFAULT_FIELDS, **fields}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        line_locator = f"{container}#L{number}"
        if len(raw) > max_bytes:
            yield Failed(line_locator, "read", Errors.E005.format(path=line_locator, size=len(raw), limit=max_bytes))
            continue
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Failed(line_locator, "read", Errors.E058.format(line=number, path=container, reason=exc))
            continue
        if not isinstance(record, dict):
            reason = f"a JSON {type(record).__name__}, not an object"
            yield Failed(line_locator, "read", Errors.E058.format(line=number, path=container, reason=reason))
            continue
        record_id = _first(record, names["id"])
        locator = f"{container}#{record_id}" if record_id is not None else line_locator
        text = _first(record, names["text"])
        if not isinstance(text, str) or not text.strip():
            fields_tried = ", ".join(names["text"])
            yield Failed(locator, "read", Errors.E059.format(line=number, path=container, fields=fields_tried))
            continue
        yield Article(
            text=text,
            source=locator,
            published=normalize_date(_first(record, names["published"])),
            outlet=_as_text(_first(record, names["outlet"])),
            url=_as_text(_first(record, names["url"])),
            title=_as_text(_first(record, names["title"])),
            byline=_as_text(_first(record, names["byline"])),
        )


def count_lines(path: Path) -> int:
    """Lines in a (gzipped) JSON Lines file, for the progress bar's ETA; reads in chunks."""
    total = 0
    with open_lines(path) as handle:
        while chunk := handle.read(1 << 20):
            total += chunk.count(b"\n")
    return total
