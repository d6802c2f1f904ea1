"""``newstrace settings``: every setting's effective value and where it came from."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..settings import SETTINGS
from .options import SETTING_NAMES, add_command, add_settings, resolved_from, setting_option
from .output import ITEM_FORMATS, add_format, cut_cells, emit


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "settings",
        "every setting's effective value and where it came from",
        "Each setting comes from, highest first: its command-line option, its environment variable, the "
        "config file (newstrace.toml, or [tool.newstrace] in pyproject.toml, in the working directory; or "
        "--config / NEWSTRACE_CONFIG), its default. Options given here show what a command given them would use.",
        ("newstrace settings", "newstrace settings --workers 4 --format json", "newstrace settings --config my.toml"),
    )
    add_format(parser, ITEM_FORMATS)
    add_settings(parser, SETTING_NAMES)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    resolved = resolved_from(args)
    values = {spec.name: getattr(resolved.settings, spec.name) for spec in SETTINGS}
    if args.format == "json":
        payload = {
            "config_file": str(resolved.config_path) if resolved.config_path else None,
            "settings": {name: {"value": values[name], "source": resolved.sources[name]} for name in values},
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(f"config file: {resolved.config_path or '(none)'}")
    emit(
        [],
        ("setting", "value", "from", "option", "environment"),
        [(s.name, values[s.name], resolved.sources[s.name], setting_option(s.name), s.env) for s in SETTINGS],
        "table",
        out=sys.stdout,
        cut=cut_cells(args),
    )
    return 0
