"""The HTML pages: server-rendered (they read without JavaScript), every value escaped by Jinja2."""

from __future__ import annotations

import re
from collections import OrderedDict
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from ..corpus.stories import compare_story
from ..errors import NewstraceError
from ..record import Article
from ..store import Quote
from ..store.search import parse_search
from .api import AnalyzeRequest, analyze_request
from .common import ServerConfig
from .render import attribution_views, bar_chart, pieces, quoted_counts, relay_layout

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("newstrace.web") / "templates"))


def highlight(text: str | None, query: str | None) -> Markup:
    """``text`` escaped, with the words ``query`` searches for marked (not those it excludes)."""
    if not text:
        return Markup("")
    try:
        search = parse_search(query or "")
    except NewstraceError:
        search = None
    found = {word for group in search.groups for phrase in group for word in phrase.words} if search else set()
    words = [re.escape(w) for w in sorted(found, key=len, reverse=True) if len(w) > 1]
    if not words:
        return escape(text)
    pattern = re.compile(r"\b(" + "|".join(words) + r")\b", re.IGNORECASE)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(str(escape(text[last : match.start()])))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


templates.env.filters["highlight"] = highlight
templates.env.filters["q"] = lambda value: quote(str(value or ""), safe="")
templates.env.filters["chain"] = lambda names: " → ".join(names)


def _config(request: Request) -> ServerConfig:
    config: ServerConfig = request.app.state.config
    return config


def _render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status)


def error_page(request: Request, status: int, message: str) -> Response:
    return _render(request, "error.html", status=status, message=message, title="Error")


_AGENCY_MARK = re.compile(r"^[\s.,:;–—-]*(?:[/(]\s*[A-Za-z][\w .&-]{0,40}[/)])?[\s.,:;–—-]*")


def untitled(article: Article) -> str:
    """A heading for wire copy with no title: its source and first words after the dateline."""
    body = article.text[article.dateline.span.end :] if article.dateline else article.text
    body = _AGENCY_MARK.sub("", body, count=1)  # ". /TASS/." or "(KCNA) --" after the dateline
    words = " ".join(body.split()[:14])
    source = article.agency or article.outlet
    return f"{source}: {words}…" if source else f"{words}…"


def _article_context(article: Article, key: str | None) -> dict[str, Any]:
    return {
        "article": article,
        "key": key,
        "pieces": pieces(article),
        "attributions": attribution_views(article),
        "quoted": quoted_counts(article),
        "entities": sorted(article.entities, key=lambda e: -len(e.mentions)),
        "title": article.title or untitled(article),
    }


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    store = _config(request).store()
    return _render(
        request,
        "index.html",
        title="newstrace",
        counts=store.counts(),
        speakers=store.speakers(limit=12),
        outlets=store.outlet_voices()[:12],
        articles=store.articles(limit=10),
    )


@router.get("/articles", response_class=HTMLResponse)
def article_list(
    request: Request, outlet: str | None = None, page: Annotated[int, Query(ge=0, le=10_000)] = 0
) -> HTMLResponse:
    rows = _config(request).store().articles(outlet=outlet, limit=51, offset=page * 50)
    return _render(
        request, "articles.html", title="Articles", rows=rows[:50], outlet=outlet, page=page, more=len(rows) > 50
    )


@router.get("/articles/{ref}", response_class=HTMLResponse)
def article_page(request: Request, ref: str) -> HTMLResponse:
    record = _config(request).store().records(ref)[0]
    key = record.pop("key", None)
    article = Article.from_dict(record)
    return _render(request, "article.html", **_article_context(article, key))


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> HTMLResponse:
    return _render(request, "analyze.html", title="Analyze a dispatch", text="", url="", problem=None)


@router.post("/analyze", response_class=HTMLResponse)
def analyze_page(
    request: Request,
    text: Annotated[str, Form(max_length=1_000_000)] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    published: Annotated[str, Form(max_length=10)] = "",
) -> HTMLResponse:
    try:
        body = AnalyzeRequest.model_validate({"text": text or None, "url": url or None, "published": published or None})
        article = analyze_request(_config(request), body)
    except (NewstraceError, ValueError) as exc:
        return _render(
            request, "analyze.html", status=422, title="Analyze a dispatch", text=text, url=url, problem=str(exc)
        )
    return _render(request, "article.html", unsaved=True, **_article_context(article, None))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
    store = _config(request).store()
    found_articles = store.articles(search=q, limit=20) if q.strip() else []
    found_quotes = store.quotes(search=q, limit=50) if q.strip() else []
    return _render(request, "search.html", title=f"Search: {q}", q=q, articles=found_articles, quotes=found_quotes)


