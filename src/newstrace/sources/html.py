"""HTML pages: the main text with trafilatura, title/date/author/site from the page's metadata."""

from __future__ import annotations

from urllib.parse import urlsplit

import trafilatura

from ..errors import Errors, InputError
from ..record import Article
from .base import normalize_date


def extract_text(html: bytes | str, *, url: str | None = None) -> str:
    """Only the article body; the extraction ``newstrace eval html`` scores."""
    return (extract(html, source=url or "<html>", url=url)).text


def extract(html: bytes | str, *, source: str, url: str | None = None) -> Article:
    """An Article from a page, ready for analysis; InputError (E057) when the page has no main text.

    ``favor_precision`` and no comments: on the article-extraction benchmark this scores best
    (see docs/corpus.md), and stray comments would be analyzed as if the outlet wrote them.
    """
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        as_dict=False,
    )
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
