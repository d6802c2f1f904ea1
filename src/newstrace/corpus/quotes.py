"""Quote clusters: the same statement carried by several articles, followed across outlets.

Two attributions of two articles carry the same statement when their contents share most of their
content words (spaCy's stop words and one-letter words out): at least ``MIN_SHARED`` of them, at
least ``MIN_CONTAINMENT`` of the shorter one's and ``MIN_OVERLAP`` of the longer one's. Containment
rather than overlap of the union, so a trimmed quote joins the whole one, and words rather than
word order, so indirect speech of a direct quote ("he said the bond had passed the most rigorous
test") joins it too. When neither is a direct quote, two reporters' summaries share the words of
their topic ("whether she will create a select committee"), so only near-verbatim ones join
(``MIN_SHARED_REPORTED``, ``MIN_CONTAINMENT_REPORTED``). Contents of more than ``MAX_WORDS``
content words (a whole paragraph or list the rules took in) link nothing, so no hub chains
unrelated statements together.

A short quote joins by a verbatim run of ``SHINGLE`` words instead ("what do you do all the time",
Joe Biden in Fox News and The Independent), when both carriers quote it directly from the same
corpus identity, no more than ``MAX_SHINGLE_STATEMENTS`` statements share the run (more, and it is
a stock phrase), and ``MIN_CONTAINMENT_RUN`` of the shorter one's content words agree (not an idiom
such as "in the best interests of the country", nor one person's stock phrase).

The speakers must agree: the same corpus identity, or one of them unresolved; two different
identities are joined only for a near-verbatim statement (``MISATTRIBUTED_CONTAINMENT`` and
``MISATTRIBUTED_SHARED``) in two different outlets, which is how one outlet's misattribution of
another's quote shows up (in one outlet it is its stock phrasing, as in KCNA's greetings). Two
statements with different figures ("657 dead", a week later "677 dead") are two statements; one
outlet repeating itself links only near-verbatim within a day and within one story of the corpus
(``SAME_OUTLET_CONTAINMENT``: a re-filed story, not its newsletter boilerplate or link widgets).
Articles more than ``WINDOW_DAYS`` apart are not compared (the same line said again on another
occasion, or recalled later, is another statement), and an undated article, which has no window,
links only near-verbatim statements.

Clusters are formed first seen first: a statement joins the cluster of the earliest statement it
links to best, and only through that statement, so no chain of near misses joins two statements
that share little. Each cluster keeps its first-seen article (earliest publication, then key). They
are rebuilt from the attributions table when attributions were stored since the last build, so
they depend on the stored articles only; a cluster's id is a hash of its first member, stable while
no earlier carrier is stored.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from ..store import Store
from .stories import day_of

MIN_SHARED = 6
MIN_CONTAINMENT = 0.7
MIN_CONTAINMENT_RUN = 0.5  # of the shorter one's content words, for a verbatim run
MIN_SHARED_REPORTED = 10  # when neither is a direct quote: near-verbatim only
MIN_CONTAINMENT_REPORTED = 0.9
MIN_OVERLAP = 0.25  # of the longer one: a trimmed quote keeps a quarter of the words at least
MAX_WORDS = 120  # longer contents (lists, whole paragraphs the rules took in) link nothing
MISATTRIBUTED_SHARED = 10
SAME_OUTLET_CONTAINMENT = 0.9
SHINGLE = 6  # words in a verbatim run
MAX_SHINGLE_STATEMENTS = 4  # a run in more statements than this is a stock phrase, not a quote
MISATTRIBUTED_CONTAINMENT = 0.9
WINDOW_DAYS = 7
MAX_POSTINGS = 200  # words in more statements than this do not propose candidates (still counted)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


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


def statement_words(text: str) -> frozenset[str]:
    return statement_features(text)[0]


def statement_features(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A statement's content words and its verbatim runs (:func:`shingles`), in one pass over its words."""
    tokens = [_token(match.group()) for match in _WORD.finditer(text)]
    words = frozenset(content for _, content, _ in tokens if content is not None)
    runs = set()
    folded = [word for word, _, _ in tokens]
    since_content = SHINGLE  # words since the last one a run may hold as its content word
    for i, (_, _, counts) in enumerate(tokens):
        since_content = 0 if counts else since_content + 1
        if i >= SHINGLE - 1 and since_content < SHINGLE:
            runs.add(" ".join(folded[i - SHINGLE + 1 : i + 1]))
    return words, frozenset(runs)


