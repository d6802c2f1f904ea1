"""``newstrace analyze PATH...``: analyze files, folders, JSON Lines corpora or stdin, in parallel.

Output is streamed in input order as articles come out (JSON, JSON Lines or a text report), so a
corpus of any size runs in flat memory; ``--workers`` and ``--scheduler`` choose where the work
runs (see docs/scaling.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from ..inputs import InputFailure, ReadPosition, input_size, read_inputs
from ..parallel import analyze_stream
from ..progress import Progress
from ..record import Article
from ..report import render_article
from ..settings import load_settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("analyze", help="analyze articles: who said what, on whose word")
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="text files, folders (recursive), JSON Lines corpora (.jsonl, .jsonl.gz) or - for stdin",
    )
    parser.add_argument("--format", choices=("json", "jsonl", "text"), default="text", help="output format")
    parser.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    parser.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, when the text has none")
    parser.add_argument("--outlet", help="outlet name to record for every input")
    parser.add_argument("--strict", action="store_true", help="stop at the first failing document, with traceback")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    add_parallel_arguments(parser)
    parser.set_defaults(func=run)


def add_parallel_arguments(parser: argparse.ArgumentParser) -> None:
    """--workers and --scheduler, shared by every command that analyzes a corpus."""
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="worker processes (default: the 'workers' setting, NEWSTRACE_WORKERS; 0 = one per core)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on Dask: 'local' for a local cluster of N workers, or a scheduler address tcp://HOST:PORT",
    )


class JsonArrayWriter:
    """Writes what ``json.dumps(records, indent=2)`` would, one record at a time (one record: no list)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.first: str | None = None
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        text = json.dumps(record, ensure_ascii=False, indent=2)
        self.count += 1
        if self.count == 1:
            self.first = text  # held back: a single record is written bare, not in a list
            return
        if self.count == 2:
            assert self.first is not None
            self.out.write("[\n" + _indent(self.first))
            self.first = None
        self.out.write(",\n" + _indent(text))

    def close(self) -> None:
        if self.count == 0:
            self.out.write("[]\n")
        elif self.count == 1:
            assert self.first is not None
            self.out.write(self.first + "\n")
        else:
            self.out.write("\n]\n")


def _indent(text: str) -> str:
    # JSON escapes newlines inside strings, so every line break here is between tokens.
    return "\n".join("  " + line for line in text.split("\n"))


def run(args: argparse.Namespace) -> int:
    settings = load_settings(workers=args.workers)
    failures: list[InputFailure] = []
    analyzed = 0
    failed_stage = 0
    position = ReadPosition()
    show = not args.no_progress and sys.stderr.isatty()
    progress = Progress(input_size(args.paths) if show else None, enabled=show)

    def articles() -> Iterator[Article]:
        for item in read_inputs(args.paths, max_bytes=settings.max_bytes, position=position):
            if isinstance(item, InputFailure):
                failures.append(item)
                print(f"newstrace: skipped {item.error}", file=sys.stderr)
                continue
            item.published = item.published or args.published
            item.outlet = item.outlet or args.outlet
            progress.read(position.bytes)
            yield item

    out: TextIO = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    json_writer = JsonArrayWriter(out) if args.format == "json" else None
    try:
        stream = analyze_stream(
            articles(),
            settings=settings,
            workers=settings.workers,
            scheduler=args.scheduler,
            on_error="raise" if args.strict else "record",
        )
        for article in stream:
            progress.done(article)
            if article.errors:
                failed_stage += 1
                for error in article.errors:
                    print(f"newstrace: {error.message}", file=sys.stderr)
            else:
                analyzed += 1
            if json_writer is not None:
                json_writer.write(article.to_dict())
            elif args.format == "jsonl":
                out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
            else:
                out.write(render_article(article) + "\n")
        if json_writer is not None:
            json_writer.close()
    finally:
        progress.close()
        if out is not sys.stdout:
            out.close()
    total = analyzed + failed_stage + len(failures)
    if total > 1 or failures or failed_stage:
        print(
            f"newstrace: {analyzed} analyzed, {len(failures)} unreadable, {failed_stage} failed in a stage",
            file=sys.stderr,
        )
    return 0 if analyzed else 1
