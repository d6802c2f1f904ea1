"""A pure-Python BERT uncased WordPiece tokenizer that keeps character offsets.

Why not the ``tokenizers`` package: it pulls in the Hugging Face hub client at run time. This one
reproduces BertTokenizer (lower case, strip accents, split on punctuation and CJK characters,
greedy longest-match WordPiece) and maps every piece back to code points of the input text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

MAX_WORD_CHARS = 100


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _is_control(ch: str) -> bool:
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in {"Cc", "Cf"}


def _normalize(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn")


@dataclass(frozen=True)
class Piece:
    """One WordPiece: its vocabulary id and the code-point span of the word part it came from."""

    id: int
    start: int
    end: int


class WordPiece:
    """Tokenize text into vocabulary ids with offsets; words are cached since news repeats them."""

    def __init__(self, vocab_path: Path) -> None:
        tokens = vocab_path.read_text(encoding="utf-8").splitlines()
        self.vocab = {tok: i for i, tok in enumerate(tokens)}
        self.unk = self.vocab["[UNK]"]
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]
        self.pad = self.vocab["[PAD]"]
        self._cache: dict[str, list[tuple[int, int, int]]] = {}

    def words(self, text: str) -> list[tuple[int, int]]:
        """Basic-tokenizer words as (start, end) spans: whitespace split, then punctuation and CJK apart."""
        out: list[tuple[int, int]] = []
        start = -1
        for i, ch in enumerate(text):
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or _is_control(ch):
                continue  # removed, as BERT's text cleaning does: a soft hyphen does not split 'sev\xaden'
            if ch.isspace():
                if start >= 0:
                    out.append((start, i))
                    start = -1
            elif _is_punct(ch) or _is_cjk(cp):
                if start >= 0:
                    out.append((start, i))
                    start = -1
                out.append((i, i + 1))
            elif start < 0:
                start = i
        if start >= 0:
            out.append((start, len(text)))
        return out

    def _pieces(self, word: str) -> list[tuple[int, int, int]]:
        """(id, start, end) relative to the word; offsets follow the original characters."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        # Normalize character by character so offsets survive accent stripping.
        chars: list[str] = []
        owners: list[int] = []
        for i, ch in enumerate(word):
            if ord(ch) == 0 or ord(ch) == 0xFFFD or _is_control(ch):
                continue
            for c in _normalize(ch):
                chars.append(c)
                owners.append(i)
        norm = "".join(chars)
        result: list[tuple[int, int, int]] = []
        if not norm or len(norm) > MAX_WORD_CHARS:
            result = [(self.unk, 0, len(word))]
        else:
            pos = 0
            while pos < len(norm):
                end = len(norm)
                found = -1
                while end > pos:
                    sub = norm[pos:end] if pos == 0 else "##" + norm[pos:end]
                    if sub in self.vocab:
                        found = self.vocab[sub]
                        break
                    end -= 1
                if found < 0:
                    result = [(self.unk, 0, len(word))]
                    break
                result.append((found, owners[pos], owners[end - 1] + 1))
                pos = end
        if len(self._cache) < 200_000:
            self._cache[word] = result
        return result

    def tokenize(self, text: str) -> list[Piece]:
        pieces: list[Piece] = []
        for start, end in self.words(text):
            pieces.extend(Piece(i, start + a, start + b) for i, a, b in self._pieces(text[start:end]))
        return pieces
