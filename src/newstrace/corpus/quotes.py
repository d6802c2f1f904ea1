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
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, repeat

import numpy as np

from ..store import Store
from ..store.statements import DIGEST_BYTES, read_features, statement_features
from .bulk import collector_paused
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
MAX_SHINGLE_STATEMENTS = 4  # a run in more statements than this is a stock phrase, not a quote
MISATTRIBUTED_CONTAINMENT = 0.9
WINDOW_DAYS = 7
MAX_POSTINGS = 200  # words in more statements than this do not propose candidates (still counted)


def statement_words(text: str) -> frozenset[str]:
    return statement_features(text)[0]


@dataclass(frozen=True)
class Statement:
    article_key: str
    attribution_id: str
    published: str | None
    identity: str | None  # the speaker's corpus identity (or name key); None when unresolved
    words: frozenset[str]
    outlet: str | None = None
    runs: bytes = b""  # digests of its verbatim runs (shingles(), store/statements.py)
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


def _spans(owners: np.ndarray, begin: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each owner repeated once per position of its range ``[begin, end)``, beside that position."""
    counts = np.maximum(end - begin, 0)
    total = int(counts.sum())
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(owners, counts), np.repeat(begin, counts) + offsets


def _candidate_pairs(items: Sequence[Statement], days: Sequence[int | None]) -> list[tuple[int, int]]:
    """The pairs (i < j, by first-seen order) worth comparing: the earlier one of ``MIN_SHARED`` to
    ``MAX_WORDS`` content words, the later one of at most ``MAX_WORDS``, sharing at least
    ``MIN_SHARED // 2`` words that are in no more than ``MAX_POSTINGS`` statements, and no more
    than ``WINDOW_DAYS`` apart when both are dated (an undated one pairs with any). Counted with
    numpy over the postings of each word, since a corpus has millions of (word, statement) pairs."""
    flat = list(chain.from_iterable(s.words for s in items))
    size = Counter(flat)
    # word ids from 1; 0 for the words that cannot pair or are too common to propose pairs
    vocab = {w: k for k, w in enumerate((w for w, n in size.items() if 1 < n <= MAX_POSTINGS), start=1)}
    n_words = np.fromiter(map(len, (s.words for s in items)), dtype=np.int64, count=len(items))
    all_ids = np.fromiter(map(vocab.get, flat, repeat(0, len(flat))), dtype=np.int64, count=len(flat))
    all_owners = np.repeat(np.arange(len(items), dtype=np.int64), n_words)
    keep = (all_ids > 0) & (n_words[all_owners] <= MAX_WORDS)
    if not keep.any():
        return []
    words, stmts = all_ids[keep], all_owners[keep]
    order = np.lexsort((stmts, words))  # postings by word, then first-seen order
    words, stmts = words[order], stmts[order]
    source = (n_words >= MIN_SHARED) & (n_words <= MAX_WORDS)
    dated = np.fromiter((d is not None for d in days), dtype=bool, count=len(items))
    first_day = min((d for d in days if d is not None), default=0)
    day = np.fromiter((0 if d is None else d - first_day for d in days), dtype=np.int64, count=len(items))
    firsts: list[np.ndarray] = []
    seconds: list[np.ndarray] = []
    # both dated: later postings of the word within the window (days ascend with first-seen order)
    on = dated[stmts]
    d_words, d_stmts = words[on], stmts[on]
    key = d_words * (1 << 24) + day[d_stmts]
    positions = np.arange(len(d_stmts), dtype=np.int64)
    ends = np.searchsorted(key, key + WINDOW_DAYS, side="right")
    keep = source[d_stmts]
    a, b = _spans(positions[keep], positions[keep] + 1, ends[keep])
    firsts.append(d_stmts[a])
    seconds.append(d_stmts[b])
    # an undated one: with every other posting of the word, the earlier statement as the source
    undated = np.flatnonzero(~on)
    if len(undated):
        group_begin = np.searchsorted(words, words[undated], side="left")
        group_end = np.searchsorted(words, words[undated], side="right")
        a, b = _spans(undated, undated + 1, group_end)  # later ones
        firsts.append(stmts[a])
        seconds.append(stmts[b])
        a, b = _spans(undated, group_begin, undated)  # earlier dated ones (earlier undated pair above)
        earlier_dated = dated[stmts[b]]
        firsts.append(stmts[b][earlier_dated])
        seconds.append(stmts[a][earlier_dated])
    first = np.concatenate(firsts)
    second = np.concatenate(seconds)
    wanted = source[first]
    pair_keys = first[wanted] * len(items) + second[wanted]
    unique, counts = np.unique(pair_keys, return_counts=True)
    chosen = unique[counts >= MIN_SHARED // 2]
    return list(zip((chosen // len(items)).tolist(), (chosen % len(items)).tolist(), strict=True))


def _shared_run_pairs(items: Sequence[Statement]) -> list[tuple[int, int]]:
    """The pairs (i < j) of direct quotes of a known speaker that share a verbatim run held by no
    more than ``MAX_SHINGLE_STATEMENTS`` statements of any kind (counted with numpy over the
    runs' digests: a corpus has tens of millions of runs)."""
    runs = np.frombuffer(b"".join(s.runs for s in items), dtype="<u8")
    if not len(runs):
        return []
    lengths = np.fromiter((len(s.runs) // DIGEST_BYTES for s in items), dtype=np.int64, count=len(items))
    owners = np.repeat(np.arange(len(items), dtype=np.int64), lengths)
    _, run_ids, holding = np.unique(runs, return_inverse=True, return_counts=True)
    quoted = np.fromiter((s.kind == "direct" and bool(s.identity) for s in items), dtype=bool, count=len(items))
    held = holding[run_ids]
    keep = quoted[owners] & (held >= 2) & (held <= MAX_SHINGLE_STATEMENTS)
    run_ids, owners = run_ids[keep], owners[keep]
    order = np.lexsort((owners, run_ids))  # holders of each run, in first-seen order
    run_ids, owners = run_ids[order], owners[order]
    positions = np.arange(len(owners), dtype=np.int64)
    group_end = np.searchsorted(run_ids, run_ids, side="right")
    a, b = _spans(positions, positions + 1, group_end)
    pairs = np.unique(owners[a] * len(items) + owners[b])
    return list(zip((pairs // len(items)).tolist(), (pairs % len(items)).tolist(), strict=True))


def cluster_statements(statements: Iterable[Statement]) -> list[list[tuple[Statement, float]]]:
    """Clusters (of two or more articles) of the linked statements, each member with its best
    link; members and clusters in first-seen order."""
    items = sorted(statements, key=lambda s: (s.published or "9999", s.article_key, s.attribution_id))
    days = [day_of(s.published) for s in items]
    links: dict[int, dict[int, float]] = defaultdict(dict)  # later statement -> {earlier: score}
    for i, j in _candidate_pairs(items, days):
        s, other = items[i], items[j]
        if other.article_key == s.article_key:
            continue
        score = linked(s, other)
        if score is not None:
            links[j][i] = score
    # short verbatim quotes: a rare run of SHINGLE words shared by two articles' statements
    # (held by few statements of any kind; only direct quotes of a known speaker can link by one)
    for i, j in _shared_run_pairs(items):
        if items[i].article_key == items[j].article_key or i in links.get(j, {}):
            continue
        if days[i] is not None and days[j] is not None and abs(days[i] - days[j]) > WINDOW_DAYS:  # type: ignore[operator]
            continue
        score = linked(items[i], items[j], verbatim=True)
        if score is not None:
            links[j][i] = max(score, MIN_CONTAINMENT)
    # Leader clustering, first seen first: a statement joins the cluster of the earliest-seen
    # statement it links to best, and only through that statement (no chains of near misses).
    leader: dict[int, int] = {}  # a statement that joined a cluster -> the cluster's first statement
    best: dict[int, float] = defaultdict(float)
    for j in sorted(links):
        founders = [(score, -i) for i, score in links[j].items() if leader.get(i, i) == i]
        if founders:
            score, minus_i = max(founders)
            leader[j] = -minus_i
            best[j] = score
            best[-minus_i] = max(best[-minus_i], score)
    joined: dict[int, list[int]] = defaultdict(list)
    for j, root in leader.items():
        joined[root].append(j)
    clusters = []
    for root in sorted(joined):
        members = [root, *sorted(joined[root])]
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
    with collector_paused(), store.transaction():
        store.lock_corpus()
        if not force and store.quote_clusters_current():
            return QuoteClusterUpdate(0, 0, False)
        statements = []
        for key, attribution_id, published, who, *stored, outlet, kind, story in store.statement_rows():
            words, runs = read_features(*stored)
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
