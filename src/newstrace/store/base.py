"""The corpus store: one class with all the SQL, shared by SQLite and PostgreSQL.

Queries are written once with ``?`` placeholders; a backend subclass supplies the connection,
the placeholder style, transactions and the full-text search clause — the only places where the
two dialects differ. Migrations (``store/migrations``) are applied when a store is opened.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import resources
from types import TracebackType
from typing import Any, ClassVar

from ..errors import ConfigError, Errors, StoreError
from ..record import Article, Attribution
from ..resources import agency_name
from .keys import article_key, name_key
from .search import Search, parse_search
from .statements import stored_features

Row = tuple[Any, ...]

# Columns of each table as exported (and as read by ``iter_table``); search columns and the full
# JSON record stay inside the store.
EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "key",
        "id",
        "url",
        "source",
        "outlet",
        "published",
        "title",
        "agency",
        "byline",
        "text",
        "n_attributions",
        "n_entities",
        "ingested_at",
    ),
    "attributions": (
        "article_key",
        "attribution_id",
        "seq",
        "kind",
        "speaker",
        "speaker_key",
        "speaker_entity",
        "speaker_resolution",
        "citing",
        "citing_key",
        "via",
        "cue",
        "content",
        "content_start",
        "content_end",
        "rule",
        "outlet",
        "published",
        "confidence",
        "said",
        "said_assumed",
    ),
    "entities": ("article_key", "entity_id", "name", "name_key", "type", "aliases", "roles", "n_mentions"),
    "mentions": ("article_key", "entity_id", "seq", "start_char", "end_char", "text", "kind"),
    "failures": ("source", "stage", "error", "attempts", "first_failed_at", "last_failed_at"),
    "stories": (
        "story_id",
        "title",
        "first_published",
        "last_published",
        "n_articles",
        "n_outlets",
    ),
    "story_articles": ("article_key", "story_id", "score"),
    "identities": ("identity_id", "name", "type", "n_articles", "n_mentions", "key"),
    "entity_identities": ("article_key", "entity_id", "identity_id", "rule", "score"),
    "quote_cluster_members": ("cluster_id", "article_key", "attribution_id", "score", "seq"),
    "persuasion_spans": (
        "article_key",
        "seq",
        "technique",
        "voice",
        "attribution_id",
        "speaker",
        "start_char",
        "end_char",
        "text",
        "score",
        "outlet",
        "published",
    ),
    "own_voice": ("article_key", "seq", "start_char", "end_char", "text"),
    "times": (
        "article_key",
        "seq",
        "value",
        "resolution",
        "role",
        "start_char",
        "end_char",
        "text",
        "type",
        "mod",
        "frequency",
    ),
    "article_reuse": ("article_key", "source_key", "containment"),
}
TABLES = (
    "articles",
    "attributions",
    "entities",
    "mentions",
    "failures",
    "stories",
    "story_articles",
    "identities",
    "entity_identities",
    "quote_cluster_members",
    "persuasion_spans",
    "own_voice",
    "times",
    "article_reuse",
)


class _Row:
    """A query result row; ``to_dict`` gives the JSON and CSV output of the query commands."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@dataclass
class SaveCounts:
    """What a batch of saves did: new articles, and ones already stored (skipped)."""

    saved: int = 0
    duplicates: int = 0

    def __iadd__(self, other: SaveCounts) -> SaveCounts:
        self.saved += other.saved
        self.duplicates += other.duplicates
        return self


@dataclass(frozen=True)
class Quote(_Row):
    """One stored attribution with the article facts a reader needs beside it."""

    article_key: str
    article_id: str
    attribution_id: str
    kind: str
    speaker: str | None
    speaker_resolution: str | None
    citing: str | None
    via: list[str]
    cue: str | None
    content: str
    outlet: str | None
    published: str | None
    title: str | None
    url: str | None
    confidence: float | None = None
    cluster: str | None = None  # the quote cluster carrying the same statement in other articles
    said: str | None = None  # when it was said (TIMEX3 value), given by the text or assumed
    said_assumed: bool | None = None  # True: the article's date stands in; None: stored before schema 5


@dataclass(frozen=True)
class ArticleSummary(_Row):
    """One stored article as listed (the full record comes from :meth:`Store.records`)."""

    key: str
    id: str
    published: str | None
    outlet: str | None
    title: str | None
    url: str | None
    attributions: int
    lead: str | None = None  # the text's first 160 characters, for untitled wire copy


@dataclass(frozen=True)
class SpeakerSummary:
    """A speaker across the corpus: how often quoted, in how many articles, by which outlets and relays."""

    name: str
    key: str
    quotes: int
    articles: int
    outlets: list[tuple[str, int]] = field(default_factory=list)
    via: list[tuple[str, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "key": self.key,
            "quotes": self.quotes,
            "articles": self.articles,
            "outlets": [{"outlet": o, "quotes": n} for o, n in self.outlets],
            "via": [{"chain": c, "quotes": n} for c, n in self.via],
        }


@dataclass(frozen=True)
class EntitySummary(_Row):
    name: str
    key: str
    type: str
    articles: int
    mentions: int
    quoted: int


@dataclass(frozen=True)
class OutletSummary(_Row):
    outlet: str | None
    articles: int
    attributions: int
    speakers: int
    first: str | None
    last: str | None


@dataclass(frozen=True)
class Failure(_Row):
    """A document that could not be read or analyzed; ``payload`` is the document as read, if any."""

    source: str
    stage: str | None
    error: str
    attempts: int
    first_failed_at: str
    last_failed_at: str
    payload: dict[str, Any] | None = None


@dataclass(frozen=True)
class StoryArticle(_Row):
    """One article of a story. ``id`` is the article's input id: the ``id`` field of its JSON Lines
    line, else the path or URL it was read from; ``outlet`` is the agency for wire copy with none."""

    id: str
    key: str
    outlet: str | None
    published: str | None
    title: str | None
    url: str | None
    score: float


@dataclass(frozen=True)
class StorySummary:
    """A story: the articles that report one event, oldest first."""

    id: str
    title: str | None
    first_published: str | None
    last_published: str | None
    outlets: int
    articles: list[StoryArticle] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "first_published": self.first_published,
            "last_published": self.last_published,
            "outlets": self.outlets,
            "articles": [a.to_dict() for a in self.articles],
        }


def input_id(source: str | None, url: str | None, key: str) -> str:
    """The id a user gave the article: a JSON Lines ``id`` (``file.jsonl#ID``), else its path or URL."""
    if source:
        head, sep, tail = source.rpartition("#")
        if (
            sep
            and head.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".json", "-"))
            and tail
            and not re.fullmatch(r"L\d+", tail)
        ):
            return tail
        return source
    return url or key


@dataclass(frozen=True)
class IdentitySummary(_Row):
    """One person or organization across the corpus: its names, and how its mentions were joined."""

    id: str
    name: str
    type: str
    articles: int
    mentions: int
    quoted: int
    aliases: list[str]
    rules: dict[str, int]


@dataclass(frozen=True)
class QuoteClusterSummary:
    """One statement followed across articles: every carrier, first seen first."""

    id: str
    attributions: int
    articles: int
    outlets: int
    first: str | None
    last: str | None
    carriers: list[Quote] = field(default_factory=list)

    @property
    def first_seen(self) -> Quote | None:
        return self.carriers[0] if self.carriers else None

    def to_dict(self) -> dict[str, Any]:
        first = self.first_seen
        return {
            "id": self.id,
            "attributions": self.attributions,
            "articles": self.articles,
            "outlets": self.outlets,
            "first": self.first,
            "last": self.last,
            "first_seen": {"outlet": first.outlet, "published": first.published} if first else None,
            "carriers": [q.to_dict() for q in self.carriers],
        }


@dataclass(frozen=True)
class RelayEdge(_Row):
    """Who passes statements to whom: ``source`` published or relayed what ``target`` said or relayed."""

    source: str
    target: str
    attributions: int
    articles: int
    first: str | None
    last: str | None
    # 'attribution': named in the text ('KCNA reported'); 'reuse': the source's text reused nearly
    # word for word (``attributions`` is 0, ``articles`` the reusing articles)
    kind: str = "attribution"


@dataclass(frozen=True)
class RelayChain(_Row):
    """A whole chain, publisher first, speaker last, with how often it occurs."""

    chain: list[str]
    attributions: int
    articles: int
    first: str | None
    last: str | None


@dataclass(frozen=True)
class PersuasionCount(_Row):
    """Persuasion spans of one group (the fields not grouped by are None)."""

    outlet: str | None
    voice: str | None
    technique: str | None
    month: str | None
    spans: int
    articles: int


@dataclass(frozen=True)
class OutletVoice(_Row):
    """How much of an outlet is its own voice, and whose words its persuasion spans are."""

    outlet: str | None
    articles: int
    own_voice: int  # sentences
    attributions: int
    outlet_spans: int
    attributed_spans: int


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    common: str
    dialect: dict[str, str]


def publisher_of(article: Article) -> str | None:
    """The agency or outlet an article is published by, named as the relay stage names it."""
    return article.agency or (agency_name(article.outlet) if article.outlet else None)


