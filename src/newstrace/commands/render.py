"""``newstrace render``: who said what drawn over the text, as an HTML page (spaCy's displaCy)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..integrations.spacy_component import LAYERS, render_html
from ..record import Article
from ..run import CorpusReport, analyze_corpus
from ..sources import Failed
from .options import add_command, add_settings, settings_from


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "render",
        "draw who said what over the text, as an HTML page (displaCy's span view)",
        "Analyze the sources and write one HTML page showing, over each article's text, every "
        "attribution's speaker, cue and content (labelled with its id), or the outlet's own voice, or the "
        "persuasion spans. The same view in Python: nlp.add_pipe('newstrace') and displacy.render(doc, "
        "style='span', options={'spans_key': 'newstrace'}).",
        (
            "newstrace render article.txt --output page.html",
            "newstrace render article.txt --layer persuasion --output persuasion.html",
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="SOURCE", help="what 'newstrace analyze' reads, or - for stdin")
    parser.add_argument("--output", "-o", metavar="FILE", required=True, help="the HTML page to write")
    parser.add_argument(
        "--layer", choices=tuple(LAYERS), default="attributions", help="what to draw (default attributions)"
    )
    parser.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, when the text has none")
    parser.add_argument("--outlet", help="outlet name to record for every input")
    add_settings(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    report = CorpusReport()
    articles: list[Article] = []
    for item in analyze_corpus(
        args.paths, settings=settings_from(args), published=args.published, outlet=args.outlet, report=report
    ):
        if isinstance(item, Failed):
            print(f"newstrace: skipped {item.error}", file=sys.stderr)
        elif isinstance(item, Article):
            articles.append(item)
    if articles:
        Path(args.output).write_text(render_html(articles, args.layer), encoding="utf-8")
        print(f"newstrace: wrote {args.output} ({len(articles)} articles)", file=sys.stderr)
    return report.exit_code()
