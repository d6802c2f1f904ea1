"""``newstrace eval NAME GOLD``: score newstrace against gold data and print a table."""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from ..errors import Errors, EvaluationError

# name -> module in newstrace.eval exposing run_cli(args) -> int and add_arguments(parser)
EVALUATIONS = {
    "datelines": "datelines",
    "html": "html",
    "polnear": "polnear",
    "persuasion": "persuasion",
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("eval", help="evaluate against gold data (tables of precision/recall/F1)")
    inner = parser.add_subparsers(dest="evaluation", metavar="EVALUATION")
    for name, module_name in EVALUATIONS.items():
        module = importlib.import_module(f"..eval.{module_name}", __package__)
        sub = inner.add_parser(name, help=module.__doc__.splitlines()[0] if module.__doc__ else name)
        module.add_arguments(sub)
        sub.set_defaults(func=module.run_cli)
    parser.set_defaults(func=_missing)


def _missing(args: argparse.Namespace) -> int:
    raise EvaluationError(Errors.E042.format(name=args.evaluation, options=", ".join(EVALUATIONS)))
