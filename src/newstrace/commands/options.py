"""Options the store's commands share, defined once: the store, the output format, a period."""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable
from datetime import date

from ..errors import ConfigError, Errors
from ..settings import load_settings
from ..store import Store, open_store
from .tables import FORMATS

MAX_ROWS = 1_000_000_000


def whole(minimum: int, maximum: int = MAX_ROWS) -> Callable[[str], int]:
    """An argparse type: a whole number in [minimum, maximum], or a usage error E124 that says so
    (a huge --limit reached SQLite as an OverflowError, a negative --offset was taken silently)."""
    expected = f"a whole number from {minimum:,} to {maximum:,}"

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(Errors.E124.format(value=text, expected=expected)) from None
        if not minimum <= value <= maximum:
            raise argparse.ArgumentTypeError(Errors.E124.format(value=text, expected=expected))
        return value

    return parse


def number(minimum: float, maximum: float, *, open_below: bool = False) -> Callable[[str], float]:
    """An argparse type: a finite number in its range (above ``minimum`` with ``open_below``), or E124."""
    low = "above" if open_below else "from"
    expected = f"a number {low} {minimum:g} to {maximum:g}"

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(Errors.E124.format(value=text, expected=expected)) from None
        too_low = value <= minimum if open_below else value < minimum
        if not math.isfinite(value) or too_low or value > maximum:
            raise argparse.ArgumentTypeError(Errors.E124.format(value=text, expected=expected))
        return value

    return parse


_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def partial_date(text: str) -> str:
    """An argparse type: a year, a month or a day (YYYY, YYYY-MM, YYYY-MM-DD), or E124."""
    if not _PARTIAL_DATE.match(text):
        raise argparse.ArgumentTypeError(Errors.E124.format(value=text, expected="YYYY, YYYY-MM or YYYY-MM-DD"))
    return text


def add_store(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="URL", help="store: file path, sqlite:///path or postgresql://... (NEWSTRACE_DB)"
    )


def add_common(parser: argparse.ArgumentParser, *, formats: bool = True) -> None:
    """``--db``, and ``--format`` (table, json, csv) unless the command has its own formats."""
    add_store(parser)
    if formats:
        parser.add_argument("--format", choices=FORMATS, default="table", help="table (default), json or csv")


def add_period(parser: argparse.ArgumentParser, what: str = "published") -> None:
    """``--since`` and ``--until``, read back by :func:`period`."""
    parser.add_argument("--since", metavar="YYYY-MM-DD", help=f"{what} on or after")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help=f"{what} on or before")


def store_url(args: argparse.Namespace) -> str:
    return str(args.db or load_settings().db)


def open_existing_store(args: argparse.Namespace) -> Store:
    """The store a query command reads: one that exists (E119 otherwise), brought up to date."""
    return open_store(store_url(args), create=False)


def iso_date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ConfigError(Errors.E070.format(value=value, option=option)) from exc


def period(args: argparse.Namespace) -> dict[str, str | None]:
    """``since`` and ``until`` as ISO dates, for the store's query methods."""
    return {"since": iso_date(args.since, "--since"), "until": iso_date(args.until, "--until")}
