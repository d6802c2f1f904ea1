"""The SemEval-2023 Task 3 English persuasion corpus as read from ../shared, and its fixed dev split.

The split is by article, decided by a hash of the article id alone, so it never changes when
articles are added or the code is edited: an article is dev when sha256(id) mod 5 == 0. Inside the
remaining training articles, sha256(id) mod 5 == 1 marks the tuning fold (early stopping and
thresholds), so the dev numbers are never used to choose anything.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, EvaluationError

DEFAULT_CORPUS = "../shared/data/persuasion/semeval2023-en"


@dataclass(frozen=True)
class GoldSpan:
    technique: str
    start: int
    end: int


@dataclass
class CorpusArticle:
    id: str
    text: str
    spans: list[GoldSpan] = field(default_factory=list)


def fold(article_id: str) -> int:
    """0..4 from the article id alone: 0 is dev, 1 is the tuning fold, 2-4 train."""
    return int(hashlib.sha256(article_id.encode("utf-8")).hexdigest(), 16) % 5


def is_dev(article_id: str) -> bool:
    return fold(article_id) == 0


def read_techniques(corpus: Path) -> list[str]:
    path = corpus / "techniques.txt"
    if not path.is_file():
        raise EvaluationError(Errors.E040.format(path=path, expected="techniques.txt (one technique per line)"))
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_corpus(corpus: str | Path = DEFAULT_CORPUS, *, split: str = "all") -> list[CorpusArticle]:
    """Articles with their gold spans; ``split`` is 'all', 'dev', 'train' (not dev), 'fit' or 'tune'."""
    root = Path(corpus)
    spans_path = root / "spans.tsv"
    articles_dir = root / "articles"
    if not spans_path.is_file() or not articles_dir.is_dir():
        raise EvaluationError(
            Errors.E040.format(path=root, expected="articles/article<ID>.txt and spans.tsv (id, technique, start, end)")
        )
    known = set(read_techniques(root))
    spans: dict[str, list[GoldSpan]] = defaultdict(list)
    for n, line in enumerate(spans_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 4 or not parts[2].isdigit() or not parts[3].isdigit():
            raise EvaluationError(
                Errors.E041.format(path=spans_path, line=n, reason="expected id, technique, start, end")
            )
        if parts[1] not in known:
            raise EvaluationError(Errors.E041.format(path=spans_path, line=n, reason=f"unknown technique {parts[1]!r}"))
        spans[parts[0]].append(GoldSpan(parts[1], int(parts[2]), int(parts[3])))
    out: list[CorpusArticle] = []
    for path in sorted(articles_dir.glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        if not _in_split(article_id, split):
            continue
        text = path.read_text(encoding="utf-8")
        out.append(CorpusArticle(article_id, text, sorted(spans.get(article_id, []), key=lambda s: (s.start, s.end))))
    return out


def _in_split(article_id: str, split: str) -> bool:
    f = fold(article_id)
    return {
        "all": True,
        "dev": f == 0,
        "train": f != 0,
        "tune": f == 1,
        "fit": f >= 2,
    }[split]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end): the unit SemEval-2023 subtask 3 labelled."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if line.strip():
            out.append((start, end))
    return out
