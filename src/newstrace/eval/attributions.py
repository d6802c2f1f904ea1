"""Who said what on real news: attributions and their speakers against the hand-read real-news gold.

Gold: the real-news gold files (``formats/realnews.py``): ``../shared/data/realnews-dev/part-*.jsonl``
and newstrace's own ``gold/realnews/part-*.jsonl``. Each article is read as the corpus line it
is (``sources.jsonl.parse_record``: the same Article ``ingest`` makes) and analyzed with the settings.

Scoring, as the gold's README defines it:

- **match**: a predicted attribution matches a gold one when their contents share at least half of
  the shorter content's characters; one-to-one, largest overlap first. A prediction whose quote is
  split by its cue (``content_parts``) counts as one prediction per part, as the gold draws them.
- **precision** = matched / predicted, **recall** = matched / gold.
- **speaker right**, among matched: the predicted name contains every token of the gold name or of
  an alias the article uses, or its tokens are a subset of those that includes the gold ``key``;
  title words are ignored; a gold speaker that is a list accepts any member; ``speaker_accept`` lists
  other right answers. A gold ``null`` (unnamed source) is right only for an unresolved prediction;
  an unresolved prediction is right only there (or where ``speaker_accept`` has ``null``).
- **wrong name**: matched, the prediction names someone, and not the right one: the error a
  fact-checker cannot afford, counted apart from honest "unresolved" answers.
- **fully right**: matched, speaker right, and the contents overlap by at least 90% of the longer.
- finer checks among matched: kind (``according_to`` is our ``indirect``), relay chain
  (``reported_via`` against ``via``), cue overlap.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..formats.realnews import GoldArticle, load_gold
from ..record import Article, Attribution, Span
from ..settings import Settings, load_settings
from ..sources.jsonl import DEFAULT_FIELDS, parse_record
from ..stages._lib.lexicon import TITLE_WORDS
from .polnear import Counts, add_output_options

SHARED = Path("../shared")
DEFAULT_CORPORA = SHARED / "data" / "corpora"
FULL_OVERLAP = 0.9
_TOKEN = re.compile(r"[^\W_]+")
_IGNORED = frozenset(TITLE_WORDS) | {"the", "mr", "mrs", "ms", "dr"}


# --- one predicted unit per contiguous content -------------------------------------------------------
@dataclass
class Predicted:
    attribution: Attribution
    content: Span

    @property
    def unresolved(self) -> bool:
        speaker = self.attribution.speaker
        return speaker.resolution == "unresolved" or not speaker.entities or not speaker.name


def predicted_units(article: Article) -> list[Predicted]:
    units: list[Predicted] = []
    for attribution in article.attributions:
        parts = attribution.content_parts or [attribution.content]
        units.extend(Predicted(attribution, part) for part in parts)
    return units


# --- names -------------------------------------------------------------------------------------------
def name_tokens(name: str) -> frozenset[str]:
    return frozenset(t for t in _TOKEN.findall(name.lower()) if t not in _IGNORED)


def _gold_names(gold: dict[str, Any], speakers: dict[str, dict[str, Any]]) -> tuple[list[tuple[str, str]], bool]:
    """(name, key) pairs that count as right, and whether an unresolved answer counts as right."""
    speaker = gold.get("speaker")
    named = speaker if isinstance(speaker, list) else [speaker]
    accept = gold.get("speaker_accept") or []
    unresolved_ok = speaker is None or None in accept
    names: list[tuple[str, str]] = []
    for name in [*named, *accept]:
        if not name:
            continue
        entry = speakers.get(name, {})
        key = str(entry.get("key", "")).lower()
        names.append((name, key))
        names.extend((alias, key) for alias in entry.get("aliases", []))
    return names, unresolved_ok


def name_matches(predicted: str, gold: str, key: str) -> bool:
    mine, theirs = name_tokens(predicted), name_tokens(gold)
    if not mine or not theirs:
        return False
    return theirs <= mine or (mine <= theirs and bool(key) and key in mine)


def speaker_right(unit: Predicted, gold: dict[str, Any], speakers: dict[str, dict[str, Any]]) -> bool:
    names, unresolved_ok = _gold_names(gold, speakers)
    if unit.unresolved:
        return unresolved_ok
    predicted = unit.attribution.speaker.name or ""
    return any(name_matches(predicted, name, key) for name, key in names)


def relay_right(attribution: Attribution, gold: dict[str, Any], speakers: dict[str, dict[str, Any]]) -> bool:
    expected = gold.get("reported_via") or []
    if len(expected) != len(attribution.via):
        return False
    for mine, theirs in zip(attribution.via, expected, strict=True):
        key = str(speakers.get(theirs, {}).get("key", ""))
        aliases = [theirs, *speakers.get(theirs, {}).get("aliases", [])]
        if not any(name_matches(mine, alias, key) or name_matches(alias, mine, "") for alias in aliases):
            return False
    return True


# --- matching ----------------------------------------------------------------------------------------
def _overlap(a: Span | dict[str, Any], b: Span | dict[str, Any]) -> int:
    a_start, a_end = (a.start, a.end) if isinstance(a, Span) else (a["start"], a["end"])
    b_start, b_end = (b.start, b.end) if isinstance(b, Span) else (b["start"], b["end"])
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def match(
    gold: Sequence[dict[str, Any]],
    predicted: Sequence[Predicted],
    agrees: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int, int]]:
    """(gold index, predicted index, shared characters), one-to-one, largest overlap first.

    Where two gold attributions share the same words ('Fox News reported that, Wells said, agents
    picked up the server': the paper's and Wells's), a prediction whose speaker ``agrees`` with one
    of them is paired with that one; otherwise the first in the text."""
    candidates = []
    for g, gold_attribution in enumerate(gold):
        content = gold_attribution["content"]
        g_len = content["end"] - content["start"]
        for p, unit in enumerate(predicted):
            shared = _overlap(unit.content, content)
            if shared and 2 * shared >= min(g_len, unit.content.end - unit.content.start):
                candidates.append((shared, g, p))
    pairs, used_gold, used_pred = [], set(), set()

    def order(candidate: tuple[int, int, int]) -> tuple[int, bool, int, int]:
        shared, g, p = candidate
        return (-shared, not (agrees is not None and agrees(g, p)), g, p)

    for shared, g, p in sorted(candidates, key=order):
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p, shared))
    return sorted(pairs)


# --- counts ------------------------------------------------------------------------------------------
@dataclass
class Tally:
    articles: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_right: int = 0
    wrong_name: int = 0
    unresolved_named: int = 0  # matched, unresolved, but the gold names the speaker
    fully_right: int = 0
    kind_right: int = 0
    relay_right: int = 0
    cue_right: int = 0
    cue_both: int = 0
    speakerless: int = 0  # predictions with no speaker mention at all

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    @property
    def counts(self) -> Counts:
        """Matched, predicted and gold as PolNeAR's scorer counts them (its precision, recall, F1)."""
        return Counts(self.matched, self.predicted, self.gold)

    @property
    def precision(self) -> float:
        return self.counts.precision

    @property
    def recall(self) -> float:
        return self.counts.recall

    @property
    def f1(self) -> float:
        return self.counts.f1

    @property
    def speaker_accuracy(self) -> float:
        return self._ratio(self.speaker_right, self.matched)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data.update(
            precision=round(self.precision, 4),
            recall=round(self.recall, 4),
            f1=round(self.f1, 4),
            speaker_accuracy=round(self.speaker_accuracy, 4),
            fully_right_of_gold=round(self._ratio(self.fully_right, self.gold), 4),
        )
        return data


@dataclass
class Miss:
    """One error, for reading by hand (``--show-errors``)."""

    kind: str  # spurious, missed, speaker, wrong_name
    article: str
    detail: str

    def describe(self) -> str:
        return f"[{self.kind}] {self.article}: {self.detail}"


CONFIDENCE_BINS = (0.0, 0.5, 0.7, 0.9, 1.01)


@dataclass
class RealnewsResult:
    attribution: str
    by_corpus: dict[str, Tally] = field(default_factory=dict)
    # Per confidence bin (lower bound): [predictions, right ones] (right: matched, speaker right).
    calibration: dict[float, list[int]] = field(default_factory=lambda: {b: [0, 0] for b in CONFIDENCE_BINS[:-1]})
    failed: list[str] = field(default_factory=list)
    errors: list[Miss] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def overall(self) -> Tally:
        total = Tally()
        for tally in self.by_corpus.values():
            total.add(tally)
        return total

    def to_dict(self) -> dict[str, Any]:
        return {
            "attribution": self.attribution,
            "overall": self.overall.to_dict(),
            "by_corpus": {name: tally.to_dict() for name, tally in sorted(self.by_corpus.items())},
            "calibration": {f"{low:.1f}": {"n": n, "right": right} for low, (n, right) in self.calibration.items()},
            "failed": self.failed,
            "seconds": round(self.seconds, 1),
        }


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def score_article(gold: GoldArticle, article: Article, result: RealnewsResult, *, keep_errors: bool) -> Tally:
    tally = Tally(articles=1)
    speakers = {entry["id"]: entry for entry in gold.speakers}
    units = predicted_units(article)
    tally.gold, tally.predicted = len(gold.attributions), len(units)
    tally.speakerless = sum(1 for u in units if u.attribution.speaker.mention is None)
    pairs = match(gold.attributions, units, lambda g, p: speaker_right(units[p], gold.attributions[g], speakers))
    tally.matched = len(pairs)
    by_unit = {p: g for g, p, _ in pairs}
    for p, unit in enumerate(units):
        if unit.attribution.confidence is None:
            continue
        low = max(b for b in CONFIDENCE_BINS[:-1] if b <= unit.attribution.confidence)
        result.calibration[low][0] += 1
        result.calibration[low][1] += p in by_unit and speaker_right(unit, gold.attributions[by_unit[p]], speakers)
    for g, p, shared in pairs:
        expected, unit = gold.attributions[g], units[p]
        right = speaker_right(unit, expected, speakers)
        tally.speaker_right += right
        if not right:
            if unit.unresolved:
                tally.unresolved_named += 1
            else:
                tally.wrong_name += 1
            if keep_errors:
                said = "unresolved" if unit.unresolved else repr(unit.attribution.speaker.name)
                mention = unit.attribution.speaker.mention
                result.errors.append(
                    Miss(
                        "speaker" if unit.unresolved else "wrong_name",
                        gold.id,
                        f"{said} (mention {mention.text if mention else None!r}) for gold {expected.get('speaker')!r}:"
                        f" {_short(unit.content.text)}",
                    )
                )
        g_len = expected["content"]["end"] - expected["content"]["start"]
        longer = max(g_len, unit.content.end - unit.content.start)
        tally.fully_right += right and shared >= FULL_OVERLAP * longer
        kind = "indirect" if expected["kind"] == "according_to" else expected["kind"]
        tally.kind_right += unit.attribution.kind == kind
        tally.relay_right += relay_right(unit.attribution, expected, speakers)
        if expected.get("cue") and unit.attribution.cue:
            tally.cue_both += 1
            tally.cue_right += _overlap(unit.attribution.cue, expected["cue"]) > 0
    if keep_errors:
        matched_gold = {g for g, _, _ in pairs}
        matched_pred = {p for _, p, _ in pairs}
        for g, expected in enumerate(gold.attributions):
            if g not in matched_gold:
                detail = f"{expected.get('speaker')!r} {expected['kind']}: {_short(expected['content']['text'])}"
                result.errors.append(Miss("missed", gold.id, detail))
        for p, unit in enumerate(units):
            if p not in matched_pred:
                speaker = unit.attribution.speaker
                who = speaker.name if speaker.mention else "(no speaker)"
                cue = unit.attribution.cue
                said = f" {' '.join(cue.text.split())!r}" if cue is not None else ""
                detail = f"{who!r} {unit.attribution.kind} [{unit.attribution.rule}{said}]: {_short(unit.content.text)}"
                result.errors.append(Miss("spurious", gold.id, detail))
    return tally


def analyzed(gold: Sequence[GoldArticle], settings: Settings, *, progress: bool = False) -> Iterable[Article]:
    """Each gold article as ``ingest`` would read its corpus line, analyzed; in gold order."""
    from ..run import analyze_corpus

    articles = []
    for number, item in enumerate(gold, 1):
        read = parse_record(
            json.dumps(item.record()).encode("utf-8"), number, container=item.source, names=dict(DEFAULT_FIELDS)
        )
        assert isinstance(read, Article), f"gold article {item.id} has no text"
        articles.append(read)
    for result in analyze_corpus(articles, settings=settings, progress=progress):
        assert isinstance(result, Article)
        yield result


def evaluate(
    paths: Iterable[str | Path],
    *,
    corpora: str | Path = DEFAULT_CORPORA,
    settings: Settings | None = None,
    keep_errors: bool = False,
    progress: bool = False,
) -> RealnewsResult:
    gold = load_gold(paths, corpora)
    settings = settings or load_settings()
    result = RealnewsResult(attribution=settings.attribution)
    began = time.perf_counter()
    for expected, article in zip(gold, analyzed(gold, settings, progress=progress), strict=True):
        if article.errors:
            result.failed.append(expected.id)
        tally = score_article(expected, article, result, keep_errors=keep_errors)
        result.by_corpus.setdefault(expected.corpus, Tally()).add(tally)
    result.seconds = time.perf_counter() - began
    return result


# --- CLI -----------------------------------------------------------------------------------------
def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", nargs="+", help="real-news gold files (JSON Lines), e.g. gold/realnews/part-c.jsonl")
    parser.add_argument(
        "--corpora", default=str(DEFAULT_CORPORA), help="folder of the corpus files an offsets-only gold refers to"
    )
    add_output_options(parser)
    parser.add_argument(
        "--show-errors", action="store_true", help="list every miss, spurious attribution and wrong speaker"
    )


def format_table(result: RealnewsResult) -> str:
    lines = [f"Real-news attributions: attribution={result.attribution}, {result.seconds:.1f} s", ""]
    header = (
        f"{'corpus':<10}{'articles':>9}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}"
        f"{'speaker':>9}{'wrong':>7}{'unres.':>7}{'fully':>7}{'kind':>6}{'relay':>7}{'no spk':>8}"
    )
    lines.append(header)
    lines.append("-" * len(header))
    rows = [*sorted(result.by_corpus.items()), ("all", result.overall)]
    for name, t in rows:
        matched = t.matched or 1
        lines.append(
            f"{name:<10}{t.articles:>9}{t.gold:>6}{t.predicted:>6}{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}"
            f"{t.speaker_accuracy:>9.3f}{t.wrong_name:>7}{t.unresolved_named:>7}"
            f"{t.fully_right / (t.gold or 1):>7.3f}{t.kind_right / matched:>6.2f}{t.relay_right / matched:>7.2f}"
            f"{t.speakerless:>8}"
        )
    lines += [
        "",
        "P, R: attributions matched by content; speaker: right among matched; wrong: matched with another",
        "person's name; unres.: matched, unresolved, though the gold names the speaker; fully: matched with",
        "the right speaker and >= 90% content overlap, share of gold; kind, relay: right among matched;",
        "no spk: predictions without a speaker mention.",
    ]
    if any(n for n, _ in result.calibration.values()):
        lines += ["", "confidence   predictions   right (matched, right speaker)"]
        bounds = list(CONFIDENCE_BINS)
        for k, (low, (n, right)) in enumerate(result.calibration.items()):
            high = min(bounds[k + 1], 1.0)
            share = f"{right / n:.3f}" if n else "-"
            lines.append(f"{low:.1f}-{high:.1f}    {n:>11}   {share:>5} ({right})")
    if result.failed:
        lines.append(f"\n{len(result.failed)} articles failed in the pipeline: {', '.join(result.failed)}")
    return "\n".join(lines)


def run_cli(args: argparse.Namespace) -> int:
    overrides = {"attribution": args.attribution} if args.attribution else {}
    result = evaluate(
        args.gold,
        corpora=args.corpora,
        settings=load_settings(**overrides),
        keep_errors=args.show_errors,
        progress=True,
    )
    if args.format == "json":
        print(json.dumps(result.to_dict(), indent=2))
        return 0
    print(format_table(result))
    if result.errors:
        print()
        for error in result.errors:
            print(error.describe())
    return 0


__all__ = ["evaluate", "match", "name_matches", "speaker_right"]
