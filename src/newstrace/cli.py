"""The ``newstrace`` command: argument parsing only; every command calls library functions.

Commands live in ``newstrace.commands``; each module there exposes ``register(subparsers)``
which adds its sub-command and sets ``func`` (taking the parsed args, returning an exit code).

Exit codes, the same for every command: 0 all done; 1 some documents failed (the summary on
standard error names them, and the rest was done); 2 a usage error, or nothing could be done
(the message says why and how to fix it); 130 interrupted; 141 the reader of the output went away.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from . import __version__
from .errors import NewstraceError

COMMAND_MODULES = (
    "analyze",
    "evaluate",
    "ingest",
    "query",
    "stories",
    "identities",
    "relays",
    "export",
    "serve",
    "settings",
    "render",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newstrace",
        description="Who said what, on whose word, in what words.",
        epilog="'newstrace COMMAND --help' shows each command's options and examples. Exit codes: 0 all done, "
        "1 some documents failed, 2 usage error or nothing could be done.",
    )
    parser.add_argument("--version", action="version", version=f"newstrace {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f".commands.{name}", __package__)
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except NewstraceError as exc:
        # nothing could be done: a setting, the store or an argument is wrong (the message says how to fix it)
        print(f"newstrace: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newstrace: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away ('newstrace quotes ... | head'): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
