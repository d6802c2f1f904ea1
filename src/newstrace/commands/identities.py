"""``identities``: one person or organization across the corpus, with its aliases and evidence."""

from __future__ import annotations

import argparse
from typing import Any

from ..corpus.identities import update_identities
from .options import add_command, add_common, open_existing_store, whole
from .output import cut_cells, emit


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "identities",
        "people and organizations across the corpus, each with every name it goes by",
        "Corpus identities: the entities of all stored articles joined by name, alias and (when the corpus "
        "leaves no doubt) surname; docs/corpus.md says how.",
        ("newstrace identities --db corpus.db --type PERSON", "newstrace identities --db corpus.db --name Biden"),
    )
    add_common(parser)
    parser.add_argument("--name", help="identities with this name or alias (any spelling)")
    parser.add_argument("--type", help="PERSON, ORG, GPE, ...")
    parser.add_argument("--limit", type=whole(0), default=30, help="rows (default 30; 0 for all)")
    parser.set_defaults(func=run_identities)


def run_identities(args: argparse.Namespace) -> int:
    with open_existing_store(args) as store:
        update_identities(store)
        rows = store.identities(name=args.name, type=args.type, limit=args.limit or None)
    emit(
        [r.to_dict() for r in rows],
        ("identity", "name", "type", "articles", "quoted", "aliases", "joined by"),
        [
            (
                r.id,
                r.name,
                r.type,
                r.articles,
                r.quoted,
                ", ".join(r.aliases[:6]) + (f" (+{len(r.aliases) - 6})" if len(r.aliases) > 6 else ""),
                ", ".join(f"{rule} {n}" for rule, n in r.rules.items()),
            )
            for r in rows
        ],
        args.format,
        cut=cut_cells(args),
    )
    return 0
