"""``newstrace eval NAME [ARGS]``: score newstrace against gold data and print a table.

The evaluations live in the top layer (``newstrace.eval``), which nothing else imports: this
command loads the one asked for when it runs, so no other command ever imports scoring code.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

# name -> (module in newstrace.eval exposing add_arguments(parser) and run_cli(args) -> int, what it scores)
EVALUATIONS = {
    "datelines": ("datelines", "wire datelines (place, date, agency) against Reuters-21578's gold datelines"),
    "html": ("html", "main-text extraction from HTML pages against the article-extraction benchmark"),
    "polnear": ("polnear", "attribution spans (Source, Cue, Content) against PolNeAR"),
    "attributions": ("attributions", "who said what on real news (KCNA, Reuters, allsides) against hand-read gold"),
    "stories": ("stories", "story grouping (B-cubed, adjusted Rand) against NeuS's stories"),
    "persuasion": ("persuasion", "persuasion techniques against the SemEval-2023 dev fold"),
    "timeml": ("timeml", "time expressions (extent, value, type) against TimeML, scored as TempEval-3"),
}


def register(subparsers: Any) -> None:
    listed = "\n".join(f"  {name:<11} {about}" for name, (_, about) in EVALUATIONS.items())
    parser = subparsers.add_parser(
        "eval",
        help="evaluate against gold data (tables of precision/recall/F1)",
        description=f"Evaluations:\n{listed}\n\n'newstrace eval NAME --help' shows each one's options.",
        epilog="examples:\n  newstrace eval datelines ../shared/data/corpora/reuters21578.jsonl.gz\n"
        "  newstrace eval timeml --split test\n"
        "  newstrace eval attributions ../shared/data/realnews-dev/part-a.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("evaluation", choices=EVALUATIONS, metavar="NAME", help=", ".join(EVALUATIONS))
    parser.add_argument("options", nargs=argparse.REMAINDER, help="the evaluation's own arguments")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    module_name, about = EVALUATIONS[args.evaluation]
    module = importlib.import_module(f"newstrace.eval.{module_name}")
    inner = argparse.ArgumentParser(prog=f"newstrace eval {args.evaluation}", description=about)
    module.add_arguments(inner)
    return int(module.run_cli(inner.parse_args(args.options)))
