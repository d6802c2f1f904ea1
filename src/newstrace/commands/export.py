"""``newstrace export``: the store's tables as JSON Lines, CSV or Parquet files for DuckDB, pandas, sheets."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..store.export import FORMATS, export
from .options import add_command, add_store, store_url
from .output import add_format


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "export",
        "write the store's tables as files: JSON Lines, CSV or Parquet",
        "One file per table (articles, attributions, entities, mentions, persuasion, own voice, times, "
        "identities, quote clusters, stories) for DuckDB, pandas or a spreadsheet; Parquet keeps native "
        "types (lists, dates). docs/corpus.md lists the columns.",
        ("newstrace export --db corpus.db --format parquet -o export/", "newstrace export --db corpus.db --format csv"),
    )
    add_store(parser)
    add_format(parser, FORMATS, default="jsonl")
    parser.add_argument("--output", "-o", default="export", metavar="DIR", help="folder to write (default ./export)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    written = export(store_url(args), args.output, fmt=args.format)
    for path, rows in written.items():
        print(f"{path}\t{rows} rows", file=sys.stderr)
    return 0
