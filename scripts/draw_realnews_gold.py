"""Draw more real-news articles to annotate, by the rule of ../shared/data/realnews-dev (its part-*.selection.txt).

Candidates: 150-700 words (``len(text.split())``) and at least two attribution cues; each source's
candidates sorted by id and shuffled with a fixed seed; articles already in realnews-dev are left
out; allsides articles are taken from outlets not yet taken in this draw. Prints the chosen ids, one
line each, in the order drawn, so a person annotates them from the text alone before any system
output is looked at.

    python scripts/draw_realnews_gold.py --seed 13 --per-source 10 > gold/realnews/part-c.selection.txt
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
from pathlib import Path

SHARED = Path(os.environ.get("NEWSTRACE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SOURCES = {
    "KCNA": "kcna-2011-2012.jsonl.gz",
    "Reuters": "reuters21578.jsonl.gz",
    "allsides": "allsides-12k.jsonl.gz",
}
CUES = re.compile(
    r"\b(?:said|says|told|according to|noted|added|urged|went on|goes on|stressed|stated|declared|"
    r"announced|warned|claimed|called for|pointed out)\b"
)


def already_annotated(folder: Path) -> set[str]:
    ids: set[str] = set()
    for path in sorted(folder.glob("part-*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            ids.update(json.loads(line)["id"] for line in lines if line.strip())
    return ids


def candidates(path: Path, taken: set[str]) -> list[dict[str, str]]:
    chosen = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            text = record.get("text") or ""
            if record["id"] in taken or not 150 <= len(text.split()) <= 700:
                continue
            if len(CUES.findall(text)) >= 2:
                chosen.append(
                    {
                        "id": record["id"],
                        "outlet": record.get("outlet") or "",
                        "date": record.get("date") or record.get("date_raw") or "",
                        "words": str(len(text.split())),
                    }
                )
    return sorted(chosen, key=lambda c: c["id"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--per-source", type=int, default=10)
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args(argv)
    taken = already_annotated(args.shared / "data" / "realnews-dev")
    rng = random.Random(args.seed)
    print(f"seed {args.seed}; {args.per_source} per source; {len(taken)} realnews-dev articles left out")
    for source, name in SOURCES.items():
        pool = candidates(args.shared / "data" / "corpora" / name, taken)
        rng.shuffle(pool)
        outlets: set[str] = set()
        picked = 0
        for candidate in pool:
            if source == "allsides" and candidate["outlet"] in outlets:
                continue
            outlets.add(candidate["outlet"])
            print(f"{name}\t{candidate['id']}\t{candidate['outlet']}\t{candidate['date']}\t{candidate['words']} words")
            picked += 1
            if picked == args.per_source:
                break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
