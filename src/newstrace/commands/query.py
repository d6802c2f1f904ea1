"""Query the corpus store: ``quotes``, ``speakers``, ``entities``, ``outlets`` and ``show``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..corpus.identities import update_identities
from ..corpus.quotes import update_quote_clusters
from ..errors import Errors, StoreError
from ..record import Article
from ..store import Quote, QuoteClusterSummary
from .options import add_command, add_common, add_period, number, open_existing_store, partial_date, period, whole
from .output import ITEM_FORMATS, cut_cells, emit
from .report import render_article


def register(subparsers: Any) -> None:
    quotes = add_command(
        subparsers,
        "quotes",
        "who said what across the stored corpus",
        "Attributions in the store, newest first, filtered by speaker (any of an identity's names), relay, "
        'outlet, time and words. --search takes words (all must occur), "a phrase", prefix* and -excluded '
        '(docs/corpus.md, "Full-text search").',
        (
            'newstrace quotes --db corpus.db --speaker "Kim Jong Il" --since 2011-01-01 --until 2011-12-31',
            "newstrace quotes --db corpus.db --via KCNA --search 'nucl*' --format csv > kcna.csv",
            "newstrace quotes --db corpus.db --shared",
        ),
    )
    add_common(quotes)
    quotes.add_argument("--speaker", metavar="NAME", help="speaker, any spelling ('Kim Jong-un' = 'KIM JONG UN')")
    quotes.add_argument("--via", metavar="NAME", help="relayed through or citing this outlet or agency (e.g. KCNA)")
    quotes.add_argument("--outlet", help="only articles from this outlet")
    add_period(quotes)
    quotes.add_argument("--search", metavar="TEXT", help="words in the quote, its speaker or whom it cites")
    quotes.add_argument("--kind", choices=("direct", "indirect", "speech_act", "belief"), help="attribution kind")
    quotes.add_argument(
        "--min-confidence",
        type=number(0, 1),
        metavar="P",
        help="only attributions at least this likely to be real with the right speaker (0-1; docs/realnews.md)",
    )
    quotes.add_argument(
        "--said-since",
        type=partial_date,
        metavar="DATE",
        help="said on or after this year, month or day (YYYY[-MM[-DD]]): the time the text gives the speech act, "
        "else the article's date",
    )
    quotes.add_argument("--said-until", type=partial_date, metavar="DATE", help="said on or before (YYYY[-MM[-DD]])")
    quotes.add_argument(
        "--shared",
        action="store_true",
        help="statements carried by two outlets or more: one row per quote cluster (see 'newstrace quote ID')",
    )
    quotes.add_argument("--limit", type=whole(0), default=50, help="rows to show (default 50; 0 for all)")
    quotes.add_argument("--offset", type=whole(0), default=0, help="rows to skip")
    quotes.set_defaults(func=run_quotes)

    quote = add_command(
        subparsers,
        "quote",
        "one statement followed across articles: every carrier, its speaker, relay and wording",
        "One quote cluster: the same statement in several articles, first seen where and when, and how each "
        "carrier attributes and words it. Cluster ids come from 'newstrace quotes --shared'.",
        ("newstrace quote q-1f2e3d4c5b6a --db corpus.db", "newstrace quote q-1f2e3d4c5b6a --format json"),
    )
    add_common(quote, ITEM_FORMATS)
    quote.add_argument("cluster", metavar="CLUSTER_ID", help="a quote cluster's id (q-...)")
    quote.set_defaults(func=run_quote)

    speakers = add_command(
        subparsers,
        "speakers",
        "who is quoted most, in which outlets, relayed by whom",
        "Speakers of the stored attributions, one row per corpus identity, most quoted first.",
        ("newstrace speakers --db corpus.db", "newstrace speakers --db corpus.db --outlet KCNA --limit 10"),
    )
    add_common(speakers)
    speakers.add_argument("--outlet", help="only quotes carried by this outlet")
    speakers.add_argument("--all", action="store_true", help="include speakers the pipeline could not resolve")
    speakers.add_argument("--limit", type=whole(0), default=30, help="rows (default 30)")
    speakers.set_defaults(func=run_speakers)

    entities = add_command(
        subparsers,
        "entities",
        "entities across the corpus, most widespread first",
        "Named entities of the stored articles, by the number of articles that name them.",
        ("newstrace entities --db corpus.db --type PERSON", "newstrace entities --db corpus.db --format csv"),
    )
    add_common(entities)
    entities.add_argument("--type", help="PERSON, ORG, GPE, ...")
    entities.add_argument("--limit", type=whole(0), default=30, help="rows (default 30)")
    entities.set_defaults(func=run_entities)

    articles = add_command(
        subparsers,
        "articles",
        "stored articles, newest first; full-text search",
        "Stored articles with their number of attributions; --search as in 'newstrace quotes'.",
        ("newstrace articles --db corpus.db --search 'nucl*'", "newstrace articles --db corpus.db --outlet KCNA"),
    )
    add_common(articles)
    articles.add_argument("--search", metavar="TEXT", help="words in the title or text")
    articles.add_argument("--outlet", help="only this outlet")
    add_period(articles)
    articles.add_argument("--limit", type=whole(0), default=50, help="rows (default 50; 0 for all)")
    articles.set_defaults(func=run_articles)

    outlets = add_command(
        subparsers,
        "outlets",
        "outlets in the corpus: articles, quotes, speakers, dates",
        "One row per outlet: its articles, attributions, distinct speakers, first and last date.",
        ("newstrace outlets --db corpus.db", "newstrace outlets --db corpus.db --format json"),
    )
    add_common(outlets)
    outlets.set_defaults(func=run_outlets)

    persuasion = add_command(
        subparsers,
        "persuasion",
        "persuasion techniques counted by outlet, voice (the outlet's own or a quoted speaker's), month",
        "Persuasion-technique spans of the stored articles counted by the groups --by names; 'voice' tells "
        "the outlet's own words from the words it attributes.",
        (
            "newstrace persuasion --db corpus.db --by outlet,voice",
            "newstrace persuasion --db corpus.db --by outlet,voice --technique Loaded_Language",
        ),
    )
    add_common(persuasion)
    persuasion.add_argument(
        "--by", default="outlet,voice,technique", help="group by, comma-separated: outlet, voice, technique, month"
    )
    persuasion.add_argument("--outlet", help="only this outlet")
    persuasion.add_argument("--voice", choices=("outlet", "attributed"), help="the outlet's own words, or quoted ones")
    persuasion.add_argument("--technique", help="only this technique, e.g. Loaded_Language")
    add_period(persuasion)
    persuasion.add_argument("--limit", type=whole(0), default=50, help="rows (default 50; 0 for all)")
    persuasion.set_defaults(func=run_persuasion)

    show = add_command(
        subparsers,
        "show",
        "one stored article with its attributions",
        "One stored article as a who-said-what report, or its whole record as JSON. Ids and keys come from "
        "'newstrace articles'.",
        ("newstrace show 3f2a9c --db corpus.db", "newstrace show 3f2a9c --db corpus.db --format json"),
    )
    add_common(show, ITEM_FORMATS)
    show.add_argument("ref", metavar="ARTICLE_ID", help="the article's id (content hash) or store key, or a prefix")
    show.set_defaults(func=run_show)


def run_quotes(args: argparse.Namespace) -> int:
    filters = {
        "speaker": args.speaker,
        "via": args.via,
        "outlet": args.outlet,
        **period(args),
        "search": args.search,
        "kind": args.kind,
        "min_confidence": args.min_confidence,
        "said_since": args.said_since,
        "said_until": args.said_until,
    }
    with open_existing_store(args) as store:
        if args.speaker is not None or args.shared:
            update_identities(store)  # '--speaker Biden' finds Joe Biden's quotes under any of his names
        if args.shared:
            update_quote_clusters(store)
            ids = list(dict.fromkeys(q.cluster for q in store.quotes(**filters, shared=True) if q.cluster))
            clusters = store.quote_clusters(ids=ids, limit=args.limit or None)
            _emit_clusters(clusters, args.format, cut_cells(args))
            return 0
        rows = store.quotes(**filters, limit=args.limit or None, offset=args.offset)
        total = store.count_quotes(**filters) if args.format == "table" else len(rows)
    emit(
        [q.to_dict() for q in rows],
        ("published", "said", "outlet", "speaker", "kind", "cue", "content", "via", "article"),
        [
            (q.published, _said(q), q.outlet, q.speaker, q.kind, q.cue, q.content, " → ".join(q.via), q.article_key)
            for q in rows
        ],
        args.format,
        cut=cut_cells(args),
    )
    if args.format == "table":
        print(f"{len(rows)} of {total} attributions shown")
    return 0


def _said(quote: Quote) -> str | None:
    """When it was said, as a table shows it: the value, with '~' when the article's date stands in."""
    if quote.said is None:
        return None
    return f"~{quote.said}" if quote.said_assumed else quote.said


