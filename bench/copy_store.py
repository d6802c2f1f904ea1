"""Copy every stored article from one store to another without analyzing again (e.g. SQLite -> PostgreSQL).

    python bench/copy_store.py kcna.db postgresql://user@host/db

Used to time queries on PostgreSQL over the same corpus as SQLite; re-running copies nothing new.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from newstrace.record import Article
from newstrace.store import open_store
from newstrace.store.sqlite import SQLiteStore


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", help="a SQLite store")
    parser.add_argument("target", help="any store URL")
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    started = time.perf_counter()
    saved = duplicates = 0
    with open_store(args.source) as source, open_store(args.target) as target:
        assert isinstance(source, SQLiteStore), "the source must be a SQLite store"
        batch = []
        for (record,) in source.conn.execute("SELECT record FROM articles ORDER BY key"):
            data = json.loads(record)
            batch.append(Article.from_dict(data))
            if len(batch) >= args.batch:
                counts = target.save_many(batch)
                saved, duplicates, batch = saved + counts.saved, duplicates + counts.duplicates, []
        counts = target.save_many(batch)
        saved, duplicates = saved + counts.saved, duplicates + counts.duplicates
        print(f"copied {saved}, already there {duplicates}, in {time.perf_counter() - started:.1f} s")
        print(f"source {source.counts()}")
        print(f"target {target.counts()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
