"""The one reader layer: files, folders, JSON Lines, HTML, feeds, sitemaps, WARC, URLs and standard input.

``newstrace analyze``, ``newstrace ingest``, retry and the library all read through
:func:`read_sources`, so the same input gives the same Article (text, metadata, locator) or the
same numbered failure whichever command reads it. What a source is follows from its name, its
Content-Type and its first bytes (:func:`detect_kind`): an HTML page is extracted wherever it
comes from, a JSON Lines file gives one article per line.

Everything is a generator: one document is read before the next, and nothing is read past
``max_bytes`` at once (a JSON Lines line, a page, a WARC record).

Locators: a local file is its absolute path (so retry works from any folder); an item of a
container is ``container#ID`` (JSON Lines ``id`` or ``#L<line>``, a WARC record id, a feed entry
id); a URL is itself; standard input is ``<stdin>``.
"""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import Errors, InputError
from ..record import Article
from .base import (
    Failed,
    Item,
    ReadOptions,
    ReadPosition,
    Skipped,
    decode,
    normalize_date,
)
from .jsonl import parse_field_map
from .kinds import detect_kind, walk
from .urls import FetchPolicy, fetch, is_url

STDIN = "<stdin>"


def read_sources(sources: Iterable[str | Path], options: ReadOptions | None = None) -> Iterator[Item]:
    """Every document of ``sources`` (paths, folders, URLs, '-' for standard input), in order, lazily."""
    options = options or ReadOptions()
    for raw in sources:
        source = str(raw)
        if is_url(source):
            yield from read_url(source, options, {}, 0)
        elif source == "-":
            yield from _read_stdin(options)
        else:
            path = Path(source).expanduser()
            if path.is_dir():
                for child in walk(path):
                    yield from read_path(child, options)
            elif path.is_file():
                yield from read_path(path, options)
            else:
                yield Failed(str(path.absolute()), "read", Errors.E001.format(path=source))


def input_size(sources: Iterable[str | Path]) -> int | None:
    """Total bytes of the local inputs (what :class:`ReadPosition` counts to); None with a URL or stdin."""
    total = 0
    for raw in sources:
        source = str(raw)
        if source == "-" or is_url(source):
            return None
        path = Path(source).expanduser()
        for file in walk(path) if path.is_dir() else [path]:
            try:
                total += file.stat().st_size
            except OSError:
                continue  # reported as a failure when read
    return total


def read_path(path: Path, options: ReadOptions) -> Iterator[Item]:
    """Items of one local file; its locator is the absolute path, so retry works from any folder."""
    source = str(path.absolute())
    try:
        with path.open("rb") as raw:
            stream = _decompressed(raw) if path.name.lower().endswith(".gz") else raw
            kind = detect_kind(path.name, None, _head(stream))
            yield from _read_stream(stream, source, kind, options, raw=raw)
    except OSError as exc:
        yield Failed(source, "read", Errors.E001.format(path=source) + f" ({exc.strerror or exc})")
    finally:
        if options.position is not None:
            try:
                options.position.finish_input(path.stat().st_size)
            except OSError:
                options.position.finish_input(0)


def _read_stdin(options: ReadOptions) -> Iterator[Item]:
    stream = sys.stdin.buffer
    if _head(stream)[:2] == b"\x1f\x8b":
        stream = _decompressed(stream)
    yield from _read_stream(stream, STDIN, detect_kind(STDIN, None, _head(stream)), options)


def read_url(url: str, options: ReadOptions, defaults: dict[str, Any], depth: int) -> Iterator[Item]:
    """Items behind one URL: a page, a feed, a sitemap, a WARC or JSON Lines file, or text.

    ``defaults`` fill metadata the document lacks (a feed entry's title and date); ``depth``
    counts the feeds and sitemaps that led here, so nested sitemap indexes stay bounded.
    """
    from . import feeds

    if options.skip_url is not None and options.skip_url(url):
        yield Skipped(url)
        return
    try:
        fetched = fetch(url, options.policy)
    except InputError as exc:
        yield Failed(url, "fetch", str(exc))
        return
    raw: IO[bytes] = io.BufferedReader(io.BytesIO(fetched.body))
    # A compressed file served as is (no Content-Encoding) is read as what it holds, within the limits.
    stream = _decompressed(raw) if fetched.body[:2] == b"\x1f\x8b" else raw
    kind = detect_kind(fetched.url, fetched.content_type, _head(stream))
    if kind == "other":
        reason = f"its Content-Type is {fetched.content_type or 'missing'}"
        yield Failed(url, "read", Errors.E064.format(source=url, reason=reason))
        return
    for item in _read_stream(stream, url, kind, options, url=fetched.url, depth=depth):
        # A page listed in a feed takes the entry's title and date when it has none of its own.
        yield feeds.fill(item, defaults) if isinstance(item, Article) and kind in {"html", "text"} else item


