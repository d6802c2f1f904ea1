"""JSON Lines (plain or .gz), read line by line; which field holds what is configurable.

Defaults fit common dumps, e.g. ``id, outlet, date|date_raw, url, title, text``; override with
``--field text=body --field published=meta.date`` (dotted names reach into nested objects).
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
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


def parse_field_map(fields: Mapping[str, str] | Iterable[str] | None) -> dict[str, tuple[str, ...]]:
    """``{"text": "body"}`` or ``["text=body", "published=date"]`` -> overrides of :data:`DEFAULT_FIELDS`."""
    from ..errors import ConfigError

    if fields is None:
        return {}
    pairs = [f"{k}={v}" for k, v in fields.items()] if isinstance(fields, Mapping) else list(fields)
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


def read_jsonl(
    handle: IO[bytes],
    *,
    container: str,
    fields: dict[str, tuple[str, ...]],
    max_bytes: int,
    on_line: Callable[[], None] | None = None,
) -> Iterator[Item]:
    """One Article (or Failed) per non-empty line; the locator is ``container#ID`` or ``container#L<n>``.

    Lines are read one at a time and never past ``max_bytes`` (a line longer than that is reported,
    not held in memory). A stream that breaks off (a truncated or corrupt .gz) is reported once
    (E094) after the records before the break. ``on_line`` is called after each line (progress).
    """
    names = {**DEFAULT_FIELDS, **fields}
    number = 0
    while True:
        try:
            raw = handle.readline(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            yield Failed(
                f"{container}#L{number + 1}", "read", Errors.E094.format(path=container, line=number, reason=exc)
            )
            return
        if not raw:
            return
        number += 1
        if len(raw) > max_bytes:
            locator = f"{container}#L{number}"
            yield Failed(locator, "read", Errors.E005.format(path=locator, size=f"over {max_bytes}", limit=max_bytes))
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line, a bounded piece at a time
                try:
                    raw = handle.readline(max_bytes + 1)
                except (OSError, EOFError, zlib.error):
                    break
            continue
        if on_line is not None:
            on_line()
        if raw.strip():
            yield parse_record(raw, number, container=container, names=names)


_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_record(raw: bytes, number: int, *, container: str, names: dict[str, tuple[str, ...]]) -> Item:
    """One line of a JSON Lines file as an Article, or a Failed that says why not."""
    line_locator = f"{container}#L{number}"
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Failed(line_locator, "read", Errors.E058.format(line=number, path=container, reason=exc))
    if not isinstance(record, dict):
        reason = f"a JSON {type(record).__name__}, not an object"
        return Failed(line_locator, "read", Errors.E058.format(line=number, path=container, reason=reason))
    for name, value in record.items():
        # '\ud800' is valid JSON but not Unicode: no text with it can be written, hashed or stored
        if isinstance(value, str) and (found := _SURROGATE.search(value)):
            reason = f"field '{name}' holds a lone surrogate (\\u{ord(found.group()):04x}), which is not valid Unicode"
            return Failed(line_locator, "read", Errors.E058.format(line=number, path=container, reason=reason))
        if isinstance(value, str) and "\x00" in value:
            # '\u0000' is valid JSON, but PostgreSQL stores no NUL: a stand-in of the same length
            record[name] = value.replace("\x00", "\ufffd")
    record_id = _first(record, names["id"])
    locator = f"{container}#{record_id}" if record_id is not None else line_locator
    text = _first(record, names["text"])
    read = {name for candidates in names.values() for name in candidates}
    if not isinstance(text, str) or not text.strip():
        fields_tried = ", ".join(names["text"])
        return Failed(locator, "read", Errors.E059.format(line=number, path=container, fields=fields_tried))
    return Article(
        text=text,
        source=locator,
        published=normalize_date(_first(record, names["published"])),
        outlet=_as_text(_first(record, names["outlet"])),
        url=_as_text(_first(record, names["url"])),
        title=_as_text(_first(record, names["title"])),
        byline=_as_text(_first(record, names["byline"])),
        # the line's other fields (allsides' 'bias' and 'topic', ...), kept as they were
        metadata={k: v for k, v in record.items() if k not in read},
    )
