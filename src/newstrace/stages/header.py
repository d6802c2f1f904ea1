"""Wire header: leading metadata lines, the dateline, the agency and a byline.

Handles the common dateline forms of wire copy::

    SEOUL, October 24. /TASS/.          WASHINGTON, March 3 (Reuters) -
    PYONGYANG, October 24 (KCNA) --     LONDON (AP) —
    SALVADOR, Feb 26 -                  RICHMOND, Va., March 5 -

The body starts after the header; later stages parse only the body, so the dateline is never
mistaken for part of the first sentence.
"""

from __future__ import annotations

import re

from ..pipeline import Stage, register_stage
from ..record import Article, Dateline, Entity, Mention, Span
from ..resources import agency_name
from .times_util import MONTHS, resolve_month_day

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?)"
_PLACE_WORD = r"[A-Z][\w'’.&-]*"
_PLACE = rf"{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,4}}"
_REGION = rf",[ ](?!{_MONTH}\b){_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,2}}"
_AGENCY = r"(?:\((?P<agency>[A-Za-z][\w .&'-]{0,40}?)\)|\.?[ ]*/(?P<agency2>[A-Za-z][\w .&'-]{0,40}?)/\.?)"
_SEP = r"(?P<sep>--|-|—|–|:)"

DATELINE_RE = re.compile(
    rf"(?P<place>{_PLACE}(?:{_REGION})?)(?:,[ ]*(?P<date>{_DATE}))?\.?[ \t]*(?:{_AGENCY})?[ \t]*(?:{_SEP})?",
)

# Leading "key value" metadata: the seed starts with "date 2025-10-24".
META_DATE_RE = re.compile(r"(?i)(?:date|published|pubdate)\s*[:=]?\s*(?P<value>\d{4}-\d{2}-\d{2})(?:[T ][\d:.+Z-]+)?")
META_FIELD_RE = re.compile(r"(?i)(?P<key>title|headline|outlet|source|url|byline|author)\s*[:=]\s*(?P<value>[^\n]+)\n")
BYLINE_RE = re.compile(r"By[ ]+(?P<value>[A-Z][\w.'’-]+(?:[ ]+(?:[A-Z][\w.'’-]+|and|de|van|von)){0,5})[ \t]*\n")


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _normalize_place(raw: str) -> str:
    out = []
    for word in raw.split(" "):
        letters = [c for c in word if c.isalpha()]
        if letters and all(c.isupper() for c in letters) and len(letters) > 1:
            # Keep hyphenated and apostrophe parts capitalized: PORT-AU-PRINCE -> Port-Au-Prince
            out.append("-".join(part.capitalize() for part in word.split("-")))
        else:
            out.append(word)
    return " ".join(out)


def parse_dateline(text: str, pos: int, published: str | None) -> tuple[Dateline, str | None, int] | None:
    """Dateline at ``pos``: (dateline, agency or None, end of the header) or None."""
    match = DATELINE_RE.match(text, pos)
    if not match:
        return None
    place = match.group("place")
    date = match.group("date")
    agency = match.group("agency") or match.group("agency2")
    sep = match.group("sep")
    place_is_caps = place.split(",")[0].replace(" ", "").replace(".", "").replace("-", "").replace("'", "").isupper()
    if date is None and agency is None:
        return None
    if date is None and not (place_is_caps and sep):
        return None
    if agency is None and sep is None and not (date and text[match.end(): match.end() + 1] in {"\n", ""}):
        # "Mexico City, April 29 The..." without a separator is not a dateline.
        if not (date and place_is_caps):
            return None
    if not place_is_caps and date is None:
        return None
    span_end = match.start("date") + len(date) if date else match.start("place") + len(place)
    resolved = None
    if date:
        resolved = resolve_month_day(date, published)
    dateline = Dateline(Span.of(text, match.start(), span_end), _normalize_place(place), resolved)
    return dateline, agency.strip() if agency else None, match.end()


@register_stage
class HeaderStage(Stage):
    """Reads metadata lines and the dateline; assigns where the body starts."""

    name = "header.v1"
    requires = ("text",)
    assigns = ("published", "dateline", "agency", "byline", "body_start", "header")

    def __call__(self, article: Article) -> None:
        text = article.text
        pos = _skip_space(text, 0)
        while True:
            meta = META_DATE_RE.match(text, pos)
            if meta:
                if article.published is None:
                    article.published = meta.group("value")
                article.header.append(article.span(meta.start(), meta.end()))
                pos = _skip_space(text, meta.end())
                continue
            field_match = META_FIELD_RE.match(text, pos)
            if field_match:
                key, value = field_match.group("key").lower(), field_match.group("value").strip()
                if key in {"title", "headline"} and article.title is None:
                    article.title = value
                elif key in {"outlet", "source"} and article.outlet is None:
                    article.outlet = value
                elif key == "url" and article.url is None:
                    article.url = value
                elif key in {"byline", "author"}:
                    article.byline = value
                article.header.append(article.span(field_match.start(), field_match.end() - 1))
                pos = _skip_space(text, field_match.end())
                continue
            byline = BYLINE_RE.match(text, pos)
            if byline:
                article.byline = byline.group("value")
                article.header.append(article.span(byline.start(), byline.end() - 1))
                pos = _skip_space(text, byline.end())
                continue
            break
        found = parse_dateline(text, pos, article.published)
        if found:
            dateline, agency, end = found
            article.dateline = dateline
            if agency:
                article.agency = agency_name(agency)
                agency_start = text.find(agency, dateline.span.end, end)
                article.header.append(article.span(dateline.span.start, end))
                if agency_start >= 0:
                    article.entities.append(
                        Entity(
                            id="",
                            name=article.agency,
                            type="ORG",
                            mentions=[Mention(article.span(agency_start, agency_start + len(agency)), "agency")],
                            roles=["news agency"],
                        )
                    )
            else:
                article.header.append(article.span(dateline.span.start, end))
            pos = _skip_space(text, end)
        article.body_start = pos


__all__ = ["HeaderStage", "parse_dateline"]
