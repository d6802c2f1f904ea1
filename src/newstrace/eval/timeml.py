"""Time expressions against TimeML gold, scored as TempEval-3 scores them.

Each ``.tml`` file's TEXT is analyzed with its document creation time (DCT) as the article's date,
by the stages that find and resolve times (header, language, parse, times). Gold TIMEX3 elements
and the record's ``times`` are matched one to one:

- **strict**: the same start and end; **relaxed**: the spans overlap (the largest overlap first).
- **value**: over relaxed matches, the system's value equals the gold ``value`` exactly
  (``1998-01-08``, ``1997-10``, ``P1W``, ``PRESENT_REF``); value precision is over the system's
  expressions, recall over gold's, as TempEval-3's attribute F1.
- **MEANTIME** (NAF/CAT ``.xml``): the tokens are joined back into text, and only what was
  annotated is scored — the title, the date line and the first four sentences.
- **type**: over relaxed matches. The record has no TIMEX3 type, so it is read off the value
  (``P...`` DURATION, a ``T`` time part TIME, ``XXXX-WXX...`` or an unresolved "every ..." SET,
  else DATE) — an expression left without a value counts as DATE.

The split is fixed by the file name (SHA-1 of the document id, modulo 5): ``test`` is one fifth of
TBAQ held out for reporting, ``dev`` the rest, for development. ``newstrace eval timeml`` scores
``dev`` unless told otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, EvaluationError
from ..pipeline import Pipeline
from ..record import Article
from ..settings import load_settings

DEFAULT_DIR = Path("../shared/data/timeml/tbaq")
STAGES = ["header.v1", "language.v1", "parse.spacy.v1", "times.v1"]


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str | None
    text: str


@dataclass
class TimemlDocument:
    name: str
    text: str
    dct: str | None
    timexes: list[Timex]
    # gold covers only the text before this offset (MEANTIME annotates the first six sentences)
    annotated_until: int | None = None


def split_of(name: str) -> str:
    """'test' for the held-out fifth of the documents, 'dev' for the rest (fixed by the name)."""
    return "test" if int(hashlib.sha1(name.encode()).hexdigest(), 16) % 5 == 0 else "dev"


def read_tml(path: Path) -> TimemlDocument:
    """The TEXT of a TimeML file as plain text, its TIMEX3 spans in it, and the DCT's value."""
    root = ET.parse(path).getroot()
    dct_element = root.find("DCT/TIMEX3")
    dct = dct_element.get("value") if dct_element is not None else None
    body = root.find("TEXT")
    if body is None:
        raise EvaluationError(Errors.E040.format(path=path, expected="a TimeML file with a TEXT element"))
    pieces: list[str] = []
    timexes: list[Timex] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            pieces.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)
        if element.tag == "TIMEX3":
            text = "".join(pieces)[start:length]
            # gold extents are trimmed of surrounding space, as a system's are
            lead = len(text) - len(text.lstrip())
            trail = len(text) - len(text.rstrip())
            timexes.append(
                Timex(start + lead, length - trail, element.get("type", "DATE"), element.get("value"), text.strip())
            )

    walk(body)
    timexes.sort(key=lambda t: (t.start, t.end))
    return TimemlDocument(path.stem, "".join(pieces), dct[:10] if dct else None, timexes)


# MEANTIME's annotators marked the title, the date line and the first four sentences (sentences
# 0-5): found expressions after them have no gold to be scored against.
MEANTIME_SENTENCES = 6
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "’s", "n't", "'", "''"}
_NO_SPACE_AFTER = {"(", "[", "$", "``"}