def relay_hops(article: Article, attribution: Attribution) -> list[tuple[int, str, str, str]]:
    """(position, name, name key, role) of an attribution's relay chain, publisher first."""
    publisher = publisher_of(article)
    hops: list[tuple[int, str, str, str]] = []
    for position, name in enumerate(attribution.via):
        key = name_key(name)
        if key:
            role = "publisher" if position == 0 and name == publisher else "intermediary"
            hops.append((len(hops), name, key, role))
    speaker = attribution.speaker
    key = name_key(speaker.name)
    if key and speaker.resolution != "unresolved" and (not hops or hops[-1][2] != key):
        hops.append((len(hops), speaker.name or "", key, "speaker"))
    return hops


def lookup_keys(name: str) -> list[str]:
    """Keys to look a name up by: its own, and its agency's canonical name ('KCNA' finds the
    Korean Central News Agency)."""
    keys = [k for k in (name_key(name), name_key(agency_name(name))) if k]
    return list(dict.fromkeys(keys))


def redact_url(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return url


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def split_sql(script: str) -> list[str]:
    """Statements of a script, trigger bodies kept whole (``sqlite3.complete_statement`` decides)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


_MIGRATION_NAME = re.compile(r"^(\d{4})_(\w+?)(?:\.(sqlite|postgresql))?\.sql$")


def load_migrations() -> list[Migration]:
    """Every migration shipped in ``newstrace/store/migrations``, in version order."""
    folder = resources.files("newstrace.store.migrations")
    found: dict[int, dict[str, Any]] = defaultdict(lambda: {"dialect": {}})
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if not match:
            continue
        version, name, dialect = int(match.group(1)), match.group(2), match.group(3)
        slot = found[version]
        slot["name"] = name
        if dialect:
            slot["dialect"][dialect] = entry.read_text(encoding="utf-8")
        else:
            slot["common"] = entry.read_text(encoding="utf-8")
    return [
        Migration(version, slot["name"], slot.get("common", ""), slot["dialect"])
        for version, slot in sorted(found.items())
    ]


# Above this many statements, a publisher filter checks rows one by one instead of listing them.
PUBLISHER_LIST_MAX = 2000


def _among(statements: str) -> str:
    """A condition on ``a``: the attribution is one of ``statements`` (article_key, attribution_id).
    The articles are listed too: a single-column IN is what lets SQLite look the few statements up
    by key instead of reading every attribution (20 ms -> 0.1 ms for a rarely quoted speaker on
    22,000 KCNA stories). The caller passes the statements' parameters twice."""
    return (
        f"(a.article_key IN (SELECT s.article_key FROM ({statements}) AS s) AND "
        f"(a.article_key, a.attribution_id) IN ({statements}))"
    )


def _like_literal(text: str) -> str:
    """``text`` matched literally by LIKE ... ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Store(AbstractContextManager["Store"]):
    """A corpus of analyzed articles. Open one with :func:`newstrace.store.open_store`."""

    dialect: ClassVar[str] = ""
    # Migrations that also need Python to move stored data forward: version -> method name, run
    # in the migration's transaction right after its SQL.
    BACKFILLS: ClassVar[dict[int, str]] = {
        4: "_backfill_relay_hops",
        7: "_backfill_persuasion_voice",
        9: "_backfill_times",
        12: "_backfill_statement_features",
        13: "_backfill_timex_attributes",
    }

    def __init__(self, url: str) -> None:
        self.url = url

    # -- backend hooks -------------------------------------------------------------------------
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[Any]:
        """A write transaction: commit on success, roll back on error."""
        raise NotImplementedError

    def _migration_lock(self) -> None:
        """Serialize concurrent migrations (inside the migration transaction)."""

    def lock_corpus(self) -> None:
        """Serialize concurrent builders of the corpus tables (inside their transaction). SQLite's
        write transactions (BEGIN IMMEDIATE) are serialized already."""

    def _search_condition(self, target: str, search: Search) -> tuple[str, list[Any]]:
        """A full-text condition on ``a`` (target 'attributions') or ``ar`` ('articles'), with its
        parameters: the one syntax of store/search.py in the backend's own."""
        raise NotImplementedError

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        """Rows of a large result, without loading them all."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- dataframes ----------------------------------------------------------------------------
    FRAMES = (
        "quotes",
        "speakers",
        "entities",
        "articles",
        "outlets",
        "persuasion",
        "stories",
        "identities",
        "relay_edges",
        "relay_chains",
    )

    def frame(self, what: str, **filters: Any) -> Any:
        """A query's rows as a pandas DataFrame: ``store.frame("quotes", speaker="Kim Jong Il")`` takes
        the keywords of ``store.quotes`` and returns its rows, one column per field, ``published`` as
        a datetime. Needs pandas (``pip install newstrace[frame]``, E128). Identities, quote clusters
        and stories are what the last ingest (or query command) left; ``newstrace ingest`` updates them."""
        if what not in self.FRAMES:
            raise StoreError(Errors.E129.format(what=what, options=", ".join(self.FRAMES)))
        try:
            import pandas
        except ImportError as exc:
            raise ConfigError(Errors.E128.format(reason=exc)) from exc
        if what in {"quotes", "articles", "stories", "relay_edges", "relay_chains", "persuasion", "identities"}:
            filters.setdefault("limit", None)  # a frame holds every row unless told otherwise
        rows = [row.to_dict() for row in getattr(self, what)(**filters)]
        table = pandas.DataFrame.from_records(rows)
        if what == "persuasion":  # only the groups asked for, then the counts
            by = list(filters.get("by", ("outlet", "voice", "technique")))
            table = table.reindex(columns=[*by, "spans", "articles"])
        for column in ("published", "first_published", "last_published", "first", "last"):
            if column in table.columns:
                table[column] = pandas.to_datetime(table[column], errors="coerce", format="ISO8601")
        return table

    # -- schema --------------------------------------------------------------------------------
    def check_current(self) -> None:
        """Refuse a store whose schema is not the one this code writes (E067 newer, E075 older)."""
        known = max(m.version for m in load_migrations())
        try:
            found = self.schema_version()
        except Exception:  # sqlite3 or psycopg: no schema_migrations table, not a newstrace store yet
            found = 0
        if found > known:
            raise StoreError(Errors.E067.format(url=redact_url(self.url), found=found, known=known))
        if found < known:
            raise StoreError(Errors.E075.format(url=redact_url(self.url), found=found, known=known))

    def migrate(self, *, upto: int | None = None) -> list[int]:
        """Apply the migrations not yet applied (up to version ``upto``, for tests of old stores);
        return their versions."""
        migrations = [m for m in load_migrations() if upto is None or m.version <= upto]
        known = max(m.version for m in load_migrations())
        applied_now: list[int] = []
        with self.transaction():
            self._migration_lock()
            self._execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            applied = {int(r[0]) for r in self._execute("SELECT version FROM schema_migrations").fetchall()}
            if applied and max(applied) > known:
                raise StoreError(Errors.E067.format(url=self.url, found=max(applied), known=known))
            for migration in migrations:
                if migration.version in applied:
                    continue
                script = migration.common + "\n" + migration.dialect.get(self.dialect, "")
                for statement in split_sql(script):
                    self._execute(statement)
                backfill = self.BACKFILLS.get(migration.version)
                if backfill is not None and applied:  # a new store has nothing to fill
                    getattr(self, backfill)()
                self._execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, now()),
                )
                applied_now.append(migration.version)
        return applied_now

    def schema_version(self) -> int:
        row = self._execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    # -- writing -------------------------------------------------------------------------------
    @staticmethod
    def key_of(article: Article) -> str:
        return article_key(article.id, article.url)

    def has_key(self, key: str) -> bool:
        return self._execute("SELECT 1 FROM articles WHERE key = ?", (key,)).fetchone() is not None

    def contains(self, article: Article) -> bool:
        """True if this text at this URL is stored: ingest skips it before analysis."""
        return self.has_key(self.key_of(article))

    def has_url(self, url: str) -> bool:
        """True if any stored article came from this URL: ingest skips fetching it again."""
        return self._execute("SELECT 1 FROM articles WHERE url = ?", (url,)).fetchone() is not None

    def reconnect(self) -> bool:
        """Open the connection again after the server dropped it; True when it did (PostgreSQL only)."""
        return False

    def save(self, article: Article) -> bool:
        """Store one analyzed article; False if it was already stored (nothing changes)."""
        return self.save_many([article]).saved == 1

    def save_many(self, articles: Iterable[Article]) -> SaveCounts:
        """Store analyzed articles in one transaction; already stored ones are counted, not changed."""
        counts = SaveCounts()
        with self.transaction():
            for article in articles:
                if self._insert(article):
                    counts.saved += 1
                else:
                    counts.duplicates += 1
                if article.source:
                    self._execute("DELETE FROM failures WHERE source = ?", (article.source,))
        return counts

    def _insert(self, article: Article) -> bool:
        key = self.key_of(article)
        record = article.to_dict()
        cursor = self._execute(
            "INSERT INTO articles (key, id, url, source, outlet, published, title, agency, byline, text, "
            "n_attributions, n_entities, record, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO NOTHING",
            (
                key,
                article.id,
                article.url,
                article.source,
                article.outlet,
                article.published,
                article.title,
                article.agency,
                article.byline,
                article.text,
                len(article.attributions),
                len(article.entities),
                json.dumps(record, ensure_ascii=False),
                now(),
            ),
        )
        if cursor.rowcount != 1:
            return False
        self._insert_layers(key, article)
        return True

    def _insert_layers(self, key: str, article: Article) -> None:
        attribution_rows: list[Row] = []
        name_rows: set[Row] = set()
        hop_rows: list[Row] = []
        for seq, att in enumerate(article.attributions):
            speaker = att.speaker
            citing = att.citing.name if att.citing else None
            attribution_rows.append(
                (
                    key,
                    att.id,
                    seq,
                    att.kind,
                    speaker.name,
                    name_key(speaker.name),
                    speaker.entity,
                    speaker.resolution,
                    citing,
                    name_key(citing),
                    json.dumps(att.via, ensure_ascii=False),
                    att.cue.text if att.cue else None,
                    att.content.text,
                    att.content.start,
                    att.content.end,
                    att.rule,
                    article.outlet,
                    article.published,
                    att.confidence,
                    att.said.value if att.said else None,
                    int(att.said.assumed) if att.said else None,
                    *stored_features(att.content.text),
                )
            )
            speaker_names = [speaker.name]
            for entity_id in speaker.entities:
                entity = article.entity(entity_id)
                if entity is not None:
                    speaker_names.extend([entity.name, *entity.aliases])
            for name in speaker_names:
                k = name_key(name)
                if k:
                    name_rows.add((k, "speaker", key, att.id))
            hop_rows.extend((key, att.id, *hop, article.published) for hop in relay_hops(article, att))
        self._executemany(
            "INSERT INTO attributions (article_key, attribution_id, seq, kind, speaker, speaker_key, speaker_entity, "
            "speaker_resolution, citing, citing_key, via, cue, content, content_start, content_end, rule, outlet, "
            "published, confidence, said, said_assumed, content_words, content_runs) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            attribution_rows,
        )
        self._executemany(
            "INSERT INTO attribution_names (name_key, role, article_key, attribution_id) VALUES (?, ?, ?, ?)",
            sorted(name_rows),
        )
        self._insert_hops(hop_rows)
        self._insert_persuasion_voice(key, article)
        self._insert_times(key, article)
        entity_rows: list[Row] = []
        mention_rows: list[Row] = []
        for entity in article.entities:
            entity_rows.append(
                (
                    key,
                    entity.id,
                    entity.name,
                    name_key(entity.name) or "",
                    entity.type,
                    json.dumps(sorted(entity.aliases), ensure_ascii=False),
                    json.dumps(entity.roles, ensure_ascii=False),
                    len(entity.mentions),
                )
            )
            for seq, mention in enumerate(sorted(entity.mentions, key=lambda m: m.span.start)):
                mention_rows.append(
                    (key, entity.id, seq, mention.span.start, mention.span.end, mention.span.text, mention.kind)
                )
        self._executemany(
            "INSERT INTO entities (article_key, entity_id, name, name_key, type, aliases, roles, n_mentions) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            entity_rows,
        )
        self._executemany(
            "INSERT INTO mentions (article_key, entity_id, seq, start_char, end_char, text, kind) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            mention_rows,
        )

    def _insert_hops(self, rows: Sequence[Row]) -> None:
        self._executemany(
            "INSERT INTO attribution_hops (article_key, attribution_id, position, name, name_key, role, published) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _backfill_relay_hops(self) -> None:
        """Relay hops of every stored article, from its record (migration 4)."""
        for (key,) in self._execute("SELECT key FROM articles ORDER BY key").fetchall():
            (record,) = self._execute("SELECT record FROM articles WHERE key = ?", (key,)).fetchone()
            article = Article.from_dict(json.loads(record))
            rows = [
                (key, att.id, *hop, article.published)
                for att in article.attributions
                for hop in relay_hops(article, att)
            ]
            self._insert_hops(rows)

    def _insert_persuasion_voice(self, key: str, article: Article) -> None:
        """The record's persuasion spans and own-voice sentences, one row each (migration 7)."""
        self._executemany(
            "INSERT INTO persuasion_spans (article_key, seq, technique, voice, attribution_id, speaker, start_char, "
            "end_char, text, score, outlet, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    key,
                    seq,
                    p.technique,
                    p.voice,
                    p.attribution,
                    p.speaker,
                    p.span.start,
                    p.span.end,
                    p.span.text,
                    round(p.score, 4),
                    article.outlet or publisher_of(article),
                    article.published,
                )
                for seq, p in enumerate(article.persuasion)
            ],
        )
        self._executemany(
            "INSERT INTO own_voice (article_key, seq, start_char, end_char, text) VALUES (?, ?, ?, ?, ?)",
            [(key, seq, s.start, s.end, s.text) for seq, s in enumerate(article.own_voice)],
        )

    def _insert_times(self, key: str, article: Article) -> None:
        """The record's time expressions, one row each, with their TIMEX3 type, mod and set value."""
        self._executemany(
            "INSERT INTO times (article_key, seq, value, resolution, role, start_char, end_char, text, type, mod, "
            "frequency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    key,
                    seq,
                    t.value,
                    t.resolution,
                    t.role,
                    t.span.start,
                    t.span.end,
                    t.span.text,
                    t.type,
                    t.mod,
                    t.frequency,
                )
                for seq, t in enumerate(article.times)
            ],
        )

    def _backfill_times(self) -> None:
        """Time expressions of every stored article, from its record (migration 9): the columns the
        table has then; migration 13 fills the TIMEX3 ones."""
        for (key,) in self._execute("SELECT key FROM articles ORDER BY key").fetchall():
            (record,) = self._execute("SELECT record FROM articles WHERE key = ?", (key,)).fetchone()
            article = Article.from_dict(json.loads(record))
            self._executemany(
                "INSERT INTO times (article_key, seq, value, resolution, role, start_char, end_char, text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (key, seq, t.value, t.resolution, t.role, t.span.start, t.span.end, t.span.text)
                    for seq, t in enumerate(article.times)
                ],
            )

    def _backfill_timex_attributes(self) -> None:
        """TIMEX3 type, mod and set value of every stored time expression, from its record (migration
        13). Records older than schema 6 carry no mod or set value: those stay NULL, the type is read
        off the value."""
        for (key,) in self._execute("SELECT key FROM articles ORDER BY key").fetchall():
            (record,) = self._execute("SELECT record FROM articles WHERE key = ?", (key,)).fetchone()
            self._execute("DELETE FROM times WHERE article_key = ?", (key,))
            self._insert_times(key, Article.from_dict(json.loads(record)))

    def _backfill_statement_features(self) -> None:
        """The content words and run digests of every stored attribution (migration 12)."""
        rows = self._execute("SELECT article_key, attribution_id, content FROM attributions").fetchall()
        self._executemany(
            "UPDATE attributions SET content_words = ?, content_runs = ? WHERE article_key = ? AND attribution_id = ?",
            ((*stored_features(content), key, attribution_id) for key, attribution_id, content in rows),
        )

    def _backfill_persuasion_voice(self) -> None:
        """Persuasion spans and own-voice sentences of every stored article, from its record (migration 7)."""
        for (key,) in self._execute("SELECT key FROM articles ORDER BY key").fetchall():
            (record,) = self._execute("SELECT record FROM articles WHERE key = ?", (key,)).fetchone()
            self._insert_persuasion_voice(key, Article.from_dict(json.loads(record)))

    def save_failure(
        self, source: str, error: str, stage: str | None, *, payload: dict[str, Any] | None = None
    ) -> None:
        """Record (or update) why a document failed; one row per source, attempts counted."""
        stamp = now()
        with self.transaction():
            self._execute(
                "INSERT INTO failures (source, stage, error, payload, attempts, first_failed_at, last_failed_at) "
                "VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT (source) DO UPDATE SET stage = excluded.stage, "
                "error = excluded.error, payload = COALESCE(excluded.payload, failures.payload), "
                "attempts = failures.attempts + 1, last_failed_at = excluded.last_failed_at",
                (source, stage, error, json.dumps(payload, ensure_ascii=False) if payload else None, stamp, stamp),
            )

    def failures(self) -> list[Failure]:
        rows = self._execute(
            "SELECT source, stage, error, attempts, first_failed_at, last_failed_at, payload FROM failures "
            "ORDER BY source"
        ).fetchall()
        return [
            Failure(
                source=row[0],
                stage=row[1],
                error=row[2],
                attempts=int(row[3]),
                first_failed_at=row[4],
                last_failed_at=row[5],
                payload=json.loads(row[6]) if row[6] else None,
            )
            for row in rows
        ]

    def delete_failure(self, source: str) -> bool:
        with self.transaction():
            cursor = self._execute("DELETE FROM failures WHERE source = ?", (source,))
        return bool(cursor.rowcount)

    # -- reading -------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Rows per table: what tests and summaries compare."""
        return {t: int(self._execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in TABLES}

    def _quote_filters(
        self,
        speaker: str | None,
        outlet: str | None,
        since: str | None,
        until: str | None,
        search: str | None,
        via: str | None,
        kind: str | None,
        min_confidence: float | None = None,
        shared: bool = False,
        cluster: str | None = None,
        said_since: str | None = None,
        said_until: str | None = None,
    ) -> tuple[str, list[Any]] | None:
        clauses: list[str] = []
        params: list[Any] = []
        # when it was said: TIMEX3 values of days, months and years sort as dates do ('2011' < '2011-03')
        if said_since is not None or said_until is not None:
            clauses.append("a.said >= '0' AND a.said < ':'")  # dates only: not P2W, PRESENT_REF
        if said_since is not None:
            clauses.append("a.said >= ?")
            params.append(said_since)
        if said_until is not None:
            clauses.append("a.said <= ?")
            params.append(said_until + "\uffff")  # the whole day, month or year
        if shared:
            # carried by at least two outlets (the dateline's agency stands for a missing outlet)
            clauses.append(
                "(a.article_key, a.attribution_id) IN (SELECT m.article_key, m.attribution_id FROM "
                "quote_cluster_members m WHERE m.cluster_id IN (SELECT q.cluster_id FROM quote_cluster_members q "
                "JOIN articles o ON o.key = q.article_key GROUP BY q.cluster_id "
                "HAVING COUNT(DISTINCT COALESCE(o.outlet, o.agency)) >= 2))"
            )
        if cluster is not None:
            clauses.append(
                "(a.article_key, a.attribution_id) IN (SELECT article_key, attribution_id FROM quote_cluster_members "
                "WHERE cluster_id = ?)"
            )
            params.append(cluster)
        if speaker is not None:
            keys = lookup_keys(speaker)
            if not keys:
                return None
            marks = ", ".join("?" for _ in keys)
            # by a spelling of the speaker's name, or by any name or alias of its corpus identity
            statements = (
                "SELECT article_key, attribution_id FROM attribution_names "
                f"WHERE role = 'speaker' AND name_key IN ({marks}) UNION SELECT article_key, attribution_id FROM "
                "speaker_identities WHERE identity_id IN "
                f"(SELECT identity_id FROM identity_aliases WHERE alias_key IN ({marks}))"
            )
            clauses.append(_among(statements))
            params.extend([*keys, *keys, *keys, *keys])
        if via is not None:
            # an intermediary, never the publisher itself: 'KCNA reported ...' in a TASS story
            keys = lookup_keys(via)
            if not keys:
                return None
            clauses.append(
                "(a.article_key, a.attribution_id) IN (SELECT article_key, attribution_id FROM attribution_hops "
                f"WHERE role = 'intermediary' AND name_key IN ({', '.join('?' for _ in keys)}))"
            )
            params.extend(keys)
        if outlet is not None:
            # the outlet as given at ingest, or the publisher named in the text (a wire dateline)
            keys = lookup_keys(outlet) or [""]
            marks = ", ".join("?" for _ in keys)
            published = self._execute(
                "SELECT COUNT(*) FROM (SELECT 1 FROM attribution_hops WHERE role = 'publisher' AND name_key IN "
                f"({marks}) LIMIT {PUBLISHER_LIST_MAX}) AS few",
                keys,
            ).fetchone()[0]
            if int(published) < PUBLISHER_LIST_MAX:
                # a publisher of few statements (TASS in a KCNA corpus): the list of them, built once
                hops = (
                    "(a.article_key, a.attribution_id) IN (SELECT article_key, attribution_id FROM attribution_hops "
                    f"WHERE role = 'publisher' AND name_key IN ({marks}))"
                )
            else:
                # an agency that publishes most of the corpus: checked row by row (a list of all its
                # statements, built for every query, took 44 ms on 22,000 KCNA stories)
                hops = (
                    "EXISTS (SELECT 1 FROM attribution_hops h WHERE h.article_key = a.article_key AND "
                    f"h.attribution_id = a.attribution_id AND h.role = 'publisher' AND h.name_key IN ({marks}))"
                )
            clauses.append(f"(lower(a.outlet) = lower(?) OR {hops})")
            params.extend([outlet, *keys])
        if since is not None:
            clauses.append("a.published >= ?")
            params.append(since)
        if until is not None:
            clauses.append("a.published <= ?")
            params.append(until)
        if kind is not None:
            clauses.append("a.kind = ?")
            params.append(kind)
        if min_confidence is not None:
            clauses.append("a.confidence >= ?")
            params.append(min_confidence)
        if search is not None:
            parsed = parse_search(search)
            if parsed is None:
                return None
            condition, terms = self._search_condition("attributions", parsed)
            clauses.append(condition)
            params.extend(terms)
        return (" AND ".join(clauses) or "1 = 1"), params

    def quotes(
        self,
        *,
        speaker: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        via: str | None = None,
        kind: str | None = None,
        min_confidence: float | None = None,
        shared: bool = False,
        cluster: str | None = None,
        said_since: str | None = None,
        said_until: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Quote]:
        """Attributions matching every filter given; the speaker by any spelling of its name.

        ``min_confidence`` keeps attributions whose estimated probability of being real with the
        right speaker is at least that (records stored without a confidence never pass it).
        ``said_since``/``said_until`` filter by when the statement was made (YYYY, YYYY-MM or
        YYYY-MM-DD; records stored before schema 5 have no such time and never pass)."""
        filters = self._quote_filters(
            speaker,
            outlet,
            since,
            until,
            search,
            via,
            kind,
            min_confidence,
            shared=shared,
            cluster=cluster,
            said_since=said_since,
            said_until=said_until,
        )
        if filters is None:
            return []
        where, params = filters
        # A speaker, words, a relay or a cluster select a set of statements: sort that set. Walking
        # the date index newest first instead (the planner's choice) reads every statement of the
        # corpus for a speaker quoted a few times (20 ms on 22,000 KCNA stories; 1 ms sorted).
        by_set = any(f is not None for f in (speaker, search, via, cluster)) or shared
        newest = "(a.published || '')" if by_set else "a.published"
        sql = (
            "SELECT a.article_key, ar.id, a.attribution_id, a.kind, a.speaker, a.speaker_resolution, a.citing, a.via, "
            "a.cue, a.content, a.outlet, a.published, ar.title, ar.url, a.confidence, qc.cluster_id, a.said, "
            "a.said_assumed "
            "FROM attributions a JOIN articles ar ON ar.key = a.article_key LEFT JOIN quote_cluster_members qc "
            f"ON qc.article_key = a.article_key AND qc.attribution_id = a.attribution_id WHERE {where} "
            f"ORDER BY {newest} DESC NULLS LAST, a.article_key, a.seq"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params.extend([limit, offset])
        rows = self._execute(sql, params).fetchall()
        return [
            Quote(*row[:7], json.loads(row[7]), *row[8:-1], None if row[-1] is None else bool(row[-1]))  # type: ignore[call-arg]
            for row in rows
        ]

    def count_quotes(
        self,
        *,
        speaker: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        via: str | None = None,
        kind: str | None = None,
        min_confidence: float | None = None,
        shared: bool = False,
        cluster: str | None = None,
        said_since: str | None = None,
        said_until: str | None = None,
    ) -> int:
        filters = self._quote_filters(
            speaker,
            outlet,
            since,
            until,
            search,
            via,
            kind,
            min_confidence,
            shared=shared,
            cluster=cluster,
            said_since=said_since,
            said_until=said_until,
        )
        if filters is None:
            return 0
        where, params = filters
        row = self._execute(f"SELECT COUNT(*) FROM attributions a WHERE {where}", params).fetchone()
        return int(row[0])

    def articles(
        self,
        *,
        search: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[ArticleSummary]:
        """Stored articles, newest first; ``search`` is full-text over title and body."""
        clauses: list[str] = []
        params: list[Any] = []
        if search is not None:
            parsed = parse_search(search)
            if parsed is None:
                return []
            condition, terms = self._search_condition("articles", parsed)
            clauses.append(condition)
            params.extend(terms)
        if outlet is not None:
            # the outlet given at ingest, or for wire copy with none the agency its dateline names
            clauses.append("lower(COALESCE(ar.outlet, ar.agency)) = lower(?)")
            params.append(outlet)
        if since is not None:
            clauses.append("ar.published >= ?")
            params.append(since)
        if until is not None:
            clauses.append("ar.published <= ?")
            params.append(until)
        sql = (
            "SELECT ar.key, ar.id, ar.published, ar.outlet, ar.title, ar.url, ar.n_attributions, "
            "substr(ar.text, 1, 160) FROM articles ar "
            f"WHERE {' AND '.join(clauses) or '1 = 1'} ORDER BY ar.published DESC NULLS LAST, ar.key"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params.extend([limit, offset])
        return [ArticleSummary(*row) for row in self._execute(sql, params).fetchall()]

    def _forms(self, column: str, key_column: str, table: str, keys: list[str]) -> dict[str, str]:
        """The most frequent written form of each key (ties: alphabetical)."""
        if not keys:
            return {}
        marks = ", ".join("?" for _ in keys)
        rows = self._execute(
            f"SELECT {key_column}, {column}, COUNT(*) FROM {table} WHERE {key_column} IN ({marks}) "
            f"GROUP BY {key_column}, {column}",
            keys,
        ).fetchall()
        best: dict[str, tuple[int, str]] = {}
        for key, form, n in rows:
            candidate = (-int(n), form or "")
            if key not in best or candidate < best[key]:
                best[key] = candidate
        return {k: v[1] for k, v in best.items()}

    def speakers(
        self, *, limit: int = 50, include_unresolved: bool = False, outlet: str | None = None
    ) -> list[SpeakerSummary]:
        """Who is quoted most, in how many articles, carried by which outlets, relayed through whom.

        One row per corpus identity ('Trump', 'Donald J. Trump' and 'President Trump' together) when
        identities are built; ``key`` is then the identity's id."""
        where = "a.speaker_key IS NOT NULL"
        params: list[Any] = []
        if not include_unresolved:
            where += " AND a.speaker_resolution <> 'unresolved'"
        if outlet is not None:
            # as 'quotes --outlet': the outlet given at ingest, or the publisher the text names
            filters = self._quote_filters(None, outlet, None, None, None, None, None)
            assert filters is not None  # an outlet filter never rules everything out
            where += f" AND {filters[0]}"
            params.extend(filters[1])
        # One row per corpus identity where identities are built; else per spelling of the name.
        ident = "COALESCE(ei.identity_id, a.speaker_key)"
        joined = (
            "FROM attributions a LEFT JOIN entity_identities ei ON ei.article_key = a.article_key "
            "AND ei.entity_id = a.speaker_entity"
        )
        rows = self._execute(
            f"SELECT {ident}, COUNT(*), COUNT(DISTINCT a.article_key) {joined} WHERE {where} "
            f"GROUP BY {ident} ORDER BY COUNT(*) DESC, {ident} LIMIT ?",
            [*params, limit],
        ).fetchall()
        keys = [r[0] for r in rows]
        if not keys:
            return []
        marks = ", ".join("?" for _ in keys)
        forms = self._forms("speaker", "speaker_key", "attributions", [k for k in keys if not k.startswith("id-")])
        identity_keys = [k for k in keys if k.startswith("id-")]
        if identity_keys:
            id_marks = ", ".join("?" for _ in identity_keys)
            forms.update(
                self._execute(
                    f"SELECT identity_id, name FROM identities WHERE identity_id IN ({id_marks})", identity_keys
                ).fetchall()
            )
        outlets: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for key, name, n in self._execute(
            f"SELECT {ident}, a.outlet, COUNT(*) {joined} WHERE {ident} IN ({marks}) AND {where} "
            f"GROUP BY {ident}, a.outlet ORDER BY COUNT(*) DESC, a.outlet",
            [*keys, *params],
        ).fetchall():
            outlets[key].append((name or "(unknown)", int(n)))
        # the agencies and papers between the publisher and the speaker ("KCNA" in a TASS story)
        chains: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for key, stored_key, attribution_id, name in self._execute(
            f"SELECT {ident}, h.article_key, h.attribution_id, h.name {joined} "
            "JOIN attribution_hops h ON h.article_key = a.article_key AND h.attribution_id = a.attribution_id "
            f"WHERE {ident} IN ({marks}) AND {where} AND h.role = 'intermediary' "
            f"ORDER BY {ident}, h.article_key, h.attribution_id, h.position",
            [*keys, *params],
        ).fetchall():
            chains[(key, stored_key, attribution_id)].append(name)
        via: dict[str, Counter[str]] = defaultdict(Counter)
        for (key, _, _), hops in chains.items():
            via[key][" → ".join(hops)] += 1
        return [
            SpeakerSummary(
                name=forms.get(key, key),
                key=key,
                quotes=int(n),
                articles=int(n_articles),
                outlets=outlets[key],
                via=sorted(via[key].items(), key=lambda item: (-item[1], item[0])),
            )
            for key, n, n_articles in rows
        ]

    def entities(self, *, type: str | None = None, limit: int = 50) -> list[EntitySummary]:
        """Entities across articles, one row per normalized name and type, most widespread first."""
        where, params = ("type = ?", [type]) if type else ("1 = 1", [])
        rows = self._execute(
            f"SELECT name_key, type, COUNT(DISTINCT article_key), SUM(n_mentions) FROM entities WHERE {where} "
            "AND name_key <> '' GROUP BY name_key, type ORDER BY COUNT(DISTINCT article_key) DESC, name_key LIMIT ?",
            [*params, limit],
        ).fetchall()
        keys = sorted({r[0] for r in rows})
        forms = self._forms("name", "name_key", "entities", keys)
        quoted: dict[str, int] = {}
        if keys:
            marks = ", ".join("?" for _ in keys)
            quoted = {
                k: int(n)
                for k, n in self._execute(
                    f"SELECT speaker_key, COUNT(*) FROM attributions WHERE speaker_key IN ({marks}) "
                    "GROUP BY speaker_key",
                    keys,
                ).fetchall()
            }
        return [EntitySummary(forms.get(k, k), k, t, int(a), int(m or 0), quoted.get(k, 0)) for k, t, a, m in rows]

    def outlets(self) -> list[OutletSummary]:
        speakers = {
            o: int(n)
            for o, n in self._execute(
                "SELECT outlet, COUNT(DISTINCT speaker_key) FROM attributions GROUP BY outlet"
            ).fetchall()
        }
        rows = self._execute(
            "SELECT outlet, COUNT(*), SUM(n_attributions), MIN(published), MAX(published) FROM articles "
            "GROUP BY outlet ORDER BY COUNT(*) DESC, outlet"
        ).fetchall()
        return [OutletSummary(o, int(n), int(a or 0), speakers.get(o, 0), f, last) for o, n, a, f, last in rows]

    PERSUASION_GROUPS: ClassVar[tuple[str, ...]] = ("outlet", "voice", "technique", "month")

    def persuasion(
        self,
        *,
        outlet: str | None = None,
        voice: str | None = None,
        technique: str | None = None,
        since: str | None = None,
        until: str | None = None,
        by: Sequence[str] = ("outlet", "voice", "technique"),
        limit: int | None = None,
    ) -> list[PersuasionCount]:
        """Persuasion spans counted per group of ``by`` (outlet, voice, technique, month), most first."""
        unknown = [b for b in by if b not in self.PERSUASION_GROUPS]
        if unknown or not by:
            raise StoreError(
                Errors.E074.format(by=", ".join(unknown) or "(none)", allowed=", ".join(self.PERSUASION_GROUPS))
            )
        expressions = {
            "outlet": "p.outlet",
            "voice": "p.voice",
            "technique": "p.technique",
            "month": "substr(p.published, 1, 7)",
        }
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("outlet", outlet), ("voice", voice), ("technique", technique)):
            if value is not None:
                clauses.append(f"lower(p.{column}) = lower(?)")
                params.append(value)
        if since is not None:
            clauses.append("p.published >= ?")
            params.append(since)
        if until is not None:
            clauses.append("p.published <= ?")
            params.append(until)
        groups = [expressions[b] for b in by]
        sql = (
            f"SELECT {', '.join(groups)}, COUNT(*), COUNT(DISTINCT p.article_key) FROM persuasion_spans p "
            f"WHERE {' AND '.join(clauses) or '1 = 1'} GROUP BY {', '.join(groups)} "
            f"ORDER BY COUNT(*) DESC, {', '.join(groups)}"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        found: list[PersuasionCount] = []
        for row in self._execute(sql, params).fetchall():
            values = dict(zip(by, row[: len(by)], strict=True))
            found.append(
                PersuasionCount(
                    outlet=values.get("outlet"),
                    voice=values.get("voice"),
                    technique=values.get("technique"),
                    month=values.get("month"),
                    spans=int(row[-2]),
                    articles=int(row[-1]),
                )
            )
        return found

    def outlet_voices(self, outlet: str | None = None) -> list[OutletVoice]:
        """Per outlet: articles, own-voice sentences, attributions, and persuasion spans by voice."""
        where, params = ("WHERE lower(COALESCE(ar.outlet, ar.agency)) = lower(?)", [outlet]) if outlet else ("", [])
        rows = self._execute(
            "SELECT COALESCE(ar.outlet, ar.agency) AS o, COUNT(*), SUM(ar.n_attributions), "
            "SUM((SELECT COUNT(*) FROM own_voice v WHERE v.article_key = ar.key)), "
            "SUM((SELECT COUNT(*) FROM persuasion_spans p WHERE p.article_key = ar.key AND p.voice = 'outlet')), "
            "SUM((SELECT COUNT(*) FROM persuasion_spans p WHERE p.article_key = ar.key AND p.voice <> 'outlet')) "
            f"FROM articles ar {where} GROUP BY o ORDER BY COUNT(*) DESC, o",
            params,
        ).fetchall()
        return [
            OutletVoice(
                o,
                int(n),
                own_voice=int(v or 0),
                attributions=int(a or 0),
                outlet_spans=int(po or 0),
                attributed_spans=int(pa or 0),
            )
            for o, n, a, v, po, pa in rows
        ]

    def records(self, ref: str) -> list[dict[str, Any]]:
        """Stored records whose key or content id is ``ref`` (or, failing that, starts with it)."""
        rows = self._execute(
            "SELECT key, record FROM articles WHERE key = ? OR id = ? ORDER BY key", (ref, ref)
        ).fetchall()
        if not rows and len(ref) <= 64:  # a prefix of a key or id (both are 16 hex digits)
            prefix = _like_literal(ref) + "%"
            rows = self._execute(
                "SELECT key, record FROM articles WHERE key LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\' ORDER BY key",
                (prefix, prefix),
            ).fetchall()
            ids = {json.loads(r[1])["id"] for r in rows}
            if len(ids) > 1:
                raise StoreError(Errors.E069.format(ref=ref, count=len(rows)))
        if not rows:
            raise StoreError(Errors.E068.format(ref=ref))
        return [{"key": key, **json.loads(record)} for key, record in rows]

    def iter_records(self) -> Iterator[dict[str, Any]]:
        """Every stored record, whole, with its store key, in key order (streamed)."""
        for key, record in self._stream("SELECT key, record FROM articles ORDER BY key"):
            yield {"key": key, **json.loads(record)}

    def iter_table(self, table: str) -> tuple[tuple[str, ...], Iterator[Row]]:
        """Columns and a lazy stream of rows of one table, in key order, for export."""
        columns = EXPORT_COLUMNS[table]
        order = {
            "failures": "source",
            "articles": "key",
            "stories": "story_id",
            "identities": "identity_id",
            "persuasion_spans": "article_key, seq",
            "own_voice": "article_key, seq",
            "times": "article_key, seq",
        }.get(table, "article_key")
        sql = f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"
        return columns, self._stream(sql)

    # -- stories (corpus/stories.py) ------------------------------------------------------------
    def articles_without_features(self, limit: int = 256) -> list[tuple[str, str | None, str, int, str | None]]:
        """(key, title, text, body_start, published) of stored articles with no story features yet."""
        rows = self._execute(
            "SELECT ar.key, ar.title, ar.text, ar.record, ar.published FROM articles ar "
            "WHERE NOT EXISTS (SELECT 1 FROM article_features f WHERE f.article_key = ar.key) "
            "ORDER BY ar.key LIMIT ?",
            (limit,),
        ).fetchall()
        return [(k, t, text, int(json.loads(rec).get("body_start") or 0), pub) for k, t, text, rec, pub in rows]

    def save_features(self, rows: Sequence[tuple[str, str, int | None, str, str]]) -> None:
        """(article_key, model, day, embedding, words JSON) rows; existing ones are kept."""
        with self.transaction():
            self._executemany(
                "INSERT INTO article_features (article_key, model, day, embedding, words) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (article_key) DO NOTHING",
                rows,
            )

    def features_without_story(self) -> list[tuple[str, int | None, str, str]]:
        """(key, day, embedding, words) of articles with features but no story."""
        rows = self._execute(
            "SELECT f.article_key, f.day, f.embedding, f.words FROM article_features f "
            "WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_key = f.article_key) "
            "ORDER BY f.article_key"
        ).fetchall()
        return [(k, None if d is None else int(d), e, w) for k, d, e, w in rows]

    def story_members(self, since_day: int | None) -> list[tuple[str, str, int | None, str, str]]:
        """(story_id, key, day, embedding, words) of the stories that end on or after ``since_day``
        or have no date (None: every story)."""
        where = "1 = 1" if since_day is None else "(st.last_day IS NULL OR st.last_day >= ?)"
        params: list[Any] = [] if since_day is None else [since_day]
        rows = self._execute(
            "SELECT s.story_id, f.article_key, f.day, f.embedding, f.words FROM story_articles s "
            "JOIN stories st ON st.story_id = s.story_id JOIN article_features f ON f.article_key = s.article_key "
            f"WHERE {where} ORDER BY s.story_id, f.day, f.article_key",
            params,
        ).fetchall()
        return [(sid, k, None if d is None else int(d), e, w) for sid, k, d, e, w in rows]

    def save_story_members(self, rows: Sequence[tuple[str, str, float]]) -> None:
        """(article_key, story_id, score) rows, and the touched stories' summaries recomputed.
        Call inside :meth:`transaction` with :meth:`lock_corpus` held."""
        self._executemany(
            "INSERT INTO story_articles (article_key, story_id, score) VALUES (?, ?, ?) "
            "ON CONFLICT (article_key) DO NOTHING",
            rows,
        )
        for story_id in sorted({r[1] for r in rows}):
            first, last, first_day, last_day, n, n_outlets = self._execute(
                "SELECT MIN(ar.published), MAX(ar.published), MIN(f.day), MAX(f.day), COUNT(*), "
                "COUNT(DISTINCT COALESCE(ar.outlet, ar.agency)) FROM story_articles s "
                "JOIN articles ar ON ar.key = s.article_key "
                "LEFT JOIN article_features f ON f.article_key = s.article_key WHERE s.story_id = ?",
                (story_id,),
            ).fetchone()
            founder = self._execute(
                "SELECT title FROM articles WHERE key = ?", (story_id.removeprefix("story-"),)
            ).fetchone()
            self._execute(
                "INSERT INTO stories (story_id, title, first_published, last_published, first_day, last_day, "
                "n_articles, n_outlets) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (story_id) DO UPDATE SET "
                "first_published = excluded.first_published, last_published = excluded.last_published, "
                "first_day = excluded.first_day, last_day = excluded.last_day, n_articles = excluded.n_articles, "
                "n_outlets = excluded.n_outlets",
                (story_id, founder[0] if founder else None, first, last, first_day, last_day, n, n_outlets),
            )

    def clear_stories(self, *, features: bool = False) -> None:
        """Forget every story: the next build groups all articles again (``features``: and embeds
        their leads again)."""
        with self.transaction():
            self._execute("DELETE FROM story_articles")
            self._execute("DELETE FROM stories")
            if features:
                self._execute("DELETE FROM article_features")

    def stories(
        self,
        *,
        story_id: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_articles: int = 1,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[StorySummary]:
        """Stories, newest first, each with its articles (oldest first)."""
        clauses = ["st.n_articles >= ?"]
        params: list[Any] = [min_articles]
        if story_id is not None:
            clauses.append("st.story_id = ?")
            params.append(story_id)
        if outlet is not None:
            clauses.append(
                "st.story_id IN (SELECT s.story_id FROM story_articles s JOIN articles ar ON ar.key = s.article_key "
                "WHERE lower(COALESCE(ar.outlet, ar.agency)) = lower(?))"
            )
            params.append(outlet)
        if since is not None:
            clauses.append("st.last_published >= ?")
            params.append(since)
        if until is not None:
            clauses.append("st.first_published <= ?")
            params.append(until)
        sql = (
            "SELECT st.story_id, st.title, st.first_published, st.last_published, st.n_outlets FROM stories st "
            f"WHERE {' AND '.join(clauses)} ORDER BY st.last_published DESC NULLS LAST, st.story_id"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params.extend([limit, offset])
        heads = self._execute(sql, params).fetchall()
        if not heads:
            return []
        marks = ", ".join("?" for _ in heads)
        members: dict[str, list[StoryArticle]] = defaultdict(list)
        for sid, key, source, url, outlet_name, published, title, score in self._execute(
            "SELECT s.story_id, ar.key, ar.source, ar.url, COALESCE(ar.outlet, ar.agency), ar.published, ar.title, "
            "s.score "
            f"FROM story_articles s JOIN articles ar ON ar.key = s.article_key WHERE s.story_id IN ({marks}) "
            "ORDER BY ar.published NULLS LAST, ar.key",
            [h[0] for h in heads],
        ).fetchall():
            members[sid].append(
                StoryArticle(input_id(source, url, key), key, outlet_name, published, title, url, float(score))
            )
        return [
            StorySummary(sid, title, first, last, int(n_outlets), members[sid])
            for sid, title, first, last, n_outlets in heads
        ]

    # -- relays ----------------------------------------------------------------------------------
    def _hop_filters(
        self, outlet: str | None, agency: str | None, speaker: str | None, since: str | None, until: str | None
    ) -> tuple[str, list[Any]] | None:
        """Conditions on ``h`` (a hop) that pick the attributions to count."""
        clauses: list[str] = []
        params: list[Any] = []
        for name, roles in ((outlet, ("publisher",)), (agency, ("publisher", "intermediary")), (speaker, ("speaker",))):
            if name is None:
                continue
            keys = lookup_keys(name)
            if not keys:
                return None
            clauses.append(
                "(h.article_key, h.attribution_id) IN (SELECT article_key, attribution_id FROM attribution_hops "
                f"WHERE name_key IN ({', '.join('?' for _ in keys)}) AND role IN ({', '.join('?' for _ in roles)}))"
            )
            params.extend([*keys, *roles])
        if since is not None:
            clauses.append("h.published >= ?")
            params.append(since)
        if until is not None:
            clauses.append("h.published <= ?")
            params.append(until)
        return " AND ".join(clauses) or "1 = 1", params

    def _hop_names(self, keys: Iterable[str]) -> dict[str, str]:
        return self._forms("name", "name_key", "attribution_hops", sorted(set(keys)))

    def relay_edges(
        self,
        *,
        outlet: str | None = None,
        agency: str | None = None,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_count: int = 1,
        limit: int | None = None,
        reuse: bool = True,
    ) -> list[RelayEdge]:
        """Edges publisher -> relaying agency -> ... -> speaker, with counts and first/last dates;
        with ``reuse``, also reusing publisher -> reused publisher (kind 'reuse') where an article
        reuses an earlier one's text nearly word for word (none when a ``speaker`` is asked for).

        ``outlet`` picks attributions published by it, ``agency`` those it published or relayed,
        ``speaker`` those of that speaker (each by any spelling, agencies by their acronyms too)."""
        filters = self._hop_filters(outlet, agency, speaker, since, until)
        if filters is None:
            return []
        where, params = filters
        sql = (
            "SELECT h.name_key, n.name_key, COUNT(*), COUNT(DISTINCT h.article_key), MIN(h.published), "
            "MAX(h.published) FROM attribution_hops h JOIN attribution_hops n ON n.article_key = h.article_key "
            "AND n.attribution_id = h.attribution_id AND n.position = h.position + 1 "
            f"WHERE {where} GROUP BY h.name_key, n.name_key HAVING COUNT(*) >= ? "
            "ORDER BY COUNT(*) DESC, h.name_key, n.name_key"
        )
        params.append(min_count)
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = self._execute(sql, params).fetchall()
        names = self._hop_names([r[0] for r in rows] + [r[1] for r in rows])
        edges = [
            RelayEdge(names.get(a, a), names.get(b, b), int(n), int(articles), first, last)
            for a, b, n, articles, first, last in rows
        ]
        if speaker is None and reuse:
            edges.extend(self.reuse_edges(outlet=outlet, agency=agency, since=since, until=until, min_count=min_count))
            if limit is not None:
                edges = sorted(edges, key=lambda e: -max(e.attributions, e.articles))[:limit]
        return edges

    def reuse_edges(
        self,
        *,
        outlet: str | None = None,
        agency: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_count: int = 1,
    ) -> list[RelayEdge]:
        """Edges reusing publisher -> reused publisher, from near-verbatim reuse of an earlier article."""
        later = "COALESCE(ar.outlet, ar.agency)"
        earlier = "COALESCE(src.outlet, src.agency)"
        clauses: list[str] = []
        params: list[Any] = []
        if outlet is not None:
            clauses.append(f"lower({later}) = lower(?)")
            params.append(outlet)
        if agency is not None:
            names = [agency, agency_name(agency)]
            clauses.append(f"(lower({later}) IN (lower(?), lower(?)) OR lower({earlier}) IN (lower(?), lower(?)))")
            params.extend([*names, *names])
        if since is not None:
            clauses.append("ar.published >= ?")
            params.append(since)
        if until is not None:
            clauses.append("ar.published <= ?")
            params.append(until)
        rows = self._execute(
            f"SELECT {later}, {earlier}, COUNT(*), MIN(ar.published), MAX(ar.published) FROM article_reuse r "
            "JOIN articles ar ON ar.key = r.article_key JOIN articles src ON src.key = r.source_key "
            f"WHERE {' AND '.join(clauses) or '1 = 1'} GROUP BY {later}, {earlier} HAVING COUNT(*) >= ? "
            f"ORDER BY COUNT(*) DESC, {later}, {earlier}",
            [*params, min_count],
        ).fetchall()
        # named as relay chains name them: 'KCNA' as the Korean Central News Agency
        merged: dict[tuple[str, str], list[Any]] = {}
        for a, b, n, first, last in rows:
            pair = (agency_name(a) if a else "(unknown)", agency_name(b) if b else "(unknown)")
            slot = merged.setdefault(pair, [0, first, last])
            slot[0] += int(n)
            slot[1] = min(x for x in (slot[1], first) if x is not None) if (slot[1] or first) else None
            slot[2] = max(x for x in (slot[2], last) if x is not None) if (slot[2] or last) else None
        return [
            RelayEdge(a, b, 0, n, first, last, kind="reuse")
            for (a, b), (n, first, last) in sorted(merged.items(), key=lambda item: (-item[1][0], item[0]))
        ]

    # -- near-verbatim reuse (corpus/reuse.py) ---------------------------------------------------
    def reuse_current(self) -> bool:
        """True when reuse was last computed over the story grouping stored now."""
        (n,) = self._execute("SELECT COUNT(*) FROM story_articles").fetchone()
        return self._state("reuse.story_articles") == str(n)

    def reuse_candidates(self) -> list[tuple[str, str, str | None, str | None, str]]:
        """(story_id, key, publisher, published, text) of every article in a story of two or more."""
        rows = self._execute(
            "SELECT s.story_id, ar.key, COALESCE(ar.outlet, ar.agency), ar.published, ar.text FROM story_articles s "
            "JOIN articles ar ON ar.key = s.article_key WHERE s.story_id IN (SELECT story_id FROM story_articles "
            "GROUP BY story_id HAVING COUNT(*) >= 2) ORDER BY s.story_id, ar.published, ar.key"
        ).fetchall()
        return [(sid, key, publisher, published, text) for sid, key, publisher, published, text in rows]

    def replace_reuse(self, rows: Sequence[tuple[str, str, float]]) -> None:
        """Replace every reuse link (inside a transaction with :meth:`lock_corpus` held)."""
        self._execute("DELETE FROM article_reuse")
        self._executemany("INSERT INTO article_reuse (article_key, source_key, containment) VALUES (?, ?, ?)", rows)
        (n,) = self._execute("SELECT COUNT(*) FROM story_articles").fetchone()
        self._set_state("reuse.story_articles", str(n))

    def relay_chains(
        self,
        *,
        outlet: str | None = None,
        agency: str | None = None,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_length: int = 2,
        limit: int | None = None,
    ) -> list[RelayChain]:
        """Whole chains (publisher first) of at least ``min_length`` names, most frequent first."""
        filters = self._hop_filters(outlet, agency, speaker, since, until)
        if filters is None:
            return []
        where, params = filters
        rows = self._stream(
            "SELECT h.article_key, h.attribution_id, h.name_key, h.published FROM attribution_hops h "
            f"WHERE {where} ORDER BY h.article_key, h.attribution_id, h.position",
            params,
        )
        chains: dict[tuple[str, ...], list[Any]] = {}
        current: tuple[str, str] | None = None
        hops: list[str] = []
        published: str | None = None

        def close() -> None:
            if current is not None and len(hops) >= min_length:
                entry = chains.setdefault(tuple(hops), [0, set(), None, None])
                entry[0] += 1
                entry[1].add(current[0])
                if published is not None:
                    entry[2] = published if entry[2] is None else min(entry[2], published)
                    entry[3] = published if entry[3] is None else max(entry[3], published)

        for stored_key, attribution_id, key, when in rows:
            if (stored_key, attribution_id) != current:
                close()
                current, hops, published = (stored_key, attribution_id), [], when
            hops.append(key)
        close()
        ranked = sorted(chains.items(), key=lambda item: (-item[1][0], item[0]))
        if limit is not None:
            ranked = ranked[:limit]
        names = self._hop_names(k for chain, _ in ranked for k in chain)
        return [
            RelayChain([names.get(k, k) for k in chain], n, len(articles), first, last)
            for chain, (n, articles, first, last) in ranked
        ]

    # -- identities (corpus/identities.py) -------------------------------------------------------
    def entities_without_identity(self) -> bool:
        """True when some stored entity has no identity yet (articles were added since the build)."""
        row = self._execute(
            "SELECT 1 FROM entities e WHERE NOT EXISTS (SELECT 1 FROM entity_identities i "
            "WHERE i.article_key = e.article_key AND i.entity_id = e.entity_id) LIMIT 1"
        ).fetchone()
        return row is not None

    def entity_rows(self) -> list[tuple[str, str, str, str, str, int]]:
        """(article_key, entity_id, name, type, aliases JSON, mentions) of every stored entity."""
        return [
            (k, e, n, t, a, int(m))
            for k, e, n, t, a, m in self._execute(
                "SELECT article_key, entity_id, name, type, aliases, n_mentions FROM entities "
                "ORDER BY article_key, entity_id"
            ).fetchall()
        ]

    def outlet_names(self) -> list[str]:
        return [o for (o,) in self._execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL")]

    def _sync_rows(
        self,
        table: str,
        columns: Sequence[str],
        key_length: int,
        rows: Iterable[Sequence[Any]],
        real_column: int | None = None,
    ) -> set[Any]:
        """Make ``table`` hold exactly ``rows`` by writing only what differs (a corpus update
        after 100 articles changes a few thousand of several hundred thousand rows). The first
        ``key_length`` columns are the table's key; returns the keys of the rows written or removed.
        ``real_column``: a REAL column, compared to 5 decimals (PostgreSQL's REAL is single precision)."""
        listed = ", ".join(columns)
        stored = self._execute(f"SELECT {listed} FROM {table}").fetchall()
        wanted: dict[tuple[Any, ...], tuple[Any, ...] | None]
        if real_column is None:
            current = set(map(tuple, stored))
            wanted = dict.fromkeys(map(tuple, rows))
        else:
            c = real_column
            current = {(*row[:c], round(row[c], 5), *row[c + 1 :]) for row in stored}
            wanted = {(*row[:c], round(row[c], 5), *row[c + 1 :]): tuple(row) for row in rows}
        gone = {row[:key_length] for row in current.difference(wanted)}
        new = [wanted[norm] or norm for norm in wanted.keys() - current]
        where = " AND ".join(f"{column} = ?" for column in columns[:key_length])
        if gone:
            self._executemany(f"DELETE FROM {table} WHERE {where}", sorted(gone))
        if new:
            marks = ", ".join("?" for _ in columns)
            self._executemany(f"INSERT INTO {table} ({listed}) VALUES ({marks})", sorted(new))
        return gone | {row[:key_length] for row in new}

    def replace_identities(
        self,
        identities: Sequence[tuple[str, str, str, int, int, str]],
        assignments: Sequence[tuple[str, str, str, str, float]],
        aliases: Sequence[tuple[str, str, str]],
    ) -> None:
        """Replace the corpus identities (inside a transaction with :meth:`lock_corpus` held):
        (id, name, type, articles, mentions, key); (identity, article_key, entity_id, rule, score);
        (identity, alias key, alias). Only the rows that changed are written, and the speakers'
        identities refreshed only in the articles whose entities changed identity."""
        self._sync_rows("identities", ("identity_id", "name", "type", "n_articles", "n_mentions", "key"), 1, identities)
        changed = self._sync_rows(
            "entity_identities",
            ("article_key", "entity_id", "identity_id", "rule", "score"),
            2,
            ((k, e, i, rule, score) for i, k, e, rule, score in assignments),
            real_column=4,
        )
        self._sync_rows("identity_aliases", ("identity_id", "alias_key", "alias"), 3, aliases)
        articles = sorted({key for key, _ in changed})
        speakers = (
            "INSERT INTO speaker_identities (article_key, attribution_id, identity_id) SELECT a.article_key, "
            "a.attribution_id, ei.identity_id FROM attributions a JOIN entity_identities ei "
            "ON ei.article_key = a.article_key AND ei.entity_id = a.speaker_entity"
        )
        (stored,) = self._execute("SELECT COUNT(*) FROM articles").fetchone()
        if len(articles) * 5 > int(stored):
            self._execute("DELETE FROM speaker_identities")
            self._execute(speakers)
        elif articles:
            self._executemany("DELETE FROM speaker_identities WHERE article_key = ?", [(k,) for k in articles])
            self._executemany(speakers + " WHERE a.article_key = ?", [(k,) for k in articles])

    def identity_ids(self, name: str) -> list[str]:
        """Identities one of whose names or aliases is written like ``name``."""
        keys = lookup_keys(name)
        if not keys:
            return []
        rows = self._execute(
            f"SELECT DISTINCT identity_id FROM identity_aliases WHERE alias_key IN ({', '.join('?' for _ in keys)}) "
            "ORDER BY identity_id",
            keys,
        ).fetchall()
        return [r[0] for r in rows]

    def identities(
        self, *, name: str | None = None, type: str | None = None, limit: int | None = 50
    ) -> list[IdentitySummary]:
        """Identities, most widespread first, with their aliases and how their entities were joined."""
        clauses: list[str] = []
        params: list[Any] = []
        if name is not None:
            ids = self.identity_ids(name)
            key = name_key(name)
            if key and " " not in key:
                # one word: every person of that surname too ('Biden' lists Hunter Biden)
                ids += [
                    r[0]
                    for r in self._execute(
                        "SELECT identity_id FROM identities WHERE key LIKE ? ESCAPE '\\'",
                        ("%" + _like_literal(" " + key),),
                    ).fetchall()
                ]
            if not ids:
                return []
            ids = sorted(set(ids))
            clauses.append(f"i.identity_id IN ({', '.join('?' for _ in ids)})")
            params.extend(ids)
        if type is not None:
            clauses.append("i.type = ?")
            params.append(type)
        sql = (
            "SELECT i.identity_id, i.name, i.type, i.n_articles, i.n_mentions FROM identities i "
            f"WHERE {' AND '.join(clauses) or '1 = 1'} ORDER BY i.n_articles DESC, i.identity_id"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        heads = self._execute(sql, params).fetchall()
        if not heads:
            return []
        ids = [h[0] for h in heads]
        marks = ", ".join("?" for _ in ids)
        aliases: dict[str, list[str]] = defaultdict(list)
        for identity, alias in self._execute(
            f"SELECT identity_id, alias FROM identity_aliases WHERE identity_id IN ({marks}) "
            "ORDER BY identity_id, alias",
            ids,
        ).fetchall():
            aliases[identity].append(alias)
        rules: dict[str, dict[str, int]] = defaultdict(dict)
        for identity, rule, n in self._execute(
            f"SELECT identity_id, rule, COUNT(*) FROM entity_identities WHERE identity_id IN ({marks}) "
            "GROUP BY identity_id, rule ORDER BY identity_id, rule",
            ids,
        ).fetchall():
            rules[identity][rule] = int(n)
        quoted = {
            identity: int(n)
            for identity, n in self._execute(
                "SELECT ei.identity_id, COUNT(*) FROM attributions a JOIN entity_identities ei "
                "ON ei.article_key = a.article_key AND ei.entity_id = a.speaker_entity "
                f"WHERE ei.identity_id IN ({marks}) GROUP BY ei.identity_id",
                ids,
            ).fetchall()
        }
        return [
            IdentitySummary(i, n, t, int(a), int(m), quoted.get(i, 0), aliases[i], rules[i]) for i, n, t, a, m in heads
        ]

    # -- quote clusters (corpus/quotes.py) -------------------------------------------------------
    def _state(self, name: str) -> str | None:
        row = self._execute("SELECT value FROM corpus_state WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def _set_state(self, name: str, value: str) -> None:
        self._execute(
            "INSERT INTO corpus_state (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )

    def quote_clusters_current(self) -> bool:
        """True when the clusters were built over the attributions stored now."""
        (n,) = self._execute("SELECT COUNT(*) FROM attributions").fetchone()
        return self._state("quote_clusters.attributions") == str(n)

    def statement_rows(
        self,
    ) -> list[tuple[str, str, str | None, str | None, str, str, str | None, str, str | None]]:
        """(article_key, attribution_id, published, speaker identity or name key, content words, run
        digests (store/statements.py), outlet, kind, story) of every attribution; the speaker is
        None when unresolved, the outlet the dateline's agency when the article names none, the
        story None when stories are not built."""
        return [
            tuple(row)
            for row in self._execute(
                "SELECT a.article_key, a.attribution_id, a.published, COALESCE(ei.identity_id, CASE WHEN "
                "a.speaker_resolution <> 'unresolved' THEN a.speaker_key END), a.content_words, a.content_runs, "
                "COALESCE(ar.outlet, ar.agency), a.kind, st.story_id "
                "FROM attributions a JOIN articles ar ON ar.key = a.article_key "
                "LEFT JOIN story_articles st ON st.article_key = a.article_key "
                "LEFT JOIN entity_identities ei ON ei.article_key = a.article_key AND ei.entity_id = a.speaker_entity "
                "ORDER BY a.article_key, a.seq"
            ).fetchall()
        ]

    def replace_quote_clusters(self, members: Sequence[tuple[str, str, str, float, int]], statements: int) -> None:
        """Replace the clusters (inside a transaction with :meth:`lock_corpus` held):
        (cluster_id, article_key, attribution_id, score, seq) rows."""
        self._execute("DELETE FROM quote_cluster_members")
        self._executemany(
            "INSERT INTO quote_cluster_members (cluster_id, article_key, attribution_id, score, seq) "
            "VALUES (?, ?, ?, ?, ?)",
            members,
        )
        self._set_state("quote_clusters.attributions", str(statements))

    def clusters_of(self, article_keys: Sequence[str]) -> dict[tuple[str, str], str]:
        """(article_key, attribution_id) -> quote cluster, for the attributions of these articles."""
        if not article_keys:
            return {}
        rows = self._execute(
            "SELECT article_key, attribution_id, cluster_id FROM quote_cluster_members "
            f"WHERE article_key IN ({', '.join('?' for _ in article_keys)})",
            list(article_keys),
        ).fetchall()
        return {(k, a): c for k, a, c in rows}

    def quote_clusters(
        self, *, ids: Sequence[str] | None = None, shared: bool = True, limit: int | None = 50
    ) -> list[QuoteClusterSummary]:
        """Clusters (``ids``, or all), those carried by the most outlets first; ``shared``: by two
        outlets or more."""
        having = "HAVING COUNT(DISTINCT COALESCE(o.outlet, o.agency)) >= 2" if shared else ""
        where = "1 = 1"
        params: list[Any] = []
        if ids is not None:
            if not ids:
                return []
            where = f"q.cluster_id IN ({', '.join('?' for _ in ids)})"
            params.extend(ids)
        sql = (
            "SELECT q.cluster_id, COUNT(*), COUNT(DISTINCT q.article_key), "
            "COUNT(DISTINCT COALESCE(o.outlet, o.agency)), "
            "MIN(o.published), MAX(o.published) FROM quote_cluster_members q JOIN articles o ON o.key = q.article_key "
            f"WHERE {where} GROUP BY q.cluster_id {having} ORDER BY COUNT(DISTINCT COALESCE(o.outlet, o.agency)) DESC, "
            "COUNT(*) DESC, q.cluster_id"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        heads = self._execute(sql, params).fetchall()
        out: list[QuoteClusterSummary] = []
        for cluster_id, n, articles, outlets, first, last in heads:
            members = self.quotes(cluster=cluster_id)
            members.sort(key=lambda q: (q.published or "9999", q.article_key))
            out.append(QuoteClusterSummary(cluster_id, int(n), int(articles), int(outlets), first, last, members))
        return out
