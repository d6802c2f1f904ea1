"""Throughput of newstrace against the raw spaCy parse, on the first N articles of a real corpus.

One run prints the words/s of
  (a) raw spaCy ``nlp.pipe``: the same model and batch size newstrace uses;
  (b) ``newstrace analyze`` with the rule stages only (attribution=rules, optional model stages
      such as persuasion.v1 off), JSON records written out;
  (c) ``newstrace analyze`` with the default settings' stages: whatever ships is measured;
  (d) (c) saved to SQLite through ``newstrace.store`` ("store not available" without it);
  (e) only with ``--variants``: the default settings with persuasion off;
the ratios b/a, c/a, d/a (e/a); then 1 worker against N local worker processes and a Dask LocalCluster;
and the peak RSS of every process.

Fairness, because other work shares the machine: (a)-(d) run interleaved, slice by slice, in an
order rotated and reversed from slice to slice, so a change in load hits all of them alike; CPU
time is reported beside wall time, since it is what the other processes disturb least. Every variant starts
each slice from the same state: spaCy's memory zone (around each batch in newstrace, around each
slice for the raw parse) drops what a slice adds to the vocabulary, and each variant keeps its own
cache of compiled mention patterns. Worker processes are started and warmed up before timing.

    python bench/throughput.py --articles 500 --workers 2
    python bench/throughput.py --articles 400 --no-parallel --variants ace   # what issue 16 measures
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

import spacy
from cpu import CpuMeter
from rss import TreeSampler

from newstrace.progress import word_count
from newstrace.record import Article
from newstrace.run import Analyzer
from newstrace.settings import Settings, load_settings
from newstrace.sources.jsonl import DEFAULT_FIELDS, parse_record
from newstrace.stages import entities
from newstrace.stages.parse import load_spacy

# ../shared from the repository root, or NEWSTRACE_SHARED (as the tests read it).
SHARED = Path(os.environ.get("NEWSTRACE_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
DEFAULT_CORPUS = SHARED / "data" / "corpora" / "allsides-12k.jsonl.gz"
_RAW_FORM_PATTERN = entities._form_patterns.__wrapped__


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    meta = load_spacy(load_settings().spacy_model).meta
    return (
        f"nproc={os.cpu_count()}, CPU {cpu}, Python {platform.python_version()}, spaCy {spacy.__version__}, "
        f"model {meta['lang']}_{meta['name']} {meta['version']}"
    )


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


class Caches:
    """Each variant its own compiled-pattern cache, as in a run of its own; re's shared cache purged."""

    def __init__(self) -> None:
        self.by_variant: dict[str, Callable[[str], tuple[re.Pattern[str], re.Pattern[str]]]] = {}

    @contextmanager
    def of(self, variant: str) -> Iterator[None]:
        if variant not in self.by_variant:
            self.by_variant[variant] = lru_cache(maxsize=65536)(_RAW_FORM_PATTERN)
        re.purge()
        saved = entities._form_patterns
        entities._form_patterns = self.by_variant[variant]  # type: ignore[assignment]
        try:
            yield
        finally:
            entities._form_patterns = saved


def articles_of(lines: list[str], path: str, first_line: int, max_bytes: int) -> Iterator[Article]:
    """Records parsed as ``newstrace analyze corpus.jsonl.gz`` parses them (timed with the run)."""
    for number, line in enumerate(lines, first_line):
        item = parse_record(line.encode("utf-8"), number, container=path, names=DEFAULT_FIELDS)
        assert isinstance(item, Article), item
        yield item


