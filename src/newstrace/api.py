"""The library functions every interface (CLI, HTTP, UI) calls."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .pipeline import ErrorPolicy, get_pipeline
from .record import Article
from .settings import Settings, load_settings


def analyze(
    text: str,
    *,
    published: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
    settings: Settings | None = None,
) -> Article:
    """Analyze one article and return its record; raises on failure (strict)."""
    article = Article(text=text, published=published, outlet=outlet, url=url, title=title)
    pipeline = get_pipeline(settings or load_settings(), on_error="raise")
    return pipeline(article)


def analyze_many(
    articles: Iterable[Article],
    *,
    settings: Settings | None = None,
    on_error: ErrorPolicy = "record",
) -> Iterator[Article]:
    """Analyze a stream of articles, batching the parse; failures are recorded on the article."""
    pipeline = get_pipeline(settings or load_settings(), on_error=on_error)
    yield from pipeline.pipe(articles)
