"""Story grouping against a gold grouping: B-cubed precision, recall and F1, and the adjusted Rand index.

The gold is NeuS (``../shared/data/corpora/neus-allsides-stories.jsonl.gz``): 506 AllSides stories of
2021, each with the left, center and right outlets' coverage of one event; each story's articles
form one gold cluster. An article is its title and lead snippet (the sentences NeuS keeps), dated
with the story's date: NeuS gives no date per article, and the story's date is the day AllSides
grouped them, which is when they were published within a day or so. ``--no-dates`` measures the
text alone.

The stories are split by position in the file: even positions tune the method's settings (the
threshold, the weights), odd ones are kept for the report; each half is grouped on its own, and then
all 506 stories together (harder: twice the stories to confuse).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..corpus.stories import StoryGrouper, StoryItem, StoryParams, content_words, day_of, lead_text
from ..errors import Errors, EvaluationError
from ..models.sentence import get_sentence_encoder

DEFAULT_PATH = "../shared/data/corpora/neus-allsides-stories.jsonl.gz"
EXPECTED = "NeuS stories as JSON Lines (neus-allsides-stories.jsonl.gz, in ../shared/data/corpora)"
SIDES = ("left", "center", "right")


@dataclass(frozen=True)
class GoldArticle:
    id: str
    story: str
    position: int  # the story's position in the gold file
    outlet: str
    published: str | None
    title: str
    text: str


def load_neus(path: str | Path) -> list[GoldArticle]:
    """Every article of every NeuS story (title + lead snippet), with its story as gold."""
    path = Path(path)
    if not path.is_file():
        raise EvaluationError(Errors.E040.format(path=path, expected=EXPECTED))
    articles: list[GoldArticle] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for position, line in enumerate(handle):
            story = json.loads(line)
            for side in SIDES:
                item = (story.get("news") or {}).get(side)
                if not item or not item.get("newsTitle"):
                    continue
                lead = " ".join(item.get("newBody") or [])
                title = item["newsTitle"].strip()
                articles.append(
                    GoldArticle(
                        id=f"{story['id']}-{side}",
                        story=str(story["id"]),
                        position=position,
                        outlet=item.get("newsSource") or "",
                        published=(story.get("date") or "")[:10] or None,
                        title=title,
                        text=f"{title}\n{lead}",
                    )
                )
    if not articles:
        raise EvaluationError(Errors.E041.format(path=path, line=1, reason="no story with an article title"))
    return articles


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin 1998), averaged over items."""
    by_pred: dict[str, set[int]] = defaultdict(set)
    by_gold: dict[str, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    n = len(gold)
    if n == 0:
        return 0.0, 0.0, 0.0
    precision = recall = 0.0
    for i in range(n):
        shared = len(by_pred[predicted[i]] & by_gold[gold[i]])
        precision += shared / len(by_pred[predicted[i]])
        recall += shared / len(by_gold[gold[i]])
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand(predicted: Sequence[str], gold: Sequence[str]) -> float:
    """Hubert and Arabie's adjusted Rand index (1.0 identical, about 0 for chance)."""

    def pairs(n: int) -> float:
        return n * (n - 1) / 2

    n = len(gold)
    if n < 2:
        return 1.0
    table = Counter(zip(predicted, gold, strict=True))
    index = sum(pairs(v) for v in table.values())
    sum_pred = sum(pairs(v) for v in Counter(predicted).values())
    sum_gold = sum(pairs(v) for v in Counter(gold).values())
    expected = sum_pred * sum_gold / pairs(n)
    maximum = (sum_pred + sum_gold) / 2
    if math.isclose(maximum, expected):
        return 1.0
    return (index - expected) / (maximum - expected)


@dataclass(frozen=True)
class StoryScores:
    split: str
    articles: int
    gold_stories: int
    predicted_stories: int
    precision: float
    recall: float
    f1: float
    ari: float

    def to_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def items_of(articles: Sequence[GoldArticle]) -> list[StoryItem]:
    """What the grouper knows of each article, made as the store makes it (corpus.stories)."""
    leads = [lead_text(a.title, a.text) for a in articles]
    embeddings = get_sentence_encoder().embed(leads)
    return [
        StoryItem(a.id, day_of(a.published), embeddings[i], content_words(lead))
        for i, (a, lead) in enumerate(zip(articles, leads, strict=True))
    ]


def score(
    articles: Sequence[GoldArticle], items: Sequence[StoryItem], params: StoryParams | None = None
) -> list[StoryScores]:
    """Each half grouped on its own, then all stories together, each scored against its gold."""
    rows: list[StoryScores] = []
    for split, keep in (("tune", 0), ("report", 1), ("all", None)):
        chosen = [i for i, a in enumerate(articles) if keep is None or a.position % 2 == keep]
        found = StoryGrouper(params).assign_all([items[i] for i in chosen])
        predicted = {a.key: a.story_id for a in found}
        pred = [predicted[articles[i].id] for i in chosen]
        gold = [articles[i].story for i in chosen]
        p, r, f = bcubed(pred, gold)
        rows.append(StoryScores(split, len(chosen), len(set(gold)), len(set(pred)), p, r, f, adjusted_rand(pred, gold)))
    return rows


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", nargs="?", default=DEFAULT_PATH, help=f"NeuS stories (default {DEFAULT_PATH})")
    parser.add_argument("--no-dates", action="store_true", help="group by text alone, ignoring publication dates")
    parser.add_argument("--threshold", type=float, default=None, help="override the joining threshold (tuning)")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="table (default) or json")


def run_cli(args: argparse.Namespace) -> int:
    articles = load_neus(args.gold)
    defaults = StoryParams()
    params = StoryParams(
        threshold=defaults.threshold if args.threshold is None else args.threshold,
        use_dates=not args.no_dates,
    )
    rows = score(articles, items_of(articles), params)
    if args.format == "json":
        print(json.dumps([r.to_dict() for r in rows], indent=2))
        return 0
    print(
        f"Stories on {args.gold} ({'text only' if args.no_dates else 'text and dates'}, threshold {params.threshold})"
    )
    print(f"{'split':<8} {'articles':>8} {'gold':>5} {'found':>6} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'ARI':>6}")
    for r in rows:
        print(
            f"{r.split:<8} {r.articles:>8} {r.gold_stories:>5} {r.predicted_stories:>6} "
            f"{r.precision:>6.3f} {r.recall:>6.3f} {r.f1:>6.3f} {r.ari:>6.3f}"
        )
    return 0
