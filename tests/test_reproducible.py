"""A record depends only on its input and the settings: not on batch size, companions, order or workers.

Real articles from ../shared (allsides, KCNA, Reuters-21578, the seed) are analyzed with every
model stage on: each alone, in batches of 1, 7 and 32, in shuffled order, and on 2 worker
processes; every run must give byte-identical JSON for every article.
"""

from __future__ import annotations

import gzip
import itertools
import json
import random
from dataclasses import replace

import pytest

import newstrace
from newstrace.record import Article
from newstrace.run import analyze_corpus
from newstrace.settings import Settings

from .conftest import shared_path

pytestmark = [pytest.mark.model, pytest.mark.shared]

CORPORA = (("allsides-12k.jsonl.gz", 12), ("kcna-2011-2012.jsonl.gz", 12), ("reuters21578.jsonl.gz", 8))


@pytest.fixture(scope="module")
def inputs() -> list[Article]:
    articles = [Article(text=shared_path("seed/tass-2025-10-24-kursk.txt").read_text(encoding="utf-8"), source="seed")]
    for name, count in CORPORA:
        with gzip.open(shared_path(f"data/corpora/{name}"), "rt", encoding="utf-8") as lines:
            for line in itertools.islice(lines, 40 * count):
                row = json.loads(line)
                # Articles of 80 to 900 words: real wire length, and quick enough to run six times.
                if 80 <= len(row["text"].split()) <= 900 and sum(a.source == name for a in articles) < count:
                    date = row.get("date") or None
                    articles.append(Article(text=row["text"], source=name, outlet=row.get("outlet"), published=date))
    for n, article in enumerate(articles):
        article.source = f"{article.source}#{n}"
        article.byline = f"By Reporter {n}"
    assert len(articles) == 1 + sum(count for _, count in CORPORA)
    return articles


def _records(articles: list[Article], settings: Settings, *, workers: int = 1) -> dict[str, str]:
    copies = [Article.from_inputs(a.inputs()) for a in articles]
    out = {}
    for item in analyze_corpus(copies, settings=settings, workers=workers):
        assert isinstance(item, Article) and not item.errors, item
        out[item.source or ""] = json.dumps(item.to_dict(), ensure_ascii=False, sort_keys=True)
    assert len(out) == len(articles)
    return out


def test_records_do_not_depend_on_batch_companions_order_or_workers(inputs: list[Article], settings: Settings) -> None:
    assert settings.persuasion == "on" and settings.attribution == "hybrid"  # every model stage runs
    alone = {
        a.source or "": json.dumps(
            newstrace.analyze(
                a.text, published=a.published, outlet=a.outlet, byline=a.byline, settings=settings
            ).to_dict()
            | {"source": a.source},
            ensure_ascii=False,
            sort_keys=True,
        )
        for a in inputs
    }
    shuffled = list(inputs)
    random.Random(7).shuffle(shuffled)
    runs = {
        "batch 1": _records(inputs, replace(settings, batch_size=1)),
        "batch 7": _records(inputs, replace(settings, batch_size=7)),
        "batch 32": _records(inputs, replace(settings, batch_size=32)),
        "shuffled": _records(shuffled, replace(settings, batch_size=7)),
        "2 workers": _records(inputs, replace(settings, batch_size=7), workers=2),
    }
    assert sum(json.loads(r)["attributions"] != [] for r in alone.values()) >= len(inputs) * 0.8  # real work
    assert any(json.loads(r)["persuasion"] for r in alone.values())
    for name, records in runs.items():
        differing = [source for source in alone if records[source] != alone[source]]
        assert not differing, f"{name}: {len(differing)} of {len(alone)} records differ from the article alone"
