"""Stories: articles that report the same event, grouped as they arrive.

An article is compared with the stories of the days around it. Its similarity to one earlier
article is

    0.7 * cosine(MiniLM embeddings) + 0.3 * Jaccard(content words) - 0.1 * min(days apart, 10)

(embedding and words of the title and the first 126 WordPieces of the body), and its similarity to
a story is the mean over the story's articles (average link). It joins the most similar story if
that mean reaches ``threshold``, else it starts a new one. The weights, the penalty per day and the
threshold were chosen on half of the NeuS stories and measured on the other half
(``newstrace eval stories``; docs/corpus.md).

Why these parts: the embedding carries paraphrase ("sides with police" / "protects cops"), the
shared words carry names and numbers the small encoder blurs, and time separates the many stories
on one subject (a dozen Supreme Court stories a year). Articles are taken in order of publication
(then key), so building all stories at once gives the same grouping whatever order the articles were
stored in; an article stored later but published earlier than stories already built joins them in
the same way but cannot split them (``newstrace stories --rebuild`` starts over).
"""

from __future__ import annotations

import base64
import heapq
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

# spaCy's English stop words: a plain list, no model is loaded.
from spacy.lang.en.stop_words import STOP_WORDS

from ..errors import Errors, StoreError
from ..record import Article
from ..store import Store, StorySummary

EMBEDDING_WEIGHT = 0.7
WORDS_WEIGHT = 0.3
PENALTY_PER_DAY = 0.1
MAX_GAP_DAYS = 10  # the penalty stops growing here; stories further apart are never compared
UNDATED_GAP_DAYS = 2  # an article without a date is taken as this far from every story
THRESHOLD = 0.4
LEAD_WORDS = 80
MODEL = "all-MiniLM-L6-v2/int8/layer6-mean"

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class StoryParams:
    """How stories are formed; the defaults are the measured ones (module docstring)."""

    threshold: float = THRESHOLD
    embedding_weight: float = EMBEDDING_WEIGHT
    words_weight: float = WORDS_WEIGHT
    penalty_per_day: float = PENALTY_PER_DAY
    use_dates: bool = True


@dataclass
class StoryItem:
    """What story grouping knows of one article."""

    key: str
    day: int | None  # proleptic ordinal of the publication date
    embedding: np.ndarray
    words: frozenset[str]


@dataclass
class Story:
    id: str
    members: list[StoryItem] = field(default_factory=list)
    first_day: int | None = None
    last_day: int | None = None

    def add(self, item: StoryItem) -> None:
        self.members.append(item)
        if item.day is not None:
            self.first_day = item.day if self.first_day is None else min(self.first_day, item.day)
            self.last_day = item.day if self.last_day is None else max(self.last_day, item.day)


@dataclass(frozen=True)
class Assignment:
    key: str
    story_id: str
    score: float
    new: bool


