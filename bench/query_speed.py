"""How fast `newstrace quotes --speaker NAME` answers on a stored corpus (a benchmark, not a test).

    python bench/query_speed.py --db kcna.db --speaker "Kim Jong Il" [--runs 20]

Prints three timings (median and max over the runs):
  query      store.quotes(speaker=..., limit=50) + count_quotes, store already open (what the command waits for)
  open+query the same with the store opened each time (migration check included)
  cli        the whole `python -m newstrace.cli quotes --speaker NAME` process, start-up included
             (wall time, and CPU time, which does not count waiting for a busy machine's cores)
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from newstrace.store import open_store


def timed(fn: object, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--speaker", default="Kim Jong Il")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    with open_store(args.db) as store:
        counts = store.counts()
        total = store.count_quotes(speaker=args.speaker)
        print(f"store: {counts['articles']} articles, {counts['attributions']} attributions")
        print(f"speaker {args.speaker!r}: {total} attributions")
        query = timed(
            lambda: (store.quotes(speaker=args.speaker, limit=50), store.count_quotes(speaker=args.speaker)), args.runs
        )

        def all_rows() -> None:
            store.quotes(speaker=args.speaker)

        every = timed(all_rows, args.runs)

    def open_and_query() -> None:
        with open_store(args.db) as s:
            s.quotes(speaker=args.speaker, limit=50)
            s.count_quotes(speaker=args.speaker)

    opened = timed(open_and_query, args.runs)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    command = [sys.executable, "-m", "newstrace.cli", "quotes", "--db", args.db, "--speaker", args.speaker]

    def cli() -> None:
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)

    cli_runs = max(3, args.runs // 4)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = timed(cli, cli_runs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_ms = ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000 / cli_runs
    for name, values in (
        ("query (50 rows + count)", query),
        (f"query (all {total} rows)", every),
        ("open+query", opened),
        ("cli (whole process)", process),
    ):
        print(f"{name:<28} median {statistics.median(values):8.1f} ms   max {max(values):8.1f} ms")
    print(f"{'cli CPU time (user+sys)':<28} mean   {cpu_ms:8.1f} ms   (wall time above includes waiting for a CPU)")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