def read_meantime(path: Path) -> TimemlDocument:
    """A MEANTIME (NAF/CAT) document: its tokens joined back into text (no space before a comma or
    after an opening bracket), sentences on lines of their own, TIMEX3 spans over their tokens."""
    root = ET.parse(path).getroot()
    pieces: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    length = 0
    previous: ET.Element | None = None
    for token in root.iter("token"):
        text = token.text or ""
        if previous is not None:
            if token.get("sentence") != previous.get("sentence"):
                separator = "\n"
            elif text in _NO_SPACE_BEFORE or (previous.text or "") in _NO_SPACE_AFTER:
                separator = ""
            else:
                separator = " "
            pieces.append(separator)
            length += len(separator)
        spans[token.get("t_id", "")] = (length, length + len(text))
        pieces.append(text)
        length += len(text)
        previous = token
    dct = None
    timexes: list[Timex] = []
    full = "".join(pieces)
    for element in root.iter("TIMEX3"):
        anchors = [spans[a.get("t_id", "")] for a in element.iter("token_anchor") if a.get("t_id") in spans]
        if element.get("functionInDocument") == "CREATION_TIME":
            dct = (element.get("value") or "")[:10] or None
        if not anchors:
            continue
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        timexes.append(Timex(start, end, element.get("type", "DATE"), element.get("value"), full[start:end]))
    timexes.sort(key=lambda t: (t.start, t.end))
    annotated = [end for token, (_, end) in zip(root.iter("token"), spans.values(), strict=False)
                 if int(token.get("sentence", "0")) <= MEANTIME_SENTENCES - 1]  # fmt: skip
    return TimemlDocument(path.stem, full, dct, timexes, max(annotated, default=len(full)))


def documents(folder: Path, split: str) -> Iterator[TimemlDocument]:
    """TimeML ``.tml`` files (TBAQ), or MEANTIME's NAF/CAT ``.xml`` files when there is no ``.tml``."""
    files = sorted(p for p in folder.rglob("*.tml") if not p.name.startswith("._"))  # not macOS metadata
    reader = read_tml
    if not files:
        files = sorted(p for p in folder.rglob("*.xml") if not p.name.startswith("._"))
        reader = read_meantime
    if not files:
        raise EvaluationError(Errors.E040.format(path=folder, expected="a folder of TimeML .tml or MEANTIME .xml"))
    for path in files:
        if split == "all" or split_of(path.stem) == split:
            yield reader(path)


@dataclass
class TimeScore:
    documents: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_right: int = 0
    type_right: int = 0
    errors: list[tuple[str, str, str | None, str | None, str]] = field(default_factory=list)
    missed: list[tuple[str, str, str | None]] = field(default_factory=list)
    spurious: list[tuple[str, str, str | None]] = field(default_factory=list)

    @staticmethod
    def _f1(right: int, system: int, gold: int) -> tuple[float, float, float]:
        p = right / system if system else 0.0
        r = right / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def strict_prf(self) -> tuple[float, float, float]:
        return self._f1(self.strict, self.system, self.gold)

    def relaxed_prf(self) -> tuple[float, float, float]:
        return self._f1(self.relaxed, self.system, self.gold)

    def value_prf(self) -> tuple[float, float, float]:
        return self._f1(self.value_right, self.system, self.gold)

    @property
    def type_accuracy(self) -> float:
        return self.type_right / self.relaxed if self.relaxed else 0.0


_ONE_DIGIT_WEEK = re.compile(r"-W(\d)(?!\d)")


def same_value(found: str | None, gold: str | None) -> bool:
    """Equal TIMEX3 values. TimeML writes ISO weeks with two digits (``2000-W07``); some of TimeBank's
    2000 documents wrote one (``2000-W7``, 6 of 33 week values): the same week, read as equal."""
    if found is None or gold is None:
        return found == gold
    return _ONE_DIGIT_WEEK.sub(r"-W0\1", found) == _ONE_DIGIT_WEEK.sub(r"-W0\1", gold)