def run_persuasion(args: argparse.Namespace) -> int:
    by = tuple(part.strip() for part in args.by.split(",") if part.strip())
    with open_existing_store(args) as store:
        rows = store.persuasion(
            outlet=args.outlet,
            voice=args.voice,
            technique=args.technique,
            **period(args),
            by=by,
            limit=args.limit or None,
        )
    emit(
        [r.to_dict() for r in rows],
        (*by, "spans", "articles"),
        [(*(getattr(r, b) for b in by), r.spans, r.articles) for r in rows],
        args.format,
        cut=cut_cells(args),
    )
    return 0


def _emit_clusters(clusters: list[QuoteClusterSummary], fmt: str, cut: bool) -> None:
    rows = []
    for c in clusters:
        first = c.first_seen
        outlets = sorted({q.outlet or "(unknown)" for q in c.carriers})
        rows.append(
            (
                c.id,
                c.outlets,
                first.published if first else None,
                first.outlet if first else None,
                first.speaker if first else None,
                first.content if first else None,
                ", ".join(outlets),
            )
        )
    emit(
        [c.to_dict() for c in clusters],
        ("cluster", "outlets", "first", "first outlet", "speaker", "statement", "carried by"),
        rows,
        fmt,
        cut=cut,
    )


def run_quote(args: argparse.Namespace) -> int:
    with open_existing_store(args) as store:
        update_identities(store)
        update_quote_clusters(store)
        found = store.quote_clusters(ids=[args.cluster], shared=False, limit=1)
    if not found:
        raise StoreError(Errors.E068.format(ref=args.cluster))
    cluster = found[0]
    if args.format == "json":
        print(json.dumps(cluster.to_dict(), ensure_ascii=False, indent=2))
        return 0
    first = cluster.first_seen
    print(
        f"{cluster.id}: {cluster.attributions} attributions in {cluster.articles} articles, {cluster.outlets} outlets"
    )
    if first is not None:
        print(f"first seen: {first.outlet or '(unknown)'}, {first.published or '(no date)'}")
    for q in cluster.carriers:
        via = " → ".join(q.via) or "-"
        print(f"\n  {q.published or '(no date)'}  {q.outlet or '(unknown)'}  ({q.kind}, via {via})")
        print(f"  {q.speaker or '(unresolved)'}: {' '.join(q.content.split())}")
    return 0


