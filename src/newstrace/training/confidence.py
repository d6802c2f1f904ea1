"""Fit the confidence table (``resources/confidence.json``) on the tuning half of the real-news gold.

For every attribution newstrace gives on the tuning articles (realnews-dev part A and
gold/realnews/part-c; each content part counts once, as the scorer counts them), the cells of its
evidence (``stages/confidence.py``) count a case, and a right one when it matched a gold
attribution with the right speaker; the speaker cells count the matched ones, and a right one when
the speaker was right. The held-out half (parts B and D) is never read here: it is where the
calibration is checked (docs/realnews.md).

    python -m newstrace.training.confidence
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from datetime import date
from pathlib import Path

from ..eval.attributions import DEFAULT_CORPORA, analyzed, match, predicted_units, speaker_right
from ..formats.realnews import load_gold
from ..settings import load_settings
from ..stages.confidence import TABLE, evidence_keys

REPO = Path(__file__).resolve().parents[3]
TUNE = ("../shared/data/realnews-dev/part-a.jsonl", "gold/realnews/part-c.jsonl")
MIN_CASES = 8


def fit(gold_paths: tuple[str, ...] = TUNE, corpora: str | Path = DEFAULT_CORPORA) -> dict[str, object]:
    gold = load_gold([REPO / path for path in gold_paths], corpora if Path(corpora).is_absolute() else REPO / corpora)
    attribution_cells: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "right": 0})
    speaker_cells: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "right": 0})
    for expected, article in zip(gold, analyzed(gold, load_settings(persuasion="off")), strict=True):
        speakers = {entry["id"]: entry for entry in expected.speakers}
        units = predicted_units(article)
        pairs = {p: g for g, p, _ in match(expected.attributions, units)}
        for p, unit in enumerate(units):
            right = p in pairs and speaker_right(unit, expected.attributions[pairs[p]], speakers)
            for key in (*evidence_keys(unit.attribution), "*|*"):
                attribution_cells[key]["n"] += 1
                attribution_cells[key]["right"] += right
                if p in pairs:
                    speaker_cells[key]["n"] += 1
                    speaker_cells[key]["right"] += right
    return {
        "fitted": date.today().isoformat(),
        "gold": list(gold_paths),
        "min_cases": MIN_CASES,
        "attribution": dict(sorted(attribution_cells.items())),
        "speaker": dict(sorted(speaker_cells.items())),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TABLE)
    parser.add_argument("--corpora", default=str(DEFAULT_CORPORA))
    args = parser.parse_args(argv)
    table = fit(corpora=args.corpora)
    args.out.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {table['attribution']['*|*']} attributions")  # type: ignore[index]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
