"""Query results for people (aligned tables) and for scripts (JSON, CSV), from one list of rows."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

FORMATS = ("table", "json", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return " ".join(str(value).split())


def render_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, max_width: int = 60) -> str:
    """Columns padded to their widest cell, cut at ``max_width`` with an ellipsis."""
    cells = [[_cell(v) for v in row] for row in rows]
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    out = [line, "  ".join("-" * w for w in widths)]
    out.extend("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells)
    return "\n".join(out)


def emit(
    records: Sequence[dict[str, Any]],
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: str,
    *,
    out: TextIO | None = None,
) -> None:
    """Write ``records`` as JSON, or ``rows`` under ``headers`` as CSV or a table."""
    out = out or sys.stdout
    if fmt == "json":
        out.write(json.dumps(list(records), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(headers)
        writer.writerows([[_cell(v) for v in row] for row in rows])
    else:
        out.write(render_table(headers, rows) + "\n")
