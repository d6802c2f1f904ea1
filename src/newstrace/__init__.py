"""newstrace: who said what, on whose word, in what words.

Public API::

    import newstrace
    article = newstrace.analyze(text, published="2025-10-24")
    print(article.to_json())
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
)
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
    "InputError",
    "NewstraceError",
    "PipelineError",
    "SchemaError",
    "Settings",
    "Span",
    "Speaker",
    "TimeExpression",
    "__version__",
    "analyze",
    "analyze_many",
    "load_settings",
]