def _decompressed(raw: IO[bytes]) -> IO[bytes]:
    # GzipFile has peek(), which detect_kind needs; reads through it are bounded by their callers.
    return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]


def _head(stream: IO[bytes]) -> bytes:
    """The first bytes of a stream without consuming them (a buffered reader's peek), for :func:`detect_kind`."""
    peek = getattr(stream, "peek", None)
    if peek is None:
        return b""
    try:
        return bytes(peek(1024)[:1024])
    except (OSError, EOFError, zlib.error):  # a damaged .gz: reading it reports the damage (E094)
        return b""


def _read_bounded(stream: IO[bytes], source: str, max_bytes: int) -> bytes:
    """The whole stream, or InputError (E005) when it holds more than ``max_bytes`` (never read past it)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(Errors.E005.format(path=source, size=f"over {max_bytes}", limit=max_bytes))
    return data


def _read_stream(
    stream: IO[bytes],
    source: str,
    kind: str,
    options: ReadOptions,
    *,
    url: str | None = None,
    depth: int = 0,
    raw: IO[bytes] | None = None,
) -> Iterator[Item]:
    """Items of one file, response or standard input, by the kind of document it holds.

    ``raw`` is the file under a decompressing ``stream``: its position is the progress of a corpus.
    """
    from . import feeds, html, jsonl, text, warc

    position = options.position

    def advance() -> None:
        if position is not None and raw is not None:
            position.current = raw.tell()

    try:
        if kind == "other":
            reason = "XML that is neither feed nor sitemap"
            yield Failed(source, "read", Errors.E064.format(source=source, reason=reason))
        elif kind == "jsonl":
            yield from jsonl.read_jsonl(
                stream, container=source, fields=options.fields, max_bytes=options.max_bytes, on_line=advance
            )
        elif kind == "warc":
            head = _head(stream).lstrip(b"\r\n")
            if not head.startswith((b"WARC/", b"filedesc://")):
                # warcio reads anything as records, with a warning per line: say what it is instead
                reason = f"it does not start with a WARC record but with {head[:20]!r}"
                yield Failed(source, "read", Errors.E063.format(source=source, reason=reason))
                return
            yield from warc.read_warc(stream, container=source, options=options)
        elif kind == "html":
            data = _read_bounded(stream, source, options.max_bytes)
            yield html.extract(data, source=source, url=url, max_seconds=options.max_seconds)
        elif kind in {"feed", "sitemap"}:
            data = _read_bounded(stream, source, options.max_bytes)
            reader = feeds.read_feed if kind == "feed" else feeds.read_sitemap
            yield from reader(data, source=source, options=options, read_url=read_url, depth=depth)
        else:
            data = _read_bounded(stream, source, options.max_bytes)
            yield text.text_article(data, source=source, url=url, max_bytes=options.max_bytes)
    except InputError as exc:
        yield Failed(source, "extract" if "E057" in str(exc) else "read", str(exc))
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:  # a truncated or corrupt .gz
        yield Failed(source, "read", Errors.E094.format(path=source, line=0, reason=exc))


def read_locator(locator: str, options: ReadOptions) -> Iterator[Item]:
    """Re-read one stored failure's document: the source itself, or the matching item of its container."""
    direct_exists = is_url(locator) or Path(locator).exists()
    if "#" in locator and not (direct_exists and not is_url(locator)):
        container = locator.rsplit("#", 1)[0]
        if is_url(container) or Path(container).exists():
            found = False
            for item in read_sources([container], options):
                if item.source == locator or (isinstance(item, Failed) and item.source == container):
                    found = True
                    yield item
            if found or not is_url(locator):
                return
    if direct_exists:
        yield from read_sources([locator], options)
        return
    yield Failed(locator, "read", Errors.E071.format(source=locator, reason="the file or its container is gone"))


__all__ = [
    "Failed",
    "FetchPolicy",
    "Item",
    "ReadOptions",
    "ReadPosition",
    "Skipped",
    "decode",
    "detect_kind",
    "input_size",
    "normalize_date",
    "parse_field_map",
    "read_locator",
    "read_path",
    "read_sources",
    "walk",
]
