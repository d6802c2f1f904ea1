"""``newstrace export``: the store's tables as JSON Lines, CSV or Parquet files for DuckDB, pandas, sheets."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..settings import load_settings
from ..store.export import FORMATS, export


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("export", help="write articles, attributions, entities, mentions as files")
    parser.add_argument(
        "--db", metavar="URL", help="store: file path, sqlite:///path or postgresql://... (NEWSTRACE_DB)"
    )
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="jsonl (default), csv or parquet")
    parser.add_argument("--output", "-o", default="export", metavar="DIR", help="folder to write (default ./export)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    written = export(args.db or load_settings().db, args.output, fmt=args.format)
    for path, rows in written.items():
        print(f"{path}\t{rows} rows", file=sys.stderr)
    return 0
