"""How far to trust each attribution and its speaker (``confidence.v1``), calibrated on real news.

Each attribution gets ``confidence``: the estimated probability that it is real and its speaker
right; its speaker gets ``confidence``: the probability that the speaker is right when the
attribution is real. Both are the precision that attributions of the same kind of evidence had on
the tuning half of the hand-read real-news gold (docs/realnews.md): the same rule (a quotation with
its verb, an introducer's paragraphs, indirect speech, a tagged content ...) and the same speaker
resolution (a name, a description, a pronoun, unresolved). The table is fitted by
``python -m newstrace.training.confidence`` into ``resources/confidence.json``: a cell with too few
cases backs off to its rule, then to its resolution, and the value is the lower bound of the
Wilson interval of that precision (95%, one-sided), so a cell is trusted only as far as its
number of cases allows: 25 right of 25 gives 0.90, 41 of 43 gives 0.87.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any

from ..record import Article, Attribution
from ..stage import ENGLISH, Stage

TABLE = Path(__file__).resolve().parents[1] / "resources" / "confidence.json"
# Rules kept whole; any other rule is read by its family (the part before the first dot).
WHOLE_RULES = frozenset({"direct.quote", "direct.introduced", "direct.continued", "model.uncued", "colon.line"})


def rule_family(rule: str) -> str:
    return rule if rule in WHOLE_RULES else rule.split(".", 1)[0]


def evidence_keys(attribution: Attribution) -> tuple[str, str, str]:
    """(rule|resolution, rule, resolution): the cells of the table, most specific first."""
    family, resolution = rule_family(attribution.rule), attribution.speaker.resolution
    return f"{family}|{resolution}", f"{family}|*", f"*|{resolution}"


@cache
def load_table(path: str = str(TABLE)) -> dict[str, Any]:
    table: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return table


Z = 1.645  # one-sided 95%


def wilson_lower(right: int, n: int, z: float = Z) -> float:
    """Lower bound of the Wilson score interval of a precision of ``right`` in ``n``."""
    if n == 0:
        return 0.0
    p = right / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, (centre - margin) / (1 + z * z / n))


def lookup(cells: dict[str, dict[str, int]], keys: tuple[str, ...], min_cases: int) -> float:
    """The cautious precision of the first cell with enough cases, else of all cases."""
    for key in keys:
        cell = cells.get(key)
        if cell is not None and cell["n"] >= min_cases:
            return round(wilson_lower(cell["right"], cell["n"]), 3)
    total = cells["*|*"]
    return round(wilson_lower(total["right"], total["n"]), 3)


class ConfidenceStage(Stage):
    name = "confidence.v1"
    requires = ("attributions", "attributions.speaker")
    assigns = ("attributions.confidence", "attributions.speaker")
    languages = ENGLISH

    def __call__(self, article: Article) -> None:
        table = load_table()
        for attribution in article.attributions:
            keys = evidence_keys(attribution)
            attribution.confidence = lookup(table["attribution"], keys, table["min_cases"])
            attribution.speaker.confidence = lookup(table["speaker"], keys, table["min_cases"])
