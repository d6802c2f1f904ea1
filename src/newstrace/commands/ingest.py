"""``newstrace ingest SOURCE...`` and ``newstrace retry``: fill the corpus store."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..ingest import ingest, retry
from ..run import CorpusReport
from ..store import open_store
from .analyze import add_scheduler
from .options import SETTING_NAMES, add_command, add_settings, number, settings_from, whole
from .output import ITEM_FORMATS, add_format


def _add_fetch_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="allow fetching from private, loopback and link-local addresses (e.g. a test server on 127.0.0.1)",
    )
    parser.add_argument(
        "--allow-network", action="append", default=[], metavar="CIDR", help="allow fetching from this network only"
    )


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "ingest",
        "read, analyze and store documents from files, folders, feeds, URLs",
        "Read, analyze and store documents in the corpus store (SQLite by default, or PostgreSQL), then "
        "update identities, quote clusters and stories. Documents already stored are skipped, so the same "
        "command resumes an interrupted run; failures are stored with their numbered error for 'newstrace "
        "retry'. Exit code 0 when every document was stored, 1 when some failed, 2 when none could be.",
        (
            "newstrace ingest articles/ --db corpus.db",
            "newstrace ingest corpus.jsonl.gz --db postgresql://localhost/news --field text=body --workers 4",
            "newstrace ingest https://example.org/feed.xml --db corpus.db",
        ),
    )
    parser.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="text/HTML files, folders, JSON Lines (.gz), WARC files, RSS/Atom feeds, sitemaps, URLs, or -",
    )
    parser.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="NAME=FIELD",
        help="JSON Lines field for text/title/published/outlet/url/id/byline, e.g. --field text=body",
    )
    parser.add_argument("--outlet", help="outlet to record for documents that name none")
    parser.add_argument("--published", metavar="YYYY-MM-DD", help="date to record for documents that have none")
    _add_fetch_options(parser)
    parser.add_argument("--max-redirects", type=whole(0, 100), default=5, help="redirects followed per URL (default 5)")
    parser.add_argument(
        "--timeout", type=number(0, 3600, open_below=True), default=30.0, help="seconds allowed per URL (default 30)"
    )
    parser.add_argument("--no-fetch-links", action="store_true", help="use feed entries' own content, fetch no links")
    parser.add_argument(
        "--commit-every", type=whole(1, 1_000_000), default=64, help="documents per transaction (default 64)"
    )
    parser.add_argument("--progress", action="store_true", help="show the progress bar even when not on a terminal")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    add_format(parser, ITEM_FORMATS)
    parser.add_argument(
        "--no-corpus",
        action="store_true",
        help="do not update identities, stories and quote clusters now (the query commands that need them will)",
    )
    add_scheduler(parser)
    add_settings(parser, SETTING_NAMES)
    parser.set_defaults(func=run_ingest)

    retry_parser = add_command(
        subparsers,
        "retry",
        "re-read and re-analyze the stored failures",
        "Documents that failed at ingest are stored with their numbered error; retry reads and analyzes "
        "them again (after a fix, or with other settings), lists them, or drops them.",
        ("newstrace retry --db corpus.db --list", "newstrace retry --db corpus.db"),
    )
    add_settings(retry_parser, SETTING_NAMES)
    _add_fetch_options(retry_parser)
    retry_parser.add_argument("--list", action="store_true", help="only list the stored failures")
    retry_parser.add_argument("--drop", action="store_true", help="delete the stored failures without retrying")
    retry_parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    retry_parser.set_defaults(func=run_retry)


def _show_progress(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "progress", False)) or (not args.no_progress and sys.stderr.isatty())


def _print_report(report: CorpusReport, fmt: str) -> None:
    if fmt == "json":
        print(json.dumps(report.to_dict()))
    else:
        print(f"newstrace: {report.summary()}", file=sys.stderr)


def run_ingest(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    report = ingest(
        args.sources,
        db=settings.db,
        settings=settings,
        scheduler=args.scheduler,
        fields=args.field,
        outlet=args.outlet,
        published=args.published,
        allow_private=args.allow_private,
        allowed_networks=args.allow_network,
        max_redirects=args.max_redirects,
        timeout=args.timeout,
        fetch_links=not args.no_fetch_links,
        commit_every=args.commit_every,
        progress=_show_progress(args),
        corpus=not args.no_corpus,
    )
    _print_report(report, args.format)
    return report.exit_code()


def run_retry(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    db = settings.db
    if args.list or args.drop:
        with open_store(db, create=False) as store:
            failures = store.failures()
            for failure in failures:
                print(f"{failure.source}\t{failure.stage or '-'}\t{failure.attempts}\t{failure.error}")
                if args.drop:
                    store.delete_failure(failure.source)
        if args.drop:
            print(f"newstrace: dropped {len(failures)} failures", file=sys.stderr)
        return 0
    report = retry(
        db,
        settings=settings,
        allow_private=args.allow_private,
        allowed_networks=args.allow_network,
        progress=_show_progress(args),
    )
    _print_report(report, "table")
    return 0 if report.ok else report.exit_code()  # nothing to retry is all good
