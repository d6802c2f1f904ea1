"""Dateline places on Reuters-21578: share of gold datelines whose place is extracted exactly.

Gold is the ``gold_dateline`` field (the DATELINE element of the original SGML), and each
story's ``text`` begins with that dateline as sent on the wire. The gold side is parsed here,
independently of the extractor, by :func:`gold_place`:

1. Runs of whitespace become one space; stray ``*`` wire markup at the start is dropped.
2. **The place is everything before the date.** The date is the first month word and day
   (``Feb 26``, ``MArch 2``, ``Narch 2``, ``Apri l7``, ``April, 13``) or day and month word
   (``26 Feb``). The month word is recognized by position (a word of letters just before a day
   of one or two digits), so typos in it do not change the gold place; places have no digits.
   Whatever follows the date is not looked at: a credit (``, Reuter -``) or, where the original
   markup ran on into the story, its first words (``LONDON, April 1 - Enquiries -``).
3. Without a day, the closing separator (``-``, ``--``, ``—``, ``–``) is removed and a bare
   month name at the end is the date (``CHICAGO, April -``).
4. Commas and spaces (and one dash) left at the end of the place are dropped; nothing else is
   changed, so ``OAKLAND , N.J.`` and ``CHEVY CHASE, Md.`` (from ``Md., - March 4``) stay as
   written.

A gold dateline is scored only when it has a place: a start that is a letter, no digits, and
letters in every word (words split at spaces; a lone comma is no word). The rest are table
rows the original markup took for datelines (``MAR8  --     --``, ``us  7.8015 -``) or a date
alone (``APRIL 7  -``); they are counted and reported, as are datelines found on them.

The extracted place is the place as written in the text (``DatelineMatch.place_start`` to
``place_end``), whitespace collapsed; a story counts as exact when it equals the gold place.
Dates are scored too, where the gold month word is a month name (any case): the extractor is
given the story's publication date (``date_raw``) and must resolve the same day.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import Errors, EvaluationError
from ..stages._lib.times import MONTHS, nearest_day
from ..stages.header import match_dateline

DEFAULT_PATH = "../shared/data/corpora/reuters21578.jsonl.gz"

_SEPARATOR_RE = re.compile(r"[ ,]*(?:--+|-|—|–)[ ]*$")
_MONTH_NAME = "(?i:" + "|".join(sorted({m.lower() for m in MONTHS}, key=len, reverse=True)) + r")\b"
# A day; "April l" and "Apri l7" are typed days too. Not the day of "AMSTERDAM, 2 March".
_DAY = rf"(?:\d{{1,2}}|l\d?)(?![\w.])(?![ ]+{_MONTH_NAME})"
_GOLD_DATE_RE = re.compile(
    rf"(?:^|(?<=[ ,-]))(?P<date>(?P<month>[A-Za-z]{{2,9}})\.?(?:[ ]*,[ ]*|[ ]+)(?P<day>{_DAY})"
    rf"|(?P<day2>\d{{1,2}})[ ]+(?P<month2>[A-Za-z]{{3,9}})\b)"
)
_PLACE_END_RE = re.compile(r"[ ,]*(?:-[ ,]*)?$")  # ", " or ", - " left before the date
_BARE_MONTH_RE = re.compile(r"(?:^|(?<=[ ,-]))(?P<month>[A-Za-z]{3,9})\.?[ ]*,?$")


@dataclass(frozen=True)
class GoldDateline:
    place: str | None
    month: int | None  # only when the month word is a month name exactly (any case)
    day: int | None


def parse_gold(gold_dateline: str) -> GoldDateline:
    """Place, month and day of a gold dateline, by the rules in the module docstring."""
    rest = " ".join(gold_dateline.split()).lstrip("* ")
    month = day = None
    date = _GOLD_DATE_RE.search(rest)
    if date:
        word = date.group("month") or date.group("month2")
        month = MONTHS.get(word.lower())
        day_text = date.group("day") or date.group("day2")
        day = int(day_text) if day_text.isdigit() else None
        rest = rest[: date.start("date")]
    else:
        rest = _SEPARATOR_RE.sub("", rest).rstrip(" ,")
        bare = _BARE_MONTH_RE.search(rest)
        if bare and bare.group("month").lower() in MONTHS and bare.start() > 0:
            rest = rest[: bare.start("month")]
    place = _PLACE_END_RE.sub("", rest)
    if not place or not place[0].isalpha() or any(c.isdigit() for c in place):
        return GoldDateline(None, None, None)
    if not all(any(c.isalpha() for c in word) for word in place.split() if word.strip(",")):
        return GoldDateline(None, None, None)  # "Jun --- ---": a table row
    return GoldDateline(place, month, day if month else None)


def gold_place(gold_dateline: str) -> str | None:
    """'RICHMOND, Va., March 5 -' -> 'RICHMOND, Va.': everything before the date (None: no place)."""
    return parse_gold(gold_dateline).place


@dataclass
class DatelineScore:
    rows: int = 0
    total: int = 0  # gold datelines with a place: the denominator
    exact: int = 0
    not_found: int = 0
    no_place: int = 0  # gold datelines without a place (table rows, a date alone)
    found_on_no_place: int = 0
    dates_total: int = 0
    dates_exact: int = 0
    misses: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.exact / self.total if self.total else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.dates_exact / self.dates_total if self.dates_total else 0.0


def _published(date_raw: str | None) -> str | None:
    """'26-FEB-1987 15:01:01.79' -> '1987-02-26'; ' 1-APR-1987 ...' too."""
    if not date_raw or not date_raw.split():
        return None
    try:
        return datetime.strptime(date_raw.split()[0], "%d-%b-%Y").date().isoformat()
    except ValueError:
        return None


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationError(Errors.E041.format(path=path, line=number, reason=exc.msg)) from exc
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise EvaluationError(Errors.E041.format(path=path, line=number, reason="no 'text' string"))
            yield number, row


def evaluate(path: str | Path = DEFAULT_PATH, *, limit: int | None = None, keep_misses: int = 50) -> DatelineScore:
    source = Path(path)
    if not source.is_file():
        raise EvaluationError(Errors.E040.format(path=source, expected="reuters21578.jsonl.gz (JSON Lines)"))
    score = DatelineScore()
    for number, row in _rows(source):
        if limit is not None and number > limit:
            break
        score.rows += 1
        gold_text = row.get("gold_dateline")
        if not gold_text:
            continue
        gold = parse_gold(gold_text)
        published = _published(row.get("date_raw"))
        found = match_dateline(row["text"], 0, published)
        if gold.place is None:
            score.no_place += 1
            score.found_on_no_place += found is not None
            continue
        score.total += 1
        got = " ".join(row["text"][found.place_start : found.place_end].split()) if found else None
        if got == gold.place:
            score.exact += 1
        else:
            score.not_found += found is None
            if len(score.misses) < keep_misses:
                score.misses.append((gold_text, got))
        if gold.month and gold.day and published:
            score.dates_total += 1
            expected = nearest_day(gold.month, gold.day, datetime.fromisoformat(published).date())
            score.dates_exact += found is not None and found.date == expected
    if score.total == 0:
        raise EvaluationError(Errors.E043.format(path=source))
    return score


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=DEFAULT_PATH, help="Reuters-21578 JSON Lines (.gz)")
    parser.add_argument("--limit", type=int, help="score only the first N stories")
    parser.add_argument("--show-misses", type=int, default=10, help="print this many misses")


def run_cli(args: argparse.Namespace) -> int:
    score = evaluate(args.path, limit=args.limit, keep_misses=max(args.show_misses, 0))
    rows = [
        ("stories", score.rows),
        ("gold datelines with a place", score.total),
        ("places exactly right", score.exact),
        ("accuracy", f"{score.accuracy:.4f}"),
        ("no dateline found", score.not_found),
        ("gold without a place", score.no_place),
        ("  of which one was found", score.found_on_no_place),
        ("gold dates (month named)", score.dates_total),
        ("date accuracy", f"{score.date_accuracy:.4f}"),
    ]
    print(f"{'metric':<30}{'value':>10}")
    for name, value in rows:
        print(f"{name:<30}{value!s:>10}")
    for gold, got in score.misses[: args.show_misses]:
        print(f"  miss: gold {gold!r} got {got!r}")
    return 0
