"""``newstrace analyze PATH...``: analyze files, folders or stdin; JSON, JSON Lines or a text report."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from tqdm import tqdm

from ..api import analyze_many
from ..inputs import InputFailure, read_inputs
from ..record import Article
from ..report import render_article
from ..settings import load_settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("analyze", help="analyze articles: who said what, on whose word")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="text files, folders (recursive) or - for stdin")
    parser.add_argument("--format", choices=("json", "jsonl", "text"), default="text", help="output format")
    parser.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    parser.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, when the text has none")
    parser.add_argument("--outlet", help="outlet name to record for every input")
    parser.add_argument("--strict", action="store_true", help="stop at the first failing document, with traceback")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    failures: list[InputFailure] = []
    analyzed = 0
    failed_stage = 0

    def articles() -> Iterator[Article]:
        for item in read_inputs(args.paths, max_bytes=settings.max_bytes):
            if isinstance(item, InputFailure):
                failures.append(item)
                print(f"newstrace: skipped {item.error}", file=sys.stderr)
                continue
            item.published = item.published or args.published
            item.outlet = item.outlet or args.outlet
            yield item

    out: TextIO = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    records: list[dict[str, Any]] = []
    try:
        stream = analyze_many(articles(), settings=settings, on_error="raise" if args.strict else "record")
        show = not args.no_progress and sys.stderr.isatty()
        for article in tqdm(stream, desc="analyzing", unit="article", disable=not show):
            if article.errors:
                failed_stage += 1
                for error in article.errors:
                    print(f"newstrace: {error.message}", file=sys.stderr)
            else:
                analyzed += 1
            if args.format == "jsonl":
                out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
            elif args.format == "json":
                records.append(article.to_dict())
            else:
                out.write(render_article(article) + "\n")
        if args.format == "json":
            payload: Any = records[0] if len(records) == 1 else records
            out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    total = analyzed + failed_stage + len(failures)
    if total > 1 or failures or failed_stage:
        print(
            f"newstrace: {analyzed} analyzed, {len(failures)} unreadable, {failed_stage} failed in a stage",
            file=sys.stderr,
        )
    return 0 if analyzed else 1
