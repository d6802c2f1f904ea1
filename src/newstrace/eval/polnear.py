"""Attribution spans on PolNeAR: precision, recall and F1 of Source, Cue and Content, exact and overlap.

Gold is PolNeAR's brat standoff: ``GOLD_DIR/text/<article>.txt`` and
``GOLD_DIR/attributions/<article>_<annotator>.ann``. Only the ``Source``, ``Cue`` and ``Content`` T
lines count (``Attribution`` repeats the cue; ``Discuss`` and ``Discard`` are annotator notes). An
article annotated by several people is scored once, on the first ``.ann`` file in sorted order. A
discontinuous span (``a b;c d``) counts as the span from its first start to its last end, and the
same span referenced by several attributions counts once.

Scoring, per role, over all articles:

- *exact*: a predicted span matches a gold span of the same role with the same start and end
  (after stripping surrounding whitespace from both);
- *overlap*: a predicted span matches a gold span of the same role when they share at least one
  non-space character. Matching is one-to-one (each gold span and each predicted span is counted
  at most once): pairs are taken greedily, largest shared stretch first.

Precision = matched / predicted, recall = matched / gold, F1 their harmonic mean.

How our record maps onto PolNeAR's conventions is decided in one place, :func:`polnear_spans`.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Errors, EvaluationError
from ..formats.polnear import (
    CUE_PREFIX_WORDS,
    INNER_PUNCT,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    ROLES,
    GoldArticle,
    Offsets,
    annotations_by_article,
    load_gold,
    read_ann,
    select_annotations,
    strip_span,
)
from ..record import Article, Attribution
from ..settings import ATTRIBUTION_MODES, CONVENTIONS_CHOICES, Settings, load_settings

DEFAULT_PATH = "../shared/data/polnear/dev"
# PolNeAR is scored under its own conventions: acts and events with a source are attributions there.
POLNEAR_CONVENTIONS = "polnear"
MODES = ("exact", "overlap")


# --- our record in PolNeAR's conventions ------------------------------------------------------------
def polnear_spans(article: Article) -> dict[str, list[Offsets]]:
    """The one place where our record is mapped onto PolNeAR's span conventions.

    - Source = the speaker mention as found in the text (``attribution.speaker.mention``), not the
      entity it resolves to; a mention with an apposition takes the comma that closes it, as
      PolNeAR draws it ("[Thomas Wiegold, an expert on defense affairs,] noted");
    - Cue = ``attribution.cue`` widened leftward over the auxiliaries, negation and adverbs right
      before it ("[has also said]", "[did not say]"): our cue is the verb of saying itself;
      attributions continued from an earlier quote have no cue;
    - Content = ``attribution.content`` widened the way PolNeAR draws contents: a complementizer
      "that" right before it is included ("said [that he would run]"), and a content that is a
      quotation takes its quotation marks and the punctuation inside them ("[“We will win.”]").
      Our record leaves both out on purpose: the content is what was said. A quotation that
      continues a direct quote (rule ``direct.continued``, a separate attribution with no cue in our
      record) is joined to the attribution before it: PolNeAR draws '"A," he said. "B."' as one
      attribution whose content runs from A to B.

    PolNeAR is univocal (a token belongs to at most one attribution) while our record keeps nested
    attributions ("McFadden added that Guccifer told her ..."); dropping the nested ones here was
    tried and lowered every F1 (see docs/evaluation.md), so all are scored.
    """
    spans: dict[str, set[Offsets]] = {role: set() for role in ROLES}
    text = article.text
    contents = {id(a): polnear_content(text, a) for a in article.attributions}
    scored: list[Attribution] = []
    for attribution in sorted(article.attributions, key=lambda a: a.content.start):
        if attribution.rule == "direct.continued" and scored:
            # PolNeAR draws a quotation continued after its attribution as one (discontinuous) content.
            last = scored[-1]
            contents[id(last)] = (contents[id(last)][0], contents[id(attribution)][1])
            continue
        scored.append(attribution)
    for attribution in scored:
        cue = attribution.cue
        mention = attribution.speaker.mention
        if mention is not None:
            end = mention.end
            if "," in mention.text and text[end : end + 1] == ",":
                end += 1
            _add(spans["Source"], text, mention.start, end)
        if cue is not None:
            _add(spans["Cue"], text, _widen_cue(text, cue.start), cue.end)
        _add(spans["Content"], text, *contents[id(attribution)])
    return {role: sorted(found) for role, found in spans.items()}


_CUE_PREFIX_BEFORE = re.compile(f"(?i){CUE_PREFIX_WORDS}$")


def _widen_cue(text: str, start: int) -> int:
    """Move a cue's start left over auxiliaries, negation and adverbs ("has also | said")."""
    while True:
        match = _CUE_PREFIX_BEFORE.search(text, max(0, start - 20), start)
        if match is None:
            return start
        start = match.start()


