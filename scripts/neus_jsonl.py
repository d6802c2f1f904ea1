"""Write NeuS's articles (title + lead snippet, dated with their story) as JSON Lines to ingest.

    PYTHONPATH=src python scripts/neus_jsonl.py ../shared/data/corpora/neus-allsides-stories.jsonl.gz neus.jsonl
    newstrace ingest neus.jsonl --db neus.db

Each line has id (story-side, e.g. 5833-left), story, outlet, date, title and text; the texts stay
out of the repository.
"""

from __future__ import annotations

import json
import sys

from newstrace.eval.stories import load_neus


def main(source: str, target: str) -> None:
    with open(target, "w", encoding="utf-8") as out:
        for a in load_neus(source):
            row = {
                "id": a.id,
                "story": a.story,
                "outlet": a.outlet,
                "date": a.published,
                "title": a.title,
                "text": a.text,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
