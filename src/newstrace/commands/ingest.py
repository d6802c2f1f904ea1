"""``newstrace ingest SOURCE...`` and ``newstrace retry``: fill the corpus store."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..ingest import ingest, retry
from ..run import CorpusReport
from ..settings import load_settings
from ..store import open_store
from .analyze import add_parallel_arguments
from .options import add_store, number, whole


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
    parser = subparsers.add_parser("ingest", help="read, analyze and store documents from files, folders, feeds, URLs")
    parser.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="text/HTML files, folders, JSON Lines (.gz), WARC files, RSS/Atom feeds, sitemaps, URLs, or -",
    )
    add_store(parser)
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
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument(
        "--no-corpus",
        action="store_true",
        help="do not update identities, stories and quote clusters now (the query commands that need them will)",
    )
    add_parallel_arguments(parser)
    parser.set_defaults(func=run_ingest)

    retry_parser = subparsers.add_parser("retry", help="re-read and re-analyze the stored failures")
    add_store(retry_parser)
    _add_fetch_options(retry_parser)
    retry_parser.add_argument("--list", action="store_true", help="only list the stored failures")
    retry_parser.add_argument("--drop", action="store_true", help="delete the stored failures without retrying")
    retry_parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    retry_parser.set_defaults(func=run_retry)


def _show_progress(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "progress", False)) or (not args.no_progress and sys.stderr.isatty())


def _print_report(report: CorpusReport, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report.to_dict()))
    else:
        print(f"newstrace: {report.summary()}", file=sys.stderr)


def run_ingest(args: argparse.Namespace) -> int:
    settings = load_settings(workers=args.workers)
    report = ingest(
        args.sources,
        db=args.db or settings.db,
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
    _print_report(report, args.json)
    return 0 if report.analyzed or report.skipped or report.ok else 1


def run_retry(args: argparse.Namespace) -> int:
    db = args.db or load_settings().db
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
        db, allow_private=args.allow_private, allowed_networks=args.allow_network, progress=_show_progress(args)
    )
    _print_report(report, False)
    return 0 if report.ok else 1
