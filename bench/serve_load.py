"""Load on `newstrace serve` over loopback: concurrent clients for a fixed time, latency percentiles.

Starts the server in its own process on a store (read-only, as it always opens it), then runs
``--clients`` threads for ``--seconds`` per scenario, each sending requests back to back:

  quotes    GET /api/quotes with a mix of filters drawn from the store itself: a top speaker,
            a speaker and a year, a word from a quote, an outlet and a month, a relay (--via)
  article   GET /articles/KEY, the article page (HTML) of a random stored article
  api-article  GET /api/articles/KEY, its JSON record

    python bench/serve_load.py --db kcna22k.db --clients 20 --seconds 30

Prints one row per scenario: requests, errors, requests/s, p50/p95/p99 and max in ms.
docs/web.md records the figures with the command that made them.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(db: str, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "newstrace"), "serve", "--db", db, "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/outlets", timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def _quote_queries(base: str, rng: random.Random) -> list[str]:
    """Query strings drawn from what the store holds, so every one has answers to find."""
    speakers = [s["name"] for s in httpx.get(f"{base}/api/speakers", params={"limit": 40}).json()["items"]]
    sample = httpx.get(f"{base}/api/quotes", params={"limit": 200}).json()["items"]
    words = sorted({w for q in sample for w in q["content"].split() if w.isalpha() and len(w) > 6})
    outlets = sorted({q["outlet"] for q in sample if q["outlet"]})
    months = sorted({q["published"][:7] for q in sample if q["published"]})
    queries: list[str] = []
    for _ in range(200):
        kind = rng.randrange(5)
        if kind == 0:
            queries.append(f"speaker={rng.choice(speakers)}&limit=50")
        elif kind == 1:
            year = rng.choice(months)[:4]
            queries.append(f"speaker={rng.choice(speakers)}&since={year}-01-01&until={year}-12-31&limit=50")
        elif kind == 2:
            queries.append(f"search={rng.choice(words)}&limit=50")
        elif kind == 3 and outlets:
            month = rng.choice(months)
            queries.append(f"outlet={rng.choice(outlets)}&since={month}-01&until={month}-28&limit=50")
        else:
            queries.append("via=KCNA&limit=50")
    return queries


def _article_keys(base: str, rng: random.Random) -> list[str]:
    keys: list[str] = []
    cursor = None
    for _ in range(5):
        page = httpx.get(f"{base}/api/articles", params={"limit": 500, "cursor": cursor}).json()
        keys.extend(a["key"] for a in page["items"])
        cursor = page["next"]
        if not cursor:
            break
    rng.shuffle(keys)
    return keys


def _run(base: str, paths: list[str], clients: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        nonlocal errors
        mine: list[float] = []
        failed = 0
        with httpx.Client(base_url=base, timeout=30) as http:
            i = offset
            while time.monotonic() < stop:
                started = time.perf_counter()
                try:
                    ok = http.get(paths[i % len(paths)]).status_code == 200
                except httpx.HTTPError:
                    ok = False
                mine.append(time.perf_counter() - started)
                failed += not ok
                i += 1
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client, args=(n * 7,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / seconds,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "max": max(latencies, default=0) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="the store to serve (opened read-only)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0, help="per scenario (bounded: at most 120)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    seconds = min(args.seconds, 120.0)
    rng = random.Random(args.seed)
    port = _free_port()
    server = _start(args.db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        queries = _quote_queries(base, rng)
        keys = _article_keys(base, rng)
        scenarios: list[tuple[str, Callable[[], list[str]]]] = [
            ("quotes", lambda: [f"/api/quotes?{q}" for q in queries]),
            ("article", lambda: [f"/articles/{k}" for k in keys]),
            ("api-article", lambda: [f"/api/articles/{k}" for k in keys]),
        ]
        print(
            f"store {args.db}: {len(keys)} article keys, {len(queries)} quote queries; {args.clients} clients, "
            f"{seconds:.0f} s each"
        )
        print("| scenario | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for name, paths in scenarios:
            r = _run(base, paths(), args.clients, seconds)
            print(
                f"| {name} | {r['requests']:.0f} | {r['errors']:.0f} | {r['rps']:.0f} | {r['p50']:.1f} | "
                f"{r['p95']:.1f} | {r['p99']:.1f} | {r['max']:.1f} |",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
