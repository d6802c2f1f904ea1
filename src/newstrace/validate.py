"""Checks on what callers of the Python API pass, so a wrong argument is a numbered error (E120)
that says what was expected, not a TypeError from deep inside a stage.

The CLI and the readers build their arguments themselves; these checks are for the library's
public functions (:func:`newstrace.analyze`, :func:`newstrace.analyze_corpus`,
:func:`newstrace.ingest`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import Errors, InputError

_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse(function: str, name: str, value: Any, reason: str) -> InputError:
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return InputError(Errors.E120.format(function=function, name=name, value=shown, reason=reason))


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be analyzed (a lone surrogate cannot be encoded, hashed or stored), or None."""
    found = _SURROGATE.search(text)
    if found:
        return (
            f"it holds a lone surrogate (\\u{ord(found.group()):04x}) at offset {found.start()}, which is not Unicode"
        )
    return None


def check_text(function: str, value: Any) -> str:
    """An article's text: a str of valid Unicode."""
    if isinstance(value, bytes | bytearray):
        raise _refuse(function, "text", value, "text must be str: decode the bytes first, e.g. data.decode('utf-8')")
    if not isinstance(value, str):
        raise _refuse(function, "text", value, f"text must be str, not {type(value).__name__}")
    problem = text_problem(value)
    if problem:
        raise _refuse(function, "text", value, problem + "; decode the input with errors='replace'")
    return value


def check_optional_text(function: str, name: str, value: Any) -> str | None:
    """A metadata field (outlet, url, title, byline): a str or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _refuse(function, name, value, f"{name} must be str or None, not {type(value).__name__}")
    if text_problem(value):
        raise _refuse(function, name, value, f"{name} {text_problem(value)}")
    return value


def check_date(function: str, name: str, value: Any) -> str | None:
    """A publication date as YYYY-MM-DD: a date, a datetime or a str in a common date format."""
    from .sources.base import normalize_date

    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise _refuse(function, name, value, f"{name} must be a date or a str like '2025-10-24'")
    if not value.strip():
        return None
    normalized = normalize_date(value)
    if normalized is None:
        raise _refuse(function, name, value, f"{name} is not a date; write it YYYY-MM-DD")
    return normalized


def check_sources(function: str, value: Any) -> list[Any]:
    """Paths, URLs, '-' or Articles: one of them or an iterable of them."""
    from .record import Article

    if isinstance(value, str | Path | Article):
        return [value]
    if value is None or isinstance(value, bytes | bytearray) or not isinstance(value, Iterable):
        reason = "give a path, a URL, '-', an Article, or a list of them"
        raise _refuse(function, "sources", value, reason)
    items = list(value)
    for item in items:
        if not isinstance(item, str | Path | Article):
            reason = f"each source is a path, a URL, '-' or an Article, not {type(item).__name__}"
            raise _refuse(function, "sources", item, reason)
    return items


def check_count(function: str, name: str, value: Any, *, minimum: int, maximum: int = 1 << 31) -> int | None:
    """A whole number in range (workers, commit_every, ...), or None for the default."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise _refuse(function, name, value, f"{name} must be a whole number from {minimum} to {maximum}")
    return value
