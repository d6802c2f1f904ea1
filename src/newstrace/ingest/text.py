"""Plain text files: one article per file, read exactly as the analyze command reads them."""

from __future__ import annotations

import gzip
from pathlib import Path

from ..errors import Errors, InputError
from ..inputs import decode
from ..record import Article


def read_text_file(path: Path, *, source: str, max_bytes: int) -> Article:
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(Errors.E005.format(path=source, size=size, limit=max_bytes))
    if path.name.lower().endswith(".gz"):
        with gzip.open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    else:
        data = path.read_bytes()
    return Article(text=decode(data, source, max_bytes), source=source)


def text_article(data: bytes, *, source: str, url: str | None, max_bytes: int) -> Article:
    return Article(text=decode(data, source, max_bytes), source=source, url=url)
