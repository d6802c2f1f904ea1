"""Turn a hand annotation written as quoted anchors into real-news gold with offsets.

Annotators never type offsets (gold/realnews/ANNOTATING.md). They write each span as the exact
words (``"text"``) and, where those words occur more than once, a longer passage around them that
occurs once (``"near"``). This script locates every span, checks word boundaries and writes one
JSON line per article in the format `newstrace.formats.realnews.load_gold` reads.

    python scripts/gold_from_anchors.py show kcna-2011-2012.jsonl.gz kcna-19260   # print the text
    python scripts/gold_from_anchors.py build anchors.json >> part-p.kcna1.jsonl  # anchors -> offsets

An anchors file is one JSON object: ``source``, ``id``, ``speakers`` (as in the gold) and
``attributions``, each with ``kind``, ``speaker``, ``reported_via`` and optional fields as in the
gold, and its spans ``speaker_mention``, ``cue``, ``content`` written as ``{"text": ..., "near": ...}``
(or ``null``).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

SHARED = Path(os.environ.get("NEWSTRACE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SPAN_FIELDS = ("speaker_mention", "cue", "content")


class AnchorError(ValueError):
    """An anchor that does not point at exactly one place in the text."""


def article_text(source: str, article_id: str) -> str:
    path = SHARED / "data" / "corpora" / source
    if not path.is_file():
        raise SystemExit(f"{path} not found: set NEWSTRACE_SHARED to the folder that holds data/corpora")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("id") == article_id:
                return str(record["text"])
    raise SystemExit(f"article {article_id} is not in {path}")


def _occurrences(text: str, words: str) -> list[int]:
    found, at = [], text.find(words)
    while at >= 0:
        found.append(at)
        at = text.find(words, at + 1)
    return found


def _at_word_boundaries(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    inner_first, inner_last = text[start], text[end - 1]
    return not (before.isalnum() and inner_first.isalnum()) and not (after.isalnum() and inner_last.isalnum())


def locate(text: str, anchor: dict[str, Any]) -> dict[str, int]:
    """The one place ``anchor`` names: its words, inside its ``near`` passage when it has one."""
    words, near = anchor["text"], anchor.get("near")
    if not words:
        raise AnchorError("an anchor with empty text")
    if near is not None:
        places = _occurrences(text, near)
        if not places:
            raise AnchorError(f"'near' {near!r} is not in the text: copy its words exactly, line breaks included")
        if len(places) != 1:
            raise AnchorError(f"'near' {near!r} occurs {len(places)} times (it must occur once)")
        inside = _occurrences(near, words)
        if len(inside) != 1:
            raise AnchorError(f"{words!r} occurs {len(inside)} times inside 'near' {near!r} (it must occur once)")
        start = places[0] + inside[0]
    else:
        places = _occurrences(text, words)
        if not places:
            raise AnchorError(f"{words!r} is not in the text: copy its words exactly, line breaks included")
        if len(places) != 1:
            raise AnchorError(f"{words!r} occurs {len(places)} times: add a 'near' passage that occurs once")
        start = places[0]
    end = start + len(words)
    if not _at_word_boundaries(text, start, end):
        raise AnchorError(f"{words!r} starts or ends inside a word")
    return {"start": start, "end": end}


def build(anchors: dict[str, Any]) -> dict[str, Any]:
    text = article_text(anchors["source"], anchors["id"])
    attributions = []
    problems = []
    for number, attribution in enumerate(anchors["attributions"], 1):
        row = dict(attribution)
        for name in SPAN_FIELDS:
            anchor = attribution.get(name)
            if anchor is None:
                continue
            try:
                row[name] = locate(text, anchor)
            except AnchorError as exc:
                problems.append(f"attribution {number} {name}: {exc}")
        attributions.append(row)
    if problems:
        raise SystemExit("fix these anchors and run again:\n  " + "\n  ".join(problems))
    return {
        "source": anchors["source"],
        "id": anchors["id"],
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "attributions": attributions,
        "speakers": anchors.get("speakers", []),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("show", help="print an article's text exactly as stored")
    show.add_argument("source")
    show.add_argument("id")
    make = commands.add_parser("build", help="locate an anchors file's spans and print its gold line")
    make.add_argument("anchors", type=Path)
    args = parser.parse_args(argv)
    if args.command == "show":
        sys.stdout.write(article_text(args.source, args.id) + "\n")
        return 0
    anchors = json.loads(args.anchors.read_text(encoding="utf-8"))
    print(json.dumps(build(anchors), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