def run_speakers(args: argparse.Namespace) -> int:
    with open_existing_store(args) as store:
        update_identities(store)  # one row per identity
        rows = store.speakers(limit=args.limit, include_unresolved=args.all, outlet=args.outlet)
    emit(
        [s.to_dict() for s in rows],
        ("speaker", "quotes", "articles", "outlets", "via"),
        [
            (
                s.name,
                s.quotes,
                s.articles,
                ", ".join(f"{o} ({n})" for o, n in s.outlets[:3]),
                ", ".join(f"{c} ({n})" for c, n in s.via[:3]),
            )
            for s in rows
        ],
        args.format,
        cut=cut_cells(args),
    )
    return 0


def run_entities(args: argparse.Namespace) -> int:
    with open_existing_store(args) as store:
        rows = store.entities(type=args.type, limit=args.limit)
    emit(
        [e.to_dict() for e in rows],
        ("entity", "type", "articles", "mentions", "quoted"),
        [(e.name, e.type, e.articles, e.mentions, e.quoted) for e in rows],
        args.format,
        cut=cut_cells(args),
    )
    return 0


def run_articles(args: argparse.Namespace) -> int:
    with open_existing_store(args) as store:
        dates = period(args)
        rows = store.articles(
            search=args.search,
            outlet=args.outlet,
            since=dates["since"],
            until=dates["until"],
            limit=args.limit or None,
        )
    emit(
        [a.to_dict() for a in rows],
        ("published", "outlet", "title", "attributions", "key"),
        [(a.published, a.outlet, a.title, a.attributions, a.key) for a in rows],
        args.format,
        cut=cut_cells(args),
    )
    return 0


def run_outlets(args: argparse.Namespace) -> int:
    with open_existing_store(args) as store:
        rows = store.outlets()
    emit(
        [o.to_dict() for o in rows],
        ("outlet", "articles", "attributions", "speakers", "first", "last"),
        [(o.outlet or "(unknown)", o.articles, o.attributions, o.speakers, o.first, o.last) for o in rows],
        args.format,
        cut=cut_cells(args),
    )
    return 0


def run_show(args: argparse.Namespace) -> int:
    with open_existing_store(args) as store:
        records = store.records(args.ref)
    if args.format == "json":
        # always an array: the article may be stored under several keys (one per source that carried it)
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    for record in records:
        article = Article.from_dict({k: v for k, v in record.items() if k != "key"})
        print(f"key {record['key']} · id {record['id']}" + (f" · {record['url']}" if record.get("url") else ""))
        print(render_article(article))
    return 0
