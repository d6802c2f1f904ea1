"""Reading documents from paths, folders and standard input, one error per bad file.

A bad file never stops a batch: :func:`read_inputs` yields either an Article or an
:class:`InputFailure` for each file, in a stable (sorted) order. A JSON Lines corpus
(``.jsonl`` or ``.jsonl.gz``, one article per line) is read lazily by :func:`read_jsonl`, one
record at a time, so a corpus of any size is read in constant memory.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from .errors import Errors, InputError
from .record import Article

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Reuters-21578's date_raw: "26-FEB-1987 15:01:01.79".
_DAY_MON_YEAR = re.compile(r"(?P<day>\d{1,2})-(?P<mon>[A-Za-z]{3})-(?P<year>\d{4})")
_MONTHS = {
    m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}


@dataclass
class ReadPosition:
    """Bytes of input read so far (compressed bytes for .gz), for a progress bar's ETA.

    A corpus's size in bytes is known before reading it, its number of articles is not; tracking
    bytes gives an ETA without a counting pass over the corpus.
    """

    done: int = 0  # bytes of the inputs read completely
    current: int = 0  # bytes read of the input being read

    @property
    def bytes(self) -> int:
        return self.done + self.current

    def finish_input(self, size: int) -> None:
        self.done += size
        self.current = 0


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


def is_jsonl(path: str) -> bool:
    return path.lower().endswith(JSONL_SUFFIXES)


def input_size(paths: Iterable[str]) -> int | None:
    """Total bytes of the inputs (what :class:`ReadPosition` counts to), or None for stdin."""
    total = 0
    for source in expand_paths(paths):
        if source == "-":
            return None
        try:
            total += Path(source).stat().st_size
        except OSError:
            continue  # reported as an InputFailure when read
    return total


def _iso_date(value: Any) -> str | None:
    """An ISO date when the record's date is one or can be read as one; else the value as given."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if _ISO_DATE.match(text):
        return text
    match = _DAY_MON_YEAR.match(text)
    if match and match["mon"].lower() in _MONTHS:
        return f"{int(match['year']):04d}-{_MONTHS[match['mon'].lower()]:02d}-{int(match['day']):02d}"
    return text


def _optional_str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def jsonl_record(record: Any, path: str, line: int, max_bytes: int) -> Article:
    """One corpus record (fields id, outlet, date or date_raw, url, title, text) as an Article."""
    if not isinstance(record, dict):
        raise InputError(
            Errors.E094.format(line=line, path=path, reason=f"a JSON {type(record).__name__}, not an object")
        )
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(Errors.E095.format(line=line, path=path))
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise InputError(Errors.E005.format(path=f"{path}:{line}", size=size, limit=max_bytes))
    date = record.get("date")
    return Article(
        text=text,
        source=_optional_str(record.get("id")) or f"{path}:{line}",
        published=_iso_date(date if date not in (None, "") else record.get("date_raw")),
        outlet=_optional_str(record.get("outlet")),
        url=_optional_str(record.get("url")),
        title=_optional_str(record.get("title")),
    )


def read_jsonl(
    path: str | Path, *, max_bytes: int, position: ReadPosition | None = None
) -> Iterator[Article | InputFailure]:
    """Articles of a JSON Lines corpus (gzip-compressed when the name ends in .gz), lazily, in file order.

    A bad line yields an :class:`InputFailure` and reading goes on; a missing file yields one.
    """
    name = str(path)
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below; kept to report compressed bytes read
    except FileNotFoundError:
        yield InputFailure(name, InputError(Errors.E001.format(path=name)))
        return
    except OSError as exc:
        yield InputFailure(name, InputError(Errors.E001.format(path=name) + f" ({exc.strerror})"))
        return
    with raw:
        stream: IO[bytes] = (
            cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb")) if name.lower().endswith(".gz") else raw
        )
        number = 0
        try:
            for number, line in enumerate(stream, 1):
                if position is not None:
                    position.current = raw.tell()
                if not line.strip():
                    continue
                source = f"{name}:{number}"
                try:
                    record = json.loads(line)
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    yield InputFailure(source, InputError(Errors.E094.format(line=number, path=name, reason=exc)))
                    continue
                try:
                    yield jsonl_record(record, name, number, max_bytes)
                except InputError as exc:
                    yield InputFailure(source, exc)
        except (OSError, EOFError) as exc:  # a truncated or corrupt .gz: report it, keep what was read
            failure = InputError(Errors.E094.format(line=number + 1, path=name, reason=exc))
            yield InputFailure(f"{name}:{number + 1}", failure)
        finally:
            if stream is not raw:
                stream.close()


def read_inputs(
    paths: Iterable[str], *, max_bytes: int, position: ReadPosition | None = None
) -> Iterator[Article | InputFailure]:
    """Articles (or failures) from files, folders, JSON Lines corpora and stdin, lazily."""
    for source in expand_paths(paths):
        if source != "-" and is_jsonl(source):
            yield from read_jsonl(source, max_bytes=max_bytes, position=position)
            _advance(position, source)
            continue
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
            article = Article(text=decode(data, name, max_bytes), source=name)
        except InputError as exc:
            _advance(position, source)
            yield InputFailure(source, exc)
        except OSError as exc:
            _advance(position, source)
            yield InputFailure(source, InputError(Errors.E001.format(path=source) + f" ({exc.strerror})"))
        else:
            _advance(position, source)
            yield article


def _advance(position: ReadPosition | None, source: str) -> None:
    """Count ``source`` as read, by the size :func:`input_size` counted for it."""
    if position is None or source == "-":
        return
    try:
        size = Path(source).stat().st_size
    except OSError:
        size = 0
    position.finish_input(size)