def polnear_content(text: str, attribution: Attribution) -> Offsets:
    """Content offsets widened to PolNeAR's convention (see :func:`polnear_spans`)."""
    start, end = attribution.content.start, attribution.content.end
    # Quotation marks: punctuation inside the closing mark, then the marks themselves.
    probe = end
    while probe < len(text) and text[probe] in INNER_PUNCT:
        probe += 1
    if start > 0 and text[start - 1] in QUOTE_OPEN and probe < len(text) and text[probe] in QUOTE_CLOSE:
        start, end = start - 1, probe + 1
        while start > 0 and text[start - 1] in QUOTE_OPEN and text[start - 1] == text[start]:
            start -= 1  # ''doubled'' straight quotes, as some outlets write them
        while end < len(text) and text[end] in QUOTE_CLOSE and text[end] == text[end - 1]:
            end += 1
    # The complementizer: "that" (then whitespace) right before the content or its opening mark.
    before = text[:start].rstrip()
    if before[-4:].lower() == "that" and (len(before) == 4 or not before[-5].isalnum()):
        start = len(before) - 4
    return start, end


def _add(found: set[Offsets], text: str, start: int, end: int) -> None:
    stripped = strip_span(text, start, end)
    if stripped is not None:
        found.add(stripped)


# --- scoring -------------------------------------------------------------------------------------------
def match_exact(gold: list[Offsets], pred: list[Offsets]) -> list[tuple[Offsets, Offsets]]:
    """Pairs of identical spans."""
    wanted = set(gold)
    return [(p, p) for p in pred if p in wanted]


def match_overlap(text: str, gold: list[Offsets], pred: list[Offsets]) -> list[tuple[Offsets, Offsets]]:
    """One-to-one pairs of spans sharing a non-space character, largest shared stretch first."""
    candidates = []
    for g in gold:
        for p in pred:
            lo, hi = max(g[0], p[0]), min(g[1], p[1])
            if lo < hi and text[lo:hi].strip():
                candidates.append((hi - lo, g, p))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[Offsets] = set()
    used_pred: set[Offsets] = set()
    pairs = []
    for _, g, p in candidates:
        if g in used_gold or p in used_pred:
            continue
        used_gold.add(g)
        used_pred.add(p)
        pairs.append((g, p))
    return pairs


