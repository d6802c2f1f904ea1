"""The shipped attribution tagger: fine-tuned MiniLM (int8 ONNX) tags WordPieces, CPU only.

Each piece gets one of :data:`TAGS`; a word takes the tag of its first piece (so a span never
starts or ends inside a word), and :func:`decode` turns the tags into Source, Cue and Content
spans in PolNeAR's conventions. Files live in ``newstrace/resources/attribution``;
``scripts/train_attribution.py`` rebuilds them from ../shared.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError, Errors
from ..formats.polnear import QUOTE_CLOSE, QUOTE_OPEN, ROLES, Offsets
from .encoder import Encoder
from .wordpiece import Piece

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "attribution"
FILES = ("tagger.int8.onnx", "vocab.txt", "transitions.npz", "config.json")
MAX_PIECES = 254
# One tag per WordPiece: O, and B-/I- for each PolNeAR role. A span drawn in several fragments
# ('"A," he said, "B."' is one Content) starts with B on its first fragment only; its later
# fragments start with I, so :func:`decode` can join them again.
TAGS = ("O", *(f"{prefix}-{role}" for role in ROLES for prefix in ("B", "I")))
TAG_INDEX = {tag: k for k, tag in enumerate(TAGS)}


def decode(tags: list[int], pieces: list[Piece], text: str, *, reach: int = 16) -> dict[str, list[Offsets]]:
    """Spans per role from a tag sequence; an ``I`` after other tags continues its role's last span.

    A continuation joins the last span of its role when that span ended at most ``reach`` pieces
    before and no line break lies between, which is how a split quotation's middle ('he said,
    clapping.') sits between its fragments; otherwise the ``I`` starts a new span. A paragraph
    break always ends a span: the tagger may run one on, PolNeAR's spans almost never cross one.
    """
    spans: dict[str, list[list[int]]] = {role: [] for role in ROLES}
    last_piece: dict[str, int] = {}
    for k, tag_index in enumerate(tags):
        tag = TAGS[tag_index]
        if tag == "O":
            continue
        prefix, role = tag.split("-", 1)
        piece = pieces[k]
        if (
            prefix == "I"
            and spans[role]
            and k - last_piece[role] <= reach
            and "\n" not in text[pieces[last_piece[role]].end : piece.start]
        ):
            spans[role][-1][1] = piece.end
        else:
            spans[role].append([piece.start, piece.end])
        last_piece[role] = k
    return {role: sorted({(s, e) for s, e in found}) for role, found in spans.items()}


def word_tags(text: str, pieces: list[Piece], tags: list[int]) -> list[int]:
    """Every piece of a word takes its first piece's tag (pieces of one word touch: no gap between)."""
    out = list(tags)
    for k in range(1, len(pieces)):
        if (
            pieces[k].start == pieces[k - 1].end
            and text[pieces[k].start].isalnum()
            and text[pieces[k - 1].end - 1].isalnum()
        ):
            first = out[k - 1]
            out[k] = first if TAGS[first] == "O" else TAGS.index("I-" + TAGS[first].split("-", 1)[1])
    return out


SPLIT_QUOTE_GAP = 80  # characters of attribution between the two halves of a split quotation


def join_split_quotes(text: str, spans: dict[str, list[Offsets]]) -> dict[str, list[Offsets]]:
    """'“A,” said X. “B.”' is one Content in PolNeAR: join two quotations around a cue.

    The tagger often starts the second half afresh; two quoted contents of one paragraph with only a
    cue (and its source) between them are joined, as PolNeAR draws them.
    """
    contents = sorted(spans["Content"])
    cues = spans["Cue"]
    joined: list[Offsets] = []
    for content in contents:
        if joined:
            first = joined[-1]
            between = text[first[1] : content[0]]
            if (
                text[first[1] - 1] in QUOTE_CLOSE
                and text[content[0]] in QUOTE_OPEN
                and len(between) <= SPLIT_QUOTE_GAP
                and "\n" not in between
                and any(first[1] <= c[0] and c[1] <= content[0] for c in cues)
            ):
                joined[-1] = (first[0], content[1])
                continue
        joined.append(content)
    return {**spans, "Content": joined}


