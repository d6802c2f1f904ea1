"""What every reader yields (an Article ready for analysis, a failure, or a skip) and what they share.

Every reader of :mod:`newstrace.sources` decodes bytes with :func:`decode`, dates with
:func:`normalize_date` and reports a document it cannot read as :class:`Failed` with a numbered
message, so a file gives the same Article, metadata, error code and locator whichever command
reads it.
"""

from __future__ import annotations

import email.utils
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

from ..errors import Errors, InputError
from ..record import Article
from .urls import FetchPolicy

_CODE = re.compile(r"^(E\d{3})\b")


@dataclass(frozen=True)
class Failed:
    """A document that could not be read; ``source`` is its locator (``path``, ``url`` or ``container#item``).

    ``stage`` says where it failed ('read', 'fetch' or 'extract'), ``error`` is the numbered message
    and ``payload`` the document's input fields when it was read but failed later (retry needs no
    re-reading then).
    """

    source: str
    stage: str
    error: str
    payload: dict[str, Any] | None = None

    @property
    def code(self) -> str | None:
        """The error's number ('E057'), for counting failures by cause."""
        match = _CODE.match(self.error)
        return match.group(1) if match else None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "stage": self.stage, "code": self.code, "message": self.error}


@dataclass(frozen=True)
class Skipped:
    """A document not read or not analyzed because the store already has it."""

    source: str


Item = Article | Failed | Skipped


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


@dataclass
class ReadOptions:
    """How readers read: field names in JSON Lines, limits, the fetch policy for URLs, progress."""

    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    max_bytes: int = 5_000_000
    max_seconds: float = 120.0  # to extract one page (the document_seconds setting); 0: no limit
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    fetch_links: bool = True
    # Asked before fetching a URL: True means it is stored already, so it is not fetched again.
    skip_url: Callable[[str], bool] | None = None
    position: ReadPosition | None = None


class LineRunGuard:
    """A byte stream that stops at a run of more than ``max_run`` bytes without a newline.

    Archive readers (warcio) read header lines whole and grow them by concatenation: a gzip bomb
    of zeros made one 64 MiB "line" cost 75 s and 1.6 GB before warcio gave up. Real archives have
    short header lines and no body is read as a line, so a long run means damage or a bomb:
    InputError (E118) once it passes the limit, after the records before it.
    """

    def __init__(self, inner: IO[bytes], source: str, max_run: int) -> None:
        self._inner = inner
        self._source = source
        self._max_run = max_run
        self._run = 0
        self._offset = 0

    def read(self, size: int = -1) -> bytes:
        data = self._inner.read(size if size is not None and size >= 0 else self._max_run + 1)
        newline = data.rfind(b"\n")
        self._run = len(data) - newline - 1 if newline >= 0 else self._run + len(data)
        self._offset += len(data)
        if self._run > self._max_run:
            raise InputError(Errors.E118.format(path=self._source, limit=self._max_run, offset=self._offset))
        return data

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._offset

    def close(self) -> None:
        """The stream underneath belongs to whoever opened it."""


def gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    """A gzip body expanded, never past ``max_bytes`` (a 4 GB bomb stops at the limit): E005 beyond
    it, E116 when the data is not valid gzip."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise InputError(Errors.E116.format(path=source, reason=exc)) from exc
    if len(out) > max_bytes:
        raise InputError(Errors.E005.format(path=source, size=f"over {max_bytes} when expanded", limit=max_bytes))
    return out


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Bytes that plain text does not hold (tab, newlines and form feed aside): many of them mean binary.
_CONTROL = bytes([*range(0, 9), 11, *range(14, 32), 127])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(data: bytes, source: str, max_bytes: int) -> str:
    """Bytes to text as a reader of news expects, or an InputError that says what is wrong.

    A byte-order mark says the encoding (UTF-8, UTF-16, UTF-32). Without one: UTF-8; text that is
    mostly UTF-8 with a few stray bytes (two files pasted together) keeps its UTF-8 and shows each
    stray byte as U+FFFD; text with no UTF-8 sequence at all is read as Windows-1252, the commonest
    single-byte encoding of older wire archives. A NUL byte becomes U+FFFD (PostgreSQL cannot store
    it, and dropping it would shift every offset); many control bytes mean binary (E003).
    """
    if len(data) > max_bytes:
        raise InputError(Errors.E005.format(path=source, size=f"over {max_bytes}", limit=max_bytes))
    text = _decoded(data, source)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError(Errors.E004.format(path=source))
    return text.replace("\x00", "\ufffd")


def _decoded(data: bytes, source: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break  # bytes that only begin like a byte-order mark: judged as if they had none
    controls = len(data.translate(None, delete=_NOT_CONTROL))
    if controls and (data.count(0) * 100 > len(data) or controls * 20 > len(data)):
        raise InputError(Errors.E003.format(path=source))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(data):
        return data.decode("utf-8", errors="replace")
    return data.decode("cp1252", errors="replace")


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_FORMATS = ("%d-%b-%Y %H:%M:%S.%f", "%d-%b-%Y %H:%M:%S", "%d-%b-%Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d", "%d %B %Y")


def normalize_date(raw: Any) -> str | None:
    """A publication date as YYYY-MM-DD (what the pipeline resolves relative times against), or None.

    Accepts ISO dates and datetimes, RFC 2822 (feeds), and the common wire formats
    ('26-FEB-1987 15:01:01.79', 'March 3, 2019'). Anything else is None: a date the pipeline cannot
    read is no anchor for relative times.
    """
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    match = _ISO_DATE.match(text)
    if match:
        try:
            return datetime(int(match.group(1)), int(match.group(2)), int(match.group(3))).date().isoformat()
        except ValueError:
            return None
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
