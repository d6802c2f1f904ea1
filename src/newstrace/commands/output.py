"""One output convention for every command: the format names, their meaning, and the writers.

``--format`` takes the same names everywhere (a command offers those that make sense for it):

- ``table``: for people. Aligned columns (drawn by ``rich``), or a readable report for one
  article or one cluster. On a terminal long cells are cut to fit unless ``--wide``; written to a
  pipe or a file nothing is cut.
- ``json``: one JSON document. An array, even of one or no item, from every command that can
  return several things (queries, ``analyze`` of any number of inputs, ``show``: an article may be
  stored under several keys); an object from the three that describe one thing (``quote``,
  ``story``, ``settings``).
- ``jsonl``: one JSON object per line, for streams and big outputs.
- ``csv``: the table's columns, one header line.
- ``parquet`` (``export``), ``graphml`` and ``gexf`` (``relays``): files for other tools.

``text`` is still accepted as the old name of ``table``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table

FORMAT_NAMES = ("table", "json", "jsonl", "csv", "parquet", "graphml", "gexf")
LIST_FORMATS = ("table", "json", "jsonl", "csv")
ITEM_FORMATS = ("table", "json")
_OLD_NAMES = {"text": "table"}
_ABOUT = {
    "table": "for people",
    "json": "one JSON document",
    "jsonl": "a JSON object per line",
    "csv": "comma-separated",
    "parquet": "Parquet files",
    "graphml": "GraphML",
    "gexf": "GEXF",
}
CELL_WIDTH = 60  # a table cell's width on a terminal, unless --wide


def format_name(text: str) -> str:
    """An argparse type: a format name, with old names mapped to their shared ones."""
    return _OLD_NAMES.get(text, text)


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str] = LIST_FORMATS, default: str = "table") -> None:
    """``--format`` with the shared names, and ``--wide`` where a table can be cut."""
    assert set(choices) <= set(FORMAT_NAMES), choices
    listed = ", ".join(f"{name} ({_ABOUT[name]}{', default' if name == default else ''})" for name in choices)
    parser.add_argument("--format", type=format_name, choices=choices, default=default, help=listed)
    if "table" in choices:
        parser.add_argument(
            "--wide", action="store_true", help="never cut table cells (they are cut only on a terminal)"
        )


def cut_cells(args: argparse.Namespace, out: TextIO | None = None) -> bool:
    """Whether table cells are cut: only on a terminal, and not with ``--wide``."""
    out = out or sys.stdout
    return not getattr(args, "wide", False) and out.isatty()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return " ".join(str(value).split())


def render_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, cut: bool = False) -> str:
    """Columns aligned under their headers; with ``cut``, cells longer than CELL_WIDTH end in '…'."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold", expand=False)
    for header in headers:
        table.add_column(header, no_wrap=True, overflow="ellipsis", max_width=CELL_WIDTH if cut else None)
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    buffer = io.StringIO()
    # A width no row reaches, so that rich never folds or cuts what --wide or a pipe asks to keep whole.
    widest = sum(max([len(h), *(len(_cell(r[i])) for r in rows)]) + 2 for i, h in enumerate(headers))
    console = Console(file=buffer, width=2 * widest + 80, color_system=None, soft_wrap=False, emoji=False)
    console.print(table, highlight=False, markup=False)
    return "\n".join(line.rstrip() for line in buffer.getvalue().rstrip("\n").split("\n"))


def emit(
    records: Sequence[dict[str, Any]],
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: str,
    *,
    out: TextIO | None = None,
    cut: bool = False,
) -> None:
    """Write ``records`` as JSON or JSON Lines, or ``rows`` under ``headers`` as CSV or a table."""
    out = out or sys.stdout
    if fmt == "json":
        out.write(json.dumps(list(records), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(headers)
        writer.writerows([[_cell(v) for v in row] for row in rows])
    else:
        out.write(render_table(headers, rows, cut=cut) + "\n")
