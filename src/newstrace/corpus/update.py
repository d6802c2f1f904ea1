"""Bring the corpus tables up to date with the stored articles: identities, stories, quote clusters,
near-verbatim reuse."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..store import Store
from .identities import IdentityUpdate, update_identities
from .quotes import QuoteClusterUpdate, update_quote_clusters
from .reuse import ReuseUpdate, update_reuse
from .stories import StoryUpdate, update_stories


@dataclass(frozen=True)
class CorpusUpdate:
    identities: IdentityUpdate
    quote_clusters: QuoteClusterUpdate
    stories: StoryUpdate
    reuse: ReuseUpdate


def update_corpus(store: Store, *, progress: Callable[[int], None] | None = None) -> CorpusUpdate:
    """What ``newstrace ingest`` runs when it ends, and the query commands before they answer."""
    identities = update_identities(store)
    stories = update_stories(store, progress=progress)
    # last: speakers must agree (identities), and one outlet's repeats must be one story
    quote_clusters = update_quote_clusters(store)
    reuse = update_reuse(store)  # within stories: after them
    return CorpusUpdate(identities, quote_clusters, stories, reuse)