@dataclass
class Counts:
    """Matched, predicted and gold counts of one role in one mode."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "matched": self.matched,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass
class SpanError:
    """A false positive (``kind='fp'``) or false negative (``'fn'``) under exact matching."""

    kind: str
    role: str
    article: str
    start: int
    end: int
    text: str
    context: str

    def describe(self) -> str:
        label = "false positive" if self.kind == "fp" else "false negative"
        return f"{label} {self.role:<7} {self.article} [{self.start}:{self.end}] {self.text!r}  in …{self.context}…"


@dataclass
class PolnearResult:
    """Counts per mode and role, plus the first errors of each kind for tuning."""

    articles: int = 0
    seconds: float = 0.0
    attribution: str = ""
    conventions: str = ""
    pairs: int = 0  # (gold annotator, prediction) pairs scored by annotator_agreement
    counts: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: {mode: {role: Counts() for role in ROLES} for mode in MODES}
    )
    errors: list[SpanError] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def f1(self, role: str, mode: str = "exact") -> float:
        return self.counts[mode][role].f1

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "attribution": self.attribution,
            "conventions": self.conventions,
            "pairs": self.pairs,
            "seconds": round(self.seconds, 1),
            "failed": self.failed,
            "scores": {
                mode: {role: counts.to_dict() for role, counts in by_role.items()}
                for mode, by_role in self.counts.items()
            },
        }


def score_article(
    result: PolnearResult, gold: GoldArticle, predicted: dict[str, list[Offsets]], *, keep_errors: int = 0
) -> None:
    """Add one article's matches to ``result``; keep up to ``keep_errors`` errors of each role and kind."""
    result.articles += 1
    for role in ROLES:
        g, p = gold.spans[role], predicted[role]
        exact = match_exact(g, p)
        for mode, pairs in (("exact", exact), ("overlap", match_overlap(gold.text, g, p))):
            counts = result.counts[mode][role]
            counts.matched += len(pairs)
            counts.predicted += len(p)
            counts.gold += len(g)
        if keep_errors:
            hit = {pair[0] for pair in exact}
            misses = [("fn", s) for s in g if s not in hit] + [("fp", s) for s in p if s not in hit]
            for kind, (start, end) in misses:
                if sum(1 for e in result.errors if e.kind == kind and e.role == role) >= keep_errors:
                    continue
                context = gold.text[max(0, start - 60) : end + 60].replace("\n", " ")
                result.errors.append(SpanError(kind, role, gold.name, start, end, gold.text[start:end], context))


def evaluate(
    gold_dir: str | Path = DEFAULT_PATH,
    *,
    limit: int | None = None,
    keep_errors: int = 0,
    settings: Settings | None = None,
    progress: bool = False,
) -> PolnearResult:
    """Run the pipeline over a PolNeAR folder (batched) and score its attributions against the gold.
    Without ``settings``, the default ones with PolNeAR's own conventions (``conventions='polnear'``:
    it annotates acts and events that the real-news conventions leave out)."""
    from ..run import analyze_corpus

    gold = load_gold(gold_dir, limit=limit)
    by_name = {g.name: g for g in gold}
    settings = settings or load_settings(conventions=POLNEAR_CONVENTIONS)
    result = PolnearResult(attribution=settings.attribution, conventions=settings.conventions)
    began = time.perf_counter()
    articles = [Article(text=g.text, source=g.name) for g in gold]
    for article in analyze_corpus(articles, settings=settings, progress=progress):
        if not isinstance(article, Article):
            continue
        name = article.source or ""
        if article.errors:
            result.failed.append(name)
        score_article(result, by_name[name], polnear_spans(article), keep_errors=keep_errors)
    result.seconds = time.perf_counter() - began
    return result


def annotator_agreement(gold_dir: str | Path = DEFAULT_PATH, *, settings: Settings | None = None) -> PolnearResult:
    """Annotators scored against each other, or (with ``settings``) the pipeline against each of them.

    Why: exact match is scored against one annotator, and annotators draw different edges; their
    agreement says how much of a score's gap is the gold's own, and the pipeline scored against
    every annotator of the same articles is the fair comparison with it. Every
    article annotated by two people or more counts: each unordered pair of its annotators once (one
    taken as gold, the other as prediction; exact F1 does not depend on which), or the pipeline's
    spans once against each annotator; counts are summed over all pairs.
    """
    folder = Path(gold_dir)
    select_annotations(folder)  # the same checks and errors as a model run
    by_article = annotations_by_article(folder)
    shared = {article: anns for article, anns in sorted(by_article.items()) if len(anns) > 1}
    result = PolnearResult(attribution="annotators")
    began = time.perf_counter()
    texts = {article: (folder / "text" / f"{article}.txt").read_text(encoding="utf-8") for article in shared}
    predicted: dict[str, dict[str, list[Offsets]]] = {}
    if settings is not None:
        from ..run import analyze_corpus

        result.attribution = f"{settings.attribution} vs annotators"
        for analyzed in analyze_corpus([Article(text=texts[a], source=a) for a in shared], settings=settings):
            if not isinstance(analyzed, Article):
                continue
            if analyzed.errors:
                result.failed.append(analyzed.source or "")
            predicted[analyzed.source or ""] = polnear_spans(analyzed)
    for article, anns in shared.items():
        text = texts[article]
        spans = [read_ann(ann, text) for ann in anns]
        if settings is not None:
            for ann, gold in zip(anns, spans, strict=True):
                score_article(result, GoldArticle(article, text, ann, gold), predicted[article])
                result.pairs += 1
            continue
        for i, gold in enumerate(spans):
            for other in spans[i + 1 :]:
                score_article(result, GoldArticle(article, text, anns[i], gold), other)
                result.pairs += 1
    result.articles = len(shared)
    result.seconds = time.perf_counter() - began
    return result


