"""A progress bar for a corpus: articles/s, words/s and an ETA, without counting the corpus first.

The bar runs over input bytes (compressed bytes for a .gz corpus), whose total is known from the
file sizes before reading; the number of articles is not. Each analyzed article moves the bar to
the input position it was read at, so the ETA follows the analysis, not the (faster) reading.
"""

from __future__ import annotations

import time
from collections import deque
from typing import TextIO

from tqdm import tqdm

from .record import Article

BAR_FORMAT = "{desc} {percentage:3.0f}%|{bar}| [{elapsed}<{remaining}]"
BAR_FORMAT_NO_TOTAL = "{desc} [{elapsed}]"


def word_count(text: str) -> int:
    """Whitespace-separated words: the unit of every words/s figure newstrace prints."""
    return len(text.split())


class Progress:
    """Counts articles and words as they come out; shows a bar when enabled."""

    def __init__(
        self,
        total_bytes: int | None,
        *,
        enabled: bool,
        desc: str = "analyzing:",
        every: float = 0.5,
        file: TextIO | None = None,
    ) -> None:
        self.enabled = enabled
        self.desc = desc
        self.every = every
        self.articles = 0
        self.words = 0
        self.started = time.perf_counter()
        self._shown = 0.0
        self.positions: deque[int] = deque()
        self.bar = tqdm(
            total=total_bytes,
            desc=desc,
            unit="B",
            unit_scale=True,
            disable=not enabled,
            file=file,
            bar_format=BAR_FORMAT if total_bytes else BAR_FORMAT_NO_TOTAL,
        )

    def read(self, position: int) -> None:
        """Note where in the input the next article to come out was read (call in input order)."""
        self.positions.append(position)

    def done(self, article: Article) -> None:
        """One article came out (in input order)."""
        self.articles += 1
        self.words += word_count(article.text)
        position = self.positions.popleft() if self.positions else None
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self._shown >= self.every:
            self._show(now, position)

    def _show(self, now: float, position: int | None) -> None:
        self._shown = now
        elapsed = max(now - self.started, 1e-9)
        rates = f"{self.articles / elapsed:,.1f} articles/s, {self.words / elapsed:,.0f} words/s"
        self.bar.set_description_str(f"{self.desc} {self.articles:,} articles, {rates}", refresh=False)
        if position is not None and position > self.bar.n:
            self.bar.update(position - self.bar.n)
        else:
            self.bar.refresh()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def close(self) -> None:
        if self.enabled:
            self._show(time.perf_counter(), self.bar.total)
        self.bar.close()
