"""newstrace: who said what, on whose word, in what words.

Public API::

    import newstrace
    article = newstrace.analyze(text, published="2025-10-24")
    print(article.to_json())
    report = newstrace.ingest(["news.jsonl.gz"], db="news.db")   # analyze and store a corpus
"""

from __future__ import annotations

from .api import analyze, analyze_many
from .errors import (
    ConfigError,
    EvaluationError,
    InputError,
    NewstraceError,
    PipelineError,
    SchemaError,
    StoreError,
)
from .ingest import IngestReport, ingest
from .record import SCHEMA_VERSION, Article, Attribution, Entity, Span, Speaker, TimeExpression
from .settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Attribution",
    "ConfigError",
    "Entity",
    "EvaluationError",
    "IngestReport",
    "InputError",
    "NewstraceError",
    "PipelineError",
    "SchemaError",
    "Settings",
    "Span",
    "Speaker",
    "StoreError",
    "TimeExpression",
    "__version__",
    "analyze",
    "analyze_many",
    "ingest",
    "load_settings",
]
