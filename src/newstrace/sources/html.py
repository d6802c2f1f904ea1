"""HTML pages: the main text with trafilatura, title/date/author/site from the page's metadata."""

from __future__ import annotations

import re
from typing import AnyStr
from urllib.parse import urlsplit

import trafilatura

from ..errors import Errors, InputError
from ..limits import Overtime, time_limit
from ..record import Article
from .base import normalize_date


def extract_text(html: bytes | str, *, url: str | None = None) -> str:
    """Only the article body; the extraction ``newstrace eval html`` scores."""
    return (extract(html, source=url or "<html>", url=url)).text


# A tag this long is looked at; one with more attributes than this keeps only the first ones.
# Real pages stay far below (a tag of a few dozen attributes); a tag of 200,000 attributes made
# lxml and justext quadratic (over 300 s for 2.3 MB), so the cap keeps extraction linear in size.
_LONG_TAG = r"<[A-Za-z][^<>]{2048,}>"
# one token at a time, each consumed once (linear even in a tag of a million spaces or quotes)
_TOKEN = r"""\s+|"[^"]*"?|'[^']*'?|[^\s"']+"""
_LONG_TAG_BYTES, _LONG_TAG_TEXT = re.compile(_LONG_TAG.encode()), re.compile(_LONG_TAG)
_TOKEN_BYTES, _TOKEN_TEXT = re.compile(_TOKEN.encode()), re.compile(_TOKEN)
MAX_ATTRIBUTES = 256


def tame(html: bytes | str) -> bytes | str:
    """``html`` with every tag cut to its first :data:`MAX_ATTRIBUTES` attributes (bytes or str alike)."""
    if isinstance(html, bytes):
        return _LONG_TAG_BYTES.sub(lambda match: _cut(match.group(), _TOKEN_BYTES), html)
    return _LONG_TAG_TEXT.sub(lambda match: _cut(match.group(), _TOKEN_TEXT), html)


def _cut(tag: AnyStr, token: re.Pattern[AnyStr]) -> AnyStr:
    """The tag up to the space before its attribute number MAX_ATTRIBUTES + 1 (a space outside quotes)."""
    spaces = 0
    for found in token.finditer(tag, 1, len(tag) - 1):
        if found.group()[:1].isspace():
            spaces += 1
            if spaces > MAX_ATTRIBUTES:
                return tag[: found.start()] + tag[-1:]
    return tag


def extract(html: bytes | str, *, source: str, url: str | None = None, max_seconds: float = 0.0) -> Article:
    """An Article from a page, ready for analysis; InputError (E057) when the page has no main text.

    ``favor_precision`` and no comments: on the article-extraction benchmark this scores best
    (see docs/corpus.md), and stray comments would be analyzed as if the outlet wrote them.
    ``max_seconds`` bounds the extraction (E121 past it; 0: no limit): a table row of 200,000 cells
    costs trafilatura minutes.
    """
    try:
        with time_limit(max_seconds):
            document = trafilatura.bare_extraction(
                tame(html),
                url=url,
                with_metadata=True,
                favor_precision=True,
                include_comments=False,
                include_tables=True,
                as_dict=False,
            )
    except Overtime as exc:
        raise InputError(Errors.E121.format(source=source, seconds=max_seconds, step="HTML extraction")) from exc
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(Errors.E057.format(source=source))
    outlet = getattr(document, "sitename", None) or _hostname(url)
    return Article(
        text=text,
        source=source,
        url=url or getattr(document, "url", None),
        title=getattr(document, "title", None),
        published=normalize_date(getattr(document, "date", None)),
        outlet=outlet,
        byline=getattr(document, "author", None),
    )


def _hostname(url: str | None) -> str | None:
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:  # a malformed URL names no outlet
        return None
