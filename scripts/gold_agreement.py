"""How far two readings of the same real-news articles agree: the second scored against the first.

Each attribution of the second reading is turned into a prediction (speaker by its canonical name,
or unresolved where it names nobody) and scored with ``newstrace eval attributions``'s own rules, so
the table reads as the scorer's: what a perfect system could reach against gold read once.

    python scripts/gold_agreement.py gold/realnews/part-f.jsonl gold/realnews/part-f.second-reading.jsonl
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from newstrace.eval.attributions import DEFAULT_CORPORA, RealnewsResult, Tally, format_table, score_article
from newstrace.formats.realnews import GoldArticle, load_gold
from newstrace.record import Article, Attribution, Span, Speaker


def _span(text: str, value: dict[str, Any] | None) -> Span | None:
    return None if value is None else Span.of(text, value["start"], value["end"])


def as_article(reading: GoldArticle) -> Article:
    """A reading's attributions as an Article the scorer reads like the tool's output."""
    article = Article(text=reading.text)
    for n, gold in enumerate(reading.attributions, 1):
        named = gold.get("speaker")
        name = " and ".join(named) if isinstance(named, list) else named
        mention = _span(reading.text, gold.get("speaker_mention"))
        speaker = Speaker(mention, [name] if name else [], name or (mention.text if mention else None))
        speaker.resolution = "name" if name else "unresolved"
        content = _span(reading.text, gold["content"])
        assert content is not None
        article.attributions.append(
            Attribution(
                f"a{n}",
                gold["kind"],
                speaker,
                _span(reading.text, gold.get("cue")),
                content,
                via=list(gold.get("reported_via") or []),
            )
        )
    return article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("first", type=Path, help="the reading scored against (the gold in use)")
    parser.add_argument("second", type=Path, help="another reading of the same articles")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    args = parser.parse_args(argv)
    first = {a.id: a for a in load_gold([args.first], args.corpora)}
    second = load_gold([args.second], args.corpora)
    result = RealnewsResult(attribution="a second reading by hand")
    for reading in second:
        if reading.id not in first:
            raise SystemExit(f"{reading.id} is in {args.second} but not in {args.first}: compare the same articles")
        tally = score_article(first[reading.id], as_article(reading), result, keep_errors=False)
        result.by_corpus.setdefault(reading.corpus, Tally()).add(tally)
    print(format_table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
