"""PolNeAR as training data for the attribution tagger: every WordPiece gets one tag.

PolNeAR is univocal: a token has one role. Tags are ``O`` and ``B-``/``I-`` for each role
(:data:`newstrace.models.tagger.TAGS`). A span that PolNeAR draws in several fragments
('"A," he said, "B."' is one Content) starts with ``B`` on its first fragment only; its later
fragments start with ``I``, so :func:`newstrace.models.tagger.decode` can join them again (an ``I``
that follows other tags continues the last open span of its role). That is how the tag sequence
carries discontinuous spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

from ..errors import Errors, EvaluationError
from ..formats.polnear import ROLES, select_annotations
from ..models.tagger import TAG_INDEX, TAGS
from ..models.wordpiece import Piece, WordPiece

_T_LINE = re.compile(r"^T\d+\t(?P<role>[\w-]+) (?P<offsets>\d+ \d+(?:;\d+ \d+)*)\t")


@dataclass(frozen=True)
class Fragment:
    """One contiguous piece of a gold span; ``first`` is False for the later fragments of a span."""

    role: str
    start: int
    end: int
    first: bool


@dataclass
class TaggedArticle:
    name: str
    text: str
    fragments: list[Fragment]


def read_fragments(path: Path, text: str) -> list[Fragment]:
    """Source / Cue / Content fragments of one brat file (spans shared by attributions counted once)."""
    seen: set[tuple[str, int, int, bool]] = set()
    out: list[Fragment] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = _T_LINE.match(line)
        if match is None or match.group("role") not in ROLES:
            continue
        parts = sorted(tuple(int(n) for n in part.split()) for part in match.group("offsets").split(";"))
        for k, (start, end) in enumerate(parts):
            if not 0 <= start < end <= len(text):
                raise EvaluationError(
                    Errors.E045.format(path=path, line=number, start=start, end=end, length=len(text))
                )
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            key = (match.group("role"), start, end, k == 0)
            if end > start and key not in seen:
                seen.add(key)
                out.append(Fragment(key[0], start, end, key[3]))
    return out


def read_polnear(gold_dir: str | Path, *, limit: int | None = None) -> list[TaggedArticle]:
    """The articles of a PolNeAR folder (first annotator of each, as the evaluation scores them)."""
    selected = select_annotations(Path(gold_dir))[:limit]
    out = []
    for name, text_path, ann in selected:
        text = text_path.read_text(encoding="utf-8")
        out.append(TaggedArticle(name, text, read_fragments(ann, text)))
    return out


def tag_pieces(pieces: list[Piece], fragments: list[Fragment]) -> list[int]:
    """One tag index per piece; a piece takes the role of the fragment it overlaps."""
    tags = [0] * len(pieces)
    ordered = sorted(fragments, key=lambda f: (f.start, f.end))
    k = 0
    for fragment in ordered:
        while k < len(pieces) and pieces[k].end <= fragment.start:
            k += 1
        j = k
        first = True
        while j < len(pieces) and pieces[j].start < fragment.end:
            prefix = "B" if first and fragment.first else "I"
            if tags[j] == 0:
                tags[j] = TAG_INDEX[f"{prefix}-{fragment.role}"]
            first = False
            j += 1
    return tags


def transition_log_probs(articles: list[TaggedArticle], tokenizer: WordPiece) -> tuple[np.ndarray, np.ndarray]:
    """Log probabilities of the first tag and of each tag after each tag, counted on gold (add-one).

    The tagger scores each piece alone; decoding with these bigram weights (:func:`.tagger.viterbi`)
    keeps its spans well formed (no stray ``I`` after ``O``, no ``B`` in the middle of a quote).
    """
    n = len(TAGS)
    first = np.ones(n)
    pairs = np.ones((n, n))
    for article in articles:
        tags = tag_pieces(tokenizer.tokenize(article.text), article.fragments)
        if tags:
            first[tags[0]] += 1
        for a, b in pairwise(tags):
            pairs[a, b] += 1
    return np.log(first / first.sum()), np.log(pairs / pairs.sum(1, keepdims=True))
