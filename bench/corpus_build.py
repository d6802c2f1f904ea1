"""How long the corpus tables take: identities and stories for a whole store, then for 100 more articles.

On a copy of a store (the original is never written):
  1. everything from scratch: identities rebuilt, every article's lead embedded, every story rebuilt;
  2. ``--add`` articles from ``--add-from`` analyzed and stored, then each corpus table brought up
     to date as ``newstrace ingest`` does when it ends (corpus/update.py), each step timed.

    python bench/corpus_build.py --db allsides3k.db --add-from allsides-next.jsonl.gz --add 100

Prints seconds per step and per article; docs/corpus.md records the figures with the command.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import tempfile
import time
from itertools import islice
from pathlib import Path

from newstrace.corpus.identities import update_identities
from newstrace.corpus.quotes import update_quote_clusters
from newstrace.corpus.stories import update_stories
from newstrace.store import open_store


def _timed(label: str, results: list[tuple[str, float, str]], fn, note=lambda r: "") -> object:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    out = fn()
    results.append((label, time.perf_counter() - started, note(out)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="a SQLite store (copied; never written)")
    parser.add_argument("--add-from", help="JSON Lines (.gz) of articles to analyze and add after the full build")
    parser.add_argument("--add", type=int, default=100, help="how many to add (default 100)")
    args = parser.parse_args()

    results: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "copy.db"
        shutil.copy(args.db, db)
        with open_store(db) as store:
            n = store.counts()["articles"]
            # identities and quote clusters are rebuilt whole below (force=True); stories and
            # lead embeddings are made from scratch
            store.clear_stories(features=True)
            _timed(
                "identities, all",
                results,
                lambda: update_identities(store, force=True),
                lambda r: f"{r.identities} identities",
            )
            _timed(
                "stories, all (embedding every lead)",
                results,
                lambda: update_stories(store),
                lambda r: f"{r.new_stories} stories",
            )
            _timed(
                "quote clusters, all",
                results,
                lambda: update_quote_clusters(store, force=True),
                lambda r: f"{r.clusters} clusters of {r.statements} attributions",
            )
            if args.add_from:
                import newstrace

                with gzip.open(args.add_from, "rt", encoding="utf-8") as handle:
                    rows = [json.loads(line) for line in islice(handle, args.add)]
                articles = [
                    newstrace.analyze(
                        r["text"],
                        title=r.get("title"),
                        outlet=r.get("outlet"),
                        published=r.get("date"),
                        url=r.get("url"),
                    )
                    for r in rows
                ]
                store.save_many(articles)
                started = time.perf_counter()
                _timed(f"+{len(articles)}: identities", results, lambda: update_identities(store))
                _timed(
                    f"+{len(articles)}: stories",
                    results,
                    lambda: update_stories(store),
                    lambda r: f"{r.new_stories} new stories",
                )
                _timed(f"+{len(articles)}: quote clusters", results, lambda: update_quote_clusters(store))
                results.append((f"+{len(articles)}: all (what ingest runs)", time.perf_counter() - started, ""))
    print(f"store: {args.db} ({n} articles)")
    print(f"{'step':<42} {'seconds':>8}  note")
    for label, seconds, note in results:
        print(f"{label:<42} {seconds:>8.1f}  {note}")


if __name__ == "__main__":
    main()
