"""The real-news attribution gold as a data format (no scoring here).

Two forms of the same record, one JSON object per line (conventions:
``../shared/data/realnews-dev/README.md``):

- **with text**, as ``../shared/data/realnews-dev/part-*.jsonl`` ships it: ``source`` (corpus file),
  ``id``, ``outlet``, ``title``, ``date``, ``text``, ``attributions``, ``speakers``;
- **offsets only**, as newstrace keeps its own gold in ``gold/realnews/``: no ``text``, and spans
  without their words (``{start, end}``) plus ``text_sha256``; the text is read from the corpus
  file in ``../shared/data/corpora`` by ``id``, so no article text is copied into the repository.

Either way :func:`load_gold` returns :class:`GoldArticle`\\s whose spans carry their words, checked
against the text (``text[start:end] == span["text"]``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Errors, EvaluationError

SPAN_FIELDS = ("speaker_mention", "cue", "content")


@dataclass
class GoldArticle:
    """One annotated article: its corpus record and the attributions read by hand."""

    source: str  # the corpus file, e.g. "kcna-2011-2012.jsonl.gz"
    id: str
    text: str
    outlet: str | None
    title: str | None
    date: str | None
    attributions: list[dict[str, Any]]
    speakers: list[dict[str, Any]] = field(default_factory=list)
    part: str = ""  # the gold file it came from, e.g. "part-a"
    url: str | None = None  # the corpus record's address (allsides), which names the publishing site

    @property
    def corpus(self) -> str:
        """KCNA, Reuters or allsides: the corpus, named by its file (the outlet varies within allsides)."""
        name = self.source.split("-")[0].split(".")[0]
        return {"kcna": "KCNA", "reuters21578": "Reuters"}.get(name, name)

    def record(self) -> dict[str, Any]:
        """The article as its corpus line, for the reader layer (``sources.jsonl.parse_record``)."""
        return {
            "id": self.id,
            "text": self.text,
            "outlet": self.outlet,
            "title": self.title,
            "date": self.date,
            "url": self.url,
        }


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _corpus_texts(folder: Path, source: str, ids: set[str]) -> dict[str, dict[str, Any]]:
    path = folder / source
    if not path.is_file():
        raise EvaluationError(Errors.E040.format(path=path, expected=f"the corpus file {source}"))
    found: dict[str, dict[str, Any]] = {}
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if '"id"' not in line:
                continue
            record = json.loads(line)
            if record.get("id") in ids:
                found[record["id"]] = record
                if len(found) == len(ids):
                    break
    return found


def _check_span(path: Path, line: int, text: str, span: dict[str, Any] | None) -> None:
    if span is None:
        return
    start, end = int(span["start"]), int(span["end"])
    if not 0 <= start < end <= len(text):
        raise EvaluationError(Errors.E045.format(path=path, line=line, start=start, end=end, length=len(text)))
    if "text" in span and text[start:end] != span["text"]:
        reason = f"span {start}-{end} reads {text[start:end]!r}, the gold says {span['text']!r}"
        raise EvaluationError(Errors.E041.format(path=path, line=line, reason=reason))
    span["text"] = text[start:end]


def load_gold(paths: Iterable[str | Path], corpora: str | Path) -> list[GoldArticle]:
    """Every article of the gold files, in file and line order, spans checked against their text."""
    articles: list[GoldArticle] = []
    for path in map(Path, paths):
        if not path.is_file():
            raise EvaluationError(Errors.E040.format(path=path, expected="a real-news gold file (JSON Lines)"))
        rows: list[tuple[int, dict[str, Any]]] = []
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    try:
                        rows.append((number, json.loads(line)))
                    except json.JSONDecodeError as exc:
                        raise EvaluationError(Errors.E041.format(path=path, line=number, reason=exc)) from exc
        missing: dict[str, set[str]] = {}
        for _, row in rows:
            if "text" not in row:
                missing.setdefault(row["source"], set()).add(row["id"])
        corpus_records: dict[str, dict[str, Any]] = {}
        for source, ids in missing.items():
            corpus_records.update(_corpus_texts(Path(corpora), source, ids))
        for number, row in rows:
            if "text" in row:
                text = row["text"]
                outlet, title, date = row.get("outlet"), row.get("title"), row.get("date")
                url = row.get("url")
            else:
                record = corpus_records.get(row["id"])
                if record is None:
                    reason = f"article {row['id']} is not in {Path(corpora) / row['source']}"
                    raise EvaluationError(Errors.E041.format(path=path, line=number, reason=reason))
                text = record["text"]
                if row.get("text_sha256") not in (None, text_digest(text)):
                    reason = f"the text of {row['id']} in the corpus is not the one annotated (sha256 differs)"
                    raise EvaluationError(Errors.E041.format(path=path, line=number, reason=reason))
                outlet = row.get("outlet", record.get("outlet"))
                title = row.get("title", record.get("title"))
                date = row.get("date", record.get("date") or record.get("date_raw"))
                url = row.get("url", record.get("url"))
            for attribution in row.get("attributions", []):
                for name in SPAN_FIELDS:
                    _check_span(path, number, text, attribution.get(name))
            articles.append(
                GoldArticle(
                    source=row["source"],
                    id=row["id"],
                    text=text,
                    outlet=outlet,
                    title=title,
                    date=date,
                    attributions=row.get("attributions", []),
                    speakers=row.get("speakers", []),
                    part=path.name.split(".")[0],
                    url=url,
                )
            )
    return articles


def offsets_only(article: GoldArticle) -> dict[str, Any]:
    """The offsets-only form of an annotated article (for ``gold/realnews/``): no words of the text."""
    attributions = []
    for attribution in article.attributions:
        copy = dict(attribution)
        for name in SPAN_FIELDS:
            span = copy.get(name)
            if span is not None:
                copy[name] = {"start": span["start"], "end": span["end"]}
        attributions.append(copy)
    return {
        "source": article.source,
        "id": article.id,
        "text_sha256": text_digest(article.text),
        "attributions": attributions,
        "speakers": article.speakers,
    }


__all__ = ["GoldArticle", "load_gold", "offsets_only", "text_digest"]
