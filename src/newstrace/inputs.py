"""Reading documents from paths, folders and standard input, one error per bad file.

A bad file never stops a batch: :func:`read_inputs` yields either an Article or an
:class:`InputFailure` for each file, in a stable (sorted) order.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import Errors, InputError
from .record import Article

TEXT_SUFFIXES = {".txt", ".text"}


@dataclass(frozen=True)
class InputFailure:
    source: str
    error: InputError

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "error": type(self.error).__name__, "message": str(self.error)}


def decode(data: bytes, source: str, max_bytes: int) -> str:
    """Bytes to text, or an InputError that says what is wrong and how to fix it."""
    if len(data) > max_bytes:
        raise InputError(Errors.E005.format(path=source, size=len(data), limit=max_bytes))
    if b"\x00" in data[:8192]:
        raise InputError(Errors.E003.format(path=source))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(Errors.E002.format(path=source, reason=f"invalid byte at offset {exc.start}")) from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError(Errors.E004.format(path=source))
    return text


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named directly, '.txt' files under folders (recursively, sorted), and '-'."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES:
                    yield str(child)
        else:
            yield raw


def read_inputs(paths: Iterable[str], *, max_bytes: int) -> Iterator[Article | InputFailure]:
    for source in expand_paths(paths):
        try:
            if source == "-":
                data = sys.stdin.buffer.read()
                name = "<stdin>"
            else:
                path = Path(source)
                if not path.is_file():
                    raise InputError(Errors.E001.format(path=source))
                name = source
                size = path.stat().st_size
                if size > max_bytes:
                    raise InputError(Errors.E005.format(path=source, size=size, limit=max_bytes))
                data = path.read_bytes()
            yield Article(text=decode(data, name, max_bytes), source=name)
        except InputError as exc:
            yield InputFailure(source, exc)
        except OSError as exc:
            yield InputFailure(source, InputError(Errors.E001.format(path=source) + f" ({exc.strerror})"))
