"""Every stage needs exactly what it declares: run alone on an Article that holds only its requirements.

For each stage of each attribution variant, on real articles: the pipeline runs up to the stage;
a fresh Article gets copies of just the fields the stage ``requires``; the stage runs on it behind
the guard (reading or writing anything undeclared raises E016); what it assigns must equal what
it assigns in the full run. A stage that secretly read another field would either trip the guard
or give a different result here.
"""

from __future__ import annotations

import copy
import gzip
import itertools
import json
from typing import Any

import pytest

from newstrace.pipeline import Pipeline
from newstrace.record import Article
from newstrace.settings import load_settings
from newstrace.stage import guarded, root

from .conftest import shared_path

pytestmark = [pytest.mark.model, pytest.mark.shared]


def _texts() -> list[str]:
    texts = [shared_path("seed/tass-2025-10-24-kursk.txt").read_text(encoding="utf-8")]
    for name, count in (("kcna-2011-2012.jsonl.gz", 2), ("allsides-12k.jsonl.gz", 2), ("reuters21578.jsonl.gz", 1)):
        with gzip.open(shared_path(f"data/corpora/{name}"), "rt", encoding="utf-8") as lines:
            texts.extend(json.loads(line)["text"] for line in itertools.islice(lines, count))
    return texts


def _value(article: Article, field: str) -> Any:
    if field == "doc":  # a spaCy Doc has no equality: compare what it parsed
        return [(t.idx, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in article.doc]
    return getattr(article, field)


@pytest.mark.parametrize("mode", ["hybrid", "model", "rules"])
def test_each_stage_runs_on_its_declared_requirements_alone(mode: str) -> None:
    pipeline = Pipeline(load_settings(attribution=mode), on_error="raise")
    for text in _texts():
        full = Article(text=text, published="2020-01-02", outlet="Desk", title="A title", url="http://example.org/a")
        for stage in pipeline.stages:
            alone = Article(text=text)
            for name in {root(n) for n in stage.requires}:
                value = getattr(full, name)
                setattr(alone, name, value if name == "doc" else copy.deepcopy(value))
            stage(guarded(alone, type(stage)))
            stage(full)
            for name in {root(n) for n in stage.assigns}:
                assert _value(alone, name) == _value(full, name), f"{stage.name} gives another '{name}' alone"
