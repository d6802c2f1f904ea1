"""What every reader yields: an Article ready for analysis, a failure, or a skip."""

from __future__ import annotations

import email.utils
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..record import Article
from .urls import FetchPolicy


@dataclass(frozen=True)
class Failed:
    """A document that could not be read; ``source`` is its locator (``path``, ``url`` or ``container#item``)."""

    source: str
    stage: str
    error: str
    payload: dict[str, Any] | None = None


@dataclass(frozen=True)
class Skipped:
    """A document not read at all because the store already has it (a URL ingested before)."""

    source: str


Item = Article | Failed | Skipped


@dataclass
class ReadOptions:
    """How readers read: field names in JSON Lines, limits, and the fetch policy for URLs."""

    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    max_bytes: int = 5_000_000
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    fetch_links: bool = True
    # Asked before fetching a URL: True means it is stored already, so it is not fetched again.
    skip_url: Callable[[str], bool] | None = None


def input_payload(article: Article) -> dict[str, Any]:
    """The document as read (before analysis), stored with a failure so retry needs no re-reading."""
    return {
        "text": article.text,
        "source": article.source,
        "published": article.published,
        "outlet": article.outlet,
        "url": article.url,
        "title": article.title,
        "byline": article.byline,
    }


def article_from_payload(payload: dict[str, Any]) -> Article:
    return Article(
        text=payload["text"],
        source=payload.get("source"),
        published=payload.get("published"),
        outlet=payload.get("outlet"),
        url=payload.get("url"),
        title=payload.get("title"),
        byline=payload.get("byline"),
    )


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_FORMATS = ("%d-%b-%Y %H:%M:%S.%f", "%d-%b-%Y %H:%M:%S", "%d-%b-%Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d", "%d %B %Y")


def normalize_date(raw: Any) -> str | None:
    """A publication date as YYYY-MM-DD (what the pipeline resolves relative times against), or None.

    Accepts ISO dates and datetimes, RFC 2822 (feeds), and the common wire formats
    ('26-FEB-1987 15:01:01.79', 'March 3, 2019').
    """
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    match = _ISO_DATE.match(text)
    if match:
        try:
            return datetime(int(match.group(1)), int(match.group(2)), int(match.group(3))).date().isoformat()
        except ValueError:
            return None
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
