"""newstrace: who said what, on whose word, in what words.

Public API::

    import newstrace
    article = newstrace.analyze(text, published="2025-10-24")
    print(article.to_json())
    for item in newstrace.analyze_corpus(["articles/", "corpus.jsonl.gz"]):   # Articles, or failures
        ...
    report = newstrace.ingest(["news.jsonl.gz"], db="news.db")   # analyze and store a corpus
"""

from __future__ import annotations

from .errors import (
    ConfigError,
    EvaluationError,
    InputError,
    NewstraceError,
    PipelineError,
    SchemaError,
    StoreError,
)
from .ingest import ingest, retry
from .pipeline import register_stage
from .record import SCHEMA_VERSION, Article, Attribution, Entity, Span, Speaker, TimeExpression
from .run import CorpusReport, analyze, analyze_corpus
from .settings import Settings, load_settings
from .sources import Failed, Skipped
from .stage import Stage

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Attribution",
    "ConfigError",
    "CorpusReport",
    "Entity",
    "EvaluationError",
    "Failed",
    "InputError",
    "NewstraceError",
    "PipelineError",
    "SchemaError",
    "Settings",
    "Skipped",
    "Span",
    "Speaker",
    "Stage",
    "StoreError",
    "TimeExpression",
    "__version__",
    "analyze",
    "analyze_corpus",
    "ingest",
    "load_settings",
    "register_stage",
    "retry",
]
