"""Near-verbatim reuse: an article that repeats an earlier article of another outlet word for word.

Wire copy travels by reuse as much as by named relays: a paper prints an agency's dispatch with a
new first line, an agency re-issues another's story. Within each story (corpus/stories.py), a
later article reuses an earlier one of another publisher when at least ``MIN_CONTAINMENT`` of the
later body's 6-word runs appear in the earlier body; it is linked to the one it shares most with
(the earliest among equals), unless an earlier article of its own outlet shares as much (the outlet
repeating itself). Articles of the same day are not linked: the day cannot say who copied whom. The links become relay
edges of kind 'reuse' (``Store.relay_edges``): reusing publisher -> reused publisher.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..store import Store

RUN = 6  # words per run: long enough that shared runs are copying, not common phrases
MIN_CONTAINMENT = 0.5
MIN_RUNS = 10  # a body shorter than this many runs says too little to call it a copy
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ReuseUpdate:
    links: int
    rebuilt: bool


def runs(text: str) -> set[int]:
    """Hashes of the text's 6-word runs, case and punctuation ignored."""
    words = [w.lower() for w in _WORD.findall(text)]
    return {hash(tuple(words[i : i + RUN])) for i in range(len(words) - RUN + 1)}


def containment(later: set[int], earlier: set[int]) -> float:
    """Share of the later text's runs found in the earlier one."""
    return len(later & earlier) / len(later) if later else 0.0


def find_reuse(
    members: list[tuple[str, str, str | None, str | None, str]],
) -> list[tuple[str, str, float]]:
    """(reusing key, reused key, containment) from (story, key, publisher, published, text) rows."""
    by_story: dict[str, list[tuple[str, str | None, str | None, set[int]]]] = defaultdict(list)
    for story, key, publisher, published, text in members:
        by_story[story].append((key, publisher, published, runs(text)))
    links: list[tuple[str, str, float]] = []
    for articles in by_story.values():
        for key, publisher, published, words in articles:
            if published is None or len(words) < MIN_RUNS:
                continue
            sources: list[tuple[float, str, str]] = []
            own = 0.0  # the most it shares with an earlier article of its own outlet
            for other_key, other_publisher, other_published, other_words in articles:
                if other_published is None or other_published >= published:
                    continue  # only strictly earlier articles can have been copied
                share = containment(words, other_words)
                if (other_publisher or "").lower() == (publisher or "").lower():
                    own = max(own, share)  # an outlet repeating itself is no relay
                elif share >= MIN_CONTAINMENT:
                    sources.append((share, other_published, other_key))
            sources = [c for c in sources if c[0] > own]  # its own earlier story explains it as well
            if sources:
                # the most words shared; among equals the earliest article, the original
                share, _, source = min(sources, key=lambda c: (-c[0], c[1], c[2]))
                links.append((key, source, round(share, 4)))
    return sorted(links)


def update_reuse(store: Store) -> ReuseUpdate:
    """Recompute the reuse links when the stories changed since the last time."""
    if store.reuse_current():
        return ReuseUpdate(links=-1, rebuilt=False)
    with store.transaction():
        store.lock_corpus()
        links = find_reuse(store.reuse_candidates())
        store.replace_reuse(links)
    return ReuseUpdate(links=len(links), rebuilt=True)
