"""RSS/Atom feeds (feedparser) and XML sitemaps: lists of articles, each fetched or read in turn.

A feed entry with a link is fetched (under the same fetch policy as any URL) and its page
extracted; without a link, or with fetching off, the entry's own content is used. A sitemap's
pages are fetched one by one, and a sitemap index's sitemaps in turn (to a bounded depth).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urljoin

import feedparser
from lxml import etree

from ..errors import Errors, InputError
from ..record import Article
from .base import Failed, Item, ReadOptions, gunzip, normalize_date
from .html import extract
from .urls import is_url

# read_url(url, options, defaults, depth) -> items; passed in to avoid an import cycle with sources.
ReadUrl = Callable[[str, ReadOptions, dict[str, Any], int], Iterator[Item]]
MAX_SITEMAP_DEPTH = 3


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return normalize_date(entry.get("published") or entry.get("updated"))


def read_feed(data: bytes, *, source: str, options: ReadOptions, read_url: ReadUrl, depth: int = 0) -> Iterator[Item]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "it has no entries")
        if parsed.get("bozo") or not parsed.get("version"):
            yield Failed(source, "read", Errors.E061.format(source=source, reason=reason))
        return
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        if link and is_url(source):
            link = urljoin(source, link)
        defaults = {"title": entry.get("title"), "published": _entry_date(entry), "outlet": outlet}
        if link and is_url(link) and options.fetch_links:
            yield from read_url(link, options, defaults, depth + 1)
            continue
        locator = f"{source}#{entry.get('id') or link or f'entry{number}'}"
        content = entry.get("content")
        html = content[0].get("value") if content else entry.get("summary")
        if not html:
            yield Failed(locator, "read", Errors.E057.format(source=locator))
            continue
        try:
            article = extract(html, source=locator, url=link, max_seconds=options.max_seconds)
        except InputError as exc:
            yield Failed(locator, "extract", str(exc))
            continue
        yield fill(article, defaults)


def fill(article: Article, defaults: dict[str, Any]) -> Article:
    """Metadata the page lacks, taken from where it was listed (the feed entry)."""
    article.title = article.title or defaults.get("title")
    article.published = article.published or defaults.get("published")
    article.outlet = article.outlet or defaults.get("outlet")
    return article


def _parser() -> etree.XMLParser:
    # No entities, no network, no huge trees: a sitemap is untrusted input.
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)


def sitemap_locations(data: bytes, *, source: str, max_bytes: int = 5_000_000) -> tuple[str, list[str]]:
    """('urlset' | 'sitemapindex', the <loc> URLs in order); a gzipped sitemap expands to ``max_bytes`` at most."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, source, max_bytes)
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(Errors.E062.format(source=source, reason=exc)) from exc
    kind = etree.QName(root).localname
    if kind not in {"urlset", "sitemapindex"}:
        raise InputError(Errors.E062.format(source=source, reason=f"the root element is <{kind}>"))
    locations = [
        (el.text or "").strip() for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname == "loc"
    ]
    return kind, [urljoin(source, loc) if is_url(source) else loc for loc in locations if loc]


def read_sitemap(
    data: bytes, *, source: str, options: ReadOptions, read_url: ReadUrl, depth: int = 0
) -> Iterator[Item]:
    try:
        kind, locations = sitemap_locations(data, source=source, max_bytes=options.max_bytes)
    except InputError as exc:
        yield Failed(source, "read", str(exc))
        return
    if kind == "sitemapindex" and depth >= MAX_SITEMAP_DEPTH:
        yield Failed(source, "read", Errors.E062.format(source=source, reason="sitemap indexes nested too deep"))
        return
    for location in locations:
        if not is_url(location):
            yield Failed(location, "read", Errors.E050.format(url=location, reason="a sitemap lists only URLs"))
            continue
        yield from read_url(location, options, {}, depth + 1)