def write_json(stream: Iterator[Article], sink: Any) -> int:
    count = 0
    for article in stream:
        sink.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def synthetic(n: int) -> list[Article]:
    return [Article(text=f"Officials said on Monday that talks number {i} went well.") for i in range(n)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="JSON Lines corpus (.jsonl or .jsonl.gz)")
    parser.add_argument("--articles", type=int, default=500, help="first N articles of the corpus")
    parser.add_argument("--slice", type=int, default=50, help="articles per interleaved slice for (a)-(d)")
    parser.add_argument("--workers", type=int, default=2, help="local worker processes to compare with 1")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    parser.add_argument("--no-parallel", action="store_true", help="only (a)-(d)")
    parser.add_argument("--only-parallel", action="store_true", help="only 1 worker, N workers and Dask")
    parser.add_argument(
        "--variants",
        default="abcd",
        help="which of (a)-(e) to run, e.g. 'ace'; (a) always runs, the ratios need it (default: abcd)",
    )
    args = parser.parse_args()

    if not Path(args.corpus).is_file():
        parser.error(f"corpus not found: {args.corpus} (pass --corpus, or set NEWSTRACE_SHARED to the shared folder)")
    opener = gzip.open if args.corpus.endswith(".gz") else open
    with opener(args.corpus, "rt", encoding="utf-8") as corpus:
        lines = [line for line in islice(corpus, args.articles) if line.strip()]
    texts = [json.loads(line)["text"] for line in lines]
    words = sum(word_count(t) for t in texts)
    default = load_settings()
    batch = default.batch_size

    print(f"machine: {machine()}")
    print(
        f"corpus: first {len(lines)} articles of {Path(args.corpus).name}: {words:,} words; batch size {batch}; "
        f"(a)-(d) interleaved in slices of {args.slice}"
    )
    print(f"load average before: {load_average()}")
    sys.stdout.flush()

    caches = Caches()
    sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - closed at the end
    sampler = TreeSampler(os.getpid()).__enter__()
    if not args.only_parallel:
        serial(args, lines, texts, words, caches, sink)
    if not args.no_parallel:
        parallel(args, lines, words, default, caches, sink)
    sink.close()
    sampler.__exit__(None, None, None)
    peak = sampler.peak
    workers = ", ".join(f"{mib:,.0f}" for mib in peak.workers_mib(os.getpid()))
    print(
        f"peak RSS: this process {peak.root_mib(os.getpid()):,.0f} MiB; each worker process [{workers}] MiB; "
        f"largest total at one instant {peak.total_mib:,.0f} MiB"
    )
    return 0


