"""Options the store's commands share, defined once: the store, the output format, a period."""

from __future__ import annotations

import argparse
from datetime import date

from ..errors import ConfigError, Errors
from ..settings import load_settings
from ..store import Store, open_store
from .tables import FORMATS


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
