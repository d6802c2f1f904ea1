"""Sentence embeddings from the shipped all-MiniLM-L6-v2 encoder: what story grouping compares.

The persuasion model's encoder is all-MiniLM-L6-v2 itself, frozen and int8 (docs/persuasion.md),
and it outputs the hidden states of layers 2, 4 and 6 side by side. The last 384 values of each
piece are layer 6, the layer sentence-transformers pools: their mean over the pieces, scaled to unit
length, is the model's sentence embedding. So no second model ships for it, and a text's embedding
depends on that text only (one chunk, run alone).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .encoder import Encoder, chunk_pieces
from .persuasion import get_detector

DIMS = 384
MAX_PIECES = 126
# 126 pieces are rarely more than 700 characters; the tokenizer need not read a whole article.
MAX_CHARS = 2000


class SentenceEncoder:
    """Unit-length embeddings (float32, 384 values) of the first 126 WordPieces of each text."""

    def __init__(self, encoder: Encoder | None = None) -> None:
        # The persuasion detector's session, shared: one copy of the weights per process.
        self.encoder = encoder if encoder is not None else get_detector().encoder

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMS), dtype=np.float32)
        for row, text in enumerate(texts):
            text = text[:MAX_CHARS]
            pieces = self.encoder.tokenizer.tokenize(text)[:MAX_PIECES]
            if not pieces:
                continue
            chunk = chunk_pieces(text, pieces, 0, MAX_PIECES)
            self.encoder.encode(chunk)
            vector = np.concatenate([c.features[:, -DIMS:] for c in chunk if c.features is not None]).mean(axis=0)
            norm = float(np.linalg.norm(vector))
            if norm > 0:
                out[row] = vector / norm
        return out


@lru_cache(maxsize=1)
def get_sentence_encoder() -> SentenceEncoder:
    """One encoder per process (loading the ONNX session takes a second)."""
    return SentenceEncoder()
