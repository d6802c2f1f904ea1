"""Options the store's commands share, defined once: the store, the output format, a period."""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from ..errors import ConfigError, Errors
from ..settings import SETTINGS, ResolvedSettings, Settings, resolve_settings
from ..store import Store, open_store
from .output import LIST_FORMATS, add_format

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


# Each setting's command-line option: its type for argparse and its metavar.
_SETTING_OPTIONS: dict[str, tuple[Callable[[str], Any], str]] = {
    "spacy_model": (str, "NAME"),
    "max_bytes": (whole(1), "BYTES"),
    "batch_size": (whole(1, 100_000), "N"),
    "document_seconds": (number(0, 86_400), "SECONDS"),
    "workers": (whole(0, 4096), "N"),
    "attribution": (str, "MODE"),
    "conventions": (str, "realnews|polnear|STAGE"),
    "db": (str, "URL"),
    "persuasion": (str, "on|off|STAGE"),
    "extra_stages": (str, "STAGES"),
}
SETTING_NAMES = tuple(spec.name for spec in SETTINGS)
ANALYSIS_SETTINGS = tuple(name for name in SETTING_NAMES if name != "db")


def setting_option(name: str) -> str:
    return "--" + name.replace("_", "-")


def add_settings(parser: argparse.ArgumentParser, names: Sequence[str] = ANALYSIS_SETTINGS) -> None:
    """``--config`` and one option per named setting, each overriding its environment variable and
    the config file (read back by :func:`settings_from`)."""
    group = parser.add_argument_group(
        "settings", "each overrides its environment variable and the config file ('newstrace settings' shows all)"
    )
    group.add_argument(
        "--config",
        metavar="FILE",
        help="config file to read (default: NEWSTRACE_CONFIG, ./newstrace.toml, or [tool.newstrace] in "
        "./pyproject.toml)",
    )
    specs = {spec.name: spec for spec in SETTINGS}
    for name in names:
        spec = specs[name]
        kind, metavar = _SETTING_OPTIONS[name]
        default = spec.default if spec.default != "" else "none"
        group.add_argument(
            setting_option(name),
            dest=name,
            type=kind,
            metavar=metavar,
            help=f"{spec.help} Default {default}; environment {spec.env}.",
        )


def resolved_from(args: argparse.Namespace) -> ResolvedSettings:
    """The settings a command runs with: its options over the environment over the config file."""
    flags = {spec.name: getattr(args, spec.name, None) for spec in SETTINGS}
    return resolve_settings(flags, config=getattr(args, "config", None))


def settings_from(args: argparse.Namespace) -> Settings:
    return resolved_from(args).settings


def add_store(parser: argparse.ArgumentParser) -> None:
    add_settings(parser, ("db",))


def add_common(parser: argparse.ArgumentParser, formats: Sequence[str] = LIST_FORMATS) -> None:
    """``--db`` and ``--config``, and ``--format`` with the shared names (commands/output.py)."""
    add_store(parser)
    add_format(parser, formats)


def add_command(subparsers: Any, name: str, summary: str, description: str, examples: Sequence[str]) -> Any:
    """A sub-command whose ``--help`` says what it does and shows examples to copy."""
    lines = "\n".join(f"  {example}" for example in examples)
    return subparsers.add_parser(
        name,
        help=summary,
        description=description,
        epilog=f"examples:\n{lines}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def add_period(parser: argparse.ArgumentParser, what: str = "published") -> None:
    """``--since`` and ``--until``, read back by :func:`period`."""
    parser.add_argument("--since", metavar="YYYY-MM-DD", help=f"{what} on or after")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help=f"{what} on or before")


def store_url(args: argparse.Namespace) -> str:
    return settings_from(args).db


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
