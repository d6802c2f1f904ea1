"""The HTTP API (``/api/...``): JSON over the store's query methods and the library's analysis.

Lists answer ``{"items": [...], "next": CURSOR | null}``: pass ``cursor=NEXT`` for the next page
(an opaque token; the order is the store's: newest first). Errors answer
``{"error": {"code": "E068", "message": "..."}}`` with a matching status. Dates are ``YYYY-MM-DD``.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query, Request
from pydantic import BaseModel, Field

from ..corpus.stories import compare_story
from ..errors import Errors, InputError
from ..record import Article
from ..run import analyze_corpus
from ..sources import Failed
from ..sources.urls import FetchPolicy
from ..store import open_store
from .common import ServerConfig, authorized, decode_cursor, encode_cursor

router = APIRouter(prefix="/api", tags=["api"])
# The analysis pipeline is loaded once and shared; one analysis at a time keeps it safe and bounded.
_ANALYZE_LOCK = threading.Lock()
MAX_TEXT = 1_000_000  # characters a posted text may have

Limit = Annotated[int, Query(ge=1, le=500, description="rows per page (1-500)")]
Cursor = Annotated[str | None, Query(description="the 'next' value of the previous page")]
Since = Annotated[date | None, Query(description="published on or after (YYYY-MM-DD)")]
Until = Annotated[date | None, Query(description="published on or before (YYYY-MM-DD)")]


def _config(request: Request) -> ServerConfig:
    config: ServerConfig = request.app.state.config
    return config


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _page(items: list[Any], offset: int, limit: int) -> dict[str, Any]:
    """One page; the store was asked for limit + 1 rows, so a next page exists when it gave them."""
    more = len(items) > limit
    return {
        "items": [i.to_dict() for i in items[:limit]],
        "next": encode_cursor(offset + limit) if more else None,
    }


class AnalyzeRequest(BaseModel):
    """A document to analyze: its text, or a URL to fetch (through the address guard)."""

    text: str | None = Field(None, max_length=MAX_TEXT, description="the article's text")
    url: str | None = Field(None, max_length=2000, description="fetch and extract this page instead")
    title: str | None = Field(None, max_length=2000)
    published: date | None = Field(None, description="the article's date, anchors relative times")
    outlet: str | None = Field(None, max_length=200)
    store: bool = Field(False, description="also store the record (needs serve --allow-write)")


def analyze_request(config: ServerConfig, request: AnalyzeRequest) -> Article:
    """The record of a posted text or URL, analyzed in this process; never stored here."""
    if not (request.text or request.url):
        raise InputError(Errors.E111.format(problems="give 'text' or 'url'"))
    source: Any
    if request.url and not request.text:
        source = request.url
    else:
        source = Article(
            text=request.text or "",
            title=request.title,
            published=_iso(request.published),
            outlet=request.outlet,
            url=request.url,
        )
    policy = FetchPolicy(allow_private=config.allow_private_fetch, timeout=20.0)
    with _ANALYZE_LOCK:
        results = list(
            analyze_corpus(
                source,
                workers=1,
                fetch=policy,
                on_error="record",
                published=_iso(request.published),
                outlet=request.outlet,
            )
        )
    for item in results:
        if isinstance(item, Failed):
            raise InputError(item.error)
        if isinstance(item, Article):
            if request.title and not item.title:
                item.title = request.title
            return item
    raise InputError(Errors.E111.format(problems="the document gave no text to analyze"))


@router.post("/analyze", summary="Analyze a text or a URL; the record (stored only when asked and allowed)")
def analyze(request: Request, body: Annotated[AnalyzeRequest, Body()]) -> dict[str, Any]:
    config = _config(request)
    if body.store:
        authorized(config, request)
    article = analyze_request(config, body)
    record = article.to_dict()
    if body.store:
        with open_store(config.db) as store:
            record["stored"] = store.save(article)
            record["key"] = store.key_of(article)
    return record


@router.get("/articles", summary="Stored articles, newest first; full-text search over title and text")
def articles(
    request: Request,
    search: Annotated[str | None, Query(max_length=500, description="words in the title or text")] = None,
    outlet: str | None = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    offset = decode_cursor(cursor)
    rows = (
        _config(request)
        .store()
        .articles(search=search, outlet=outlet, since=_iso(since), until=_iso(until), limit=limit + 1, offset=offset)
    )
    return _page(rows, offset, limit)


@router.get("/articles/{ref}", summary="One stored record, by its id, store key or a unique prefix")
def article(request: Request, ref: str) -> dict[str, Any]:
    return _config(request).store().records(ref)[0]


PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@router.get("/quotes", summary="Who said what: attributions by speaker identity, outlet, relay, time, text")
def quotes(
    request: Request,
    speaker: Annotated[str | None, Query(description="any name or alias of the speaker")] = None,
    outlet: str | None = None,
    via: Annotated[str | None, Query(description="relayed through this agency or paper (not the publisher)")] = None,
    since: Since = None,
    until: Until = None,
    search: Annotated[str | None, Query(max_length=500, description="words in the quote or its speaker")] = None,
    kind: Literal["direct", "indirect", "speech_act", "belief"] | None = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    said_since: Annotated[
        str | None, Query(pattern=PARTIAL_DATE, description="said on or after (YYYY, YYYY-MM or YYYY-MM-DD)")
    ] = None,
    said_until: Annotated[str | None, Query(pattern=PARTIAL_DATE, description="said on or before")] = None,
    cluster: Annotated[str | None, Query(description="only this quote cluster's carriers")] = None,
    shared: Annotated[bool, Query(description="only statements carried by two outlets or more")] = False,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    offset = decode_cursor(cursor)
    rows = (
        _config(request)
        .store()
        .quotes(
            speaker=speaker,
            outlet=outlet,
            via=via,
            since=_iso(since),
            until=_iso(until),
            search=search,
            kind=kind,
            min_confidence=min_confidence,
            said_since=said_since,
            said_until=said_until,
            cluster=cluster,
            shared=shared,
            limit=limit + 1,
            offset=offset,
        )
    )
    return _page(rows, offset, limit)


@router.get("/speakers", summary="Who is quoted most (one row per corpus identity), by outlet and relay")
def speakers(request: Request, outlet: str | None = None, limit: Limit = 50) -> dict[str, Any]:
    rows = _config(request).store().speakers(outlet=outlet, limit=limit)
    return {"items": [r.to_dict() for r in rows], "next": None}


@router.get("/identities", summary="Corpus identities: each person or organization with its names")
def identities(request: Request, name: str | None = None, type: str | None = None, limit: Limit = 50) -> dict[str, Any]:
    rows = _config(request).store().identities(name=name, type=type, limit=limit)
    return {"items": [r.to_dict() for r in rows], "next": None}


@router.get("/entities", summary="Entities across articles, most widespread first")
def entities(request: Request, type: str | None = None, limit: Limit = 50) -> dict[str, Any]:
    rows = _config(request).store().entities(type=type, limit=limit)
    return {"items": [r.to_dict() for r in rows], "next": None}


@router.get("/outlets", summary="Outlets: articles, attributions, speakers, own voice and persuasion by voice")
def outlets(request: Request) -> dict[str, Any]:
    store = _config(request).store()
    voices = {v.outlet: v.to_dict() for v in store.outlet_voices()}
    items = [{**o.to_dict(), "voice": voices.get(o.outlet)} for o in store.outlets()]
    return {"items": items, "next": None}


@router.get("/persuasion", summary="Persuasion spans counted by outlet, voice, technique and month")
def persuasion(
    request: Request,
    by: Annotated[str, Query(description="comma-separated: outlet, voice, technique, month")] = "outlet,voice",
    outlet: str | None = None,
    voice: Literal["outlet", "attributed"] | None = None,
    technique: str | None = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 100,
) -> dict[str, Any]:
    groups = tuple(part.strip() for part in by.split(",") if part.strip())
    rows = (
        _config(request)
        .store()
        .persuasion(
            by=groups,
            outlet=outlet,
            voice=voice,
            technique=technique,
            since=_iso(since),
            until=_iso(until),
            limit=limit,
        )
    )
    return {"items": [r.to_dict() for r in rows], "next": None}


@router.get("/stories", summary="Stories: articles grouped by the event they report, newest first")
def stories(
    request: Request,
    outlet: str | None = None,
    since: Since = None,
    until: Until = None,
    min_articles: Annotated[int, Query(ge=1)] = 2,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    offset = decode_cursor(cursor)
    rows = (
        _config(request)
        .store()
        .stories(
            outlet=outlet,
            since=_iso(since),
            until=_iso(until),
            min_articles=min_articles,
            limit=limit + 1,
            offset=offset,
        )
    )
    return _page(rows, offset, limit)


@router.get("/stories/{story_id}", summary="One story, each outlet's coverage side by side")
def story(request: Request, story_id: str) -> dict[str, Any]:
    summary, coverage = compare_story(_config(request).store(), story_id)
    return {**summary.to_dict(), "coverage": [c.to_dict() for c in coverage]}


@router.get("/quote-clusters", summary="Statements followed across articles, most outlets first")
def quote_clusters(
    request: Request,
    shared: Annotated[bool, Query(description="only those carried by two outlets or more")] = True,
    limit: Limit = 50,
) -> dict[str, Any]:
    rows = _config(request).store().quote_clusters(shared=shared, limit=limit)
    return {"items": [r.to_dict() for r in rows], "next": None}


@router.get("/quote-clusters/{cluster_id}", summary="One statement and every article that carries it")
def quote_cluster(request: Request, cluster_id: str) -> dict[str, Any]:
    found = _config(request).store().quote_clusters(ids=[cluster_id], shared=False, limit=1)
    if not found:
        from ..errors import StoreError

        raise StoreError(Errors.E068.format(ref=cluster_id))
    return found[0].to_dict()


@router.get("/relays", summary="The relay graph: who passes statements to whom (edges), or whole chains")
def relays(
    request: Request,
    outlet: str | None = None,
    speaker: str | None = None,
    since: Since = None,
    until: Until = None,
    chains: Annotated[bool, Query(description="whole chains instead of edges")] = False,
    limit: Limit = 200,
) -> dict[str, Any]:
    store = _config(request).store()
    rows: list[Any]
    if chains:
        rows = store.relay_chains(outlet=outlet, speaker=speaker, since=_iso(since), until=_iso(until), limit=limit)
    else:
        rows = store.relay_edges(outlet=outlet, speaker=speaker, since=_iso(since), until=_iso(until), limit=limit)
    return {"items": [r.to_dict() for r in rows], "next": None}
