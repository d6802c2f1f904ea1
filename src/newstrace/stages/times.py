"""Time expressions, resolved against the article's date.

Candidates are the parser's DATE and TIME entities, ISO dates and the header's date. A
preceding "since"/"until" is kept in the span because it changes what the expression means
("since 2024" is a start, its value the year 2024, not 2024-10-24).
"""

from __future__ import annotations

import re
from typing import Any

from ..record import Article, TimeExpression
from ..stage import ENGLISH, Stage
from ._lib.times import parse_iso, resolve
from ._lib.tokens import token_span

BOUNDARY_PREPS = {"since": "start", "until": "end", "till": "end", "through": "end"}
ISO_DATE_RE = re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])")


FUTURE_AUXILIARIES = {"will", "shall", "'ll", "wo", "going"}


def _direction(token: Any) -> str | None:
    """'future' or 'past' from the verb an expression belongs to, or None when it says neither.

    "will meet on Monday", "is to meet Monday", "the talks begin Monday" point ahead; "met
    Monday", "has said" back. The weekday and month resolution follows it (wire copy's default
    is the past).
    """
    verb = token
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ in {"aux", "auxpass"}}
    if auxiliaries & FUTURE_AUXILIARIES or (verb.tag_ == "VB" and "to" in auxiliaries):
        return "future"
    if verb.tag_ in {"VBD", "VBN"} or auxiliaries & {"did", "has", "have", "had", "was", "were"}:
        return "past"
    if verb.tag_ in {"VBZ", "VBP"} or (verb.tag_ == "VBG" and auxiliaries & {"is", "are", "am"}):
        return "future"  # "the talks begin Monday", "is meeting Tuesday": scheduled
    return None


def _joined(doc: Any) -> list[Any]:
    """The parser's DATE and TIME entities, neighbours joined: "Tuesday" + "morning" is one time."""
    found: list[Any] = []
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        if found and found[-1].end == ent.start:
            found[-1] = doc[found[-1].start : ent.end]
        else:
            found.append(ent)
    return found


class TimeStage(Stage):
    name = "times.v1"
    requires = ("text", "body_start", "doc", "published", "dateline", "header")
    assigns = ("times",)
    languages = ENGLISH

    def __call__(self, article: Article) -> None:
        anchor = parse_iso(article.published) or parse_iso(article.dateline.date if article.dateline else None)
        found: list[TimeExpression] = []
        for header in article.header:
            for match in ISO_DATE_RE.finditer(header.text):
                span = article.span(header.start + match.start(), header.start + match.end())
                found.append(TimeExpression(span, span.text, "day", "published"))
        if article.dateline and article.dateline.date and article.dateline.date_span:
            found.append(TimeExpression(article.dateline.date_span, article.dateline.date, "day", "dateline"))
        doc = article.doc
        for ent in _joined(doc):
            first, last = ent[0], ent[-1]
            if first.lower_ in {"the"} and len(ent) > 1 and not last.text.endswith("s"):
                first = ent[1]
            role = "mention"
            previous = doc[first.i - 1] if first.i > 0 else None
            if previous is not None and previous.lower_ in BOUNDARY_PREPS:
                role = BOUNDARY_PREPS[previous.lower_]
                span_first = previous
            else:
                span_first = first
            span = token_span(article, span_first, last)
            # what something has lasted "since" lies behind; otherwise the verb's tense says
            direction = "past" if role == "start" else _direction(ent.root)
            value, resolution = resolve(token_span(article, first, last).text, anchor, direction)
            found.append(TimeExpression(span, value, resolution, role))
        for match in ISO_DATE_RE.finditer(article.text, article.body_start):
            if not any(t.span.start <= match.start() < t.span.end for t in found):
                span = article.span(match.start(), match.end())
                found.append(TimeExpression(span, span.text, "day"))
        found.sort(key=lambda t: t.span.start)
        article.times = found
