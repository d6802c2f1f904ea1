"""``stories`` and ``story``: coverage of one event grouped across articles and outlets."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from tqdm import tqdm

from ..corpus.stories import compare_story, update_stories
from ..corpus.update import update_corpus
from ..store import Store
from .options import add_command, add_common, add_period, open_existing_store, period, whole
from .output import ITEM_FORMATS, cut_cells, emit


def register(subparsers: Any) -> None:
    stories = add_command(
        subparsers,
        "stories",
        "articles grouped by the event they report, newest story first",
        "Articles grouped into stories: coverage of one event by one or more outlets. Articles stored "
        "since the last call are placed first (an embedding of each lead, about 10 ms an article).",
        ("newstrace stories --db corpus.db --min-articles 3", "newstrace stories --db corpus.db --outlet KCNA"),
    )
    add_common(stories)
    stories.add_argument("--outlet", help="only stories this outlet covered")
    add_period(stories, "stories with an article")
    stories.add_argument("--min-articles", type=whole(1), default=1, metavar="N", help="stories of at least N articles")
    stories.add_argument("--limit", type=whole(0), default=50, help="stories to show (default 50; 0 for all)")
    stories.add_argument("--offset", type=whole(0), default=0, help="stories to skip")
    stories.add_argument("--rebuild", action="store_true", help="group every stored article again from scratch")
    stories.set_defaults(func=run_stories)

    story = add_command(
        subparsers,
        "story",
        "one story, outlet by outlet: whom each quotes, what it names, its own voice, its techniques",
        "One story compared outlet by outlet: a timeline, then for each outlet whom it quotes, the statements "
        "it shares with others, the names it uses, its own voice and its persuasion techniques.",
        ("newstrace story story-3f2a9c0d1e4b5a6f --db corpus.db",),
    )
    add_common(story, ITEM_FORMATS)
    story.add_argument("story_id", metavar="STORY_ID", help="as listed by 'newstrace stories'")
    story.set_defaults(func=run_story)


def _update(store: Store, *, rebuild: bool = False, quiet: bool = False) -> None:
    with tqdm(
        desc="stories: embedding new articles", unit=" articles", disable=quiet or not sys.stderr.isatty()
    ) as bar:
        last = 0

        def advance(done: int) -> None:
            nonlocal last
            bar.update(done - last)
            last = done

        update_stories(store, rebuild=rebuild, progress=advance)


def run_stories(args: argparse.Namespace) -> int:
    with open_existing_store(args) as store:
        _update(store, rebuild=args.rebuild, quiet=args.format != "table")
        rows = store.stories(
            outlet=args.outlet,
            **period(args),
            min_articles=args.min_articles,
            limit=args.limit or None,
            offset=args.offset,
        )
    emit(
        [s.to_dict() for s in rows],
        ("story", "first", "last", "articles", "outlets", "title"),
        [
            (s.id, s.first_published, s.last_published, len(s.articles), ", ".join(_outlets(s.articles)), s.title)
            for s in rows
        ],
        args.format,
        cut=cut_cells(args),
    )
    return 0


def _outlets(articles: list[Any]) -> list[str]:
    return sorted({a.outlet or "(unknown)" for a in articles})


def run_story(args: argparse.Namespace) -> int:
    with open_existing_store(args) as store:
        update_corpus(store)  # the statements shared between outlets come from the quote clusters
        story, coverage = compare_story(store, args.story_id)
    if args.format == "json":
        payload = {**story.to_dict(), "coverage": [c.to_dict() for c in coverage]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    out = sys.stdout
    out.write(f"{story.id}: {story.title or '(untitled)'}\n")
    span = f"{story.first_published} to {story.last_published}"
    out.write(f"{len(story.articles)} articles, {story.outlets} outlets, {span}\n\n")
    out.write("Timeline\n")
    for a in story.articles:
        out.write(f"  {a.published or '(no date)':<25} {a.outlet or '(unknown)':<24} {a.title or a.id}\n")
    for c in coverage:
        out.write(f"\n== {c.outlet} ({len(c.articles)} article{'s' if len(c.articles) != 1 else ''})\n")
        quoted = ", ".join(f"{s} ({n})" for s, n in c.speakers.most_common(8)) or "nobody"
        out.write(f"  quotes: {quoted}\n")
        out.write(f"  statements other outlets carry too ({len(c.shared)}):\n")
        for said in c.shared[:5]:
            out.write(f"    - {said[:200]}\n")
        out.write(f"  statements only it carries: {len(c.only_here)}\n")
        named = ", ".join(f"{e} ({n})" for e, n in c.entities.most_common(8)) or "none"
        out.write(f"  names: {named}\n")
        for voice, label in (("outlet", "techniques in its own voice"), ("quoted", "techniques in quotes")):
            found = ", ".join(f"{t} ({n})" for t, n in c.techniques[voice].most_common(6)) or "none"
            out.write(f"  {label}: {found}\n")
        out.write(f"  own voice ({len(c.own_voice)} sentences):\n")
        for sentence in c.own_voice[:3]:
            out.write(f"    - {sentence[:200]}\n")
    return 0
