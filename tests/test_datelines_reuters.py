"""Dateline places on all of Reuters-21578, and the gold-side parsing that the score rests on."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newstrace.errors import EvaluationError
from newstrace.eval.datelines import GoldDateline, evaluate, parse_gold

from .conftest import shared_path

REUTERS = "data/corpora/reuters21578.jsonl.gz"

# Measured 0.9992 (18,967 of 18,982) and dates 0.9997: see docs/datelines.md. Pinned a little under.
PLACE_FLOOR = 0.998
DATE_FLOOR = 0.999


def test_reuters_dateline_places() -> None:
    score = evaluate(shared_path(REUTERS))
    assert score.rows == 19_043
    assert score.total + score.no_place == 19_043  # every story has a gold dateline
    assert score.total >= 18_900, "the gold-side parser lost places"
    assert score.accuracy >= PLACE_FLOOR, score.misses[:20]
    assert score.date_accuracy >= DATE_FLOOR
    assert score.dates_total >= 18_800
    assert score.found_on_no_place <= 5  # table rows are not datelines


@pytest.mark.parametrize(
    ("gold", "place", "month", "day"),
    [
        ("SALVADOR, Feb 26 -", "SALVADOR", 2, 26),
        ("RICHMOND, Va., March 5 -", "RICHMOND, Va.", 3, 5),
        ("RICHMOND, Va. Feb 26 -", "RICHMOND, Va.", 2, 26),
        ("OAKLAND , N.J., March 2 -", "OAKLAND , N.J.", 3, 2),
        ("NEW YORK, Narch 2 -", "NEW YORK", None, None),  # a typo'd month still ends the place
        ("NEW YORK, MArch 9 -", "NEW YORK", 3, 9),
        ("TAFT, Calif., Apri l7 -", "TAFT, Calif.", None, None),
        ("CHEVY CHASE, Md., - March 4 -", "CHEVY CHASE, Md.", 3, 4),
        ("WASHINGTON, March 12, Reuter -", "WASHINGTON", 3, 12),
        ("CHICAGO, March 4, -", "CHICAGO", 3, 4),
        ("EVANDALE, Ohio, April, 13 -", "EVANDALE, Ohio", 4, 13),
        ("AMSTERDAM, 2 March -", "AMSTERDAM", 3, 2),
        ("LONDON, April 1 - Enquiries -", "LONDON", 4, 1),
        ("****SANTO DOMINGO, March 4 -", "SANTO DOMINGO", 3, 4),
        ("CHICAGO, April -", "CHICAGO", None, None),
        ("WOODBRIDGE, N.J. -", "WOODBRIDGE, N.J.", None, None),
        ("TOKYO -", "TOKYO", None, None),
        ("Hauppauge, N.Y,. March 13 -", "Hauppauge, N.Y,.", 3, 13),
    ],
)
def test_gold_place_is_everything_before_the_date(gold: str, place: str, month: int | None, day: int | None) -> None:
    assert parse_gold(gold) == GoldDateline(place, month, day)


@pytest.mark.parametrize(
    "gold",
    ["MAR8  --     --", "us        7.8015 -", "Jun      ---    ---     ---", "APRIL 7  -", "7  -", "--",
     "- Position of APR 6   -", "overnight      4 1/2 -"],
)  # fmt: skip
def test_gold_without_a_place(gold: str) -> None:
    assert parse_gold(gold).place is None


def _write(path: Path, lines: list[str]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def test_scores_a_small_file_and_names_misses(tmp_path: Path) -> None:
    rows = [
        {"text": "SALVADOR, Feb 26 - Showers.", "gold_dateline": "SALVADOR, Feb 26 -", "date_raw": "26-FEB-1987 15:01"},
        {"text": "c    CHICAGO, March 9 - Text.", "gold_dateline": "c    CHICAGO, March 9 -", "date_raw": ""},
        {"text": "MAR8  --  -- x", "gold_dateline": "MAR8  --     --", "date_raw": ""},
    ]
    score = evaluate(_write(tmp_path / "r.jsonl.gz", [json.dumps(r) for r in rows]))
    assert (score.rows, score.total, score.exact, score.no_place) == (3, 2, 1, 1)
    assert score.misses == [("c    CHICAGO, March 9 -", None)]
    assert (score.dates_total, score.dates_exact) == (1, 1)


def test_missing_malformed_and_empty_gold(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="E040"):
        evaluate(tmp_path / "nope.jsonl.gz")
    with pytest.raises(EvaluationError, match=r"E041 .*:2: "):
        evaluate(_write(tmp_path / "bad.jsonl.gz", ['{"text": "x", "gold_dateline": ""}', "{not json"]))
    with pytest.raises(EvaluationError, match="E043"):
        evaluate(_write(tmp_path / "empty.jsonl.gz", ['{"text": "x", "gold_dateline": ""}']))