def _match(gold: list[Timex], found: list[tuple[int, int, str | None, str]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) of overlapping spans, the largest overlap first."""
    candidates = []
    for g, timex in enumerate(gold):
        for s, (start, end, _, _) in enumerate(found):
            overlap = min(end, timex.end) - max(start, timex.start)
            if overlap > 0:
                candidates.append((-overlap, g, s))
    taken_gold: set[int] = set()
    taken_system: set[int] = set()
    pairs = []
    for _, g, s in sorted(candidates):
        if g not in taken_gold and s not in taken_system:
            taken_gold.add(g)
            taken_system.add(s)
            pairs.append((g, s))
    return pairs


def evaluate(folder: str | Path = DEFAULT_DIR, *, split: str = "dev", limit: int | None = None) -> TimeScore:
    pipeline = Pipeline(load_settings(persuasion="off"), STAGES)
    score = TimeScore()
    for number, document in enumerate(documents(Path(folder), split)):
        if limit is not None and number >= limit:
            break
        (article,) = pipeline.pipe([Article(document.text, source=document.name, published=document.dct)])
        until = document.annotated_until if document.annotated_until is not None else len(document.text)
        scored = [t for t in article.times if t.span.start < until]
        # a set's TimeML value is its frequency ("every day": P1D); the record's value says when
        found = [(t.span.start, t.span.end, t.frequency if t.type == "SET" else t.value, t.type) for t in scored]
        found_text = [t.span.text for t in scored]
        score.documents += 1
        score.gold += len(document.timexes)
        score.system += len(found)
        matched_gold = set()
        matched_found = set()
        for g, s in _match(document.timexes, found):
            gold, (start, end, value, timex_type) = document.timexes[g], found[s]
            matched_gold.add(g)
            matched_found.add(s)
            score.relaxed += 1
            score.strict += (start, end) == (gold.start, gold.end)
            score.type_right += timex_type == gold.type
            if same_value(value, gold.value):
                score.value_right += 1
            else:
                score.errors.append((document.name, gold.text, gold.value, value, found_text[s]))
        for g, gold in enumerate(document.timexes):
            if g not in matched_gold:
                score.missed.append((document.name, gold.text, gold.value))
        for s, (_, _, value, _) in enumerate(found):
            if s not in matched_found:
                score.spurious.append((document.name, found_text[s], value))
    if score.documents == 0:
        raise EvaluationError(Errors.E040.format(path=folder, expected=f"TimeML files in the '{split}' split"))
    return score


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", default=str(DEFAULT_DIR), help="folder of TimeML .tml files (TBAQ) or MEANTIME .xml files"
    )
    parser.add_argument(
        "--split", choices=("dev", "test", "all"), default="dev", help="dev (default), test (held out) or all"
    )
    parser.add_argument("--limit", type=int, help="score only the first N documents")
    parser.add_argument(
        "--show-errors",
        type=int,
        default=0,
        metavar="N",
        help="print N wrong values, N misses and N expressions found that the gold does not mark",
    )


def run_cli(args: argparse.Namespace) -> int:
    score = evaluate(args.path, split=args.split, limit=args.limit)
    print(f"TimeML {args.split}: {score.documents} documents, {score.gold} gold and {score.system} found expressions")
    print(f"{'':<18}{'P':>8}{'R':>8}{'F1':>8}")
    for name, (p, r, f) in (
        ("extent strict", score.strict_prf()),
        ("extent relaxed", score.relaxed_prf()),
        ("value", score.value_prf()),
    ):
        print(f"{name:<18}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    print(f"{'type accuracy':<18}{score.type_accuracy:>24.3f}")
    for name, text, gold, got, found in score.errors[: args.show_errors]:
        print(f"  wrong value  {name}: {text!r} gold {gold} got {got} (from {found!r})")
    for name, text, gold in score.missed[: args.show_errors]:
        print(f"  missed       {name}: {text!r} gold {gold}")
    for name, text, got in score.spurious[: args.show_errors]:
        print(f"  not in gold  {name}: {text!r} got {got}")
    return 0