@dataclass(frozen=True)
class Statement:
    article_key: str
    attribution_id: str
    published: str | None
    identity: str | None  # the speaker's corpus identity (or name key); None when unresolved
    words: frozenset[str]
    outlet: str | None = None
    runs: frozenset[str] = frozenset()  # shingles(): verbatim runs of words
    kind: str = "direct"
    story: str | None = None  # the article's story (corpus/stories.py), when built

    @property
    def numbers(self) -> frozenset[str]:
        return frozenset(w for w in self.words if any(ch.isdigit() for ch in w))

    @property
    def ref(self) -> tuple[str, str]:
        return (self.article_key, self.attribution_id)


def linked(a: Statement, b: Statement, *, verbatim: bool = False) -> float | None:
    """The containment that links two statements, or None. ``verbatim``: they share a rare run of
    ``SHINGLE`` words, which stands in for the word-count thresholds (a short quote such as "what
    do you do all the time" carried by two outlets); the other conditions hold all the same."""
    shared = len(a.words & b.words)
    smaller = min(len(a.words), len(b.words)) or 1
    containment = shared / smaller
    both_quoted = a.kind == "direct" and b.kind == "direct"
    one_quoted = a.kind == "direct" or b.kind == "direct"
    if verbatim and not (
        both_quoted and a.identity and a.identity == b.identity and containment >= MIN_CONTAINMENT_RUN
    ):
        # a short run of words is an idiom unless one person is quoted saying it, and a stock
        # phrase of theirs ("my administration is committed to") unless the rest agrees too
        return None
    if not verbatim:
        # a reporter's summary in both ("to announce this week whether she will create a select
        # committee") shares the words of its topic: only a near-verbatim one is the same statement
        least, part = (MIN_SHARED, MIN_CONTAINMENT) if one_quoted else (MIN_SHARED_REPORTED, MIN_CONTAINMENT_REPORTED)
        if shared < least:
            return None
        if containment < part or shared / max(len(a.words), len(b.words)) < MIN_OVERLAP:
            return None
    if (a.published is None or b.published is None) and (
        containment < MISATTRIBUTED_CONTAINMENT or shared < MISATTRIBUTED_SHARED
    ):
        return None  # undated: no time window to go by, so only near-verbatim statements
    if a.identity and b.identity and a.identity != b.identity:
        # two people: the same words in one outlet are its stock phrases ("the friendly relations
        # ... would develop"), in two outlets possibly one of them misattributing the other's quote
        same_outlet = a.outlet is not None and a.outlet == b.outlet
        if same_outlet or containment < MISATTRIBUTED_CONTAINMENT or shared < MISATTRIBUTED_SHARED:
            return None
    # the same figures: "657 dead" a week later as "677 dead" is a new statement
    small, large = sorted((a.numbers, b.numbers), key=len)
    if not small <= large:
        return None
    # one outlet repeating itself: only a story re-filed within a day (one story of the corpus),
    # not its stock phrases, its newsletter boilerplate or its link widgets in other stories
    if a.outlet and a.outlet == b.outlet:
        day_a, day_b = day_of(a.published), day_of(b.published)
        if containment < SAME_OUTLET_CONTAINMENT or day_a is None or day_b is None or abs(day_a - day_b) > 1:
            return None
        if a.story is None or a.story != b.story:
            return None
    return containment


def shingles(text: str) -> frozenset[str]:
    """Runs of ``SHINGLE`` words (all words, lower case) with at least one content word."""
    words = [m.group().casefold().replace("’", "'") for m in _WORD.finditer(text)]
    runs = set()
    for i in range(len(words) - SHINGLE + 1):
        run = words[i : i + SHINGLE]
        if any(w not in STOP_WORDS and len(w) > 1 for w in run):
            runs.add(" ".join(run))
    return frozenset(runs)