# --- CLI -----------------------------------------------------------------------------------------
def add_output_options(parser: argparse.ArgumentParser) -> None:
    """--format and --attribution, as every attribution evaluation takes them."""
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    parser.add_argument(
        "--attribution",
        choices=ATTRIBUTION_MODES,
        help="attribution extractor to score (default: the 'attribution' setting, itself 'hybrid' by default)",
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold_dir", nargs="?", default=DEFAULT_PATH, help="PolNeAR folder with text/ and attributions/")
    parser.add_argument("--limit", type=int, help="score only the first N articles (in name order)")
    parser.add_argument(
        "--show-errors", type=int, default=0, metavar="N", help="print N false positives and N false negatives per role"
    )
    add_output_options(parser)
    parser.add_argument(
        "--conventions",
        choices=tuple(CONVENTIONS_CHOICES),
        default=POLNEAR_CONVENTIONS,
        help="which attributions the pipeline counts (default: PolNeAR's own, 'polnear'; 'realnews' scores "
        "the default settings' narrower output)",
    )
    parser.add_argument(
        "--agreement",
        action="store_true",
        help="on articles annotated twice or more: score the annotators against each other, or with"
        " --attribution the pipeline against each annotator (--limit and --show-errors do not apply)",
    )


def format_table(result: PolnearResult) -> str:
    pairs = f", {result.pairs} pairs scored" if result.pairs else ""
    lines = [
        f"PolNeAR: {result.articles} articles{pairs}, attribution={result.attribution}"
        + (f", conventions={result.conventions}" if result.conventions else "")
        + f", {result.seconds:.1f} s",
        "",
    ]
    header = f"{'role':<9}{'match':<9}{'precision':>10}{'recall':>8}{'F1':>8}{'matched':>9}{'pred':>7}{'gold':>7}"
    lines.append(header)
    lines.append("-" * len(header))
    for role in ROLES:
        for mode in MODES:
            c = result.counts[mode][role]
            lines.append(
                f"{role:<9}{mode:<9}{c.precision:>10.3f}{c.recall:>8.3f}{c.f1:>8.3f}{c.matched:>9}{c.predicted:>7}{c.gold:>7}"
            )
    if result.failed:
        lines.append(f"\n{len(result.failed)} articles failed in the pipeline: {', '.join(result.failed)}")
    return "\n".join(lines)


def run_cli(args: argparse.Namespace) -> int:
    if args.agreement:
        chosen = {"attribution": args.attribution, "conventions": args.conventions}
        settings = load_settings(**chosen) if args.attribution else None
        result = annotator_agreement(args.gold_dir, settings=settings)
        if not result.pairs:
            raise EvaluationError(Errors.E047.format(path=args.gold_dir))
    else:
        overrides = {"attribution": args.attribution} if args.attribution else {}
        settings = load_settings(conventions=args.conventions, **overrides)
        result = evaluate(
            args.gold_dir, limit=args.limit, keep_errors=args.show_errors, settings=settings, progress=True
        )
    if args.format == "json":
        print(json.dumps(result.to_dict(), indent=2))
        return 0
    print(format_table(result))
    if result.errors:
        print()
        for role in ROLES:
            for kind in ("fp", "fn"):
                for error in result.errors:
                    if error.role == role and error.kind == kind:
                        print(error.describe())
    return 0
