"""One entry point for every kind of source: paths, folders, URLs and standard input.

What a source is follows from its name, its Content-Type and its first bytes (``detect_kind``).
Everything is a generator: one document is read, analyzed and stored before the next is read.
"""

from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import Errors, InputError
from ..inputs import decode
from .base import Failed, Item, ReadOptions, Skipped
from .urls import fetch, is_url

SUFFIX_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
}
# Suffixes a folder walk picks up (anything else in a folder is not a document: images, notes).
FOLDER_KINDS = {"text", "html", "jsonl", "warc", "feed", "xml"}


def _suffix_kind(name: str) -> str | None:
    lower = urlsplit(name).path.lower() if is_url(name) else name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    for suffix, kind in SUFFIX_KINDS.items():
        if lower.endswith(suffix):
            return kind
    if lower.endswith(".xml"):
        return "xml"
    return None


def _sniff(head: bytes) -> str | None:
    if head[:2] == b"\x1f\x8b":
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(1024)
        except (OSError, EOFError):
            return None
    if head.startswith(b"WARC/"):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<urlset" in start[:1024] or b"<sitemapindex" in start[:1024]:
        return "sitemap"
    if b"<rss" in start[:1024] or b"<feed" in start[:1024] or b"<rdf:rdf" in start[:1024]:
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:512]:
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<?xml"):
        return "xml"
    return None


def detect_kind(name: str, content_type: str | None, head: bytes) -> str:
    """'text', 'html', 'jsonl', 'warc', 'feed', 'sitemap', or 'other' (not a document)."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    by_type = {
        "text/html": "html",
        "application/xhtml+xml": "html",
        "application/rss+xml": "feed",
        "application/atom+xml": "feed",
        "application/warc": "warc",
        "application/x-ndjson": "jsonl",
        "application/jsonl": "jsonl",
        "text/plain": "text",
    }.get(ctype)
    sniffed = _sniff(head)
    kind = _suffix_kind(name) or by_type
    if kind in {None, "xml"} or (kind == "text" and sniffed in {"html", "feed", "sitemap", "warc"}):
        kind = sniffed if sniffed not in {None, "xml"} else kind
    if kind == "xml":
        return sniffed if sniffed in {"feed", "sitemap"} else "other"
    if kind is None and ctype and not ctype.startswith("text/") and not ctype.endswith(("+xml", "/xml", "/json")):
        return "other"  # images, scripts, binaries: not documents
    return kind or "text"


def walk(folder: Path) -> Iterator[Path]:
    """Document files under a folder, recursively, in sorted order (hidden files skipped)."""
    for child in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in child.relative_to(folder).parts):
            continue
        if child.is_file() and _suffix_kind(child.name) in FOLDER_KINDS:
            yield child


def read_sources(sources: Iterable[str], options: ReadOptions) -> Iterator[Item]:
    for source in sources:
        if is_url(source):
            yield from read_url(source, options, {}, 0)
        elif source == "-":
            try:
                yield _from_stdin(options)
            except InputError as exc:
                yield Failed("<stdin>", "read", str(exc))
        else:
            path = Path(source).expanduser()
            if path.is_dir():
                for child in walk(path):
                    yield from read_path(child, options)
            elif path.is_file():
                yield from read_path(path, options)
            else:
                yield Failed(str(path.absolute()), "read", Errors.E001.format(path=source))


def _from_stdin(options: ReadOptions) -> Item:
    from ..record import Article

    data = sys.stdin.buffer.read(options.max_bytes + 1)
    return Article(text=decode(data, "<stdin>", options.max_bytes), source="<stdin>")


def read_path(path: Path, options: ReadOptions) -> Iterator[Item]:
    """Items of one local file; its locator is the absolute path, so retry works from any folder."""
    from . import feeds, html, jsonl, text, warc

    source = str(path.absolute())
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
        kind = detect_kind(path.name, None, head)
        if kind == "other":
            yield Failed(
                source, "read", Errors.E064.format(source=source, reason="XML that is neither feed nor sitemap")
            )
        elif kind == "jsonl":
            with jsonl.open_lines(path) as lines:
                yield from jsonl.read_jsonl(lines, container=source, fields=options.fields, max_bytes=options.max_bytes)
        elif kind == "warc":
            with path.open("rb") as stream:
                yield from warc.read_warc(stream, container=source, options=options)
        elif kind == "html":
            yield html.extract(html.read_html_file(path, max_bytes=options.max_bytes), source=source)
        elif kind in {"feed", "sitemap"}:
            data = html.read_html_file(path, max_bytes=options.max_bytes)
            reader = feeds.read_feed if kind == "feed" else feeds.read_sitemap
            yield from reader(data, source=source, options=options, read_url=read_url)
        else:
            yield text.read_text_file(path, source=source, max_bytes=options.max_bytes)
    except InputError as exc:
        yield Failed(source, "extract" if "E057" in str(exc) else "read", str(exc))
    except OSError as exc:
        yield Failed(source, "read", Errors.E001.format(path=source) + f" ({exc.strerror})")


def read_url(url: str, options: ReadOptions, defaults: dict[str, Any], depth: int) -> Iterator[Item]:
    """Items behind one URL: a page, a feed, a sitemap, a WARC or JSON Lines file, or text."""
    from . import feeds, html, jsonl, text, warc

    if options.skip_url is not None and options.skip_url(url):
        yield Skipped(url)
        return
    try:
        fetched = fetch(url, options.policy)
    except InputError as exc:
        yield Failed(url, "fetch", str(exc))
        return
    kind = detect_kind(fetched.url, fetched.content_type, fetched.body[:1024])
    body = fetched.body
    try:
        if kind == "html":
            article = html.extract(body, source=url, url=fetched.url)
            yield feeds.fill(article, defaults)
        elif kind == "feed":
            yield from feeds.read_feed(body, source=url, options=options, read_url=read_url, depth=depth)
        elif kind == "sitemap":
            yield from feeds.read_sitemap(body, source=url, options=options, read_url=read_url, depth=depth)
        elif kind == "warc":
            yield from warc.read_warc(io.BytesIO(body), container=url, options=options)
        elif kind == "jsonl":
            if body[:2] == b"\x1f\x8b":
                body = gzip.decompress(body)
            lines = io.BytesIO(body)
            yield from jsonl.read_jsonl(lines, container=url, fields=options.fields, max_bytes=options.max_bytes)
        elif kind == "other":
            reason = f"its Content-Type is {fetched.content_type or 'missing'}"
            yield Failed(url, "read", Errors.E064.format(source=url, reason=reason))
        else:
            yield feeds.fill(
                text.text_article(body, source=url, url=fetched.url, max_bytes=options.max_bytes), defaults
            )
    except InputError as exc:
        yield Failed(url, "extract" if kind == "html" else "read", str(exc))


def estimate_total(sources: Iterable[str]) -> int | None:
    """How many documents the sources hold, when that is cheap to know (for the progress bar's ETA)."""
    from .jsonl import count_lines

    total = 0
    for source in sources:
        if is_url(source) or source == "-":
            return None
        path = Path(source)
        files = list(walk(path)) if path.is_dir() else [path]
        for file in files:
            kind = _suffix_kind(file.name)
            if kind == "jsonl":
                try:
                    total += count_lines(file)
                except OSError:
                    total += 1
            elif kind in {"warc", "feed", "xml"}:
                return None
            else:
                total += 1
    return total


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
