"""Plain text: one article per file, stream or response, decoded by :func:`newstrace.sources.base.decode`."""

from __future__ import annotations

from ..record import Article
from .base import decode


def text_article(data: bytes, *, source: str, url: str | None, max_bytes: int) -> Article:
    return Article(text=decode(data, source, max_bytes), source=source, url=url)
