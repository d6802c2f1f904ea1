"""The shipped sentence encoder (all-MiniLM-L6-v2, int8 ONNX) run with onnxruntime over text chunks.

Text is cut into chunks of at most ``max_pieces`` WordPieces that follow line breaks where they can,
so a paragraph is read with its own context. Each chunk runs alone (see :meth:`Encoder.encode`), so
what the encoder gives for a text depends on that text only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .int8 import load_model
from .wordpiece import Piece, WordPiece

MAX_PIECES = 126


@dataclass
class Chunk:
    """A run of pieces of one text; ``features`` is filled by :meth:`Encoder.encode`."""

    doc: int
    pieces: list[Piece]
    features: np.ndarray | None = None
    labels: np.ndarray | None = None  # gold, pieces x techniques: training only


def chunk_pieces(text: str, pieces: list[Piece], doc: int, max_pieces: int = MAX_PIECES) -> list[Chunk]:
    """Pack whole lines into chunks; cut a long line after a sentence end, else at the limit."""
    chunks: list[Chunk] = []
    current: list[Piece] = []
    i = 0
    n = len(pieces)
    while i < n:
        # the pieces of the current line
        j = i
        line_end = text.find("\n", pieces[i].start)
        line_end = len(text) if line_end < 0 else line_end
        while j < n and pieces[j].start < line_end:
            j += 1
        line = pieces[i:j]
        if len(current) + len(line) <= max_pieces:
            current.extend(line)
        else:
            if current:
                chunks.append(Chunk(doc, current))
                current = []
            while len(line) > max_pieces:
                cut = max_pieces
                for k in range(max_pieces - 1, max_pieces // 2, -1):
                    if text[line[k].start : line[k].end] in {".", "!", "?", ";"}:
                        cut = k + 1
                        break
                chunks.append(Chunk(doc, line[:cut]))
                line = line[cut:]
            current = list(line)
        i = j
    if current:
        chunks.append(Chunk(doc, current))
    return chunks


class Encoder:
    """Per-piece outputs of an int8 ONNX encoder (the persuasion features, the attribution tagger's
    logits); one session, reused."""

    def __init__(
        self,
        model_path: Path,
        vocab_path: Path,
        *,
        threads: int = 1,
        max_pieces: int = MAX_PIECES,
        signed: bool | None = None,
    ) -> None:
        """``signed``: the weight form to run (``models.int8.load_model``); by default the one this
        CPU multiplies exactly and fastest."""
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # No busy-waiting between runs: the spinning threads would starve spaCy and numpy on 2 cores.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        model = load_model(model_path, signed=signed)
        self.session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        self.tokenizer = WordPiece(vocab_path)
        self.max_pieces = max_pieces

    def chunks(self, texts: list[str]) -> list[Chunk]:
        out: list[Chunk] = []
        for doc, text in enumerate(texts):
            out.extend(chunk_pieces(text, self.tokenizer.tokenize(text), doc, self.max_pieces))
        return out

    def encode(self, chunks: list[Chunk], transform: Callable[[np.ndarray], np.ndarray] | None = None) -> None:
        """Fill ``features`` (pieces x dims, float32) of every chunk, one onnxruntime run per chunk.

        Why one chunk per run, unpadded: the int8 graph quantizes its activations dynamically, with
        one scale per input tensor, so in a padded batch a chunk's outputs depended on the other
        chunks beside it and on the padding: the same article got other persuasion spans and
        attributions depending on its batch (8 of 8 allsides articles changed persuasion spans
        between batch sizes 1 and 32). Alone, a chunk's outputs depend on its own pieces only; on
        the 2-core CPU one chunk per run was no slower than batches of 16 (docs/performance.md).

        ``transform`` maps each chunk's (pieces x dims) output right away (the detector projects it
        to the head's width there), so the wide encoder output is never kept.
        """
        tokenizer = self.tokenizer
        for chunk in chunks:
            m = len(chunk.pieces)
            ids = np.empty((1, m + 2), dtype=np.int64)
            ids[0, 0], ids[0, m + 1] = tokenizer.cls, tokenizer.sep
            ids[0, 1 : m + 1] = [p.id for p in chunk.pieces]
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0, 1 : m + 1]
            chunk.features = np.asarray(transform(hidden) if transform is not None else hidden, dtype=np.float32)
