"""Time expressions, resolved against the article's date.

Candidates are the parser's DATE and TIME entities, ISO dates and the header's date. A
preceding "since"/"until" is kept in the span because it changes what the expression means
("since 2024" is a start, its value the year 2024, not 2024-10-24).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..record import Article, TimeExpression, timex_type
from ..stage import ENGLISH, Stage
from ._lib.times import (
    HOLIDAYS,
    can_anchor,
    duration_value,
    frequency_value,
    is_comparison,
    normalize_expression,
    parse_iso,
    resolve,
    resolve_anaphoric,
    timex_mod,
)
from ._lib.tokens import token_span

BOUNDARY_PREPS = {"since": "start", "until": "end", "till": "end", "through": "end"}
ISO_DATE_RE = re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])")


FUTURE_AUXILIARIES = {"will", "shall", "'ll", "wo", "going"}
# Modal verbs put an expression ahead of the report: "could come as early as Tuesday".
MODALS = {"could", "might", "may", "can", "should", "would", "must"}
# An infinitive under these verbs points ahead ("plans to meet Monday"); under others it takes the
# time of the verb it depends on ("staged celebrations to mark the entry on Friday" is past).
PLANNING_VERBS = {
    "plan", "expect", "intend", "hope", "want", "aim", "schedule", "set", "prepare", "agree", "decide", "vow",
    "promise", "threaten", "pledge", "seek", "try", "propose", "order", "ask", "urge", "call", "wish", "need",
}  # fmt: skip
# Words that date something ahead of the report: "payable Dec. 7", "due Tuesday".
DUE_WORDS = {"payable", "due"}
# In the present passive they schedule: "is scheduled for Dec. 10", "are set for Tuesday".
SCHEDULING_VERBS = {"schedule", "set", "slate", "expect", "plan"}


def _direction(token: Any, depth: int = 0) -> str | None:
    """'future' or 'past' from the verb an expression belongs to, or None when it says neither.

    "will meet on Monday", "is to meet Monday", "could come Tuesday", "the talks begin Monday" point
    ahead; "met Monday", "has said" back; an infinitive, active or passive ("to be completed by
    Dec. 15"), follows the verb it depends on. "payable Dec. 7", "due Tuesday" and the present passive
    of a scheduling verb ("is scheduled for Dec. 10") point ahead. A possessive ("Wednesday's
    ruling") names something that has happened. The weekday and month resolution
    follows it (wire copy's default is the past).
    """
    if depth == 0 and any(child.tag_ == "POS" for child in token.children):
        return "past"
    verb = token
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        if verb.lemma_.lower() in DUE_WORDS:
            return "future"  # "payable Dec. 7", "due Tuesday"
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ in {"aux", "auxpass"}}
    if auxiliaries & FUTURE_AUXILIARIES or auxiliaries & MODALS:
        return "future"
    if verb.lemma_ in SCHEDULING_VERBS and auxiliaries & {"is", "are", "am"}:
        return "future"  # "is scheduled for completion by Dec. 10", "are set for Tuesday"
    if "to" in auxiliaries and verb.tag_ in {"VB", "VBN"}:  # "to meet", "to be completed"
        governor = verb.head
        if governor.i == verb.i or depth >= 3:
            return "future"
        if governor.lemma_ == "be" or governor.lemma_ in PLANNING_VERBS:
            return "future"
        return _direction(governor, depth + 1)
    if verb.tag_ in {"VBD", "VBN"} or auxiliaries & {"did", "has", "have", "had", "was", "were"}:
        return "past"
    if verb.tag_ in {"VBZ", "VBP"} or (verb.tag_ == "VBG" and auxiliaries & {"is", "are", "am"}):
        return "future"  # "the talks begin Monday", "is meeting Tuesday": scheduled
    return None


def _lines_of(ent: Any, body: str) -> list[Any]:
    """An entity cut at the line breaks of the text as read (the parser may read a wrapped line's
    break as a space): a title's "56" and the date line's "October 6, 2011" are two things."""
    pieces, start = [], ent.start
    for token in ent[:-1]:
        if token.is_space:
            if "\n" in token.text:
                pieces.append(ent.doc[start : token.i])
                start = token.i + 1
        elif "\n" in body[token.idx + len(token.text) : token.nbor().idx]:
            pieces.append(ent.doc[start : token.i + 1])
            start = token.i + 1
    if start == ent.start:
        return [ent]
    pieces.append(ent.doc[start : ent.end])
    return [p for p in pieces if len(p) and not all(t.is_space for t in p)]


def _joined(doc: Any, body: str) -> list[Any]:
    """The parser's DATE and TIME entities, each cut at line breaks, neighbours joined: "Tuesday" +
    "morning" is one time."""
    found: list[Any] = []
    timed = (piece for ent in doc.ents if ent.label_ in {"DATE", "TIME"} for piece in _lines_of(ent, body))
    for ent in timed:
        if found and found[-1].end == ent.start and "\n" not in body[doc[ent.start - 1].idx : ent[0].idx]:
            found[-1] = doc[found[-1].start : ent.end]
        else:
            found.append(ent)
    return found


# Time words the parser does not tag as DATE or TIME: references to the present, past and future
# and regular recurrences ("daily"), which TimeML annotates (TimeBank: "now" 44 of 60 times).
REFERENCE_WORDS = {"now", "currently", "nowadays", "recently", "daily", "weekly", "monthly", "annually", "yearly"}
REFERENCE_PHRASES = (("the", "future"), ("the", "past"), ("every", "day"), ("every", "week"), ("every", "year"))


# Named holidays, capitalized as names ("Thanksgiving Day", "last Christmas"): the parser tags some.
HOLIDAY_TEXT_RE = re.compile(
    r"\b(?:(?:last|next|this)\s+)?(?P<name>"
    + "|".join(re.escape(name) for name in sorted(HOLIDAYS, key=len, reverse=True))
    + r")\b(?:,?\s+\d{4}\b)?",
    re.IGNORECASE,
)


def _holidays(doc: Any, covered: set[int]) -> list[Any]:
    """Holiday names outside the parser's entities; a name must be capitalized ("easter" is not one)."""
    found: list[Any] = []
    for match in HOLIDAY_TEXT_RE.finditer(doc.text):
        name = match.group("name")
        first = name[4] if name.lower().startswith("the ") else name[0]
        if not first.isupper():
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
        if span is not None and len(span) and not any(i in covered for i in range(span.start, span.end)):
            found.append(span)
    return found


def _lexical(doc: Any, taken: list[Any]) -> list[Any]:
    """Spans for the time words above and named holidays that lie outside the parser's entities."""
    covered = {i for ent in taken for i in range(ent.start, ent.end)}
    found: list[Any] = _holidays(doc, covered)
    covered |= {i for span in found for i in range(span.start, span.end)}
    for token in doc:
        if token.i in covered:
            continue
        lower = token.lower_
        if lower in REFERENCE_WORDS:
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            # "now that" is a conjunction, "daily" in "daily life" an adjective of manner
            if lower == "now" and following is not None and following.lower_ == "that":
                continue
            found.append(doc[token.i : token.i + 1])
        elif token.i + 1 < len(doc) and token.i + 1 not in covered:
            pair = (lower, doc[token.i + 1].lower_)
            if pair in REFERENCE_PHRASES and (pair[0] != "the" or (token.i > 0 and doc[token.i - 1].lower_ == "in")):
                found.append(doc[token.i : token.i + 2])
    return found


COUNTED_SHIFT_RE = re.compile(r"^(?P<amount>.+\S)\s+(?:later|earlier|after|before)$", re.I)
# Ages are not times: "a 6-year-old", "52 years old", "Smith, 52,": the parser tags them DATE.
AGE_RE = re.compile(r"^[\w-]+?[\s-](?:years?|months?|weeks?|days?)[\s-]olds?$", re.I)


def _is_age(ent: Any) -> bool:
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return bool(AGE_RE.match(ent.text.strip())) or (following is not None and following.lower_ in {"old", "-old"})


# Any date will do to ask whether an expression could ever get a value.
_SOME_DAY = date(2000, 6, 15)


def _is_not_a_time(ent: Any, words: str) -> bool:
    """Whether an expression that got no value is no time at all: a bare number that is not a year
    ("Smith, 52,", "the 80486"), or words that would get no value whatever the article's date or
    the time before them ("third consecutive month", "a weekend", "Olympic"). Such words stay out of
    the record, as TimeBank leaves them out; "today" in an undated article or "that day" with no day
    before it stay, unresolved."""
    if ent.text.strip().isdigit():
        return True
    if resolve(words, _SOME_DAY)[0] is not None:
        return False
    return all(
        resolve_anaphoric(text, reference) in (None, (None, "unresolved"))
        for text in (words, ent.text)
        for reference in (_SOME_DAY.isoformat(), "2000-Q2")
    )


QUOTE_MARKS = {'"', "``", "''", "“", "‘", "'"}


def _is_a_name(ent: Any) -> bool:
    """A title in quotes that reads like a time: CBS's "60 Minutes", ABC's "This Week"."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    words = [t for t in ent if t.is_alpha]
    return (
        before is not None
        and before.text in QUOTE_MARKS
        and len(ent) > 1
        and bool(words)
        and all(t.text[0].isupper() for t in words)
    )


FREQUENCY_WORDS = {"hourly", "daily", "nightly", "weekly", "monthly", "quarterly", "annual", "annually", "yearly"}


def _is_a_newspaper(ent: Any) -> bool:
    """'The Communist Party daily Granma': a newspaper, not a time (the parser reads it as a noun)."""
    return len(ent) == 1 and ent[0].lower_ in FREQUENCY_WORDS and ent[0].pos_ in {"NOUN", "PROPN"}


RANGE_WORDS = {"to", "through", "and", "until", "till", "-", "–"}


def _range_ends(ent: Any, anchor: Any) -> list[Any]:
    """A range the parser tagged as one expression is two, as TimeML marks it ("Sept. 14 to
    Thursday", "between now and Feb. 10"); only where each side is a time of its own: "April 24 and
    25" and "two to three weeks" stay whole."""
    cuts = [t.i for t in ent[1:-1] if t.lower_ in RANGE_WORDS]
    if not cuts:
        return [ent]
    doc, pieces, start = ent.doc, [], ent.start
    for cut in [*cuts, ent.end]:
        piece = doc[start:cut]
        while len(piece) and piece[0].lower_ in {"between", "from"}:
            piece = doc[piece.start + 1 : piece.end]
        if not len(piece):
            return [ent]
        pieces.append(piece)
        start = cut + 1
    for piece in pieces:
        value, resolution = resolve(piece.text, anchor)
        if value is None or resolution == "duration":
            return [ent]
    return pieces


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
        reference: str | None = anchor.isoformat() if anchor else None  # the article date, then the last time mentioned
        entities = _joined(doc, article.text[article.body_start :])
        candidates = [piece for ent in entities for piece in _range_ends(ent, anchor)] + _lexical(doc, entities)
        for ent in sorted(candidates, key=lambda e: e.start):
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
            words = token_span(article, first, last).text
            whole = token_span(article, ent[0], last).text  # "the day" keeps its article here
            anchored = resolve_anaphoric(words, reference) or resolve_anaphoric(whole, reference)
            value, resolution = anchored if anchored is not None else resolve(words, anchor, direction)
            if value is None and (counted := COUNTED_SHIFT_RE.match(words)):
                # "a few days later", "just over an hour later" with nothing to count from: how long
                # (TimeML marks the duration)
                duration = duration_value(normalize_expression(counted["amount"]))
                value, resolution = (duration, "duration") if duration else (value, resolution)
            if _is_age(ent) or _is_a_name(ent) or _is_a_newspaper(ent):
                continue
            if value is None and resolution != "set" and _is_not_a_time(ent, words):
                continue
            if can_anchor(value, resolution) and not is_comparison(words):
                reference = value
            frequency = frequency_value(words) if resolution == "set" else None
            mod = timex_mod(words, point=timex_type(value, resolution) in {"DATE", "TIME"})
            found.append(TimeExpression(span, value, resolution, role, mod, frequency))
        for match in ISO_DATE_RE.finditer(article.text, article.body_start):
            if not any(t.span.start <= match.start() < t.span.end for t in found):
                span = article.span(match.start(), match.end())
                found.append(TimeExpression(span, span.text, "day"))
        found.sort(key=lambda t: t.span.start)
        article.times = found
