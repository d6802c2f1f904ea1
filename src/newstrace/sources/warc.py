"""WARC files (warcio): each archived HTML or text response becomes an article; the rest is skipped.

Records are read one at a time from the stream, so a large archive is never held in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import Errors, InputError
from .base import Failed, Item, LineRunGuard, ReadOptions
from .html import extract
from .kinds import detect_kind
from .text import text_article


def read_warc(stream: IO[bytes], *, container: str, options: ReadOptions) -> Iterator[Item]:
    try:
        # bodies are read in bounded pieces below; header lines are bounded by the guard
        guarded = LineRunGuard(stream, container, max_run=2 * max(options.max_bytes, 1 << 20))
        for record in ArchiveIterator(guarded):
            if record.rec_type not in {"response", "resource"}:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            record_id = record.rec_headers.get_header("WARC-Record-ID")
            locator = f"{container}#{record_id or uri}"
            if record.rec_type == "response":
                if record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode()
                if not status or not status.startswith("2"):
                    continue  # redirects and errors archived beside the pages are not articles
                content_type = record.http_headers.get_header("Content-Type") or ""
            else:
                content_type = record.rec_headers.get_header("Content-Type") or ""
            data = record.content_stream().read(options.max_bytes + 1)
            if len(data) > options.max_bytes:
                error = Errors.E005.format(path=locator, size=f"over {options.max_bytes}", limit=options.max_bytes)
                yield Failed(locator, "read", error)
                continue
            kind = detect_kind(uri or "", content_type, data[:1024])
            try:
                if kind == "html":
                    yield extract(data, source=locator, url=uri, max_seconds=options.max_seconds)
                elif kind == "text":
                    yield text_article(data, source=locator, url=uri, max_bytes=options.max_bytes)
            except InputError as exc:
                yield Failed(locator, "extract" if kind == "html" else "read", str(exc))
    except ArchiveLoadFailed as exc:
        yield Failed(container, "read", Errors.E063.format(source=container, reason=exc))
    except (AttributeError, ValueError, KeyError, IndexError, TypeError) as exc:
        # warcio fails inside its own parser on some malformed records (a response record without
        # WARC-Target-URI: AttributeError); the archive cannot be read past it, the records before stay
        reason = f"a malformed record after the ones read ({type(exc).__name__}: {exc}); records after it were not read"
        yield Failed(container, "read", Errors.E063.format(source=container, reason=reason))
