"""``relays``: the relay graph, who passes on whose words, as a table, JSON, CSV, GraphML or GEXF."""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from ..corpus.relays import to_gexf, to_graphml
from ..corpus.update import update_corpus
from .options import add_command, add_period, add_store, open_existing_store, period, whole
from .output import LIST_FORMATS, add_format, cut_cells, emit


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "relays",
        "the relay graph: publisher -> relaying agency -> ... -> speaker, with counts and dates",
        "Edges of the relay graph from the stored attributions: 'TASS -> Korean Central News Agency' when a "
        "TASS story says KCNA reported something, 'Korean Central News Agency -> Kim Jong Un' for what KCNA "
        "quoted him as saying. graphml and gexf are graph files for networkx and Gephi.",
        (
            "newstrace relays --db corpus.db --agency KCNA",
            "newstrace relays --db corpus.db --chains",
            "newstrace relays --db corpus.db --format graphml -o relays.graphml",
        ),
    )
    add_store(parser)
    add_format(parser, (*LIST_FORMATS, "graphml", "gexf"))
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--outlet", help="only attributions this outlet published")
    parser.add_argument("--agency", help="only attributions this agency published or relayed (KCNA, TASS, ...)")
    parser.add_argument("--speaker", help="only attributions of this speaker")
    add_period(parser)
    parser.add_argument("--chains", action="store_true", help="whole chains (publisher first) instead of edges")
    parser.add_argument("--min-count", type=whole(1), default=1, metavar="N", help="edges carried at least N times")
    parser.add_argument("--limit", type=whole(0), default=50, help="rows (default 50; 0 for all)")
    parser.set_defaults(func=run_relays)


def run_relays(args: argparse.Namespace) -> int:
    filters = {
        "outlet": args.outlet,
        "agency": args.agency,
        "speaker": args.speaker,
        **period(args),
    }
    if args.chains and args.format in ("graphml", "gexf"):
        print(
            "newstrace: a graph file holds edges; give --chains with --format table, json, jsonl or csv",
            file=sys.stderr,
        )
        return 2
    with ExitStack() as stack:
        store = stack.enter_context(open_existing_store(args))
        out = stack.enter_context(Path(args.output).open("w", encoding="utf-8")) if args.output else sys.stdout
        if args.chains:
            chains = store.relay_chains(**filters, limit=args.limit or None)
            emit(
                [c.to_dict() for c in chains],
                ("chain", "attributions", "articles", "first", "last"),
                [(" → ".join(c.chain), c.attributions, c.articles, c.first, c.last) for c in chains],
                args.format,
                out=out,
                cut=cut_cells(args, out),
            )
            return 0
        update_corpus(store)  # reuse edges come from stories: bring them up to date first
        edges = store.relay_edges(**filters, min_count=args.min_count, limit=args.limit or None)
        if args.format == "graphml":
            out.write(to_graphml(edges))
        elif args.format == "gexf":
            out.write(to_gexf(edges))
        else:
            emit(
                [e.to_dict() for e in edges],
                ("from", "to", "kind", "attributions", "articles", "first", "last"),
                [(e.source, e.target, e.kind, e.attributions, e.articles, e.first, e.last) for e in edges],
                args.format,
                out=out,
                cut=cut_cells(args, out),
            )
    return 0