def serial(args: argparse.Namespace, lines: list[str], texts: list[str], words: int, caches: Caches, sink: Any) -> None:
    """(a)-(d), interleaved slice by slice."""
    default = load_settings()
    rules = rules_only()
    no_persuasion = load_settings(persuasion="off")
    nlp = load_spacy(default.spacy_model)
    batch = default.batch_size
    try:
        from newstrace.store import open_store
    except ImportError:
        open_store = None

    chosen = set(args.variants) | {"a"}
    times: dict[str, float] = {v: 0.0 for v in "abc" if v in chosen}
    cpu: dict[str, float] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        Analyzer(rules, workers=1) as rule_run,
        Analyzer(default, workers=1) as default_run,
        Analyzer(no_persuasion, workers=1) as no_persuasion_run,
    ):
        store = open_store(f"sqlite:///{tmp}/bench.db") if open_store and "d" in chosen else None
        if store is not None:
            times["d"] = 0.0
        if "e" in chosen:
            times["e"] = 0.0
        cpu.update({variant: 0.0 for variant in times})

        def run(variant: str, start: int, chunk: list[str], chunk_texts: list[str]) -> None:
            with caches.of(variant):
                began, began_cpu = time.perf_counter(), time.process_time()
                if variant == "a":
                    with nlp.memory_zone():
                        for _ in nlp.pipe(chunk_texts, batch_size=batch):
                            pass
                elif variant == "b":
                    write_json(rule_run.stream(articles_of(chunk, args.corpus, start, rules.max_bytes)), sink)
                elif variant == "c":
                    write_json(default_run.stream(articles_of(chunk, args.corpus, start, default.max_bytes)), sink)
                elif variant == "e":
                    stream = no_persuasion_run.stream(articles_of(chunk, args.corpus, start, default.max_bytes))
                    write_json(stream, sink)
                else:
                    assert store is not None
                    store.save_many(default_run.stream(articles_of(chunk, args.corpus, start, default.max_bytes)))
                times[variant] += time.perf_counter() - began
                cpu[variant] += time.process_time() - began_cpu

        warm = min(10, len(lines))
        for variant in times:  # load the model, build the pipelines, open the store: not timed
            run(variant, 1, lines[:warm], texts[:warm])
        for variant in times:
            times[variant] = cpu[variant] = 0.0
        for n, start in enumerate(range(0, len(lines), args.slice)):
            # Rotate, and reverse every other time, so each variant runs in each position as often.
            variants = list(times)
            shift = (n // 2) % len(variants)
            order = variants[shift:] + variants[:shift]
            order = order if n % 2 == 0 else order[::-1]
            for variant in order:
                run(variant, start + 1, lines[start : start + args.slice], texts[start : start + args.slice])
        if store is not None:
            store.close()

    labels = {
        "a": "(a) raw spaCy nlp.pipe",
        "b": f"(b) analyze, rule stages ({len(default_run_stages(rules))} stages)",
        "c": f"(c) analyze, default stages ({len(default_run_stages(default))} stages)",
        "d": "(d) analyze + SQLite store",
        "e": f"(e) default, persuasion off ({len(default_run_stages(no_persuasion))})",
    }
    for variant in ("a", "b", "c", "d", "e"):
        if variant not in times:
            if variant == "d" and "d" in chosen:
                print(f"{labels[variant]:<44} store not available")
            continue
        seconds, cpu_seconds = times[variant], cpu[variant]
        ratio = (
            ""
            if variant == "a"
            else f"   {variant}/a = {times['a'] / seconds:.3f} (CPU time: {cpu['a'] / cpu_seconds:.3f})"
        )
        print(
            f"{labels[variant]:<44} {seconds:8.1f} s {words / seconds:9,.0f} words/s "
            f"(CPU {cpu_seconds:.1f} s, {words / cpu_seconds:,.0f} words per CPU second){ratio}"
        )
    if rules == default:
        print("note: (b) and (c) are the same settings today (the default attribution is 'rules'): their gap is noise")
    print(f"load average after (a)-(d): {load_average()}")
    sys.stdout.flush()


def rules_only() -> Settings:
    """The default settings with rule attribution and every optional model stage switched off."""
    return load_settings(attribution="rules", persuasion="off")


def default_run_stages(settings: Settings) -> list[str]:
    from newstrace.pipeline import get_pipeline

    return get_pipeline(settings).stage_names


def parallel(
    args: argparse.Namespace, lines: list[str], words: int, settings: Settings, caches: Caches, sink: Any
) -> None:
    """1 worker, N local worker processes and a Dask LocalCluster of N, each on the whole corpus."""
    runs: list[tuple[str, Analyzer]] = [("1 worker (this process)", Analyzer(settings, workers=1))]
    runs.append((f"{args.workers} local worker processes", Analyzer(settings, workers=args.workers)))
    if not args.no_dask:
        runs.append(
            (f"Dask LocalCluster, {args.workers} workers", Analyzer(settings, workers=args.workers, scheduler="local"))
        )
    seconds: list[float] = []
    for label, analyzer in runs:
        with analyzer:
            began = time.perf_counter()
            analyzer.start()
            warm = 2 * analyzer.window * analyzer.chunk_size
            list(analyzer.stream(synthetic(warm)))  # every worker has loaded the model
            started = time.perf_counter() - began
            meter = CpuMeter()
            with caches.of(label):
                meter.start()
                began = time.perf_counter()
                count = write_json(analyzer.stream(articles_of(lines, args.corpus, 1, settings.max_bytes)), sink)
                elapsed = time.perf_counter() - began
                share = meter.stop()
        assert count == len(lines)
        seconds.append(elapsed)
        speedup = f"   x{seconds[0] / elapsed:.2f} of 1 worker" if len(seconds) > 1 else ""
        if len(seconds) == 3:
            speedup += f"; {seconds[1] / elapsed:.3f} of local workers"
        print(
            f"{label:<44} {elapsed:8.1f} s {words / elapsed:9,.0f} words/s{speedup}   "
            f"(start-up and warm-up {started:.1f} s, not counted)\n    {share}"
        )
        sys.stdout.flush()
    print(f"load average after the parallel runs: {load_average()}")


if __name__ == "__main__":
    sys.exit(main())
