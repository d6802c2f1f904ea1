"""``newstrace analyze SOURCE...``: analyze files, folders, JSON Lines, HTML, feeds, WARC, URLs or stdin.

A thin shell over :func:`newstrace.analyze_corpus` (the same reader and analysis as ``ingest``).
Output is streamed in input order as articles come out (JSON, JSON Lines or a text report), so a
corpus of any size runs in flat memory; ``--workers`` and ``--scheduler`` choose where the work
runs (see docs/scaling.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from ..record import Article
from ..run import CorpusReport, analyze_corpus
from ..sources import Failed
from .options import add_command, add_settings, settings_from
from .output import add_format
from .report import render_article


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "analyze",
        "analyze articles: who said what, on whose word",
        "Analyze articles and print one record each, in input order: a readable report (table), one JSON "
        "array (json) or a record per line (jsonl). Nothing is stored; 'newstrace ingest' stores. Exit code 0 "
        "when every input was analyzed, 1 when some failed (each named on standard error), 2 when none could be.",
        (
            "newstrace analyze article.txt",
            "newstrace analyze folder/ corpus.jsonl.gz --format jsonl -o out.jsonl",
            "cat article.txt | newstrace analyze - --format json --published 2025-10-24",
        ),
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="SOURCE",
        help="text or HTML files, folders (recursive), JSON Lines (.jsonl, .jsonl.gz), WARC files, RSS/Atom "
        "feeds, sitemaps, URLs, or - for stdin",
    )
    add_format(parser, ("table", "json", "jsonl"))
    parser.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    parser.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, when the text has none")
    parser.add_argument("--outlet", help="outlet name to record for every input")
    parser.add_argument("--strict", action="store_true", help="stop at the first failing document, with traceback")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    add_scheduler(parser)
    add_settings(parser)
    parser.set_defaults(func=run)


def add_scheduler(parser: argparse.ArgumentParser) -> None:
    """--scheduler, shared by every command that analyzes a corpus (--workers is a setting)."""
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on Dask: 'local' for a local cluster of N workers, or a scheduler address tcp://HOST:PORT",
    )


class JsonArrayWriter:
    """Writes what ``json.dumps(records, indent=2)`` would, one record at a time: always an array,
    for one document as for many, so a script reads the same shape whatever it was given."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        text = json.dumps(record, ensure_ascii=False, indent=2)
        self.out.write(("[\n" if self.count == 0 else ",\n") + _indent(text))
        self.count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")


def _indent(text: str) -> str:
    # JSON escapes newlines inside strings, so every line break here is between tokens.
    return "\n".join("  " + line for line in text.split("\n"))


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    report = CorpusReport()
    out: TextIO = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    json_writer = JsonArrayWriter(out) if args.format == "json" else None
    try:
        stream = analyze_corpus(
            args.paths,
            settings=settings,
            published=args.published,
            outlet=args.outlet,
            scheduler=args.scheduler,
            on_error="raise" if args.strict else "record",
            progress=not args.no_progress and sys.stderr.isatty(),
            report=report,
        )
        for item in stream:
            if isinstance(item, Failed):
                print(f"newstrace: skipped {item.error}", file=sys.stderr)
                continue
            if not isinstance(item, Article):
                continue
            for error in item.errors:
                print(f"newstrace: {error.message}", file=sys.stderr)
            if json_writer is not None:
                json_writer.write(item.to_dict())
            elif args.format == "jsonl":
                out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            else:
                out.write(render_article(item) + "\n")
        if json_writer is not None:
            json_writer.close()
    finally:
        if out is not sys.stdout:
            out.close()
    if report.analyzed + report.failed + report.unreadable > 1 or not report.ok:
        print(f"newstrace: {report.summary()}", file=sys.stderr)
    return report.exit_code()