def day_of(published: str | None) -> int | None:
    """The ordinal day of an ISO date or timestamp; None when there is none."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def lead_text(title: str | None, body: str) -> str:
    """The title (unless the body already starts with it) and the body, for the embedding."""
    body = body.strip()
    title = (title or "").strip()
    if title and not body[: len(title) + 200].startswith(title) and title not in body[:400]:
        return f"{title}\n{body}"
    return body


def content_words(text: str, limit: int = LEAD_WORDS) -> frozenset[str]:
    """Lower-cased words of the lead that are not stop words (names, numbers, key nouns)."""
    words: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group().casefold()
        if len(word) > 1 and word not in STOP_WORDS:
            words.append(word)
            if len(words) >= limit:
                break
    return frozenset(words)


def encode_embedding(vector: np.ndarray) -> str:
    return base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode("ascii")


def decode_embedding(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<f4").astype(np.float32)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


class StoryGrouper:
    """Assigns articles to stories one at a time (average link over the stories near in time)."""

    def __init__(self, params: StoryParams | None = None) -> None:
        self.params = params or StoryParams()
        self.stories: dict[str, Story] = {}  # every story, by id
        self._active: dict[str, Story] = {}  # the ones a dated article may still join
        self._ends: list[tuple[int, str]] = []  # (last day, id), lazily updated: what to retire next

    def _track(self, story: Story) -> None:
        self.stories[story.id] = story
        self._active[story.id] = story
        if story.last_day is not None:
            heapq.heappush(self._ends, (story.last_day, story.id))

    def _retire_before(self, day: int) -> None:
        """Stop comparing with stories that ended MAX_GAP_DAYS or more before ``day`` (articles come
        in date order, so none later can join them)."""
        while self._ends and self._ends[0][0] <= day - MAX_GAP_DAYS:
            last_day, story_id = heapq.heappop(self._ends)
            story = self.stories[story_id]
            if story.last_day == last_day:
                self._active.pop(story_id, None)

    def load(self, story_id: str, members: Iterable[StoryItem]) -> None:
        """A story built earlier (from the store), for articles that arrive now."""
        story = self.stories.get(story_id) or Story(story_id)
        for item in members:
            story.add(item)
        self._track(story)

    def _gap(self, day: int | None, story: Story) -> float | None:
        """Days between an article and a story; None when too far apart to compare."""
        if not self.params.use_dates:
            return 0.0
        if day is None or story.first_day is None or story.last_day is None:
            return float(UNDATED_GAP_DAYS)
        gap = max(story.first_day - day, day - story.last_day, 0)
        return None if gap >= MAX_GAP_DAYS else float(gap)

    def score(self, item: StoryItem, story: Story) -> float | None:
        """The item's mean similarity to the story's articles; None when out of its time window."""
        if self._gap(item.day, story) is None:
            return None
        p = self.params
        embeddings = np.stack([m.embedding for m in story.members])
        cosine = embeddings @ item.embedding
        total = 0.0
        for member, cos in zip(story.members, cosine, strict=True):
            if p.use_dates and member.day is not None and item.day is not None:
                gap = min(abs(member.day - item.day), MAX_GAP_DAYS)
            elif p.use_dates:
                gap = UNDATED_GAP_DAYS
            else:
                gap = 0
            total += (
                p.embedding_weight * float(cos)
                + p.words_weight * _jaccard(item.words, member.words)
                - p.penalty_per_day * gap
            )
        return total / len(story.members)

    def assign(self, item: StoryItem) -> Assignment:
        """Put one article in a story (call in date order; :meth:`assign_all` sorts)."""
        if item.day is not None and self.params.use_dates:
            self._retire_before(item.day)
            candidates = self._active
        else:
            candidates = self.stories
        best: Story | None = None
        best_score = self.params.threshold
        for story_id in sorted(candidates):  # sorted: ties go to the smaller id, whatever the history
            score = self.score(item, candidates[story_id])
            if score is not None and score > best_score:
                best, best_score = candidates[story_id], score
            elif score is not None and best is None and score == best_score:
                best = candidates[story_id]
        if best is None:
            story = Story(f"story-{item.key}")
            story.add(item)
            self._track(story)
            return Assignment(item.key, story.id, 1.0, True)
        before = best.last_day
        best.add(item)
        if best.last_day != before and best.last_day is not None:
            heapq.heappush(self._ends, (best.last_day, best.id))
        return Assignment(item.key, best.id, round(best_score, 4), False)

    def assign_all(self, items: Sequence[StoryItem]) -> list[Assignment]:
        """Assign items in publication order (undated last, then by key): the grouping of a set of
        articles does not depend on the order they were given in."""
        ordered = sorted(items, key=lambda it: (it.day is None, it.day or 0, it.key))
        return [self.assign(item) for item in ordered]


@dataclass(frozen=True)
class StoryUpdate:
    """What one build did: articles embedded, articles placed, stories started."""

    embedded: int
    placed: int
    new_stories: int


def _item(key: str, day: int | None, embedding: str, words: str) -> StoryItem:
    return StoryItem(key, day, decode_embedding(embedding), frozenset(json.loads(words)))


def update_stories(
    store: Store,
    *,
    params: StoryParams | None = None,
    rebuild: bool = False,
    progress: Callable[[int], None] | None = None,
) -> StoryUpdate:
    """Put every stored article that is in no story yet into one (the store's stories grow).

    First the articles with no features get them (the embedding is the slow part, about 10 ms an
    article, done outside any transaction and kept), then the new articles are grouped in one
    transaction with the lock on the corpus tables held, against the stories near them in time.
    ``progress`` is called with the number of articles embedded so far.
    """
    from ..models.sentence import get_sentence_encoder  # the ONNX session only when there is work

    if rebuild:
        store.clear_stories()
    embedded = 0
    while batch := store.articles_without_features():
        leads = [lead_text(title, text[body_start:]) for _, title, text, body_start, _ in batch]
        vectors = get_sentence_encoder().embed(leads)
        store.save_features(
            [
                (key, MODEL, day_of(published), encode_embedding(vectors[i]), json.dumps(sorted(content_words(lead))))
                for i, ((key, _, _, _, published), lead) in enumerate(zip(batch, leads, strict=True))
            ]
        )
        embedded += len(batch)
        if progress is not None:
            progress(embedded)
    with store.transaction():
        store.lock_corpus()
        pending = [_item(*row) for row in store.features_without_story()]
        if not pending:
            return StoryUpdate(embedded, 0, 0)
        days = [item.day for item in pending if item.day is not None]
        undated = len(days) < len(pending)
        since = None if undated or not days else min(days) - MAX_GAP_DAYS
        grouper = StoryGrouper(params)
        known: dict[str, list[StoryItem]] = {}
        for story_id, key, day, embedding, words in store.story_members(since):
            known.setdefault(story_id, []).append(_item(key, day, embedding, words))
        for story_id, members in known.items():
            grouper.load(story_id, members)
        assignments = grouper.assign_all(pending)
        store.save_story_members([(a.key, a.story_id, a.score) for a in assignments])
    return StoryUpdate(embedded, len(assignments), sum(a.new for a in assignments))


__all__ = [
    "MODEL",
    "Assignment",
    "OutletCoverage",
    "Story",
    "StoryGrouper",
    "StoryItem",
    "StoryParams",
    "StoryUpdate",
    "compare_story",
    "content_words",
    "day_of",
    "decode_embedding",
    "encode_embedding",
    "lead_text",
    "update_stories",
]


@dataclass
class OutletCoverage:
    """One outlet's coverage of a story: what ``newstrace story`` puts side by side."""

    outlet: str
    articles: list[dict[str, Any]] = field(default_factory=list)
    speakers: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)
    own_voice: list[str] = field(default_factory=list)
    techniques: dict[str, Counter[str]] = field(default_factory=lambda: {"outlet": Counter(), "quoted": Counter()})
    shared: list[str] = field(default_factory=list)  # its statements other outlets of the story carry too
    only_here: list[str] = field(default_factory=list)  # its statements no other outlet of the story carries

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "articles": self.articles,
            "speakers": [{"speaker": s, "attributions": n} for s, n in _ranked(self.speakers)],
            "entities": [{"entity": e, "mentions": n} for e, n in _ranked(self.entities)],
            "own_voice": self.own_voice,
            "techniques": {voice: dict(_ranked(c)) for voice, c in self.techniques.items()},
            "shared_statements": self.shared,
            "only_here": self.only_here,
        }


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def compare_story(store: Store, story_id: str) -> tuple[StorySummary, list[OutletCoverage]]:
    """A story's coverage per outlet, from the stored records of its articles: whom each outlet
    quotes and how often, the statements it shares with other outlets of the story (by quote
    cluster) and the ones only it carries, the entities it names, its own-voice sentences, its
    persuasion techniques in its own voice and in the words it quotes, and when it published."""
    found = store.stories(story_id=story_id, limit=1)
    if not found:
        raise StoreError(Errors.E068.format(ref=story_id))
    story = found[0]
    by_outlet: dict[str, OutletCoverage] = {}
    clusters = store.clusters_of([m.key for m in story.articles])
    outlet_of = {m.key: m.outlet or "(unknown)" for m in story.articles}
    carriers: dict[str, set[str]] = {}
    for (key, _), cluster_id in clusters.items():
        carriers.setdefault(cluster_id, set()).add(outlet_of[key])
    for member in story.articles:
        record = store.records(member.key)[0]
        article = Article.from_dict({k: v for k, v in record.items() if k != "key"})
        name = member.outlet or "(unknown)"
        coverage = by_outlet.setdefault(name, OutletCoverage(name))
        coverage.articles.append(member.to_dict())
        for att in article.attributions:
            coverage.speakers[att.speaker.name or "(unresolved)"] += 1
            in_cluster = clusters.get((member.key, att.id))
            said = f"{att.speaker.name or '(unresolved)'}: {' '.join(att.content.text.split())}"
            if in_cluster is not None and len(carriers[in_cluster]) > 1:
                coverage.shared.append(f"[{in_cluster}] {said}")
            else:
                coverage.only_here.append(said)
        for entity in article.entities:
            coverage.entities[entity.name] += len(entity.mentions)
        coverage.own_voice.extend(" ".join(span.text.split()) for span in article.own_voice)
        for p in article.persuasion:
            coverage.techniques["outlet" if p.voice == "outlet" else "quoted"][p.technique] += 1
    return story, [by_outlet[name] for name in sorted(by_outlet)]
