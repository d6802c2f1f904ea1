"""Write the bundled demo articles from NewsReader MEANTIME (English Wikinews, CC BY 2.5).

    python scripts/make_samples.py [MEANTIME_DIR] [OUT_DIR]

defaults: $NEWSTRACE_SHARED/data/meantime (NEWSTRACE_SHARED defaults to ../shared) and
src/newstrace/samples, from the repository root. MEANTIME keeps each article as
tokens (NAF/CAT XML): sentence 0 is the title, the sentence holding the document creation time
(a TIMEX3 with functionInDocument="CREATION_TIME") is the date line, and the rest is the body.
This script joins the tokens back into text with the usual rules for Penn-Treebank-style
tokens (``` `` ```/``''`` become straight double quotes, punctuation and clitics attach to their
neighbour, currency signs to their amount), and writes one file per article::

    date YYYY-MM-DD
    title: <title>

    <body: one paragraph; MEANTIME does not record paragraph breaks>

It also writes ATTRIBUTION.md. The output is deterministic: the same corpus gives the same bytes.
"""

from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newstrace.errors import Errors, InputError

# doc_id -> output file stem. Chosen for quotes and reported speech on different topics: a
# bankruptcy press conference, a product launch, a government subsidy, an aircraft order and a
# market report; each has balanced brackets and quote marks in the corpus tokens.
CHOSEN = {
    "127248": "2009-06-04-gm-ceo-outlines-new-gm",
    "214601": "2010-10-23-apple-macbook-air",
    "39951": "2006-05-05-australia-ford-assistance",
    "71426": "2007-06-09-aer-lingus-airbus-order",
    "131162": "2009-08-21-stocks-rise-on-recovery-hopes",
}

NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", "%", ")", "]", "}", "''", "'", "...", "n't"}
CLITICS = {"'s", "'S", "'re", "'ve", "'ll", "'d", "'m", "'t"}
NO_SPACE_AFTER = {"(", "[", "{", "``", "`", "$", "£", "€"}
CITATION = (
    "Minard, A.-L., Speranza, M., Urizar, R., Altuna, B., van Erp, M., Schoen, A., van Son, C. (2016). "
    "MEANTIME, the NewsReader Multilingual Event and Time Corpus. In Proceedings of the Tenth International "
    "Conference on Language Resources and Evaluation (LREC 2016), Portorož, Slovenia."
)


@dataclass(frozen=True)
class Sample:
    doc_id: str
    stem: str
    url: str
    date: str
    title: str
    body: str

    def text(self) -> str:
        return f"date {self.date}\ntitle: {self.title}\n\n{self.body}\n"


def detokenize(tokens: list[str]) -> str:
    """Join Penn-Treebank-style tokens into running text."""
    out: list[str] = []
    previous = ""
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token == "." and previous.endswith("."):
            continue  # "U.S. ." : the tokenizer repeats the period of a sentence-final abbreviation
        text = {"``": '"', "''": '"', "`": "'"}.get(token, token)
        attach = (
            not out
            or token in NO_SPACE_BEFORE
            or token in CLITICS
            or previous in NO_SPACE_AFTER
            or previous.endswith("$")
            or (
                previous.endswith("'")
                and previous not in {"'", "''"}
                and token.lower() in {"ll", "ve", "re", "d", "m", "s", "t"}
            )
            or (token == "-" and previous[-1:].isalpha() and following in {"and", "or", "to"})  # "piano- and guitar-"
        )
        out.append(text if attach else " " + text)
        previous = token
    return "".join(out)


def read_article(path: Path) -> Sample | None:
    root = ET.parse(path).getroot()
    doc_id = root.get("doc_id", "")
    if doc_id not in CHOSEN:
        return None
    tokens = sorted(root.iter("token"), key=lambda t: int(t.get("number", "0")))
    sentence_of = {t.get("t_id"): int(t.get("sentence", "0")) for t in tokens}
    creation = next(
        (t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"),
        None,
    )
    if creation is None:
        raise InputError(Errors.E044.format(path=path, reason="the article has no CREATION_TIME"))
    anchor = creation.find("token_anchor")
    if anchor is None or anchor.get("t_id") not in sentence_of:
        raise InputError(Errors.E044.format(path=path, reason="the creation time is anchored to no token"))
    date_sentence = sentence_of[anchor.get("t_id")]
    by_sentence: dict[int, list[str]] = {}
    for token in tokens:
        by_sentence.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    title = detokenize(by_sentence[0])
    body = " ".join(detokenize(words) for number, words in sorted(by_sentence.items()) if number > date_sentence)
    return Sample(doc_id, CHOSEN[doc_id], root.get("url", ""), creation.get("value", "")[:10], title, body)


def attribution(samples: list[Sample]) -> str:
    lines = [
        "# Bundled sample articles: sources and licence",
        "",
        "The `.txt` files here are English Wikinews articles, taken from the NewsReader MEANTIME corpus",
        "and rebuilt from its tokens by `scripts/make_samples.py`: one paragraph per article, because",
        "MEANTIME does not keep paragraph breaks, and quotation marks written as straight double quotes;",
        "otherwise the words and punctuation are the corpus'.",
        "Each file starts with `date YYYY-MM-DD` (the article's creation time in MEANTIME) and",
        "`title: ...`.",
        "",
        "Wikinews articles are licensed under the Creative Commons Attribution 2.5 licence",
        "(CC BY 2.5, https://creativecommons.org/licenses/by/2.5/); the authors are the Wikinews",
        "contributors of each article (see its history page at the URL below). The texts were changed",
        "only as described above.",
        "",
        "| file | title | date | original URL | licence |",
        "|---|---|---|---|---|",
    ]
    for sample in samples:
        lines.append(f"| `{sample.stem}.txt` | {sample.title} | {sample.date} | <{sample.url}> | CC BY 2.5 |")
    lines += [
        "",
        "## Corpus",
        "",
        "NewsReader MEANTIME corpus, English section (© 2015, Fondazione Bruno Kessler, VU University",
        "Amsterdam, Universidad Del Pais Vasco), distributed under CC BY 4.0",
        "(http://creativecommons.org/licenses/by/4.0/); http://www.newsreader-project.eu/results/data/wikinews/.",
        "Please cite:",
        "",
        f"> {CITATION}",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    shared = Path(os.environ.get("NEWSTRACE_SHARED", "../shared"))
    source = Path(argv[1]) if len(argv) > 1 else shared / "data" / "meantime"
    target = Path(argv[2]) if len(argv) > 2 else Path("src/newstrace/samples")
    files = sorted((source / "intra-doc_annotation").glob("corpus_*/*.xml"))
    if not files:
        raise InputError(Errors.E044.format(path=source, reason="no intra-doc_annotation/corpus_*/*.xml"))
    samples = [s for s in (read_article(f) for f in files) if s is not None]
    missing = sorted(set(CHOSEN) - {s.doc_id for s in samples})
    if missing:
        raise InputError(Errors.E044.format(path=source, reason=f"doc_id {', '.join(missing)} not found"))
    samples.sort(key=lambda s: s.stem)
    target.mkdir(parents=True, exist_ok=True)
    for sample in samples:
        (target / f"{sample.stem}.txt").write_text(sample.text(), encoding="utf-8")
    (target / "ATTRIBUTION.md").write_text(attribution(samples), encoding="utf-8")
    print(f"wrote {len(samples)} samples and ATTRIBUTION.md to {target}")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main(sys.argv))
    except InputError as exc:
        print(f"make_samples: {exc}", file=sys.stderr)
        raise SystemExit(1) from exc