def cluster_statements(statements: Iterable[Statement]) -> list[list[tuple[Statement, float]]]:
    """Clusters (of two or more articles) of the linked statements, each member with its best
    link; members and clusters in first-seen order."""
    items = sorted(statements, key=lambda s: (s.published or "9999", s.article_key, s.attribution_id))
    days = [day_of(s.published) for s in items]
    # Postings per word: dated statements with their days (ascending, as the items are sorted by
    # publication), and undated ones; a dated statement is compared only with later ones within
    # the window, and with every undated one (which may link near-verbatim).
    size: dict[str, int] = defaultdict(int)
    dated: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    undated: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(items):
        day = days[i]
        for word in s.words:
            size[word] += 1
            if day is None:
                undated[word].append(i)
            else:
                indices, on_days = dated[word]
                indices.append(i)
                on_days.append(day)
    links: dict[int, dict[int, float]] = defaultdict(dict)  # later statement -> {earlier: score}
    for i, s in enumerate(items):
        if not MIN_SHARED <= len(s.words) <= MAX_WORDS:
            continue
        counts: dict[int, int] = defaultdict(int)
        day = days[i]
        for word in s.words:
            if size[word] > MAX_POSTINGS:
                continue
            indices, on_days = dated.get(word, ([], []))
            if day is None:
                later = [j for j in indices if j > i]
            else:
                later = indices[bisect_right(indices, i) : bisect_right(on_days, day + WINDOW_DAYS)]
            for j in later:
                counts[j] += 1
            for j in undated.get(word, ()):
                if j > i:
                    counts[j] += 1
        for j, n in counts.items():
            other = items[j]
            if other.article_key == s.article_key or n < MIN_SHARED // 2 or len(other.words) > MAX_WORDS:
                continue
            if days[i] is not None and days[j] is not None and abs(days[i] - days[j]) > WINDOW_DAYS:  # type: ignore[operator]
                continue
            score = linked(s, other)
            if score is not None:
                links[j][i] = score
    # short verbatim quotes: a rare run of SHINGLE words shared by two articles' statements
    by_run: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(items):
        for run in s.runs:
            by_run[run].append(i)
    for holders in by_run.values():
        if not 2 <= len(holders) <= MAX_SHINGLE_STATEMENTS:
            continue
        for x, i in enumerate(holders):
            for j in holders[x + 1 :]:
                if items[i].article_key == items[j].article_key or i in links.get(j, {}):
                    continue
                if days[i] is not None and days[j] is not None and abs(days[i] - days[j]) > WINDOW_DAYS:  # type: ignore[operator]
                    continue
                score = linked(items[i], items[j], verbatim=True)
                if score is not None:
                    links[j][i] = max(score, MIN_CONTAINMENT)
    # Leader clustering, first seen first: a statement joins the cluster of the earliest-seen
    # statement it links to best, and only through that statement (no chains of near misses).
    leader = list(range(len(items)))
    best = [0.0] * len(items)
    for j in range(len(items)):
        founders = [(score, -i) for i, score in links.get(j, {}).items() if leader[i] == i]
        if founders:
            score, minus_i = max(founders)
            leader[j] = -minus_i
            best[j] = score
            best[-minus_i] = max(best[-minus_i], score)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[leader[i]].append(i)
    clusters = []
    for root in sorted(groups):
        members = groups[root]
        if len({items[i].article_key for i in members}) >= 2:
            clusters.append([(items[i], round(best[i], 3)) for i in members])
    return clusters


def cluster_id(first: Statement) -> str:
    return "q-" + hashlib.sha1(f"{first.article_key}/{first.attribution_id}".encode()).hexdigest()[:12]


@dataclass(frozen=True)
class QuoteClusterUpdate:
    statements: int
    clusters: int
    rebuilt: bool


def update_quote_clusters(store: Store, *, force: bool = False) -> QuoteClusterUpdate:
    """Rebuild the quote clusters if attributions were stored since the last build (or ``force``)."""
    with store.transaction():
        store.lock_corpus()
        if not force and store.quote_clusters_current():
            return QuoteClusterUpdate(0, 0, False)
        statements = []
        for key, attribution_id, published, who, content, outlet, kind, story in store.statement_rows():
            words, runs = statement_features(content)
            statements.append(Statement(key, attribution_id, published, who, words, outlet, runs, kind, story))
        clusters = cluster_statements(statements)
        store.replace_quote_clusters(
            [
                (cluster_id(members[0][0]), s.article_key, s.attribution_id, score, seq)
                for members in clusters
                for seq, (s, score) in enumerate(members)
            ],
            len(statements),
        )
    return QuoteClusterUpdate(len(statements), len(clusters), True)