@dataclass(frozen=True)
class Transitions:
    """Bigram tag weights for decoding: log P(first tag), log P(tag | previous tag), and their weight."""

    first: np.ndarray
    pairs: np.ndarray
    weight: float


def viterbi(logits: np.ndarray, transitions: Transitions | None) -> list[int]:
    """The best tag sequence under piece log-softmax scores plus weighted tag bigrams (argmax without)."""
    if not len(logits):
        return []
    if transitions is None or transitions.weight == 0:
        return [int(t) for t in logits.argmax(-1)]
    shifted = logits - logits.max(-1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(-1, keepdims=True))
    pairs = transitions.weight * transitions.pairs
    score = log_probs[0] + transitions.weight * transitions.first
    back = np.zeros(log_probs.shape, dtype=np.int64)
    for k in range(1, len(log_probs)):
        candidates = score[:, None] + pairs
        back[k] = candidates.argmax(0)
        score = candidates.max(0) + log_probs[k]
    best = [int(score.argmax())]
    for k in range(len(log_probs) - 1, 0, -1):
        best.append(int(back[k, best[-1]]))
    return best[::-1]


def spans_from_logits(
    text: str, pieces: list[Piece], logits: np.ndarray, transitions: Transitions | None = None
) -> dict[str, list[Offsets]]:
    """Source / Cue / Content spans (PolNeAR conventions) from per-piece tag scores."""
    tags = viterbi(logits, transitions) if len(pieces) else []
    return join_split_quotes(text, decode(word_tags(text, pieces, tags), pieces, text))


class Tagger:
    """One onnxruntime session over the int8 model; texts are cut into chunks like the persuasion encoder's."""

    def __init__(self, folder: Path = RESOURCES, *, threads: int = 1) -> None:
        """``threads``: onnxruntime intra-op threads. One, since each chunk runs alone: a chunk is too
        small to share between threads (200 allsides chunks: 1.22 s on one thread, 1.36 s and 30% more
        CPU time on two; docs/performance.md)."""
        missing = [name for name in FILES if not (folder / name).is_file()]
        if missing:
            raise ConfigError(Errors.E100.format(path=folder, missing=", ".join(missing)))
        self.encoder = Encoder(
            folder / "tagger.int8.onnx",
            folder / "vocab.txt",
            threads=threads,
            max_pieces=MAX_PIECES,
        )
        self.tokenizer = self.encoder.tokenizer
        self.config: dict[str, Any] = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        with np.load(folder / "transitions.npz") as weights:
            self.transitions = Transitions(
                weights["first"], weights["pairs"], float(self.config.get("transition_weight", 0.0))
            )

    def logits(self, texts: list[str]) -> list[tuple[list[Piece], np.ndarray]]:
        """(pieces, pieces x tags logits) of every text; each text's logits depend on that text only."""
        chunks = self.encoder.chunks(texts)
        self.encoder.encode(chunks)
        empty = np.zeros((0, len(TAGS)), dtype=np.float32)
        results: list[tuple[list[Piece], np.ndarray]] = [([], empty) for _ in texts]
        for doc, group in groupby(chunks, key=lambda c: c.doc):  # chunks come in text order
            mine = list(group)
            pieces = [p for c in mine for p in c.pieces]
            results[doc] = (pieces, np.concatenate([c.features for c in mine if c.features is not None]))
        return results

    def spans_many(self, texts: list[str]) -> list[dict[str, list[Offsets]]]:
        """Source / Cue / Content spans of each text."""
        return [
            spans_from_logits(text, pieces, logits, self.transitions)
            for text, (pieces, logits) in zip(texts, self.logits(texts), strict=True)
        ]

    def spans(self, text: str) -> dict[str, list[Offsets]]:
        return self.spans_many([text])[0]


@lru_cache(maxsize=2)
def load_tagger(folder: str = str(RESOURCES)) -> Tagger:
    """The tagger, loaded once per process."""
    return Tagger(Path(folder))
