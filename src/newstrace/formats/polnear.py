"""PolNeAR as a data format: its drawing conventions and its brat standoff files (no scoring here).

PolNeAR (Newell et al., LREC 2018) marks Source, Cue and Content spans of attributions in brat
standoff: ``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann``. The evaluation
(:mod:`newstrace.eval.polnear`), the training data of the attribution tagger
(:mod:`newstrace.training.attribution_data`) and the tagger stages (which map the tagger's
PolNeAR-style spans onto the record) all read the conventions from here, so they cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, EvaluationError

ROLES = ("Source", "Cue", "Content")

_T_LINE = re.compile(r"^(?P<id>T\d+)\t(?P<role>[\w-]+) (?P<offsets>\d+ \d+(?:;\d+ \d+)*)\t")
_ANNOTATOR = re.compile(r"^(?P<article>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")
# PolNeAR's drawing conventions, shared with the tagger stages that map its spans the other way.
QUOTE_OPEN = "\"“'‘"
QUOTE_CLOSE = "\"”'’"
INNER_PUNCT = ".,!?;:…"  # punctuation PolNeAR keeps inside a quotation's closing mark
# Words that PolNeAR's cues take before the verb ("[has also said]", "[did not say]"); ours leave them out.
CUE_PREFIX_WORDS = (
    r"(?:\b(?:has|have|had|having|is|are|was|were|be|been|being|will|would|shall|should|can|could|may|might|must|"
    r"do|does|did|not|never|also|later|now|since|still|just|already|once|often|repeatedly|previously|recently|"
    r"initially|first|even|reportedly|publicly|privately|then|again|too|always|long|ever|only)|\b\w*n[’']t)\s+"
)

Offsets = tuple[int, int]


@dataclass
class GoldArticle:
    """One scored article: its text and the gold spans of each role (deduplicated, sorted)."""

    name: str
    text: str
    ann_path: Path
    spans: dict[str, list[Offsets]]


def read_ann(path: Path, text: str) -> dict[str, list[Offsets]]:
    """Source / Cue / Content spans of one brat file, discontinuous spans joined first-to-last."""
    spans: dict[str, set[Offsets]] = {role: set() for role in ROLES}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.startswith("T") or "\t" not in line:
                continue  # E lines, notes, and continuation lines of a multi-line span text
            match = _T_LINE.match(line)
            if match is None:
                raise EvaluationError(Errors.E041.format(path=path, line=number, reason="malformed T line"))
            role = match.group("role")
            if role not in spans:
                continue
            fragments = [tuple(int(n) for n in part.split()) for part in match.group("offsets").split(";")]
            # Fragments are not always listed in text order: take the earliest start and the latest end.
            start, end = min(f[0] for f in fragments), max(f[1] for f in fragments)
            if not 0 <= start < end <= len(text):
                raise EvaluationError(
                    Errors.E045.format(path=path, line=number, start=start, end=end, length=len(text))
                )
            stripped = strip_span(text, start, end)
            if stripped is not None:
                spans[role].add(stripped)
    return {role: sorted(found) for role, found in spans.items()}


def select_annotations(gold_dir: Path) -> list[tuple[str, Path, Path]]:
    """(article, text path, .ann path) for each article once: the first annotator's file in sorted order."""
    ann_dir, text_dir = gold_dir / "attributions", gold_dir / "text"
    if not ann_dir.is_dir() or not text_dir.is_dir():
        raise EvaluationError(
            Errors.E040.format(path=gold_dir, expected="'text/*.txt' and 'attributions/*.ann' (PolNeAR brat)")
        )
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        match = _ANNOTATOR.match(ann.name)
        article = match.group("article") if match else ann.stem
        chosen.setdefault(article, ann)
    if not chosen:
        raise EvaluationError(
            Errors.E040.format(path=ann_dir, expected="at least one '<article>_<annotator>.ann' file")
        )
    out = []
    for article, ann in sorted(chosen.items()):
        text_path = text_dir / f"{article}.txt"
        if not text_path.is_file():
            raise EvaluationError(Errors.E046.format(ann=ann, text=text_path))
        out.append((article, text_path, ann))
    return out


def annotations_by_article(gold_dir: Path) -> dict[str, list[Path]]:
    """Every ``.ann`` file of a PolNeAR folder grouped by article, annotators in sorted order."""
    by_article: dict[str, list[Path]] = {}
    for ann in sorted((gold_dir / "attributions").glob("*.ann")):
        match = _ANNOTATOR.match(ann.name)
        by_article.setdefault(match.group("article") if match else ann.stem, []).append(ann)
    return by_article


def load_gold(gold_dir: str | Path, *, limit: int | None = None) -> list[GoldArticle]:
    """Every article of a PolNeAR folder with its gold spans (the first ``limit`` in name order)."""
    selected = select_annotations(Path(gold_dir))
    if limit is not None:
        selected = selected[:limit]
    gold = []
    for name, text_path, ann in selected:
        text = text_path.read_text(encoding="utf-8")
        gold.append(GoldArticle(name, text, ann, read_ann(ann, text)))
    return gold


def strip_span(text: str, start: int, end: int) -> Offsets | None:
    """The span without surrounding whitespace, or None when nothing else is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
