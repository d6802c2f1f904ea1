"""Character-offset indexes over a parsed Doc, built once per Doc and shared by every stage.

Stages often ask "which token starts at character ``x``" or "which tokens lie before ``x``".
Answering by scanning ``for t in doc`` costs a Python Token object per token per question, which
made the rules cost more than the parse on long articles. Token start offsets and end offsets
both strictly increase along a Doc (tokens are non-empty and never overlap), so each question
is a binary search here. The index is cached in ``doc.user_data`` and dies with the Doc.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from ...record import Article, Span

_KEY = "newstrace.token_index"


class TokenIndex:
    """Sorted token start and end offsets (Doc coordinates, i.e. body-relative)."""

    # No reference back to the Doc: the index lives in ``doc.user_data``, and a cycle would keep
    # every Doc alive until the cyclic garbage collector runs.
    __slots__ = ("ends", "starts")

    def __init__(self, doc: Any) -> None:
        from spacy.attrs import IDX, LENGTH

        if len(doc):
            rows = doc.to_array([IDX, LENGTH])
            self.starts: list[int] = rows[:, 0].tolist()
            self.ends: list[int] = (rows[:, 0] + rows[:, 1]).tolist()
        else:
            self.starts, self.ends = [], []

    def first_starting_at_or_after(self, offset: int) -> int:
        """Index of the first token with ``idx >= offset`` (``len(doc)`` when none)."""
        return bisect_left(self.starts, offset)

    def count_ending_by(self, offset: int) -> int:
        """How many tokens end at or before ``offset``: they are ``doc[:n]``."""
        return bisect_right(self.ends, offset)

    def starting_at(self, offset: int) -> int | None:
        """Index of the token whose ``idx`` is exactly ``offset``, or None."""
        i = bisect_left(self.starts, offset)
        if i < len(self.starts) and self.starts[i] == offset:
            return i
        return None

    def starting_within(self, start: int, end: int) -> range:
        """Indexes of the tokens with ``start <= idx < end``."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))


def token_index(doc: Any) -> TokenIndex:
    """The (cached) index of ``doc``."""
    index = doc.user_data.get(_KEY)
    if index is None:
        index = TokenIndex(doc)
        doc.user_data[_KEY] = index
    return index


def token_span(article: Article, first: Any, last: Any) -> Span:
    """The span from token ``first`` to token ``last`` (inclusive), in article coordinates."""
    start = first.idx + article.body_start
    end = last.idx + len(last.text) + article.body_start
    return article.span(start, end)
