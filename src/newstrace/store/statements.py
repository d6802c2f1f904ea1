"""What the store keeps of each statement for quote clusters (corpus/quotes.py): its content words
and digests of its verbatim runs, computed once when the attribution is stored.

A statement's features depend on its content only, so computing them once at ingest (under a
millisecond an article, beside seconds of analysis) rather than at every corpus update keeps the
update after 100 new articles proportional to the corpus's size in rows read, not in text
tokenized again. Runs are kept as
8-byte BLAKE2b digests: only their equality matters (two statements sharing a run), and a corpus
of millions of statements has tens of millions of runs.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

SHINGLE = 6  # words in a verbatim run
DIGEST_BYTES = 8

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NO_RUN = bytes(SHINGLE)  # SHINGLE words in a row none of which a run may hold as its content word


@lru_cache(maxsize=262_144)
def _token(raw: str) -> tuple[str, str | None, bool]:
    """A word as written -> (the word folded, its content word or None, whether a run may hold it
    as its content word): computed once per distinct word, since statements repeat their words."""
    word = raw.casefold().replace("’", "'")
    content = word[:-2] if word.endswith("'s") else word
    return (
        word,
        (content if len(content) > 1 and content not in STOP_WORDS else None),
        (word not in STOP_WORDS and len(word) > 1),
    )


def statement_features(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A statement's content words (spaCy's stop words and one-letter words out, "'s" dropped) and
    its verbatim runs: ``SHINGLE`` words in a row (all words, lower case) with at least one content
    word. One pass over the words; every step runs at C speed where it can."""
    tokens = list(map(_token, _WORD.findall(text)))
    if not tokens:
        return frozenset(), frozenset()
    folded, contents, counts = zip(*tokens, strict=True)
    words = frozenset(contents)
    if None in words:
        words = words - {None}
    starts = range(len(folded) - SHINGLE + 1)
    if _NO_RUN in bytes(counts):
        # a stretch of SHINGLE stop words: only the runs with a content word count
        runs = {" ".join(folded[i : i + SHINGLE]) for i in starts if any(counts[i : i + SHINGLE])}
    else:
        runs = {" ".join(folded[i : i + SHINGLE]) for i in starts}
    return words, frozenset(runs)


def shingles(text: str) -> frozenset[str]:
    """Runs of ``SHINGLE`` words (all words, lower case) with at least one content word: the
    definition :func:`statement_features` computes in one pass (a property test holds them equal)."""
    words = [m.group().casefold().replace("’", "'") for m in _WORD.finditer(text)]
    runs = set()
    for i in range(len(words) - SHINGLE + 1):
        run = words[i : i + SHINGLE]
        if any(w not in STOP_WORDS and len(w) > 1 for w in run):
            runs.add(" ".join(run))
    return frozenset(runs)


def run_digests(runs: frozenset[str]) -> bytes:
    """The runs as sorted ``DIGEST_BYTES``-byte digests, one after the other (numpy reads them as uint64)."""
    return b"".join(sorted(hashlib.blake2b(run.encode("utf-8"), digest_size=DIGEST_BYTES).digest() for run in runs))


def stored_features(text: str) -> tuple[str, str]:
    """The two columns the store keeps: the content words, space-separated and sorted, and the
    runs' digests in base64 (text, so both backends keep them alike)."""
    words, runs = statement_features(text)
    return " ".join(sorted(words)), base64.b64encode(run_digests(runs)).decode("ascii")


def read_features(words: str, runs: str) -> tuple[frozenset[str], bytes]:
    """The stored columns back: the content words and the runs' digests."""
    return frozenset(words.split()), binascii.a2b_base64(runs)