@router.get("/speakers", response_class=HTMLResponse)
def speakers(request: Request) -> HTMLResponse:
    rows = _config(request).store().speakers(limit=200)
    return _render(request, "speakers.html", title="Speakers", rows=rows)


def _grouped(quotes: list[Quote]) -> list[tuple[str | None, list[Quote]]]:
    """Quotes in order, the carriers of one quote cluster together under the first of them."""
    groups: OrderedDict[str, tuple[str | None, list[Quote]]] = OrderedDict()
    for q in quotes:
        slot = q.cluster or f"{q.article_key}/{q.attribution_id}"
        groups.setdefault(slot, (q.cluster, []))[1].append(q)
    return list(groups.values())


@router.get("/speakers/{name}", response_class=HTMLResponse)
def speaker_page(request: Request, name: str) -> HTMLResponse:
    store = _config(request).store()
    total = store.count_quotes(speaker=name)
    found = store.quotes(speaker=name, limit=500)
    months: dict[tuple[str, str], int] = {}
    for q in found:
        if q.published:
            slot = (q.published[:7], q.kind)
            months[slot] = months.get(slot, 0) + 1
    chart = bar_chart(
        [(m, k, n) for (m, k), n in months.items()], series=("direct", "indirect", "speech_act", "belief")
    )
    identity = store.identities(name=name, limit=1)
    return _render(
        request,
        "speaker.html",
        title=name,
        name=name,
        total=total,
        groups=_grouped(found),
        shown=len(found),
        chart=chart,
        identity=identity[0] if identity else None,
    )


@router.get("/outlets", response_class=HTMLResponse)
def outlets(request: Request) -> HTMLResponse:
    store = _config(request).store()
    return _render(request, "outlets.html", title="Outlets", rows=store.outlet_voices())


@router.get("/outlets/{name}", response_class=HTMLResponse)
def outlet_page(request: Request, name: str) -> HTMLResponse:
    store = _config(request).store()
    voices = store.outlet_voices(outlet=name)
    by_month = store.persuasion(outlet=name, by=("month", "voice"))
    techniques = store.persuasion(outlet=name, by=("technique", "voice"), limit=40)
    chart = bar_chart([(c.month or "?", c.voice or "", c.spans) for c in by_month], series=("outlet", "attributed"))
    return _render(
        request,
        "outlet.html",
        title=name,
        name=name,
        voice=voices[0] if voices else None,
        speakers=store.speakers(outlet=name, limit=30),
        techniques=techniques,
        chart=chart,
    )


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, page: Annotated[int, Query(ge=0, le=10_000)] = 0) -> HTMLResponse:
    rows = _config(request).store().stories(min_articles=2, limit=51, offset=page * 50)
    return _render(request, "stories.html", title="Stories", rows=rows[:50], page=page, more=len(rows) > 50)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    summary, coverage = compare_story(_config(request).store(), story_id)
    return _render(request, "story.html", title=summary.title or story_id, story=summary, coverage=coverage)


@router.get("/quote-clusters/{cluster_id}", response_class=HTMLResponse)
def cluster_page(request: Request, cluster_id: str) -> HTMLResponse:
    store = _config(request).store()
    found = store.quote_clusters(ids=[cluster_id], shared=False, limit=1)
    if not found:
        from ..errors import Errors, StoreError

        raise StoreError(Errors.E068.format(ref=cluster_id))
    return _render(request, "cluster.html", title=f"Statement {cluster_id}", cluster=found[0])


@router.get("/relays", response_class=HTMLResponse)
def relays(request: Request) -> HTMLResponse:
    store = _config(request).store()
    edges = store.relay_edges(limit=200)
    nodes, links, height = relay_layout([(e.source, e.target, e.attributions) for e in edges[:30]])
    chains = store.relay_chains(min_length=3, limit=30)
    return _render(
        request, "relays.html", title="Relays", edges=edges, nodes=nodes, links=links, height=height, chains=chains
    )
